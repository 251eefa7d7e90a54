"""Rendering generated pages fast: the theme's frame once per kind of page, cards once per item.

Every generated page of one kind (a resource, a library listing…) at one depth
shares Material's header, navigation, footer and scripts: rendering them again
for each of 10,000 pages was most of the build. Only a few parts of a page are
its own: its content, its ``<head>`` additions, its table of contents, and its
title, description and canonical address. :class:`Frames` renders the whole
template once with placeholder values, cuts out the page's own parts, and then
fills the frame for each page with the parts rendered for that page alone.

Safety net: pages share a frame only if they agree on everything the frame's
shape may depend on (template, depth, navigation, front matter keys, which of
their own values are empty). The first two pages of every frame, which differ at
least in address and content, are also rendered in full and compared byte for
byte: if the theme ever makes the frame depend on the page in another way, the
comparison fails and pages of that kind are rendered in full.

:class:`Cards` renders a resource or event card once, whatever the number of
listings it appears in (a resource is listed on about ten library pages).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import secrets
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template
from markupsafe import Markup

# The parts of a generated page that are its own, rendered for each page.
HEAD = "rrma/partials/head.html"
TOC = "partials/toc.html"
VERIFIED_PAGES = 2  # per frame, rendered in full too and compared

CARD_TEMPLATES = {"resource": ("rrma/partials/resource-card.html", "r"), "event": ("rrma/partials/event-card.html", "e")}


def regions(template: str) -> tuple[str, ...]:
    """The parts of a page rendered apart: ``rrma/x.html`` keeps its content in ``rrma/content/x.html``."""
    return (HEAD, "rrma/content/" + template.rsplit("/", 1)[-1], TOC)


class _PageView:
    """The page as the frame sees it: its own values replaced by placeholders."""

    def __init__(self, page: Any, **values: Any) -> None:
        self.__dict__["_page"] = page
        self.__dict__.update(values)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["_page"], name)


@dataclass
class _Frame:
    pieces: list[str | int]  # literal text, or the index of a value to put there
    checked: int = 0


# Values a page puts into its frame (beside its regions); the placeholder for each is built per frame.
_VALUES = ("title", "description", "canonical")


@dataclass
class Frames:
    env: Environment
    enabled: bool = True
    stats: Counter[str] = field(default_factory=Counter)
    _frames: dict[tuple[Any, ...], _Frame | None] = field(default_factory=dict)
    _toc: Template | None = None

    def render(self, template: str, context: dict[str, Any]) -> str:
        if not self.enabled:
            return self._full(template, context)
        page = context["page"]
        values = (page.title, (page.meta or {}).get("description"), page.canonical_url)
        parts = regions(template)
        key = (template, context["base_url"], bool(page.toc), page.file.inclusion, tuple(sorted(page.meta or {})), *(bool(v) for v in values))
        if key not in self._frames:
            self._frames[key] = self._build(template, parts, context, values)
        frame = self._frames[key]
        if frame is None:
            self.stats["full"] += 1
            return self._full(template, context)
        filled = [self._region(name).render(context) for name in parts]
        text = [str(v) if v else "" for v in values]
        output = "".join(piece if isinstance(piece, str) else (filled[piece] if piece < len(parts) else text[piece - len(parts)])
                         for piece in frame.pieces)
        if frame.checked < VERIFIED_PAGES:
            frame.checked += 1
            if output != self._full(template, context):
                self._frames[key] = None
                self.stats["mismatch"] += 1
                return self._full(template, context)
        self.stats["framed"] += 1
        return output

    def _region(self, name: str) -> Template:
        if name == TOC:  # Material's partials expect the ``lang`` its base template imports
            if self._toc is None:
                self._toc = self.env.from_string('{% import "partials/language.html" as lang with context %}{% include "' + TOC + '" %}')
            return self._toc
        return self.env.get_template(name)

    def _full(self, template: str, context: dict[str, Any]) -> str:
        return self.env.get_template(template).render(context)

    def _build(self, template: str, parts: tuple[str, ...], context: dict[str, Any], values: tuple[Any, ...]) -> _Frame | None:
        """The template rendered with placeholders, cut into literal text and slots."""
        token = secrets.token_hex(6)
        marks = [f"rrma{token}{name}" if value else value for name, value in zip(_VALUES, values)]
        page = context["page"]
        meta = dict(page.meta or {})
        if meta.get("title"):
            meta["title"] = marks[0]
        if meta.get("description"):
            meta["description"] = marks[1]
        view = {**context, "page": _PageView(page, title=marks[0], meta=meta, canonical_url=marks[2])}
        whole = self._full(template, view)
        spans = []
        for number, name in enumerate(parts):
            text = self._region(name).render(view)
            if not text.strip() or whole.count(text) != 1:
                return None
            spans.append((whole.index(text), len(text), number))
        spans.sort()
        pieces: list[str | int] = []
        position = 0
        for start, length, number in spans:
            if start < position:  # overlapping parts: cannot be cut apart
                return None
            pieces += _split(whole[position:start], marks, len(parts))
            pieces.append(number)
            position = start + length
        pieces += _split(whole[position:], marks, len(parts))
        return _Frame(pieces)


def _split(text: str, marks: list[Any], offset: int) -> list[str | int]:
    """Literal text with the value placeholders turned into slot numbers."""
    pieces: list[str | int] = [text]
    for number, mark in enumerate(marks):
        if not mark:
            continue
        cut: list[str | int] = []
        for piece in pieces:
            if isinstance(piece, str) and mark in piece:
                chunks = piece.split(mark)
                for i, chunk in enumerate(chunks):
                    if i:
                        cut.append(offset + number)
                    cut.append(chunk)
            else:
                cut.append(piece)
        pieces = cut
    return [p for p in pieces if p != ""]


_BASE = "\x00rrma-base\x00"


@dataclass
class Cards:
    """Each card rendered once; its links are relative, so the page's base URL is put in last."""

    env: Environment
    _cache: dict[tuple[str, int], tuple[Any, str]] = field(default_factory=dict)

    def __call__(self, kind: str, items: Any, base_url: str) -> Markup:
        name, variable = CARD_TEMPLATES[kind]
        template = self.env.get_template(name)
        out = []
        for item in items or ():
            key = (kind, id(item))
            cached = self._cache.get(key)
            if cached is None or cached[0] is not item:
                cached = self._cache[key] = (item, template.render({variable: item, "base_url": _BASE}))
            out.append(cached[1])
        return Markup("".join(out).replace(_BASE, base_url))


@dataclass
class Reuse:
    """Under ``mkdocs serve``: a generated page whose inputs did not change since the
    last build is not converted or rendered again; its last output is written as is.

    A page's inputs are its own data (title, body, template, context) and what
    every page shares (``shared``: theme files, hand-written pages and
    navigation, configuration, the problems shown in the preview banner).
    """

    _last: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)  # uri → (key, content, output)
    _shared: bytes = b""
    hits: int = 0

    def start(self, shared: Any) -> None:
        self._shared = hashlib.blake2b(pickle.dumps(shared, protocol=5)).digest()
        self.hits = 0

    def key(self, own: Any) -> bytes:
        return hashlib.blake2b(pickle.dumps(own, protocol=5), key=self._shared).digest()

    def get(self, uri: str, key: bytes) -> tuple[str, str] | None:
        last = self._last.get(uri)
        if last is None or last[0] != key:
            return None
        self.hits += 1
        return last[1], last[2]

    def put(self, uri: str, key: bytes, content: str, output: str) -> None:
        self._last[uri] = (key, content, output)


def fingerprint(*folders: str | Path) -> list[tuple[str, int, int]]:
    """Every file under the folders, with its modification time and size."""
    found = []
    for folder in folders:
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(dirpath, name)
                stat = os.stat(path)
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return sorted(found)
