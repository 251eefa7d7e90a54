"""Field types shared by the collections, with French errors.

Each custom check raises :class:`PydanticCustomError` whose type starts with
``rrma.`` and whose context carries the catalogue code and a hint, so
:mod:`rrma.core.validation` never has to parse message text.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from .suggest import fold

PARIS = ZoneInfo("Europe/Paris")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+'-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$")
_HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$|^localhost$", re.I)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_SPACE_RE = re.compile(r"\s")
_PARTIAL_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def fail(code: str, message: str, hint: str = "") -> PydanticCustomError:
    """A validation error carrying its catalogue code, French message and hint."""
    return PydanticCustomError(f"rrma.{code}", "{message}", {"message": message, "hint": hint, "code": code})


def _not_blank(value: str) -> str:
    if not value.strip():
        raise fail("RRMA010", "la valeur est vide, attendu un texte", "écrivez le texte ou supprimez le champ s'il est facultatif")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if _SPACE_RE.search(value):
        raise fail("RRMA017", f"« {value} » contient des espaces, attendu une adresse web", "supprimez les espaces (ou remplacez-les par %20)")
    if parts.scheme not in ("http", "https"):
        guess = f"https://{value}" if not parts.scheme and "." in value.split("/")[0] else "https://…"
        raise fail("RRMA017", f"« {value} » n'est pas une adresse web complète, attendu une adresse commençant par https://", f"écrivez par exemple `{guess}`")
    host = parts.hostname or ""
    if not _HOST_RE.match(host):
        raise fail("RRMA017", f"le nom de domaine de « {value} » est invalide, attendu une adresse comme https://exemple.org/page", "vérifiez le nom de domaine")
    return value


Url = Annotated[str, AfterValidator(_check_url), WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https?://"})]


def _check_email(value: str) -> str:
    if value.startswith("mailto:"):
        raise fail("RRMA018", f"« {value} » commence par `mailto:`, attendu l'adresse seule", f"écrivez `{value[7:]}`")
    if not _EMAIL_RE.match(value):
        raise fail("RRMA018", f"« {value} » n'est pas une adresse e-mail valide, attendu une adresse de la forme nom@domaine.fr", "vérifiez l'arobase, le domaine et l'absence d'espaces")
    return value


Email = Annotated[str, AfterValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})]


# An identifier of a network or a taxonomy term. Its shape is only enforced in
# the JSON Schema: the link pass reports an unknown value with a suggestion
# (« Éducation » → ``education``), which a pattern error could not do.
Slug = Annotated[str, WithJsonSchema({"type": "string", "pattern": SLUG_RE.pattern})]


def _region_code(value: Any) -> Any:
    # `region: 84` is read as a number: the INSEE code it names is still clear.
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100:
        return f"{value:02d}"
    return value


RegionCode = Annotated[str, BeforeValidator(_region_code), WithJsonSchema({"type": "string", "pattern": "^[0-9]{2}$"})]

Odd = Annotated[int, Field(ge=1, le=17)]

# An ISO 3166-1 alpha-2 code (« SN »). Like Slug, checked by the link pass, which suggests the code
# of a country written by its name (« Sénégal » → « SN »).
CountryCode = Annotated[str, WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"})]
# ISO 639-1 (two letters) or, for a language without one, ISO 639-3 (« gcf »); checked against pycountry by the link pass.
LanguageCode = Annotated[str, WithJsonSchema({"type": "string", "pattern": "^[a-z]{2,3}$"})]


def _impossible(year: int, month: int, day: int | None) -> PydanticCustomError | None:
    if not 1 <= month <= 12:
        form = "AAAA-MM-JJ" if day is not None else "AAAA-MM"
        return fail("RRMA014", f"le mois {month:02d} n'existe pas, attendu un mois entre 01 et 12", f"écrivez la date sous la forme {form}, le mois entre 01 et 12")
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            return fail("RRMA014", f"le {day} {MONTHS[month - 1]} {year} n'existe pas, attendu une date du calendrier", "vérifiez le jour et le mois")
    return None


_FR_NUMERIC = re.compile(r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})$")
_FR_WORDS = re.compile(r"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<d>\d{1,2})(?:er)?\s+(?P<month>[a-zéû]+\.?)\s+(?P<y>\d{4})$")
_FR_MONTH_YEAR = re.compile(r"^(?:(?P<month>[a-zéû]+\.?)|(?P<m>\d{1,2})[/.])\s*(?P<y>\d{4})$")
_FR_TIME = re.compile(r"^(?P<h>\d{1,2})\s*[hH:]\s*(?P<min>\d{2})?$")
_FR_SPLIT = re.compile(r"^(?P<day>.+?)(?:\s*,)?\s+(?:à\s+)?(?P<time>\d{1,2}\s*[hH:]\s*(?:\d{2})?)$")


def _month(name: str) -> int | None:
    """« novembre », « Novembre », « nov. », « fevrier » → its number."""
    key = fold(name).rstrip(".")
    for number, month in enumerate(MONTHS, start=1):
        if fold(month) == key or (len(key) >= 3 and fold(month).startswith(key)):
            return number
    return None


def _french_day(text: str) -> str | None:
    """« 17/11/2023 », « 17 novembre 2023 », « 1er déc. 2023 », « 2023-11-17 » → « 2023-11-17 »."""
    if _DATE_RE.match(text):
        return text
    if m := _FR_NUMERIC.match(text):
        day, month = int(m["d"]), int(m["m"])
    elif m := _FR_WORDS.match(text.lower()):
        day, month = int(m["d"]), _month(m["month"]) or 0
    else:
        return None
    try:
        return date(int(m["y"]), month, day).isoformat()
    except ValueError:
        return None


def french_date(value: str, *, with_time: bool = True) -> str | None:
    """The value to write for a date typed the French way (« 17/11/2023 10h30 » → « 2023-11-17 10:30 »),
    or None if ``value`` is not one. Without ``with_time``, a publication date: « novembre 2023 » → « 2023-11 »."""
    text = " ".join(value.strip().split())
    if not with_time and (m := _FR_MONTH_YEAR.match(text.lower())):
        month = _month(m["month"]) if m["month"] else int(m["m"])
        return f"{m['y']}-{month:02d}" if month and 1 <= month <= 12 else None
    time_part = None
    if with_time and (m := _FR_SPLIT.match(text)):
        text, time_part = m["day"], _FR_TIME.match(m["time"].replace(" ", ""))
        if time_part is None or int(time_part["h"]) > 23 or int(time_part["min"] or 0) > 59:
            return None
    day = _french_day(text)
    if day is None:
        return None
    return f"{day} {int(time_part['h']):02d}:{time_part['min'] or '00'}" if time_part else day


def parse_event_time(value: Any) -> date | datetime:
    """``2026-11-14`` (all day) or ``2026-11-14 09:30`` (Europe/Paris)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=PARIS)
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise fail("RRMA014", f"« {value} » n'est pas une date, attendu AAAA-MM-JJ ou AAAA-MM-JJ HH:MM", "écrivez par exemple `2026-11-14` ou `2026-11-14 09:30`")
    text = value.strip()
    if m := _DATE_RE.match(text):
        year, month, day = (int(g) for g in m.groups())
        if err := _impossible(year, month, day):
            raise err
        return date(year, month, day)
    if m := _DATETIME_RE.match(text):
        year, month, day, hour, minute = (int(g) for g in m.groups()[:5])
        second = int(m.group(6) or 0)
        if err := _impossible(year, month, day):
            raise err
        if hour > 23 or minute > 59 or second > 59:
            raise fail("RRMA014", f"l'heure {hour}:{minute:02d} n'existe pas, attendu une heure entre 00:00 et 23:59", "écrivez l'heure sur 24 heures, par exemple 14:30")
        return datetime(year, month, day, hour, minute, second, tzinfo=PARIS)
    if (written := french_date(text)) is not None and written != text:
        raise fail("RRMA014", f"« {value} » est écrit à la française, attendu {written}", f"remplacez la valeur par `{written}` (AAAA-MM-JJ, l'heure en HH:MM, heure du lieu)")
    raise fail("RRMA014", f"« {value} » n'est pas une date reconnue, attendu AAAA-MM-JJ ou AAAA-MM-JJ HH:MM", "écrivez par exemple `2026-11-14` ou `2026-11-14 09:30` (heure du lieu)")


def _time_zone(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise fail("RRMA014", f"« {value} » n'est pas un fuseau horaire, attendu un nom IANA comme America/Guadeloupe",
                   "écrivez le fuseau du lieu : Europe/Paris, America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte…")
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError; a path-like name a ValueError
        raise fail("RRMA014", f"« {value} » n'est pas un fuseau horaire connu, attendu un nom IANA comme America/Guadeloupe",
                   "écrivez le fuseau du lieu : Europe/Paris, America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte…") from None
    return value


TimeZoneName = Annotated[str, BeforeValidator(_time_zone), WithJsonSchema({"type": "string", "pattern": r"^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$"})]


def in_zone(moment: date | datetime, zone: str | ZoneInfo) -> date | datetime:
    """A time as written in a file (read as Paris time) taken as the wall time of ``zone`` instead:
    ``2026-03-14 18:00`` in Guadeloupe is 18:00 there, 23:00 in Paris. Dates are left alone."""
    if not isinstance(moment, datetime):
        return moment
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return moment.replace(tzinfo=tz)


_EVENT_TIME_SCHEMA = {
    "type": "string",
    "pattern": r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$",
}
EventTime = Annotated[date | datetime, BeforeValidator(parse_event_time), WithJsonSchema(_EVENT_TIME_SCHEMA)]


def _partial_date(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, date):
        value = value.isoformat()
    if isinstance(value, str) and not _PARTIAL_RE.match(value.strip()) and (written := french_date(value, with_time=False)) is not None:
        raise fail("RRMA014", f"« {value} » est écrit à la française, attendu {written}", f"remplacez la valeur par `{written}` (AAAA, AAAA-MM ou AAAA-MM-JJ)")
    if not isinstance(value, str) or not (m := _PARTIAL_RE.match(value.strip())):
        raise fail("RRMA014", f"« {value} » n'est pas une date de publication, attendu AAAA, AAAA-MM ou AAAA-MM-JJ", "écrivez par exemple `2022`, `2022-09` ou `2022-09-29`")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if month and (err := _impossible(int(year), int(month), int(day) if day else None)):
        raise err
    return value.strip()


_PERIOD_RE = re.compile(r"^(\d{4})(?:\s*[-–—/]\s*(\d{4}))?$")


def _data_period(value: Any) -> str:
    """``2015`` or ``2014-2015`` (an en dash too): the years a study's data are from, as « AAAA » or « AAAA-AAAA »."""
    text = str(value).strip() if isinstance(value, (int, str)) and not isinstance(value, bool) else None
    match = _PERIOD_RE.match(text) if text is not None else None
    if match is None:
        raise fail("RRMA014", f"« {value} » n'est pas une année ni une période, attendu AAAA ou AAAA-AAAA",
                   "écrivez l'année des données (`2015`) ou la première et la dernière (`2014-2015`)")
    start, end = int(match[1]), int(match[2] or match[1])
    if end < start:
        raise fail("RRMA015", f"la période {start}-{end} finit avant de commencer, attendu la première année puis la dernière",
                   f"écrivez `{end}-{start}`")
    return str(start) if start == end else f"{start}-{end}"


def period_years(value: str) -> tuple[int, int]:
    """« 2014-2015 » → (2014, 2015); « 2015 » → (2015, 2015)."""
    start, _, end = value.partition("-")
    return int(start), int(end or start)


DataPeriod = Annotated[str, BeforeValidator(_data_period), WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{4})?$"})]

PartialDate = Annotated[str, BeforeValidator(_partial_date), WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})]


def _review_date(value: Any) -> date:
    """``reviewed: 2026-11-03``: the day someone checked the entry was still right."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value
    text = value.strip() if isinstance(value, str) else str(value)
    if m := _DATE_RE.match(text):
        year, month, day = (int(g) for g in m.groups())
        if err := _impossible(year, month, day):
            raise err
        return date(year, month, day)
    if isinstance(value, str) and (written := french_date(text, with_time=False)) is not None and _DATE_RE.match(written):
        raise fail("RRMA014", f"« {value} » est écrit à la française, attendu {written}", f"remplacez la valeur par `{written}` (AAAA-MM-JJ)")
    raise fail("RRMA014", f"« {value} » n'est pas une date de vérification, attendu AAAA-MM-JJ",
               "écrivez le jour où le contenu a été vérifié, par exemple `2026-11-03`")


ReviewDate = Annotated[date, BeforeValidator(_review_date), WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"})]


def partial_date_key(value: str) -> tuple[int, int, int]:
    parts = [int(p) for p in value.split("-")]
    return (parts + [0, 0])[:3]  # type: ignore[return-value]


def format_partial_date(value: str) -> str:
    """« 29 septembre 2022 », « septembre 2022 » or « 2022 »."""
    year, month, day = partial_date_key(value)
    if day:
        return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"
    if month:
        return f"{MONTHS[month - 1]} {year}"
    return str(year)
