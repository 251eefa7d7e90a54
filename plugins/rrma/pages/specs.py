"""Every generated page, as data: URL, title, template, context, body."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from ..core.suggest import fold
from ..core.types import PARIS, format_partial_date
from ..core.urls import FACETS, item_url
from ..core.wording import by, file_size, of, published_phrase
from ..kinds.base import Entry
from ..kinds.files import published_name
from ..kinds.resources import Resource
from ..kinds.site import Site
from ..outputs import jsonld, opendata
from .agenda import agenda_pages, event_facets
from .calls import build_moment, call_files, call_pages
from .countries import country_links, country_pages
from .datasets import as_of, data_page, last_changes
from .dates import day
from .feeds import atom_feeds, calendars, event_jsonld, place_text, practical
from .home import SHOWN_CALLS, calls_lists, key_figures
from .library import FACET_TITLES, all_option, facet_label, listing_pages, resource_facets
from .model import EMPTY_SITEMAP, SITE_FEEDS, Output, PageSpec, SitePages
from .observatory import add_network_figures, observatory_page
from .regionmap import region_map
from .views import (
    Labels,
    event_card,
    event_credits,
    network_card,
    organisation_link,
    past,
    resource_card,
    resource_sort_key,
    session_cards,
    upcoming,
)

__all__ = ["EMPTY_SITEMAP", "SITE_FEEDS", "Output", "PageSpec", "SitePages", "build_pages"]


SEARCH_KINDS = {"ressource": "Ressource", "evenement": "Événement", "reseau": "Réseau", "appel": "Appel à projets", "campagne": "Campagne", "page": "Page"}


def build_pages(site: Site, today: date, output: Output | None = None, world: dict[str, Any] | None = None) -> SitePages:
    """Every page; ``world`` is the world map's shapes (:func:`rrma.pages.worldmap.world_shapes`), None for no map."""
    output = output or Output("http://127.0.0.1:8000/", datetime.combine(today, time(0), tzinfo=PARIS))
    labels = Labels(site)
    regions_of = {n.id: n.data.region for n in site.networks}.get
    pages: list[PageSpec] = []
    network_cards = {n.id: network_card(n, labels) for n in site.networks}
    current_cards = {k: c for k, c in network_cards.items() if not c["former"]}  # the directory, the map, the counts
    resources = sorted(site.resources, key=resource_sort_key)
    resource_cards = {r.id: resource_card(r, labels) for r in resources}
    events_next = upcoming(site, today)
    events_past = past(site, today)
    event_cards = {e.id: event_card(e, labels, today) for e in site.events}
    facets_of = {r.id: resource_facets(r, regions_of) for r in resources}
    call_specs, call_cards = call_pages(site, labels, build_moment(today, output), output)
    home_calls = calls_lists([call_cards[c.id] for c in site.calls], SHOWN_CALLS)  # open at the build, and those that may open

    # Networks: one page each, then the directory with its map.
    for entry in site.networks:
        n = entry.data
        pages.append(
            PageSpec(
                item_url("networks", entry.id), n.name, "rrma/network.html",
                {
                    **breadcrumbs("networks", entry.id, n.name, output),
                    **freshness(entry, output),
                    "network": network_cards[entry.id],
                    "email": n.email,
                    "other_cities": n.other_cities,
                    "legal_form": n.legal_form,
                    "founded": format_partial_date(n.founded) if n.founded else None,
                    "charter_signed": format_partial_date(n.charter_signed) if n.charter_signed else None,
                    "missions": [{"label": labels.term("missions", m), "description": getattr(site.taxonomies["missions"].terms.get(m), "description", None)}
                                 for m in n.missions],  # under `mkdocs serve`, the taxonomy may be broken
                    "themes": [labels.term("themes", t) for t in n.themes],
                    "countries": country_links(n.partner_countries),
                    "zones": [labels.term("zones", z) for z in n.zones],
                    "social": {k: v for k, v in (n.social.model_dump() if n.social else {}).items() if v},
                    "logo": network_cards[entry.id]["logo"],
                    "former": _former(n, labels) if n.ended else None,
                    "took_over": [{**labels.network_link(p.id), "name": p.data.short,
                                   "ended": _when(p.data.ended) if p.data.ended else None}
                                  for p in site.networks if p.data.successor == entry.id],
                    "upcoming": [event_cards[e.id] for e in events_next if entry.id in e.data.network_ids],
                    "past": [event_cards[e.id] for e in events_past if entry.id in e.data.network_ids][:5],
                    "resources": [resource_cards[r.id] for r in resources if entry.id in r.data.networks],
                    "calls": calls_lists([card for card in call_cards.values() if any(n["url"] == item_url("networks", entry.id) for n in card["networks"])]),
                    "calls_ics": f"flux/echeances-{entry.id}.ics",
                    "ics_url": f"flux/agenda-{entry.id}.ics",
                    "ics_webcal": "webcal://" + output.absolute(f"flux/agenda-{entry.id}.ics").split("://", 1)[-1],
                    "feeds": [{"type": "text/calendar", "title": f"Agenda {of(network_cards[entry.id]['short'], network_cards[entry.id]['article'])} (iCalendar)", "url": f"flux/agenda-{entry.id}.ics"}],
                    "og": {"type": "profile", "title": n.name},
                    "jsonld": jsonld.dumps({
                        "@context": jsonld.CONTEXT, "@type": "Organization", "@id": output.absolute(item_url("networks", entry.id)),
                        "name": n.name, "alternateName": n.acronym, "url": n.website or output.absolute(item_url("networks", entry.id)),
                        "email": n.email, "foundingDate": n.founded, "dissolutionDate": n.ended, "description": "Réseau régional multi-acteurs" + (f" — {labels.region(n.region)}" if n.region else ""),
                        "address": jsonld.address(n.city, labels.region(n.region)), "areaServed": labels.region(n.region),
                        "sameAs": [u for u in (n.social.model_dump().values() if n.social else []) if u],
                    }),
                },
                body=n.description,
                source=entry.path,
                description=f"{n.name} — réseau régional multi-acteurs" + (f" ({labels.region(n.region)})" if n.region else ""),
                # what the page shows: its missions with their descriptions (« Formation et appui-conseil… »)
                search={"kind": "reseau", "label": "Réseau",
                        "summary": "".join(f"{d.rstrip('.')}. " for m in n.missions
                                           if (d := getattr(site.taxonomies["missions"].terms.get(m), "description", None))).strip(),
                        "tags": [n.legal_form or "", *n.other_cities, n.acronym or "", n.city or "", labels.region(n.region) or "",
                                 *_places(n.partner_countries, n.zones, labels),
                                 *(labels.term("themes", t) for t in n.themes), *(labels.term("missions", m) for m in n.missions)],
                        "facets": {"theme": list(n.themes), "region": [n.region] if n.region else [], "reseau": [entry.id]}},
            )
        )
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for card in current_cards.values():
        if card["region"]:
            by_region[card["region"]].append(card)
    regions = site.taxonomies["regions"]
    the_map = region_map({c: t.label for c, t in regions.terms.items()}, by_region)
    region_list = [
        {"code": code, "label": term.label, "overseas": term.overseas, "networks": by_region.get(code, [])}
        for code, term in sorted(regions.terms.items(), key=lambda kv: (kv[1].overseas, fold(kv[1].label)))
    ]
    pages.append(
        PageSpec(
            "reseaux/", "Les réseaux régionaux", "rrma/networks.html",
            {
                "regions": region_list,
                "map": the_map,
                "national": [c for c in current_cards.values() if c["national"]],
                "count": sum(1 for c in current_cards.values() if not c["national"]),
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
                search={"kind": "ressource", "label": resource_cards[entry.id]["type_label"], "summary": r.summary,
                        "date": resource_cards[entry.id]["published"],
                        # attached files in the repo: their text is indexed (read by the search's worker process)
                        "files": [str(site.project.dir(site.project.resources_dir) / a.file) for a in r.attachments if a.file],
                        "tags": [resource_cards[entry.id]["type_label"], *(labels.term("themes", t) for t in r.themes),
                                 *(n["name"] for n in resource_cards[entry.id]["networks"]), *(labels.term("audiences", a) for a in r.audiences),
                                 *_places(r.countries, r.zones, labels), *_coverage_labels(r, labels),
                                 *(o.name for o in (*r.partners, *r.funders))],
                        "facets": {"theme": list(r.themes), "region": facets_of[entry.id]["regions"], "reseau": list(r.networks)}},
            )
        )
    facet_values: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in FACETS}
    for entry in resources:
        for facet, values in facets_of[entry.id].items():
            for value in values:
                facet_values[facet][value].append(entry.id)
    facet_menu = []
    for facet, values in facet_values.items():
        options = [
            {"value": v, "label": facet_label(facet, v, labels), "count": len(ids), "url": f"ressources/{FACETS[facet]}/{v}/"}
            for v, ids in values.items()
        ]
        options.sort(key=lambda o: (-int(o["value"]), "") if facet == "year" else ((int(o["value"]), "") if facet == "odd" else (0, fold(o["label"]))))
        if options:  # a facet no resource uses (no ODD yet) would be an empty list
            facet_menu.append({"key": facet, "param": FACETS[facet], "title": FACET_TITLES[facet], "all": all_option(facet), "options": options})
    library_context = {"facets": facet_menu, "data_url": "ressources/index.json"}
    all_cards = [resource_cards[r.id] for r in resources]
    pages.extend(listing_pages("ressources/", "Ressources", all_cards, {**library_context, "filter": None}, in_nav=True))
    for facet in facet_menu:
        for option in facet["options"]:
            ids = set(facet_values[facet["key"]][option["value"]])
            cards = [c for c in all_cards if c["id"] in ids]
            pages.extend(
                listing_pages(option["url"], f"Ressources — {option['label']}", cards,
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
        card = event_cards[entry.id]
        credits = event_credits(e, labels)
        pages.append(
            PageSpec(
                item_url("events", entry.id), e.title, "rrma/event.html",
                {
                    **breadcrumbs("events", entry.id, e.title, output),
                    **freshness(entry, output),
                    "event": card,
                    "credits": credits,
                    "places": [place_text(p, labels) for p in e.all_places],
                    **practical(e, labels, today),
                    "sessions": session_cards(entry, labels, today),
                    "level": e.level, "prerequisites": e.prerequisites,
                    "attachments": attachment_links(e.attachments, site.project.dir(site.project.events_dir), item_url("events", entry.id)),
                    "mode": {"sur-place": "Sur place", "en-ligne": "En ligne", "hybride": "Sur place et en ligne"}[e.mode],
                    "online_url": e.online_url, "registration_url": e.registration_url, "source_url": e.source_url,
                    "campaign": labels.term("campaigns", e.campaign) if e.campaign else None,
                    "themes": [labels.term("themes", t) for t in e.themes],
                    "odd": [{"number": o, "label": labels.term("odd", o)} for o in e.odd],
                    "audiences": [labels.term("audiences", a) for a in e.audiences],
                    "countries": country_links(e.countries),
                    "zones": [labels.term("zones", z) for z in e.zones],
                    "ics_url": f"agenda/{entry.id}/{entry.id}.ics",
                    "og": {"type": "article", "title": e.title},
                    "jsonld": jsonld.dumps(event_jsonld(entry, labels, output)),
                },
                body=entry.body,
                source=entry.path,
                description=e.summary or f"{e.title} — {card['dates']}",
                search={"kind": "evenement", "label": "Événement", "summary": e.summary or "", "date": card["dates"],
                        "files": [str(site.project.dir(site.project.events_dir) / a.file) for a in e.attachments if a.file],
                        "tags": [labels.term("event-kinds", e.kind), *(p.city or "" for p in e.all_places),
                                 *(labels.region(r) or "" for r in dict.fromkeys(p.region for p in e.all_places if p.region)), *_places(e.countries, e.zones, labels),
                                 *(labels.term("themes", t) for t in e.themes), *(n["name"] for n in card["networks"]),
                                 *(o["name"] for o in (*credits["organizers"], *credits["partners"], *credits["funders"])),
                                 labels.term("campaigns", e.campaign) if e.campaign else ""],
                        "facets": {"theme": list(e.themes), "region": event_facets(entry, regions_of)["regions"], "reseau": list(e.networks)}},
            )
        )
    pages.extend(agenda_pages(site, labels, event_cards, today, regions_of))
    pages.extend(call_specs)

    pages.extend(country_pages(site, labels, today, {"networks": network_cards, "resources": resource_cards, "events": event_cards}, world, output))

    # Hand-written pages that show data.
    next_events = [event_cards[e.id] for e in events_next[:3]]
    extra = {
        "index.md": {
            "next_events": next_events,
            "recent_events": [] if next_events else [event_cards[e.id] for e in events_past[:3]],
            "latest_resources": all_cards[:6],
            "calls": home_calls,
            "key_figures": key_figures(site, labels, today, home_calls["count"], len(home_calls["later"])),
            "networks": sorted((c for c in current_cards.values() if not c["national"]), key=lambda c: fold(c["region_label"] or "")),
            "national": [c for c in current_cards.values() if c["national"]],
            "map": the_map,
            "campaigns": [{"label": t.label, "description": getattr(t, "description", None)}
                          for t in site.taxonomies["campaigns"].terms.values()],
        },
        "charte.md": {
            # sections the template adds after the page's own text: in its table of contents too
            "sections": [{"id": "reseaux", "title": "Les réseaux régionaux"}],
            "networks": sorted((
                {**network_cards[n.id], "charter_signed": format_partial_date(n.data.charter_signed) if n.data.charter_signed else None}
                for n in site.networks if n.data.scope == "regional" and n.data.ended is None
            ), key=lambda c: fold(c["region_label"] or "")),
        },
    }
    files: dict[str, str | bytes] = {"ressources/index.json": json.dumps(library_data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))}
    files["flux/sitemap.xml"] = EMPTY_SITEMAP
    issued = min([d.date() for d in output.changed.values()] or [output.now.date()]).isoformat()
    # The open data is made here, not beside the pages: /donnees/ gives each file's size and row count.
    states = as_of(site, build_moment(today, output))
    changed = last_changes(site, output, states.day)
    open_data = opendata.files(site, absolute=output.absolute, issued=issued, modified=changed, as_of=states)
    files.update(open_data)
    pages.append(data_page(open_data, changed))
    data_files = [
        partial(calendars, site, labels, output),
        partial(atom_feeds, site, resources, resource_cards, event_cards, labels, output),
        partial(call_files, site, output),
    ]
    pages.append(observatory_page(site, labels, world))
    search_facets = {
        "theme": {str(k): t.label for k, t in site.taxonomies["themes"].terms.items()},
        "region": {str(k): t.label for k, t in site.taxonomies["regions"].terms.items()},
        "reseau": {n.id: n.data.short for n in site.networks},
    }
    # the filters' lists are in the page, not in the search's manifest: a first query does not pay for them
    filter_options = {name: sorted(values.items(), key=lambda kv: (fold(kv[1]), kv[0])) for name, values in search_facets.items()}
    pages.append(PageSpec("recherche/", "Recherche", "rrma/search.html",
                          {"kinds": SEARCH_KINDS, "examples": search_examples(site, labels), "options": filter_options},
                          description="Rechercher un guide, un événement, un réseau sur le portail des RRMA."))
    pages.append(subscribe_page(network_cards, output))
    pages.append(subscribe_page(network_cards, output, "flux/"))
    pages.append(PageSpec(
        "plan-du-site/", "Plan du site", "rrma/sitemap.html",
        {"networks": sorted(network_cards.values(), key=lambda c: fold(c["name"])),
         "resource_types": next((f["options"] for f in facet_menu if f["key"] == "type"), []),
         "resource_count": len(all_cards),
         "event_count": len(site.events),
         "archives": [{"title": p.title.removeprefix("Agenda — "), "url": p.url} for p in pages if p.url.startswith("agenda/archives/")],
         "information": INFORMATION_PAGES},
        description="Toutes les rubriques du portail des RRMA, les réseaux, les types de ressources et les archives de l'agenda.",
    ))
    add_network_figures(site, labels, pages)
    return SitePages(pages, extra, files, SITE_FEEDS, search_facets, data_files)


def _coverage_labels(r: Resource, labels: Labels) -> list[str]:
    return ([labels.region(code) or code for code in r.coverage.regions] + [labels.term("countries", c) for c in r.coverage.countries]) if r.coverage else []


def _data_line(r: Resource, labels: Labels) -> str | None:
    """« Données : 2015 · Couverture : Bourgogne-Franche-Comté », apart from the publication date."""
    parts = []
    if r.data_period:
        parts.append(f"Données\u00a0: {r.data_period.replace('-', '–')}")
    if coverage := _coverage_labels(r, labels):
        parts.append(f"Couverture\u00a0: {', '.join(coverage)}")
    return " · ".join(parts) or None


def _coverage_places(r: Resource, labels: Labels) -> list[dict[str, Any]]:
    """The territory the data cover, then the countries and zones the resource is about, each once."""
    covered = ([{"@type": "AdministrativeArea", "name": labels.region(code), "containedInPlace": {"@type": "Country", "name": "France", "identifier": "FR"}}
                for code in r.coverage.regions] if r.coverage else [])
    places = jsonld.places(list(dict.fromkeys([*(r.coverage.countries if r.coverage else []), *r.countries])), r.zones, labels)
    return covered + places


def _when(value: str) -> str:
    """« le 1er juillet 2017 », « en juillet 2017 », « en 2017 »."""
    return published_phrase(value).removeprefix("publié ")


def _former(n: Any, labels: Labels) -> dict[str, Any]:
    """What a former network's page says: when it ended, and which network took over."""
    successor = labels.networks.get(n.successor) if n.successor else None
    return {"ended": _when(n.ended),
            "successor": {"name": successor.data.short, "url": item_url("networks", successor.id)} if successor else None}


def _places(country_codes: list[str], zones: list[str], labels: Labels) -> list[str]:
    """Country and zone names an item is found by in the search (« Sénégal », « Caraïbe »)."""
    return [labels.term("countries", c) for c in country_codes] + [labels.term("zones", z) for z in zones]


# Hand-written pages of the footer (content/), in the site map too.
INFORMATION_PAGES = [
    {"title": "Mentions légales", "url": "mentions-legales/"},
    {"title": "Accessibilité", "url": "accessibilite/"},
    {"title": "Données personnelles", "url": "donnees-personnelles/"},
    {"title": "Contact", "url": "contact/"},
    {"title": "S'abonner\u00a0: calendriers et flux", "url": "abonnements/"},
]


def is_local(site_url: str) -> bool:
    """The preview's address (or none given): what a calendar app elsewhere cannot reach."""
    host = site_url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    return host in ("127.0.0.1", "localhost", "0.0.0.0", "") or host.startswith("127.")


def subscribe_page(network_cards: dict[str, dict[str, Any]], output: Output, url: str = "abonnements/") -> PageSpec:
    """Calendars to subscribe to (webcal: and the https address to copy) and the Atom feeds; the same
    page at /flux/, the folder of the feeds themselves, so that address reads as a page too."""
    def calendar(title: str, url: str) -> dict[str, str]:
        address = output.absolute(url)
        return {"title": title, "url": url, "address": address, "webcal": "webcal://" + address.split("://", 1)[-1]}
    current = sorted((c for c in network_cards.values() if not c["former"]), key=lambda c: fold(c["short"]))  # a former network's stay empty
    calendars = [calendar("Tout l'agenda des RRMA", "flux/agenda.ics")] + [
        calendar(f"Agenda {of(c['short'], c['article'])}", f"flux/agenda-{c['id']}.ics") for c in current]
    deadlines = [calendar("Toutes les échéances des appels à projets", "flux/echeances.ics")] + [
        calendar(f"Échéances des appels relayés {by(c['short'], c['article'])}", f"flux/echeances-{c['id']}.ics") for c in current]
    return PageSpec(
        url, "S'abonner\u00a0: calendriers et flux", "rrma/subscribe.html",
        {"calendars": calendars, "deadlines": deadlines, "local": is_local(output.site_url),
         "feeds": [{"title": f["title"], "url": f["url"], "address": output.absolute(f["url"])} for f in SITE_FEEDS if f["type"] != "text/calendar"]},
        description="Suivre l'agenda des réseaux régionaux multi-acteurs dans son calendrier, et les nouvelles ressources dans un lecteur de flux.",
    )


# The section each item belongs to, as its breadcrumbs show it.
SECTIONS = {"networks": ("Réseaux", "reseaux/"), "events": ("Agenda", "agenda/"), "resources": ("Ressources", "ressources/")}


def breadcrumbs(kind: str, item_id: str, title: str, output: Output) -> dict[str, Any]:
    """Home › section › item: the trail the page shows, and its schema.org twin."""
    section, section_url = SECTIONS[kind]
    trail = [{"title": "Accueil", "url": ""}, {"title": section, "url": section_url}, {"title": title, "url": item_url(kind, item_id)}]
    return {"breadcrumbs": trail, "breadcrumbs_jsonld": jsonld.dumps(jsonld.breadcrumb_list(trail, output.absolute))}


def freshness(entry: Entry[Any], output: Output) -> dict[str, Any]:
    """« Contenu vérifié le 3 novembre 2026 » (the entry's ``reviewed`` date), else the day its file last changed in Git,
    said as such: a change is not a check. Outside a Git checkout, and for a file Git does not know yet, nothing."""
    reviewed = getattr(entry.data, "reviewed", None)
    if reviewed is not None:
        return {"freshness": {"reviewed": True, "date": reviewed.isoformat(), "before": "Contenu vérifié le", "day": day(reviewed), "after": "."}}
    changed = output.changed.get(entry.path)
    if changed is None:
        return {"freshness": None}
    when = changed.astimezone(PARIS).date()
    return {"freshness": {"reviewed": False, "date": when.isoformat(), "before": "Dernière modification le", "day": day(when),
                          "after": " ; date de vérification non indiquée."}}


def search_examples(site: Site, labels: Labels, count: int = 3) -> list[str]:
    """Words to suggest on the search page: the themes most present in the guides and events
    (a suggestion must find something on this site, whatever its content)."""
    used: dict[str, int] = defaultdict(int)
    for entry in [*site.resources, *site.events]:
        for theme in entry.data.themes:
            used[theme] += 1
    best = sorted(used, key=lambda theme: (-used[theme], theme))[:count]
    words = [labels.term("themes", theme) for theme in best]
    return [w[0].lower() + w[1:] if w[1:2].islower() else w for w in words]  # « eau », but « ODD »


def attachment_links(attachments: list[Any], files_dir: Path, folder_url: str) -> list[dict[str, Any]]:
    """The documents of an item as its page lists them: a file of the repository is published in ``folder_url``."""
    found = []
    for a in attachments:
        if a.file:
            path = files_dir / a.file
            name = a.file.split("/")[-1]
            published = published_name(name)
            size = path.stat().st_size if path.is_file() else None
            found.append({
                "title": a.title or name, "url": f"{folder_url}{published}", "format": published.rsplit(".", 1)[-1].upper(),
                "size": size, "size_label": file_size(size) if size is not None else None, "external": False,
            })
        else:
            assert a.url is not None
            tail = a.url.rsplit("/", 1)[-1]
            fmt = tail.rsplit(".", 1)[-1].upper() if "." in tail and len(tail.rsplit(".", 1)[-1]) <= 4 else None
            found.append({"title": a.title or a.url, "url": a.url, "format": fmt, "size": None, "external": True})
    return found


def _resource_context(entry: Entry[Resource], card: dict[str, Any], labels: Labels, site: Site, output: Output) -> dict[str, Any]:
    r = entry.data
    attachments = attachment_links(r.attachments, site.project.dir(site.project.resources_dir), f"fichiers/{entry.id}/")
    publishers = [labels.networks[n].data.name if n in labels.networks else n for n in r.networks]
    authors = r.authors or publishers
    citation = f"{', '.join(authors)}. {r.title}"
    citation += f". {', '.join(publishers)}" if r.authors else ""
    citation += f", {format_partial_date(r.published)}." if r.published else "."
    if r.source_url:
        citation += f" {r.source_url}"
    licence = site.taxonomies["licences"].terms.get(r.licence) if r.licence else None
    return {
        **breadcrumbs("resources", entry.id, r.title, output),
        **freshness(entry, output),
        "resource": card,
        "published": published_phrase(r.published) if r.published else None,
        "data": _data_line(r, labels),
        "themes": [labels.term("themes", t) for t in r.themes],
        "odd": [{"number": o, "label": labels.term("odd", o)} for o in r.odd],
        "audiences": [labels.term("audiences", a) for a in r.audiences],
        "countries": country_links(r.countries),
        "zones": [labels.term("zones", z) for z in r.zones],
        "languages": [labels.term("languages", code) for code in r.languages],
        "authors": r.authors,
        "partners": [organisation_link(o, labels) for o in r.partners],
        "funders": [organisation_link(o, labels) for o in r.funders],
        "licence": {"label": licence.label, "url": licence.url} if licence else None,
        "attachments": attachments,
        "source_url": r.source_url,
        "citation": citation,
        "og": {"type": "article", "title": r.title},
        "jsonld": jsonld.dumps({
            "@context": jsonld.CONTEXT,
            "@type": "LearningResource" if r.type in jsonld.LEARNING_TYPES else "CreativeWork",
            "@id": output.absolute(card["url"]), "url": output.absolute(card["url"]),
            "name": r.title, "description": r.summary, "inLanguage": r.languages[0] if len(r.languages) == 1 else list(r.languages),
            "datePublished": r.published, "learningResourceType": card["type_label"] if r.type in jsonld.LEARNING_TYPES else None,
            "genre": card["type_label"], "keywords": ", ".join(labels.term("themes", t) for t in r.themes) or None,
            "author": [{"@type": "Person" if r.authors else "Organization", "name": a} for a in (r.authors or [])] or None,
            "publisher": [{"@type": "Organization", "name": labels.networks[n].data.name, "url": output.absolute(item_url("networks", n))}
                          for n in r.networks if n in labels.networks],
            "funder": jsonld.organisations(r.funders, labels, output) or None,
            "contributor": jsonld.organisations(r.partners, labels, output) or None,
            "license": licence.url if licence and licence.url else (licence.label if licence else None),
            "sameAs": r.source_url,
            "audience": [{"@type": "Audience", "audienceType": labels.term("audiences", a)} for a in r.audiences] or None,
            "temporalCoverage": r.data_period.replace("-", "/") if r.data_period else None,  # ISO 8601: « 2015 », « 2014/2015 »
            "spatialCoverage": _coverage_places(r, labels) or None,
            "encoding": [{"@type": "MediaObject", "contentUrl": a["url"] if a["external"] else output.absolute(a["url"]), "encodingFormat": a["format"], "name": a["title"]}
                         for a in attachments] or None,
        }),
    }


