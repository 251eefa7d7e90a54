"""Which pages the search knows, and what it knows of each."""

from __future__ import annotations

import html
import re

from ..outputs.search import SearchDoc
from .specs import SitePages

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_DROP = re.compile(r"<(script|style|svg)\b.*?</\1>", re.S | re.I)


def html_text(markup: str) -> str:
    """Visible text of an HTML fragment, on one line."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", _DROP.sub(" ", markup)))).strip()


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
