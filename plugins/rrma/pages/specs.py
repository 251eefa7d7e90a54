"""Every generated page, as data: URL, title, template, context, body."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core.types import PARIS, partial_date_key

from ..core.suggest import fold
from ..outputs import jsonld, opendata
from .charts import bar_chart, count
from ..outputs.feeds import FeedEntry, atom
from ..outputs.ical import calendar
from ..core.types import format_partial_date
from ..kinds.base import Entry
from ..kinds.resources import Resource
from ..kinds.site import Site
from .regionmap import region_map
from ..core.urls import EVENT_FACETS, FACETS, item_url, paged, src_uri
from .views import Labels, event_card, network_card, past, resource_card, resource_sort_key, resource_year, upcoming

PER_PAGE = 50  # cards per library page: fewer, longer pages keep the build linear and light
SEARCH_KINDS = {"ressource": "Ressource", "evenement": "Événement", "reseau": "Réseau", "page": "Page"}

FACET_TITLES = {
    "type": "Type de ressource",
    "themes": "Thématique",
    "odd": "Objectif de développement durable",
    "networks": "Réseau",
    "regions": "Région",
    "year": "Année",
    "audiences": "Public",
}


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
    # static files to write, by path in the site
    files: dict[str, str | bytes]
    # feeds announced in the <head> of every page
    feeds: list[dict[str, str]]
    # labels of the search filters: facet → id → label
    search_facets: dict[str, dict[str, str]] = field(default_factory=dict)


def _resource_facets(entry: Entry[Resource], regions_of: Callable[[str], str | None]) -> dict[str, list[str]]:
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


def _facet_label(facet: str, value: str, labels: Labels) -> str:
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


def _listing(url: str, title: str, cards: list[dict[str, Any]], context: dict[str, Any], *, in_nav: bool = False) -> Iterable[PageSpec]:
    pages = max(1, -(-len(cards) // PER_PAGE))
    for page in range(1, pages + 1):
        chunk = cards[(page - 1) * PER_PAGE : page * PER_PAGE]
        heading = title if page == 1 else f"{title} — page {page}"
        yield PageSpec(
            paged(url, page), heading, "rrma/library.html",
            {**context, "resources": chunk, "total": len(cards), "pagination": _pagination(url, len(cards), page)},
            in_nav=in_nav and page == 1,
        )


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
EMPTY_SITEMAP = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n'
SITE_FEEDS = [
    {"type": "application/atom+xml", "title": "Nouvelles ressources des RRMA", "url": "flux/ressources.xml"},
    {"type": "application/atom+xml", "title": "Agenda des RRMA", "url": "flux/agenda.xml"},
    {"type": "text/calendar", "title": "Agenda des RRMA (iCalendar)", "url": "flux/agenda.ics"},
]


def build_pages(site: Site, today: date, output: Output | None = None) -> SitePages:
    output = output or Output("http://127.0.0.1:8000/", datetime.combine(today, time(0), tzinfo=PARIS))
    labels = Labels(site)
    regions_of = {n.id: n.data.region for n in site.networks}.get
    pages: list[PageSpec] = []
    network_cards = {n.id: network_card(n, labels) for n in site.networks}
    resources = sorted(site.resources, key=resource_sort_key)
    resource_cards = {r.id: resource_card(r, labels) for r in resources}
    events_next = upcoming(site, today)
    events_past = past(site, today)

    # Networks: one page each, then the directory with its map.
    for entry in site.networks:
        n = entry.data
        pages.append(
            PageSpec(
                item_url("networks", entry.id), n.name, "rrma/network.html",
                {
                    "network": network_cards[entry.id],
                    "email": n.email,
                    "other_cities": n.other_cities,
                    "legal_form": n.legal_form,
                    "founded": format_partial_date(n.founded) if n.founded else None,
                    "charter_signed": format_partial_date(n.charter_signed) if n.charter_signed else None,
                    "missions": [{"label": labels.term("missions", m), "description": site.taxonomies["missions"].terms[m].description} for m in n.missions],
                    "themes": [labels.term("themes", t) for t in n.themes],
                    "social": {k: v for k, v in (n.social.model_dump() if n.social else {}).items() if v},
                    "logo": {"url": f"logos/{entry.id}/{n.logo.file.split('/')[-1]}", "alt": n.logo.alt} if n.logo else None,
                    "upcoming": [event_card(e, labels, today) for e in events_next if entry.id in e.data.networks],
                    "past": [event_card(e, labels, today) for e in events_past if entry.id in e.data.networks][:5],
                    "resources": [resource_cards[r.id] for r in resources if entry.id in r.data.networks],
                    "ics_url": f"flux/agenda-{entry.id}.ics",
                    "feeds": [{"type": "text/calendar", "title": f"Agenda de {network_cards[entry.id]['short']} (iCalendar)", "url": f"flux/agenda-{entry.id}.ics"}],
                    "og": {"type": "profile", "title": n.name},
                    "jsonld": jsonld.dumps({
                        "@context": jsonld.CONTEXT, "@type": "Organization", "@id": output.absolute(item_url("networks", entry.id)),
                        "name": n.name, "alternateName": n.acronym, "url": n.website or output.absolute(item_url("networks", entry.id)),
                        "email": n.email, "foundingDate": n.founded, "description": f"Réseau régional multi-acteurs" + (f" — {labels.region(n.region)}" if n.region else ""),
                        "address": jsonld.address(n.city, labels.region(n.region)), "areaServed": labels.region(n.region),
                        "sameAs": [u for u in (n.social.model_dump().values() if n.social else []) if u],
                    }),
                },
                body=n.description,
                source=entry.path,
                description=f"{n.name} — réseau régional multi-acteurs" + (f" ({labels.region(n.region)})" if n.region else ""),
                search={"kind": "reseau", "summary": " ".join(p for p in (n.acronym, n.city, labels.region(n.region)) if p),
                        "tags": [labels.term("themes", t) for t in n.themes] + [labels.term("missions", m) for m in n.missions] + [labels.region(n.region) or ""],
                        "facets": {"theme": list(n.themes), "region": [n.region] if n.region else [], "reseau": [entry.id]}},
            )
        )
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for card in network_cards.values():
        if card["region"]:
            by_region[card["region"]].append(card)
    regions = site.taxonomies["regions"]
    region_list = [
        {"code": code, "label": term.label, "overseas": term.overseas, "networks": by_region.get(code, [])}
        for code, term in sorted(regions.terms.items(), key=lambda kv: (kv[1].overseas, fold(kv[1].label)))
    ]
    pages.append(
        PageSpec(
            "reseaux/", "Les réseaux régionaux", "rrma/networks.html",
            {
                "regions": region_list,
                "map": region_map({c: t.label for c, t in regions.terms.items()}, by_region),
                "national": [c for c in network_cards.values() if c["national"]],
                "count": sum(1 for c in network_cards.values() if not c["national"]),
            },
            in_nav=True,
            description="Les réseaux régionaux multi-acteurs de la coopération et de la solidarité internationales, région par région.",
        )
    )

    # Resources: a page each, the library with its facets, and its data for filtering.
    for entry in resources:
        r = entry.data
        pages.append(
            PageSpec(
                item_url("resources", entry.id), r.title, "rrma/resource.html",
                _resource_context(entry, resource_cards[entry.id], labels, site, output),
                body=entry.body,
                source=entry.path,
                description=r.summary,
                search={"kind": "ressource", "summary": r.summary, "date": resource_cards[entry.id]["published"],
                        "tags": [resource_cards[entry.id]["type_label"], *(labels.term("themes", t) for t in r.themes),
                                 *(n["name"] for n in resource_cards[entry.id]["networks"]), *(labels.term("audiences", a) for a in r.audiences)],
                        "facets": {"theme": list(r.themes), "region": _resource_facets(entry, regions_of)["regions"], "reseau": list(r.networks)}},
            )
        )
    facet_values: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in FACETS}
    facets_of = {}
    for entry in resources:
        facets_of[entry.id] = _resource_facets(entry, regions_of)
        for facet, values in facets_of[entry.id].items():
            for value in values:
                facet_values[facet][value].append(entry.id)
    facet_menu = []
    for facet, values in facet_values.items():
        options = [
            {"value": v, "label": _facet_label(facet, v, labels), "count": len(ids), "url": f"ressources/{FACETS[facet]}/{v}/"}
            for v, ids in values.items()
        ]
        options.sort(key=lambda o: (-int(o["value"]), "") if facet == "year" else ((int(o["value"]), "") if facet == "odd" else (0, fold(o["label"]))))
        facet_menu.append({"key": facet, "param": FACETS[facet], "title": FACET_TITLES[facet], "options": options})
    library_context = {"facets": facet_menu, "data_url": "ressources/index.json"}
    all_cards = [resource_cards[r.id] for r in resources]
    pages.extend(_listing("ressources/", "Ressources", all_cards, {**library_context, "filter": None}, in_nav=True))
    for facet in facet_menu:
        for option in facet["options"]:
            ids = set(facet_values[facet["key"]][option["value"]])
            cards = [c for c in all_cards if c["id"] in ids]
            pages.extend(
                _listing(option["url"], f"Ressources — {option['label']}", cards,
                         {**library_context, "filter": {"facet": facet["title"], "label": option["label"], "param": facet["param"], "value": option["value"]}})
            )
    library_data = [
        {**{k: resource_cards[r.id][k] for k in ("id", "url", "title", "summary", "type_label", "published")},
         "networks": [n["name"] for n in resource_cards[r.id]["networks"]], "facets": {FACETS[f]: v for f, v in facets_of[r.id].items()}}
        for r in resources
    ]

    # Events: a page each and the agenda (upcoming first, then past, by month).
    for entry in site.events:
        e = entry.data
        card = event_card(entry, labels, today)
        pages.append(
            PageSpec(
                item_url("events", entry.id), e.title, "rrma/event.html",
                {
                    "event": card,
                    "venue": e.venue, "city": e.city, "region": labels.region(e.region),
                    "mode": {"sur-place": "Sur place", "en-ligne": "En ligne", "hybride": "Sur place et en ligne"}[e.mode],
                    "online_url": e.online_url, "registration_url": e.registration_url, "source_url": e.source_url,
                    "campaign": labels.term("campaigns", e.campaign) if e.campaign else None,
                    "themes": [labels.term("themes", t) for t in e.themes],
                    "odd": [{"number": o, "label": labels.term("odd", o)} for o in e.odd],
                    "audiences": [labels.term("audiences", a) for a in e.audiences],
                    "ics_url": f"agenda/{entry.id}/{entry.id}.ics",
                    "og": {"type": "article", "title": e.title},
                    "jsonld": jsonld.dumps(_event_ld(entry, labels, output)),
                },
                body=entry.body,
                source=entry.path,
                description=e.summary or f"{e.title} — {card['dates']}",
                search={"kind": "evenement", "summary": " ".join(p for p in (e.summary, e.city, labels.region(e.region)) if p), "date": card["dates"],
                        "tags": [labels.term("event-kinds", e.kind), *(labels.term("themes", t) for t in e.themes), *(n["name"] for n in card["networks"]),
                                 labels.term("campaigns", e.campaign) if e.campaign else ""],
                        "facets": {"theme": list(e.themes), "region": _event_facets(entry, regions_of)["regions"], "reseau": list(e.networks)}},
            )
        )
    pages.extend(_agenda(site, labels, today, regions_of))

    # Hand-written pages that show data.
    next_events = [event_card(e, labels, today) for e in events_next[:3]]
    extra = {
        "index.md": {
            "next_events": next_events,
            "recent_events": [] if next_events else [event_card(e, labels, today) for e in events_past[:3]],
            "latest_resources": all_cards[:6],
            "networks": sorted((c for c in network_cards.values() if not c["national"]), key=lambda c: fold(c["region_label"] or "")),
            "national": [c for c in network_cards.values() if c["national"]],
        },
        "charte.md": {
            "networks": sorted((
                {**network_cards[n.id], "charter_signed": format_partial_date(n.data.charter_signed) if n.data.charter_signed else None}
                for n in site.networks if n.data.scope == "regional"
            ), key=lambda c: fold(c["region_label"] or "")),
        },
    }
    files: dict[str, str | bytes] = {"ressources/index.json": json.dumps(library_data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))}
    files.update(_calendars(site, labels, output))
    files["flux/sitemap.xml"] = EMPTY_SITEMAP
    files.update(_feeds(site, resources, resource_cards, labels, output, today))
    modified = output.now.date().isoformat()
    issued = min([d.date() for d in output.changed.values()] or [output.now.date()]).isoformat()
    files.update(opendata.files(site, absolute=output.absolute, issued=issued, modified=modified))
    pages.append(_observatory(site, labels))
    pages.append(PageSpec("recherche/", "Recherche", "rrma/search.html", {"kinds": SEARCH_KINDS}, description="Rechercher un guide, un événement, un réseau sur le portail des RRMA."))
    _network_figures(site, labels, pages)
    search_facets = {
        "theme": {str(k): t.label for k, t in site.taxonomies["themes"].terms.items()},
        "region": {str(k): t.label for k, t in site.taxonomies["regions"].terms.items()},
        "reseau": {n.id: n.data.acronym or n.data.name for n in site.networks},
    }
    return SitePages(pages, extra, files, SITE_FEEDS, search_facets)


def _observatory(site: Site, labels: Labels) -> PageSpec:
    resources = [r.data for r in site.resources]
    events = [e.data for e in site.events]
    regional = [n.data for n in site.networks if n.data.scope == "regional"]
    years = sorted({r.published[:4] for r in resources if r.published})
    months = sorted({e.starts_at().strftime("%Y-%m") for e in events})
    from .dates import day  # noqa: F401 - month names come from the same place as dates
    from ..core.types import MONTHS

    def month_label(key: str) -> str:
        return f"{MONTHS[int(key[5:]) - 1]} {key[:4]}"

    groups = [
        ("Ressources", [
            bar_chart("ressources-thematiques", "Ressources par thématique", count(labels.term("themes", t) for r in resources for t in r.themes), unit="mentions"),
            bar_chart("ressources-odd", "Ressources par objectif de développement durable",
                      [(f"ODD {o} – {labels.term('odd', o)}", sum(1 for r in resources if o in r.odd)) for o in sorted({o for r in resources for o in r.odd})],
                      unit="mentions", keep_order=True),
            bar_chart("ressources-types", "Ressources par type", count(labels.term("resource-types", r.type) for r in resources), unit="ressources"),
            bar_chart("ressources-annees", "Ressources par année de publication", [(y, sum(1 for r in resources if (r.published or "")[:4] == y)) for y in years],
                      unit="ressources datées", keep_order=True),
        ]),
        ("Événements", [
            bar_chart("evenements-regions", "Événements par région", count(labels.term("regions", e.region) for e in events if e.region), unit="événements situés"),
            bar_chart("evenements-mois", "Événements par mois", [(month_label(m), sum(1 for e in events if e.starts_at().strftime("%Y-%m") == m)) for m in months],
                      unit="événements", keep_order=True),
            bar_chart("evenements-types", "Événements par type", count(labels.term("event-kinds", e.kind) for e in events), unit="événements"),
            bar_chart("evenements-campagnes", "Événements par campagne", count(labels.term("campaigns", e.campaign) for e in events if e.campaign), unit="événements"),
        ]),
        ("Réseaux", [
            bar_chart("reseaux-regions", "Réseaux par région", count(labels.term("regions", n.region) for n in regional if n.region), unit="réseaux"),
            bar_chart("reseaux-missions", "Réseaux par mission déclarée", count(labels.term("missions", m) for n in regional for m in n.missions), unit="mentions"),
        ]),
    ]
    tables = [
        {"name": table, "title": title, "description": description, "columns": [{"name": c.name, "description": c.description} for c in columns()] + [{"name": "url", "description": "Page du portail"}]}
        for table, (title, description, columns, _, _) in opendata.TABLES.items()
    ]
    return PageSpec(
        "observatoire/", "Observatoire", "rrma/observatory.html",
        {"groups": [{"title": t, "charts": c} for t, c in groups], "tables": tables, "licence": opendata.LICENCE,
         "counts": {"resources": len(resources), "events": len(events), "networks": len(regional)}},
        in_nav=True,
        description="Les chiffres du portail : ressources, événements et réseaux par thématique, ODD, région et année, et les données ouvertes.",
    )


def _network_figures(site: Site, labels: Labels, pages: list[PageSpec]) -> None:
    """Each network page gets its own figures: its resources and events by theme and by year."""
    by_url = {p.url: p for p in pages}
    for network in site.networks:
        resources = [r.data for r in site.resources if network.id in r.data.networks]
        events = [e.data for e in site.events if network.id in e.data.networks]
        themes = count([labels.term("themes", t) for r in resources for t in r.themes] + [labels.term("themes", t) for e in events for t in e.themes])
        years = sorted({(r.published or "")[:4] for r in resources if r.published} | {str(e.starts_at().year) for e in events})
        by_year = [(y, sum(1 for r in resources if (r.published or "")[:4] == y) + sum(1 for e in events if str(e.starts_at().year) == y)) for y in years]
        short = network.data.acronym or network.data.name
        by_url[item_url("networks", network.id)].context["figures"] = [
            bar_chart(f"{network.id}-thematiques", f"Ressources et événements de {short} par thématique", themes, unit="mentions"),
            bar_chart(f"{network.id}-annees", f"Ressources et événements de {short} par année", by_year, unit="éléments datés", keep_order=True),
        ]


def _location(entry: Entry[Any], labels: Labels) -> str | None:
    e = entry.data
    parts = [e.venue, e.city, labels.region(e.region) if e.region else None]
    return ", ".join(p for p in parts if p) or None


def _event_ld(entry: Entry[Any], labels: Labels, output: Output) -> dict[str, Any]:
    e = entry.data
    url = output.absolute(item_url("events", entry.id))
    places = []
    if e.mode != "en-ligne":
        places.append(jsonld.clean({"@type": "Place", "name": e.venue or e.city or labels.region(e.region), "address": jsonld.address(e.city, labels.region(e.region))}))
    if e.mode != "sur-place":
        places.append({"@type": "VirtualLocation", "url": e.online_url or e.registration_url or e.source_url or url})
    return {
        "@context": jsonld.CONTEXT, "@type": "Event", "@id": url, "url": url, "name": e.title,
        "description": e.summary, "startDate": e.start.isoformat(), "endDate": (e.end or (None if not e.all_day else e.start)).isoformat() if (e.end or e.all_day) else None,
        "eventAttendanceMode": jsonld.ATTENDANCE[e.mode], "eventStatus": "https://schema.org/EventScheduled",
        "location": places[0] if len(places) == 1 else places,
        "organizer": [{"@type": "Organization", "name": labels.networks[n].data.name, "url": output.absolute(item_url("networks", n))}
                      for n in e.networks if n in labels.networks],
        "inLanguage": "fr",
    }


def _calendars(site: Site, labels: Labels, output: Output) -> dict[str, bytes]:
    def organisers(entry: Entry[Any]) -> list[str]:
        return [labels.network_link(n)["name"] for n in entry.data.networks]

    common = {"url_of": lambda e: output.absolute(item_url("events", e.id)), "location_of": lambda e: _location(e, labels),
              "organisers_of": organisers, "uid_domain": output.uid_domain, "stamp": output.now}
    files = {"flux/agenda.ics": calendar(site.events, name="Agenda des RRMA", **common)}
    for entry in site.events:
        files[f"agenda/{entry.id}/{entry.id}.ics"] = calendar([entry], name=entry.data.title, **common)
    for network in site.networks:
        events = [e for e in site.events if network.id in e.data.networks]
        short = network.data.acronym or network.data.name
        files[f"flux/agenda-{network.id}.ics"] = calendar(events, name=f"Agenda de {short}", **common)
    return files


FEED_SIZE = 50


def _feeds(site: Site, resources: list[Entry[Resource]], cards: dict[str, dict[str, Any]], labels: Labels, output: Output, today: date) -> dict[str, bytes]:
    def published(entry: Entry[Resource]) -> datetime | None:
        if not entry.data.published:
            return None
        year, month, day = partial_date_key(entry.data.published)
        return datetime(year, month or 1, day or 1, tzinfo=PARIS)

    resource_entries = sorted(
        (FeedEntry(output.absolute(cards[r.id]["url"]), r.data.title, output.absolute(cards[r.id]["url"]),
                   output.updated(r.path, published(r)), r.data.summary,
                   [labels.network_link(n)["name"] for n in r.data.networks], [cards[r.id]["type_label"]]) for r in resources),
        key=lambda f: (f.updated, f.id), reverse=True,
    )[:FEED_SIZE]
    event_entries = sorted(
        (FeedEntry(output.absolute(item_url("events", e.id)), e.data.title, output.absolute(item_url("events", e.id)),
                   output.updated(e.path, e.data.starts_at()), f"{event_card(e, labels, today)['dates']}. {e.data.summary or ''}".strip(),
                   [labels.network_link(n)["name"] for n in e.data.networks], [labels.term("event-kinds", e.data.kind)]) for e in site.events),
        key=lambda f: (f.updated, f.id), reverse=True,
    )[:FEED_SIZE]
    return {
        "flux/ressources.xml": atom(title="Nouvelles ressources des RRMA", subtitle="Guides, fiches, études et outils publiés par les réseaux régionaux multi-acteurs",
                                    page_url=output.absolute("ressources/"), self_url=output.absolute("flux/ressources.xml"), entries=resource_entries, updated=output.now),
        "flux/agenda.xml": atom(title="Agenda des RRMA", subtitle="Rencontres, formations, festivals et campagnes des réseaux régionaux multi-acteurs",
                                page_url=output.absolute("agenda/"), self_url=output.absolute("flux/agenda.xml"), entries=event_entries, updated=output.now),
    }


EVENT_FACET_TITLES = {"networks": "Réseau", "regions": "Région", "kind": "Type d'événement", "campaign": "Campagne"}


def _event_facets(entry: Entry[Any], regions_of: Callable[[str], str | None]) -> dict[str, list[str]]:
    e = entry.data
    regions = [e.region] if e.region else sorted({code for n in e.networks if (code := regions_of(n))})
    return {"networks": list(e.networks), "regions": regions, "kind": [e.kind], "campaign": [e.campaign] if e.campaign else []}


def _agenda(site: Site, labels: Labels, today: date, regions_of: Callable[[str], str | None]) -> list[PageSpec]:
    """The agenda and one page per network, region, kind and campaign (the same lists, filtered)."""
    cards = {e.id: {**event_card(e, labels, today), "facets": {EVENT_FACETS[k]: v for k, v in _event_facets(e, regions_of).items()}} for e in site.events}
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
    from .dates import MONTHS  # noqa: F401 - re-exported for templates

    groups: dict[str, list[dict[str, Any]]] = {}
    for card in cards:
        year, month = int(card["start"][:4]), int(card["start"][5:7])
        groups.setdefault(f"{MONTHS[month - 1].capitalize()} {year}", []).append(card)
    return [{"month": m, "events": e} for m, e in groups.items()]


def _resource_context(entry: Entry[Resource], card: dict[str, Any], labels: Labels, site: Site, output: Output) -> dict[str, Any]:
    r = entry.data
    files_dir = site.project.dir(site.project.resources_dir)
    attachments = []
    for a in r.attachments:
        if a.file:
            path = files_dir / a.file
            name = a.file.split("/")[-1]
            attachments.append({
                "title": a.title or name, "url": f"fichiers/{entry.id}/{name}", "format": name.rsplit(".", 1)[-1].upper(),
                "size": path.stat().st_size if path.is_file() else None, "external": False,
            })
        else:
            assert a.url is not None
            tail = a.url.rsplit("/", 1)[-1]
            fmt = tail.rsplit(".", 1)[-1].upper() if "." in tail and len(tail.rsplit(".", 1)[-1]) <= 4 else None
            attachments.append({"title": a.title or a.url, "url": a.url, "format": fmt, "size": None, "external": True})
    publishers = [labels.networks[n].data.name if n in labels.networks else n for n in r.networks]
    authors = r.authors or publishers
    citation = f"{', '.join(authors)}. {r.title}"
    citation += f". {', '.join(publishers)}" if r.authors else ""
    citation += f", {format_partial_date(r.published)}." if r.published else "."
    if r.source_url:
        citation += f" {r.source_url}"
    licence = site.taxonomies["licences"].terms.get(r.licence) if r.licence else None
    return {
        "resource": card,
        "themes": [labels.term("themes", t) for t in r.themes],
        "odd": [{"number": o, "label": labels.term("odd", o)} for o in r.odd],
        "audiences": [labels.term("audiences", a) for a in r.audiences],
        "language": labels.term("languages", r.language),
        "authors": r.authors,
        "licence": {"label": licence.label, "url": licence.url} if licence else None,
        "attachments": attachments,
        "source_url": r.source_url,
        "citation": citation,
        "og": {"type": "article", "title": r.title},
        "jsonld": jsonld.dumps({
            "@context": jsonld.CONTEXT,
            "@type": "LearningResource" if r.type in jsonld.LEARNING_TYPES else "CreativeWork",
            "@id": output.absolute(card["url"]), "url": output.absolute(card["url"]),
            "name": r.title, "description": r.summary, "inLanguage": r.language,
            "datePublished": r.published, "learningResourceType": card["type_label"] if r.type in jsonld.LEARNING_TYPES else None,
            "genre": card["type_label"], "keywords": ", ".join(labels.term("themes", t) for t in r.themes) or None,
            "author": [{"@type": "Person" if r.authors else "Organization", "name": a} for a in (r.authors or [])] or None,
            "publisher": [{"@type": "Organization", "name": labels.networks[n].data.name, "url": output.absolute(item_url("networks", n))}
                          for n in r.networks if n in labels.networks],
            "license": licence.url if licence and licence.url else (licence.label if licence else None),
            "sameAs": r.source_url,
            "audience": [{"@type": "Audience", "audienceType": labels.term("audiences", a)} for a in r.audiences] or None,
            "encoding": [{"@type": "MediaObject", "contentUrl": a["url"] if a["external"] else output.absolute(a["url"]), "encodingFormat": a["format"], "name": a["title"]}
                         for a in attachments] or None,
        }),
    }
