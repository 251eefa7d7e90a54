"""Resources: ``resources/<slug>.md`` — guides, toolkits, studies… with
attachments in ``resources/files/`` or at an address on the web."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from pydantic import Field

from ..core.diagnostics import Diagnostic
from ..core.types import CountryCode, DataPeriod, LanguageCode, Odd, PartialDate, RegionCode, ReviewDate, Slug, Text, Url
from ..project import Project
from .base import Collection, Entry, Model, markup_problems, ref
from .files import check_asset
from .organisations import Organisation

ATTACHMENT_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".epub", ".csv", ".zip", ".png", ".jpg", ".jpeg")


class Attachment(Model):
    title: Text | None = Field(None, title='Intitulé', max_length=200, description="Intitulé du document joint (par défaut : le nom du fichier)")
    file: Text | None = Field(None, title='Fichier', description="Fichier dans le dossier files/ de la collection (resources/files/, events/files/, calls/files/) : `files/<nom>.pdf`")
    url: Url | None = Field(None, title='Adresse web', description="Ou adresse du document en ligne")


class Coverage(Model):
    regions: list[RegionCode] = Field(title='Régions', default_factory=list, json_schema_extra=ref("regions"),
                                      description="Régions françaises couvertes : codes INSEE (voir taxonomies/regions.yml)")
    countries: list[CountryCode] = Field(title='Pays', default_factory=list, json_schema_extra=ref("countries"),
                                         description="Pays couverts : codes ISO 3166-1 à deux lettres (FR pour toute la France, SN pour le Sénégal)")


class Resource(Model):
    """Une ressource publiée par un ou plusieurs réseaux : guide, fiche, étude, outil…"""

    RENAMED: ClassVar[dict[str, str]] = {"language": "languages"}  # old key → the field that replaced it (see rrma.core.validation)

    title: Text = Field(title='Titre', max_length=200, description="Titre de la ressource, tel qu'il figure sur le document")
    summary: Text = Field(title='Résumé', max_length=300, description="Résumé en une ou deux phrases (300 caractères au plus)")
    type: Slug = Field(title='Type de ressource', json_schema_extra=ref("resource-types"), description="Type de ressource (voir taxonomies/resource-types.yml)")
    networks: list[Slug] = Field(title='Réseaux éditeurs', min_length=1, json_schema_extra=ref("networks"), description="Réseaux qui publient la ressource : noms de fichiers de networks/ sans `.yml`")
    themes: list[Slug] = Field(title='Thématiques', default_factory=list, json_schema_extra=ref("themes"), description="Thématiques (voir taxonomies/themes.yml)")
    odd: list[Odd] = Field(title='ODD', default_factory=list, json_schema_extra=ref("odd"), description="Objectifs de développement durable concernés, numéros de 1 à 17")
    audiences: list[Slug] = Field(title='Publics', default_factory=list, json_schema_extra=ref("audiences"), description="Publics visés (voir taxonomies/audiences.yml)")
    countries: list[CountryCode] = Field(title='Pays', default_factory=list, json_schema_extra=ref("countries"), description="Pays concernés : codes ISO 3166-1 à deux lettres (SN pour le Sénégal, HT pour Haïti)")
    zones: list[Slug] = Field(title='Zones géographiques', default_factory=list, json_schema_extra=ref("zones"), description="Zones du monde concernées (voir taxonomies/zones.yml)")
    languages: list[LanguageCode] = Field(title='Langues', default_factory=lambda: ["fr"], min_length=1, json_schema_extra=ref("languages"),
                                          description="Langues du document : codes ISO 639 (fr pour le français, en pour l'anglais, gcf pour le créole guadeloupéen) ; sans ce champ, le français")
    published: PartialDate | None = Field(None, title='Date de publication', description="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ")
    data_period: DataPeriod | None = Field(None, title='Période des données', description="Pour une étude : l'année de ses données (2015) ou la première et la dernière (2014-2015), qui ne sont pas celle de sa publication")
    coverage: Coverage | None = Field(None, title='Couverture', description="Pour une étude : le territoire que ses données couvrent, par `regions` et `countries`")
    authors: list[Text] = Field(title='Auteurs', default_factory=list, description="Auteurs ou structures autrices")
    partners: list[Organisation] = Field(title='Partenaires', default_factory=list, description="Structures partenaires de la ressource : `- name: <nom complet>`, avec `url` et `role` si on les connaît")
    funders: list[Organisation] = Field(title='Financeurs', default_factory=list, description="Structures qui ont financé la ressource : `- name: <nom complet>`, avec `url` et `role` si on les connaît")
    licence: Slug | None = Field(None, title='Licence', json_schema_extra=ref("licences"), description="Licence de diffusion (voir taxonomies/licences.yml)")
    attachments: list[Attachment] = Field(title='Documents joints', default_factory=list, description="Documents joints : fichiers dans resources/files/ ou adresses web")
    source_url: Url | None = Field(None, title='Page de la ressource', description="Page où la ressource est publiée par le réseau")
    draft: bool = Field(False, title='Brouillon', description="`true` : brouillon visible seulement en prévisualisation locale")
    reviewed: ReviewDate | None = Field(None, title='Vérifié le', description="Jour où le contenu a été vérifié (toujours juste, liens compris) : AAAA-MM-JJ")


def rules(entry: Entry[Resource], project: Project) -> Iterable[Diagnostic]:
    resource = entry.data
    yield from markup_problems(entry, project, entry.body)
    if not resource.attachments and resource.source_url is None and not entry.body.strip():
        yield entry.at(("title",), "RRMA024", "la ressource ne mène à aucun document et n'a pas de texte, attendu `source_url`, une pièce jointe dans `attachments` ou un texte après les métadonnées",
                       "ajoutez `source_url: https://…` (la page du réseau qui publie la ressource) ou un fichier joint")
    yield from attachment_problems(entry, project, resource.attachments, project.resources_dir)


def attachment_problems(entry: Entry[Any], project: Project, attachments: list[Attachment], folder: str) -> Iterable[Diagnostic]:
    """The checks of ``attachments`` of any collection (files in ``<folder>/files/`` or addresses): `file` or `url`, the file's format and size."""
    for index, attachment in enumerate(attachments):
        loc = ("attachments", index)
        if (attachment.file is None) == (attachment.url is None):
            yield entry.at(loc, "RRMA024", "une pièce jointe doit avoir soit `file`, soit `url`, attendu exactement l'un des deux",
                           "gardez `file: files/…` pour un fichier du dépôt, ou `url: https://…` pour un document en ligne")
        elif attachment.file is not None:
            yield from check_asset(entry, project, (*loc, "file"), attachment.file, folder=folder, asset_dir="files",
                                   suffixes=ATTACHMENT_SUFFIXES, max_bytes=project.max_attachment_bytes)


RESOURCES = Collection(
    name="resources",
    label="une ressource",
    folder=lambda project: project.resources_dir,
    suffixes=(".md",),
    model=Resource,
    front_matter=True,
    asset_dirs=("files",),
    rules=rules,
)
