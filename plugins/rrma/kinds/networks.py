"""Networks: one YAML file per RRMA in ``networks/<slug>.yml``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import Field

from ..core.diagnostics import Diagnostic
from ..core.types import CountryCode, Email, PartialDate, RegionCode, ReviewDate, Slug, Text, Url
from ..project import Project
from .base import Collection, Entry, Model, markup_problems, ref
from .files import check_asset

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")
GitHubHandle = Annotated[str, Field(pattern=r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?$")]


class Coordinates(Model):
    lat: float = Field(title='Latitude', ge=-90, le=90, description="Latitude en degrés décimaux (par exemple 45.764)")
    lon: float = Field(title='Longitude', ge=-180, le=180, description="Longitude en degrés décimaux (par exemple 4.836)")


class Logo(Model):
    file: Text = Field(title='Fichier', description="Chemin de l'image dans networks/ : `logos/<fichier>.png` (PNG, JPEG ou WebP)")
    alt: Text = Field(title='Texte alternatif', max_length=150, description="Texte alternatif lu par les lecteurs d'écran, par exemple « Logo de RESACOOP »")


class Social(Model):
    facebook: Url | None = Field(None, title='Facebook', description="Page Facebook")
    linkedin: Url | None = Field(None, title='LinkedIn', description="Page LinkedIn")
    instagram: Url | None = Field(None, title='Instagram', description="Compte Instagram")
    youtube: Url | None = Field(None, title='YouTube', description="Chaîne YouTube")
    mastodon: Url | None = Field(None, title='Mastodon', description="Compte Mastodon")
    bluesky: Url | None = Field(None, title='Bluesky', description="Compte Bluesky")
    x: Url | None = Field(None, title='X (Twitter)', description="Compte X (Twitter)")


class Network(Model):
    """Un réseau régional multi-acteurs (ou l'instance nationale qui les réunit)."""

    @property
    def short(self) -> str:
        """The name the portal's sentences use: the acronym, else the name."""
        return self.acronym or self.name

    name: Text = Field(title='Nom', max_length=150, description="Nom complet du réseau")
    acronym: Text | None = Field(None, title='Sigle', max_length=40, description="Sigle ou nom court, s'il existe")
    article: Literal["le", "la", "les", "l'"] | None = Field(None, title='Article', description="L'article du nom court, s'il en prend un : "
                                                            "« la » pour « l'agenda de la CIRRMA », « le » pour « relayé par le Réseau Bretagne Solidaire » ; sans article, rien")
    scope: Literal["regional", "national"] = Field("regional", title='Échelle', description="`regional` pour un RRMA, `national` pour l'instance nationale")
    region: RegionCode | None = Field(None, title='Région', json_schema_extra=ref("regions"), description="Code INSEE de la région couverte (voir taxonomies/regions.yml), obligatoire pour un réseau régional")
    website: Url | None = Field(None, title='Site web', description="Site web du réseau (https://…)")
    email: Email | None = Field(None, title='E-mail de contact', description="Adresse e-mail générique de contact")
    city: Text | None = Field(None, title='Ville du siège', description="Ville du siège")
    other_cities: list[Text] = Field(title='Autres villes', default_factory=list, description="Autres villes où le réseau a une antenne")
    coordinates: Coordinates | None = Field(None, title='Coordonnées', description="Coordonnées du siège, pour la carte")
    legal_form: Text | None = Field(None, title='Forme juridique', description="Forme juridique (association loi 1901, GIP…)")
    founded: PartialDate | None = Field(None, title='Date de création', description="Date de création : AAAA, AAAA-MM ou AAAA-MM-JJ")
    ended: PartialDate | None = Field(None, title="Fin d'activité", description="Pour un réseau qui n'existe plus : date où il a cessé son activité, AAAA, AAAA-MM ou AAAA-MM-JJ ; il sort alors de l'annuaire, de la carte et des comptes des réseaux")
    successor: Slug | None = Field(None, title='Repris par', json_schema_extra=ref("networks"),
                                   description="Réseau du portail qui a repris son activité : nom de son fichier dans networks/ sans `.yml`")
    charter_signed: PartialDate | None = Field(None, title='Adoption de la charte', description="Date d'adoption de la charte des RRMA : AAAA, AAAA-MM ou AAAA-MM-JJ")
    description: Text = Field(title='Présentation', description="Présentation du réseau, en Markdown")
    themes: list[Slug] = Field(title='Thématiques', default_factory=list, json_schema_extra=ref("themes"), description="Thématiques de travail (voir taxonomies/themes.yml)")
    missions: list[Slug] = Field(title='Missions', default_factory=list, json_schema_extra=ref("missions"), description="Missions exercées (voir taxonomies/missions.yml)")
    partner_countries: list[CountryCode] = Field(title='Pays partenaires', default_factory=list, json_schema_extra=ref("countries"), description="Pays où le réseau et ses membres ont des partenaires : codes ISO 3166-1 à deux lettres (SN pour le Sénégal)")
    zones: list[Slug] = Field(title='Zones géographiques', default_factory=list, json_schema_extra=ref("zones"), description="Zones du monde où le réseau travaille (voir taxonomies/zones.yml)")
    logo: Logo | None = Field(None, title='Logo', description="Logo du réseau")
    social: Social | None = Field(None, title='Réseaux sociaux', description="Réseaux sociaux")
    editors: list[GitHubHandle] = Field(title='Relecteurs GitHub', default_factory=list, description="Comptes GitHub qui relisent les contributions de ce réseau (@identifiant ou @organisation/equipe)")
    reviewed: ReviewDate | None = Field(None, title='Vérifié le', description="Jour où le contenu a été vérifié (toujours juste, liens compris) : AAAA-MM-JJ")


def rules(entry: Entry[Network], project: Project) -> Iterable[Diagnostic]:
    network = entry.data
    yield from markup_problems(entry, project, network.description, loc=("description",))
    if network.scope == "regional" and network.region is None:
        yield entry.at(("region",), "RRMA024", "un réseau régional doit indiquer sa région, attendu `region:` suivi du code INSEE",
                       "ajoutez par exemple `region: \"84\"` (voir taxonomies/regions.yml) ou `scope: national`")
    if network.scope == "national" and network.region is not None:
        yield entry.at(("region",), "RRMA024", "l'instance nationale ne couvre pas une seule région, attendu aucun champ `region`", "supprimez `region` ou indiquez `scope: regional`")
    if network.successor is not None and network.ended is None:
        yield entry.at(("successor",), "RRMA024", "un réseau repris par un autre a cessé son activité, attendu aussi `ended:` (la date de fin)",
                       "ajoutez `ended: AAAA` (ou AAAA-MM, AAAA-MM-JJ) : la date où son activité a été reprise")
    if network.successor == entry.id:
        yield entry.at(("successor",), "RRMA024", "un réseau ne peut pas se reprendre lui-même, attendu le nom de fichier d'un autre réseau",
                       "indiquez le réseau qui a repris l'activité, ou supprimez `successor`")
    if network.logo is not None:
        yield from check_asset(entry, project, ("logo", "file"), network.logo.file, folder=project.networks_dir, asset_dir="logos",
                               suffixes=LOGO_SUFFIXES, max_bytes=project.max_logo_bytes)


NETWORKS = Collection(
    name="networks",
    label="un réseau",
    folder=lambda project: project.networks_dir,
    suffixes=(".yml", ".yaml"),
    model=Network,
    front_matter=False,
    asset_dirs=("logos",),
    rules=rules,
)
