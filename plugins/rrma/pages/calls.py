"""Calls for projects: their state from their dates, a page each, the list with its filters, their deadlines.

A call's state (« à venir », « ouvert », « clôturé ») is computed at the build's
``now`` (:func:`call_state`) and written on the page with the instants it was
computed from (``data-rrma-call``), so calls.js corrects it in a page cached for
days; without JavaScript the page says on what day it was computed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from ..core.suggest import fold
from ..core.types import PARIS
from ..core.urls import CALL_FACETS, item_url
from ..core.wording import by, fr_number
from ..kinds.base import Entry, slugify
from ..kinds.calls import Call
from ..kinds.files import published_name
from ..kinds.localtime import zone_label
from ..kinds.site import Site
from ..outputs import ical, jsonld
from ..outputs.feeds import FeedEntry, atom
from .countries import country_links
from .dates import NBSP, day
from .library import all_option
from .model import Output, PageSpec
from .views import Labels

CALL_FACET_TITLES = {"funders": "Financeur", "audiences": "Qui peut candidater", "regions": "Région", "countries": "Pays",
                     "themes": "Thématique", "amount": "Montant"}
# Amount brackets of the « Montant » filter: a call is in each bracket its range of grants meets.
AMOUNTS = [("jusqu-a-5000", "Jusqu'à 5\u202f000\u00a0€", 0, 5000), ("5000-a-20000", "De 5\u202f000 à 20\u202f000\u00a0€", 5000, 20000),
           ("20000-a-100000", "De 20\u202f000 à 100\u202f000\u00a0€", 20000, 100000), ("plus-de-100000", "Plus de 100\u202f000\u00a0€", 100000, None)]
ALARM_BEFORE = timedelta(days=7)


def build_moment(today: date, output: Output) -> datetime:
    """The instant states are computed at: the build's time, on the project's ``today`` (which tests set)."""
    now = output.now.astimezone(PARIS)
    return now if now.date() == today else datetime.combine(today, time(0), tzinfo=PARIS)


def euros(amount: int) -> str:
    """« 15 000 € »: thousands grouped by a narrow non-breaking space, the sign held to its number."""
    return fr_number(amount) + "\u00a0€"


def _clock(moment: datetime) -> str:
    return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def _when(value: date | datetime, call: Call, zone_label: str | None) -> str:
    """« 15 juin 2026 », « 15 juin 2026 à 12 h 00 », « … à 12 h 00 (heure de Guadeloupe) »."""
    if not isinstance(value, datetime):
        return day(value)
    local = call.moment(value, end=False).astimezone(call.zone)
    text = f"{day(local.date())} à {_clock(local)}"
    return text + (f" ({zone_label})" if zone_label else "")


def _days_left(closes: datetime, now: datetime) -> str:
    days = (closes - now) // timedelta(days=1)
    return " (dernier jour)" if days < 1 else f" (dans {fr_number(days)} jour{'s' if days > 1 else ''})"


def call_state(call: Call, now: datetime, zone_label: str | None = None) -> dict[str, Any]:
    """The call's state at ``now``: its key (upcoming, open, unknown, closed), the text shown and the
    machine-readable windows the browser recomputes it from (the same rules, in calls.js)."""
    spans = [(r.opens, r.closes) for r in call.rounds] if call.rounds else [(call.opens, call.closes)]
    windows = []
    for (opens, closes), (start, end) in zip(spans, call.windows(), strict=True):
        windows.append({
            "opens": start.isoformat() if start else None, "closes": end.isoformat() if end else None,
            "upcoming": f"à venir — ouverture le {_when(opens, call, zone_label)}" if opens is not None else "à venir",
            "open": f"ouvert — clôture le {_when(closes, call, zone_label)}" if closes is not None else "ouvert — date de clôture non publiée",
        })
    data = {"windows": windows, "closed": "clôturé", "unknown": "date de clôture non publiée", "done": bool(call.winners)}
    key, text = _state_at(data, now)
    return {"key": key, "text": text, "data": json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))}


def _state_at(data: dict[str, Any], now: datetime) -> tuple[str, str]:
    """The rules calls.js applies too: winners published mean closed; else the first window not over decides."""
    if data["done"]:
        return "closed", data["closed"]
    for window in data["windows"]:
        opens = datetime.fromisoformat(window["opens"]) if window["opens"] else None
        closes = datetime.fromisoformat(window["closes"]) if window["closes"] else None
        if closes is not None and now >= closes:
            continue
        if opens is not None and now < opens:
            return "upcoming", window["upcoming"]
        if closes is None:
            return ("unknown", data["unknown"]) if opens is None else ("open", window["open"])
        return "open", window["open"] + _days_left(closes, now)
    return "closed", data["closed"]


def _zone_label(call: Call, site: Site) -> str | None:
    """« heure de Guadeloupe » for a call in America/Guadeloupe (None for Paris): :func:`zone_label`."""
    if not call.timezone or ZoneInfo(call.timezone) == PARIS:
        return None
    return zone_label(call.timezone, site.taxonomies.get("regions"))


def _amount(call: Call) -> str | None:
    low, high = call.amount_min, call.amount_max
    if low is not None and high is not None:
        return f"de {euros(low)} à {euros(high)}" if low != high else euros(low)
    if high is not None:
        return f"jusqu'à {euros(high)}"
    if low is not None:
        return f"à partir de {euros(low)}"
    return None


def call_facets(entry: Entry[Call]) -> dict[str, list[str]]:
    c = entry.data
    low, high = c.amount_min, c.amount_max
    brackets = [] if low is None and high is None else [
        key for key, _, bottom, top in AMOUNTS if (top is None or (low or 0) < top) and (high is None or high > bottom or (high == bottom == 0))]
    return {"funders": sorted({slugify(f.name) for f in c.funders}), "audiences": list(c.audiences), "regions": list(c.regions),
            "countries": list(c.countries), "themes": list(c.themes), "amount": brackets}


def call_card(entry: Entry[Call], labels: Labels, now: datetime) -> dict[str, Any]:
    c = entry.data
    last = c.last_close()
    return {
        "id": entry.id, "url": item_url("calls", entry.id), "title": c.title, "summary": c.summary,
        "funders": [f.name for f in c.funders], "networks": [labels.network_link(n) for n in c.networks],
        "amount": _amount(c), "state": call_state(c, now, _zone_label(c, labels.site)),
        "year": str(last.astimezone(c.zone).year) if last else None,
        "facets": {CALL_FACETS[k]: v for k, v in call_facets(entry).items()},
        "order": first_moments(c),
    }


def first_moments(call: Call) -> dict[str, tuple[bool, float]]:
    """Sort keys of a call by its first closing and its first opening (unknown ones last), as instants:
    a closing at 12:00 in Guadeloupe comes after one at 12:00 in Paris on the same day."""
    windows = call.windows()
    def first(moments: list[datetime | None]) -> tuple[bool, float]:
        known = [m.timestamp() for m in moments if m is not None]
        return (not known, min(known, default=0.0))
    return {"closes": first([c for _, c in windows]), "opens": first([o for o, _ in windows])}


def _sort_key(card: dict[str, Any], entry: Entry[Call]) -> tuple[Any, ...]:
    c = entry.data
    state = card["state"]["key"]
    if state == "open":
        return (0, card["order"]["closes"], c.title.casefold())
    if state == "upcoming":
        return (1, card["order"]["opens"], c.title.casefold())
    if state == "unknown":
        return (2, (False, 0.0), c.title.casefold())
    last = c.last_close()
    return (3, (False, -(last.timestamp() if last else 0)), c.title.casefold())


SECTIONS = [("open", "ouverts", "Appels ouverts", "Aucun appel n'est ouvert en ce moment."),
            ("upcoming", "a-venir", "Appels à venir", "Aucun appel n'est annoncé pour les prochains mois."),
            ("unknown", "sans-date", "Dispositifs sans date de clôture publiée", ""),
            ("closed", "clotures", "Appels clôturés", "Aucun appel clôturé.")]


def _sections(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    sections = []
    for key, anchor, title, empty in SECTIONS:
        kept = [c for c in cards if c["state"]["key"] == key]
        if key == "unknown" and not kept:
            continue
        if key == "closed":
            groups: dict[str, list[dict[str, Any]]] = {}
            for card in kept:
                groups.setdefault(card["year"] or "Sans date", []).append(card)
            months = [{"month": year, "events": items} for year, items in groups.items()]
        else:
            months = [{"month": None, "events": kept}] if kept else []
        sections.append({"id": anchor, "title": title, "empty": empty, "months": months, "key": key})
    return sections


def call_pages(site: Site, labels: Labels, now: datetime, output: Output) -> tuple[list[PageSpec], dict[str, dict[str, Any]]]:
    """A page per call and the list, with a page per filter; and the cards, for the home and network pages."""
    cards = {e.id: call_card(e, labels, now) for e in site.calls}
    entries = sorted(site.calls, key=lambda e: _sort_key(cards[e.id], e))
    ordered = [cards[e.id] for e in entries]
    pages = [_call_page(e, cards[e.id], labels, site, output, now) for e in site.calls]

    names: dict[str, Callable[[str], str]] = {
        "funders": lambda v: next(f.name for e in site.calls for f in e.data.funders if slugify(f.name) == v),
        "audiences": lambda v: labels.term("audiences", v), "regions": lambda v: labels.term("regions", v),
        "countries": lambda v: labels.term("countries", v), "themes": lambda v: labels.term("themes", v),
        "amount": lambda v: next(label for key, label, _, _ in AMOUNTS if key == v),
    }
    menu = []
    for facet, param in CALL_FACETS.items():
        counts: dict[str, int] = defaultdict(int)
        for card in ordered:
            for value in card["facets"][param]:
                counts[value] += 1
        options = [{"value": v, "label": names[facet](v), "count": n, "url": f"appels-a-projets/{param}/{v}/"} for v, n in counts.items()]
        options.sort(key=lambda o: [k for k, *_ in AMOUNTS].index(o["value"]) if facet == "amount" else fold(o["label"]))  # type: ignore[no-any-return]
        if options:
            menu.append({"key": facet, "param": param, "title": CALL_FACET_TITLES[facet], "all": all_option(facet), "options": options})
    as_of = f"état au {day(now.date())}"

    def listing(url: str, title: str, keep: Callable[[dict[str, Any]], bool], chosen: dict[str, str] | None, *, in_nav: bool = False) -> PageSpec:
        return PageSpec(url, title, "rrma/calls.html",
                        {"sections": _sections([c for c in ordered if keep(c)]), "facets": menu, "filter": chosen, "as_of": as_of,
                         "total": sum(1 for c in ordered if keep(c))},
                        in_nav=in_nav,
                        description="Les appels à projets et dispositifs de financement relayés par les réseaux régionaux multi-acteurs : "
                                    "ouverts, à venir et clôturés, avec leurs financeurs, montants et dates.")

    pages.append(listing("appels-a-projets/", "Appels à projets", lambda c: True, None, in_nav=True))
    for facet in menu:
        for option in facet["options"]:
            param, value = facet["param"], option["value"]
            pages.append(listing(option["url"], f"Appels à projets — {option['label']}", lambda c, p=param, v=value: v in c["facets"][p],
                                 {"facet": facet["title"], "label": option["label"], "param": param, "value": value}))
    return pages, cards


def _call_page(entry: Entry[Call], card: dict[str, Any], labels: Labels, site: Site, output: Output, now: datetime) -> PageSpec:
    from .specs import attachment_links, freshness  # as on the other pages (specs imports this module)

    c = entry.data
    zone = _zone_label(c, site)
    url = output.absolute(card["url"])
    attachments = attachment_links(c.attachments, site.project.dir(site.project.calls_dir), f"appels-a-projets/{entry.id}/")
    context = {
        "breadcrumbs": [{"title": "Accueil", "url": ""}, {"title": "Appels à projets", "url": "appels-a-projets/"}, {"title": c.title, "url": card["url"]}],
        "breadcrumbs_jsonld": jsonld.dumps(jsonld.breadcrumb_list(
            [{"title": "Accueil", "url": ""}, {"title": "Appels à projets", "url": "appels-a-projets/"}, {"title": c.title, "url": card["url"]}], output.absolute)),
        "call": card,
        "as_of": f"état au {day(now.date())}",
        "funders": [f.model_dump() for f in c.funders],
        "scheme": c.scheme,
        "audiences": [labels.term("audiences", a) for a in c.audiences],
        "regions": [labels.term("regions", r) for r in c.regions],
        "countries": country_links(c.countries),
        "zones": [labels.term("zones", z) for z in c.zones],
        "themes": [labels.term("themes", t) for t in c.themes],
        "odd": [{"number": o, "label": labels.term("odd", o)} for o in c.odd],
        "cofunding": f"{c.cofunding_rate:g}\u00a0% du budget au plus".replace(".", ",") if c.cofunding_rate is not None else None,
        "opens": _when(c.opens, c, zone) if c.opens is not None else None,
        "closes": _when(c.closes, c, zone) if c.closes is not None else None,
        "rounds": [{"title": r.title or f"Session {i}", "opens": _when(r.opens, c, zone) if r.opens is not None else None,
                    "closes": _when(r.closes, c, zone)} for i, r in enumerate(c.rounds, start=1)],
        "apply_url": c.apply_url, "source_url": c.source_url, "attachments": attachments,
        "winners": [{**w.model_dump(), "amount": euros(w.amount) if w.amount is not None else None} for w in c.winners],
        "ics_url": f"appels-a-projets/{entry.id}/{entry.id}.ics" if c.last_close() else None,
        "og": {"type": "article", "title": c.title},
        "jsonld": jsonld.dumps(call_jsonld(entry, url, labels, output)),
        **freshness(entry, output),
    }
    return PageSpec(card["url"], c.title, "rrma/call.html", context, body=entry.body, source=entry.path, description=c.summary,
                    search={"kind": "appel", "label": "Appel à projets", "summary": c.summary, "date": card["state"]["text"],
                            "tags": ["Appel à projets", *card["funders"], c.scheme or "", *(n["name"] for n in card["networks"]),
                                     *(labels.term("themes", t) for t in c.themes), *(labels.term("audiences", a) for a in c.audiences),
                                     *(labels.term("regions", r) for r in c.regions),
                                     *(labels.term("countries", k) for k in c.countries), *(labels.term("zones", z) for z in c.zones)],
                            "facets": {"theme": list(c.themes), "region": list(c.regions), "reseau": list(c.networks)}})


def call_jsonld(entry: Entry[Call], url: str, labels: Labels, output: Output) -> dict[str, Any]:
    """schema.org ``MonetaryGrant``: its funders, and its amount (a range when the call gives one) in euros."""
    c = entry.data
    amount = None
    if c.amount_min is not None or c.amount_max is not None:
        amount = {"@type": "MonetaryAmount", "currency": "EUR", "minValue": c.amount_min, "maxValue": c.amount_max}
        if c.amount_min == c.amount_max:
            amount = {"@type": "MonetaryAmount", "currency": "EUR", "value": c.amount_min}
    return {
        "@context": jsonld.CONTEXT, "@type": "MonetaryGrant", "@id": url, "url": url, "name": c.title, "description": c.summary,
        "funder": jsonld.organisations(c.funders, labels, output),
        "amount": amount,
        "sameAs": c.source_url,
        "sponsor": [{"@type": "Organization", "name": labels.networks[n].data.name, "url": output.absolute(item_url("networks", n))}
                    for n in c.networks if n in labels.networks] or None,
        "recipient": jsonld.organisations(c.winners, labels, output) or None,
        "inLanguage": "fr",
        "areaServed": [labels.term("regions", r) for r in c.regions] or None,
        "spatialCoverage": jsonld.places(c.countries, c.zones, labels) or None,
    }


def call_uid(call_id: str, domain: str) -> str:
    return f"echeance-{call_id}@{domain}"


def _deadline(entry: Entry[Call], url: str, output: Output) -> bytes:
    """One VEVENT at the call's (last) closing time, with a reminder a week before; its UID is the file's name."""
    c = entry.data
    closes = c.last_closing()
    assert closes is not None
    event = icalendar.Event()
    event.add("uid", call_uid(entry.id, output.uid_domain))
    event.add("dtstamp", output.now.astimezone(timezone.utc))
    event.add("summary", f"Clôture\u00a0: {c.title}")
    if isinstance(closes, datetime):  # the closing minute, as an instant (calendar apps show it in their own zone)
        event.add("dtstart", c.moment(closes, end=True).astimezone(timezone.utc))
        event.add("dtend", c.moment(closes, end=True).astimezone(timezone.utc))
    else:  # the closing day, all day long
        event.add("dtstart", closes)
        event.add("dtend", closes + timedelta(days=1))
    event.add("url", c.apply_url or url)
    event.add("description", "\n".join(t for t in (c.summary, f"Financé par\u00a0: {', '.join(f.name for f in c.funders)}", c.apply_url and f"Candidater\u00a0: {c.apply_url}", url) if t))
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Clôture dans une semaine\u00a0: {c.title}")
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event.to_ical()  # type: ignore[no-any-return]


def _calendar(name: str, events: list[bytes]) -> bytes:
    return ical.joined(ical.calendar_head(name), events)


def call_files(site: Site, output: Output) -> dict[str, str | bytes]:
    """Each call's deadline (.ics), the calendar of all deadlines and one per network, the Atom feed of new calls."""
    dated = [e for e in site.calls if e.data.last_close() is not None]
    events = {e.id: _deadline(e, output.absolute(item_url("calls", e.id)), output) for e in dated}
    files: dict[str, str | bytes] = {f"appels-a-projets/{e.id}/{e.id}.ics": _calendar(f"Clôture\u00a0: {e.data.title}", [events[e.id]]) for e in dated}
    files["flux/echeances.ics"] = _calendar("Échéances des appels à projets relayés par les RRMA", [events[e.id] for e in dated])
    for network in site.networks:
        files[f"flux/echeances-{network.id}.ics"] = _calendar(f"Échéances des appels relayés {by(network.data.short, network.data.article)}",
                                                               [events[e.id] for e in dated if network.id in e.data.networks])
    entries = sorted((FeedEntry(output.absolute(item_url("calls", e.id)), e.data.title, output.absolute(item_url("calls", e.id)),
                                output.updated(e.path, e.data.moment(e.data.opens, end=False) if e.data.opens else None), e.data.summary,
                                [f.name for f in e.data.funders], ["Appel à projets"]) for e in site.calls),
                     key=lambda f: (f.updated, f.id), reverse=True)[:50]
    files.update(call_attachments(site))
    files["flux/appels-a-projets.xml"] = atom(title="Appels à projets relayés par les RRMA",
                                             subtitle="Appels à projets et dispositifs de financement relayés par les réseaux régionaux multi-acteurs",
                                             page_url=output.absolute("appels-a-projets/"), self_url=output.absolute("flux/appels-a-projets.xml"),
                                             entries=entries, updated=output.now)
    return files


def call_attachments(site: Site) -> dict[str, str | bytes]:
    """Attached files of the calls (guidelines), by their path in the site, where the call's page links to them."""
    root = site.project.dir(site.project.calls_dir)
    return {f"appels-a-projets/{e.id}/{published_name(a.file.rsplit('/', 1)[-1])}": (root / a.file).read_bytes()
            for e in site.calls for a in e.data.attachments if a.file and (root / a.file).is_file()}
