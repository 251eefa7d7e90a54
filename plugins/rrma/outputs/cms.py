"""Decap CMS configuration, generated from the content model.

The JSON Schema of each collection (itself generated from the pydantic
models, see :mod:`rrma.schemas`) is turned into Decap widgets: a taxonomy
reference becomes a select with the taxonomy's labels, a network reference a
relation to the networks collection, a nested model an object… So the web
form can offer nothing the checks would refuse, and a new field appears in
the form without anyone editing a YAML file by hand.
"""

from __future__ import annotations

from typing import Any

from ..kinds.events import Event
from ..kinds.networks import Network
from ..kinds.resources import Resource
from ..kinds.taxonomies import Taxonomy
from ..project import Project
from ..schemas import schema_for

MARKDOWN_FIELDS = {"description"}  # long Markdown kept inside YAML
TEXT_FIELDS = {"summary"}
# Where files picked in the form go, and how the content file names them.
MEDIA = {("networks", "logo", "file"): ("logos", "logos"), ("resources", "attachments", "file"): ("files", "files")}


ENUM_LABELS = {"sur-place": "Sur place", "en-ligne": "En ligne", "hybride": "Hybride (sur place et en ligne)",
               "regional": "Réseau régional", "national": "Instance nationale"}


def _options(target: str, taxonomies: dict[str, Taxonomy]) -> list[dict[str, Any]]:
    return [{"label": term.label if target != "odd" else f"{key} – {term.label}", "value": key} for key, term in taxonomies[target].terms.items()]


def _unwrap(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    if "anyOf" in prop:
        branches = [b for b in prop["anyOf"] if b.get("type") != "null"]
        if len(branches) == 1:
            return {**branches[0], **{k: v for k, v in prop.items() if k != "anyOf"}}, True
    return prop, False


def _widget(collection: str, path: tuple[str, ...], prop: dict[str, Any], defs: dict[str, Any], taxonomies: dict[str, Taxonomy],
            project: Project, required: bool) -> dict[str, Any]:
    prop, nullable = _unwrap(prop)
    name = path[-1]
    # The JSON Schema appends the taxonomy's values to descriptions; the form shows them in its select.
    description = prop.get("description", "").split(" — ")[0]
    field: dict[str, Any] = {"label": prop.get("title") or name, "name": name, "hint": description, "required": required and not nullable}
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].split("/")[-1]], "description": description, "title": field["label"]}
    target = prop.get("x-ref")
    many = prop.get("type") == "array"
    items = prop.get("items", {})
    if target == "networks":
        field.update(widget="relation", collection="networks", value_field="{{slug}}", search_fields=["name", "acronym"],
                     display_fields=["name"], multiple=many)
    elif target:
        field.update(widget="select", options=_options(target, taxonomies), multiple=many)
    elif prop.get("type") == "object" and "properties" in prop:
        required_keys = set(prop.get("required", []))
        field.update(widget="object", collapsed=True, fields=[
            _widget(collection, (*path, key), sub, defs, taxonomies, project, key in required_keys) for key, sub in prop["properties"].items()])
    elif many and ("$ref" in items):
        model = defs[items["$ref"].split("/")[-1]]
        required_keys = set(model.get("required", []))
        field.update(widget="list", fields=[
            _widget(collection, (*path, key), sub, defs, taxonomies, project, key in required_keys) for key, sub in model["properties"].items()])
    elif many:
        field.update(widget="list")
    elif "enum" in prop:
        field.update(widget="select", options=[{"label": ENUM_LABELS.get(v, v), "value": v} for v in prop["enum"]], default=prop.get("default"))
    elif prop.get("type") == "boolean":
        field.update(widget="boolean", default=prop.get("default", False))
    elif prop.get("type") == "number":
        field.update(widget="number", value_type="float", min=prop.get("minimum"), max=prop.get("maximum"))
    elif (collection, path[0], name) in MEDIA or (collection, *path[-2:]) in MEDIA:
        folder, public = MEDIA.get((collection, path[0], name)) or MEDIA[(collection, *path[-2:])]  # type: ignore[misc]
        base = project.networks_dir if collection == "networks" else project.resources_dir
        field.update(widget="file", media_folder=f"/{base}/{folder}", public_folder=public, choose_url=False)
    elif name in MARKDOWN_FIELDS:
        field.update(widget="markdown")
    elif name in TEXT_FIELDS:
        field.update(widget="text")
    else:
        field.update(widget="string")
        pattern = prop.get("pattern")
        if prop.get("format") == "email":
            field["pattern"] = ["^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$", "Une adresse de la forme nom@domaine.fr"]
        elif pattern:
            field["pattern"] = [pattern, description or "Forme non reconnue"]
    if "maxLength" in prop and "caractères au plus" not in description:
        field["hint"] = f"{description} ({prop['maxLength']} caractères au plus)"
    return {k: v for k, v in field.items() if v is not None}


COLLECTIONS = [
    ("networks", "Réseaux", "Réseau", Network, "yml"),
    ("events", "Événements", "Événement", Event, "md"),
    ("resources", "Ressources", "Ressource", Resource, "md"),
]


def cms_config(project: Project, taxonomies: dict[str, Taxonomy], *, repo: str | None, branch: str = "main",
               base_url: str | None = None, site_url: str | None = None) -> dict[str, Any]:
    folders = {"networks": project.networks_dir, "events": project.events_dir, "resources": project.resources_dir}
    collections = []
    for name, label, singular, model, extension in COLLECTIONS:
        schema = schema_for(model, label, taxonomies)
        required = set(schema.get("required", []))
        fields = [_widget(name, (key,), prop, schema.get("$defs", {}), taxonomies, project, key in required)
                  for key, prop in schema["properties"].items() if key != "$schema"]
        if extension == "md":
            fields.append({"label": "Texte", "name": "body", "widget": "markdown", "required": False,
                           "hint": "Présentation détaillée, en Markdown : elle s'affiche sur la page."})
        collection: dict[str, Any] = {
            "name": name, "label": label, "label_singular": singular, "folder": folders[name], "extension": extension,
            "format": "yml" if extension == "yml" else "frontmatter", "create": True, "slug": "{{slug}}", "fields": fields,
        }
        if name == "networks":
            collection["identifier_field"] = "name"
        collections.append(collection)
    backend: dict[str, Any] = {"name": "github", "repo": repo or "", "branch": branch}
    if base_url:
        backend["base_url"] = base_url
    config: dict[str, Any] = {
        "locale": "fr",
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "media_folder": f"{project.resources_dir}/files",
        "public_folder": "files",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if site_url:
        config["site_url"] = site_url
    return config
