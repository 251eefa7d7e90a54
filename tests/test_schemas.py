"""JSON Schemas: generated from the model, committed, and accepting real content."""

from __future__ import annotations

import json

import jsonschema
import pytest
from rrma.core.source import read_source, split_front_matter
from rrma.core.yamlpos import load_yaml
from rrma.kinds.taxonomies import load_taxonomies
from rrma.project import Project
from rrma.schemas import render_schemas

from tests.conftest import REPO, run_rrma

SCHEMAS = REPO / "schemas"


def test_committed_schemas_are_up_to_date() -> None:
    taxonomies, problems = load_taxonomies(Project(REPO))
    assert problems == []
    for name, text in render_schemas(taxonomies).items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == text, f"schemas/{name} est périmé : lancez `make schemas`"


def test_schemas_check_command_detects_staleness(tmp_path) -> None:
    import shutil

    shutil.copytree(REPO / "taxonomies", tmp_path / "taxonomies")
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    assert run_rrma("schemas", "--check", tmp_path).returncode == 0
    themes = tmp_path / "taxonomies" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: tourisme-solidaire\n  label: Tourisme solidaire\n", encoding="utf-8")
    result = run_rrma("schemas", "--check", tmp_path)
    assert result.returncode == 1 and "event.schema.json" in result.stderr


def _documents(folder: str):
    for file in sorted((REPO / folder).glob("*.*")):
        source, _ = read_source(file, file.name)
        text = source.text
        if file.suffix == ".md":
            fm, _ = split_front_matter(source)
            text = fm.yaml_text
        yield file.name, load_yaml(text, file.name).data


@pytest.mark.parametrize(("folder", "schema"), [("networks", "network"), ("events", "event"), ("resources", "resource")])
def test_repository_content_satisfies_its_schema(folder: str, schema: str) -> None:
    validator = jsonschema.Draft202012Validator(json.loads((SCHEMAS / f"{schema}.schema.json").read_text(encoding="utf-8")))
    documents = list(_documents(folder))
    assert documents
    for name, data in documents:
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], name


def test_schema_offers_taxonomy_values_and_french_descriptions() -> None:
    resource = json.loads((SCHEMAS / "resource.schema.json").read_text(encoding="utf-8"))
    props = resource["properties"]
    assert "guide-methodologique" in props["type"]["enum"]
    assert props["odd"]["items"]["enum"] == list(range(1, 18))
    assert resource["additionalProperties"] is False and "$schema" in props
    assert all(p.get("description") for name, p in props.items()), "chaque champ a une description en français"
    assert "Titre de la ressource" in props["title"]["description"]
    validator = jsonschema.Draft202012Validator(resource)
    assert not validator.is_valid({"title": "T", "summary": "S", "type": "guide", "networks": ["centraider"]})
