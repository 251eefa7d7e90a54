"""The agenda: upcoming then recent past events by month, one page per filter, and yearly archives.

Past events pile up year after year: an agenda page lists the most recent
ones (PAST_SHOWN, rounded up to whole months) and links to one archive page per
older year. From a filtered page, the archive link carries the filter
(``?reseau=…``), which agenda.js applies on arrival.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from ..core.suggest import fold
from ..core.urls import EVENT_FACETS
from ..kinds.base import Entry
from ..kinds.site import Site
from .dates import month
from .library import all_option
from .model import PageSpec
from .views import Labels, past, session_cards, upcoming

PAST_SHOWN = 30  # past events an agenda page lists before it links to the yearly archives
EVENT_FACET_TITLES = {"networks": "Réseau", "regions": "Région", "kind": "Type d'événement", "campaign": "Campagne"}


def event_facets(entry: Entry[Any], regions_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    e = entry.data
    own = sorted({p.region for p in e.all_places if p.region})
    regions = own or sorted({code for n in e.networks if (code := regions_of(n))})
    return {"networks": list(e.networks), "regions": regions, "kind": [e.kind], "campaign": [e.campaign] if e.campaign else []}


def agenda_pages(site: Site, labels: Labels, event_cards: dict[str, dict[str, Any]], today: date,
                 regions_of: Callable[[str], str | None]) -> list[PageSpec]:
    """The agenda, one page per network, region, kind and campaign (the same lists, filtered),
    and an archive page for each year some page has events too old to list."""
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
        if options:
            menu.append({"key": facet, "param": param, "title": EVENT_FACET_TITLES[facet], "all": all_option(facet), "options": options})

    # A programme is listed by its sessions, each in its own month, upcoming or past.
    next_cards: list[dict[str, Any]] = []
    past_cards: list[dict[str, Any]] = []
    for e in [*nexts, *pasts]:
        if not e.data.sessions:
            (next_cards if cards[e.id]["upcoming"] else past_cards).append(cards[e.id])
            continue
        for session in session_cards(e, labels, today):
            (next_cards if session["upcoming"] else past_cards).append({**session, "facets": cards[e.id]["facets"]})
    next_cards.sort(key=lambda c: (datetime.fromisoformat(c["start"]), c["id"]))
    past_cards.sort(key=lambda c: (datetime.fromisoformat(c["start"]), c["id"]), reverse=True)
    archived_years: set[str] = set()

    def page(url: str, title: str, keep: Callable[[dict[str, Any]], bool], chosen: dict[str, str] | None, *, in_nav: bool = False,
             search: dict[str, Any] | None = None) -> PageSpec:
        kept = [c for c in past_cards if keep(c)]
        recent, older = _recent(kept)
        older_years = {c["start"][:4] for c in older}
        years = Counter(c["start"][:4] for c in kept if c["start"][:4] in older_years)  # the page's events in each archive it links to
        archived_years.update(years)
        query = f"?{chosen['param']}={chosen['value']}" if chosen else ""
        return PageSpec(
            url, title, "rrma/agenda.html",
            {"sections": [_section("upcoming", _by_month([c for c in next_cards if keep(c)])), _section("past", _by_month(recent))],
             "archives": [{"year": y, "count": n, "url": f"agenda/archives/{y}/{query}"} for y, n in sorted(years.items(), reverse=True)],
             "archives_title": "Événements plus anciens", "facets": menu, "filter": chosen},
            in_nav=in_nav,
            description="Rencontres, formations, festivals et campagnes des réseaux régionaux multi-acteurs.",
            search=search,
        )

    pages = [page("agenda/", "Agenda", lambda card: True, None, in_nav=True)]
    for facet in menu:
        for option in facet["options"]:
            param, value = facet["param"], option["value"]
            pages.append(page(option["url"], f"Agenda — {option['label']}", lambda card, p=param, v=value: v in card["facets"][p],
                              {"facet": facet["title"], "label": option["label"], "param": param, "value": value},
                              search=campaign_search(site, value) if facet["key"] == "campaign" else None))
    by_year: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for card in past_cards:
        by_year[card["start"][:4]].append(card)
    for year in sorted(archived_years, reverse=True):
        others = [{"year": y, "count": len(by_year[y]), "url": f"agenda/archives/{y}/"} for y in sorted(archived_years, reverse=True) if y != year]
        pages.append(PageSpec(
            f"agenda/archives/{year}/", f"Agenda — archives {year}", "rrma/agenda.html",
            {"sections": [_section("past", _by_month(by_year[year]), title=f"Événements de {year}")],
             "archives": others, "archives_title": "Autres années", "facets": menu, "filter": None, "archive": year},
            description=f"Les événements des réseaux régionaux multi-acteurs en {year}.",
        ))
    return pages


def campaign_search(site: Site, campaign: str) -> dict[str, Any]:
    """A campaign's page is what the search finds first for its name (« ALIMENTERRE »): its own
    title is the campaign's, the organiser and the description say what it is."""
    term = site.taxonomies["campaigns"].terms.get(campaign)
    label = getattr(term, "label", campaign)
    return {"kind": "campagne", "label": "Campagne", "title": label, "summary": getattr(term, "description", None) or "",
            "tags": ["Campagne", label, getattr(term, "organiser", None) or ""], "facets": {}}


def _recent(past: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The most recent past events (most recent first): PAST_SHOWN of them, then the rest of the last one's month."""
    if len(past) <= PAST_SHOWN:
        return past, []
    cut, last_month = PAST_SHOWN, past[PAST_SHOWN - 1]["start"][:7]
    while cut < len(past) and past[cut]["start"][:7] == last_month:
        cut += 1
    return past[:cut], past[cut:]


_SECTIONS = {
    "upcoming": ("a-venir", "À venir", "Aucun événement à venir n'est annoncé pour le moment."),
    "past": ("passes", "Événements passés", "Aucun événement passé."),
}


def _section(key: str, months: list[dict[str, Any]], *, title: str | None = None) -> dict[str, Any]:
    anchor, default_title, empty = _SECTIONS[key]
    return {"id": anchor, "title": title or default_title, "empty": empty, "months": months, "past": key == "past"}


def _by_month(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for card in cards:
        groups.setdefault(month(card["start"][:7]).capitalize(), []).append(card)
    return [{"month": m, "events": e} for m, e in groups.items()]


