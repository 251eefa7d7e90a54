"""The ``rrma`` MkDocs plugin: a thin adapter over :func:`rrma.kinds.site.load_site`.

Content is loaded and checked in ``on_pre_build``, which MkDocs runs before it
empties ``site/``: a content error stops ``mkdocs build`` with every problem
listed and the previous site untouched. Under ``mkdocs serve`` the same
problems are logged and the server keeps running.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from .config import RrmaConfig
from .kinds.site import Site, load_site
from .project import Project

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


class RrmaPlugin(BasePlugin[RrmaConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.project: Project | None = None
        self.site: Site | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.project = Project(
            root,
            networks_dir=self.config.networks_dir,
            events_dir=self.config.events_dir,
            resources_dir=self.config.resources_dir,
            taxonomies_dir=self.config.taxonomies_dir,
        )
        return None

    @property
    def show_drafts(self) -> bool:
        return self.is_serve if self.config.drafts is None else self.config.drafts

    # Before MkDocs cleans site/: a broken tree must leave the last good site in place.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.project is None:
            return
        site, problems = load_site(self.project)
        for problem in problems:
            log.error(f"{problem.headline()}\n    conseil : {problem.hint} [{problem.code}]")
        if problems and not self.is_serve:
            raise PluginError(
                f"{len(problems)} erreur(s) de contenu : le site n'a pas été construit. "
                "Corrigez-les (la commande `rrma check` donne la même liste) puis relancez."
            )
        self.site = site.published(include_drafts=self.show_drafts)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The data folders live outside docs_dir: watch them so an edit rebuilds.
        if self.project is not None:
            for name in (self.project.networks_dir, self.project.events_dir, self.project.resources_dir, self.project.taxonomies_dir):
                folder = self.project.dir(name)
                if folder.is_dir():
                    server.watch(str(folder), recursive=True)
        return server
