"""The portal's content, loaded and checked before MkDocs touches ``site/``."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from ..core.diagnostics import Diagnostic
from ..core.yamlpos import Positions
from ..kinds.base import EntryCache
from ..kinds.site import Site, load_site
from ..project import Project

log = get_plugin_logger("rrma")
NO_POSITIONS = Positions()
# Shown by the preview instead of a text nested too deep for Markdown (RRMA031), which would stop the build.
DEEP_TEXT = "*Texte non affiché : il est imbriqué trop profondément pour être converti (voir le problème signalé pour ce fichier).*"


class ContentManager:
    """Loads the data folders with :func:`rrma.kinds.site.load_site`, as ``rrma check`` does.

    Under ``mkdocs serve`` it keeps the files it parsed (``EntryCache``), so a
    save re-reads only what changed.
    """

    def __init__(self) -> None:
        self.project: Project | None = None
        self.site: Site | None = None
        self.problems: list[Diagnostic] = []
        self._cache: EntryCache = {}

    def load(self, project: Project, *, keep_cache: bool, drafts: bool) -> list[Diagnostic]:
        """Load and check everything; log each problem (``--strict`` counts them) and return them."""
        self.project = project
        site, problems = load_site(project, self._cache if keep_cache else None)
        self.problems = problems
        for problem in problems:
            log.error(f"{problem.headline()}\n    conseil : {problem.hint} [{problem.code}]")
        self.site = _without_deep_texts(site.published(include_drafts=drafts), problems)
        if not keep_cache:  # where each value was in its file only serves to report problems, all reported now
            for entry in (*self.site.networks, *self.site.events, *self.site.resources, *self.site.calls, *self.site.figures):
                entry.positions = NO_POSITIONS
        return problems

    def folders(self) -> list[Path]:
        """The data folders, which live outside ``docs_dir``: the preview watches them."""
        if self.project is None:
            return []
        project = self.project
        names = (project.networks_dir, project.events_dir, project.resources_dir, project.calls_dir, project.taxonomies_dir, project.observatory_dir)
        return [project.dir(name) for name in names if project.dir(name).is_dir()]


def _without_deep_texts(site: Site, problems: list[Diagnostic]) -> Site:
    """The site with every Markdown text that RRMA031 found nested too deep replaced by a notice:
    a build stops on the finding anyway, the preview shows the rest of the page and keeps serving.
    The cached entries are left as read, so the next rebuild finds the same problem."""
    deep = {(p.path, p.field) for p in problems if p.code == "RRMA031" and p.field in ("texte", "description")}
    if not deep:
        return site
    def fix(entry: Any) -> Any:
        if (entry.path, "texte") in deep:
            return replace(entry, body=DEEP_TEXT)
        if (entry.path, "description") in deep and getattr(entry.data, "description", None):
            return replace(entry, data=entry.data.model_copy(update={"description": DEEP_TEXT}))
        return entry
    return replace(site, **{f.name: [fix(e) for e in value] for f in fields(site) if isinstance(value := getattr(site, f.name), list)})
