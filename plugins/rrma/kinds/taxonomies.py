"""Taxonomies: the shared vocabularies editors pick from (regions, ODD, themes…).

Each lives in ``taxonomies/<name>.yml`` as a list of terms, so a network can
propose a new theme by pull request without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from ..core.diagnostics import Diagnostic
from ..core.source import read_source
from ..core.types import SLUG_RE, Odd, RegionCode, Text, TimeZoneName, Url
from ..core.validation import diagnostics_from_error
from ..core.yamlpos import load_yaml
from ..project import Project
from .base import Model
from .countries import countries
from .languages import languages

TermId = Annotated[str, Field(pattern=SLUG_RE.pattern)]


class Term(Model):
    """A term of a taxonomy."""

    id: TermId = Field(description="Identifiant utilisé dans les fichiers de contenu (minuscules et tirets)")
    label: Text = Field(description="Libellé affiché sur le site")
    description: Text | None = Field(None, description="Définition courte")


class RegionTerm(Model):
    id: RegionCode = Field(description="Code INSEE de la région, sur deux chiffres")
    label: Text = Field(description="Nom officiel de la région")
    overseas: bool = Field(False, description="Région d'outre-mer")
    timezone: TimeZoneName = Field("Europe/Paris", description="Fuseau horaire IANA de la région : les heures qu'on y écrit sont des heures locales")


class OddTerm(Model):
    id: Odd = Field(description="Numéro de l'objectif de développement durable (1 à 17)")
    label: Text = Field(description="Intitulé officiel court en français")


class CampaignTerm(Model):
    id: TermId = Field(description="Identifiant de la campagne")
    label: Text = Field(description="Nom de la campagne")
    organiser: Text | None = Field(None, description="Structure qui porte la campagne au niveau national")
    description: Text | None = Field(None, description="Présentation courte")


class LicenceTerm(Model):
    id: TermId = Field(description="Identifiant de la licence")
    label: Text = Field(description="Nom de la licence")
    url: Url | None = Field(None, description="Texte officiel de la licence")


@dataclass(frozen=True)
class TaxonomySpec:
    name: str
    label: str  # French plural, for messages: « thématiques »
    model: type[Model]


SPECS: dict[str, TaxonomySpec] = {
    spec.name: spec
    for spec in [
        TaxonomySpec("regions", "régions", RegionTerm),
        TaxonomySpec("odd", "objectifs de développement durable", OddTerm),
        TaxonomySpec("themes", "thématiques", Term),
        TaxonomySpec("resource-types", "types de ressources", Term),
        TaxonomySpec("event-kinds", "types d'événements", Term),
        TaxonomySpec("audiences", "publics", Term),
        TaxonomySpec("campaigns", "campagnes", CampaignTerm),
        TaxonomySpec("missions", "missions", Term),
        TaxonomySpec("licences", "licences", LicenceTerm),
        TaxonomySpec("zones", "zones géographiques", Term),
        TaxonomySpec("actor-types", "types d'acteurs", Term),
        TaxonomySpec("sectors", "secteurs d'intervention", Term),
    ]
}

# Countries are a taxonomy too (references, labels, schemas and the form treat them alike), but
# they come from pycountry (ISO 3166-1 in French), not from a file of taxonomies/.
COUNTRIES = TaxonomySpec("countries", "pays", Term)
# Languages likewise, from pycountry's ISO 639-3 (see rrma.kinds.languages).
LANGUAGES = TaxonomySpec("languages", "langues", Term)


@dataclass
class Taxonomy:
    spec: TaxonomySpec
    terms: dict[Any, Any] = field(default_factory=dict)  # id → term, in file order
    loaded: bool = False  # False when the file is missing or invalid: references to it are not checked

    def label(self, term_id: Any) -> str:
        term = self.terms.get(term_id)
        return term.label if term is not None else str(term_id)

    def labels(self) -> dict[str, str]:
        return {str(k): v.label for k, v in self.terms.items()}


def load_taxonomies(project: Project) -> tuple[dict[str, Taxonomy], list[Diagnostic]]:
    folder = project.dir(project.taxonomies_dir)
    result: dict[str, Taxonomy] = {}
    problems: list[Diagnostic] = []
    for name, spec in SPECS.items():
        taxonomy = Taxonomy(spec)
        result[name] = taxonomy
        file = folder / f"{name}.yml"
        rel = project.rel(file)
        if not file.is_file() and not file.is_symlink():  # a link that leads nowhere is named by read_source
            problems.append(Diagnostic(rel, 1, 1, "RRMA019", "", f"taxonomie « {name} » introuvable, attendu le fichier {rel}", "restaurez ce fichier : le contenu du portail s'y réfère"))
            continue
        source, errors = read_source(file, rel, project.max_content_bytes, root=project.root)
        problems += errors
        if source is None:
            continue
        loaded = load_yaml(source.text, rel)
        problems += loaded.diagnostics
        if loaded.data is None:
            continue
        if not isinstance(loaded.data, list):
            span = loaded.positions.value(())
            problems.append(Diagnostic(rel, span.line, span.column, "RRMA026", "", "attendu une liste de termes (`- id: …` puis `label: …`)", "chaque terme commence par `- id:`"))
            continue
        adapter = TypeAdapter(list[spec.model])  # type: ignore[name-defined]
        try:
            terms = adapter.validate_python(loaded.data)
        except ValidationError as exc:
            problems += diagnostics_from_error(exc, model=spec.model, data=loaded.data, positions=loaded.positions, path=rel)
            continue
        taxonomy.loaded = True
        for index, term in enumerate(terms):
            if term.id in taxonomy.terms:
                span = loaded.positions.value((index, "id"))
                problems.append(Diagnostic(rel, span.line, span.column, "RRMA009", "id", f"identifiant « {term.id} » déjà défini dans cette taxonomie", "chaque terme doit avoir un identifiant unique"))
                continue
            taxonomy.terms[term.id] = term
    result["countries"] = Taxonomy(COUNTRIES, dict(countries()), loaded=True)
    result["languages"] = Taxonomy(LANGUAGES, dict(languages()), loaded=True)
    return result, problems
