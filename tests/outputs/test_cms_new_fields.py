"""The form's fields for organisers, languages, a study's data and the taxonomies' definitions:
what an editor picks there is what the check accepts, and the hints say what the check says."""

from __future__ import annotations

import pytest
from rrma.kinds.taxonomies import load_taxonomies
from rrma.outputs.cms import cms_config
from rrma.project import Project

from tests.conftest import REPO


@pytest.fixture(scope="module")
def fields() -> dict[str, dict[str, dict]]:
    taxonomies, _ = load_taxonomies(Project(REPO))
    config = cms_config(Project(REPO), taxonomies, repo="organisation/portail")
    return {c["name"]: {f["name"]: f for f in c["fields"]} for c in config["collections"]}


def test_an_organiser_is_a_network_of_the_portal_or_another_structure(fields: dict) -> None:
    organizers = fields["events"]["organizers"]
    assert organizers["widget"] == "list" and organizers["label_singular"] == "Organisateur"
    first, *others = organizers["fields"]
    assert first["name"] == "network" and first["widget"] == "relation" and first["collection"] == "networks" and first["multiple"] is False
    assert [f["name"] for f in others] == ["name", "url", "role"]
    assert fields["events"]["networks"]["label"] == "Réseaux qui relaient l'événement"
    for kind in ("events", "resources"):
        assert [f["name"] for f in fields[kind]["funders"]["fields"]] == ["name", "url", "role"]


def test_languages_are_offered_by_their_french_name_creoles_included(fields: dict) -> None:
    options = {o["value"]: o["label"] for o in fields["resources"]["languages"]["options"]}
    assert options["fr"] == "français" and options["gcf"] == "créole guadeloupéen" and "rcf" in options
    assert fields["resources"]["languages"]["multiple"] is True


def test_a_taxonomy_hint_gives_the_definitions_and_how_to_propose_a_value(fields: dict) -> None:
    hint = fields["resources"]["type"]["hint"]
    assert "Vidéo ou podcast : Film, reportage, webinaire enregistré ou émission audio" in hint
    assert hint.endswith("Si aucune valeur ne convient, proposez-en une par une demande de fusion qui l'ajoute à la liste des types de ressources du portail.")
    assert "Caraïbe : Îles et pays riverains de la mer des Caraïbes" in fields["resources"]["zones"]["hint"]
    assert "proposez-en une" not in fields["events"]["region"]["hint"]  # the regions are not the networks' to grow


def test_a_study_s_data_in_the_form(fields: dict) -> None:
    period = fields["resources"]["data_period"]
    assert period["pattern"][0] == r"^\d{4}(-\d{4})?$" and "(2014-2015)" in period["hint"]
    coverage = {f["name"]: f for f in fields["resources"]["coverage"]["fields"]}
    assert coverage["regions"]["widget"] == "select" and coverage["countries"]["widget"] == "select"
