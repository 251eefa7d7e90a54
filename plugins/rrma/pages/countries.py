"""Countries: a page for each country the content names (/pays/senegal/), and /pays/ with a
world map and its text equivalent."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..kinds.countries import countries, country_url
from ..kinds.site import Site
from ..outputs import jsonld
from .model import Output, PageSpec
from .views import Labels, past, upcoming


def country_links(codes: list[str]) -> list[dict[str, str]]:
    """Country names and the address of their page, for an item's page."""
    return [{"code": c, "name": countries()[c].name if c in countries() else c, "url": country_url(c)} for c in codes]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def country_pages(site: Site, labels: Labels, today: date, cards: dict[str, dict[str, dict[str, Any]]],
                  world: dict[str, Any] | None, output: Output) -> list[PageSpec]:
    """A page per country with content, then the index. ``cards`` holds the network,
    resource and event cards by id; ``world`` the map's shapes (None: no map, the list only)."""
    known = countries()
    used: dict[str, dict[str, list[str]]] = {}
    for kind, entries, field in (("networks", site.networks, "partner_countries"), ("resources", site.resources, "countries"),
                                 ("events", site.events, "countries")):
        for entry in entries:
            for code in getattr(entry.data, field):
                if code in known:
                    used.setdefault(code, {"networks": [], "resources": [], "events": []})[kind].append(entry.id)
    next_ids = {e.id for e in upcoming(site, today)}
    past_order = [e.id for e in past(site, today)]
    pages, rows = [], []
    for code in (c for c in known if c in used):  # French alphabetical order
        country, ids = known[code], used[code]
        events_next = [cards["events"][e.id] for e in site.events if e.id in ids["events"] and e.id in next_ids]
        events_past = [cards["events"][i] for i in past_order if i in ids["events"]]
        summary = ", ".join(part for part in (
            _count(len(ids["networks"]), "réseau", "réseaux") if ids["networks"] else "",
            _count(len(ids["resources"]), "ressource", "ressources") if ids["resources"] else "",
            _count(len(ids["events"]), "événement", "événements") if ids["events"] else "") if part)
        url = country_url(code)
        rows.append({"code": code, "numeric": country.numeric, "name": country.name, "url": url, "summary": summary})
        trail = [{"title": "Accueil", "url": ""}, {"title": "Pays", "url": "pays/"}, {"title": country.name, "url": url}]
        pages.append(PageSpec(
            url, country.name, "rrma/country.html",
            {
                "breadcrumbs": trail, "breadcrumbs_jsonld": jsonld.dumps(jsonld.breadcrumb_list(trail, output.absolute)),
                "country": {"code": code, "name": country.name},
                "networks": [cards["networks"][i] for i in ids["networks"]],
                "resources": [card for card in cards["resources"].values() if card["id"] in ids["resources"]],  # newest first
                "upcoming": events_next,
                "past": events_past,
                "og": {"type": "website", "title": country.name},
            },
            description=f"{country.name} : réseaux, ressources et événements des RRMA ({summary}).",
        ))
    pages.append(PageSpec(
        "pays/", "Les pays", "rrma/countries.html",
        {"countries": rows, "map": _map(rows, world) if world else None},
        in_nav=True,
        description="Les pays où travaillent les réseaux régionaux multi-acteurs et leurs partenaires, et ce que le portail en dit.",
    ))
    return pages


def _map(rows: list[dict[str, Any]], world: dict[str, Any]) -> dict[str, Any]:
    """Shapes in two layers: the countries without content (a background, hidden from screen
    readers), then the countries with content, each a link named by the country."""
    linked = {row["numeric"]: row for row in rows}
    background = [path for numeric, path in sorted(world["shapes"].items()) if numeric not in linked]
    links = [{**row, "path": world["shapes"][row["numeric"]]} for row in rows if row["numeric"] in world["shapes"]]
    missing = [row for row in rows if row["numeric"] not in world["shapes"]]
    return {"width": world["width"], "height": world["height"], "background": background, "links": links, "missing": missing}
