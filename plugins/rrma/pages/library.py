"""The resource library: facets, pagination and listing pages."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.urls import paged
from ..kinds.base import Entry
from ..kinds.resources import Resource
from .model import PageSpec
from .views import Labels, resource_year

PER_PAGE = 50  # cards per library page: fewer, longer pages keep the build linear and light


FACET_TITLES = {
    "type": "Type de ressource",
    "themes": "Thématique",
    "odd": "Objectif de développement durable",
    "networks": "Réseau",
    "regions": "Région",
    "year": "Année",
    "audiences": "Public",
}
# The first option of a facet's list, agreeing with its title: « Toutes » for a « Thématique ».
FEMININE_FACETS = {"themes", "regions", "year", "campaign"}


def all_option(facet: str) -> str:
    return "Toutes" if facet in FEMININE_FACETS else "Tous"


def resource_facets(entry: Entry[Resource], regions_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    r = entry.data
    year = resource_year(r)
    return {
        "type": [r.type],
        "themes": list(r.themes),
        "odd": [str(o) for o in r.odd],
        "networks": list(r.networks),
        "regions": sorted({code for n in r.networks if (code := regions_of(n))}),
        "year": [str(year)] if year else [],
        "audiences": list(r.audiences),
    }


def facet_label(facet: str, value: str, labels: Labels) -> str:
    if facet == "type":
        return labels.term("resource-types", value)
    if facet == "themes":
        return labels.term("themes", value)
    if facet == "odd":
        return f"ODD {value} – {labels.term('odd', int(value))}"
    if facet == "networks":
        return labels.network_link(value)["name"]
    if facet == "regions":
        return labels.term("regions", value)
    if facet == "audiences":
        return labels.term("audiences", value)
    return value


def _pagination(url: str, total: int, page: int) -> dict[str, Any]:
    pages = max(1, -(-total // PER_PAGE))
    return {
        "page": page,
        "pages": pages,
        "previous": paged(url, page - 1) if page > 1 else None,
        "next": paged(url, page + 1) if page < pages else None,
        "links": [{"number": n, "url": paged(url, n), "current": n == page} for n in range(1, pages + 1)],
    }


def listing_pages(url: str, title: str, cards: list[dict[str, Any]], context: dict[str, Any], *, in_nav: bool = False) -> Iterable[PageSpec]:
    pages = max(1, -(-len(cards) // PER_PAGE))
    for page in range(1, pages + 1):
        chunk = cards[(page - 1) * PER_PAGE : page * PER_PAGE]
        heading = title if page == 1 else f"{title} — page {page}"
        yield PageSpec(
            paged(url, page), heading, "rrma/library.html",
            {**context, "resources": chunk, "total": len(cards), "pagination": _pagination(url, len(cards), page)},
            in_nav=in_nav and page == 1,
        )


