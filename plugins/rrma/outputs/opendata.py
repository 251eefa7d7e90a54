"""Open data: the catalogue as CSV and JSON, with a Table Schema data package
and DCAT-AP metadata (JSON-LD) so data portals can harvest it.

Columns are declared once (:data:`TABLES`); the CSV header, the JSON keys, the
Table Schema and the documentation on the observatory page come from there.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.urls import item_url
from ..kinds.files import published_name
from ..kinds.site import Site

LICENCE = {"title": "Licence Ouverte 2.0 (Etalab)", "path": "https://www.etalab.gouv.fr/licence-version-2-0-de-la-licence-ouverte-suite-a-la-consultation-et-presentation-du-decret", "name": "etalab-2.0"}
SEPARATOR = "|"  # between several values in one CSV cell


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, date, datetime, boolean, year…
    description: str
    get: Callable[[Any], Any]
    many: bool = False


def _network_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant du réseau (nom de son fichier)", lambda e: e.id),
        Column("nom", "string", "Nom complet", lambda e: e.data.name),
        Column("sigle", "string", "Sigle ou nom court", lambda e: e.data.acronym),
        Column("echelle", "string", "regional ou national", lambda e: e.data.scope),
        Column("region_code", "string", "Code INSEE de la région", lambda e: e.data.region),
        Column("ville", "string", "Ville du siège", lambda e: e.data.city),
        Column("site_web", "string", "Site web", lambda e: e.data.website),
        Column("email", "string", "Adresse e-mail de contact", lambda e: e.data.email),
        Column("forme_juridique", "string", "Forme juridique", lambda e: e.data.legal_form),
        Column("creation", "string", "Date de création (AAAA, AAAA-MM ou AAAA-MM-JJ)", lambda e: e.data.founded),
        Column("missions", "string", f"Missions, séparées par « {SEPARATOR} »", lambda e: e.data.missions, many=True),
        Column("thematiques", "string", f"Thématiques, séparées par « {SEPARATOR} »", lambda e: e.data.themes, many=True),
        Column("pays_partenaires", "string", f"Pays partenaires, codes ISO 3166-1 alpha-2 séparés par « {SEPARATOR} »", lambda e: e.data.partner_countries, many=True),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par « {SEPARATOR} »", lambda e: e.data.zones, many=True),
    ]


def _event_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de l'événement (nom de son fichier)", lambda e: e.id),
        Column("titre", "string", "Titre", lambda e: e.data.title),
        Column("debut", "string", "Début : date, ou date et heure locales ISO 8601 avec le décalage du fuseau du lieu", lambda e: e.data.start.isoformat()),
        Column("fin", "string", "Fin, sous la même forme", lambda e: e.data.end.isoformat() if e.data.end else None),
        Column("fuseau", "string", "Fuseau horaire IANA du lieu, dans lequel début et fin sont écrits (Europe/Paris, America/Guadeloupe…)",
               lambda e: e.data.timezone or "Europe/Paris"),
        Column("type", "string", "Type d'événement", lambda e: e.data.kind),
        Column("format", "string", "sur-place, en-ligne ou hybride", lambda e: e.data.mode),
        Column("ville", "string", "Ville (du premier lieu s'il y en a plusieurs)", lambda e: next((p.city for p in e.data.all_places if p.city), None)),
        Column("region_code", "string", "Code INSEE de la région (du premier lieu s'il y en a plusieurs)", lambda e: e.data.main_region),
        Column("lieux", "string", f"Tous les lieux (salle, adresse, ville, code de région), séparés par « {SEPARATOR} »",
               lambda e: [", ".join(x for x in (p.venue, p.address, p.city, p.region) if x) for p in e.data.all_places], many=True),
        Column("campagne", "string", "Campagne nationale", lambda e: e.data.campaign),
        Column("tarif", "string", "« gratuit », le montant en euros, ou le tarif en toutes lettres", lambda e: None if e.data.cost is None else str(e.data.cost)),
        Column("places", "string", "Nombre de places offertes", lambda e: None if e.data.places_available is None else str(e.data.places_available)),
        Column("complet", "string", "« oui » quand il ne reste plus de place", lambda e: "oui" if e.data.full else None),
        Column("inscription_limite", "string", "Date limite d'inscription : date, ou date et heure locales ISO 8601 avec décalage",
               lambda e: e.data.registration_deadline.isoformat() if e.data.registration_deadline else None),
        Column("documents", "string", f"Documents joints (fichiers du portail ou adresses), séparés par « {SEPARATOR} »",
               lambda e: [a.url or f"{item_url('events', e.id)}{published_name(a.file.rsplit('/', 1)[-1])}" for a in e.data.attachments], many=True),
        Column("seances", "string", f"Séances d'un programme : début de chacune (ISO 8601, heure locale avec décalage), séparés par « {SEPARATOR} »",
               lambda e: [s.start.isoformat() for s in e.data.sessions], many=True),
        Column("niveau", "string", "Niveau attendu", lambda e: e.data.level),
        Column("prerequis", "string", "Prérequis", lambda e: e.data.prerequisites),
        Column("reseaux", "string", f"Réseaux organisateurs, séparés par « {SEPARATOR} »", lambda e: e.data.networks, many=True),
        Column("thematiques", "string", f"Thématiques, séparées par « {SEPARATOR} »", lambda e: e.data.themes, many=True),
        Column("odd", "string", f"Numéros d'ODD, séparés par « {SEPARATOR} »", lambda e: [str(o) for o in e.data.odd], many=True),
        Column("pays", "string", f"Pays concernés, codes ISO 3166-1 alpha-2 séparés par « {SEPARATOR} »", lambda e: e.data.countries, many=True),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par « {SEPARATOR} »", lambda e: e.data.zones, many=True),
        Column("source", "string", "Page d'annonce", lambda e: e.data.source_url),
    ]


def _resource_columns() -> list[Column]:
    return [
        Column("identifiant", "string", "Identifiant de la ressource (nom de son fichier)", lambda e: e.id),
        Column("titre", "string", "Titre", lambda e: e.data.title),
        Column("resume", "string", "Résumé", lambda e: e.data.summary),
        Column("type", "string", "Type de ressource", lambda e: e.data.type),
        Column("publication", "string", "Date de publication (AAAA, AAAA-MM ou AAAA-MM-JJ)", lambda e: e.data.published),
        Column("langue", "string", "Langue (ISO 639-1)", lambda e: e.data.language),
        Column("licence", "string", "Licence de la ressource", lambda e: e.data.licence),
        Column("reseaux", "string", f"Réseaux qui publient, séparés par « {SEPARATOR} »", lambda e: e.data.networks, many=True),
        Column("thematiques", "string", f"Thématiques, séparées par « {SEPARATOR} »", lambda e: e.data.themes, many=True),
        Column("odd", "string", f"Numéros d'ODD, séparés par « {SEPARATOR} »", lambda e: [str(o) for o in e.data.odd], many=True),
        Column("publics", "string", f"Publics, séparés par « {SEPARATOR} »", lambda e: e.data.audiences, many=True),
        Column("pays", "string", f"Pays concernés, codes ISO 3166-1 alpha-2 séparés par « {SEPARATOR} »", lambda e: e.data.countries, many=True),
        Column("zones", "string", f"Zones géographiques (taxonomies/zones.yml), séparées par « {SEPARATOR} »", lambda e: e.data.zones, many=True),
        Column("source", "string", "Page où la ressource est publiée", lambda e: e.data.source_url),
    ]


TABLES: dict[str, tuple[str, str, Callable[[], list[Column]], Callable[[Site], list[Any]], str]] = {
    "reseaux": ("Réseaux régionaux multi-acteurs", "Les réseaux et leur instance nationale.", _network_columns, lambda s: s.networks, "networks"),
    "evenements": ("Événements des réseaux", "Rencontres, formations, festivals et campagnes.", _event_columns, lambda s: s.events, "events"),
    "ressources": ("Ressources des réseaux", "Guides, fiches, études et outils publiés par les réseaux.", _resource_columns, lambda s: s.resources, "resources"),
}


def records(site: Site, table: str) -> list[dict[str, Any]]:
    _, _, columns, rows, kind = TABLES[table]
    result = []
    for entry in rows(site):
        record = {c.name: (list(c.get(entry)) if c.many else c.get(entry)) for c in columns()}
        record["url"] = item_url(kind, entry.id)
        result.append(record)
    return result


def to_csv(data: list[dict[str, Any]], table: str) -> str:
    """RFC 4180 CSV (CRLF line ends), multiple values joined by :data:`SEPARATOR`."""
    columns = TABLES[table][2]()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns] + ["url"])
    for record in data:
        writer.writerow([SEPARATOR.join(record[c.name]) if c.many else ("" if record[c.name] is None else record[c.name]) for c in columns] + [record["url"]])
    return out.getvalue()


def files(site: Site, *, absolute: Callable[[str], str], issued: str, modified: str) -> dict[str, str]:
    """Every open-data file, by path under ``donnees/``."""
    result: dict[str, str] = {}
    resources = []
    distributions = []
    for table, (title, description, columns, _, _) in TABLES.items():
        data = records(site, table)
        for record in data:
            record["url"] = absolute(record["url"])
        result[f"donnees/{table}.json"] = json.dumps({"licence": LICENCE, "donnees": data}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        result[f"donnees/{table}.csv"] = to_csv(data, table)
        fields = [{"name": c.name, "type": c.type, "description": c.description} for c in columns()] + [{"name": "url", "type": "string", "format": "uri", "description": "Page du portail"}]
        resources.append({"name": table, "title": title, "description": description, "path": f"{table}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "schema": {"fields": fields, "primaryKey": ["identifiant"]}})
        for fmt, media in (("csv", "text/csv"), ("json", "application/json")):
            distributions.append({
                "@id": absolute(f"donnees/{table}.{fmt}#distribution"), "@type": "dcat:Distribution",
                "dct:title": f"{title} ({fmt.upper()})", "dcat:accessURL": {"@id": absolute("observatoire/")},
                "dcat:downloadURL": {"@id": absolute(f"donnees/{table}.{fmt}")}, "dcat:mediaType": media,
                "dct:format": fmt.upper(), "dct:license": {"@id": LICENCE["path"]},
                "dct:conformsTo": {"@id": absolute("donnees/datapackage.json")},
            })
    result["donnees/datapackage.json"] = json.dumps({
        "name": "rrma-catalogue", "title": "Catalogue du portail des RRMA", "licenses": [LICENCE], "resources": resources,
    }, ensure_ascii=False, indent=1) + "\n"
    result["donnees/catalogue.jsonld"] = json.dumps({
        "@context": {"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/",
                     "vcard": "http://www.w3.org/2006/vcard/ns#"},
        "@id": absolute("donnees/catalogue.jsonld"), "@type": "dcat:Catalog",
        "dct:title": "Portail national des réseaux régionaux multi-acteurs — données ouvertes", "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Réseaux régionaux multi-acteurs (RRMA)"},
        "foaf:homepage": {"@id": absolute("")},
        "dcat:dataset": [{
            "@id": absolute("observatoire/#donnees"), "@type": "dcat:Dataset",
            "dct:title": "Réseaux, événements et ressources des RRMA",
            "dct:description": "Le catalogue du portail : réseaux régionaux multi-acteurs, leurs événements et leurs ressources, mis à jour à chaque publication du site.",
            "dct:issued": issued, "dct:modified": modified, "dct:license": {"@id": LICENCE["path"]},
            "dct:publisher": {"@type": "foaf:Agent", "foaf:name": "Réseaux régionaux multi-acteurs (RRMA)"},
            "dcat:keyword": ["coopération internationale", "solidarité internationale", "RRMA", "ODD", "ECSI"],
            "dct:spatial": {"@id": "http://publications.europa.eu/resource/authority/country/FRA"},
            "dcat:landingPage": {"@id": absolute("observatoire/")},
            "dcat:distribution": distributions,
        }],
    }, ensure_ascii=False, indent=1) + "\n"
    return result
