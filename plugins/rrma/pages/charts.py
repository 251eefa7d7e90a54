"""Charts as data for HTML templates: drawn at build time, no script.

A chart is a table: each row a label, a bar whose length is the share of the largest value,
and the number. Being a real table, it is its own text equivalent (screen readers read rows
and headers, high-contrast modes and paper keep it); its labels are page text, so they stay
readable on a phone — an SVG scaled down to 390 px would shrink them below 14 px.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..core.wording import fr_number, of, plural


def bars(key: str, title: str, counts: Iterable[tuple[str, int]], *, unit: str, description: str = "",
         sources: list[dict[str, Any]] | None = None, keep_order: bool = False, head: str | None = None) -> dict[str, Any]:
    """A bar chart: ``counts`` as (label, number), largest first unless ``keep_order`` (years, ODD)."""
    rows = [(label, n) for label, n in counts if n > 0]
    if not keep_order:
        rows.sort(key=lambda r: (-r[1], r[0].casefold()))
    top = max((n for _, n in rows), default=0)
    total = sum(n for _, n in rows)
    items = [{"label": label, "value": n, "text": fr_number(n), "share": round(100 * n / top, 1) if top else 0,
              "rank": index + 1} for index, (label, n) in enumerate(rows)]
    if rows and not keep_order:
        leader = rows[0]
        summary = f"{plural(len(rows), 'catégorie', 'catégories')}\u202f; en tête\u00a0: {leader[0]} ({fr_number(leader[1])} {unit})."
    elif rows:
        summary = f"{plural(len(rows), 'valeur', 'valeurs')}, de {rows[0][0]} à {rows[-1][0]}."
    else:
        summary = "Aucune donnée publiée pour l'instant."
    return {"id": key, "title": title, "unit": unit, "rows": items, "total": total, "text_total": fr_number(total),
            "summary": summary, "description": description, "sources": sources or [], "ranked": not keep_order,
            "head": head or ("Catégorie" if not keep_order else "Année"),
            "count_prefix": "Nombre " + of(unit)[:-len(unit)] if unit else ""}  # « Nombre d'acteurs », heard before the unit


SHADES = 4  # classes of the world map, lightest to darkest


def shades(values: list[int]) -> dict[str, Any]:
    """Classes for a shaded map: up to four ranges of equal width in count order (quartiles of the
    values present), each with its legend « de 10 à 49 projets »."""
    ordered = sorted(set(values))
    if not ordered:
        return {"legend": [], "class_of": lambda n: 0}
    count = min(SHADES, len(ordered))
    bounds = [ordered[min(len(ordered) - 1, (len(ordered) * (i + 1)) // count - 1)] for i in range(count)]
    def class_of(n: int) -> int:
        return next(i for i, bound in enumerate(bounds) if n <= bound) + 1
    legend = []
    low = ordered[0]
    for index, bound in enumerate(bounds):
        legend.append({"shade": index + 1, "low": low, "high": bound,
                       "text": fr_number(low) if low == bound else f"de {fr_number(low)} à {fr_number(bound)}"})
        higher = [v for v in ordered if v > bound]
        low = higher[0] if higher else bound
    chooser: Callable[[int], int] = class_of
    return {"legend": legend, "class_of": chooser}
