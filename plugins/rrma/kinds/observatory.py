"""The observatory: the figures the networks publish, one file per network and year,
``observatory/<réseau>/<année>.yml``.

A file holds what a barometer or a study of the network gives for the year it describes:
actors (total, by type, by department of their head office), projects (total, number of
countries, by country, by sector), ODD, and where the figures come from (a resource of the
portal). Only published figures go in: a breakdown the study does not give is left out,
never estimated. Breakdowns are mappings ``code: nombre`` so a file reads like the study's
table; the checks name an unknown code with a suggestion, and a breakdown that adds up to
more than its total.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Annotated, Any

import pycountry
from pydantic import BeforeValidator, Field, WithJsonSchema

from ..core.diagnostics import Diagnostic
from ..core.markup import local_links
from ..core.suggest import did_you_mean, fold
from ..core.types import PartialDate, Slug, Text, Url
from ..core.wording import fr_number
from ..project import Project
from .base import YEAR_RE, Collection, Entry, Model, entry_diagnostic, markup_problems, ref
from .countries import country_guess

# A count of actors or projects: a whole number, never negative; strict, so that « 12,5 »,
# « 12.5 » or « douze » is an error rather than something rounded silently.
Count = Annotated[int, Field(ge=0, strict=True)]


def _department_code(value: Any) -> Any:
    # `69: 758` is read with a number as key: the INSEE code it names is still clear (`1` is « 01 »).
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 1000:
        return f"{value:02d}"
    if isinstance(value, str) and len(value) == 1 and value.isdigit():  # a mapping's key is read as text: `1: 20`
        return f"0{value}"
    return value


DepartmentCode = Annotated[str, BeforeValidator(_department_code), WithJsonSchema({"type": "string", "pattern": "^(?:[0-9]{2}|2[AB]|97[1-6])$"})]
OddKey = Annotated[int, Field(ge=1, le=17)]


@functools.lru_cache(maxsize=1)
def departments() -> dict[str, str]:
    """INSEE department code → French name, from pycountry's ISO 3166-2:FR subdivisions (French
    names: the standard's own for France): metropolitan departments, Paris, the five overseas ones."""
    found: dict[str, str] = {}
    for record in pycountry.subdivisions.get(country_code="FR"):
        code = record.code.removeprefix("FR-")
        if record.type == "Metropolitan department" or record.type.startswith("Overseas depart") or code in ("972", "973"):
            found[code] = record.name
        elif code == "75C":  # Paris: a collectivity with special status, INSEE department 75
            found["75"] = record.name
    return dict(sorted(found.items(), key=lambda kv: (len(kv[0]) > 2, kv[0])))


class Actors(Model):
    total: Count = Field(title="Nombre d'acteurs", description="Nombre total d'acteurs recensés (structures ayant au moins un projet de coopération ou de solidarité internationale)")
    by_type: dict[Slug, Count] = Field(default_factory=dict, title="Par type d'acteur", json_schema_extra=ref("actor-types"),
                                       description="Nombre d'acteurs par type, si l'étude le publie (voir taxonomies/actor-types.yml) : `associations: 430`")
    by_department: dict[DepartmentCode, Count] = Field(default_factory=dict, title="Par département",
                                                       description="Nombre d'acteurs par département du siège, si l'étude le publie : code INSEE entre guillemets, `\"69\": 758`")


class Projects(Model):
    total: Count | None = Field(None, title="Nombre de projets", description="Nombre total de projets recensés")
    countries: Count | None = Field(None, title="Nombre de pays", description="Nombre de pays où ces projets ont lieu")
    by_country: dict[str, Count] = Field(default_factory=dict, title="Par pays", json_schema_extra=ref("countries"),
                                         description="Nombre de projets par pays, si l'étude le publie : code ISO 3166-1 à deux lettres, `SN: 120`")
    by_sector: dict[Slug, Count] = Field(default_factory=dict, title="Par secteur", json_schema_extra=ref("sectors"),
                                         description="Nombre de projets par secteur d'intervention, si l'étude le publie (voir taxonomies/sectors.yml)")


class Figures(Model):
    """Les chiffres d'un réseau pour une année, tels que les publie son baromètre ou son étude."""

    year: int = Field(title="Année", ge=1980, le=2100, strict=True, description="Année que décrivent les chiffres ; le fichier porte ce nom : `2021.yml`")
    as_of: PartialDate | None = Field(None, title="Données arrêtées au", description="Date à laquelle les données sont arrêtées, si l'étude la donne : AAAA, AAAA-MM ou AAAA-MM-JJ")
    territory: str | None = Field(None, title="Territoire des chiffres", min_length=4, max_length=80,
                                  description="Le territoire que couvrent les chiffres quand ce n'est pas la région du réseau (une ancienne région, "
                                              "quelques départements), tel qu'il se lit après « 551 acteurs » : « dans le Nord-Pas-de-Calais », "
                                              "« en Picardie », « à La Réunion » ; sans ce champ, la région du réseau")
    source: Slug = Field(title="Étude source", json_schema_extra=ref("resources"),
                         description="La ressource du portail d'où viennent les chiffres : nom de son fichier dans resources/ sans `.md`")
    source_url: Url | None = Field(None, title="Page des chiffres", description="Page ou document où les chiffres sont publiés, s'il diffère de celui de la ressource")
    actors: Actors | None = Field(None, title="Acteurs", description="Les acteurs recensés")
    projects: Projects | None = Field(None, title="Projets", description="Les projets recensés")
    odd: dict[OddKey, Count] = Field(default_factory=dict, title="Par ODD", description="Nombre d'acteurs ou de projets par objectif de développement durable (1 à 17), si l'étude le publie")
    method: Text | None = Field(None, title="Méthode", description="Notes de méthode, en Markdown (paragraphes, listes, liens vers des adresses complètes https://…) : "
                                                                  "qui a répondu, comment les acteurs ont été comptés")


# How a territory is read after « 551 acteurs »: its preposition (and article), then its name.
TERRITORY_RE = re.compile(r"^(?:en |aux? |à |dans (?:les? |la |l['’])?)(?=\S)")


def territory_name(phrase: str) -> str:
    """« Nord-Pas-de-Calais » from « dans le Nord-Pas-de-Calais », « La Réunion » from « à La Réunion »:
    the name alone, for a chart's row or a tile of the map."""
    return TERRITORY_RE.sub("", phrase, count=1)


def figures_rules(entry: Entry[Figures], project: Project) -> Iterable[Diagnostic]:
    """What one file can say about itself: its name and its year, its totals, its Markdown."""
    figures = entry.data
    stem = entry.id.rsplit("/", 1)[-1]
    if figures.year > project.today.year:
        yield entry.at(("year",), "RRMA022", f"année {figures.year} : elle n'est pas encore commencée, attendu une année passée ou l'année en cours",
                       "les chiffres décrivent une année déjà observée : vérifiez l'année de l'étude")
    if YEAR_RE.match(stem) and int(stem) != figures.year:
        yield entry.at(("year",), "RRMA024", f"`year: {figures.year}` mais le fichier s'appelle « {stem}.yml », attendu la même année",
                       f"renommez le fichier en « {figures.year}.yml » ou corrigez `year`")
    if figures.territory is not None and not TERRITORY_RE.match(figures.territory):
        count = fr_number(figures.actors.total) if figures.actors is not None else "…"
        yield entry.at(("territory",), "RRMA023",
                       f"« {figures.territory} » se lirait « {count} acteurs {figures.territory} ({figures.year}) », "
                       "attendu le territoire précédé de « en », « dans le », « dans la », « dans les », « à », « au » ou « aux »",
                       "écrivez-le tel qu'on le lit dans une phrase, par exemple `territory: dans le Nord-Pas-de-Calais` ou `territory: en Picardie`")
    if figures.method:
        yield from markup_problems(entry, project, figures.method, loc=("method",))
        for link in local_links(figures.method):  # shown on the network's page: an address of the repository leads nowhere from there
            yield entry_diagnostic(entry, project, link, ("method",), "RRMA029",
                                   f"lien « {link.message} » : les notes de méthode s'affichent sur la page du réseau, attendu une adresse complète (https://…)",
                                   "écrivez l'adresse complète de la page, par exemple https://… ; l'étude d'où viennent les chiffres est déjà liée par `source`")
    parts = []
    if figures.actors is not None:
        parts += [(("actors", "by_type"), figures.actors.by_type, figures.actors.total, "acteurs", "par type"),
                  (("actors", "by_department"), figures.actors.by_department, figures.actors.total, "acteurs", "par département")]
    if figures.projects is not None and figures.projects.total is not None:
        parts += [(("projects", "by_country"), figures.projects.by_country, figures.projects.total, "projets", "par pays"),
                  (("projects", "by_sector"), figures.projects.by_sector, figures.projects.total, "projets", "par secteur")]
    for loc, breakdown, total, noun, how in parts:
        added = sum(breakdown.values())
        if added > total:
            yield entry.at(loc, "RRMA024", f"la répartition {how} compte {added} {noun}, plus que le total ({total}), attendu au plus {total}",
                           "vérifiez chaque nombre et le total dans l'étude ; une répartition peut compter moins que le total (acteurs non classés), jamais plus", key=True)


def key_problems(entry: Entry[Figures], known: dict[str, tuple[dict[str, str], str]]) -> list[Diagnostic]:
    """Codes of the breakdowns that name nothing: types and sectors (taxonomies), departments and
    countries. ``known`` gives, by taxonomy name, code → label and the plural noun for the message."""
    found: list[Diagnostic] = []
    figures = entry.data
    breakdowns: list[tuple[tuple[str, ...], dict[Any, int], str]] = []
    if getattr(figures, "actors", None) is not None:
        breakdowns += [(("actors", "by_type"), figures.actors.by_type, "actor-types"), (("actors", "by_department"), figures.actors.by_department, "departments")]
    if getattr(figures, "projects", None) is not None:
        breakdowns += [(("projects", "by_country"), figures.projects.by_country, "countries"), (("projects", "by_sector"), figures.projects.by_sector, "sectors")]
    for loc, breakdown, target in breakdowns:
        if target not in known:
            continue
        labels, noun = known[target]
        for code in breakdown:
            if code in labels:
                continue
            where = (*loc, code)
            if target == "countries":
                guess = country_guess(str(code))
                hint_guess = f" ; vouliez-vous dire « {guess} » ({labels[guess]}) ?" if guess and guess != code and guess in labels else ""
                found.append(entry.at(where, "RRMA016", f"« {code} » n'est pas un code de pays{hint_guess}, attendu un code ISO 3166-1 à deux lettres majuscules",
                                      "écrivez le code du pays, par exemple `SN` pour le Sénégal ou `HT` pour Haïti", key=True))
            elif target == "departments":
                by_name = {fold(name): c for c, name in labels.items()}
                guess = by_name.get(fold(str(code)))
                suggestion = f" ; vouliez-vous dire « {guess} » ({labels[guess]}) ?" if guess else ""
                found.append(entry.at(where, "RRMA016", f"« {code} » n'est pas un code de département{suggestion}, attendu un code INSEE (« 69 », « 2A », « 974 »)",
                                      "écrivez le code INSEE du département entre guillemets, par exemple `\"69\": 758` pour le Rhône", key=True))
            else:
                found.append(entry.at(where, "RRMA016", f"« {code} » ne figure pas parmi les {noun}" + did_you_mean(str(code), list(labels), labels=labels)
                                      + f", attendu un identifiant de taxonomies/{target}.yml",
                                      f"choisissez parmi : {', '.join(labels)}" if len(labels) <= 20 else f"consultez taxonomies/{target}.yml", key=True))
    return found


def latest(entries: Iterable[Entry[Figures]]) -> dict[str, Entry[Figures]]:
    """Each network's most recent figures, by network id."""
    found: dict[str, Entry[Figures]] = {}
    for entry in entries:
        network = entry.id.split("/", 1)[0]
        if network not in found or found[network].data.year < entry.data.year:
            found[network] = entry
    return found


def network_of(entry: Entry[Any]) -> str:
    return entry.id.split("/", 1)[0]


OBSERVATORY = Collection(
    name="observatory",
    label="les chiffres d'un réseau pour une année",
    folder=lambda project: project.observatory_dir,
    suffixes=(".yml", ".yaml"),
    model=Figures,
    front_matter=False,
    rules=figures_rules,
    nested=True,
)
