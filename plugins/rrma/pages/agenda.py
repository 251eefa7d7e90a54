"""The agenda: upcoming then past events by month, and one page per filter."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from ..core.suggest import fold
from ..core.urls import EVENT_FACETS
from ..kinds.base import Entry
from ..kinds.site import Site
from .dates import month
from .model import PageSpec
from .views import Labels, past, upcoming

EVENT_FACET_TITLES = {"networks": "Réseau", "regions": "Région", "kind": "Type d'événement", "campaign": "Campagne"}


def event_facets(entry: Entry[Any], regions_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    e = entry.data
    regions = [e.region] if e.region else sorted({code for n in e.networks if (code := regions_of(n))})
    return {"networks": list(e.networks), "regions": regions, "kind": [e.kind], "campaign": [e.campaign] if e.campaign else []}


def agenda_pages(site: Site, labels: Labels, event_cards: dict[str, dict[str, Any]], today: date,
                 regions_of: Callable[[str], str | None]) -> list[PageSpec]:
    """The agenda and one page per network, region, kind and campaign (the same lists, filtered)."""
    cards = {e.id: {**event_cards[e.id], "facets": {EVENT_FACETS[k]: v for k, v in event_facets(e, regions_of).items()}} for e in site.events}
    nexts, pasts = upcoming(site, today), past(site, today)
    names = {"networks": lambda v: labels.network_link(v)["name"], "regions": lambda v: labels.term("regions", v),
             "kind": lambda v: labels.term("event-kinds", v), "campaign": lambda v: labels.term("campaigns", v)}
    menu = []
    for facet, param in EVENT_FACETS.items():
        counts: dict[str, int] = defaultdict(int)
        for card in cards.values():
            for value in card["facets"][param]:
                counts[value] += 1
        options = sorted(({"value": v, "label": names[facet](v), "count": n, "url": f"agenda/{param}/{v}/"} for v, n in counts.items()),
                         key=lambda o: fold(o["label"]))
        menu.append({"key": facet, "param": param, "title": EVENT_FACET_TITLES[facet], "options": options})

    def page(url: str, title: str, keep: Callable[[dict[str, Any]], bool], chosen: dict[str, str] | None, *, in_nav: bool = False) -> PageSpec:
        return PageSpec(
            url, title, "rrma/agenda.html",
            {"upcoming": _by_month([cards[e.id] for e in nexts if keep(cards[e.id])]),
             "past": _by_month([cards[e.id] for e in pasts if keep(cards[e.id])]),
             "facets": menu, "filter": chosen},
            in_nav=in_nav,
            description="Rencontres, formations, festivals et campagnes des réseaux régionaux multi-acteurs.",
        )

    pages = [page("agenda/", "Agenda", lambda card: True, None, in_nav=True)]
    for facet in menu:
        for option in facet["options"]:
            param, value = facet["param"], option["value"]
            pages.append(page(option["url"], f"Agenda — {option['label']}", lambda card, p=param, v=value: v in card["facets"][p],
                              {"facet": facet["title"], "label": option["label"], "param": param, "value": value}))
    return pages


def _by_month(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for card in cards:
        groups.setdefault(month(card["start"][:7]).capitalize(), []).append(card)
    return [{"month": m, "events": e} for m, e in groups.items()]


