"""JSON Schemas for editors' tools, generated from the content model.

The model is the one source of truth: ``model_json_schema`` gives the shape
and the French descriptions; the ``ref`` metadata of each field adds the
current taxonomy values as ``enum`` so an editor gets completion.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .kinds.calls import Call
from .kinds.events import Event
from .kinds.networks import Network
from .kinds.observatory import Figures, departments
from .kinds.resources import Resource
from .kinds.taxonomies import Taxonomy

SCHEMA_FILES: dict[str, tuple[type[BaseModel], str]] = {
    "network.schema.json": (Network, "Réseau (networks/<identifiant>.yml)"),
    "event.schema.json": (Event, "Événement (métadonnées de events/<identifiant>.md)"),
    "resource.schema.json": (Resource, "Ressource (métadonnées de resources/<identifiant>.md)"),
    "call.schema.json": (Call, "Appel à projets (métadonnées de calls/<identifiant>.md)"),
    "observatory.schema.json": (Figures, "Chiffres d'un réseau pour une année (observatory/<réseau>/<année>.yml)"),
}


def _with_terms(prop: dict[str, Any], taxonomies: dict[str, Taxonomy], network_ids: list[str] | None) -> None:
    target = prop.get("x-ref")
    if target is None or (target != "networks" and target not in taxonomies):  # resources: named by file, checked by the link pass
        return
    if target == "networks":
        values: list[Any] = network_ids or []
        described = ""
    else:
        taxonomy = taxonomies[target]
        values = list(taxonomy.terms)
        described = " — " + " ; ".join(f"{k} : {t.label}" for k, t in taxonomy.terms.items())
    if not values:
        return
    holder = prop["items"] if prop.get("type") == "array" else prop
    if "anyOf" in holder:  # optional field: put the enum on the non-null branch
        holder = next(branch for branch in holder["anyOf"] if branch.get("type") != "null")
    holder["enum"] = values
    if described:
        prop["description"] = prop.get("description", "") + described


def schema_for(model: type[BaseModel], title: str, taxonomies: dict[str, Taxonomy], network_ids: list[str] | None = None) -> dict[str, Any]:
    schema = model.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = title
    schema["properties"]["$schema"] = {"type": "string", "description": "Adresse du schéma, pour l'éditeur (ignorée par le portail)"}
    for prop in schema["properties"].values():
        _with_terms(prop, taxonomies, network_ids)
    for definition in schema.get("$defs", {}).values():  # breakdowns (`by_type: {associations: 430}`): their codes
        for name, prop in definition.get("properties", {}).items():
            _breakdown_keys(name, prop, taxonomies)
    return schema


def is_breakdown(prop: dict[str, Any]) -> bool:
    """A mapping ``code: nombre`` (``by_type: {associations: 430}``), not a model with named fields."""
    return prop.get("type") == "object" and "properties" not in prop and (
        isinstance(prop.get("additionalProperties"), dict) or "patternProperties" in prop)


def _breakdown_keys(name: str, prop: dict[str, Any], taxonomies: dict[str, Taxonomy]) -> None:
    if not is_breakdown(prop):
        return
    target = prop.get("x-ref")
    if target == "departments" or name == "by_department":
        prop["propertyNames"] = {"enum": list(departments())}
    elif target in taxonomies and target != "countries" and taxonomies[target].terms:
        prop["propertyNames"] = {"enum": [str(k) for k in taxonomies[target].terms]}


def render_schemas(taxonomies: dict[str, Taxonomy]) -> dict[str, str]:
    """File name → JSON text, deterministic (sorted keys) so staleness is a diff.

    Network ids are not baked in: they change with every new network, and the
    link pass of ``rrma check`` reports unknown ones with a suggestion.
    """
    return {
        name: json.dumps(schema_for(model, title, taxonomies), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        for name, (model, title) in SCHEMA_FILES.items()
    }
