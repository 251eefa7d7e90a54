"""Calls for projects: their state around each boundary, the notice for a call added already closed,
their deadlines in calendars (parsed back), their JSON-LD and the list's order."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from rrma.kinds.calls import Call
from rrma.kinds.site import load_site
from rrma.pages.calls import call_files, call_state, first_moments
from rrma.pages.home import calls_lists
from rrma.pages.model import Output
from rrma.project import Project

from tests.conftest import BuiltSite, copy_content, run_rrma

PARIS = ZoneInfo("Europe/Paris")
GUADELOUPE = ZoneInfo("America/Guadeloupe")
FUNDER = [{"name": "Région Centre-Val de Loire"}]


def call(**fields: object) -> Call:
    return Call.model_validate({"title": "Un appel", "summary": "Résumé.", "funders": FUNDER, "networks": ["centraider"], **fields})


def at(text: str, zone: ZoneInfo = PARIS) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=zone)


JUNE = call(opens="2026-03-03", closes="2026-06-15 12:00")


@pytest.mark.parametrize(("now", "key", "text"), [
    ("2026-03-02 23:59", "upcoming", "à venir — ouverture le 3 mars 2026"),  # the day before opening
    ("2026-03-03 00:00", "open", "ouvert — clôture le 15 juin 2026 à 12\u00a0h\u00a000 (dans 104 jours)"),  # opening day
    ("2026-06-03 10:00", "open", "ouvert — clôture le 15 juin 2026 à 12\u00a0h\u00a000 (dans 12 jours)"),
    ("2026-06-15 11:59", "open", "ouvert — clôture le 15 juin 2026 à 12\u00a0h\u00a000 (dernier jour)"),  # the closing minute
    ("2026-06-15 12:00", "closed", "clôturé"),
])
def test_the_state_around_each_boundary(now: str, key: str, text: str) -> None:
    state = call_state(JUNE, at(now))
    assert (state["key"], state["text"]) == (key, text)


def test_a_closing_day_lasts_until_midnight() -> None:
    c = call(opens="2026-03-03", closes="2026-06-15")
    assert call_state(c, at("2026-06-15 23:59"))["text"] == "ouvert — clôture le 15 juin 2026 (dernier jour)"
    assert call_state(c, at("2026-06-16 00:00"))["key"] == "closed"


def test_an_overseas_call_closes_at_its_own_wall_time() -> None:
    """18:00 in Guadeloupe is midnight in Paris (summer): still open at 23:30 in Paris."""
    c = call(opens="2026-03-03", closes="2026-06-15 18:00", timezone="America/Guadeloupe")
    assert call_state(c, at("2026-06-15 23:30"), "heure de Guadeloupe")["text"] == \
        "ouvert — clôture le 15 juin 2026 à 18\u00a0h\u00a000 (heure de Guadeloupe) (dernier jour)"
    assert call_state(c, at("2026-06-15 17:59", GUADELOUPE))["key"] == "open"
    assert call_state(c, at("2026-06-15 18:00", GUADELOUPE))["key"] == "closed"
    assert call_state(c, at("2026-06-16 00:00"))["key"] == "closed"  # 18:00 in Guadeloupe


def test_open_calls_are_listed_by_their_first_closing_instant() -> None:
    """12:00 in Guadeloupe (16:00 UTC) closes after 14:00 in Paris (12:00 UTC) on the same day, though
    its ISO text « 2026-06-15T12:00:00-04:00 » sorts first; a call without a closing date comes last."""
    calls = {"guadeloupe": call(title="Guadeloupe", opens="2026-03-03", closes="2026-06-15 12:00", timezone="America/Guadeloupe"),
             "paris": call(title="Paris", opens="2026-03-03", closes="2026-06-15 14:00"),
             "sans-date": call(title="Sans date", opens="2026-03-03"),
             "bientot": call(title="Bientôt", opens="2026-07-01", closes="2026-09-01")}
    now = at("2026-06-01 10:00")
    cards = [{"title": c.title, "state": call_state(c, now), "order": first_moments(c)} for c in calls.values()]
    lists = calls_lists(cards, shown=2)
    assert [c["title"] for c in lists["open"]] == ["Paris", "Guadeloupe"]
    assert [c["title"] for c in lists["later"]] == ["Sans date", "Bientôt"]
    assert lists["count"] == 3


def test_rounds_a_call_without_dates_and_one_with_winners() -> None:
    c = call(rounds=[{"opens": "2026-01-05", "closes": "2026-03-31"}, {"title": "Seconde session", "opens": "2026-05-04", "closes": "2026-06-30"}])
    assert call_state(c, at("2026-04-10 09:00"))["text"] == "à venir — ouverture le 4 mai 2026"  # between two rounds
    assert call_state(c, at("2026-06-01 09:00"))["text"] == "ouvert — clôture le 30 juin 2026 (dans 29 jours)"
    assert call_state(call(), at("2026-06-01 09:00"))["text"] == "date de clôture non publiée"
    assert call_state(call(opens="2026-01-05"), at("2026-06-01 09:00"))["text"] == "ouvert — date de clôture non publiée"
    assert call_state(call(winners=[{"name": "Association"}]), at("2026-06-01 09:00"))["key"] == "closed"


def test_the_page_carries_the_instants_the_browser_recomputes_the_state_from() -> None:
    data = json.loads(call_state(JUNE, at("2026-03-01 09:00"))["data"])
    assert data["windows"] == [{"opens": "2026-03-03T00:00:00+01:00", "closes": "2026-06-15T12:00:00+02:00",
                                "upcoming": "à venir — ouverture le 3 mars 2026", "open": "ouvert — clôture le 15 juin 2026 à 12\u00a0h\u00a000"}]


CLOSED = ("---\ntitle: Un appel déjà clos\nsummary: Résumé.\nfunders:\n  - name: Région Centre-Val de Loire\nnetworks: [centraider]\n"
          "opens: 2026-01-05\ncloses: 2026-03-31 12:00\n---\nTexte.\n")


def test_a_call_added_already_closed_is_a_notice_not_an_error(tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / "calls" / "deja-clos.md").write_text(CLOSED, encoding="utf-8")
    project = Project(tree, today=date(2026, 12, 1))
    _, problems = load_site(project)
    assert problems == []  # committed long ago: nothing to say
    _, problems = load_site(replace(project, new_files=frozenset({"calls/deja-clos.md"})))
    assert [(p.line, p.code, p.message) for p in problems] == [
        (8, "RRMA033", "l'appel est déjà clôturé (2026-03-31 12:00) : il sera publié comme clôturé")]


def test_a_pull_request_that_adds_a_closed_call_is_told_so(tmp_path: Path) -> None:
    """In CI the call is committed: `rrma check --nouveaux-depuis <base>` counts what the branch added since
    its base (the workflow's origin/main) as new, so the notice reaches the pull request too."""
    tree = copy_content(tmp_path)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=tree, check=True)
    subprocess.run([*git, "add", "-A"], cwd=tree, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=tree, check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "proposition"], cwd=tree, check=True)
    (tree / "calls" / "deja-clos.md").write_text(CLOSED, encoding="utf-8")
    subprocess.run([*git, "add", "-A"], cwd=tree, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "un appel"], cwd=tree, check=True)
    assert "RRMA033" not in run_rrma("check", tree).stdout  # committed, and no base given: nothing to compare with
    told = run_rrma("check", tree, "--nouveaux-depuis", "main")
    assert told.returncode == 0, told.stdout + told.stderr  # a notice, not an error
    assert "calls/deja-clos.md:8:" in told.stdout and "l'appel est déjà clôturé (2026-03-31 12:00)" in told.stdout


def test_a_call_of_one_overseas_region_closes_at_that_regions_time_like_an_event(tmp_path: Path) -> None:
    """The rule of events: no `timezone`, one region (Guadeloupe) -> its time; several regions -> Paris."""
    tree = copy_content(tmp_path)
    (tree / "calls" / "guadeloupe.md").write_text(CLOSED.replace("opens:", 'regions: ["01"]\nopens:'), encoding="utf-8")
    (tree / "calls" / "deux-regions.md").write_text(CLOSED.replace("opens:", 'regions: ["01", "24"]\nopens:'), encoding="utf-8")
    site, problems = load_site(Project(tree, today=date(2026, 12, 1)))
    assert problems == []
    calls = {c.id: c.data for c in site.calls}
    assert calls["guadeloupe"].timezone == "America/Guadeloupe"
    assert calls["guadeloupe"].windows()[0][1] == datetime(2026, 3, 31, 12, 0, tzinfo=GUADELOUPE)
    assert calls["deux-regions"].windows()[0][1] == datetime(2026, 3, 31, 12, 0, tzinfo=PARIS)


def test_winners_before_the_closing_are_refused(tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / "calls" / "trop-tot.md").write_text(CLOSED.replace("---\nTexte", "winners:\n  - name: Association\n---\nTexte"), encoding="utf-8")
    _, problems = load_site(Project(tree, today=date(2026, 3, 1)))
    assert [(p.path, p.line, p.code) for p in problems] == [("calls/trop-tot.md", 10, "RRMA024")]
    _, problems = load_site(Project(tree, today=date(2026, 4, 1)))
    assert problems == []


def _calendar(data: bytes) -> list[icalendar.Event]:
    return [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]


def test_deadlines_in_calendars_parsed_back(shared_site: BuiltSite) -> None:
    site = shared_site.content
    first = call_files(site, Output("https://rrma.example.org/", datetime(2026, 12, 1, 8, 0, tzinfo=PARIS)))
    again = call_files(site, Output("https://rrma.example.org/", datetime(2026, 12, 2, 8, 0, tzinfo=PARIS)))
    (event,) = _calendar(first["appels-a-projets/fonds-regional-ecsi-test/fonds-regional-ecsi-test.ics"])
    assert event.decoded("dtstart") == datetime(2031, 6, 15, 10, 0, tzinfo=ZoneInfo("UTC"))  # 12:00 in Paris, summer time
    assert str(event["summary"]) == "Clôture\u00a0: Fonds régional pour l'éducation à la citoyenneté mondiale (appel fictif)"
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(days=7) and str(alarm["action"]) == "DISPLAY"
    (overseas,) = _calendar(first["appels-a-projets/appel-ocean-indien-test/appel-ocean-indien-test.ics"])
    assert overseas.decoded("dtstart") == datetime(2031, 3, 31, 13, 0, tzinfo=ZoneInfo("UTC"))  # 17:00 in La Réunion (UTC+4)
    (day,) = _calendar(first["appels-a-projets/appel-clos-test/appel-clos-test.ics"])
    assert day.decoded("dtstart") == date(2019, 3, 31) and day.decoded("dtend") == date(2019, 4, 1)  # a closing day: all day
    uids = [str(e["uid"]) for e in _calendar(first["flux/echeances.ics"])]
    assert uids == [str(e["uid"]) for e in _calendar(again["flux/echeances.ics"])]  # stable from one build to the next
    assert "echeance-fonds-regional-ecsi-test@rrma.fr" in uids and len(uids) == len(set(uids))
    assert len(uids) == sum(1 for c in site.calls if c.data.last_close() is not None)
    by_network = {str(e["uid"]) for e in _calendar(first["flux/echeances-centraider.ics"])}
    assert by_network == {f"echeance-{c.id}@rrma.fr" for c in site.calls if "centraider" in c.data.networks and c.data.last_close()}
    assert b"<title>Fonds r\xc3\xa9gional pour l&apos;\xc3\xa9ducation" in first["flux/appels-a-projets.xml"] or \
        "Fonds régional pour l'éducation".encode() in first["flux/appels-a-projets.xml"]


def _jsonld(html: str, kind: str) -> dict:
    for block in html.split('<script type="application/ld+json">')[1:]:
        data = json.loads(block.split("</script>", 1)[0])
        if data.get("@type") == kind:
            return data
    raise AssertionError(kind)


def test_a_call_page(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "appels-a-projets" / "appel-clos-test" / "index.html").read_text(encoding="utf-8")
    grant = _jsonld(html, "MonetaryGrant")
    assert grant["funder"] == [{"@type": "Organization", "name": "Conseil régional fictif de test", "url": "https://example.org/region"}]
    assert grant["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", "maxValue": 15000}
    assert "Association fictive Un" in html and "12\u202f000\u00a0€" in html
    assert 'href="../../reseaux/centraider/"' in html
    assert ">clôturé</span>" in html and "état au " in html
    page = (shared_site.site / "appels-a-projets" / "fonds-regional-ecsi-test" / "index.html").read_text(encoding="utf-8")
    assert "Ajouter l&#39;échéance à mon agenda" in page or "Ajouter l'échéance à mon agenda" in page
    assert "de 1\u202f500\u00a0€ à 5\u202f000\u00a0€" in page
    # its documents are listed as a resource's or an event's are: with their format and size
    assert ('<li><a href="../../appels-a-projets/fonds-regional-ecsi-test/reglement-fonds-ecsi.pdf">Règlement de l\'appel (fictif)</a> '
            '<span class="rrma-card__meta">(PDF, 727\u00a0octets)</span></li>') in page
    assert (shared_site.site / "appels-a-projets" / "fonds-regional-ecsi-test" / "reglement-fonds-ecsi.pdf").stat().st_size == 727
    assert '<a href="https://example.org/appel-ecsi/faq.pdf" rel="noopener">Foire aux questions (fictive)</a> <span class="rrma-card__meta">(PDF)</span>' in page


def test_a_call_page_says_when_it_was_checked(shared_site: BuiltSite) -> None:
    """`reviewed:` on a call, as on a resource: « Contenu vérifié le … » at the foot of its page; a call without it
    (the test site is not a Git checkout) gives no date rather than a made-up one."""
    page = (shared_site.site / "appels-a-projets" / "fonds-regional-ecsi-test" / "index.html").read_text(encoding="utf-8")
    assert ('<p class="rrma-freshness rrma-card__meta" data-verifie="oui">Contenu vérifié le '
            '<time datetime="2026-11-03">3 novembre 2026</time>.</p>') in page
    closed = (shared_site.site / "appels-a-projets" / "appel-clos-test" / "index.html").read_text(encoding="utf-8")
    assert "rrma-freshness" not in closed


def test_the_list_open_calls_first_then_upcoming_then_closed(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "appels-a-projets" / "index.html").read_text(encoding="utf-8")
    order = [html.index(t) for t in ("Coopération dans l&#39;océan Indien", "Fonds régional pour l&#39;éducation", "Appel à venir pour les jeunes",
                                     "Appel clos de 2019")]
    assert order == sorted(order)  # open by closing date (March 2031, then June 2031), upcoming, closed
    home = (shared_site.site / "index.html").read_text(encoding="utf-8")
    assert "Fonds régional pour l&#39;éducation" in home and "Appel clos de 2019" not in home
    network = (shared_site.site / "reseaux" / "centraider" / "index.html").read_text(encoding="utf-8")
    assert "Fonds régional pour l&#39;éducation" in network and "Appel clos de 2019" not in network
    assert (shared_site.site / "appels-a-projets" / "financeur" / "fondation-fictive-de-test" / "index.html").is_file()
