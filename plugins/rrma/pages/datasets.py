"""/donnees/: each open dataset with what it holds, its licence, its files (format, size), its
number of rows, its last update and its columns; the files themselves are made by
:mod:`rrma.outputs.opendata` once, and this page reads their sizes."""

from __future__ import annotations

import json
from datetime import date, datetime

from ..core.types import format_partial_date
from ..core.wording import file_size
from ..kinds.site import Site
from ..outputs import opendata
from .calls import call_state
from .model import Output, PageSpec

TYPES = {"string": "texte", "integer": "nombre entier", "number": "nombre", "date": "date", "datetime": "date et heure", "boolean": "oui ou non",
         "year": "année"}


def as_of(site: Site, now: datetime) -> opendata.AsOf:
    """The build's day and each call's state at ``now``, as the calls' pages compute it."""
    return opendata.AsOf(now.date(), {e.id: call_state(e.data, now)["key"] for e in site.calls})


def last_changes(site: Site, output: Output, day: date | None = None) -> dict[str, str]:
    """Each table's last update: the last commit of its content folder, or this build's ``day``
    (for a table whose rows hold that day, whatever the commits)."""
    built = day or output.now.date()
    result = {}
    for name, table in opendata.TABLES.items():
        folders = [getattr(site.project, attr) + "/" for attr in table.sources]
        dates = [d.date() for path, d in output.changed.items() if any(path.startswith(f) for f in folders)]
        result[name] = (built if table.daily else max(dates or [built])).isoformat()
    return result


def data_page(data: dict[str, str | bytes], changed: dict[str, str]) -> PageSpec:
    datasets = []
    for name, table in opendata.TABLES.items():
        rows = len(json.loads(data[f"donnees/{name}.json"])["donnees"])
        formats = []
        for suffix, title, _media, purpose in opendata.FORMATS:
            content = data[f"donnees/{name}{suffix}"]
            size = len(content.encode("utf-8") if isinstance(content, str) else content)
            formats.append({"title": title, "url": f"donnees/{name}{suffix}", "size": size, "size_label": file_size(size), "purpose": purpose})
        datasets.append({
            "name": name, "title": table.title, "description": table.description, "rows": rows, "formats": formats,
            "updated": format_partial_date(changed[name]), "updated_iso": changed[name],
            "columns": [{"name": f["name"], "type": TYPES.get(f["type"], f["type"]), "description": f["description"]} for f in opendata.fields(name)],
        })
    return PageSpec(
        "donnees/", "Données ouvertes", "rrma/data.html",
        {"datasets": datasets, "licence": opendata.LICENCE, "separator": opendata.SEPARATOR, "label_separator": opendata.LABEL_SEPARATOR.strip()},
        in_nav=True,
        description="Les données du portail des RRMA à télécharger sous Licence Ouverte 2.0\u00a0: réseaux, événements, ressources, appels à projets "
                    "et chiffres des baromètres, en CSV et JSON.",
    )
