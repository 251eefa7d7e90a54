"""Bounds on one YAML document: hostile input gets a finding, never a crash.

A « billion laughs » is a few hundred bytes: ten anchors, each a list of nine
aliases to the one before, stand for 9**10 values once expanded, and a
position-keeping loader would try to record each of them. A list nested
thousands deep exhausts Python's stack. Both are refused *while the document is
composed*: the composer below counts, for every node, the values it stands for
with its aliases expanded, and how deeply it is nested, and stops at the first
node past a bound, naming its line and column. Nothing larger than the text
itself is ever built.

libyaml composes a document without aliases in C, up to 1000 levels deep (its
own limit); the builder of :mod:`rrma.core.yamlpos` checks the depth of those
before it walks them (:func:`check_depth`).
"""

from __future__ import annotations

from typing import Any

from yaml.composer import Composer
from yaml.events import AliasEvent, CollectionStartEvent
from yaml.nodes import Node, ScalarNode

from .catalogue import hint_for
from .diagnostics import Diagnostic

# Real content nests three levels (a resource, its attachments, one attachment); the
# largest taxonomy is a few hundred values. Both bounds are far above that and far
# below what would exhaust the stack (about 1000 levels) or the memory (millions of values).
MAX_DEPTH = 50
MAX_VALUES = 100_000


def _number(n: int) -> str:
    return f"{n:,}".replace(",", " ")


class BoundExceeded(Exception):
    """A document past a bound, as the finding to report (positions in the YAML text, 1-based)."""

    def __init__(self, line: int, column: int, code: str, field: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line, self.column, self.code, self.field, self.message, self.hint = line, column, code, field, message, hint

    def diagnostic(self, path: str, line_offset: int) -> Diagnostic:
        return Diagnostic(path, self.line + line_offset, self.column, self.code, self.field, self.message, self.hint)


def too_deep(mark: Any, field: str) -> BoundExceeded:
    return BoundExceeded(mark.line + 1, mark.column + 1, "RRMA031", field,
                         f"listes et groupes imbriqués sur plus de {MAX_DEPTH} niveaux, attendu au plus {MAX_DEPTH}", hint_for("RRMA031"))


def check_depth(depth: int, mark: Any, field: str) -> None:
    """For a collection inside ``depth`` others: refused past :data:`MAX_DEPTH` levels."""
    if depth >= MAX_DEPTH:
        raise too_deep(mark, field)


class BoundedComposer(Composer):
    """PyYAML's composer, refusing a document deeper than :data:`MAX_DEPTH` or standing for
    more than :data:`MAX_VALUES` values once its aliases are expanded."""

    def __init__(self) -> None:
        Composer.__init__(self)
        self._depth = 0  # collections open around the node being composed
        self._values = 0  # values so far, each alias counted as everything it repeats
        self._sizes: dict[int, int] = {}  # anchored node → the values it stands for
        self._path: list[Any] = []  # where the composer is, for the field name

    def compose_document(self) -> Node | None:
        self._depth, self._values, self._sizes, self._path = 0, 0, {}, []
        return super().compose_document()  # type: ignore[no-any-return]

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._path.append(index.value if isinstance(index, ScalarNode) else index)
        try:
            event = self.peek_event()
            if isinstance(event, AliasEvent):
                node = super().compose_node(parent, index)  # an unknown anchor raises PyYAML's own error
                repeated = self._sizes.get(id(node), 1)  # an anchor still being composed: recursive, the builder says so
                self._values += repeated
                if self._values > MAX_VALUES:
                    raise BoundExceeded(
                        event.start_mark.line + 1, event.start_mark.column + 1, "RRMA032", self._field(),
                        f"l'alias « *{event.anchor} » répète {_number(repeated)} valeurs : le document en compterait plus de "
                        f"{_number(MAX_VALUES)} une fois ses alias développés, attendu au plus {_number(MAX_VALUES)}", hint_for("RRMA032"))
                return node  # type: ignore[no-any-return]
            before = self._values
            self._values += 1
            if self._values > MAX_VALUES:
                raise BoundExceeded(event.start_mark.line + 1, event.start_mark.column + 1, "RRMA022", self._field(),
                                    f"le document compte plus de {_number(MAX_VALUES)} valeurs, attendu au plus {_number(MAX_VALUES)}",
                                    "un fichier de contenu ne décrit qu'un élément : raccourcissez les listes")
            nested = isinstance(event, CollectionStartEvent)
            if nested:
                check_depth(self._depth, event.start_mark, self._field())
                self._depth += 1
            try:
                node = super().compose_node(parent, index)
            finally:
                self._depth -= nested
            if getattr(event, "anchor", None) is not None:
                self._sizes[id(node)] = self._values - before
            return node  # type: ignore[no-any-return]
        finally:
            self._path.pop()

    def _field(self) -> str:
        return ".".join(p for p in self._path if isinstance(p, str))
