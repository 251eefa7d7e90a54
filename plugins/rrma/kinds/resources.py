"""Resources: ``resources/<slug>.md`` — guides, toolkits, studies… with
attachments in ``resources/files/`` or at an address on the web."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import Field

from ..core.diagnostics import Diagnostic
from ..core.types import CountryCode, Odd, PartialDate, Slug, Text, Url
from ..project import Project
from .base import Collection, Entry, Model, markup_problems, ref
from .files import check_asset

ATTACHMENT_SUFFIXES = (".pdf", ".odt", ".ods", ".odp", ".docx", ".xlsx", ".pptx", ".epub", ".csv", ".zip", ".png", ".jpg", ".jpeg")


class Attachment(Model):
    title: Text | None = Field(None, title='Intitulé', max_length=200, description="Intitulé du document joint (par défaut : le nom du fichier)")
    file: Text | None = Field(None, title='Fichier', description="Fichier dans le dossier files/ de la collection (resources/files/, events/files/) : `files/<nom>.pdf`")
    url: Url | None = Field(None, title='Adresse web', description="Ou adresse du document en ligne")


class Resource(Model):
    """Une ressource publiée par un ou plusieurs réseaux : guide, fiche, étude, outil…"""

    title: Text = Field(title='Titre', max_length=200, description="Titre de la ressource, tel qu'il figure sur le document")
    summary: Text = Field(title='Résumé', max_length=300, description="Résumé en une ou deux phrases (300 caractères au plus)")
    type: Slug = Field(title='Type de ressource', json_schema_extra=ref("resource-types"), description="Type de ressource (voir taxonomies/resource-types.yml)")
    networks: list[Slug] = Field(title='Réseaux éditeurs', min_length=1, json_schema_extra=ref("networks"), description="Réseaux qui publient la ressource : noms de fichiers de networks/ sans `.yml`")
    themes: list[Slug] = Field(title='Thématiques', default_factory=list, json_schema_extra=ref("themes"), description="Thématiques (voir taxonomies/themes.yml)")
    odd: list[Odd] = Field(title='ODD', default_factory=list, json_schema_extra=ref("odd"), description="Objectifs de développement durable concernés, numéros de 1 à 17")
    audiences: list[Slug] = Field(title='Publics', default_factory=list, json_schema_extra=ref("audiences"), description="Publics visés (voir taxonomies/audiences.yml)")
    countries: list[CountryCode] = Field(title='Pays', default_factory=list, json_schema_extra=ref("countries"), description="Pays concernés : codes ISO 3166-1 à deux lettres (SN pour le Sénégal, HT pour Haïti)")
    zones: list[Slug] = Field(title='Zones géographiques', default_factory=list, json_schema_extra=ref("zones"), description="Zones du monde concernées (voir taxonomies/zones.yml)")
    language: str = Field("fr", title='Langue', json_schema_extra=ref("languages"), description="Langue du document : code ISO 639-1 (voir taxonomies/languages.yml)")
    published: PartialDate | None = Field(None, title='Date de publication', description="Date de publication : AAAA, AAAA-MM ou AAAA-MM-JJ")
    authors: list[Text] = Field(title='Auteurs', default_factory=list, description="Auteurs ou structures autrices")
    licence: Slug | None = Field(None, title='Licence', json_schema_extra=ref("licences"), description="Licence de diffusion (voir taxonomies/licences.yml)")
    attachments: list[Attachment] = Field(title='Documents joints', default_factory=list, description="Documents joints : fichiers dans resources/files/ ou adresses web")
    source_url: Url | None = Field(None, title='Page de la ressource', description="Page où la ressource est publiée par le réseau")
    draft: bool = Field(False, title='Brouillon', description="`true` : brouillon visible seulement en prévisualisation locale")


def rules(entry: Entry[Resource], project: Project) -> Iterable[Diagnostic]:
    resource = entry.data
    yield from markup_problems(entry, project, entry.body)
    if not resource.attachments and resource.source_url is None and not entry.body.strip():
        yield entry.at(("title",), "RRMA024", "la ressource ne mène à aucun document et n'a pas de texte, attendu `source_url`, une pièce jointe dans `attachments` ou un texte après les métadonnées",
                       "ajoutez `source_url: https://…` (la page du réseau qui publie la ressource) ou un fichier joint")
    yield from attachment_problems(entry, project, resource.attachments, project.resources_dir)


def attachment_problems(entry: Entry[Any], project: Project, attachments: list[Attachment], folder: str) -> Iterable[Diagnostic]:
    """The checks of ``attachments`` of any collection: `file` or `url`, the file in ``folder``/files/, its format and size."""
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
