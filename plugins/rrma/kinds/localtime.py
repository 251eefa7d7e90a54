"""The local time of an entry: which time zone the times written in its file are in.

One rule for every collection that has times (events, their sessions, calls for projects…):
a time written in a file is the **wall time of the place** where things happen. Its zone is

1. the entry's own ``timezone:`` (an IANA name, :data:`rrma.core.types.TimeZoneName`), if given —
   an event abroad, or a webinar run from Guadeloupe for a national network;
2. else the time zone of the entry's region (``timezone`` of ``taxonomies/regions.yml``,
   :class:`rrma.kinds.taxonomies.RegionTerm`): America/Guadeloupe for ``region: "01"``…;
3. else Europe/Paris.

:data:`rrma.core.types.EventTime` reads every time as Paris time (it knows no taxonomy);
:func:`localise` then re-reads the times of one entry as the wall time of its zone with
:func:`rrma.core.types.in_zone`, once the regions are loaded (see ``load_site``). Dates
(all-day) are left alone. A collection reuses it like this::

    zone = zone_of(call.timezone, call.region, taxonomies["regions"])
    call = localise(call, zone, ("opens", "closes"))

:func:`zone_label` names the zone for a reader: « heure de Guadeloupe ».
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from pydantic import BaseModel

from ..core.types import PARIS, in_zone
from .taxonomies import Taxonomy

PARIS_NAME = "Europe/Paris"

M = TypeVar("M", bound=BaseModel)


def zone_of(timezone: str | None, region: str | None, regions: Taxonomy | None) -> str:
    """The IANA name of the zone an entry's times are written in: its own ``timezone``, else its
    region's, else Europe/Paris (also for a region unknown to ``regions``)."""
    if timezone:
        return timezone
    term = regions.terms.get(region) if regions is not None and region else None
    return getattr(term, "timezone", None) or PARIS_NAME


def localise(model: M, zone: str, fields: Iterable[str]) -> M:
    """A copy of ``model`` whose times in ``fields`` (a time, or a list of times) are the wall time
    of ``zone`` rather than Paris time; dates and missing values are left alone."""
    if zone == PARIS_NAME:
        return model
    tz = ZoneInfo(zone)

    def moved(value: Any) -> Any:
        if isinstance(value, list):
            return [moved(v) for v in value]
        return in_zone(value, tz) if isinstance(value, datetime) else value

    return model.model_copy(update={name: moved(getattr(model, name)) for name in fields})


def zone_label(zone: str, regions: Taxonomy | None) -> str:
    """« heure de Guadeloupe », « heure de La Réunion », « heure de Paris »: the zone named after the
    region that uses it (the first one in taxonomies/regions.yml), else by its IANA name."""
    if zone == PARIS_NAME:
        return "heure de Paris"
    for term in (regions.terms.values() if regions is not None else ()):
        if getattr(term, "timezone", None) == zone:
            return f"heure {_of(term.label)}"
    return f"heure locale ({zone})"


def paris(moment: date | datetime) -> date | datetime:
    """The same instant in Paris (a date is left alone)."""
    return moment.astimezone(PARIS) if isinstance(moment, datetime) else moment


def _of(name: str) -> str:
    first = name[:1].lower()
    return f"d'{name}" if first in "aeiouyàâéèêëîïôöùûüœ" else f"de {name}"
