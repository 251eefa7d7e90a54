"""Times written as the wall time of the event's place: overseas regions, a `timezone:` of its own."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from rrma.kinds.localtime import localise, zone_label, zone_of
from rrma.kinds.site import load_site
from rrma.pages.specs import Output, build_pages
from rrma.project import Project

from tests.conftest import PUBLIC_URL as URL
from tests.conftest import BuiltSite

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def _event(folder: Path, name: str, front: str) -> None:
    (folder / "events" / f"{name}.md").write_text(f"---\n{front}networks: [karib-horizon]\nkind: rencontre\n---\n", encoding="utf-8")


@pytest.fixture
def zoned(content: Path) -> Path:
    """Synthetic events on either side of Paris's switch to summer time (29 March 2026), which
    Guadeloupe (UTC−4 all year) does not make."""
    _event(content, "guadeloupe-avant", "title: Avant\nstart: 2026-03-28 12:00\nend: 2026-03-28 14:00\ncity: Pointe-à-Pitre\nregion: '01'\n")
    _event(content, "guadeloupe-apres", "title: Après\nstart: 2026-03-29 12:00\nend: 2026-03-29 14:00\ncity: Pointe-à-Pitre\nregion: '01'\n")
    _event(content, "soiree-guadeloupe", "title: Soirée\nstart: 2026-03-28 21:00\nend: 2026-03-28 23:00\ncity: Le Gosier\nregion: '01'\n")
    _event(content, "depuis-la-reunion", "title: Webinaire\nstart: 2026-03-10 19:00\nmode: en-ligne\nonline_url: https://visio.example.org/x\n"
                                         "timezone: Indian/Reunion\n")
    _event(content, "lyon", "title: Lyon\nstart: 2026-03-28 12:00\ncity: Lyon\nregion: '84'\n")
    _event(content, "journee-guadeloupe", "title: Journée\nstart: 2026-03-28\ncity: Pointe-à-Pitre\nregion: '01'\n")
    return content


def _pages(root: Path):
    site, problems = load_site(Project(root, today=date(2026, 3, 1)))
    assert problems == []
    return site, build_pages(site, date(2026, 3, 1), Output(URL, NOW))


def _text(data: str | bytes) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _vevent(ics: bytes) -> icalendar.Event:
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    return event


def _spec(pages, event_id: str):
    return next(p for p in pages.pages if p.url == f"agenda/{event_id}/")


def test_zone_of_prefers_the_entry_then_its_region_then_paris(zoned: Path) -> None:
    site, _ = _pages(zoned)
    regions = site.taxonomies["regions"]
    assert zone_of(None, "01", regions) == "America/Guadeloupe"
    assert zone_of(None, "04", regions) == "Indian/Reunion"
    assert zone_of("Indian/Reunion", "84", regions) == "Indian/Reunion"
    assert zone_of(None, "84", regions) == zone_of(None, None, regions) == zone_of(None, "99", regions) == "Europe/Paris"
    assert zone_label("America/Guadeloupe", regions) == "heure de Guadeloupe"
    assert zone_label("Indian/Reunion", regions) == "heure de La Réunion"
    assert zone_label("America/Montreal", regions) == "heure locale (America/Montreal)"
    event = site.events[0].data
    assert localise(event, "Europe/Paris", ("start",)) is event


@pytest.mark.parametrize(("event_id", "utc_start", "utc_end"), [
    ("guadeloupe-avant", datetime(2026, 3, 28, 16, 0, tzinfo=UTC), datetime(2026, 3, 28, 18, 0, tzinfo=UTC)),
    ("guadeloupe-apres", datetime(2026, 3, 29, 16, 0, tzinfo=UTC), datetime(2026, 3, 29, 18, 0, tzinfo=UTC)),
    ("depuis-la-reunion", datetime(2026, 3, 10, 15, 0, tzinfo=UTC), None),
    ("lyon", datetime(2026, 3, 28, 11, 0, tzinfo=UTC), None),
])
def test_calendar_file_has_the_place_s_tzid_and_instant(zoned: Path, event_id: str, utc_start: datetime, utc_end: datetime | None) -> None:
    site, pages = _pages(zoned)
    zone = next(e.data.timezone for e in site.events if e.id == event_id)
    ics = pages.files[f"agenda/{event_id}/{event_id}.ics"]
    assert f"DTSTART;TZID={zone}:".encode() in ics
    event = _vevent(ics)
    assert event["DTSTART"].dt.astimezone(UTC) == utc_start
    if utc_end is not None:
        assert event["DTEND"].dt.astimezone(UTC) == utc_end
    # one VTIMEZONE, the event's own, which a reader resolves to the real zone's offset
    [vtimezone] = icalendar.Calendar.from_ical(ics).walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == zone
    start = event["DTSTART"].dt.replace(tzinfo=None)
    assert start.replace(tzinfo=vtimezone.to_tz(lookup_tzid=False)).utcoffset() == start.replace(tzinfo=ZoneInfo(zone)).utcoffset()


def test_subscribable_calendars_have_a_vtimezone_per_zone_used(zoned: Path) -> None:
    site, pages = _pages(zoned)
    for name in ("flux/agenda.ics", "flux/agenda-karib-horizon.ics"):
        cal = icalendar.Calendar.from_ical(pages.files[name])
        zones = [str(z["TZID"]) for z in cal.walk("VTIMEZONE")]
        used = {e["DTSTART"].params["TZID"] for e in cal.walk("VEVENT") if "TZID" in e["DTSTART"].params}
        assert sorted(zones) == sorted(used) and len(zones) == len(set(zones))
        assert {"America/Guadeloupe", "Indian/Reunion"} <= used
    text = pages.files["flux/agenda.ics"].decode()
    assert text.index("END:VTIMEZONE") < text.index("BEGIN:VEVENT")
    # an all-day event overseas is still a plain date
    assert "DTSTART;VALUE=DATE:20260328" in pages.files["agenda/journee-guadeloupe/journee-guadeloupe.ics"].decode()
    assert b"VTIMEZONE" not in pages.files["agenda/journee-guadeloupe/journee-guadeloupe.ics"]


def test_page_shows_local_time_and_paris_time_across_paris_s_change(zoned: Path) -> None:
    """Same local hour in Guadeloupe on both days; Paris moved an hour forward in between."""
    _, pages = _pages(zoned)
    before = _spec(pages, "guadeloupe-avant").context["event"]
    after = _spec(pages, "guadeloupe-apres").context["event"]
    assert before["dates"] == "28 mars 2026, de 12\u00a0h à 14\u00a0h" and before["zone"] == "heure de Guadeloupe"
    assert before["paris"] == "de 17\u00a0h à 19\u00a0h à Paris"
    assert after["dates"] == "29 mars 2026, de 12\u00a0h à 14\u00a0h" and after["paris"] == "de 18\u00a0h à 20\u00a0h à Paris"
    # the evening in Guadeloupe is the next day in Paris: the Paris dates are given in full
    evening = _spec(pages, "soiree-guadeloupe").context["event"]
    assert evening["paris"] == "à Paris\u00a0: 29 mars 2026, de 3\u00a0h à 5\u00a0h"  # 01:00 UTC, just as Paris went to summer time
    assert _spec(pages, "depuis-la-reunion").context["event"]["zone"] == "heure de La Réunion"
    for paris_only in ("lyon", "journee-guadeloupe"):
        card = _spec(pages, paris_only).context["event"]
        assert card["zone"] is None and card["paris"] is None


def test_json_ld_and_open_data_carry_the_local_offset(zoned: Path) -> None:
    _, pages = _pages(zoned)
    data = json.loads(_spec(pages, "guadeloupe-apres").context["jsonld"])
    assert data["startDate"] == "2026-03-29T12:00:00-04:00" and data["endDate"] == "2026-03-29T14:00:00-04:00"
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO(_text(pages.files["donnees/evenements.csv"])))}
    assert rows["guadeloupe-apres"]["debut"] == "2026-03-29T12:00:00-04:00" and rows["guadeloupe-apres"]["fuseau"] == "America/Guadeloupe"
    assert rows["lyon"]["debut"] == "2026-03-28T12:00:00+01:00" and rows["lyon"]["fuseau"] == "Europe/Paris"
    assert rows["depuis-la-reunion"]["debut"] == "2026-03-10T19:00:00+04:00"


FIXTURE = "rencontre-cooperation-caraibe-pointe-a-pitre-2027"


def test_the_guadeloupe_fixture_as_published(shared_site: BuiltSite) -> None:
    """tests/corpus/realistic: 18:00–20:30 in Pointe-à-Pitre, written as such, is 23:00–01:30 in Paris."""
    html = (shared_site.site / "agenda" / FIXTURE / "index.html").read_text(encoding="utf-8")
    assert ('<time datetime="2027-03-27T18:00:00-04:00">27 mars 2027, de 18\u00a0h à 20\u00a0h\u00a030</time>, heure de Guadeloupe '
            '(à Paris\u00a0: du 27 mars 2027 à 23\u00a0h au 28 mars 2027 à 1\u00a0h\u00a030)') in html
    event = _vevent((shared_site.site / "agenda" / FIXTURE / f"{FIXTURE}.ics").read_bytes())
    assert event["DTSTART"].params["TZID"] == "America/Guadeloupe"
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2027, 3, 27, 22, 0, tzinfo=UTC)
    assert event["DTEND"].dt.astimezone(UTC) == datetime(2027, 3, 28, 0, 30, tzinfo=UTC)
    agenda = (shared_site.site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "27 mars 2027, de 18\u00a0h à 20\u00a0h\u00a030</time>, heure de Guadeloupe (à Paris" in agenda
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((shared_site.site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    assert rows[FIXTURE]["debut"] == "2027-03-27T18:00:00-04:00" and rows[FIXTURE]["fuseau"] == "America/Guadeloupe"
