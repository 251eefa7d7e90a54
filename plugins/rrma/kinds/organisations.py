"""Organisations that are not networks of the portal: organisers, partners, funders.

A network of the portal is named by its file (``networks: [resacoop]``); any
other structure — a Région, a ministry, the AFD, a CRESS — by its name, with its
address and role when they are known. Every collection that credits someone
other than a network uses :class:`Organisation`, so the site-wide spelling check
(:func:`organisation_names`, :func:`spelling_problems`) and the pages treat them alike.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, model_validator

from ..core.diagnostics import Diagnostic
from ..core.suggest import fold
from ..core.types import SLUG_RE, Slug, Text, Url, fail
from ..core.yamlpos import Loc
from .base import Entry, Model, ref


class Organisation(Model):
    """Une structure nommée : organisateur, partenaire ou financeur."""

    name: Text = Field(title='Nom', max_length=200, description="Nom complet de la structure, sans sigle seul : « Agence française de développement (AFD) »")
    url: Url | None = Field(None, title='Site web', description="Adresse du site de la structure")
    role: Text | None = Field(None, title='Rôle', max_length=120, description="Son rôle, en quelques mots : « cofinanceur », « partenaire au Sénégal »")


class Organizer(Organisation):
    """Un organisateur : un réseau du portail (`network`) ou une autre structure (`name`)."""

    network: Slug | None = Field(None, title='Réseau du portail', json_schema_extra=ref("networks"),
                                 description="Un réseau du portail qui organise : nom de son fichier dans networks/ sans `.yml`")
    name: Text | None = Field(None, title='Nom', max_length=200,  # type: ignore[assignment]
                              description="Ou le nom complet d'une autre structure : « Préfecture de la région Auvergne-Rhône-Alpes »")

    @model_validator(mode="after")
    def _one_of(self) -> Organizer:
        if (self.network is None) == (self.name is None):
            both = "un réseau et un nom" if self.network else "ni réseau ni nom"
            raise fail("RRMA024", f"un organisateur a {both}, attendu soit `network` (un réseau du portail), soit `name` (une autre structure)",
                       "gardez `network: <fichier du réseau>` pour un réseau du portail, ou `name: <nom complet>` pour une autre structure, un organisateur par tiret")
        if self.network is not None and self.url is not None:
            raise fail("RRMA024", "l'adresse d'un réseau du portail vient de sa fiche, attendu `url` seulement avec `name`",
                       f"supprimez `url` : la page mène à celle du réseau, qui donne son site (networks/{self.network}.yml)")
        return self


def _organizer_form(value: Any) -> Any:
    """A bare name (« - resacoop ») says neither whether it is a network of the portal nor a
    structure's name: the finding gives both forms to write, ready to copy."""
    if isinstance(value, str):
        text = value.strip()
        network = f"`- network: {text}` s'il s'agit du réseau du portail (networks/{text}.yml), " if SLUG_RE.match(text) else ""
        raise fail("RRMA012", f"« {text} » : un organisateur s'écrit avec son champ, attendu {network}ou `- name: {text}` pour une autre structure",
                   "un organisateur par tiret : `- network: <fichier du réseau>` pour un réseau du portail, `- name: <nom complet>` pour une autre structure")
    return value


OrganizerItem = Annotated[Organizer, BeforeValidator(_organizer_form)]


@dataclass(frozen=True)
class NameUse:
    """One organisation name written in a file, where it is written (for the site-wide check)."""

    name: str
    path: str
    line: int
    column: int
    field: str


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, Organisation]]:
    if isinstance(value, Organisation):
        yield loc, value
    elif isinstance(value, BaseModel):
        for key, info in type(value).model_fields.items():
            yield from _walk(getattr(value, key, None), (*loc, info.alias or key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))


def organisation_names(entry: Entry[Any]) -> list[NameUse]:
    """Every :class:`Organisation` name in an entry, whatever its collection and field (events'
    organisers and partners, resources' funders, calls' funders…): found by type, not by name."""
    uses = []
    for loc, organisation in _walk(entry.data, ()):
        if organisation.name:
            span = entry.positions.value((*loc, "name"))
            uses.append(NameUse(organisation.name, entry.path, span.line, span.column, ".".join(str(p) for p in (*loc, "name") if not isinstance(p, int))))
    return uses


_SIGLE = re.compile(r"^(?P<full>.+?)\s*\((?P<sigle>[^()]{2,12})\)$")


def _key(name: str) -> str:
    """« Agence Française de Développement » and « agence-francaise de developpement » meet here."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(name).replace("œ", "oe")).split())


def _sigle(name: str) -> tuple[str, str] | None:
    """« Agence française de développement (AFD) » → (key of the full name, « afd »)."""
    match = _SIGLE.match(name.strip())
    return (_key(match["full"]), _key(match["sigle"]).replace(" ", "")) if match else None


def _preferred(spellings: Counter[str]) -> str:
    """The spelling to suggest: the most used; then the fuller one (with its sigle, its accents and
    capitals); then the first in alphabetical order, so every process chooses the same."""
    return min(spellings, key=lambda s: (-spellings[s], -len(s), -sum(1 for c in s if not c.isascii()), -sum(c.isupper() for c in s), s))


def spelling_problems(uses: Iterable[NameUse], network_names: dict[str, str] | None = None) -> list[Diagnostic]:
    """« Agence Francaise de Developpement » where the content already writes « Agence française de
    développement (AFD) »: the same structure must read the same everywhere, or its pages, search and
    open data would count two. Needs every name of the site: run once, on the whole site's names."""
    uses = list(uses)
    counts = Counter(u.name for u in uses)
    by_key: dict[str, Counter[str]] = {}
    for name, number in counts.items():
        by_key.setdefault(_key(name), Counter())[name] += number
    # « Agence française de développement (AFD) » names the same structure as « AFD » and as
    # « Agence française de développement »: safe only when one written name has that sigle.
    aliases: dict[str, set[str]] = {}
    for name in counts:
        parts = _sigle(name)
        if parts is not None:
            for alias in parts:
                aliases.setdefault(alias, set()).add(name)
    keys = sorted(by_key)
    networks = _network_keys(network_names or {})
    problems = []
    for use in uses:
        key = _key(use.name)
        if key in networks or key.replace(" ", "") in networks:  # a network of the portal: its file gives the spelling (below)
            continue
        group = Counter(by_key[key])
        alias = aliases.get(key) or aliases.get(key.replace(" ", ""))
        if alias is not None and len(alias) == 1:
            (full,) = alias
            group[full] = counts[full]
        elif len(group) == 1 and len(key) >= 12:  # a typo: one near name (never between short names, where a letter is a name)
            near = [k for k in difflib.get_close_matches(key, keys, n=3, cutoff=0.92) if k != key]
            if len(near) == 1:
                group.update(by_key[near[0]])
        best = _preferred(group)
        if best == use.name:
            continue
        problems.append(Diagnostic(
            use.path, use.line, use.column, "RRMA034", use.field,
            f"« {use.name} » est écrit autrement ailleurs dans le contenu ; vouliez-vous dire « {best} » ?, attendu le même nom partout pour la même structure",
            f"écrivez « {best} », comme les autres fiches : la structure apparaît alors une seule fois sur le portail et dans les données ouvertes"))
    return problems + _network_named(uses, network_names or {})


def _network_keys(network_names: dict[str, str]) -> dict[str, str]:
    known: dict[str, str] = {}
    for network_id, name in network_names.items():
        known.setdefault(_key(name), network_id)
        for alias in _sigle(name) or ():
            known.setdefault(alias, network_id)
    return known


def _network_named(uses: list[NameUse], network_names: dict[str, str]) -> list[Diagnostic]:
    """A network of the portal among the organisers by its name (« name: RESACOOP »): its file
    names it, so that the page links to the network's page; elsewhere, its name as its file writes it."""
    known = _network_keys(network_names)
    found = []
    for use in uses:
        network_id = known.get(_key(use.name)) or known.get(_key(use.name).replace(" ", ""))
        if network_id is None:
            continue
        if use.field.startswith("organizers"):
            found.append(Diagnostic(use.path, use.line, use.column, "RRMA034", use.field,
                                    f"« {use.name} » est un réseau du portail, attendu `network: {network_id}` à la place de `name`",
                                    f"écrivez `- network: {network_id}` : la page de l'événement mène alors à celle du réseau"))
        elif use.name != network_names[network_id]:
            found.append(Diagnostic(use.path, use.line, use.column, "RRMA034", use.field,
                                    f"« {use.name} » est un réseau du portail ; vouliez-vous dire « {network_names[network_id]} » ?, attendu son nom tel que l'écrit networks/{network_id}.yml",
                                    f"écrivez « {network_names[network_id]} »"))
    return found
