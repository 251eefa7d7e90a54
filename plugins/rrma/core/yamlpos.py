"""YAML loading that keeps the line and column of every key and value.

Why not ``yaml.safe_load``: it forgets positions, keeps the last of two
duplicate keys without a word, and turns ``2026-11-14`` into a ``date`` before
our model can say anything. Here PyYAML only *composes* the node graph; this
module turns nodes into plain Python values and records a :class:`Positions`
tree on the way (the approach of Dagster's ``yaml_utils``).

Scalars resolve as in YAML 1.1 (PyYAML's rules: ``no`` is false, ``12:30`` is
the number 750), except that timestamps stay text (the model parses dates) and
``1e3`` is a number, as YAML 1.2 tools such as editors read it. The raw text of
every plain scalar is kept, so a field that expects text can explain the
surprise instead of printing « expected a string ».
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .catalogue import hint_for
from .diagnostics import Diagnostic
from .yamlbounds import BoundedComposer, BoundExceeded, check_depth
from .yamlsyntax import problem_fr, quote_value, syntax_problem, untab

Loc = tuple[str | int, ...]


class Span(NamedTuple):
    """1-based line and column of a node's first character (a tuple: hundreds of thousands are made)."""

    line: int
    column: int


class Scalar(NamedTuple):
    """What the editor wrote for a scalar: its raw text and whether it was quoted."""

    raw: str
    plain: bool
    tag: str
    style: str | None = None  # None (plain), "'", '"', "|" or ">"


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts."""

    # (line, column) pairs, made Spans when asked for: a large site has a million of them
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[Loc, Scalar] = field(default_factory=dict)
    origin: Span = Span(1, 1)

    def value(self, loc: Loc) -> Span:
        """Span of the value at ``loc``, or of its nearest existing ancestor."""
        for end in range(len(loc), -1, -1):
            span = self.values.get(loc[:end])
            if span is not None:
                return Span(*span)
        return self.origin

    def key(self, loc: Loc) -> Span:
        """Span of the key naming ``loc`` (falls back to its value)."""
        span = self.keys.get(loc)
        return Span(*span) if span is not None else self.value(loc)

    def parent(self, loc: Loc) -> Span:
        """Where a missing field should be reported: the key of its parent mapping."""
        if len(loc) <= 1:
            return self.origin
        return self.key(loc[:-1])


class _Resolver(BaseResolver):
    """PyYAML's YAML 1.1 resolver without timestamps, with YAML 1.2 exponents."""


_IMPLICIT = [
    ("tag:yaml.org,2002:bool", r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$", list("yYnNtTfFoO")),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
        |\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        list("-+0123456789."),
    ),
    (
        "tag:yaml.org,2002:int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0[0-7_]+
        |[-+]?(?:0|[1-9][0-9_]*)
        |[-+]?0x[0-9a-fA-F_]+
        |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
        list("-+0123456789"),
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _IMPLICIT:
    _Resolver.add_implicit_resolver(_tag, re.compile(_pattern, re.X), _first)


class _Loader(Reader, Scanner, Parser, BoundedComposer, _Resolver):
    """Pure-Python composer: its error messages are the ones :mod:`.yamlsyntax` translates."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        BoundedComposer.__init__(self)
        _Resolver.__init__(self)


try:  # libyaml composes the same node graph, with the same marks, several times faster
    from yaml.cyaml import CParser

    class _FastLoader(CParser, _Resolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)

    class _CountingLoader(CParser, BoundedComposer, _Resolver):  # type: ignore[misc]
        """libyaml's events, composed in Python to count what aliases expand to (see :mod:`.yamlbounds`)."""

        get_single_node = BoundedComposer.get_single_node

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            BoundedComposer.__init__(self)
            _Resolver.__init__(self)

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _CountingLoader = _Loader  # type: ignore[misc,assignment]


_BOOL_TRUE = {"yes", "true", "on"}


def _int(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if ":" in text:
        value = 0
        for part in text.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if len(text) > 1 and text.startswith("0"):
        return sign * int(text, 8)
    return sign * int(text)


def _float(text: str) -> float:
    text = text.replace("_", "").lower()
    if text.endswith((".inf",)):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    if ":" in text:
        sign = -1 if text.startswith("-") else 1
        value = 0.0
        for part in text.lstrip("+-").split(":"):
            value = value * 60 + float(part)
        return sign * value
    return float(text)


def _field(loc: Loc) -> str:
    return ".".join(p for p in loc if isinstance(p, str))


@dataclass
class Loaded:
    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]


class _Builder:
    """Turns a composed node graph into Python values, recording positions."""

    def __init__(self, path: str, line_offset: int, lines: list[str] | None = None) -> None:
        self.path = path
        self.offset = line_offset
        self.lines = lines  # the text, when a value may be followed by a comment (see comment_after)
        self.positions = Positions(origin=Span(1 + line_offset if line_offset else 1, 1))
        self.diagnostics: list[Diagnostic] = []

    def span(self, node: Node) -> Span:
        return Span(node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def error(self, node: Node, code: str, field_name: str, message: str, hint: str | None = None) -> None:
        span = self.span(node)
        self.diagnostics.append(
            Diagnostic(self.path, span.line, span.column, code, field_name, message, hint or hint_for(code))
        )

    def build(self, node: Node, loc: Loc, active: tuple[int, ...] = ()) -> Any:
        mark = node.start_mark
        self.positions.values[loc] = (mark.line + 1 + self.offset, mark.column + 1)
        if isinstance(node, ScalarNode):  # most nodes: the field name is only needed for an error
            if self.lines is not None and not node.style and loc:
                self.comment_after(node, loc)
            if node.tag == "tag:yaml.org,2002:str" and not node.style:  # plain text, the commonest
                return node.value
            return self.scalar(node, loc)
        field_name = _field(loc)
        if id(node) in active:
            self.error(node, "RRMA027", field_name, "alias YAML récursif")
            return None
        check_depth(len(active), mark, field_name)  # libyaml composes up to 1000 levels: stop before walking them
        active = (*active, id(node))
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.error(node, "RRMA027", field_name, f"étiquette YAML « {node.tag} » non prise en charge")
            return [self.build(item, (*loc, i), active) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        if node.tag != "tag:yaml.org,2002:map":
            self.error(node, "RRMA027", field_name, f"étiquette YAML « {node.tag} » non prise en charge")
        result: dict[str, Any] = {}
        first_seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node, "RRMA027", field_name, "la fusion YAML `<<` n'est pas prise en charge")
                continue
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, "RRMA026", field_name, "un nom de champ doit être un simple mot, pas une liste ni un groupe")
                continue
            key = key_node.value
            key_mark = key_node.start_mark
            key_span = (key_mark.line + 1 + self.offset, key_mark.column + 1)
            if key in first_seen:
                earlier = first_seen[key]
                child = _field((*loc, key))
                self.error(
                    key_node,
                    "RRMA007",
                    child,
                    f"champ déjà présent ligne {earlier[0]}",
                    f"gardez une seule fois `{key}` (YAML ne garderait que la dernière valeur, sans prévenir)",
                )
                continue
            first_seen[key] = key_span
            self.positions.keys[(*loc, key)] = key_span
            result[key] = self.build(value_node, (*loc, key), active)
        return result

    def comment_after(self, node: ScalarNode, loc: Loc) -> None:
        """« title: Monter un projet #1 »: YAML reads « #1 » as a comment and drops it, silently.
        (The builder only gets the text when it has a « # ».)"""
        assert self.lines is not None
        end = node.end_mark
        line = self.lines[end.line] if end.line < len(self.lines) else ""
        # « #1 », « #ODD »: text the editor meant; « # voir … », with a space, is a comment written on purpose
        found = re.match(r"\s+#(?=[^\s#])", line[end.column:]) if node.value else None
        if not found:
            return
        column = end.column + found.end()  # 1-based column of the « # »
        dropped = line[column - 1:].strip()
        written = f"{node.value} {dropped}" if node.value else dropped
        self.diagnostics.append(Diagnostic(
            self.path, end.line + 1 + self.offset, column, "RRMA013", _field(loc),
            f"« {dropped} » est lu comme un commentaire YAML et ne serait pas publié, attendu la valeur entière entre guillemets",
            f'si « # » fait partie du texte, écrivez : {loc[-1]}: "{written}" ; un commentaire se met sur une ligne à part' if isinstance(loc[-1], str)
            else f'si « # » fait partie du texte, mettez-le entre guillemets : "{written}" ; un commentaire se met sur une ligne à part'))

    def scalar(self, node: ScalarNode, loc: Loc) -> Any:
        text = node.value
        style = node.style or None  # libyaml says "" where PyYAML says None: plain
        tag = node.tag
        if tag in ("tag:yaml.org,2002:str", "!"):
            if style in ("|", ">"):  # block scalars: markup positions count from their first line
                self.positions.scalars[loc] = Scalar(text, False, tag, style)
            return text
        # What the editor wrote is kept only where YAML read something other than text:
        # that is where a « no » or a « 12:30 » needs explaining.
        self.positions.scalars[loc] = Scalar(text, style is None, tag, style)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return text.lower() in _BOOL_TRUE
        if tag == "tag:yaml.org,2002:int":
            if re.fullmatch(r"0[0-9_]+", text):  # « 024 », « 06 »: a code as written, not YAML 1.1's octal 20
                return text
            return _int(text)
        if tag == "tag:yaml.org,2002:float":
            return _float(text)
        self.error(node, "RRMA027", _field(loc), f"étiquette YAML « {tag} » non prise en charge")
        return text


def load_yaml(text: str, path: str, line_offset: int = 0) -> Loaded:
    """Parse one YAML document, returning data, positions and diagnostics.

    ``line_offset`` is the number of lines before ``text`` in its file (1 for
    front matter after the opening ``---``), so every position is a real line
    of the file the editor has open. On a syntax error ``data`` is None, unless
    the error is one the reading can step over (tabs in indentation, an unquoted
    « : » in a value): then it is reported and the rest of the file is read.
    """
    tab, texts = untab(text, path, line_offset)
    tabs = [tab] if tab else []
    text = _untabbed(texts) if tab else texts[0]
    # Only a document with an anchor and an alias can expand beyond its text: that one is counted.
    fast = _CountingLoader(text) if "&" in text and "*" in text else _FastLoader(text)
    try:
        node = fast.get_single_node()
    except BoundExceeded as exc:
        return Loaded(None, Positions(), [*tabs, exc.diagnostic(path, line_offset)])
    except yaml.YAMLError:
        node = None  # parsed again below, for the pure-Python loader's messages
    else:
        if node is None:
            return Loaded(None, Positions(origin=Span(1 + line_offset if line_offset else 1, 1)), tabs)
    finally:
        fast.dispose()
    if node is None:  # only to explain what went wrong: the pure-Python loader's messages are precise
        node, text, problems = _explain(text, path, line_offset, tabs)
        if node is None:
            return Loaded(None, Positions(), problems)
        tabs = problems  # a syntax error it could step over: reported, and the rest of the file read
    builder = _Builder(path, line_offset, text.split("\n") if "#" in text else None)
    try:
        data = builder.build(node, ())
    except BoundExceeded as exc:
        return Loaded(None, Positions(), [*tabs, exc.diagnostic(path, line_offset)])
    return Loaded(data, builder.positions, tabs + builder.diagnostics)


def _read(text: str) -> tuple[bool, Any]:
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return True, _Builder("", 0, None).build(node, ()) if node is not None else None
    except (yaml.YAMLError, BoundExceeded):
        return False, None
    finally:
        loader.dispose()


def _untabbed(texts: list[str]) -> str:
    """Tabs read as one space keep every column, but only mean what the editor meant where
    reading them as the file's indentation gives the same data (« \t- a » under « - b »)."""
    narrow, wide = (_read(t) for t in texts)
    return texts[1] if wide[0] and (not narrow[0] or narrow[1] != wide[1]) else texts[0]


def _explain(text: str, path: str, line_offset: int, tabs: list[Diagnostic]) -> tuple[Node | None, str, list[Diagnostic]]:
    """Parse with the pure-Python loader: the node, or the diagnostics of a syntax error.

    An unquoted « : » in a value is stepped over (the value read as if quoted, at most
    twenty times), so that one such slip does not hide the file's other findings."""
    problems = list(tabs)
    for _ in range(20):
        loader = _Loader(text)
        try:
            return loader.get_single_node(), text, problems
        except BoundExceeded as exc:
            return None, text, [*problems, exc.diagnostic(path, line_offset)]
        except yaml.MarkedYAMLError as exc:
            if tabs:  # the tabs replaced by spaces may be what broke it: say only what is sure
                return None, text, tabs
            mark, problem, hint = syntax_problem(exc, text)
            line = (mark.line + 1 + line_offset) if mark else 1 + line_offset
            column = (mark.column + 1) if mark else 1
            repaired = quote_value(exc, text)
            if repaired is None:
                return None, text, [*problems, Diagnostic(path, line, column, "RRMA005", "", problem, hint)]
            text, fixed = repaired
            problems.append(Diagnostic(path, line, column, "RRMA005", "", problem, f"mettez la valeur entre guillemets : `{fixed}`"))
        except yaml.YAMLError as exc:  # reader errors: control characters and the like
            return None, text, [*problems, Diagnostic(path, 1 + line_offset, 1, "RRMA005", "", problem_fr(str(exc)), hint_for("RRMA005"))]
        finally:
            loader.dispose()
    return None, text, problems[:1]
