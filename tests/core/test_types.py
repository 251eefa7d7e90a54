"""Field types: dates and times, URLs, e-mails, partial dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic import TypeAdapter, ValidationError
from rrma.core.types import (
    PARIS,
    Email,
    EventTime,
    PartialDate,
    Url,
    format_partial_date,
)


def _error(adapter: TypeAdapter, value: object) -> dict:
    with pytest.raises(ValidationError) as info:
        adapter.validate_python(value)
    [error] = info.value.errors()
    return error


EVENT_TIME = TypeAdapter(EventTime)


def test_event_time_forms() -> None:
    assert EVENT_TIME.validate_python("2026-11-14") == date(2026, 11, 14)
    timed = EVENT_TIME.validate_python("2026-11-14 09:30")
    assert timed == datetime(2026, 11, 14, 9, 30, tzinfo=PARIS)
    assert timed.utcoffset().total_seconds() == 3600  # winter time
    assert EVENT_TIME.validate_python("2026-07-14T21:00").utcoffset().total_seconds() == 7200  # summer time


@pytest.mark.parametrize(
    ("value", "needle"),
    [("2026-02-29", "29 février 2026 n'existe pas"), ("2026-13-01", "mois 13"), ("2026-11-14 24:00", "l'heure 24:00"), ("14/11/2026", "attendu 2026-11-14"),
     ("31/02/2026", "AAAA-MM-JJ"), ("hier", "AAAA-MM-JJ")],
)
def test_event_time_errors(value: str, needle: str) -> None:
    error = _error(EVENT_TIME, value)
    assert error["type"] == "rrma.RRMA014" and needle in error["ctx"]["message"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [("17/11/2023", "2023-11-17"), ("17/11/2023 10h30", "2023-11-17 10:30"), ("17 novembre 2023", "2023-11-17"),
     ("17 novembre 2023 à 10h30", "2023-11-17 10:30"), ("lundi 1er décembre 2025, 9h", "2025-12-01 09:00"),
     ("2023-11-17 10h30", "2023-11-17 10:30"), ("1er déc. 2023", "2023-12-01"), ("17 Fevrier 2024 14h", "2024-02-17 14:00")],
)
def test_a_date_typed_the_french_way_gets_the_exact_value_to_write(typed: str, written: str) -> None:
    error = _error(EVENT_TIME, typed)
    assert error["type"] == "rrma.RRMA014"
    assert error["ctx"]["message"] == f"« {typed} » est écrit à la française, attendu {written}"
    assert f"`{written}`" in error["ctx"]["hint"]
    assert EVENT_TIME.validate_python(written) is not None  # what it says to write is accepted


@pytest.mark.parametrize(("typed", "written"), [("novembre 2023", "2023-11"), ("Nov. 2023", "2023-11"), ("11/2023", "2023-11"), ("17/11/2023", "2023-11-17")])
def test_a_publication_date_typed_the_french_way_gets_the_exact_value_to_write(typed: str, written: str) -> None:
    adapter = TypeAdapter(PartialDate)
    error = _error(adapter, typed)
    assert error["ctx"]["message"] == f"« {typed} » est écrit à la française, attendu {written}"
    assert adapter.validate_python(written) == written


def test_partial_dates() -> None:
    adapter = TypeAdapter(PartialDate)
    assert adapter.validate_python(2022) == "2022"
    assert adapter.validate_python("2022-09") == "2022-09"
    assert format_partial_date("2022-09-01") == "1er septembre 2022"
    assert format_partial_date("2022-09") == "septembre 2022"
    assert _error(adapter, "2022-02-30")["type"] == "rrma.RRMA014"


@pytest.mark.parametrize("value", ["https://resacoop.org", "http://example.org/a?b=c#d", "https://www.bretagne-solidaire.bzh/x/"])
def test_valid_urls_are_kept_as_written(value: str) -> None:
    assert TypeAdapter(Url).validate_python(value) == value


@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,<script>", "www.example.org", "https://exa mple.org", "https://localhost_/", "ftp://example.org/f"])
def test_invalid_urls(value: str) -> None:
    assert _error(TypeAdapter(Url), value)["type"] == "rrma.RRMA017"


@pytest.mark.parametrize("value", ["contact@horizons-solidaires.org", "prenom.nom+tag@example.fr"])
def test_valid_emails(value: str) -> None:
    assert TypeAdapter(Email).validate_python(value) == value


@pytest.mark.parametrize("value", ["contact(at)example.org", "mailto:a@example.org", "a@b", "a b@example.org"])
def test_invalid_emails(value: str) -> None:
    assert _error(TypeAdapter(Email), value)["type"] == "rrma.RRMA018"


def test_a_time_written_overseas_is_the_local_wall_time():
    from rrma.core.types import PARIS, in_zone, parse_event_time

    written = parse_event_time("2026-03-14 18:00")
    local = in_zone(written, "America/Guadeloupe")
    assert (local.hour, local.utcoffset().total_seconds() / 3600) == (18, -4)
    assert local.astimezone(PARIS).strftime("%H:%M") == "23:00"
    assert in_zone(parse_event_time("2026-03-14"), "Indian/Reunion").isoformat() == "2026-03-14"


@pytest.mark.parametrize("value", ["Mars/Olympus", "../../etc/passwd", "", 12])
def test_an_unknown_time_zone_is_refused_in_french(value):
    from pydantic import TypeAdapter, ValidationError
    from rrma.core.types import TimeZoneName

    with pytest.raises(ValidationError) as caught:
        TypeAdapter(TimeZoneName).validate_python(value)
    assert "fuseau horaire" in str(caught.value) and "America/Guadeloupe" in str(caught.value)


def test_every_overseas_region_has_its_own_time_zone():
    from pathlib import Path

    from rrma.kinds.taxonomies import load_taxonomies
    from rrma.project import Project

    taxonomies, problems = load_taxonomies(Project(Path(__file__).resolve().parents[2]))
    assert problems == []
    zones = {term.label: term.timezone for term in taxonomies["regions"].terms.values()}
    assert zones["Guadeloupe"] == "America/Guadeloupe" and zones["La Réunion"] == "Indian/Reunion" and zones["Mayotte"] == "Indian/Mayotte"
    assert zones["Bretagne"] == "Europe/Paris"
    assert all(term.timezone != "Europe/Paris" for term in taxonomies["regions"].terms.values() if term.overseas)
