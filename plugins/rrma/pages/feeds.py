"""Calendars, Atom feeds and schema.org data of events, from the page data."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..core.types import PARIS, partial_date_key
from ..core.urls import item_url
from ..core.wording import of
from ..kinds.base import Entry
from ..kinds.events import session_key
from ..kinds.files import published_name
from ..kinds.localtime import zone_label
from ..kinds.resources import Resource
from ..kinds.site import Site
from ..outputs import jsonld
from ..outputs.feeds import FeedEntry, atom
from ..outputs.ical import calendar
from .dates import NBSP, clock, day
from .model import Output
from .views import Labels, and_list, event_credits


def place_text(place: Any, labels: Labels) -> str:
    """« Salle des fêtes, 2 rue de la Paix, Caen, Normandie »: one place as a line of text."""
    return ", ".join(p for p in (place.venue, place.address, place.city, labels.region(place.region) if place.region else None) if p)


def cost_label(cost: float | str | None) -> str | None:
    """« Gratuit », « 15 € », « 12,50 € », or the text as written."""
    if cost is None:
        return None
    if cost == "gratuit":
        return "Gratuit"
    if isinstance(cost, (int, float)):
        amount = f"{int(cost)}" if float(cost).is_integer() else f"{cost:.2f}".replace(".", ",")
        return f"{amount}{NBSP}€"
    return cost[:1].upper() + cost[1:]


def _moment(moment: date | datetime, zone: str, labels: Labels) -> str:
    """« 12 mars 2027 », « 12 mars 2027 à 18 h », « 12 mars 2027 à 18 h, heure de Guadeloupe »."""
    if not isinstance(moment, datetime):
        return day(moment)
    text = f"{day(moment.date())} à {clock(moment)}"
    return text if zone == "Europe/Paris" else f"{text}, {zone_label(zone, labels.site.taxonomies.get('regions'))}"


def practical(e: Any, labels: Labels, today: date) -> dict[str, Any]:
    """Cost, places and registration as the event page says them; ``registration_open`` False once the
    deadline has passed (the day itself still counts), the event is full or over."""
    deadline = e.registration_deadline
    closed = deadline is not None and (deadline.date() if isinstance(deadline, datetime) else deadline) < today
    return {
        "cost": cost_label(e.cost),
        "capacity": "Complet" if e.full else (f"{e.places_available}{NBSP}places" if e.places_available else None),
        "deadline": _moment(deadline, e.timezone or "Europe/Paris", labels) if deadline is not None else None,
        "registration_closed": closed,
        "registration_open": not closed and not e.full and e.last_day >= today,
    }


def _location(entry: Entry[Any], labels: Labels) -> str | None:
    """iCalendar's LOCATION holds one text: every place, separated by « ; »."""
    return " ; ".join(place_text(p, labels) for p in entry.data.all_places) or None


def event_jsonld(entry: Entry[Any], labels: Labels, output: Output) -> dict[str, Any]:
    e = entry.data
    url = output.absolute(item_url("events", entry.id))
    places = []
    abroad = e.countries[0] if len(e.countries) == 1 and e.countries[0] != "FR" else None  # a place without a region is there
    if e.mode != "en-ligne":
        places.extend(jsonld.clean({"@type": "Place", "name": p.venue or p.city or labels.region(p.region),
                                    "address": jsonld.address(p.city, labels.region(p.region), p.address, abroad)}) for p in e.all_places)
    if e.mode != "sur-place":
        places.append({"@type": "VirtualLocation", "url": e.online_url or e.registration_url or e.source_url or url})
    return {
        "@context": jsonld.CONTEXT, "@type": "Event", "@id": url, "url": url, "name": e.title,
        "description": e.summary, "startDate": e.start.isoformat(), "endDate": (e.end or (None if not e.all_day else e.start)).isoformat() if (e.end or e.all_day) else None,
        "eventAttendanceMode": jsonld.ATTENDANCE[e.mode], "eventStatus": "https://schema.org/EventScheduled",
        "location": places[0] if len(places) == 1 else places,
        # Only who the file says organises: the relaying networks are the portal's publishers, not the organisers.
        "organizer": jsonld.organisations(e.organizers, labels, output) or None,
        "funder": jsonld.organisations(e.funders, labels, output) or None,
        "contributor": jsonld.organisations(e.partners, labels, output) or None,
        "inLanguage": "fr",
        "about": jsonld.places(e.countries, e.zones, labels) or None,
        "isAccessibleForFree": True if e.cost == "gratuit" else (False if isinstance(e.cost, (int, float)) else None),
        "offers": {"@type": "Offer", "price": e.cost, "priceCurrency": "EUR", "url": e.registration_url or url,
                   "availability": "https://schema.org/SoldOut" if e.full else "https://schema.org/InStock"} if isinstance(e.cost, (int, float)) else None,
        "maximumAttendeeCapacity": e.places_available,
        "educationalLevel": e.level,
        "subEvent": [jsonld.clean({"@type": "Event", "@id": f"{url}#seance-{session_key(s)}", "url": f"{url}#seance-{session_key(s)}",
                                   "name": f"{e.title} — {s.title}" if s.title else f"{e.title} — séance {n}",
                                   "startDate": s.start.isoformat(), "endDate": s.end.isoformat() if s.end else None,
                                   "eventAttendanceMode": jsonld.ATTENDANCE[s.mode or e.mode],
                                   "eventStatus": "https://schema.org/EventScheduled",
                                   "location": {"@type": "VirtualLocation", "url": s.online_url} if s.online_url and (s.mode or e.mode) == "en-ligne"
                                   else (jsonld.clean({"@type": "Place", "name": s.venue or s.city, "address": jsonld.address(s.city, labels.region(s.region))})
                                         if s.city else None)})
                     for n, s in enumerate(e.sessions, start=1)] or None,
        "remainingAttendeeCapacity": 0 if e.full else None,
        "subjectOf": [{"@type": "MediaObject", "name": a.title or (a.file or a.url or "").rsplit("/", 1)[-1],
                       "contentUrl": a.url or output.absolute(item_url("events", entry.id) + published_name(a.file.rsplit("/", 1)[-1]))}
                      for a in e.attachments] or None,
    }


def calendars(site: Site, labels: Labels, output: Output) -> dict[str, bytes]:
    def organisers(entry: Entry[Any]) -> list[str]:
        credits = event_credits(entry.data, labels)
        lines = [credits["text"]]
        for title, key in (("Partenaires", "partners"), ("Financeurs", "funders")):
            if credits[key]:
                lines.append(f"{title} : {and_list([o['name'] for o in credits[key]])}")
        return lines

    def details(entry: Entry[Any]) -> list[str]:
        e, found = entry.data, []
        if e.cost is not None:
            found.append(f"Tarif : {cost_label(e.cost)}")
        if e.registration_deadline is not None:
            found.append(f"Inscriptions jusqu'au {_moment(e.registration_deadline, e.timezone or 'Europe/Paris', labels)}")
        found.extend(f"{a.title or 'Document'} : {a.url or output.absolute(item_url('events', entry.id) + published_name(a.file.rsplit('/', 1)[-1]))}"
                     for a in e.attachments)
        return found

    common = {"url_of": lambda e: output.absolute(item_url("events", e.id)), "location_of": lambda e: _location(e, labels), "details_of": details,
              "organisers_of": organisers, "uid_domain": output.uid_domain, "stamp": output.now, "serialized": {}}
    files = {"flux/agenda.ics": calendar(site.events, name="Agenda des RRMA", **common)}
    for entry in site.events:
        files[f"agenda/{entry.id}/{entry.id}.ics"] = calendar([entry], name=entry.data.title, **common)
    for network in site.networks:
        events = [e for e in site.events if network.id in e.data.network_ids]
        files[f"flux/agenda-{network.id}.ics"] = calendar(events, name=f"Agenda {of(network.data.short, network.data.article)}", **common)
    return files


FEED_SIZE = 50


def atom_feeds(site: Site, resources: list[Entry[Resource]], cards: dict[str, dict[str, Any]], event_cards: dict[str, dict[str, Any]],
               labels: Labels, output: Output) -> dict[str, bytes]:
    def published(entry: Entry[Resource]) -> datetime | None:
        if not entry.data.published:
            return None
        year, month, day = partial_date_key(entry.data.published)
        return datetime(year, month or 1, day or 1, tzinfo=PARIS)

    def themes(entry: Entry[Any]) -> list[str]:
        """Categories of an entry after its type: its themes, by their labels (a reader can filter on them)."""
        return [labels.term("themes", t) for t in entry.data.themes]

    resource_entries = sorted(
        (FeedEntry(output.absolute(cards[r.id]["url"]), r.data.title, output.absolute(cards[r.id]["url"]),
                   output.updated(r.path, published(r)), r.data.summary,
                   [labels.network_link(n)["name"] for n in r.data.networks], [cards[r.id]["type_label"], *themes(r)]) for r in resources),
        key=lambda f: (f.updated, f.id), reverse=True,
    )[:FEED_SIZE]
    event_entries = sorted(
        (FeedEntry(output.absolute(item_url("events", e.id)), e.data.title, output.absolute(item_url("events", e.id)),
                   output.updated(e.path, e.data.starts_at()), f"{event_cards[e.id]['when']}. {e.data.summary or ''}".strip(),
                   [labels.network_link(n)["name"] for n in e.data.networks], [labels.term("event-kinds", e.data.kind), *themes(e)]) for e in site.events),
        key=lambda f: (f.updated, f.id), reverse=True,
    )[:FEED_SIZE]
    return {
        "flux/ressources.xml": atom(title="Nouvelles ressources des RRMA", subtitle="Guides, fiches, études et outils publiés par les réseaux régionaux multi-acteurs",
                                    page_url=output.absolute("ressources/"), self_url=output.absolute("flux/ressources.xml"), entries=resource_entries, updated=output.now),
        "flux/agenda.xml": atom(title="Agenda des RRMA", subtitle="Rencontres, formations, festivals et campagnes des réseaux régionaux multi-acteurs",
                                page_url=output.absolute("agenda/"), self_url=output.absolute("flux/agenda.xml"), entries=event_entries, updated=output.now),
    }


