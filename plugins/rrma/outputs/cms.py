"""Decap CMS configuration, generated from the content model.

The JSON Schema of each collection (itself generated from the pydantic
models, see :mod:`rrma.schemas`) is turned into Decap widgets: a taxonomy
reference becomes a select with the taxonomy's labels, a network reference a
relation to the networks collection, a nested model an object… So the web
form can offer nothing the checks would refuse, and a new field appears in
the form without anyone editing a YAML file by hand.
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any

import yaml

from ..core.source import human_size
from ..kinds.calls import Call
from ..kinds.events import Event
from ..kinds.languages import form_languages
from ..kinds.networks import Network
from ..kinds.observatory import Figures, departments
from ..kinds.resources import Resource
from ..kinds.site import PROPOSABLE, Site
from ..kinds.taxonomies import Taxonomy
from ..project import Project
from ..schemas import is_breakdown, schema_for

MARKDOWN_FIELDS = {"description"}  # long Markdown kept inside YAML
TEXT_FIELDS = {"summary"}
# Where files picked in the form go, and how the content file names them.
MEDIA = {("networks", "logo", "file"): ("logos", "logos"), ("resources", "attachments", "file"): ("files", "files"),
         ("calls", "attachments", "file"): ("files", "files"), ("events", "attachments", "file"): ("files", "files")}


# The form speaks to editors, not to developers: no file path, no `true`, no identifier to copy.
# A field's description (from the model) is kept unless it says something only a developer reads.
FORM_HINTS: dict[str, str] = {
    "scope": "Réseau régional (un RRMA) ou instance nationale",
    "region": "La région du réseau ou de l'événement",
    "networks.region": "La région couverte ; obligatoire pour un réseau régional",
    "logo.file": "Une image PNG, JPEG ou WebP",
    "events.networks": "Les réseaux du portail qui publient et relaient l'événement, qu'ils l'organisent ou non",
    "organizers": "Qui organise l'événement, comme l'annonce le dit : pour chacun, un réseau du portail ou le nom d'une autre structure, l'un ou l'autre. "
                  "Laissé vide, la page dit seulement quels réseaux relaient l'événement",
    "organizers.network": "Un réseau du portail qui organise ; pour une autre structure, laissez vide et écrivez son nom ci-dessous",
    "organizers.name": "Ou le nom complet d'une autre structure, comme il s'écrit ailleurs sur le portail : « Préfecture de la région Auvergne-Rhône-Alpes »",
    "organizers.url": "Le site de la structure (https://…) ; rien pour un réseau du portail, dont la fiche donne le site",
    "partners": "Les structures partenaires, par leur nom complet, écrit comme ailleurs sur le portail",
    "funders": "Les structures qui financent, par leur nom complet, écrit comme ailleurs sur le portail : « Agence française de développement (AFD) »",
    "resources.networks": "Les réseaux qui publient la ressource",
    "calls.networks": "Les réseaux qui relaient l'appel",
    "calls.regions": "Les régions dont les structures peuvent candidater",
    "countries": "Les pays concernés",
    "opens": "Le jour (2026-03-03) ou le jour et l'heure (2026-03-03 09:00) d'ouverture des candidatures",
    "closes": "Le jour (2026-06-15 : jusqu'à la fin du jour) ou le jour et l'heure (2026-06-15 12:00) de clôture ; vide si le financeur n'en publie pas",
    "rounds.opens": "Le jour ou le jour et l'heure d'ouverture de la session, vide s'il n'est pas publié",
    "rounds.closes": "Le jour (jusqu'à la fin du jour) ou le jour et l'heure de clôture de la session",
    "calls.timezone": "Seulement si l'heure écrite n'est pas celle de la région de l'appel (ou de Paris pour un appel de plusieurs régions) : America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte",
    "mode": "Sur place : indiquez le lieu et la ville ; en ligne : le lien de connexion ou d'inscription ; hybride : les deux",
    "venue": "Salle, bâtiment, adresse : pour un événement sur place ou hybride",
    "city": "Pour un événement sur place ou hybride",
    "start": "Le jour (2026-11-14) pour toute la journée, ou le jour et l'heure du lieu (2026-11-14 09:30) : heure de la région, de Paris en métropole",
    "timezone": "Seulement si l'heure écrite n'est pas celle de la région : America/Guadeloupe, America/Martinique, America/Cayenne, Indian/Reunion, Indian/Mayotte, Europe/Paris",
    "end": "Sous la même forme que le début ; laissez vide pour un événement d'une journée",
    "places": "Plusieurs lieux (un festival dans plusieurs villes) : ajoutez-en un par ville et laissez vides Lieu, Ville et Région ci-dessus",
    "places.venue": "Salle ou bâtiment",
    "places.address": "Rue et code postal, si vous les connaissez",
    "places.region": "La région de ce lieu ; celle du premier lieu donne le fuseau horaire des heures",
    "cost": "gratuit, le montant en euros sans le signe € (15), ou un texte court (10 € ; 5 € pour les adhérents)",
    "places_available": "Le nombre de places offertes, s'il est limité",
    "full": "Cochez quand il ne reste plus de place : le bouton « S'inscrire » disparaît",
    "registration_deadline": "Le dernier jour (2026-11-07), ou le jour et l'heure du lieu (2026-11-07 18:00) ; ensuite, la page dit « Inscriptions closes »",
    "sessions": "Pour un programme (parcours de formation, cycle de webinaires) : une séance par date, dans l'ordre ; le début et la fin du programme les encadrent",
    "sessions.start": "Le jour (2026-11-14), ou le jour et l'heure du lieu (2026-11-14 09:30)",
    "sessions.mode": "Laissez vide si la séance a le format du programme",
    "sessions.full": "Cochez quand la séance n'a plus de place",
    "level": "Initiation, approfondissement… en quelques mots",
    "draft": "Cochez pour garder l'élément hors du site publié : il n'apparaît que dans l'aperçu local",
    "languages": "Les langues du document (français si vous n'en choisissez aucune) : tapez le début de leur nom. Toutes les langues à code ISO 639-1 et tous les créoles sont proposés ; pour une autre langue, son code ISO 639-3 s'écrit dans le fichier",
    "published": "L'année (2006), le mois (2006-03) ou le jour (2006-03-29) de publication",
    "reviewed": "Le jour où vous avez vérifié que tout est encore juste, liens compris (2026-11-03) ; la page l'affiche",
    "data_period": "Pour une étude : l'année de ses données (2015) ou la première et la dernière (2014-2015), si ce n'est pas l'année de publication",
    "coverage": "Pour une étude : les régions et les pays que ses données couvrent",
    "coverage.regions": "Les régions françaises couvertes",
    "coverage.countries": "Les pays couverts (France pour toute la France)",
    "founded": "L'année (1994), le mois (1994-03) ou le jour (1994-03-29) de création",
    "charter_signed": "L'année, le mois ou le jour (2018-10-06) où le réseau a adopté la charte des RRMA",
    "ended": "Pour un réseau qui n'existe plus : l'année (2017), le mois (2017-07) ou le jour (2017-07-01) où il a cessé son activité",
    "successor": "Le réseau du portail qui a repris son activité",
    "attachments": "Pour chaque document : un fichier déposé ici (20 Mo au plus) ou l'adresse d'un document en ligne, l'un ou l'autre",
    "attachments.file": "PDF, image ou tableur de {limit} au plus ; plus lourd, publiez-le ailleurs et donnez plutôt son adresse web ci-dessous",
    "attachments.url": "Ou l'adresse du document en ligne (https://…), si vous ne déposez pas de fichier",
    "attachments.title": "Le nom du document tel qu'il s'affichera (par défaut : le nom du fichier)",
}
# Lists show « 1 document joint », « 2 documents joints »: Decap needs the singular.
SINGULAR = {"attachments": "Document joint", "places": "Lieu", "sessions": "Séance", "authors": "Auteur ou autrice", "other_cities": "Autre ville",
            "editors": "Relecteur GitHub", "themes": "Thématique", "audiences": "Public", "missions": "Mission",
            "organizers": "Organisateur", "partners": "Partenaire", "funders": "Financeur", "languages": "Langue",
            "rounds": "Session", "winners": "Lauréat", "regions": "Région"}
PATTERN_MESSAGES = {
    "^https?://": "écrivez l'adresse complète, commençant par https://",
    "^\\d{4}(-\\d{2}(-\\d{2})?)?$": "écrivez l'année (2006), le mois (2006-03) ou le jour (2006-03-29)\u00a0: «\u00a029/03/2006\u00a0» s'écrit 2006-03-29",
    "^\\d{4}-\\d{2}-\\d{2}$": "écrivez le jour de la vérification (2026-11-03)",
    "^\\d{4}(-\\d{4})?$": "écrivez l'année (2015) ou la première et la dernière (2014-2015)",
    "^[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)*$": "écrivez un fuseau horaire comme America/Guadeloupe",
}
DATETIME_MESSAGE = "écrivez le jour (2026-11-14) ou le jour et l'heure (2026-11-14 09:30)\u00a0: «\u00a014/11/2026 à 9h30\u00a0» s'écrit 2026-11-14 09:30"
URL_PATTERN = "^https?://[^\\s]+$"


def _limit(project: Project) -> str:
    """« 20,0 Mo », held together by a no-break space: the form shows it in sentences."""
    return human_size(project.max_attachment_bytes).replace(" ", "\u00a0")


def plain(text: str) -> str:
    """A model description without what only a developer reads: « (voir taxonomies/…) », backticks (the
    form's hints and `rrma new`'s questions)."""
    text = re.sub(r"\s*\(voir taxonomies/[^)]*\)", "", text)
    text = re.sub(r"\s*: noms? de fichiers? de [a-z]+/ sans `[^`]*`", "", text)
    return text.replace("`", "")


ENUM_LABELS = {"sur-place": "Sur place", "en-ligne": "En ligne", "hybride": "Hybride (sur place et en ligne)",
               "regional": "Réseau régional", "national": "Instance nationale"}


def _options(target: str, taxonomies: dict[str, Taxonomy]) -> list[dict[str, Any]]:
    terms = taxonomies[target].terms.items()
    if target == "languages":  # ISO 639-3 has ~8 000 languages: the form offers those of ISO 639-1 and every Creole
        offered = form_languages()
        terms = [(k, t) for k, t in terms if k in offered]
    return [{"label": term.label if target != "odd" else f"{key} – {term.label}", "value": key} for key, term in terms]


def _with_definitions(hint: str, target: str, taxonomies: dict[str, Taxonomy]) -> str:
    """A taxonomy's hint says what its terms mean (the ones with a definition) and, for a vocabulary the
    networks grow, how to propose a value none fits — as `rrma check` says it."""
    terms = taxonomies[target].terms.values() if target in taxonomies else []
    meanings = [f"{t.label} : {d.rstrip('.')}" for t in terms if (d := getattr(t, "description", None))]
    hint = hint.rstrip(".") + (". " + " ; ".join(meanings) + "." if meanings else ".")
    if target in PROPOSABLE:  # the check names the file; the form, the list
        hint += f" Si aucune valeur ne convient, proposez-en une par une demande de fusion qui l'ajoute à la liste des {taxonomies[target].spec.label} du portail."
    return hint


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
    dotted = ".".join(p for p in path if not p.isdigit())
    hint = FORM_HINTS.get(f"{collection}.{dotted}") or FORM_HINTS.get(dotted) or FORM_HINTS.get(name if len(path) == 1 else dotted) or plain(description)
    hint = hint.replace("{limit}", _limit(project))
    field: dict[str, Any] = {"label": prop.get("title") or name, "name": name, "hint": hint, "required": required and not nullable}
    if "$ref" in prop:
        prop = {**defs[prop["$ref"].split("/")[-1]], "description": description, "title": field["label"]}
    target = prop.get("x-ref")
    many = prop.get("type") == "array"
    items = prop.get("items", {})
    if many and name in SINGULAR:
        field["label_singular"] = SINGULAR[name]
    if target == "resources":
        field.update(widget="relation", collection="resources", value_field="{{slug}}", search_fields=["title"], display_fields=["title"], multiple=many)
    elif is_breakdown(prop):  # a breakdown: one number per code
        field.update(widget="object", collapsed=True, fields=_breakdown_fields(prop, name, taxonomies))
    elif target == "networks":
        field.update(widget="relation", collection="networks", value_field="{{slug}}", search_fields=["name", "acronym"],
                     display_fields=["name"], multiple=many)
    elif target:
        field.update(widget="select", options=_options(target, taxonomies), multiple=many)
        field["hint"] = _with_definitions(field["hint"], target, taxonomies)
    elif prop.get("type") == "object" and "properties" in prop:
        required_keys = set(prop.get("required", []))
        field.update(widget="object", collapsed=True, fields=[
            _widget(collection, (*path, key), sub, defs, taxonomies, project, key in required_keys) for key, sub in prop["properties"].items()])
    elif many and ("$ref" in items):
        model = defs[items["$ref"].split("/")[-1]]
        required_keys = set(model.get("required", []))
        keys = sorted(model["properties"], key=lambda k: k != "network")  # an organiser: a network of the portal first, or else a name
        field.update(widget="list", fields=[
            _widget(collection, (*path, key), model["properties"][key], defs, taxonomies, project, key in required_keys) for key in keys])
    elif many:
        field.update(widget="list")
    elif "enum" in prop:
        field.update(widget="select", options=[{"label": ENUM_LABELS.get(v, v), "value": v} for v in prop["enum"]], default=prop.get("default"))
    elif prop.get("type") == "boolean":
        # inside a list (a programme's sessions), a default makes Decap fail to save an entry whose list is empty
        field.update(widget="boolean", default=prop.get("default", False) if len(path) == 1 else None)
    elif prop.get("type") == "number":
        field.update(widget="number", value_type="float", min=prop.get("minimum"), max=prop.get("maximum"))
    elif prop.get("type") == "integer":
        field.update(widget="number", value_type="int", min=prop.get("minimum"), max=prop.get("maximum"))
    elif (collection, path[0], name) in MEDIA or (collection, *path[-2:]) in MEDIA:
        folder, public = MEDIA.get((collection, path[0], name)) or MEDIA[(collection, *path[-2:])]  # type: ignore[misc]
        base = {"networks": project.networks_dir, "calls": project.calls_dir, "events": project.events_dir}.get(collection, project.resources_dir)
        field.update(widget="file", media_folder=f"/{base}/{folder}", public_folder=public, choose_url=False,
                     media_library={"config": {"max_file_size": project.max_attachment_bytes}})
    elif name in MARKDOWN_FIELDS:
        field.update(widget="markdown")
    elif name in TEXT_FIELDS:
        field.update(widget="text")
    else:
        field.update(widget="string")
        pattern = prop.get("pattern")
        if prop.get("format") == "email":
            field["pattern"] = ["^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$", "Une adresse de la forme nom@domaine.fr"]
        elif pattern == "^https?://":
            field["pattern"] = [URL_PATTERN, PATTERN_MESSAGES[pattern]]
        elif pattern:
            field["pattern"] = [pattern, PATTERN_MESSAGES.get(pattern) or (DATETIME_MESSAGE if ":" in pattern else "forme non reconnue")]
    if "maxLength" in prop and "caractères au plus" not in field["hint"]:
        field["hint"] = f"{field['hint']} ({prop['maxLength']} caractères au plus)"
    return {k: v for k, v in field.items() if v is not None}


_BREAKDOWNS: dict[tuple[str, int], list[dict[str, Any]]] = {}


def _breakdown_fields(prop: dict[str, Any], name: str, taxonomies: dict[str, Taxonomy]) -> list[dict[str, Any]]:
    """A breakdown (``by_type: {associations: 430}``) as one optional number per code, labelled.
    Each network's collection gets its own copy: shared objects would become YAML aliases, which
    Decap's YAML reader limits (to keep a hostile file from expanding)."""
    target = prop.get("x-ref") or ("departments" if name == "by_department" else "odd" if name == "odd" else None)
    if target == "departments":
        codes = [(code, f"{code} – {label}") for code, label in departments().items()]
    elif target in taxonomies:
        codes = [(str(k), f"{k} – {t.label}" if target == "odd" else t.label) for k, t in taxonomies[target].terms.items()]
    else:
        codes = []
    key = (target or name, len(codes))
    if key not in _BREAKDOWNS:
        _BREAKDOWNS[key] = [{"label": label, "name": code, "widget": "number", "value_type": "int", "min": 0, "required": False} for code, label in codes]
    return [dict(item) for item in _BREAKDOWNS[key]]


COLLECTIONS = [
    ("networks", "Réseaux", "Réseau", Network, "yml"),
    ("events", "Événements", "Événement", Event, "md"),
    ("resources", "Ressources", "Ressource", Resource, "md"),
    ("calls", "Appels à projets", "Appel à projets", Call, "md"),
]


def cms_config(project: Project, taxonomies: dict[str, Taxonomy], *, repo: str | None, branch: str = "main",
               base_url: str | None = None, site_url: str | None = None, networks: list[tuple[str, str]] | None = None) -> dict[str, Any]:
    """Decap's configuration. ``networks`` (id, short name) gives each network its collection of figures
    (observatory/<réseau>/: Decap writes a collection's files in one folder, named from a field)."""
    folders = {"networks": project.networks_dir, "events": project.events_dir, "resources": project.resources_dir, "calls": project.calls_dir}
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
    collections += _figures_collections(project, taxonomies, networks or [])
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


def _figures_collections(project: Project, taxonomies: dict[str, Taxonomy], networks: list[tuple[str, str]]) -> list[dict[str, Any]]:
    schema = schema_for(Figures, "Chiffres", taxonomies)
    required = set(schema.get("required", []))
    fields = [_widget("observatory", (key,), prop, schema.get("$defs", {}), taxonomies, project, key in required)
              for key, prop in schema["properties"].items() if key != "$schema"]
    for item in fields:
        if item["name"] == "method":
            item["widget"] = "markdown"
    return [{"name": f"chiffres-{network}", "label": f"Chiffres — {short}", "label_singular": "Année de chiffres",
             "folder": f"{project.observatory_dir}/{network}", "extension": "yml", "format": "yml", "create": True,
             "slug": "{{year}}", "identifier_field": "year", "fields": fields}
            for network, short in networks]


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # libyaml's emitter when PyYAML has it: the same text, three times faster
    """Decap reads YAML 1.2, where ``08`` is a number (PyYAML, in YAML 1.1, leaves it unquoted):
    every text made of digits is quoted, so a department code stays a name."""


def _text(dumper: Any, value: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if value.isdigit() else None)


_Dumper.add_representer(str, _text)


def dump_config(config: dict[str, Any]) -> str:
    """``admin/config.yml``."""
    return yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False)


def config_file(project: Project, taxonomies: dict[str, Taxonomy], **options: Any) -> tuple[str, dict[str, str]]:
    """``admin/config.yml`` (:func:`cms_config` with ``options``, and Decap's in-memory backend for
    ``/admin/?test`` only, window.CMS_ENV) and its lists' labels (:func:`list_labels`)."""
    cms = cms_config(project, taxonomies, **options)
    cms["test"] = {"backend": {"name": "test-repo", "login": False}}
    return dump_config(cms), list_labels(cms)


def list_labels(config: dict[str, Any]) -> dict[str, str]:
    """Each list's label and its singular, in lower case as Decap writes them after a count (« 2 partenaires »):
    French puts 0 in the singular (« 0 partenaire »), Decap does not; admin.js says it."""
    found: dict[str, str] = {}

    def walk(fields: list[dict[str, Any]]) -> None:
        for field in fields:
            if field.get("label_singular"):
                found[str(field["label"]).lower()] = str(field["label_singular"]).lower()
            walk(field.get("fields", []))

    for collection in config.get("collections", []):
        walk(collection.get("fields", []))
    return found


def editor_data(project: Project, site: Site, styles: list[str], lists: dict[str, str] | None = None) -> str:
    """``admin/donnees.js``: what the form shows beside Decap's own widgets. The labels of the
    taxonomies and networks (its preview shows « Fiche pratique », not ``fiche-pratique``), the
    site's style sheets for that preview, the upload limit, the lists' singular labels (:func:`list_labels`); and, for ``/admin/?test`` only, the
    repository's networks as Decap's in-memory test backend expects them (``window.repoFiles``):
    without them its network lists offer « No options » and no entry can be saved."""
    labels = {name: {str(k): t.label for k, t in taxonomy.terms.items()} for name, taxonomy in site.taxonomies.items()}
    labels["networks"] = {n.id: n.data.name for n in site.networks}
    data = {"labels": labels, "styles": styles, "maxBytes": project.max_attachment_bytes, "limit": _limit(project), "lists": lists or {}}
    tree: dict[str, Any] = {}
    for entry in site.networks:
        folder = tree
        *parents, name = entry.path.split("/")
        for part in parents:
            folder = folder.setdefault(part, {})
        folder[name] = {"path": entry.path, "content": (project.root / entry.path).read_text(encoding="utf-8-sig")}
    dump = partial(json.dumps, ensure_ascii=False, sort_keys=True)
    return ("// Généré à la construction du site (rrma.outputs.cms.editor_data) : ne pas modifier.\n"
            f"window.RRMA_EDITOR = {dump(data)};\n"
            f"if (window.CMS_ENV === \"test\") {{ window.repoFiles = {dump(tree)}; }}\n").replace("</", "<\\/")
