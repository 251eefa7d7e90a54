"""Which pages the search knows, and what it knows of each."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..outputs.attachments import document_text
from ..outputs.search import SearchDoc, build
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


@dataclass(frozen=True)
class IndexedPage:
    """What the search index needs of a generated page (light enough to send to another process)."""

    url: str
    uri: str
    title: str
    body: str
    search: dict[str, Any]


def indexed_pages(pages: SitePages) -> list[IndexedPage]:
    return [IndexedPage(spec.url, spec.uri, spec.title, spec.body, spec.search) for spec in pages.pages if spec.search is not None]


def search_documents(items: list[IndexedPage], hand_written: dict[str, tuple[str, str]]) -> list[SearchDoc]:
    """Networks, events and resources, then the hand-written pages (source path → its source and
    file name), in a stable order."""
    docs = []
    for item in items:
        search = item.search
        docs.append(SearchDoc(item.url, search["kind"], search.get("title", item.title), search.get("summary", ""), markdown_text(item.body),
                              [t for t in search.get("tags", []) if t], search.get("date"), search.get("facets", {}),
                              search.get("label", ""), " ".join(filter(None, (document_text(Path(f)) for f in search.get("files", []))))))
    for uri in sorted(hand_written):
        title, text = page_title_and_text(*hand_written[uri])
        url = "" if uri == "index.md" else uri.removesuffix("index.md").removesuffix(".md") + ("/" if not uri.endswith("index.md") else "")
        docs.append(SearchDoc(url, "page", title, "", text, label="Page"))
    order = {"ressource": 0, "evenement": 1, "reseau": 2, "appel": 3, "campagne": 4, "page": 5}
    return sorted(docs, key=lambda d: (order[d.kind], d.url))


def search_files(items: list[IndexedPage], hand_written: dict[str, tuple[str, str]], facets: dict[str, dict[str, str]]) -> dict[str, str]:
    """The search index's files, from the pages' data."""
    return build(search_documents(items, hand_written), facets)
