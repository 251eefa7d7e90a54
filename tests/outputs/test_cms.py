"""The web editor's configuration is generated from the content model: no drift possible, and
what its form saves passes the checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rrma.kinds.calls import Call
from rrma.kinds.events import Event
from rrma.kinds.networks import Network
from rrma.kinds.resources import Resource
from rrma.kinds.site import load_site
from rrma.kinds.taxonomies import load_taxonomies
from rrma.outputs.cms import cms_config
from rrma.project import Project

from tests.conftest import REPO

MODELS = {"networks": Network, "events": Event, "resources": Resource, "calls": Call}


@pytest.fixture(scope="module")
def config() -> dict:
    taxonomies, _ = load_taxonomies(Project(REPO))
    return cms_config(Project(REPO), taxonomies, repo="organisation/portail")


def _by_name(config: dict) -> dict[str, dict]:
    return {c["name"]: c for c in config["collections"]}


def test_french_editorial_workflow(config: dict) -> None:
    assert config["locale"] == "fr" and config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "repo": "organisation/portail", "branch": "main"}
    assert [c["name"] for c in config["collections"]] == ["networks", "events", "resources", "calls"]


@pytest.mark.parametrize("name", list(MODELS))
def test_every_field_of_the_model_is_in_the_form(config: dict, name: str) -> None:
    model = MODELS[name]
    fields = {f["name"]: f for f in _by_name(config)[name]["fields"]}
    expected = {info.alias or key for key, info in model.model_fields.items()}
    assert set(fields) - {"body"} == expected
    for key, info in model.model_fields.items():
        assert fields[info.alias or key]["required"] == info.is_required(), key
        assert fields[info.alias or key]["label"] == info.title


def test_taxonomies_become_selects_and_networks_a_relation(config: dict) -> None:
    resources = {f["name"]: f for f in _by_name(config)["resources"]["fields"]}
    site, _ = load_site(Project(REPO))
    assert [o["value"] for o in resources["type"]["options"]] == list(site.taxonomies["resource-types"].terms)
    assert [o["value"] for o in resources["odd"]["options"]] == list(range(1, 18)) and resources["odd"]["multiple"] is True
    assert resources["networks"]["widget"] == "relation" and resources["networks"]["collection"] == "networks"
    attachment = {f["name"]: f for f in resources["attachments"]["fields"]}
    assert attachment["file"]["widget"] == "file" and attachment["file"]["media_folder"] == "/resources/files"
    events = {f["name"]: f for f in _by_name(config)["events"]["fields"]}
    assert [o["value"] for o in events["mode"]["options"]] == ["sur-place", "en-ligne", "hybride"]
    assert events["region"]["options"][0] == {"label": "Guadeloupe", "value": "01"}


def _sample(field: dict) -> object:
    widget = field["widget"]
    if widget == "select":
        first = field["options"][0]["value"]
        return [first] if field.get("multiple") else first
    if widget == "relation":
        return ["centraider"] if field.get("multiple") else "centraider"
    if widget == "object":
        return {f["name"]: _sample(f) for f in field["fields"] if f["required"]}
    if widget == "list":
        return [{f["name"]: _sample(f) for f in field["fields"] if f["required"]}] if "fields" in field else ["Valeur"]
    if widget == "boolean":
        return False
    if widget == "number":
        return 45.5
    if field["name"] in ("start", "end"):
        return "2026-12-03 14:00"
    if "pattern" in field and "https" in field["pattern"][0]:
        return "https://example.org/page"
    return "Texte saisi dans le formulaire"


@pytest.mark.parametrize("name", list(MODELS))
def test_what_the_form_saves_passes_the_checks(config: dict, name: str, content: Path) -> None:
    collection = _by_name(config)[name]
    values = {f["name"]: _sample(f) for f in collection["fields"] if f["required"] and f["name"] != "body"}
    if name == "networks":
        values["region"] = "11"
    if name == "events":
        values["city"] = "Orléans"
    text = yaml.safe_dump(values, allow_unicode=True, sort_keys=False)
    path = content / collection["folder"] / f"depuis-le-formulaire.{collection['extension']}"
    path.write_text(text if collection["extension"] == "yml" else f"---\n{text}---\nTexte.\n", encoding="utf-8")
    site, problems = load_site(Project(content))
    assert problems == []
    assert "depuis-le-formulaire" in [e.id for e in getattr(site, name)]


def _all_fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))


def test_the_form_speaks_to_editors_not_developers(config: dict) -> None:
    fields = [f for c in config["collections"] for f in _all_fields(c["fields"])]
    words = [f"{f['name']}: {f.get('hint', '')} {f.get('pattern', ['', ''])[1]}" for f in fields]
    for developer in ("networks/", "resources/", "files/", "logos/", ".yml", "`", "true", "schéma", "taxonomies", "AAAA"):
        assert [w for w in words if developer in w] == [], developer
    resources = _by_name(config)["resources"]
    attachments = next(f for f in resources["fields"] if f["name"] == "attachments")
    assert attachments["label_singular"] == "Document joint"  # « 1 document joint », « 2 documents joints »
    upload = next(f for f in attachments["fields"] if f["name"] == "file")
    assert upload["media_library"]["config"]["max_file_size"] == Project(REPO).max_attachment_bytes
    assert "20,0\u00a0Mo au plus" in upload["hint"] and "adresse web" in upload["hint"]


def test_the_test_backend_gets_the_repository_s_networks() -> None:
    import json

    from rrma.outputs.cms import editor_data

    project = Project(REPO)
    site, _ = load_site(project)
    script = editor_data(project, site, ["assets/stylesheets/rrma.css"])
    test_mode = script.split('if (window.CMS_ENV === "test") { window.repoFiles = ', 1)[1].rsplit("; }", 1)[0]
    networks = json.loads(test_mode)["networks"]
    assert set(networks) == {f"{n.id}.yml" for n in site.networks} and len(networks) >= 12
    assert networks["centraider.yml"]["content"] == (REPO / "networks" / "centraider.yml").read_text(encoding="utf-8-sig")
    labels = json.loads(script.split("window.RRMA_EDITOR = ", 1)[1].split(";\n", 1)[0])["labels"]
    assert labels["resource-types"]["fiche-pratique"] == "Fiche pratique" and labels["networks"]["centraider"] == "Centraider"


def _objects(fields: list[dict]) -> list[dict]:
    found = []
    for field in fields:
        if field.get("widget") == "object":
            found.append(field)
            found += _objects(field["fields"])
        elif field.get("widget") == "list" and "fields" in field:
            found += _objects(field["fields"])
    return found


def test_each_network_gets_a_form_for_its_figures(content: Path) -> None:
    """observatory/<réseau>/<année>.yml: one collection per network (Decap writes a collection in one
    folder); a breakdown is one number per code, labelled; what the form saves passes the checks."""
    taxonomies, _ = load_taxonomies(Project(content))
    config = cms_config(Project(content), taxonomies, repo="organisation/portail", networks=[("resacoop", "RESACOOP"), ("cirrma", "CIRRMA")])
    collections = _by_name(config)
    figures = collections["chiffres-resacoop"]
    assert (figures["folder"], figures["slug"], figures["label"]) == ("observatory/resacoop", "{{year}}", "Chiffres — RESACOOP")
    fields = {f["name"]: f for f in figures["fields"]}
    assert fields["source"]["widget"] == "relation" and fields["source"]["collection"] == "resources"
    by_type = {f["name"]: f for f in fields["actors"]["fields"]}["by_type"]
    assert [(f["name"], f["label"], f["widget"], f["value_type"]) for f in by_type["fields"]][:2] == [
        ("associations", "Associations", "number", "int"), ("osim", "OSIM", "number", "int")]
    assert fields["year"]["widget"] == "number" and fields["method"]["widget"] == "markdown"
    for collection in config["collections"]:  # Decap refuses an object without fields (a model's nested object, a breakdown)
        assert all(o["fields"] for o in _objects(collection["fields"])), collection["name"]
    saved = {"year": 2020, "source": "barometre-acteurs-csi-france", "actors": {"total": 100, "by_type": {"associations": 60}},
             "projects": {"total": 12, "by_country": {"SN": 5}}}
    (content / "observatory" / "resacoop").mkdir(parents=True)
    (content / "observatory" / "resacoop" / "2020.yml").write_text(yaml.safe_dump(saved, allow_unicode=True), encoding="utf-8")
    _, problems = load_site(Project(content))
    assert problems == []
