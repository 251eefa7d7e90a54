"""French typography in HTML: the spaces French keeps with their neighbour made non-breaking.

Editors type plain spaces; a page at 390 px then breaks « Attention : » before the colon, « pourquoi ? »
before the question mark, « 1 939 projets » inside the number. :func:`typeset` swaps such a space for a
non-breaking one, and does nothing else: it never adds a space the editor did not write and never changes
another character (a run of spaces, which a browser shows as one, becomes one non-breaking space).

- before « ; ! ? »: U+202F, the narrow non-breaking space (espace fine insécable);
- before « : », after « « » and before « » »: U+00A0, as the portal's templates write them;
- between the digit groups of a number (« 1 939 », « 10 091 »): U+202F, as :func:`rrma.render.fr_number`;
- in a time (« 10 h », « 10 h 30 »): U+00A0, as :func:`rrma.pages.dates` writes times.

Only text is touched: never a tag or an attribute, a comment, nor what ``<code>``, ``<pre>``, ``<kbd>``,
``<samp>``, ``<script>``, ``<style>``, ``<textarea>`` or ``<title>`` hold (code, data, and the window's
title, which never wraps). A URL written as text has no space, so no rule can reach inside it. Entities
already there (``&nbsp;``) are left as they are. Idempotent.

Fast on a whole page (a page is mostly navigation markup, and this runs on every page): one regex
scans for the rare characters a rule starts from (punctuation, guillemets, a digit before a space); only
there does Python look at the spaces around, then whether the place is text (:func:`_in_tag`, and the
spans of the skipped elements, found with ``str.find``). Tags are matched in lower case, as Python-Markdown,
nh3 and Jinja templates write them. Imports nothing from MkDocs.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right

NBSP = "\u00a0"
NNBSP = "\u202f"

SPACES = " \t\r\n"  # what HTML shows as one breakable space
# Where a rule may apply: French punctuation after a space, an opening guillemet, « &raquo; » or
# « &laquo; » (their « ; »), or a digit followed by a space and three digits or an « h ». One character
# class first: the regex engine scans for it fast, then looks around only there.
_HIT = re.compile(r"[;:!?»«0-9](?:(?<=[0-9])(?= (?:[0-9]{3}(?![0-9])|h\b))|(?<=[ \t\r\n][;:!?»])|(?<=«)|(?<=&raquo;|&laquo;)|(?<=&#187;|&#171;))")
_THIN = frozenset(";!?")
_CLOSING = ("&raquo", "&#187")  # before their « ; »
_OPENING = ("&laquo", "&#171")
# Elements whose text is code, data or the window's title.
_SKIPPED = ("script", "style", "pre", "code", "kbd", "samp", "textarea", "title")
_DIGITS = "0123456789"

_Edit = tuple[int, int, str]  # the characters from start to end become the text


def typeset(html: str) -> str:
    """The HTML with French non-breaking spaces in its text (see the module's docstring)."""
    return _apply(html, _edits(html), html=True)


def typeset_text(text: str) -> str:
    """A plain text (not HTML) with French non-breaking spaces: a search result's title and excerpt."""
    return _apply(text, _edits(text), html=False)


def _edits(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for hit in _HIT.finditer(text):
        at, char = hit.start(), hit.group()
        if char in _DIGITS:
            _number_or_time(text, at + 1, edits)
        elif char == "«":
            _after(text, at + 1, edits)
        elif char == ";" and text.endswith(_OPENING, 0, at):
            _after(text, at + 1, edits)
        elif char == ";" and text.endswith(_CLOSING, 0, at):
            _before(text, text.rindex("&", 0, at), NBSP, edits)
        else:
            _before(text, at, NNBSP if char in _THIN else NBSP, edits)
    return edits


def _before(text: str, at: int, space: str, edits: list[_Edit]) -> None:
    start = at
    while start > 0 and text[start - 1] in SPACES:
        start -= 1
    if start < at:
        edits.append((start, at, space))


def _after(text: str, at: int, edits: list[_Edit]) -> None:
    end = at
    while end < len(text) and text[end] in SPACES:
        end += 1
    if end > at:
        edits.append((at, end, NBSP))


def _number_or_time(text: str, at: int, edits: list[_Edit]) -> None:
    """The space at ``at``, after a digit: in « 1 939 » (U+202F) or « 10 h 30 » (U+00A0), or neither."""
    if text.startswith("h", at + 1):
        if _whole_number(text, at, 2) and not text[at + 2:at + 3].isalnum():  # « 10 h »
            edits.append((at, at + 1, NBSP))
            if text[at + 2:at + 3] == " " and text[at + 3:at + 5].isdigit() and len(text[at + 3:at + 5]) == 2 and not text[at + 5:at + 6].isalnum():
                edits.append((at + 2, at + 3, NBSP))  # « 10 h 30 »
        return
    group = text[at + 1:at + 4]
    if len(group) == 3 and group.isdigit() and not text[at + 4:at + 5].isdigit() and _groups_before(text, at):
        edits.append((at, at + 1, NNBSP))  # « 1 939 »


def _whole_number(text: str, end: int, most: int) -> bool:
    """Whether 1 to ``most`` digits end at ``end``, a number of their own (not after a digit, a point or a comma)."""
    start = end
    while start > 0 and text[start - 1] in _DIGITS:
        start -= 1
    return 1 <= end - start <= most and (start == 0 or text[start - 1] not in "0123456789.,")


def _groups_before(text: str, end: int) -> bool:
    """Whether a number's groups end at ``end``: « 1 », « 10 », « 1 234 »…, before another group of three."""
    while True:
        start = end
        while start > 0 and text[start - 1] in _DIGITS:
            start -= 1
        if end - start == 3 and start >= 2 and text[start - 1] == " " and text[start - 2] in _DIGITS:
            end = start - 1
            continue
        return _whole_number(text, end, 3)


def _apply(text: str, edits: list[_Edit], *, html: bool) -> str:
    return _splice(text, _kept(text, edits) if html else _ordered(edits))


def _kept(html: str, edits: list[_Edit]) -> list[_Edit]:
    """The edits in text (not in a tag, a comment or a skipped element), in order."""
    if not edits:
        return edits
    starts, ends = _skipped_spans(html)
    return _ordered([e for e in edits if not _in_tag(html, e[0]) and not _within(starts, ends, e[0])])


def _ordered(edits: list[_Edit]) -> list[_Edit]:
    kept: list[_Edit] = []
    for edit in sorted(set(edits)):
        if kept and edit[0] < kept[-1][1]:  # two rules on one run of spaces (« « » then « : »): the first one holds
            continue
        kept.append(edit)
    return kept


def _splice(text: str, edits: list[_Edit]) -> str:
    if not edits:
        return text
    out = []
    done = 0
    for start, end, space in edits:
        out += [text[done:start], space]
        done = end
    out.append(text[done:])
    return "".join(out)


class Typesetter:
    """:func:`typeset` for the pages of one build after another (a preview's rebuilds): a page whose HTML
    is the same as at the last build (most pages, after one file changed) gets the same edits, found then,
    without being read again. Keyed on the whole page (a digest of its text), so that no change can be missed."""

    def __init__(self, *, remember: bool) -> None:
        self.remember = remember  # False: one build only, nothing to compare with (and no digest to pay for)
        self._last: dict[bytes, list[_Edit]] = {}
        self._now: dict[bytes, list[_Edit]] = {}

    def __call__(self, html: str) -> str:
        if not self.remember:
            return typeset(html)
        key = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        edits = self._last.get(key)
        if edits is None:
            edits = _kept(html, _edits(html))
        self._now[key] = edits
        return _splice(html, edits)

    def next_build(self) -> None:
        """The pages of the build that ended are the ones the next build compares with."""
        self._last, self._now = self._now, {}


def _skipped_spans(html: str) -> tuple[list[int], list[int]]:
    """Where the skipped elements and the comments are, merged: their starts and ends."""
    spans = []
    for name in _SKIPPED:
        opening, closing = "<" + name, "</" + name
        start = html.find(opening)
        while start >= 0:
            if html[start + len(opening):start + len(opening) + 1] not in (">", " ", "\t", "\r", "\n", "/"):
                start = html.find(opening, start + 1)
                continue
            end = html.find(closing, start)
            end = len(html) if end < 0 else html.find(">", end) + 1 or len(html)
            spans.append((start, end))
            start = html.find(opening, end)
    start = html.find("<!--")
    while start >= 0:
        end = html.find("-->", start + 4)
        end = len(html) if end < 0 else end + 3
        spans.append((start, end))
        start = html.find("<!--", end)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _within(starts: list[int], ends: list[int], at: int) -> bool:
    index = bisect_right(starts, at) - 1
    return index >= 0 and at < ends[index]


def _in_tag(html: str, at: int) -> bool:
    """Whether a position is between a tag's « < » and « > » (an attribute's value, say). Text holds no
    raw « < » and attributes no raw « > » in what Python-Markdown, nh3 and Jinja write (they escape them)."""
    return html.rfind("<", 0, at) > html.rfind(">", 0, at)
