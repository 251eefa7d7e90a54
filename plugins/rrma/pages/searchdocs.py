"""Which pages the search knows, and what it knows of each."""

from __future__ import annotations

import html
import re

from ..outputs.search import SearchDoc
from .specs import SitePages

_TAG = re.compile(r"<[^>]+>")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"^\s{0,3}(#{1,6}|[-*+]|\d+\.|>)\s+|[*_`~]+", re.M)
_SPACE = re.compile(r"\s+")



def markdown_text(markdown: str) -> str:
    """Readable text of Markdown, for the index: no markup, links reduced to their words.

    Why not the rendered HTML: the index is built while MkDocs renders pages,
    in another process, so it is made from the sources.
    """
    text = _FENCE.sub(" ", markdown)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _MARKS.sub(" ", _TAG.sub(" ", text))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def page_title_and_text(source: str, fallback: str) -> tuple[str, str]:
    """Title (front matter, else first heading) and text of a hand-written page."""
    title = fallback
    body = source
    if source.startswith("---\n") and "\n---" in source[4:]:
        front, body = source[4:].split("\n---", 1)
        found = re.search(r"^title:\s*(.+)$", front, re.M)
        if found:
            title = found.group(1).strip().strip("\"'")
    heading = re.search(r"^#\s+(.+)$", body, re.M)
    if heading and title == fallback:
        title = heading.group(1).strip()
    return title, markdown_text(body)


def search_documents(pages: SitePages, page_text: dict[str, tuple[str, str]], *, hand_written: list[str]) -> list[SearchDoc]:
    """Networks, events and resources, then the hand-written pages, in a stable order."""
    docs = []
    for spec in pages.pages:
        if spec.search is None:
            continue
        body = page_text.get(spec.uri, ("", ""))[1]
        docs.append(SearchDoc(spec.url, spec.search["kind"], spec.title, spec.search.get("summary", ""), body,
                              [t for t in spec.search.get("tags", []) if t], spec.search.get("date"), spec.search.get("facets", {})))
    for uri in sorted(hand_written):
        if uri not in page_text:
            continue
        title, text = page_text[uri]
        url = "" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md") + ("/" if not uri.endswith("index.md") else "")
        docs.append(SearchDoc(url, "page", title, "", text))
    order = {"ressource": 0, "evenement": 1, "reseau": 2, "page": 3}
    return sorted(docs, key=lambda d: (order[d.kind], d.url))
