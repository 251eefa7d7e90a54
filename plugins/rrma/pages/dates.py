"""French formatting of event dates and times, in the zone each time is in (the event's place)."""

from __future__ import annotations

from datetime import date, datetime

from ..core.types import MONTHS, PARIS

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def day(d: date, *, year: bool = True, weekday: bool = False) -> str:
    text = f"{'1er' if d.day == 1 else d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if year else "")
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def month(key: str) -> str:
    """« novembre 2025 » for ``2025-11``."""
    return f"{MONTHS[int(key[5:7]) - 1]} {key[:4]}"


NBSP = "\u00a0"


def clock(t: datetime) -> str:
    """« 10 h 30 », its parts held together by non-breaking spaces (never « 10 h » at a line's end, « 30 » on the next)."""
    return f"{t.hour}{NBSP}h" + (f"{NBSP}{t.minute:02d}" if t.minute else "")


def event_dates(start: date | datetime, end: date | datetime | None) -> str:
    """« 29 septembre 2022 », « du 15 octobre au 30 novembre 2025 »,
    « 23 mai 2025, de 9 h 30 à 16 h », « du 3 mars 2026 à 18 h au 4 mars 2026 à 12 h »."""
    if isinstance(start, datetime):
        first = start
        if end is None:
            return f"{day(first.date())}, {clock(first)}"
        last = end.astimezone(start.tzinfo) if isinstance(end, datetime) else None
        if last is not None and last.date() == first.date():
            return f"{day(first.date())}, de {clock(first)} à {clock(last)}"
        if last is not None:
            return f"du {day(first.date())} à {clock(first)} au {day(last.date())} à {clock(last)}"
        return f"{day(first.date())}, {clock(first)}"
    if end is None or end == start or isinstance(end, datetime):
        return day(start)
    if start.year != end.year:
        return f"du {day(start)} au {day(end)}"
    if start.month != end.month:
        return f"du {day(start, year=False)} au {day(end)}"
    return f"du {'1er' if start.day == 1 else start.day} au {day(end)}"


def paris_beside(start: date | datetime, end: date | datetime | None) -> str | None:
    """The Paris time of a timed event held in another zone, to show beside its local time:
    « de 14 h à 16 h à Paris » when the days are the same there, else
    « à Paris : du 14 mars 2026 à 23 h au 15 mars 2026 à 1 h »; None for an all-day or Paris event."""
    if not isinstance(start, datetime) or str(start.tzinfo) == "Europe/Paris":
        return None
    first = start.astimezone(PARIS)
    last = end.astimezone(PARIS) if isinstance(end, datetime) else None
    same_days = first.date() == start.date() and (last is None or last.date() == end.date())  # type: ignore[union-attr]
    if same_days and (last is None or last.date() == first.date()):
        return f"{clock(first)} à Paris" if last is None else f"de {clock(first)} à {clock(last)} à Paris"
    return f"à Paris{NBSP}: {event_dates(first, last)}"
