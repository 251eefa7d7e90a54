"""Atom feeds (RFC 4287) of resources and events, with absolute URLs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from xml.etree import ElementTree as ET

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # absolute URL of the item's page: stable, so readers do not show it twice
    title: str
    url: str
    updated: datetime
    summary: str
    authors: list[str]
    categories: list[str]


def atom(*, title: str, subtitle: str, page_url: str, self_url: str, entries: list[FeedEntry], updated: datetime) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "fr"})

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            node.text = text
        return node

    add(feed, "id", page_url)
    add(feed, "title", title)
    add(feed, "subtitle", subtitle)
    add(feed, "link", rel="alternate", type="text/html", href=page_url)
    add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    add(feed, "updated", max([updated, *(e.updated for e in entries)]).isoformat())
    author = add(feed, "author")
    add(author, "name", "Réseaux régionaux multi-acteurs (RRMA)")
    for item in entries:
        entry = add(feed, "entry")
        add(entry, "id", item.id)
        add(entry, "title", item.title)
        add(entry, "link", rel="alternate", type="text/html", href=item.url)
        add(entry, "updated", item.updated.isoformat())
        add(entry, "summary", item.summary)
        for name in item.authors:
            add(add(entry, "author"), "name", name)
        for category in item.categories:
            add(entry, "category", term=category)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
