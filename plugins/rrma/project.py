"""Where a portal's content lives, and the limits that apply to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .core.types import PARIS


def _today() -> date:
    from datetime import datetime

    return datetime.now(PARIS).date()


@dataclass(frozen=True)
class Project:
    """A portal checkout: the data folders and the checks' limits.

    The MkDocs plugin builds one from its options; ``rrma check`` from its
    defaults. ``today`` is explicit so "upcoming" is testable.
    """

    root: Path
    networks_dir: str = "networks"
    events_dir: str = "events"
    resources_dir: str = "resources"
    taxonomies_dir: str = "taxonomies"
    docs_dir: str = "content"  # the hand-written pages (MkDocs's docs_dir)
    max_attachment_bytes: int = 20 * 1024 * 1024
    max_logo_bytes: int = 512 * 1024
    iframe_hosts: tuple[str, ...] = ()  # hosts an <iframe> in contributed Markdown may show
    today: date = field(default_factory=_today)

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
