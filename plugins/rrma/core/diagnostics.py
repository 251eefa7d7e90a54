"""Diagnostics: one problem found in one file, at a line and column.

Why a plain dataclass and not exceptions: every problem of a run is collected,
then reported together (``rrma check`` and the MkDocs build print the same list).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .catalogue import NOTICES


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in a content file.

    ``path`` is relative to the project root with ``/`` separators; ``line`` and
    ``column`` are 1-based. ``field`` is the dotted key path (empty for problems
    about the whole file). ``message`` says what is wrong and what is expected;
    ``hint`` says how to fix it. All texts are in French: editors read them.
    """

    path: str
    line: int
    column: int
    code: str
    field: str = ""
    message: str = ""
    hint: str = ""

    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    def headline(self) -> str:
        """``path:line:col: champ : message`` — the line editors and CI read."""
        subject = f"{self.field} : " if self.field else ""
        return f"{self.location()}: {subject}{self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Report:
    """Collects diagnostics across a whole run, without duplicates."""

    items: list[Diagnostic] = field(default_factory=list)
    _seen: set[tuple[str, int, int, str, str]] = field(default_factory=set, repr=False)

    def add(self, diagnostic: Diagnostic) -> None:
        key = (diagnostic.path, diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.field)
        if key in self._seen:
            return
        self._seen.add(key)
        self.items.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.path, d.line, d.column, d.code, d.field))

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def internal_error(exc: BaseException) -> str:
    """The start of the last-resort message for a bug in rrma (never a traceback: editors read it)."""
    detail = f" : {exc}" if str(exc) else ""  # MemoryError() says nothing
    return f"Erreur interne de rrma ({type(exc).__name__}{detail})"


def format_text(diagnostics: list[Diagnostic]) -> str:
    """Human format: the headline, then the hint and the code on an indented line."""
    lines: list[str] = []
    for d in diagnostics:
        lines.append(d.headline())
        tail = f"conseil : {d.hint} " if d.hint else ""
        lines.append(f"    {tail}[{d.code}{', remarque' if d.code in NOTICES else ''}]")
    return "\n".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so each problem is annotated on its line."""
    lines = []
    for d in diagnostics:
        title = f"{d.code} {d.field}".strip()
        body = d.message + (f" — conseil : {d.hint}" if d.hint else "")
        level = "notice" if d.code in NOTICES else "error"
        lines.append(
            f"::{level} file={_escape_property(d.path)},line={d.line},col={d.column},"
            f"title={_escape_property(title)}::{_escape_data(body)}"
        )
    return "\n".join(lines)


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([d.as_dict() for d in diagnostics], ensure_ascii=False, indent=2, sort_keys=True)
