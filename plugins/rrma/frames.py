"""Rendering generated pages fast: the theme's frame rendered once, reused where nothing it read differs.

Every generated page of one kind (a resource, a library listing…) shares most of
Material's page: navigation, footer, scripts, icons. Rendering them again for
each of 10,000 pages was most of the build. :class:`Frames` renders a page once
with its context recorded (:mod:`rrma.trace`) and its own parts — the blocks in
:data:`REGIONS`: ``<head>`` metadata and title, the content — left
as slots. Another page reuses that frame only if replaying the recording on its
own context gives exactly the same outcomes: every attribute, length, item and
call the templates saw outside those blocks, the table of contents and the
navigation's state included. The slots are then filled with the page's own
blocks, rendered with the page's own context.

Nothing here knows what Material's templates read: a template that starts
reading another value of the page, a plugin that adds a value to the context,
and the frame is keyed on it by construction. What cannot be recorded is not
guessed: that page is rendered in full. The first page of every frame is also
rendered in full and compared, which checks that recording did not change what
the templates wrote (a proxy is not always the value it stands for).

Values the whole build shares are passed as they are, by identity (``config``,
MkDocs's file list, and the plugin's feeds and problem list, which are the same
objects for every page): they are part of the key, not of the recording.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup

from .trace import Recorder, Trace, record_context_filters

# Blocks of Material's base.html a page fills with its own values. Any other block is part of the frame:
# if it reads the page (the header would, if it showed the page's title), the frame is keyed on what it read.
REGIONS = ("site_meta", "htmltitle", "extrahead", "content")
# Context values that are the same object for every page of a build.
CONSTANTS = frozenset({"config", "pages", "rrma_feeds", "rrma_problems"})
MAX_FRAMES = 8  # per template and context shape; the least recently used goes first

# kind → (template, variable, extra context); "month-event": an event under a month heading (its title one level down)
CARD_TEMPLATES: dict[str, tuple[str, str, dict[str, Any]]] = {
    "resource": ("rrma/partials/resource-card.html", "r", {}),
    "event": ("rrma/partials/event-card.html", "e", {}),
    "month-event": ("rrma/partials/event-card.html", "e", {"level": 4}),
    "call": ("rrma/partials/call-card.html", "c", {}),
    "year-call": ("rrma/partials/call-card.html", "c", {"level": 4}),
}


@dataclass
class _Slot:
    """Where a region goes, and the template state it was called in."""

    block: str
    values: dict[str, Any]  # the context at the call, as the block saw it
    roots: frozenset[str]  # names whose value is the page's own context value
    blocks: dict[str, list[Any]]
    eval_state: Mapping[str, Any]


@dataclass
class _Frame:
    trace: Trace
    pieces: list[str | _Slot]
    verified: bool = False


@dataclass
class _Group:
    frames: list[_Frame] = field(default_factory=list)
    hits: int = 0
    misses: int = 0
    broken: bool = False


@dataclass
class Frames:
    env: Environment
    enabled: bool = True
    regions: tuple[str, ...] = REGIONS
    stats: Counter[str] = field(default_factory=Counter)
    _groups: dict[tuple[Any, ...], _Group] = field(default_factory=dict)

    def __post_init__(self) -> None:
        record_context_filters(self.env)

    def render(self, name: str, context: dict[str, Any]) -> str:
        template = self.env.get_template(name)
        if not self.enabled:
            return template.render(context)
        constants = sorted(CONSTANTS & context.keys())
        group = self._groups.setdefault((name, tuple(sorted(context)), tuple(id(context[k]) for k in constants)), _Group())
        if not group.broken:
            for index, frame in enumerate(group.frames):
                if frame.trace.matches(context):
                    text = self._use(template, frame, context, group)
                    if text is not None:
                        group.hits += 1
                        group.frames.insert(0, group.frames.pop(index))
                        self.stats["framed"] += 1
                        return text
                    break
            group.misses += 1
            if group.misses <= 2 * group.hits + MAX_FRAMES:  # recording pays for itself
                frame = self._record(template, context)
                if frame is None:
                    group.broken = True
                else:
                    if len(group.frames) >= MAX_FRAMES:
                        group.frames.pop()
                    group.frames.insert(0, frame)
                    text = self._use(template, frame, context, group)
                    if text is not None:
                        self.stats["recorded"] += 1
                        return text
        self.stats["full"] += 1
        return template.render(context)

    def _use(self, template: Template, frame: _Frame, context: dict[str, Any], group: _Group) -> str | None:
        """The frame filled for this page; None if it cannot be (the frame is then dropped)."""
        try:
            text = "".join(piece if type(piece) is str else self._region(template, piece, context) for piece in frame.pieces)
        except Exception:  # noqa: BLE001 - a stale or unrecordable value: the full render says what is wrong, if anything
            group.frames.remove(frame)
            self.stats["unfillable"] += 1
            return None
        if not frame.verified:
            frame.verified = True
            if text != template.render(context):
                group.frames.clear()
                group.broken = True
                self.stats["mismatch"] += 1
                return None
        return text

    def _region(self, template: Template, slot: _Slot, context: dict[str, Any]) -> str:
        values = dict(slot.values)
        for name in slot.roots:
            values[name] = context[name]
        ctx = self.env.context_class(self.env, values, template.name, {}, globals=template.globals)
        ctx.blocks = {name: list(funcs) for name, funcs in slot.blocks.items()}
        ctx.eval_ctx.revert(slot.eval_state)
        return self.env.concat(ctx.blocks[slot.block][0](ctx))  # type: ignore[attr-defined]

    def _record(self, template: Template, context: dict[str, Any]) -> _Frame | None:
        """The page rendered with its context recorded and its regions left as slots."""
        recorder = Recorder(self.env)
        pieces: list[str | _Slot] = []
        literal: list[str] = []
        try:
            with recorder:
                values = recorder.wrap_context(context, CONSTANTS)
                ctx = template.new_context(values)
                sentinels: dict[str, Any] = {}
                for block in self.regions:
                    sentinels[block] = _sentinel(block, values, sentinels)
                    ctx.blocks[block] = [sentinels[block], *ctx.blocks.get(block, ())]
                for chunk in template.root_render_func(ctx):
                    if type(chunk) is _Slot:
                        pieces += ["".join(literal), chunk]
                        literal = []
                    else:
                        literal.append(chunk)
        except Exception:  # noqa: BLE001 - unrecordable (or a template error, which the full render will raise)
            self.stats["unrecordable"] += 1
            return None
        pieces.append("".join(literal))
        return _Frame(recorder.close(), [p for p in pieces if p != ""])


def _sentinel(block: str, values: dict[str, Any], sentinels: dict[str, Any]) -> Any:
    """A stand-in for a region block: it yields a slot holding the state the block was called in."""

    def sentinel(context: Any) -> Any:
        seen = dict(context.get_all())
        blocks = {name: [f for f in funcs if f is not sentinels.get(name)] for name, funcs in context.blocks.items()}
        yield _Slot(block, seen, frozenset(n for n in values if n in seen and seen[n] is values[n]), blocks, context.eval_ctx.save())

    return sentinel


@dataclass
class Cards:
    """Each card rendered once per page depth (its links start with the page's ``base_url``)."""

    env: Environment
    _cache: dict[tuple[str, int, str], tuple[Any, str]] = field(default_factory=dict)

    def __call__(self, kind: str, items: Any, base_url: str) -> Markup:
        name, variable, extra = CARD_TEMPLATES[kind]
        template = self.env.get_template(name)
        out = []
        for item in items or ():
            key = (kind, id(item), base_url)
            cached = self._cache.get(key)
            if cached is None or cached[0] is not item:
                cached = self._cache[key] = (item, template.render({variable: item, "base_url": base_url, **extra}))
            out.append(cached[1])
        return Markup("".join(out))
