"""``rrma new resource|event|network|call|figures``: a new content file that passes the checks.

Every field of the model is written: the values given (by flag or answered
at the prompt), the optional others commented out with their French
description, so an editor sees what can be added. The file is checked in
memory first, and an existing file is never overwritten.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, get_args

import click
from pydantic import BaseModel

from ..core.catalogue import is_notice
from ..core.source import Source, split_front_matter
from ..core.suggest import closest, fold
from ..core.types import french_date
from ..core.yamlpos import load_yaml
from ..kinds.base import Collection, ref_target, slugify
from ..kinds.calls import CALLS
from ..kinds.countries import countries, country_guess
from ..kinds.events import EVENTS
from ..kinds.languages import language_guess
from ..kinds.networks import NETWORKS
from ..kinds.organisations import NameUse, spelling_problems
from ..kinds.resources import RESOURCES
from ..kinds.site import load_site, network_names
from ..outputs.cms import plain
from ..project import Project
from .settings import load_project

KINDS: dict[str, Collection[Any]] = {"resource": RESOURCES, "event": EVENTS, "network": NETWORKS, "call": CALLS}
SCHEMA = {"resource": "resource", "event": "event", "network": "network", "call": "call"}
# Fields asked for when missing, in this order: the format of an event first, then only what applies to it.
ASK = {
    "resource": ["title", "summary", "type", "networks", "themes", "audiences", "countries", "published", "authors", "partners", "funders", "source_url"],
    "event": ["title", "mode", "venue", "city", "online_url", "start", "end", "networks", "organizers", "partners", "funders", "kind", "themes", "audiences",
              "countries", "cost", "registration_deadline"],
    "network": ["name", "region", "description", "partner_countries"],
    "call": ["title", "summary", "funders", "networks", "scheme", "audiences", "regions", "themes", "amount_min", "amount_max",
             "opens", "closes", "timezone", "apply_url", "source_url"],
}
WHEN: dict[str, Callable[[dict[str, Any]], bool]] = {
    "venue": lambda v: v.get("mode", "sur-place") != "en-ligne",
    "city": lambda v: v.get("mode", "sur-place") != "en-ligne",
    "online_url": lambda v: v.get("mode") in ("en-ligne", "hybride"),
}
ENUM_LABELS = {"sur-place": "Sur place", "en-ligne": "En ligne", "hybride": "Hybride (sur place et en ligne)"}
DATES = {"start", "end", "published", "opens", "closes", "registration_deadline"}
EXAMPLES = {
    "title": "Titre", "summary": "Résumé en une ou deux phrases.", "start": "2026-11-14 09:30", "end": "2026-11-14 17:00",
    "published": "2026-11", "source_url": "https://…", "online_url": "https://…", "registration_url": "https://…",
    "website": "https://…", "email": "contact@…", "venue": "Salle, adresse", "city": "Ville", "authors": "[Nom de l'autrice ou de la structure]",
    "languages": "[fr, gcf]", "countries": "[SN, HT]", "partner_countries": "[SN, HT]", "zones": "[afrique-de-l-ouest]", "themes": "[gestion-de-projet]", "audiences": "[porteurs-de-projets]", "odd": "[4, 17]", "networks": "[nom-du-reseau]",
    "attachments": "\n#   - file: files/nom-du-fichier.pdf\n#     title: Intitulé du document", "logo": "\n#   file: logos/nom.png\n#   alt: Logo de …",
    "organizers": "\n#   - network: nom-du-reseau\n#   - name: Nom complet d'une autre structure",
    "partners": "\n#   - name: Nom complet de la structure\n#     role: son rôle", "funders": "\n#   - name: Agence française de développement (AFD)\n#     role: cofinanceur",
    "data_period": "2015", "coverage": "\n#   regions: [\"27\"]\n#   countries: [SN]", "ended": "2017-07-01", "successor": "nom-du-reseau",
    "coordinates": "\n#   lat: 45.76\n#   lon: 4.84", "opens": "2026-03-03", "closes": "2026-06-15 12:00", "timezone": "America/Guadeloupe",
    "amount_min": "1500", "amount_max": "5000", "cofunding_rate": "50", "apply_url": "https://…", "scheme": "Programme …",
    "regions": '["24"]', "rounds": "\n#   - title: Première session\n#     opens: 2026-01-05\n#     closes: 2026-03-31",
    "winners": "\n#   - name: Nom du lauréat\n#     project: Intitulé du projet\n#     amount: 3000", "social": "\n#   linkedin: https://…", "description": "|\n#   Texte de présentation.",
    "sessions": "\n#   - title: Intitulé de la séance\n#     start: 2026-11-14 09:30\n#     end: 2026-11-14 17:00",
    "places": "\n#   - venue: Salle\n#     address: Rue et code postal\n#     city: Ville\n#     region: \"28\"",
}


def _scalar(value: Any) -> str:
    """A YAML scalar our loader reads back exactly as ``value``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if "\n" not in text:
        loaded = load_yaml(f"k: {text}", "").data
        if isinstance(loaded, dict) and loaded.get("k") == text and not text.startswith(("'", '"', "- ", "[", "{", "&", "*", "!", "|", ">", "%", "@", "`")):
            return text
    return json.dumps(text, ensure_ascii=False)


def _field_lines(key: str, value: Any) -> list[str]:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            lines = [f"{key}:"]
            for item in value:
                first = True
                for k, v in item.items():
                    lines.append(f"  {'- ' if first else '  '}{k}: {_scalar(v)}")
                    first = False
            return lines
        return [f"{key}:"] + [f"  - {_scalar(v)}" for v in value]
    if isinstance(value, str) and "\n" in value:
        return [f"{key}: |"] + [f"  {line}" if line else "" for line in value.rstrip("\n").split("\n")]
    return [f"{key}: {_scalar(value)}"]


def render(model: type[BaseModel], values: dict[str, Any]) -> str:
    """The YAML of a new item: given values first-class, other fields commented."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        description = (info.description or "").rstrip(".")
        if key == "draft":
            continue
        if key in values and values[key] not in (None, [], ""):
            lines.append(f"# {description}")
            lines.extend(_field_lines(key, values[key]))
        else:
            example = EXAMPLES.get(key, "[]" if "list" in str(info.annotation) else "…")
            lines.append(f"# {description} (facultatif)")
            lines.append(f"# {key}: {example}")
    if values.get("draft"):
        lines.append("# Brouillon : visible seulement en prévisualisation locale (make serve)")
        lines.append("draft: true")
    return "\n".join(lines) + "\n"


def _choices(project: Project, site: Any, target: str) -> dict[str, str]:
    if target == "networks":
        return {n.id: n.data.name for n in site.networks}
    return {str(k): t.label for k, t in site.taxonomies[target].terms.items()}


class Again:
    """An answer refused: what to say before the question is asked again (nothing when the editor said « non »)."""

    def __init__(self, why: str = "") -> None:
        self.why = why


def ask_until(prompt: str, parse: Callable[[str], Any]) -> Any:
    """The loop every question shares: ask, give the answer (stripped) to ``parse``, which returns the value
    to keep or :class:`Again`; then say why and ask again, the other answers kept."""
    while True:
        answer = click.prompt(prompt, default="", show_default=False, prompt_suffix="\u00a0: ").strip()  # French: a space before the colon
        value = parse(answer)
        if not isinstance(value, Again):
            return value
        if value.why:
            click.echo(value.why)


def _menu(title: str, items: list[tuple[str, str]], optional: bool, more: str | None = None) -> None:
    """The numbered list a question offers: « 0. aucun » where the field may stay empty, then « label (code) »."""
    click.echo(f"\n{title} :")
    if optional:
        click.echo("   0. aucun")
    for number, (label, code) in enumerate(items, start=1):
        click.echo(f"  {number:>2}. {label} ({code})")
    if more:
        click.echo(more)


def _pick(description: str, choices: dict[str, str], multiple: bool, optional: bool) -> Any:
    """A numbered list; « 0 » or nothing is « aucun » where the field may stay empty."""
    ids = list(choices)
    _menu(description, [(choices[term], term) for term in ids], optional)

    def parse(answer: str) -> Any:
        if optional and answer in ("", "0", "aucun"):
            return [] if multiple else None
        picked = []
        try:
            for part in filter(None, (p.strip() for p in answer.split(","))):
                picked.append(ids[int(part) - 1] if part.isdigit() and int(part) > 0 else part if part in choices else None)
        except IndexError:
            picked = [None]
        if picked and None not in picked and (multiple or len(picked) == 1):
            return picked if multiple else picked[0]
        unknown = next((p for p in (q.strip() for q in answer.split(",")) if p and not p.isdigit() and p not in choices), None)
        guess = closest(unknown, ids, labels=choices) if unknown else None
        return Again(f"Réponse non reconnue : tapez {'des numéros de la liste, séparés par des virgules' if multiple else 'le numéro de la liste'} (1 à {len(ids)})"
                     + (f" ; « {unknown} » : vouliez-vous dire « {guess} », numéro {ids.index(guess) + 1} ?" if guess else "") + ".")

    return ask_until("Numéros séparés par des virgules" if multiple else "Numéro", parse)


def as_written(key: str, text: Any) -> str | None:
    """The value to write for a date typed the French way (« 17/11/2023 » → 2023-11-17, « novembre 2023 » →
    2023-11 for a publication), the same the check gives; None when ``text`` needs nothing."""
    if key not in DATES or not isinstance(text, str):
        return None
    value = french_date(text, with_time=key != "published")
    return value if value is not None and value != text.strip() else None


def _yes_or_no(answer: str) -> bool | Again:
    answer = answer.lower()
    if answer in ("", "o", "oui", "y", "yes"):
        return True
    if answer in ("n", "non", "no"):
        return False
    return Again("Répondez o (oui) ou n (non).")


def yes(question: str) -> bool:
    """« … ? [O/n] »: Entrée, o or oui is yes; n or non is no."""
    return bool(ask_until(f"{question} [O/n]", _yes_or_no))


def _problem(model: type[BaseModel], key: str, value: Any) -> str | None:
    """What the check would say of this one answer (the other fields aside), in French."""
    from pydantic import ValidationError

    from ..core.validation import diagnostics_from_error
    from ..core.yamlpos import Positions

    try:
        model.model_validate({key: value})
    except ValidationError as exc:
        found = [d for d in diagnostics_from_error(exc, model=model, data={key: value}, positions=Positions(), path="")
                 if d.field.split(".")[0] == key and d.code != "RRMA010"]
        if found:
            return f"{found[0].message} ; {found[0].hint}"
    return None


def _ask(key: str, info: Any, choices: dict[str, str] | None, multiple: bool, model: type[BaseModel]) -> Any:
    """One question, asked again until the answer is one the check accepts."""
    description = plain(info.description or key).rstrip(".")
    optional = not info.is_required() and key != "mode"  # an event's format is always asked: what follows depends on it
    if choices:
        return _pick(description, choices, multiple, optional)

    def parse(answer: str) -> Any:
        if not answer:
            return ([] if multiple else None) if optional else Again("Réponse obligatoire.")
        if (value := as_written(key, answer)) is not None:
            if not yes(f"Vouliez-vous dire {value} ?"):
                return Again()
            answer = value
        value = [a.strip() for a in answer.split(",") if a.strip()] if multiple else answer
        problem = _problem(model, key, value)
        return value if problem is None else Again(f"{problem}. Les autres réponses sont gardées : tapez une nouvelle valeur.")

    return ask_until(description + (" (facultatif : Entrée pour passer)" if optional else ""), parse)


ANSWER = "<réponse>"  # the path of the name being typed, among the content's names


def spelling(site: Any, name: str, field: str) -> tuple[str, str, str] | None:
    """What the check (RRMA034) would say of ``name`` typed in ``field``, among every name the content already
    writes: (why, "name", the spelling used elsewhere) or (why, "network", the file of the portal's network
    it names); None when it reads as it does elsewhere."""
    for problem in spelling_problems([*site.names, NameUse(name, ANSWER, 1, 1, field)], network_names(site)):
        if problem.path != ANSWER:
            continue
        why = re.split(r" ; vouliez-vous dire |, attendu ", problem.message)[0]
        if network := re.search(r"attendu `network: ([^`]+)`", problem.message):
            return why, "network", network[1]
        if spelt := re.search(r"vouliez-vous dire « (.+) » \?", problem.message):
            return why, "name", spelt[1]
    return None


def _spelt(site: Any, part: str, field: str) -> dict[str, str] | Again:
    """A structure's name as the content writes it: the check's spelling offered (« Vouliez-vous dire … ? »);
    « non » asks again, since the check would refuse the file."""
    found = spelling(site, part, field)
    if found is None:
        return {"name": part}
    why, what, value = found
    click.echo(f"{why}.")
    if what == "network":
        name = network_names(site)[value]
        if yes(f"Vouliez-vous dire le réseau du portail « {name} » ?"):
            return {"network": value}
        return Again("Un réseau du portail se choisit par son numéro dans la liste. Les autres réponses sont gardées : tapez de nouveau la liste.")
    if yes(f"Vouliez-vous dire « {value} » ?"):
        return {"name": value}
    return Again(f"Une même structure s'écrit de la même façon sur tout le portail : tapez de nouveau la liste, "
                 f"avec « {value} » ou le nom d'une autre structure.")


def ask_names(key: str, info: Any, site: Any, model: type[BaseModel]) -> list[dict[str, str]]:
    """Partners and funders (a call's funders too): their full names, separated by « ; » (a name may hold a
    comma), each written as elsewhere in the content (the check's spelling offered)."""
    optional = not info.is_required()
    head = (info.description or key).split(" : ")[0].rstrip(".")

    def parse(answer: str) -> Any:
        named = []
        for part in filter(None, (p.strip() for p in answer.split(";"))):
            found = _spelt(site, part, f"{key}.name")
            if isinstance(found, Again):
                return found
            named.append(found)
        if not named:
            return [] if optional else Again("Réponse obligatoire : au moins un financeur." if key == "funders" else "Réponse obligatoire.")
        named = [dict(t) for t in dict.fromkeys(tuple(n.items()) for n in named)]
        problem = _problem(model, key, named)
        return named if problem is None else Again(f"{problem}. Les autres réponses sont gardées : tapez de nouveau la liste.")

    return ask_until(f"{head}{' (facultatif : Entrée pour passer)' if optional else ''} : noms complets, séparés par « ; » "
                     "(« Région Bretagne ; Agence française de développement (AFD) »)", parse)


def ask_organizers(key: str, info: Any, site: Any, model: type[BaseModel]) -> list[dict[str, str]]:
    """An event's organisers: networks of the portal by their number, any other structure by its full name,
    separated by « ; »; a name that is a network's, or written otherwise elsewhere, offered as the check would."""
    names = {n.id: n.data.name for n in site.networks}
    ids = list(names)
    _menu((info.description or key).split(" : ")[0].rstrip("."), [(names[i], i) for i in ids], True,
          "  ou le nom complet d'une autre structure (« Préfecture de la région Auvergne-Rhône-Alpes »)")

    def parse(answer: str) -> Any:
        if answer.lower() in ("", "0", "aucun"):
            return []
        found: list[dict[str, str]] = []
        for part in filter(None, (p.strip() for p in answer.split(";"))):
            if re.fullmatch(r"\d+(\s*,\s*\d+)*", part):
                for number in (int(n) for n in part.split(",")):
                    if not 1 <= number <= len(ids):
                        return Again(f"« {number} » n'est pas un numéro de la liste (1 à {len(ids)}). "
                                     "Les autres réponses sont gardées : tapez de nouveau la liste des organisateurs.")
                    found.append({"network": ids[number - 1]})
                continue
            organizer = {"network": part} if part in names else _spelt(site, part, f"{key}.name")
            if isinstance(organizer, Again):
                return organizer
            found.append(organizer)
        found = [dict(t) for t in dict.fromkeys(tuple(o.items()) for o in found)]
        problem = _problem(model, key, found)
        if problem is not None:
            return Again(f"{problem}. Les autres réponses sont gardées : tapez de nouveau la liste des organisateurs.")
        click.echo("Compris : organisé par " + ", ".join(names[o["network"]] if "network" in o else o["name"] for o in found) + ".")
        return found

    return ask_until("Numéros ou noms complets, séparés par « ; »", parse)


def _used_countries(site: Any, limit: int = 12) -> list[str]:
    """The countries the site already names most (resources, events, networks' partners): the numbered shortcuts."""
    used = Counter(code for entry in [*site.resources, *site.events] for code in entry.data.countries)
    used.update(code for entry in site.networks for code in entry.data.partner_countries)
    known = countries()
    return sorted((c for c in used if c in known), key=lambda c: (-used[c], fold(known[c].name)))[:limit]


def _country(part: str, shortcuts: list[str]) -> tuple[str | None, str | None]:
    """One part of the answer: a number of the list, a code or a French name → (code, None); else (None, why)."""
    known = countries()
    if part.isdigit():
        if 1 <= int(part) <= len(shortcuts):
            return shortcuts[int(part) - 1], None
        span = "1" if len(shortcuts) == 1 else f"1 à {len(shortcuts)}"
        return None, (f"« {part} » n'est pas un numéro de la liste ({span})" if shortcuts else f"« {part} » : tapez le nom ou le code du pays")
    guess = country_guess(part)
    if guess is not None and fold(part) in (fold(guess), fold(known[guess].name)):
        return guess, None
    if guess is not None and yes(f"« {part} » : vouliez-vous dire « {known[guess].name} » ({guess}) ?"):
        return guess, None
    return None, f"« {part} » : pays inconnu ; tapez son nom en français ou son code ISO à deux lettres (SN pour le Sénégal)"


def ask_countries(key: str, info: Any, site: Any, model: type[BaseModel] | None = None) -> list[str]:
    """Countries, named in French: a number of the list (the countries the site names most), a name (« Sénégal »)
    or an ISO code (« SN »), several separated by commas; a near miss is offered (« Senegal » → Sénégal, SN) and
    confirmed; « aucun » or nothing leaves the field empty."""
    shortcuts = _used_countries(site)
    known = countries()
    _menu((info.description or key).split(' : ')[0].rstrip('.'), [(known[code].name, code) for code in shortcuts], True,
          "  ou le nom d'un autre pays, en français, ou son code ISO à deux lettres (Haïti, HT)")

    def parse(answer: str) -> Any:
        if answer.lower() in ("", "0", "aucun"):
            return []
        codes: list[str] = []
        for part in filter(None, (p.strip() for p in answer.split(","))):
            code, why = _country(part, shortcuts)
            if why is not None:
                return Again(f"{why}. Les autres réponses sont gardées : tapez de nouveau la liste des pays.")
            codes.append(code)  # type: ignore[arg-type]
        codes = list(dict.fromkeys(codes))
        click.echo("Compris : " + ", ".join(f"{known[c].name} ({c})" for c in codes) + ".")
        return codes

    return ask_until("Numéros, noms ou codes séparés par des virgules", parse)


# Fields with a question of their own (asked as `question(key, field info, site, model)`), instead of the generic one.
QUESTIONS: dict[str, Callable[[str, Any, Any, type[BaseModel]], Any]] = {
    "countries": ask_countries,
    "partner_countries": ask_countries,
    "organizers": ask_organizers,
    "partners": ask_names,
    "funders": ask_names,
}


def create(kind: str, values: dict[str, Any], *, project: Project, files: tuple[Path, ...] = (), slug: str | None = None, interactive: bool = False) -> Path:
    collection = KINDS[kind]
    site, _ = load_site(project)
    model = collection.model
    fields = {info.alias or name: info for name, info in model.model_fields.items()}
    for key in sorted(DATES & set(values)):  # a date given as a flag, written the French way: offered in a terminal
        if (value := as_written(key, values[key])) is not None and interactive and yes(f"--{key} « {values[key]} » : vouliez-vous dire {value} ?"):
            values[key] = value  # otherwise the check below says which value to write
    for key in ASK[kind]:
        if values.get(key) in (None, [], "") and WHEN.get(key, lambda v: True)(values):
            info = fields[key]
            target = ref_target(info)
            multiple = "list" in str(info.annotation)
            if not interactive:
                required = info.is_required()
                if required:
                    raise click.UsageError(f"il manque --{key.replace('_', '-')} ({(info.description or '').rstrip('.')})")
                continue
            if key in QUESTIONS:
                values[key] = QUESTIONS[key](key, info, site, model)
                continue
            literal = [a for a in get_args(info.annotation) if isinstance(a, str)] or [a for arg in get_args(info.annotation) for a in get_args(arg) if isinstance(a, str)]
            choices = _choices(project, site, target) if target else ({v: ENUM_LABELS.get(v, v) for v in literal} if literal else None)
            values[key] = _ask(key, info, choices, multiple, model)
    name = slug or slugify(values.get("acronym") or values.get("title") or values.get("name") or "")
    if not name:
        raise click.UsageError("impossible de tirer un nom de fichier du titre : donnez --slug")
    folder = project.dir(collection.folder(project))
    target_file = folder / f"{name}{collection.suffixes[0]}"
    if target_file.exists():
        raise click.UsageError(f"{project.rel(target_file)} existe déjà : il n'est jamais écrasé (choisissez un autre --slug)")
    copies: list[tuple[Path, Path]] = []
    if files:
        attachments = list(values.get("attachments") or [])
        for source in files:
            if not source.is_file():
                raise click.UsageError(f"fichier joint introuvable : {source}")
            dest = folder / "files" / (slugify(source.stem) + source.suffix.lower())
            if dest.exists() and dest.read_bytes() != source.read_bytes():
                raise click.UsageError(f"{project.rel(dest)} existe déjà avec un autre contenu : renommez le fichier joint")
            copies.append((source, dest))
            attachments.append({"file": f"files/{dest.name}", "title": source.stem.replace("-", " ").replace("_", " ")})
        values["attachments"] = attachments
    header = f"# yaml-language-server: $schema=../schemas/{SCHEMA[kind]}.schema.json\n"
    yaml_text = render(model, values)
    if collection.front_matter:
        what = {"resource": "la ressource (contenu, à qui elle s'adresse, comment l'utiliser)",
                "call": "l'appel (ce qui est financé, qui peut candidater, comment)"}.get(kind, "l'événement (programme, intervenants, accès)")
        # A comment: left in place, it is never published (the sanitizer drops comments).
        text = "---\n" + yaml_text + "---\n" + f"<!-- Présentez ici {what}, en Markdown, à la place de ce commentaire. -->\n"
    else:
        text = header + yaml_text
    return write_checked(project, collection, target_file, text, copies)


def write_checked(project: Project, collection: Collection[Any], target_file: Path, text: str, copies: Sequence[tuple[Path, Path]] = ()) -> Path:
    """Write a new file (and the attachments it names) only if `rrma check` would accept it: checked in memory
    first, then with the whole tree (references, attachments…), everything undone on failure."""
    source = Source(project.rel(target_file), text)
    fm_text = split_front_matter(source)[0].yaml_text if collection.front_matter else text
    loaded = load_yaml(fm_text, source.path)
    collection.model.model_validate(loaded.data)
    folder = target_file.parent
    created = not folder.exists()  # observatory/<réseau>/ for a network's first figures
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source_file, dest in copies:
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copyfile(source_file, dest)
            written.append(dest)
    target_file.write_text(text, encoding="utf-8")
    written.append(target_file)
    # The whole-tree rules (references, attachment format and size…): undo everything on failure.
    _, problems = load_site(replace(project, new_files=frozenset({project.rel(target_file)})))
    mine = [p for p in problems if p.path == project.rel(target_file) and not is_notice(p.code)]
    if mine:
        for path in written:
            path.unlink()
        if created:
            folder.rmdir()
        raise NotWritten(mine)
    for notice in (p for p in problems if p.path == project.rel(target_file) and is_notice(p.code)):
        click.echo(f"remarque : {notice.message} ({notice.hint})", err=True)  # written all the same: a past call is a record
    return target_file


class NotWritten(Exception):
    def __init__(self, problems: list[Any]) -> None:
        super().__init__(f"{len(problems)} problème(s)")
        self.problems = problems


def _multi(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _named(values: tuple[str, ...]) -> list[dict[str, str]]:
    """``--funder "Agence française de développement (AFD)"``: one structure per flag (a name may hold a comma)."""
    return [{"name": v.strip()} for v in values if v.strip()]


def _organizers(values: tuple[str, ...], root: Path) -> list[dict[str, str]]:
    """``--organizer resacoop`` names a network of the portal (a file of networks/), anything else a structure."""
    project = load_project(root)
    folder = project.dir(project.networks_dir)
    return [{"network": v.strip()} if (folder / f"{v.strip()}.yml").is_file() else {"name": v.strip()} for v in values if v.strip()]


def _languages(values: tuple[str, ...]) -> list[str]:
    """``--language fr`` or ``--language "créole guadeloupéen"``: the ISO 639 code when the name or code is exact,
    anything else as typed (the check then says which code to write)."""
    return [language_guess(value) or value for value in _multi(values)]


def _countries(values: tuple[str, ...]) -> list[str]:
    """``--country Sénégal`` or ``--country sn``: the code « SN » when the name or code is exact;
    anything else is kept as typed, for the check to suggest the code."""
    found = []
    for value in _multi(values):
        guess = country_guess(value)
        exact = guess is not None and (fold(value) in (fold(guess), fold(countries()[guess].name)))
        found.append(guess if exact else value)
    return found


def _places(places: tuple[str, ...], venue: str | None, city: str | None, region: str | None) -> dict[str, Any]:
    """``--place "Salle, Ville"`` (repeated) as ``places:``, each in ``--region``; without it, the single fields."""
    if not places:
        return {"venue": venue, "city": city, "region": region}
    listed = []
    for text in places:
        hall, _, town = text.rpartition(",")
        listed.append({k: v for k, v in (("venue", hall.strip() or None), ("city", town.strip()), ("region", region)) if v})
    return {"venue": venue, "city": city, "places": listed}


def _cost_option(text: str | None) -> float | str | None:
    """``--cost 15`` is the amount 15, as `cost: 15` in the file."""
    if text is None:
        return None
    try:
        return int(text) if text.strip().isdigit() else float(text.replace(",", ".")) if re.fullmatch(r"\s*\d+[.,]\d{1,2}\s*", text) else text
    except ValueError:
        return text


def _common(func: Any) -> Any:
    for option in reversed([
        click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Dossier du dépôt du portail."),
        click.option("--slug", help="Nom du fichier (sans extension) ; par défaut tiré du titre."),
        click.option("--draft", is_flag=True, help="Brouillon : visible seulement en prévisualisation locale."),
        click.option("--interactive/--no-interactive", default=None, help="Poser les questions manquantes (par défaut : dans un terminal)."),
    ]):
        func = option(func)
    return func


def _finish(kind: str, values: dict[str, Any], root: Path, slug: str | None, files: tuple[Path, ...] = (), interactive: bool | None = None) -> None:
    from pydantic import ValidationError

    values = {k: v for k, v in values.items() if v not in (None, (), [], "", False)}
    project = load_project(root)  # the folders and limits `rrma check` and the build use
    try:
        path = create(kind, values, project=project, files=files, slug=slug, interactive=sys.stdin.isatty() if interactive is None else interactive)
    except NotWritten as exc:
        command = click.get_current_context().command
        for problem in exc.problems:
            click.echo(_in_options(problem, command), err=True)
        raise click.UsageError("le fichier ne passerait pas `rrma check` : rien n'a été écrit") from None
    except ValidationError as exc:
        from ..core.validation import field_name

        options = {p.name: p.opts[0] for p in click.get_current_context().command.params if isinstance(p, click.Option) and p.name}
        for error in exc.errors(include_url=False):
            ctx = error.get("ctx") or {}
            name = field_name(tuple(p for p in error['loc'] if isinstance(p, (str, int))))
            hint = f"\n    conseil : {ctx['hint']}" if ctx.get("hint") else ""
            click.echo(f"{options.get(name, name)} : {ctx.get('message') or error['msg']}{hint}", err=True)
        raise click.UsageError("valeurs invalides : rien n'a été écrit") from None
    click.echo(project.rel(path))
    if kind == "event" and (sys.stdin.isatty() if interactive is None else interactive):
        if advice := event_advice(project.rel(path), values, project.events_dir):
            click.echo(advice)


# What the questions leave to the file, with an example to copy: (field, when it helps, the example's lines).
LATER = [
    ("sessions", "un programme en plusieurs séances (une formation, un cycle de webinaires) : une séance par tiret, dans l'ordre des dates, "
     "entre le début et la fin de l'événement",
     ["sessions:", "  - title: Première séance", "    start: 2026-11-14 09:30", "    end: 2026-11-14 12:00",
      "  - title: Deuxième séance", "    start: 2026-11-21 09:30", "    end: 2026-11-21 12:00"]),
    ("places", "plusieurs lieux (un festival dans plusieurs villes) : un lieu par tiret, à la place des lignes « venue » et « city »",
     ["places:", "  - venue: Nom de la salle", "    city: Ville", "  - city: Autre ville"]),
    ("attachments", "un document (programme, affiche, compte rendu) : copiez le fichier dans le dossier {folder}/files/, puis",
     ["attachments:", "  - file: files/programme.pdf", "    title: Programme (PDF)"]),
]


def event_advice(path: str, values: dict[str, Any], folder: str) -> str:
    """After a guided `rrma new event`: how to add, in the file, what the questions did not ask — sessions,
    several places (not for an online event), documents — each with a short example, in plain French."""
    missing = [(what, lines) for key, what, lines in LATER if not values.get(key) and not (key == "places" and values.get("mode") == "en-ligne")]
    if not missing:
        return ""
    text = [f"\nPour compléter l'événement, ouvrez {path} dans un éditeur de texte et ajoutez entre ses deux lignes « --- », si besoin :"]
    for what, lines in missing:
        text.append(f"- {what.format(folder=folder)}")
        text += [f"    {line}" for line in lines]
    text.append("Gardez les espaces du début de ligne comme dans l'exemple. Les lignes qui commencent par « # » décrivent les autres "
                "informations possibles : retirez le « # » pour en remplir une. Vérifiez ensuite le fichier avec la commande rrma check.")
    return "\n".join(text)


def _in_options(problem: Any, command: click.Command) -> str:
    """A problem of the file `rrma new` would have written, in terms of the command's options:
    « --mode : … ajoutez la ville (`--city`) » rather than a line of a file that does not exist."""
    options = {}
    for param in command.params:
        if isinstance(param, click.Option) and param.name:
            options[param.name] = options[f"{param.name}s"] = param.opts[0]  # --network for `networks`
    options["countries"] = options.get("country", "--country")
    options["languages"] = options.get("language", "--language")
    options["partner_countries"] = options.get("partner_country", "--partner-country")
    field = (problem.field or "").split(".")[0]
    where = options.get(field, field or "fichier")
    def option(match: re.Match[str]) -> str:
        value = (match.group(2) or "").lstrip(":").strip()
        return f"`{options[match.group(1)]}{' ' + value if value else ''}`" if match.group(1) in options else match.group(0)

    def in_options(text: str) -> str:
        return re.sub(r"`([a-z_]+)(:[^`]*)?`", option, text)

    return f"{where} : {in_options(problem.message)}\n    conseil : {in_options(problem.hint)} [{problem.code}]"


@click.group(subcommand_metavar="TYPE [OPTIONS]")
def new() -> None:
    """Crée un fichier de ressource, d'événement, de réseau, d'appel à projets ou de chiffres de l'observatoire, prêt à compléter."""


@new.command()
@click.option("--title", help="Titre de la ressource.")
@click.option("--summary", help="Résumé en une ou deux phrases (300 caractères au plus).")
@click.option("--type", "type_", help="Type de ressource (taxonomies/resource-types.yml).")
@click.option("--network", multiple=True, help="Réseau qui publie (répétable ou séparé par des virgules).")
@click.option("--theme", multiple=True, help="Thématique (taxonomies/themes.yml).")
@click.option("--odd", multiple=True, type=int, help="Numéro d'ODD, de 1 à 17.")
@click.option("--audience", multiple=True, help="Public visé (taxonomies/audiences.yml).")
@click.option("--country", multiple=True, help="Pays concerné : code ISO 3166-1 (SN) ou nom français (Sénégal), répétable.")
@click.option("--zone", multiple=True, help="Zone géographique (taxonomies/zones.yml).")
@click.option("--language", multiple=True, help="Langue du document : code ISO 639 (fr, en, gcf) ou nom français (créole guadeloupéen), répétable ; par défaut le français.")
@click.option("--published", help="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ.")
@click.option("--author", multiple=True, help="Auteur ou structure autrice.")
@click.option("--licence", help="Licence (taxonomies/licences.yml).")
@click.option("--source-url", help="Page où la ressource est publiée.")
@click.option("--partner", multiple=True, help="Structure partenaire, par son nom complet (répétable).")
@click.option("--funder", multiple=True, help="Structure qui a financé la ressource, par son nom complet (répétable).")
@click.option("--data-period", help="Pour une étude : année de ses données (2015) ou première et dernière (2014-2015).")
@click.option("--file", "files", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="Fichier joint à copier dans resources/files/.")
@_common
def resource(title, summary, type_, network, theme, odd, audience, country, zone, language, published, author, licence, source_url, partner, funder, data_period,
             files, root, slug, draft, interactive) -> None:
    """Nouvelle ressource : resources/<nom>.md"""
    _finish("resource", {"title": title, "summary": summary, "type": type_, "networks": _multi(network), "themes": _multi(theme),
                         "odd": list(odd), "audiences": _multi(audience), "countries": _countries(country), "zones": _multi(zone), "languages": _languages(language), "published": published,
                         "authors": list(author), "licence": licence, "source_url": source_url, "partners": _named(partner), "funders": _named(funder),
                         "data_period": data_period, "draft": draft}, root, slug, files, interactive)


@new.command()
@click.option("--title", help="Titre de l'événement.")
@click.option("--summary", help="Résumé en une ou deux phrases.")
@click.option("--start", help="Début : AAAA-MM-JJ ou « AAAA-MM-JJ HH:MM » (heure du lieu : de la région, de Paris en métropole).")
@click.option("--end", help="Fin, sous la même forme que le début.")
@click.option("--network", multiple=True, help="Réseau organisateur (répétable).")
@click.option("--kind", help="Type d'événement (taxonomies/event-kinds.yml).")
@click.option("--mode", type=click.Choice(["sur-place", "en-ligne", "hybride"]), help="Sur place, en ligne ou hybride.")
@click.option("--venue", help="Lieu (salle, adresse).")
@click.option("--city", help="Ville.")
@click.option("--region", help="Code INSEE de la région.")
@click.option("--place", "places", multiple=True, help="Un des lieux, « Salle, Ville » ou « Ville » (répétable, pour plusieurs lieux ; --region vaut pour chacun).")
@click.option("--session", "sessions", multiple=True, help="Début d'une séance d'un programme, « AAAA-MM-JJ HH:MM » (répétable, dans l'ordre des dates).")
@click.option("--level", help="Niveau attendu (« initiation »…).")
@click.option("--prerequisites", help="Prérequis.")
@click.option("--cost", help="Tarif : « gratuit », le montant en euros (15) ou un texte court.")
@click.option("--places-available", type=click.IntRange(min=1), help="Nombre de places offertes.")
@click.option("--registration-deadline", help="Date limite d'inscription : AAAA-MM-JJ ou « AAAA-MM-JJ HH:MM » (heure du lieu).")
@click.option("--file", "files", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="Document joint (programme…) à copier dans events/files/.")
@click.option("--timezone", help="Fuseau horaire IANA des heures, s'il n'est pas celui de la région (America/Guadeloupe…).")
@click.option("--online-url", help="Adresse de connexion.")
@click.option("--registration-url", help="Adresse d'inscription.")
@click.option("--source-url", help="Page d'annonce.")
@click.option("--theme", multiple=True, help="Thématique.")
@click.option("--odd", multiple=True, type=int, help="Numéro d'ODD.")
@click.option("--audience", multiple=True, help="Public visé.")
@click.option("--country", multiple=True, help="Pays concerné : code ISO 3166-1 (SN) ou nom français (Sénégal), répétable.")
@click.option("--zone", multiple=True, help="Zone géographique (taxonomies/zones.yml).")
@click.option("--campaign", help="Campagne nationale (taxonomies/campaigns.yml).")
@click.option("--organizer", multiple=True, help="Organisateur : nom de fichier d'un réseau du portail, ou nom complet d'une autre structure (répétable).")
@click.option("--partner", multiple=True, help="Structure partenaire, par son nom complet (répétable).")
@click.option("--funder", multiple=True, help="Structure qui finance, par son nom complet (répétable).")
@_common
def event(title, summary, start, end, network, kind, mode, venue, city, region, places, sessions, level, prerequisites, cost, places_available, registration_deadline, files, timezone,
          online_url, registration_url, source_url, theme, odd, audience, country, zone, campaign, organizer, partner, funder, root, slug, draft, interactive) -> None:
    """Nouvel événement : events/<nom>.md"""
    _finish("event", {"title": title, "summary": summary, "start": start, "end": end, "networks": _multi(network), "kind": kind, "mode": mode,
                      **_places(places, venue, city, region), "timezone": timezone,
                      "sessions": [{"start": s} for s in sessions], "level": level, "prerequisites": prerequisites,
                      "cost": _cost_option(cost), "places_available": places_available, "registration_deadline": registration_deadline, "online_url": online_url, "registration_url": registration_url,
                      "source_url": source_url, "themes": _multi(theme), "odd": list(odd), "audiences": _multi(audience),
                      "countries": _countries(country), "zones": _multi(zone), "campaign": campaign, "organizers": _organizers(organizer, root),
                      "partners": _named(partner), "funders": _named(funder), "draft": draft}, root, slug, files, interactive=interactive)


@new.command()
@click.option("--name", help="Nom complet du réseau.")
@click.option("--acronym", help="Sigle ou nom court.")
@click.option("--region", help="Code INSEE de la région.")
@click.option("--website", help="Site web.")
@click.option("--email", help="Adresse e-mail de contact.")
@click.option("--city", help="Ville du siège.")
@click.option("--description", help="Présentation (Markdown).")
@click.option("--partner-country", multiple=True, help="Pays partenaire : code ISO 3166-1 (SN) ou nom français (Sénégal), répétable.")
@click.option("--zone", multiple=True, help="Zone géographique (taxonomies/zones.yml).")
@_common
def network(name, acronym, region, website, email, city, description, partner_country, zone, root, slug, draft, interactive) -> None:
    """Nouveau réseau : networks/<nom>.yml"""
    _finish("network", {"name": name, "acronym": acronym, "region": region, "website": website, "email": email,
                        "city": city, "description": description, "partner_countries": _countries(partner_country), "zones": _multi(zone)}, root, slug, interactive=interactive)


@new.command()
@click.option("--title", help="Titre de l'appel, tel que le financeur le publie.")
@click.option("--summary", help="Résumé en une ou deux phrases (300 caractères au plus).")
@click.option("--funder", multiple=True, help="Financeur : nom complet (répétable).")
@click.option("--network", multiple=True, help="Réseau qui relaie l'appel (répétable ou séparé par des virgules).")
@click.option("--scheme", help="Dispositif ou programme dont l'appel fait partie.")
@click.option("--audience", multiple=True, help="Qui peut candidater (taxonomies/audiences.yml).")
@click.option("--region", multiple=True, help="Région dont les structures peuvent candidater : code INSEE (répétable).")
@click.option("--country", multiple=True, help="Pays où les projets ont lieu : code ISO 3166-1 (SN) ou nom français (Sénégal), répétable.")
@click.option("--zone", multiple=True, help="Zone géographique (taxonomies/zones.yml).")
@click.option("--theme", multiple=True, help="Thématique (taxonomies/themes.yml).")
@click.option("--odd", multiple=True, type=int, help="Numéro d'ODD, de 1 à 17.")
@click.option("--amount-min", type=int, help="Montant minimum, en euros.")
@click.option("--amount-max", type=int, help="Montant maximum, en euros.")
@click.option("--cofunding-rate", type=float, help="Part maximale du budget prise en charge, en pourcentage.")
@click.option("--opens", help="Ouverture : AAAA-MM-JJ ou « AAAA-MM-JJ HH:MM ».")
@click.option("--closes", help="Clôture : AAAA-MM-JJ (jusqu'à la fin du jour) ou « AAAA-MM-JJ HH:MM ».")
@click.option("--timezone", help="Fuseau des heures écrites, hors Paris : America/Guadeloupe, Indian/Reunion…")
@click.option("--apply-url", help="Page ou formulaire de candidature.")
@click.option("--source-url", help="Page où le financeur ou le réseau publie l'appel.")
@click.option("--file", "files", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help="Règlement ou dossier à copier dans calls/files/.")
@_common
def call(title, summary, funder, network, scheme, audience, region, country, zone, theme, odd, amount_min, amount_max, cofunding_rate,
         opens, closes, timezone, apply_url, source_url, files, root, slug, draft, interactive) -> None:
    """Nouvel appel à projets : calls/<nom>.md"""
    _finish("call", {"title": title, "summary": summary, "funders": [{"name": f} for f in funder], "networks": _multi(network), "scheme": scheme,
                     "audiences": _multi(audience), "regions": _multi(region), "countries": _countries(country), "zones": _multi(zone),
                     "themes": _multi(theme), "odd": list(odd), "amount_min": amount_min, "amount_max": amount_max, "cofunding_rate": cofunding_rate,
                     "opens": opens, "closes": closes, "timezone": timezone, "apply_url": apply_url, "source_url": source_url, "draft": draft},
            root, slug, files, interactive)


def _source_choices(site: Any, network_id: str) -> dict[str, str]:
    """Where a network's figures may come from: the studies of the portal (the network's first), then the
    network's other resources."""
    def study(entry: Any) -> bool:
        return entry.data.type == "etude-observatoire"

    def own(entry: Any) -> bool:
        return network_id in entry.data.networks

    ranked = sorted((r for r in site.resources if study(r) or own(r)), key=lambda r: (not study(r), not own(r), r.id))
    return {r.id: r.data.title for r in ranked}


def _year(text: str, today: date) -> int | Again:
    text = text.strip()
    if re.fullmatch(r"\d{4}", text) and 1980 <= int(text) <= today.year:
        return int(text)
    return Again(f"« {text} » : attendu l'année que décrivent les chiffres, en quatre chiffres, de 1980 à {today.year} (2021).")


def figures_text(site: Any, network_id: str, year: int, source: str) -> str:
    """A network's figures for a year: the year and the source written, every other figure commented with its
    description, « … » in place of each number (left as is, `rrma check` refuses it: no figure is ever made up)."""
    from ..kinds.observatory import Actors, Figures, Projects

    def about(model: type[BaseModel], name: str, optional: bool = True) -> str:
        return (model.model_fields[name].description or name).rstrip(".") + (" (facultatif)" if optional else "")

    first = {name: next(iter(site.taxonomies[name].terms), "…") for name in ("actor-types", "sectors")}
    lines = [
        "# yaml-language-server: $schema=../../schemas/observatory.schema.json",
        f"# Les chiffres de {network_names(site)[network_id]} pour {year}, tels que l'étude source les publie : seulement",
        "# des chiffres publiés, jamais d'estimation. Pour remplir une ligne, retirez le « # » du début et remplacez",
        "# « … » par le nombre de l'étude ; vérifiez ensuite le fichier avec la commande rrma check.",
        f"# {about(Figures, 'year', False)}", f"year: {year}",
        f"# {about(Figures, 'source', False)}", f"source: {source}",
        f"# {about(Figures, 'as_of')}", "# as_of: AAAA-MM-JJ",
        f"# {about(Figures, 'source_url')}", "# source_url: https://…",
        f"# {about(Figures, 'territory')}", "# territory: dans le …",
        f"# {about(Figures, 'actors')}", "# actors:",
        f"#   # {about(Actors, 'total', False)}", "#   total: …",
        f"#   # {about(Actors, 'by_type')}", "#   by_type:", f"#     {first['actor-types']}: …",
        f"#   # {about(Actors, 'by_department')}", "#   by_department:", '#     "69": …',
        f"# {about(Figures, 'projects')}", "# projects:",
        f"#   # {about(Projects, 'total')}", "#   total: …",
        f"#   # {about(Projects, 'countries')}", "#   countries: …",
        f"#   # {about(Projects, 'by_country')}", "#   by_country:", "#     SN: …",
        f"#   # {about(Projects, 'by_sector')}", "#   by_sector:", f"#     {first['sectors']}: …",
        f"# {about(Figures, 'odd')}", "# odd:", "#   4: …",
        f"# {about(Figures, 'method')}", "# method: |", "#   …",
    ]
    return "\n".join(lines) + "\n"


@new.command()
@click.argument("network_id", required=False, metavar="[RÉSEAU]")
@click.argument("year", required=False, metavar="[ANNÉE]")
@click.option("--source", help="L'étude d'où viennent les chiffres : nom de son fichier dans resources/, sans .md.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Dossier du dépôt du portail.")
@click.option("--interactive/--no-interactive", default=None, help="Poser les questions manquantes (par défaut : dans un terminal).")
def figures(network_id: str | None, year: str | None, source: str | None, root: Path, interactive: bool | None) -> None:
    """Nouveaux chiffres de l'observatoire : observatory/<réseau>/<année>.yml"""
    from ..kinds.observatory import OBSERVATORY

    project = load_project(root)
    site, _ = load_site(project)
    asked = sys.stdin.isatty() if interactive is None else interactive
    names = network_names(site)
    if network_id is not None and network_id not in names:
        guess = closest(network_id, list(names), labels=names)
        why = (f"aucun réseau « {network_id} » dans {project.networks_dir}/, attendu le nom du fichier d'un réseau, sans .yml"
               + (f" ; vouliez-vous dire « {guess} » ({names[guess]}) ?" if guess else ""))
        if not asked:
            raise click.UsageError(why)
        click.echo(why[0].upper() + why[1:] + ("" if guess else "."))
        network_id = None
    if network_id is None:
        if not asked:
            raise click.UsageError("il manque le réseau : rrma new figures <réseau> <année> (le nom du fichier du réseau dans networks/, sans .yml)")
        network_id = _pick("Réseau qui publie les chiffres", names, multiple=False, optional=False)
    network: str = network_id
    if year is not None and isinstance(checked := _year(year, project.today), Again):
        if not asked:
            raise click.UsageError(checked.why.rstrip("."))
        click.echo(checked.why)
        year = None
    number = int(year) if year is not None else ask_until("Année que décrivent les chiffres (2021)", lambda a: _year(a, project.today)) if asked else None
    if number is None:
        raise click.UsageError("il manque l'année : rrma new figures <réseau> <année> (l'année que décrivent les chiffres, 2021)")
    folder = project.dir(project.observatory_dir) / network
    existing = next((folder / f"{number}{suffix}" for suffix in OBSERVATORY.suffixes if (folder / f"{number}{suffix}").exists()), None)
    if existing is not None:
        raise click.UsageError(f"{project.rel(existing)} existe déjà : les chiffres de {names[network]} pour {number} y sont, "
                               "et un fichier n'est jamais écrasé ; complétez-le ou corrigez-le directement")
    if source is None:
        choices = _source_choices(site, network)
        if not asked or not choices:
            raise click.UsageError("il manque --source : l'étude d'où viennent les chiffres, nom de son fichier dans resources/ sans .md"
                                   + ("" if choices else " (aucune étude sur le portail : ajoutez-la d'abord avec rrma new resource)"))
        source = _pick("Étude d'où viennent les chiffres", choices, multiple=False, optional=False)
    target = folder / f"{number}.yml"
    try:
        path = write_checked(project, OBSERVATORY, target, figures_text(site, network, number, source))
    except NotWritten as exc:
        for problem in exc.problems:
            click.echo(f"{problem.message}\n    conseil : {problem.hint} [{problem.code}]", err=True)
        raise click.UsageError("le fichier ne passerait pas `rrma check` : rien n'a été écrit") from None
    click.echo(project.rel(path))
