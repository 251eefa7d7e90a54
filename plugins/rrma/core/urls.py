"""Where each page lives. A file name is a stable URL: ``/ressources/<slug>/``."""

from __future__ import annotations

SECTIONS = {"networks": "reseaux", "resources": "ressources", "events": "agenda", "calls": "appels-a-projets"}
LANDING = {*SECTIONS.values(), "observatoire", "recherche", "pays", "donnees", "flux"}
# Facet folders of the library: a resource may not take one of these names.
FACETS = {"type": "type", "themes": "theme", "odd": "odd", "networks": "reseau", "regions": "region", "year": "annee", "audiences": "public"}
EVENT_FACETS = {"networks": "reseau", "regions": "region", "kind": "type", "campaign": "campagne"}
CALL_FACETS = {"funders": "financeur", "audiences": "public", "regions": "region", "countries": "pays", "themes": "theme", "amount": "montant"}
# Names a file may not take: they are folders of the same section.
RESERVED: dict[str, frozenset[str]] = {
    "networks": frozenset({"index"}),
    "events": frozenset({"index", "page", "archives", *EVENT_FACETS.values()}),
    "resources": frozenset({"index", "page", *FACETS.values()}),
    "calls": frozenset({"index", "page", *CALL_FACETS.values()}),
}


def item_url(kind: str, item_id: str) -> str:
    return f"{SECTIONS[kind]}/{item_id}/"


def src_uri(url: str) -> str:
    """``ressources/theme/eau/`` → ``ressources/theme/eau.md`` (MkDocs source path)."""
    url = url.strip("/")
    if url in LANDING or not url:
        return f"{url}/index.md" if url else "index.md"
    return f"{url}.md"


def paged(url: str, page: int) -> str:
    return url if page == 1 else f"{url}page/{page}/"
