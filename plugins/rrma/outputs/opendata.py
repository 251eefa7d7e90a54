"""Open data: the catalogue and the networks' figures as CSV and JSON, with a Table Schema
data package and DCAT-AP metadata (JSON-LD) so data portals can harvest it.

Each dataset is one entry of :data:`TABLES` (a :class:`Table`: its columns, its rows, the page
of each row); the CSV header, the JSON keys, the Table Schema, the DCAT-AP catalogue and the
documentation on /donnees/ all come from there, so adding a dataset is adding one entry.

Why two CSV files per table. The standard one (RFC 4180: UTF-8 without byte-order mark, commas,
CRLF) is what programs and data portals expect. A spreadsheet set up in French reads a
double-clicked CSV as Windows-1252 with « ; » between columns: the standard file opens there
as one garbled column. So each table also comes as ``<table>-tableur.csv``: the same rows,
UTF-8 *with* a byte-order mark (which Excel and LibreOffice take as « this is UTF-8 ») and
« ; » between columns (what they expect in French). An .xlsx file was the other way: it would
add a dependency (openpyxl) and a zip archive whose bytes change with each build's time,
where every file of the site is otherwise the same from one build to the next.

A code column is followed by its label (``type``, then ``type_libelle``): codes for programs,
words for people. Several values in one cell are separated by « | » (codes) or « | » between
spaces (labels).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from ..core.types import period_years
from ..core.urls import item_url
from ..kinds.base import Entry
from ..kinds.calls import Call
from ..kinds.files import published_name
from ..kinds.observatory import departments, network_of, territory_name
from ..kinds.site import Site

LICENCE = {"title": "Licence Ouverte 2.0 (Etalab)", "path": "https://www.etalab.gouv.fr/licence-version-2-0-de-la-licence-ouverte-suite-a-la-consultation-et-presentation-du-decret", "name": "etalab-2.0"}
SEPARATOR = "|"  # between several codes in one CSV cell
LABEL_SEPARATOR = " | "  # between several labels
SPREADSHEET = "-tableur"  # <table>-tableur.csv: the same table for a spreadsheet set up in French


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, date, datetime, boolean, year…
    description: str
    get: Callable[[Any], Any]
    many: bool = False
    labels: str | None = None  # what names the codes: a taxonomy, « networks » or « departments »; adds a `<name>_libelle` column


@dataclass(frozen=True)
class AsOf:
    """What a build knows that the files do not say: the day it is made, and each call's state
    on that day (computed by the pages, :func:`rrma.pages.calls.call_state`, so the data says
    what the call's page says)."""

    day: date
    call_states: dict[str, str] = field(default_factory=dict)  # call id → upcoming, open, unknown, closed


@dataclass(frozen=True)
class Table:
    """One dataset of /donnees/."""

    name: str  # the files' name: donnees/<name>.csv
    title: str
    description: str
    columns: Callable[[], list[Column]]
    rows: Callable[[Site, AsOf], list[Any]]
    url: Callable[[Any], str]  # the portal's page of a row
    sources: tuple[str, ...] = ()  # the content folders it comes from (Project attributes), for its last update
    key: str = "identifiant"
    notes: list[str] = field(default_factory=list)
    daily: bool = False  # its rows say what holds on the build's day (a call's state): changed at every build


def _organisations(name: str, what: str, get: Callable[[Any], list[Any]]) -> Column:
    """Organisations of a row that are not networks of the portal (kinds/organisations.py), by name."""
    return Column(name, "string", f"{what} (noms), séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: [o.name for o in get(e)], many=True)


def _partners_and_funders() -> list[Column]:
    return [_organisations("partenaires", "Partenaires", lambda e: e.data.partners), _organisations("financeurs", "Financeurs", lambda e: e.data.funders)]


def _network_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant du réseau (nom de son fichier)", lambda e: e.id),
        Column("nom", "string", "Nom complet", lambda e: e.data.name),
        Column("sigle", "string", "Sigle ou nom court", lambda e: e.data.acronym),
        Column("echelle", "string", "regional ou national", lambda e: e.data.scope),
        Column("region_code", "string", "Code INSEE de la région", lambda e: e.data.region, labels="regions"),
        Column("ville", "string", "Ville du siège", lambda e: e.data.city),
        Column("site_web", "string", "Site web", lambda e: e.data.website),
        Column("email", "string", "Adresse e-mail de contact", lambda e: e.data.email),
        Column("forme_juridique", "string", "Forme juridique", lambda e: e.data.legal_form),
        Column("creation", "string", "Date de création (AAAA, AAAA-MM ou AAAA-MM-JJ)", lambda e: e.data.founded),
        Column("fin_activite", "string", "Pour un réseau qui n'existe plus : date de fin d'activité (AAAA, AAAA-MM ou AAAA-MM-JJ)", lambda e: e.data.ended),
        Column("repris_par", "string", "Réseau qui a repris son activité (identifiant)", lambda e: e.data.successor, labels="networks"),
        Column("missions", "string", f"Missions (taxonomies/missions.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.missions, many=True, labels="missions"),
        Column("thematiques", "string", f"Thématiques (taxonomies/themes.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.themes, many=True, labels="themes"),
        Column("pays_partenaires", "string", f"Pays partenaires, codes ISO 3166-1 alpha-2 séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.partner_countries, many=True, labels="countries"),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.zones, many=True, labels="zones"),
    ]


def _event_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de l'événement (nom de son fichier)", lambda e: e.id),
        Column("titre", "string", "Titre", lambda e: e.data.title),
        Column("resume", "string", "Résumé", lambda e: e.data.summary),
        Column("debut", "string", "Début\u00a0: date, ou date et heure locales ISO 8601 avec le décalage du fuseau du lieu", lambda e: e.data.start.isoformat()),
        Column("fin", "string", "Fin, sous la même forme", lambda e: e.data.end.isoformat() if e.data.end else None),
        Column("fuseau", "string", "Fuseau horaire IANA du lieu, dans lequel début et fin sont écrits (Europe/Paris, America/Guadeloupe…)",
               lambda e: e.data.timezone or "Europe/Paris"),
        Column("type", "string", "Type d'événement (taxonomies/event-kinds.yml)", lambda e: e.data.kind, labels="event-kinds"),
        Column("format", "string", "sur-place, en-ligne ou hybride", lambda e: e.data.mode),
        Column("ville", "string", "Ville (du premier lieu s'il y en a plusieurs)", lambda e: next((p.city for p in e.data.all_places if p.city), None)),
        Column("region_code", "string", "Code INSEE de la région (du premier lieu s'il y en a plusieurs)", lambda e: e.data.main_region, labels="regions"),
        Column("lieux", "string", f"Tous les lieux (salle, adresse, ville, code de région), séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: [", ".join(x for x in (p.venue, p.address, p.city, p.region) if x) for p in e.data.all_places], many=True),
        Column("campagne", "string", "Campagne nationale (taxonomies/campaigns.yml)", lambda e: e.data.campaign, labels="campaigns"),
        Column("tarif", "string", "« gratuit », le montant en euros, ou le tarif en toutes lettres", lambda e: None if e.data.cost is None else str(e.data.cost)),
        Column("places", "string", "Nombre de places offertes", lambda e: None if e.data.places_available is None else str(e.data.places_available)),
        Column("complet", "string", "« oui » quand il ne reste plus de place", lambda e: "oui" if e.data.full else None),
        Column("inscription_limite", "string", "Date limite d'inscription\u00a0: date, ou date et heure locales ISO 8601 avec décalage",
               lambda e: e.data.registration_deadline.isoformat() if e.data.registration_deadline else None),
        Column("documents", "string", f"Documents joints (fichiers du portail ou adresses), séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: [a.url or f"{item_url('events', e.id)}{published_name(a.file.rsplit('/', 1)[-1])}" for a in e.data.attachments], many=True),
        Column("seances", "string", f"Séances d'un programme\u00a0: début de chacune (ISO 8601, heure locale avec décalage), séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: [s.start.isoformat() for s in e.data.sessions], many=True),
        Column("niveau", "string", "Niveau attendu", lambda e: e.data.level),
        Column("prerequis", "string", "Prérequis", lambda e: e.data.prerequisites),
        Column("reseaux", "string", f"Réseaux du portail qui relaient l'événement (identifiants), séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.networks, many=True, labels="networks"),
        Column("organisateurs", "string", f"Organisateurs\u00a0: identifiant d'un réseau du portail ou nom d'une autre structure, séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: [o.network or o.name for o in e.data.organizers], many=True),
        *_partners_and_funders(),
        Column("thematiques", "string", f"Thématiques, séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.themes, many=True, labels="themes"),
        Column("odd", "string", f"Numéros d'ODD, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: [str(o) for o in e.data.odd], many=True, labels="odd"),
        Column("pays", "string", f"Pays concernés, codes ISO 3166-1 alpha-2 séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.countries, many=True, labels="countries"),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.zones, many=True, labels="zones"),
        Column("publics", "string", f"Publics, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.audiences, many=True, labels="audiences"),
        Column("inscription", "string", "Adresse d'inscription", lambda e: e.data.registration_url),
        Column("lien_en_ligne", "string", "Adresse où suivre l'événement en ligne", lambda e: e.data.online_url),
        Column("source", "string", "Page d'annonce", lambda e: e.data.source_url),
    ]


def _resource_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de la ressource (nom de son fichier)", lambda e: e.id),
        Column("titre", "string", "Titre", lambda e: e.data.title),
        Column("resume", "string", "Résumé", lambda e: e.data.summary),
        Column("type", "string", "Type de ressource (taxonomies/resource-types.yml)", lambda e: e.data.type, labels="resource-types"),
        Column("publication", "string", "Date de publication (AAAA, AAAA-MM ou AAAA-MM-JJ)", lambda e: e.data.published),
        Column("donnees_debut", "year", "Pour une étude : première année de ses données", lambda e: str(period_years(e.data.data_period)[0]) if e.data.data_period else None),
        Column("donnees_fin", "year", "Pour une étude : dernière année de ses données", lambda e: str(period_years(e.data.data_period)[1]) if e.data.data_period else None),
        Column("couverture_regions", "string", f"Régions que couvrent ses données, codes INSEE séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: e.data.coverage.regions if e.data.coverage else [], many=True, labels="regions"),
        Column("couverture_pays", "string", f"Pays que couvrent ses données, codes ISO 3166-1 alpha-2 séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: e.data.coverage.countries if e.data.coverage else [], many=True, labels="countries"),
        Column("langues", "string", f"Langues : codes ISO 639-1, ou ISO 639-3 pour une langue sans code à deux lettres (gcf), séparés par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: e.data.languages, many=True, labels="languages"),
        Column("licence", "string", "Licence de la ressource", lambda e: e.data.licence, labels="licences"),
        Column("reseaux", "string", f"Réseaux qui publient, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.networks, many=True, labels="networks"),
        *_partners_and_funders(),
        Column("thematiques", "string", f"Thématiques, séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.themes, many=True, labels="themes"),
        Column("odd", "string", f"Numéros d'ODD, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: [str(o) for o in e.data.odd], many=True, labels="odd"),
        Column("publics", "string", f"Publics, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.audiences, many=True, labels="audiences"),
        Column("pays", "string", f"Pays concernés, codes ISO 3166-1 alpha-2 séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.countries, many=True, labels="countries"),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.zones, many=True, labels="zones"),
        Column("source", "string", "Page où la ressource est publiée", lambda e: e.data.source_url),
    ]


# A call's state on the day of the build (the keys of rrma.pages.calls.call_state): code, label.
CALL_STATES = {"upcoming": ("a-venir", "à venir"), "open": ("ouvert", "ouvert"),
               "unknown": ("cloture-non-publiee", "date de clôture non publiée"), "closed": ("cloture", "clôturé")}


@dataclass(frozen=True)
class CallRow:
    """A call for projects with its state on the day of the build."""

    entry: Entry[Call]
    state: str  # a key of CALL_STATES
    as_of: date

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def data(self) -> Call:
        return self.entry.data


def call_rows(site: Site, as_of: AsOf) -> list[CallRow]:
    return [CallRow(e, as_of.call_states[e.id], as_of.day) for e in site.calls]


def _written(call: Call, value: date | datetime | None) -> str | None:
    """A date as written (« 2026-06-15 »: until the end of that day), a time with the offset of the call's zone."""
    if value is None:
        return None
    return call.moment(value, end=False).isoformat() if isinstance(value, datetime) else value.isoformat()


def _call_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de l'appel (nom de son fichier)", lambda e: e.id),
        Column("titre", "string", "Titre, tel que le financeur le publie", lambda e: e.data.title),
        Column("resume", "string", "Résumé\u00a0: ce qui est financé, pour qui", lambda e: e.data.summary),
        Column("dispositif", "string", "Dispositif ou programme dont l'appel fait partie", lambda e: e.data.scheme),
        _organisations("financeurs", "Financeurs", lambda e: e.data.funders),
        Column("reseaux", "string", f"Réseaux du portail qui relaient l'appel (identifiants), séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.networks, many=True, labels="networks"),
        Column("publics", "string", f"Qui peut candidater (taxonomies/audiences.yml), séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.audiences, many=True, labels="audiences"),
        Column("regions", "string", f"Régions dont les porteurs peuvent candidater, codes INSEE séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.regions, many=True, labels="regions"),
        Column("pays", "string", f"Pays où les projets peuvent avoir lieu, codes ISO 3166-1 alpha-2 séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.countries, many=True, labels="countries"),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.zones, many=True, labels="zones"),
        Column("thematiques", "string", f"Thématiques, séparées par «\u00a0{SEPARATOR}\u00a0»", lambda e: e.data.themes, many=True, labels="themes"),
        Column("odd", "string", f"Numéros d'ODD, séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: [str(o) for o in e.data.odd], many=True, labels="odd"),
        Column("montant_min", "integer", "Montant minimum d'une subvention, en euros", lambda e: e.data.amount_min),
        Column("montant_max", "integer", "Montant maximum d'une subvention, en euros", lambda e: e.data.amount_max),
        Column("taux_cofinancement", "number", "Part maximale du budget du projet prise en charge, en pourcentage", lambda e: e.data.cofunding_rate),
        Column("ouverture", "string", "Ouverture des candidatures (de la première session s'il y en a plusieurs)\u00a0: date, ou date et heure locales ISO 8601 "
               "avec le décalage du fuseau de l'appel", lambda e: _written(e.data, e.data.opens if e.data.opens or not e.data.rounds else e.data.rounds[0].opens)),
        Column("cloture", "string", "Clôture des candidatures (de la dernière session s'il y en a plusieurs)\u00a0: date (jusqu'à la fin de ce jour), "
               "ou date et heure locales ISO 8601 avec décalage\u202f; vide si le financeur n'en publie pas", lambda e: _written(e.data, e.data.last_closing())),
        Column("fuseau", "string", "Fuseau horaire IANA dans lequel les heures sont écrites (Europe/Paris, America/Guadeloupe…)",
               lambda e: e.data.timezone or "Europe/Paris"),
        Column("sessions", "string", f"Sessions successives, chacune «\u00a0ouverture/clôture\u00a0» (ouverture vide si non publiée), séparées par «\u00a0{SEPARATOR}\u00a0»",
               lambda e: [f"{_written(e.data, r.opens) or ''}/{_written(e.data, r.closes)}" for r in e.data.rounds], many=True),
        Column("etat", "string", "État de l'appel le jour de la mise à jour (colonne etat_au)\u00a0: a-venir, ouvert, cloture-non-publiee "
               "(ni ouverture ni clôture publiée) ou cloture", lambda e: CALL_STATES[e.state][0], labels="call-states"),
        Column("etat_au", "date", "Jour où l'état a été calculé\u00a0: celui de la publication du site", lambda e: e.as_of.isoformat()),
        Column("laureats", "string", f"Lauréats publiés (noms), séparés par «\u00a0{SEPARATOR}\u00a0»", lambda e: [w.name for w in e.data.winners], many=True),
        Column("candidater", "string", "Page ou formulaire de candidature", lambda e: e.data.apply_url),
        Column("source", "string", "Page où le financeur ou le réseau publie l'appel", lambda e: e.data.source_url),
    ]


@dataclass(frozen=True)
class Figure:
    """One number of the observatory: a network's year, what it counts, how it is broken down."""

    network: str
    year: int
    indicator: str  # acteurs, projets, pays
    breakdown: str  # total, type, departement, pays, secteur, odd
    code: str | None
    value: int
    source: str
    taxonomy: str | None  # what names ``code``
    territory: str | None = None  # « Nord-Pas-de-Calais » when the figures do not cover the network's region

    @property
    def id(self) -> str:
        return "-".join(str(p) for p in (self.network, self.year, self.indicator, self.breakdown, self.code) if p is not None).lower()


def figure_rows(site: Site, as_of: AsOf | None = None) -> list[Figure]:
    """Every number of observatory/, in the order of the files: totals first, then each breakdown."""
    rows: list[Figure] = []
    for entry in site.figures:
        f, network = entry.data, network_of(entry)
        def add(indicator: str, breakdown: str, code: Any, value: int | None, taxonomy: str | None = None,
                f: Any = f, network: str = network) -> None:
            if value is not None:
                rows.append(Figure(network, f.year, indicator, breakdown, None if code is None else str(code), value, f.source, taxonomy,
                                   territory_name(f.territory) if f.territory else None))
        if f.actors is not None:
            add("acteurs", "total", None, f.actors.total)
            for code, n in f.actors.by_type.items():
                add("acteurs", "type", code, n, "actor-types")
            for code, n in f.actors.by_department.items():
                add("acteurs", "departement", code, n, "departments")
        if f.projects is not None:
            add("projets", "total", None, f.projects.total)
            add("pays", "total", None, f.projects.countries)
            for code, n in f.projects.by_country.items():
                add("projets", "pays", code, n, "countries")
            for code, n in f.projects.by_sector.items():
                add("projets", "secteur", code, n, "sectors")
        for number, n in sorted(f.odd.items()):
            add("odd", "odd", number, n, "odd")
    return rows


def _figure_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de la ligne\u00a0: réseau, année, indicateur, répartition et code", lambda r: r.id),
        Column("reseau", "string", "Réseau qui publie le chiffre (identifiant)", lambda r: r.network, labels="networks"),
        Column("annee", "integer", "Année que décrit le chiffre", lambda r: r.year),
        Column("territoire", "string", "Territoire que couvre le chiffre quand ce n'est pas la région du réseau (une ancienne région, un département…)\u202f; vide sinon",
               lambda r: r.territory),
        Column("indicateur", "string", "Ce que compte le chiffre\u00a0: acteurs, projets, pays (nombre de pays des projets) ou odd", lambda r: r.indicator),
        Column("repartition", "string", "total, ou la répartition\u00a0: type (d'acteur), departement (du siège), pays, secteur, odd", lambda r: r.breakdown),
        Column("code", "string", "Code de la catégorie (vide pour un total)\u00a0: type d'acteur, code INSEE du département, code ISO du pays, secteur ou numéro d'ODD",
               lambda r: r.code, labels="*"),
        Column("valeur", "integer", "Le nombre publié", lambda r: r.value),
        Column("source", "string", "Ressource du portail d'où vient le chiffre (identifiant)", lambda r: r.source),
    ]


TABLES: dict[str, Table] = {t.name: t for t in [
    Table("reseaux", "Réseaux régionaux multi-acteurs", "Les réseaux et leur instance nationale\u00a0: nom, région, siège, contact, missions, thématiques, pays partenaires.",
          _network_columns, lambda s, _: s.networks, lambda e: item_url("networks", e.id), ("networks_dir",)),
    Table("evenements", "Événements des réseaux", "Rencontres, formations, festivals et campagnes\u00a0: dates, lieu, organisateurs, thématiques.",
          _event_columns, lambda s, _: s.events, lambda e: item_url("events", e.id), ("events_dir",)),
    Table("ressources", "Ressources des réseaux", "Guides, fiches, études et outils publiés par les réseaux\u00a0: type, date, thématiques, ODD, publics.",
          _resource_columns, lambda s, _: s.resources, lambda e: item_url("resources", e.id), ("resources_dir",)),
    Table("appels-a-projets", "Appels à projets", "Les appels à projets et dispositifs de financement relayés par les réseaux\u00a0: financeurs, "
          "qui peut candidater, régions, pays, thématiques, montants, dates et état le jour de la mise à jour.",
          _call_columns, call_rows, lambda r: item_url("calls", r.id), ("calls_dir",), daily=True),
    Table("chiffres", "Chiffres des réseaux (observatoire)", "Les nombres que publient les baromètres et études des réseaux\u00a0: acteurs, projets et pays, au total et par catégorie, une ligne par nombre.",
          _figure_columns, figure_rows, lambda r: item_url("networks", r.network) + "#chiffres", ("observatory_dir",)),
]}


def label_name(column: Column) -> str:
    return f"{column.name}_libelles" if column.many else f"{column.name}_libelle"


def fields(table: str) -> list[dict[str, Any]]:
    """Every column of a table as the files have them (a code's label after it, then the page), as Table Schema fields."""
    out = []
    for c in TABLES[table].columns():
        out.append({"name": c.name, "type": c.type, "description": c.description, "many": c.many})
        if c.labels:
            out.append({"name": label_name(c), "type": "string", "many": c.many,
                        "description": f"Libellé{'s' if c.many else ''} de «\u00a0{c.name}\u00a0»" + (f", séparés par «\u00a0{LABEL_SEPARATOR.strip()}\u00a0»" if c.many else "")})
    out.append({"name": "url", "type": "string", "format": "uri", "description": "Page du portail", "many": False})
    return out


def _labeller(site: Site) -> Callable[[str, str], str]:
    networks = {n.id: n.data.name for n in site.networks}
    places = departments()

    def label(taxonomy: str, code: str) -> str:
        if taxonomy == "networks":
            return networks.get(code, code)
        if taxonomy == "departments":
            return places.get(code, code)
        if taxonomy == "odd":
            return f"ODD {code} – {site.taxonomies['odd'].label(int(code))}"
        if taxonomy == "call-states":
            return next(label for c, label in CALL_STATES.values() if c == code)
        return site.taxonomies[taxonomy].label(code) if taxonomy in site.taxonomies else code
    return label


def records(site: Site, table: str, as_of: AsOf) -> list[dict[str, Any]]:
    spec = TABLES[table]
    label = _labeller(site)
    result = []
    for row in spec.rows(site, as_of):
        record: dict[str, Any] = {}
        for c in spec.columns():
            value = c.get(row)
            record[c.name] = list(value) if c.many else value
            if c.labels:
                taxonomy = getattr(row, "taxonomy", None) if c.labels == "*" else c.labels
                if c.many:
                    record[label_name(c)] = [label(taxonomy, v) for v in value] if taxonomy else []
                else:
                    record[label_name(c)] = label(taxonomy, value) if taxonomy and value is not None else None
        record["url"] = spec.url(row)
        result.append(record)
    return result


def to_csv(data: list[dict[str, Any]], table: str, *, spreadsheet: bool = False) -> str:
    """RFC 4180 CSV (CRLF line ends); ``spreadsheet``: « ; » between columns, for a French spreadsheet
    (the byte-order mark is added when the file is written, see :func:`files`)."""
    columns = fields(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", delimiter=";" if spreadsheet else ",")
    writer.writerow([c["name"] for c in columns])
    for record in data:
        writer.writerow([(LABEL_SEPARATOR if c["name"].endswith("_libelles") else SEPARATOR).join(record[c["name"]]) if c["many"]
                         else ("" if record[c["name"]] is None else record[c["name"]]) for c in columns])
    return out.getvalue()


FORMATS = [  # suffix, title, media type, for whom
    (".csv", "CSV", "text/csv", "standard (UTF-8, virgules)\u00a0: pour les programmes et les portails de données"),
    (f"{SPREADSHEET}.csv", "CSV pour tableur", "text/csv", "UTF-8 avec indicateur d'ordre des octets, points-virgules\u00a0: s'ouvre tel quel dans Excel ou LibreOffice en français"),
    (".json", "JSON", "application/json", "les mêmes lignes, les valeurs multiples en listes"),
]


def files(site: Site, *, absolute: Callable[[str], str], issued: str, modified: str | dict[str, str], as_of: AsOf) -> dict[str, str | bytes]:
    """Every open-data file, by path under ``donnees/``. ``modified``: the date of the last change,
    for every table or by table name; ``as_of``: the build's day and the calls' states on it."""
    result: dict[str, str | bytes] = {}
    resources = []
    datasets = []
    for name, spec in TABLES.items():
        data = records(site, name, as_of)
        for record in data:
            record["url"] = absolute(record["url"])
        result[f"donnees/{name}.json"] = json.dumps({"licence": LICENCE, "donnees": data}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        result[f"donnees/{name}.csv"] = to_csv(data, name)
        result[f"donnees/{name}{SPREADSHEET}.csv"] = "\ufeff" + to_csv(data, name, spreadsheet=True)
        schema = {"fields": [{k: v for k, v in f.items() if k != "many"} for f in fields(name)], "primaryKey": [spec.key]}
        resources.append({"name": name, "title": spec.title, "description": spec.description, "path": f"{name}.csv", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
        resources.append({"name": f"{name}{SPREADSHEET}", "title": f"{spec.title} (pour tableur)", "description": spec.description,
                          "path": f"{name}{SPREADSHEET}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                          "dialect": {"delimiter": ";"}, "schema": schema})
        changed = modified if isinstance(modified, str) else modified.get(name, max(modified.values()))
        distributions = [{
            "@id": absolute(f"donnees/{name}{suffix}#distribution"), "@type": "dcat:Distribution",
            "dct:title": f"{spec.title} ({title})", "dct:description": purpose, "dcat:accessURL": {"@id": absolute(f"donnees/#{name}")},
            "dcat:downloadURL": {"@id": absolute(f"donnees/{name}{suffix}")}, "dcat:mediaType": media,
            "dct:format": "JSON" if suffix.endswith("json") else "CSV", "dct:license": {"@id": LICENCE["path"]},
            "dct:conformsTo": {"@id": absolute("donnees/datapackage.json")}, "dct:modified": changed,
        } for suffix, title, media, purpose in FORMATS]
        datasets.append({
            "@id": absolute(f"donnees/#{name}"), "@type": "dcat:Dataset", "dct:title": spec.title, "dct:description": spec.description,
            "dct:issued": issued, "dct:modified": changed, "dct:license": {"@id": LICENCE["path"]},
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Réseaux régionaux multi-acteurs (RRMA)"},
            "dcat:keyword": ["coopération internationale", "solidarité internationale", "RRMA", "ODD", "ECSI"],
            "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/FRA"},
            "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
            "dcat:landingPage": {"@id": absolute(f"donnees/#{name}")},
            "dcat:distribution": distributions,
        })
    result["donnees/datapackage.json"] = json.dumps({
        "name": "rrma-catalogue", "title": "Catalogue du portail des RRMA", "licenses": [LICENCE], "resources": resources,
    }, ensure_ascii=False, indent=1) + "\n"
    result["donnees/catalogue.jsonld"] = json.dumps({
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
                     "vcard": "http://www.w3.org/2006/vcard/ns#"},
        "@id": absolute("donnees/catalogue.jsonld"), "@type": "dcat:Catalog",
        "dct:title": "Portail national des réseaux régionaux multi-acteurs — données ouvertes",
        "dct:description": "Les réseaux régionaux multi-acteurs, leurs événements, leurs ressources, les appels à projets qu'ils relaient et les chiffres de leurs baromètres, "
                           "mis à jour à chaque publication du site.",
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Réseaux régionaux multi-acteurs (RRMA)"},
        "foaf:homepage": {"@id": absolute("")}, "dct:license": {"@id": LICENCE["path"]}, "dct:modified": max(d["dct:modified"] for d in datasets),
        "dcat:dataset": datasets,
    }, ensure_ascii=False, indent=1) + "\n"
    return result
