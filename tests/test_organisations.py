"""Organisers, partners and funders: who organises apart from who relays, on every output, and
one spelling per structure across the whole content."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from rrma.kinds.organisations import NameUse, spelling_problems
from rrma.kinds.site import check_site, load_site
from rrma.project import Project

from tests.conftest import BuiltSite, copy_content

WEBINAR = "webinaire-ess-solidarite-internationale-2016"
GUIDE = "guide-projets-cofinances-bourgogne-franche-comte"


@pytest.fixture(scope="module")
def site(shared_site: BuiltSite) -> Path:
    return shared_site.site


def _jsonld(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))


def test_an_event_says_who_organises_apart_from_who_relays(site: Path) -> None:
    page = (site / "agenda" / WEBINAR / "index.html").read_text(encoding="utf-8")
    credits = re.search(r'<p class="rrma-credits">(.*?)</p>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", credits) == ("Organisé par Préfecture de la région Nouvelle-Aquitaine, CRESS Nouvelle-Aquitaine, CRESS Occitanie "
                                               "et CRESS Pays de la Loire · relayé par SO Coopération")
    assert '<a href="https://prefecture.example.org/" rel="noopener">Préfecture de la région Nouvelle-Aquitaine</a>' in credits
    assert re.search(r'<a href="[^"]*reseaux/so-cooperation/">SO Coopération</a>', credits)
    assert ('<dt>Partenaires</dt><dd><a href="https://afd.example.org/" rel="noopener">Agence française de développement (AFD)</a> (intervenante)</dd>'
            in page)
    assert "<dt>Financeurs</dt><dd>Région Nouvelle-Aquitaine</dd>" in page
    assert "Organisé par</dt>" not in page
    data = _jsonld(page)
    assert [o["name"] for o in data["organizer"]] == ["Préfecture de la région Nouvelle-Aquitaine", "CRESS Nouvelle-Aquitaine", "CRESS Occitanie", "CRESS Pays de la Loire"]
    assert data["organizer"][0]["url"] == "https://prefecture.example.org/"
    assert data["funder"] == [{"@type": "Organization", "name": "Région Nouvelle-Aquitaine"}]
    assert data["contributor"][0]["name"] == "Agence française de développement (AFD)"


def test_one_line_when_the_organisers_are_the_relaying_networks_and_no_claim_when_the_file_makes_none(site: Path) -> None:
    own = (site / "agenda" / "assemblee-generale-centraider-2013" / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"<[^>]+>", "", re.search(r'<p class="rrma-credits">(.*?)</p>', own, re.S).group(1)) == "Organisé par Centraider"
    assert _jsonld(own)["organizer"][0]["url"].endswith("/reseaux/centraider/")
    relayed = (site / "agenda" / "webinaire-osim-financements-2016" / "index.html").read_text(encoding="utf-8")
    assert re.sub(r"<[^>]+>", "", re.search(r'<p class="rrma-credits">(.*?)</p>', relayed, re.S).group(1)) == "Relayé par Pays de la Loire Coopération Internationale"
    assert "organizer" not in _jsonld(relayed)


def test_the_calendar_and_the_open_data_say_it_as_written(site: Path) -> None:
    ics = (site / "agenda" / WEBINAR / f"{WEBINAR}.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    description = re.search(r"^DESCRIPTION:(.*?)\r$", ics, re.M).group(1).replace("\\n", "\n").replace("\\,", ",")
    assert ("Organisé par Préfecture de la région Nouvelle-Aquitaine, CRESS Nouvelle-Aquitaine, CRESS Occitanie et CRESS Pays de la Loire"
            " · relayé par SO Coopération") in description
    assert "Partenaires : Agence française de développement (AFD)" in description and "Financeurs : Région Nouvelle-Aquitaine" in description
    assert "ORGANIZER" not in ics  # a calendar address (mailto:) the files never give
    events = {row["identifiant"]: row for row in csv.DictReader(io.StringIO((site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    assert events[WEBINAR]["organisateurs"] == "Préfecture de la région Nouvelle-Aquitaine|CRESS Nouvelle-Aquitaine|CRESS Occitanie|CRESS Pays de la Loire"
    assert events[WEBINAR]["reseaux"] == "so-cooperation" and events[WEBINAR]["financeurs"] == "Région Nouvelle-Aquitaine"
    assert events["assemblee-generale-centraider-2013"]["organisateurs"] == "centraider"
    resources = json.loads((site / "donnees" / "ressources.json").read_text(encoding="utf-8"))["donnees"]
    guide = next(r for r in resources if r["identifiant"] == GUIDE)
    assert guide["financeurs"] == ["Agence française de développement (AFD)", "Région Bourgogne-Franche-Comté"]
    assert guide["partenaires"] == ["CRESS Bourgogne-Franche-Comté"]


def test_a_resource_names_its_funders_with_their_role(site: Path) -> None:
    page = (site / "ressources" / GUIDE / "index.html").read_text(encoding="utf-8")
    assert ('<dt>Financeurs</dt><dd><a href="https://afd.example.org/" rel="noopener">Agence française de développement (AFD)</a> (cofinanceur) et '
            '<a href="https://region.example.org/" rel="noopener">Région Bourgogne-Franche-Comté</a> (cofinanceur)</dd>') in page
    data = _jsonld(page)
    assert [f["name"] for f in data["funder"]] == ["Agence française de développement (AFD)", "Région Bourgogne-Franche-Comté"]


def test_a_funder_is_found_by_its_name(site: Path) -> None:
    from rrma.outputs.search import search_files

    def read(name: str) -> str:
        return (site / name).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    docs = [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"])
            for row in json.loads(read(f"recherche/docs-{n // manifest['docsPerChunk']}.json"))]
    refs, _ = search_files(read, "prefecture")
    assert f"agenda/{WEBINAR}/" in {docs[int(ref)][0] for ref in refs}


def _use(name: str, path: str = "resources/a.md", line: int = 5, field: str = "funders.name") -> NameUse:
    return NameUse(name, path, line, 13, field)


@pytest.mark.parametrize(("written", "used"), [
    ("Agence Francaise de Developpement", "Agence française de développement"),  # accents and capitals
    ("agence-française de développement", "Agence française de développement"),  # a hyphen
    ("Agence française de dévelopement", "Agence française de développement"),  # a letter missing
    ("AFD", "Agence française de développement (AFD)"),  # the sigle alone
    ("Agence française de développement", "Agence française de développement (AFD)"),  # the full name without its sigle
])
def test_a_near_spelling_gets_the_one_used_elsewhere(written: str, used: str) -> None:
    problems = spelling_problems([_use(used, "events/b.md", 8), _use(used, "resources/c.md", 9), _use(written)])
    assert [(p.path, p.line, p.code) for p in problems] == [("resources/a.md", 5, "RRMA034")]
    assert f"vouliez-vous dire « {used} » ?" in problems[0].message


def test_different_structures_are_left_alone() -> None:
    names = ["CRESS Occitanie", "CRESS Nouvelle-Aquitaine", "Région Occitanie", "Région Normandie", "AFD", "AFT",
             "Agence française de développement (AFD)", "Agence des territoires (AFD)"]  # two structures claim « AFD »: no guess
    assert spelling_problems([_use(n, line=i) for i, n in enumerate(names, start=1)]) == []


def test_a_network_of_the_portal_named_as_an_organiser_gets_its_file_name() -> None:
    problems = spelling_problems([_use("Resacoop", field="organizers.name"), _use("resacoop", line=7)], {"resacoop": "RESACOOP"})
    assert [p.message for p in problems] == [
        "« Resacoop » est un réseau du portail, attendu `network: resacoop` à la place de `name`",
        "« resacoop » est un réseau du portail ; vouliez-vous dire « RESACOOP » ?, attendu son nom tel que l'écrit networks/resacoop.yml"]


FUNDED = ("---\ntitle: Guide {n}\nsummary: Un guide.\ntype: guide-methodologique\nnetworks: [centraider]\nsource_url: https://example.org/{n}\n"
          "funders:\n  - name: {name}\n---\n")


def test_the_spelling_check_sees_every_name_when_the_check_is_shared_between_processes(tmp_path: Path) -> None:
    """The names are in files read by different processes: the suggestion is made on all of them."""
    tree = copy_content(tmp_path)
    for n in range(6):
        name = "Agence française de développement (AFD)" if n < 5 else "Agence Francaise de Developpement (AFD)"
        (tree / "resources" / f"guide-finance-{n}.md").write_text(FUNDED.format(n=n, name=name), encoding="utf-8")
    project = Project(tree)
    for processes in (1, 3):
        _, problems = check_site(project, processes=processes)
        assert [(p.path, p.line, p.column, p.field) for p in problems] == [("resources/guide-finance-5.md", 8, 11, "funders.name")], processes
        assert "vouliez-vous dire « Agence française de développement (AFD) » ?" in problems[0].message
    assert len(load_site(project)[1]) == 1  # the build's pass (one process) says the same
