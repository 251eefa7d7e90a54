"""Calendar feeds, Atom feeds and page metadata, read back with real parsers."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import icalendar
import pytest
from rrma.kinds.site import load_site
from rrma.pages.specs import Output, build_pages
from rrma.project import Project

from tests.conftest import PUBLIC_URL as URL
from tests.conftest import REPO, BuiltSite, build_site, copy_content

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=timezone.utc)


def _pages(root: Path, now: datetime = NOW):
    site, problems = load_site(Project(root, today=date(2026, 11, 25)))
    assert problems == []
    return site, build_pages(site, date(2026, 11, 25), Output(URL, now))


@pytest.fixture
def dst_content(content: Path) -> Path:
    """Synthetic events across the switch to summer time (29 March 2026, 2:00 → 3:00)."""
    (content / "events" / "nuit-du-changement-d-heure.md").write_text(
        "---\ntitle: Veillée\nstart: 2026-03-28 20:00\nend: 2026-03-29 10:00\nnetworks: [resacoop]\nkind: rencontre\ncity: Lyon\n---\n", encoding="utf-8")
    (content / "events" / "deux-jours.md").write_text(
        "---\ntitle: Deux jours\nstart: 2026-03-28\nend: 2026-03-29\nnetworks: [resacoop, centraider]\nkind: formation\nregion: '84'\n---\n", encoding="utf-8")
    return content


def _events(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def _uids(events) -> list[str]:
    """One UID per event, one per session for a programme (``<file>-<start>``)."""
    from rrma.kinds.events import session_key
    return [f"{e.id}-{session_key(s)}@rrma.fr" for e in events for s in e.data.sessions] + [f"{e.id}@rrma.fr" for e in events if not e.data.sessions]


def test_global_calendar_has_every_event_once(dst_content: Path) -> None:
    site, pages = _pages(dst_content)
    events = _events(pages.files["flux/agenda.ics"])
    uids = [str(e["UID"]) for e in events]
    assert sorted(uids) == sorted(_uids(site.events))
    assert len(set(uids)) == len(uids)
    for component in events:
        assert component["URL"].startswith(URL + "agenda/") and "DTSTAMP" in component


def test_times_across_a_daylight_saving_change(dst_content: Path) -> None:
    _, pages = _pages(dst_content)
    ics = pages.files["agenda/nuit-du-changement-d-heure/nuit-du-changement-d-heure.ics"]
    text = ics.decode()
    assert "DTSTART;TZID=Europe/Paris:20260328T200000" in text and "DTEND;TZID=Europe/Paris:20260329T100000" in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    [event] = _events(ics)
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start.astimezone(timezone.utc) == datetime(2026, 3, 28, 19, 0, tzinfo=timezone.utc)
    assert end.astimezone(timezone.utc) == datetime(2026, 3, 29, 8, 0, tzinfo=timezone.utc)  # 13 hours, not 14


def test_vtimezone_rules_match_the_real_zone(dst_content: Path) -> None:
    """Another reader resolves our VTIMEZONE: its offsets must be Europe/Paris's."""
    _, pages = _pages(dst_content)
    [vtimezone] = icalendar.Calendar.from_ical(pages.files["flux/agenda.ics"]).walk("VTIMEZONE")
    zone = vtimezone.to_tz(lookup_tzid=False)
    for moment in (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12), datetime(2031, 3, 30, 4), datetime(2031, 10, 26, 1)):
        from zoneinfo import ZoneInfo

        assert moment.replace(tzinfo=zone).utcoffset() == moment.replace(tzinfo=ZoneInfo("Europe/Paris")).utcoffset()


def test_all_day_events_are_dates_with_exclusive_end(dst_content: Path) -> None:
    _, pages = _pages(dst_content)
    text = pages.files["agenda/deux-jours/deux-jours.ics"].decode()
    assert "DTSTART;VALUE=DATE:20260328" in text and "DTEND;VALUE=DATE:20260330" in text
    assert "VTIMEZONE" not in text


def test_network_calendars_hold_their_own_events(dst_content: Path) -> None:
    site, pages = _pages(dst_content)
    for network in site.networks:
        uids = {str(e["UID"]) for e in _events(pages.files[f"flux/agenda-{network.id}.ics"])}
        assert uids == set(_uids([e for e in site.events if network.id in e.data.networks]))


def test_uids_and_times_are_stable_between_builds(dst_content: Path) -> None:
    _, first = _pages(dst_content)
    _, second = _pages(dst_content, NOW + timedelta(days=3))
    def key(ics: bytes) -> list[tuple[str, str]]:
        return sorted((str(e["UID"]), e["DTSTART"].to_ical().decode()) for e in _events(ics))
    assert key(first.files["flux/agenda.ics"]) == key(second.files["flux/agenda.ics"])


def test_atom_feeds_parse_and_match_the_data() -> None:
    site, pages = _pages(REPO)
    resources = feedparser.parse(pages.files["flux/ressources.xml"])
    assert resources.bozo == 0, resources.get("bozo_exception")
    assert resources.feed.title == "Nouvelles ressources des RRMA" and resources.feed.language == "fr"
    assert {e.title for e in resources.entries} == {r.data.title for r in site.resources}
    for entry in resources.entries:
        assert entry.link.startswith(URL + "ressources/") and entry.id == entry.link and entry.updated_parsed
    events = feedparser.parse(pages.files["flux/agenda.xml"])
    assert events.bozo == 0
    assert len(events.entries) == len(site.events)
    festival = next(e for e in events.entries if e.title == "Festival ALIMENTERRE 2025 en Normandie")
    assert festival.summary.startswith("du 15 octobre au 30 novembre 2025.")
    assert [a.name for a in festival.authors] == ["Horizons Solidaires"]
    assert [t.term for t in festival.tags] == ["Festival", "Agriculture et alimentation"]  # its type, then its themes
    guide = next(e for e in resources.entries if e.title == next(r.data.title for r in site.resources if len(r.data.themes) > 1))
    assert len(guide.tags) > 2 and guide.tags[1].term != guide.tags[2].term


@pytest.fixture(scope="module")
def built(published_site: Path) -> Path:
    return published_site


def _jsonld(html: str) -> dict:
    """The page's own schema.org item (its breadcrumbs are a second block)."""
    [data] = [d for d in map(json.loads, re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)) if d["@type"] != "BreadcrumbList"]
    return data


def test_json_ld_of_each_kind(built: Path) -> None:
    org = _jsonld((built / "reseaux/horizons-solidaires/index.html").read_text(encoding="utf-8"))
    assert org["@type"] == "Organization" and org["name"] == "Horizons Solidaires"
    assert org["url"] == "https://www.horizons-solidaires.org" and org["email"] == "contact@horizons-solidaires.org"
    assert org["address"] == {"@type": "PostalAddress", "addressCountry": "FR", "addressLocality": "Caen", "addressRegion": "Normandie"}

    event = _jsonld((built / "agenda/lianes-cooperation-ag-2023/index.html").read_text(encoding="utf-8"))
    assert event["@type"] == "Event" and event["startDate"] == "2023-05-13T10:00:00+02:00" and event["endDate"] == "2023-05-13T12:30:00+02:00"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [p["@type"] for p in event["location"]] == ["Place", "VirtualLocation"]
    assert event["organizer"] == [{"@type": "Organization", "name": "Lianes coopération", "url": URL + "reseaux/lianes-cooperation/"}]

    guide = _jsonld((built / "ressources/monter-un-projet/index.html").read_text(encoding="utf-8"))
    assert guide["@type"] == "LearningResource" and guide["name"] == "Monter un projet" and guide["url"] == URL + "ressources/monter-un-projet/"
    assert guide["publisher"][0]["name"] == "Horizons Solidaires" and guide["inLanguage"] == "fr"
    study = _jsonld((built / "ressources/barometre-acteurs-csi-france/index.html").read_text(encoding="utf-8"))
    assert study["@type"] == "CreativeWork" and study["genre"] == "Étude de l'observatoire"


def test_head_announces_feeds_canonical_and_open_graph(built: Path) -> None:
    for page in ("index.html", "charte/index.html", "ressources/index.html", "reseaux/resacoop/index.html"):
        html = (built / page).read_text(encoding="utf-8")
        assert 'type="application/atom+xml" title="Nouvelles ressources des RRMA"' in html
        assert 'type="text/calendar" title="Agenda des RRMA (iCalendar)"' in html
        assert f'<link rel="canonical" href="{URL}' in html
        assert '<meta property="og:title"' in html and '<meta name="description"' in html
    network = (built / "reseaux/resacoop/index.html").read_text(encoding="utf-8")
    assert 'title="Agenda de RESACOOP (iCalendar)" href="../../flux/agenda-resacoop.ics"' in network
    assert (built / "flux/agenda-resacoop.ics").is_file()
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{URL}ressources/monter-un-projet/</loc>" in sitemap


def test_event_page_offers_its_calendar_file(built: Path) -> None:
    html = (built / "agenda/centraider-25-ans/index.html").read_text(encoding="utf-8")
    assert "23 mai 2025, de 9\u00a0h\u00a030 à 16\u00a0h" in html  # a time is never cut at a line's end
    assert "Ajouter à mon agenda" not in html  # past: nothing to add
    [event] = _events((built / "agenda/centraider-25-ans/centraider-25-ans.ics").read_bytes())
    assert str(event["SUMMARY"]).startswith("25 ans de Centraider")


def test_only_an_upcoming_event_offers_to_add_it_to_a_calendar(tmp_path: Path) -> None:
    content = copy_content(tmp_path / "repo", site=True)
    (content / "events" / "rencontre-a-venir.md").write_text(
        "---\ntitle: Rencontre à venir\nstart: 2030-05-23 09:30\nend: 2030-05-23 16:00\nnetworks: [resacoop]\nkind: rencontre\ncity: Lyon\n---\n",
        encoding="utf-8")
    build_site(content)
    html = (content / "site/agenda/rencontre-a-venir/index.html").read_text(encoding="utf-8")
    assert 'href="../../agenda/rencontre-a-venir/rencontre-a-venir.ics" download>Ajouter à mon agenda</a>' in html
    assert "Ajouter à mon agenda" not in (content / "site/agenda/centraider-25-ans/index.html").read_text(encoding="utf-8")


def test_agenda_facet_pages(built: Path, shared_site: BuiltSite) -> None:
    site = shared_site.content
    for network in site.networks:
        expected = sum(len(e.data.sessions) or 1 for e in site.events if network.id in e.data.networks)  # a programme: a card per session
        page = built / "agenda" / "reseau" / network.id / "index.html"
        assert page.is_file() == bool(expected)
        if expected:
            assert page.read_text(encoding="utf-8").count('class="rrma-card rrma-card--event"') == expected
