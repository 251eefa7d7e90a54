"""Where a portal's content lives, and the limits that apply to it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .core.source import MAX_CONTENT_BYTES
from .core.types import PARIS


def _today() -> date:
    from datetime import datetime

    return datetime.now(PARIS).date()


@dataclass(frozen=True)
class Project:
    """A portal checkout: the data folders and the checks' limits.

    The MkDocs plugin and every ``rrma`` command make theirs with
    :func:`project_from_options`, from the plugin's options in mkdocs.yml.
    ``today`` is explicit so "upcoming" is testable.
    """

    root: Path
    networks_dir: str = "networks"
    events_dir: str = "events"
    resources_dir: str = "resources"
    calls_dir: str = "calls"
    taxonomies_dir: str = "taxonomies"
    observatory_dir: str = "observatory"  # the networks' figures: <réseau>/<année>.yml
    docs_dir: str = "content"  # the hand-written pages (MkDocs's docs_dir)
    max_attachment_bytes: int = 20 * 1024 * 1024
    max_logo_bytes: int = 512 * 1024
    max_content_bytes: int = MAX_CONTENT_BYTES  # a YAML or Markdown content file, checked before it is read
    iframe_hosts: tuple[str, ...] = ()  # hosts an <iframe> in contributed Markdown may show
    today: date = field(default_factory=_today)
    # content files Git does not know yet (``rrma check`` fills it): a notice may concern only what is being added
    new_files: frozenset[str] = frozenset()

    def rel(self, path: Path) -> str:
        """A path as editors see it: relative to the root, with ``/``."""
        try:  # files listed from the root's folders: no need to ask the file system
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def dir(self, name: str) -> Path:
        return self.root / name


# The plugin options (rrma/config.py) that say where the content is and what it may contain.
# The others (enabled, cms, drafts, node_modules_dir…) are about the build, not the content.
_CONTENT_OPTIONS = ("networks_dir", "events_dir", "resources_dir", "calls_dir", "taxonomies_dir", "observatory_dir")


def project_from_options(options: Mapping[str, Any], root: Path, docs_dir: str | os.PathLike[str] | None = None) -> Project:
    """The :class:`Project` of the plugin and of every ``rrma`` command: from the ``rrma`` plugin's validated options.

    ``options`` is the plugin's config as MkDocs validated it (``RrmaConfig``,
    read as a plain mapping: nothing here imports MkDocs); an option it lacks
    keeps :class:`Project`'s default, so ``{}`` gives the defaults. ``root`` is
    the folder of mkdocs.yml, which the data folders are relative to;
    ``docs_dir`` is MkDocs's ``docs_dir``, absolute (as MkDocs gives it) or
    relative to ``root``; ``None`` keeps the default.
    """
    settings: dict[str, Any] = {name: options[name] for name in _CONTENT_OPTIONS if name in options}
    if "iframe_hosts" in options:
        settings["iframe_hosts"] = tuple(options["iframe_hosts"])
    if docs_dir is not None:
        docs = Path(docs_dir)
        settings["docs_dir"] = Path(os.path.relpath(docs, root)).as_posix() if docs.is_absolute() else docs.as_posix()
    return Project(root, **settings)
