"""iCalendar (RFC 5545) feeds, written with the ``icalendar`` package.

UIDs are the event's file name plus a fixed domain, so a calendar app that
subscribes updates an event in place when its file changes, instead of
adding a duplicate. Timed events carry the ``TZID`` of their place's zone
(Europe/Paris, America/Guadeloupe…, see :mod:`rrma.kinds.localtime`), and each
calendar has one ``VTIMEZONE`` per zone its events use; all-day events are
``VALUE=DATE`` with an exclusive end.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import icalendar

from ..kinds.base import Entry
from ..kinds.events import Event, Session, session_key


def event_uid(event_id: str, domain: str) -> str:
    return f"{event_id}@{domain}"


def session_uid(event_id: str, session: Session, domain: str) -> str:
    """A programme's session: the programme's file name and the session's own start, so adding,
    removing or retitling another session leaves this one's UID alone."""
    return f"{event_id}-{session_key(session)}@{domain}"


def _component(entry: Entry[Event], *, url: str, uid_domain: str, stamp: datetime, location: str | None, organisers: list[str],
               details: list[str], session: Session | None = None, number: int = 0) -> icalendar.Event:
    e = entry.data
    timed = session or e
    component = icalendar.Event()
    component.add("uid", session_uid(entry.id, session, uid_domain) if session else event_uid(entry.id, uid_domain))
    component.add("dtstamp", stamp.astimezone(timezone.utc))
    title = f"{e.title} — séance {number} sur {len(e.sessions)}" + (f" : {session.title}" if session and session.title else "") if session else e.title
    component.add("summary", title)
    if not isinstance(timed.start, datetime):
        end = timed.end or timed.start
        component.add("dtstart", timed.start)
        component.add("dtend", (end.date() if isinstance(end, datetime) else end) + timedelta(days=1))
    else:
        component.add("dtstart", timed.start)
        if timed.end is not None:
            component.add("dtend", timed.end)
    component.add("url", url)
    if session and (session.venue or session.city):
        location = ", ".join(p for p in (session.venue, session.city) if p)
    if location and (session is None or (session.mode or e.mode) != "en-ligne"):
        component.add("location", location)
    text = [e.summary or ""]
    if session and session.online_url:
        text.append(f"En ligne : {session.online_url}")
    elif e.online_url:
        text.append(f"En ligne : {e.online_url}")
    if e.registration_url:
        text.append(f"Inscription : {e.registration_url}")
    text.extend(details)
    # Who organises, in the text: ORGANIZER (RFC 5545 3.8.4.3) is a calendar user address, a mailto: in
    # practice, and the files give no organiser's address; a name alone there would be a false contact.
    text.extend(organisers)
    text.append(url)
    component.add("description", "\n".join(t for t in text if t))
    component.add("status", "CONFIRMED")
    component.add("transp", "OPAQUE" if isinstance(timed.start, datetime) else "TRANSPARENT")
    return component


_END = b"END:VCALENDAR\r\n"


def calendar_head(name: str) -> icalendar.Calendar:
    """An empty ``VCALENDAR`` named ``name``, as every calendar of the portal starts."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//RRMA//Portail national des RRMA//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    return cal


def joined(cal: icalendar.Calendar, events: list[bytes]) -> bytes:
    """``cal`` with the already serialized ``events`` inside, in the given order."""
    head = cal.to_ical()
    assert head.endswith(_END)
    return head[: -len(_END)] + b"".join(events) + _END  # type: ignore[no-any-return]


def calendar(
    entries: list[Entry[Event]], *, name: str, url_of, location_of, organisers_of, uid_domain: str, stamp: datetime, details_of=lambda e: [],
    serialized: dict[str, bytes] | None = None,
) -> bytes:
    """A ``VCALENDAR`` with one ``VEVENT`` per entry, in the given order.

    ``serialized`` keeps each event's ``VEVENT`` text for the next calendar
    that lists it: an event is in the full agenda, its own file and its networks'.
    """
    cal = calendar_head(name)
    cal.add("x-wr-timezone", "Europe/Paris")
    starts = [s.start for e in entries for s in (e.data.sessions or [e.data])]
    for zone in sorted({str(t.tzinfo) for t in starts if isinstance(t, datetime)}, key=lambda z: (z != "Europe/Paris", z)):
        cal.add_component(_zone(zone))  # before the events that refer to it
    cache = serialized if serialized is not None else {}
    events = []
    for entry in entries:
        if entry.id not in cache:
            common = {"url": url_of(entry), "uid_domain": uid_domain, "stamp": stamp, "location": location_of(entry),
                      "organisers": organisers_of(entry), "details": details_of(entry)}
            if entry.data.sessions:  # a programme: one VEVENT per session, none for the whole
                cache[entry.id] = b"".join(_component(entry, **{**common, "url": f"{common['url']}#seance-{session_key(s)}"}, session=s, number=n).to_ical()
                                           for n, s in enumerate(entry.data.sessions, start=1))
            else:
                cache[entry.id] = _component(entry, **common).to_ical()
        events.append(cache[entry.id])
    return joined(cal, events)


def _zone(name: str) -> icalendar.Timezone:
    """The ``VTIMEZONE`` of a zone: Paris by its rules; another (overseas zones have no daylight
    saving time) from the tz database by ``icalendar``."""
    if name == "Europe/Paris":
        return _paris()
    return icalendar.Timezone.from_tzinfo(ZoneInfo(name), tzid=name)


def _paris() -> icalendar.Timezone:
    """Europe/Paris as calendar apps write it: two yearly rules (EU rules since
    1996), valid for every future date, instead of a list of dates up to 2038."""
    zone = icalendar.Timezone()
    zone.add("tzid", "Europe/Paris")
    for kind, start, month, before, after, name in (
        (icalendar.TimezoneDaylight, datetime(1996, 3, 31, 2), 3, "+0100", "+0200", "CEST"),
        (icalendar.TimezoneStandard, datetime(1996, 10, 27, 3), 10, "+0200", "+0100", "CET"),
    ):
        part = kind()
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        part.add("tzoffsetfrom", timedelta(hours=int(before[:3])))
        part.add("tzoffsetto", timedelta(hours=int(after[:3])))
        part.add("tzname", name)
        zone.add_component(part)
    return zone
