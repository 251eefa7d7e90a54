"""Former networks (credited with the network that took over, out of the directory and the map)
and the languages of a document (ISO 639, Creoles included), as a visitor and a data user see them."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import BuiltSite


@pytest.fixture(scope="module")
def site(shared_site: BuiltSite) -> Path:
    return shared_site.site


def _read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_the_successor_says_whose_activity_it_took_over_and_the_former_network_says_who_did(site: Path) -> None:
    resacoop = _read(site, "reseaux/resacoop")
    assert re.search(r'<p class="rrma-former">A repris l\'activité de <a href="[^"]*reseaux/cerapcoop/">CERAPCOOP</a> le 1er juillet 2017\.</p>', resacoop)
    cerapcoop = _read(site, "reseaux/cerapcoop")
    former = re.search(r'<p class="rrma-former">(.*?)</p>', cerapcoop).group(1)
    assert _text(former) == "Ce réseau a cessé son activité le 1er juillet 2017 ; RESACOOP l'a reprise."  # \u00a0 before « ; »
    assert json.loads(re.search(r'<script type="application/ld\+json">(\{"@context.*?)</script>', cerapcoop, re.S).group(1))["dissolutionDate"] == "2017-07-01"
    ois = _read(site, "reseaux/ocean-indien-solidarites")
    assert _text(re.search(r'<p class="rrma-former">(.*?)</p>', ois).group(1)) == "A repris l'activité de RCI en mars 2021."


def test_a_former_network_is_left_out_of_the_directory_the_map_and_the_counts(site: Path, shared_site: BuiltSite) -> None:
    directory = _read(site, "reseaux")
    assert "reseaux/cerapcoop/" not in directory and "reseaux/reunion-cooperation-internationale/" not in directory
    current = [n for n in shared_site.content.networks if n.data.scope == "regional" and n.data.ended is None]
    assert f"<p>{len(current)} réseaux régionaux multi-acteurs accompagnent" in directory
    assert "reseaux/cerapcoop/" not in _read(site, "")  # the home page's map and list
    assert "reseaux/cerapcoop/" not in _read(site, "charte")
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((site / "donnees" / "reseaux.csv").read_text(encoding="utf-8")))}
    assert (rows["cerapcoop"]["fin_activite"], rows["cerapcoop"]["repris_par"]) == ("2017-07-01", "resacoop")  # still in the open data, as what it was
    assert rows["resacoop"]["fin_activite"] == ""


def test_a_former_network_is_credited_with_the_network_that_took_over(site: Path) -> None:
    page = _read(site, "ressources/memento-cooperation-reunion-2019")
    assert re.search(r'<dt>Publié par</dt><dd><a href="[^"]*reseaux/reunion-cooperation-internationale/">RCI \(aujourd&#39;hui OIS\)</a></dd>', page)


def test_a_document_in_french_and_guadeloupean_creole(site: Path) -> None:
    page = _read(site, "ressources/fiche-accueil-volontaires-creole")
    assert "<dt>Langues</dt><dd>français, créole guadeloupéen</dd>" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(\{"@context.*?)</script>', page, re.S).group(1))
    assert data["inLanguage"] == ["fr", "gcf"]
    english = _read(site, "ressources/budget-management-small-organisations")
    assert "<dt>Langue</dt><dd>anglais</dd>" in english
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((site / "donnees" / "ressources.csv").read_text(encoding="utf-8")))}
    assert rows["fiche-accueil-volontaires-creole"]["langues"] == "fr|gcf"
    assert rows["monter-un-projet"]["langues"] == "fr"  # no `languages`: French


def test_languages_come_from_pycountry_in_french() -> None:
    from rrma.kinds.languages import form_languages, language_guess, languages

    found = languages()
    assert found["fr"].name == "français" and found["gcf"].name == "créole guadeloupéen" and found["en"].name == "anglais"
    assert len(found) > 7000  # every language of ISO 639-3, not a hand-typed list
    assert language_guess("fra") == "fr" and language_guess("Créole guadeloupéen") == "gcf" and language_guess("klingon du nord") is None
    assert {"fr", "en", "gcf", "rcf"} <= form_languages() and len(form_languages()) < 400


def test_a_study_says_the_years_and_the_territory_of_its_data_apart_from_its_publication(site: Path) -> None:
    page = _read(site, "ressources/etude-acteurs-solidarite-internationale-bfc-2015")
    assert '<p class="rrma-data">Données\u00a0: 2015 · Couverture\u00a0: Bourgogne-Franche-Comté</p>' in page
    assert "publié en mars 2017" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(\{"@context.*?)</script>', page, re.S).group(1))
    assert data["temporalCoverage"] == "2015" and data["datePublished"] == "2017-03"
    assert data["spatialCoverage"][0]["name"] == "Bourgogne-Franche-Comté"
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((site / "donnees" / "ressources.csv").read_text(encoding="utf-8")))}
    row = rows["etude-acteurs-solidarite-internationale-bfc-2015"]
    assert (row["donnees_debut"], row["donnees_fin"], row["couverture_regions"], row["couverture_pays"]) == ("2015", "2015", "27", "")
    assert rows["monter-un-projet"]["donnees_debut"] == ""


def test_a_data_period_as_editors_write_it() -> None:
    from rrma.core.types import period_years
    from rrma.kinds.resources import Resource

    base = {"title": "t", "summary": "s", "type": "etude-observatoire", "networks": ["x"]}
    assert [Resource.model_validate({**base, "data_period": v}).data_period for v in (2015, "2014-2015", "2014 – 2015", "2015-2015")] == [
        "2015", "2014-2015", "2014-2015", "2015"]
    assert period_years("2014-2015") == (2014, 2015) and period_years("2015") == (2015, 2015)
