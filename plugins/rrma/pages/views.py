"""Small view models (plain dicts) that templates render.

Templates receive data, never entries: a template cannot reach a field that
was not meant to be shown, and every text in here is escaped by Jinja.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from ..core.types import format_partial_date, partial_date_key
from ..core.urls import item_url
from ..kinds.base import Entry
from ..kinds.events import Event, session_key
from ..kinds.localtime import zone_label
from ..kinds.networks import Network
from ..kinds.resources import Resource
from ..kinds.site import Site
from .dates import event_dates, paris_beside


class Labels:
    """Taxonomy labels and network names, with a fallback to the raw id."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.networks = {n.id: n for n in site.networks}

    def term(self, taxonomy: str, term_id: Any) -> str:
        return self.site.taxonomies[taxonomy].label(term_id)

    def region(self, code: str | None) -> str | None:
        return self.term("regions", code) if code else None

    def network_link(self, network_id: str) -> dict[str, str]:
        """A network by its short name; a former one with the network that took over: « CERAPCOOP (aujourd'hui RESACOOP) »."""
        entry = self.networks.get(network_id)
        name = entry.data.short if entry else network_id
        successor = self.networks.get(entry.data.successor) if entry is not None and entry.data.successor else None
        if successor is not None:
            name = f"{name} (aujourd'hui {successor.data.short})"
        return {"name": name, "url": item_url("networks", network_id)}


def network_card(entry: Entry[Network], labels: Labels) -> dict[str, Any]:
    n = entry.data
    return {
        "id": entry.id,
        "url": item_url("networks", entry.id),
        "name": n.name,
        "acronym": n.acronym,
        "short": n.short, "article": n.article,
        "region": n.region,
        "region_label": labels.region(n.region),
        "city": n.city,
        "website": n.website,
        "national": n.scope == "national",
        "former": n.ended is not None,  # out of the directory, the map and the counts of current networks
        "logo": {"url": f"logos/{entry.id}/{n.logo.file.split('/')[-1]}", "alt": n.logo.alt} if n.logo else None,
        "monogram": monogram(n.acronym, n.name),
    }


# Words a monogram skips: « Réseau des acteurs de la coopération » → « RAC ».
_MINOR_WORDS = {"de", "des", "du", "la", "le", "les", "et", "en", "pour", "au", "aux", "d", "l", "à"}


MONOGRAM_LETTERS = 6  # an acronym this long is shown whole, on a pill as wide as it needs (rrma.css)


def monogram(acronym: str | None, name: str) -> str:
    """What stands for a network without a logo: its acronym, whole, when it is one of up to six
    letters (« PDLCI », « GESCOD »; the « BFC » of « BFC International »), else up to three
    initials of its name. Why whole: a cut acronym (« GES ») names nobody."""
    if acronym:
        first = acronym.split()[0]
        if first.isalpha() and first.isupper() and 2 <= len(first) <= MONOGRAM_LETTERS:
            return first
        if " " not in acronym and len(acronym) <= 4:
            return acronym.upper()
    words = [w for w in name.replace("'", " ").replace("’", " ").replace("-", " ").split() if w.lower() not in _MINOR_WORDS]
    if len(words) == 1:  # « RESACOOP », « Centraider »: the word's first letters, not a lone initial
        return words[0][:3].upper()
    return "".join(w[0] for w in words[:3]).upper() or name[:1].upper()


def resource_year(resource: Resource) -> int | None:
    return partial_date_key(resource.published)[0] if resource.published else None


def resource_card(entry: Entry[Resource], labels: Labels) -> dict[str, Any]:
    r = entry.data
    return {
        "id": entry.id,
        "url": item_url("resources", entry.id),
        "title": r.title,
        "summary": r.summary,
        "type": r.type,
        "type_label": labels.term("resource-types", r.type),
        "networks": [labels.network_link(n) for n in r.networks],
        "published": format_partial_date(r.published) if r.published else None,
        "year": resource_year(r),
    }


def resource_sort_key(entry: Entry[Resource]) -> tuple[Any, ...]:
    """Newest first; undated resources last, then by title."""
    published = entry.data.published
    key = partial_date_key(published) if published else (0, 0, 0)
    return (tuple(-k for k in key), entry.data.title.casefold(), entry.id)


# « en Normandie », but « dans les Hauts-de-France », « à La Réunion » (INSEE codes of taxonomies/regions.yml).
_IN_REGION = {"04": "à", "06": "à", "32": "dans les", "44": "dans le", "52": "dans les"}


def in_region(code: str, labels: Labels) -> str:
    """« en Normandie », « dans les Hauts-de-France », « à La Réunion »."""
    return f"{_IN_REGION.get(code, 'en')} {labels.region(code)}"


def places_summary(places: list[Any], labels: Labels) -> str | None:
    """What an agenda card says of where: « Caen », « Caen, Rouen et Évreux », « 12 lieux en Normandie »,
    « 5 lieux dans 2 régions »; a place without a city by its region."""
    names = list(dict.fromkeys(p.city or labels.region(p.region) for p in places if p.city or p.region))
    if len(places) <= 3:
        return f"{', '.join(names[:-1])} et {names[-1]}" if len(names) > 1 else (names[0] if names else None)
    regions = list(dict.fromkeys(p.region for p in places if p.region))
    if len(regions) == 1:
        return f"{len(places)} lieux {in_region(regions[0], labels)}"
    return f"{len(places)} lieux dans {len(regions)} régions" if regions else f"{len(places)} lieux"


def event_card(entry: Entry[Event], labels: Labels, today: date) -> dict[str, Any]:
    e = entry.data
    beside = paris_beside(e.start, e.end)
    place = places_summary(e.all_places, labels)
    return {
        "id": entry.id,
        "url": item_url("events", entry.id),
        "title": e.title,
        "summary": e.summary,
        "dates": event_dates(e.start, e.end),
        # a timed event away from Paris: its zone named, and the Paris time beside it
        "zone": zone_label(e.timezone or "Europe/Paris", labels.site.taxonomies.get("regions")) if beside else None,
        "paris": beside,
        "when": event_dates(e.start, e.end) + (f", {zone_label(e.timezone or 'Europe/Paris', labels.site.taxonomies.get('regions'))} ({beside})" if beside else ""),
        "start": e.starts_at().isoformat(),
        "kind_label": labels.term("event-kinds", e.kind),
        "place": place or ("En ligne" if e.mode == "en-ligne" else None),
        "online": e.mode != "sur-place",
        "networks": [labels.network_link(n) for n in e.networks],
        "upcoming": e.last_day >= today,
    }


def _when(start: date | datetime, end: date | datetime | None, labels: Labels) -> dict[str, Any]:
    """Local dates, and for a timed event away from Paris its zone named and the Paris time beside it."""
    beside = paris_beside(start, end)
    zone = zone_label(str(start.tzinfo), labels.site.taxonomies.get("regions")) if beside else None
    dates = event_dates(start, end)
    return {"dates": dates, "zone": zone, "paris": beside, "when": dates + (f", {zone} ({beside})" if beside else "")}


SESSION_STATES = {"upcoming": "à venir", "full": "complet", "over": "terminé"}


def session_cards(entry: Entry[Event], labels: Labels, today: date) -> list[dict[str, Any]]:
    """Each session of a programme as the agenda and the programme's page show it, with its state."""
    e = entry.data
    programme_place = places_summary(e.all_places, labels)
    cards = []
    for number, s in enumerate(e.sessions, start=1):
        key = session_key(s)
        mode = s.mode or e.mode
        own = ", ".join(p for p in (s.venue, s.city, labels.region(s.region) if s.region and not s.city else None) if p)
        state = "over" if s.last_day < today else ("full" if s.full or e.full else "upcoming")
        start = s.start if isinstance(s.start, datetime) else datetime.combine(s.start, time(0), tzinfo=e.zone)
        cards.append({
            "id": f"{entry.id}-{key}", "anchor": f"seance-{key}", "url": f"{item_url('events', entry.id)}#seance-{key}",
            "title": e.title, "summary": None, "number": number,
            "session": f"Séance {number} sur {len(e.sessions)}" + (f"\u00a0: {s.title}" if s.title else ""), "session_title": s.title,
            **_when(s.start, s.end, labels), "start": start.isoformat(),
            "kind_label": labels.term("event-kinds", e.kind),
            "place": "En ligne" if mode == "en-ligne" else (own or programme_place),
            "online": mode != "sur-place", "online_url": s.online_url,
            "networks": [labels.network_link(n) for n in e.networks],
            "upcoming": s.last_day >= today, "state": state, "state_label": SESSION_STATES[state],
        })
    return cards


def upcoming(site: Site, today: date) -> list[Entry[Event]]:
    return [e for e in site.events if e.data.last_day >= today]


def past(site: Site, today: date) -> list[Entry[Event]]:
    return sorted((e for e in site.events if e.data.last_day < today), key=lambda e: (e.data.starts_at(), e.id), reverse=True)


def and_list(names: list[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} et {names[-1]}" if names else ""


def organisation_link(organisation: Any, labels: Labels) -> dict[str, Any]:
    """A network of the portal (a link to its page) or another structure (a link to its site if known)."""
    network = getattr(organisation, "network", None)
    if network:
        return {**labels.network_link(network), "role": organisation.role, "external": False}
    return {"name": organisation.name, "url": organisation.url, "role": organisation.role, "external": True}


def event_credits(e: Event, labels: Labels) -> dict[str, Any]:
    """Who organises and who relays, saying only what the file says: no organisers, « Relayé par … »;
    the organisers are the relaying networks, one « Organisé par … »; else both, the relaying networks
    not already named as organisers after « relayé par »."""
    organizers = [organisation_link(o, labels) for o in e.organizers]
    organising = {o.network for o in e.organizers if o.network}
    relays = [labels.network_link(n) for n in e.networks if n not in organising]
    return {"organizers": organizers, "relays": relays,
            "partners": [organisation_link(o, labels) for o in e.partners], "funders": [organisation_link(o, labels) for o in e.funders],
            "text": credits_text(organizers, relays)}


def credits_text(organizers: list[dict[str, Any]], relays: list[dict[str, Any]]) -> str:
    """The same line in plain text, for the calendar and the search: « Organisé par A et B · relayé par C »."""
    parts = []
    if organizers:
        parts.append(f"Organisé par {and_list([o['name'] for o in organizers])}")
    if relays:
        parts.append(f"{'relayé' if organizers else 'Relayé'} par {and_list([r['name'] for r in relays])}")
    return " · ".join(parts)
