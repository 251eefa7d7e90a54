"""Page specifications and where the site is published: the types every page module shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from ..core.urls import src_uri


@dataclass
class PageSpec:
    """One page to generate. ``body`` is Markdown from a contributor (untrusted)."""

    url: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    source: str | None = None  # repository path of the file it comes from
    in_nav: bool = False
    description: str | None = None
    search: dict[str, Any] | None = None  # what the search index knows of this page (items only)

    @property
    def uri(self) -> str:
        return src_uri(self.url)


@dataclass
class SitePages:
    pages: list[PageSpec]
    # extra context for hand-written pages, by source path (home, charter)
    extra: dict[str, dict[str, Any]]
    # static files the pages need, by path in the site
    page_files: dict[str, str | bytes]
    # feeds announced in the <head> of every page
    feeds: list[dict[str, str]]
    # labels of the search filters: facet → id → label
    search_facets: dict[str, dict[str, str]] = field(default_factory=dict)
    # calendars, feeds and open data: no page needs them, so the build makes them beside the pages
    data_files: list[Callable[[], dict[str, str | bytes]]] = field(default_factory=list)

    def make_data_files(self) -> dict[str, str | bytes]:
        made: dict[str, str | bytes] = {}
        for make in self.data_files:
            made.update(make())
        return made

    @cached_property
    def files(self) -> dict[str, str | bytes]:
        """Every static file, data files included."""
        return {**self.page_files, **self.make_data_files()}


@dataclass(frozen=True)
class Output:
    """Where the site is published and what dates its feeds carry."""

    site_url: str
    now: datetime
    uid_domain: str = "rrma.fr"
    changed: dict[str, datetime] = field(default_factory=dict)  # content file → last commit

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url

    def updated(self, path: str, fallback: datetime | None = None) -> datetime:
        return self.changed.get(path) or fallback or self.now


# Feeds live together in flux/, beside an empty sitemap: Material's script fetches
# "sitemap.xml" next to every <link rel="alternate"> it finds, and would otherwise
# get a 404 on each page (or, at the root, download the whole site map).


# Feeds live together in flux/, beside an empty sitemap: Material's script fetches
# "sitemap.xml" next to every <link rel="alternate"> it finds, and would otherwise
# get a 404 on each page (or, at the root, download the whole site map).
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'


SITE_FEEDS = [
    {"type": "application/atom+xml", "title": "Nouvelles ressources des RRMA", "url": "flux/ressources.xml"},
    {"type": "application/atom+xml", "title": "Agenda des RRMA", "url": "flux/agenda.xml"},
    {"type": "text/calendar", "title": "Agenda des RRMA (iCalendar)", "url": "flux/agenda.ics"},
    {"type": "application/atom+xml", "title": "Appels à projets relayés par les RRMA", "url": "flux/appels-a-projets.xml"},
]


