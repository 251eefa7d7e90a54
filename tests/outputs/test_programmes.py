"""Programmes of sessions: each session on the programme's page with its state, in the agenda and in the calendars."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import pytest
from rrma.kinds.site import load_site
from rrma.pages.specs import Output, build_pages
from rrma.project import Project

from tests.conftest import PUBLIC_URL as URL
from tests.conftest import BuiltSite

TODAY = date(2026, 11, 20)
CYCLE = """---
title: Cycle de webinaires sur les ODD
start: 2026-11-05
end: 2026-12-17
networks: [centraider]
kind: webinaire
mode: en-ligne
online_url: https://visio.example.org/cycle-odd
level: approfondissement
sessions:
  - title: Les ODD, une grille pour les projets
    start: 2026-11-05 18:00
    end: 2026-11-05 19:30
  - start: 2026-11-26 18:00
    end: 2026-11-26 19:30
    full: true
{extra}  - title: Évaluer ses projets avec les ODD
    start: 2026-12-17 18:00
    end: 2026-12-17 19:30
---
"""
EXTRA = "  - title: Séance ajoutée\n    start: 2026-12-03 18:00\n    end: 2026-12-03 19:30\n"


@pytest.fixture
def cycle(content: Path) -> Path:
    (content / "events" / "cycle-odd.md").write_text(CYCLE.format(extra=""), encoding="utf-8")
    return content


def _pages(root: Path):
    site, problems = load_site(Project(root, today=TODAY))
    assert problems == []
    return site, build_pages(site, TODAY, Output(URL, datetime(2026, 11, 20, 12, tzinfo=timezone.utc)))


def _vevents(ics: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(ics).walk("VEVENT"))


def test_each_session_is_its_own_vevent_with_a_stable_uid(cycle: Path) -> None:
    _, pages = _pages(cycle)
    events = _vevents(pages.files["agenda/cycle-odd/cycle-odd.ics"])
    uids = [str(e["UID"]) for e in events]
    assert uids == ["cycle-odd-20261105t1800@rrma.fr", "cycle-odd-20261126t1800@rrma.fr", "cycle-odd-20261217t1800@rrma.fr"]
    assert str(events[0]["SUMMARY"]) == "Cycle de webinaires sur les ODD — séance 1 sur 3 : Les ODD, une grille pour les projets"
    assert events[1]["DTSTART"].dt.astimezone(timezone.utc) == datetime(2026, 11, 26, 17, 0, tzinfo=timezone.utc)
    assert str(events[2]["URL"]) == f"{URL}agenda/cycle-odd/#seance-20261217t1800"
    agenda = {str(e["UID"]) for e in _vevents(pages.files["flux/agenda.ics"])}
    assert set(uids) <= agenda and "cycle-odd@rrma.fr" not in agenda  # the sessions, not the whole as one block
    # a session added between two others leaves their UIDs alone; a second build gives the same ones
    (cycle / "events" / "cycle-odd.md").write_text(CYCLE.format(extra=EXTRA), encoding="utf-8")
    _, again = _pages(cycle)
    more = [str(e["UID"]) for e in _vevents(again.files["agenda/cycle-odd/cycle-odd.ics"])]
    assert more == [uids[0], uids[1], "cycle-odd-20261203t1800@rrma.fr", uids[2]]


def test_programme_page_shows_each_session_with_its_state(cycle: Path) -> None:
    _, pages = _pages(cycle)
    spec = next(p for p in pages.pages if p.url == "agenda/cycle-odd/")
    states = [(s["session_title"], s["state_label"], s["dates"]) for s in spec.context["sessions"]]
    assert states == [("Les ODD, une grille pour les projets", "terminé", "5 novembre 2026, de 18\u00a0h à 19\u00a0h\u00a030"),
                      (None, "complet", "26 novembre 2026, de 18\u00a0h à 19\u00a0h\u00a030"),
                      ("Évaluer ses projets avec les ODD", "à venir", "17 décembre 2026, de 18\u00a0h à 19\u00a0h\u00a030")]
    data = json.loads(spec.context["jsonld"])
    assert [s["startDate"] for s in data["subEvent"]] == ["2026-11-05T18:00:00+01:00", "2026-11-26T18:00:00+01:00", "2026-12-17T18:00:00+01:00"]
    assert data["educationalLevel"] == "approfondissement"


def test_agenda_lists_each_session_in_its_month(cycle: Path) -> None:
    _, pages = _pages(cycle)
    agenda = next(p for p in pages.pages if p.url == "agenda/")
    upcoming, past = agenda.context["sections"]
    def sessions(section: dict) -> list[tuple[str, str]]:
        return [(m["month"], c["session"]) for m in section["months"] for c in m["events"] if c["id"].startswith("cycle-odd")]
    assert sessions(upcoming) == [("Novembre 2026", "Séance 2 sur 3"), ("Décembre 2026", "Séance 3 sur 3\u00a0: Évaluer ses projets avec les ODD")]
    assert sessions(past) == [("Novembre 2026", "Séance 1 sur 3\u00a0: Les ODD, une grille pour les projets")]


PARCOURS = "parcours-monter-financer-projet-2027"  # tests/corpus/realistic: three sessions, the second full


def test_the_training_path_fixture_as_published(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "agenda" / PARCOURS / "index.html").read_text(encoding="utf-8")
    for text in ("<dt>Séances</dt><dd><a href=\"#seances\">3 séances</a></dd>", "<dt>Niveau</dt><dd>initiation</dd>",
                 "<dt>Prérequis</dt><dd>Avoir une idée de projet avec un partenaire identifié\u202f; aucune connaissance préalable du financement.</dd>",
                 "<dt>Tarif</dt><dd>45\u00a0€</dd>", "<dt>Places</dt><dd>16\u00a0places</dd>",
                 '<li id="seance-20270213t0930"><p><strong>Construire son budget</strong>',
                 "Webinaire\u00a0: les guichets de financement"):
        assert text in html, text
    today = date.today()
    for key, day, full in (("20270123t0930", date(2027, 1, 23), False), ("20270213t0930", date(2027, 2, 13), True)):
        state = "terminé" if day < today else ("complet" if full else "à venir")
        assert f'<li id="seance-{key}"><p><strong>' in html and 'rrma-state--' in html
        assert html.split(f'id="seance-{key}"', 1)[1].split("</li>", 1)[0].count(f">{state}</span>") == 1
    events = _vevents((shared_site.site / "agenda" / PARCOURS / f"{PARCOURS}.ics").read_bytes())
    assert [str(e["UID"]) for e in events] == [f"{PARCOURS}-20270123t0930@rrma.fr", f"{PARCOURS}-20270213t0930@rrma.fr", f"{PARCOURS}-20270313t1000@rrma.fr"]
    assert str(events[1]["LOCATION"]) == "Centre social Courteline" and "LOCATION" not in events[2]
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((shared_site.site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    assert rows[PARCOURS]["seances"] == "2027-01-23T09:30:00+01:00|2027-02-13T09:30:00+01:00|2027-03-13T10:00:00+01:00"
    assert (rows[PARCOURS]["niveau"], rows[PARCOURS]["tarif"]) == ("initiation", "45")
