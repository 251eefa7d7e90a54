"""What a participant needs: documents, cost, places, the registration deadline."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import icalendar
import pytest
from rrma.kinds.site import load_site
from rrma.outputs.search import search_files
from rrma.pages.specs import build_pages
from rrma.project import Project

from tests.conftest import BuiltSite

DAY = "journee-regionale-ecsi-2027"  # tests/corpus/realistic: a programme PDF, free, 80 places, registration closed on 20 Nov. 2026


def _jsonld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start: html.index("</script>", start)])


def test_page_gives_documents_cost_places_and_closed_registration(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "agenda" / DAY / "index.html").read_text(encoding="utf-8")
    assert "<dt>Tarif</dt><dd>Gratuit</dd>" in html and "<dt>Places</dt><dd>80\u00a0places</dd>" in html
    assert '<p class="rrma-notice">Inscriptions closes depuis le 20 novembre 2026.</p>' in html
    assert "S'inscrire" not in html and "<dt>Inscriptions</dt>" not in html
    assert '<a href="../../agenda/journee-regionale-ecsi-2027/programme-journee-ecsi-2027.pdf">Programme de la journée</a>' in html
    published = shared_site.site / "agenda" / DAY / "programme-journee-ecsi-2027.pdf"
    assert published.read_bytes() == (shared_site.root / "events" / "files" / "Programme journee ECSI 2027.pdf").read_bytes()
    data = _jsonld(html)
    assert data["isAccessibleForFree"] is True and data["maximumAttendeeCapacity"] == 80
    assert data["subjectOf"] == [{"@type": "MediaObject", "name": "Programme de la journée",
                                  "contentUrl": f"{shared_site.url}agenda/{DAY}/programme-journee-ecsi-2027.pdf"}]


def test_calendar_and_open_data_say_it_as_written(shared_site: BuiltSite) -> None:
    [event] = icalendar.Calendar.from_ical((shared_site.site / "agenda" / DAY / f"{DAY}.ics").read_bytes()).walk("VEVENT")
    description = str(event["DESCRIPTION"])
    assert "Tarif : Gratuit" in description and "Inscriptions jusqu'au 20 novembre 2026" in description
    assert f"Programme de la journée : {shared_site.url}agenda/{DAY}/programme-journee-ecsi-2027.pdf" in description
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((shared_site.site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    row = rows[DAY]
    assert (row["tarif"], row["places"], row["inscription_limite"]) == ("gratuit", "80", "2026-11-20")
    assert row["documents"] == f"agenda/{DAY}/programme-journee-ecsi-2027.pdf"


def test_the_programme_s_text_is_searchable(shared_site: BuiltSite) -> None:
    """« photolangage » is only in the attached PDF."""
    def read(path: str) -> str:
        return (shared_site.site / path).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    docs = [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"]) for row in json.loads(read(f"recherche/docs-{n // manifest['docsPerChunk']}.json"))]
    refs, _ = search_files(read, "photolangage")
    assert [docs[int(r)][0] for r in refs] == [f"agenda/{DAY}/"]


def _event(folder: Path, name: str, front: str) -> None:
    (folder / "events" / f"{name}.md").write_text(
        f"---\ntitle: {name}\nnetworks: [centraider]\nkind: formation\ncity: Tours\nregistration_url: https://example.org/{name}\n{front}---\n", encoding="utf-8")


@pytest.mark.parametrize(("front", "button", "says"), [
    ("start: 2026-12-10\nregistration_deadline: 2026-12-01\n", True, "<dt>Inscriptions</dt><dd>jusqu'au 1er décembre 2026</dd>"),  # the day itself
    ("start: 2026-12-10\nregistration_deadline: 2026-11-30 18:00\n", False, "Inscriptions closes depuis le 30 novembre 2026 à 18\u00a0h."),
    ("start: 2026-12-10\nfull: true\nplaces_available: 12\n", False, "<dt>Places</dt><dd>Complet</dd>"),
    ("start: 2026-12-10\ncost: 12.5\n", True, "<dt>Tarif</dt><dd>12,50\u00a0€</dd>"),
    ("start: 2026-12-10\ncost: 10 € ; 5 € pour les adhérents\n", True, "<dt>Tarif</dt><dd>10 € ; 5 € pour les adhérents</dd>"),
])
def test_registration_state_on_a_given_day(content: Path, front: str, button: bool, says: str) -> None:
    _event(content, "stage", front)
    site, problems = load_site(Project(content, today=date(2026, 12, 1)))
    assert problems == []
    pages = build_pages(site, date(2026, 12, 1))
    spec = next(p for p in pages.pages if p.url == "agenda/stage/")
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(Path(__file__).parents[2] / "overrides")))
    html = env.get_template("rrma/content/event.html").render(rrma=spec.context, page={"content": ""}, base_url="..")
    assert ("S'inscrire" in html) is button
    assert says in html
