"""Bar charts as data for an SVG template: drawn at build time, no script.

Each chart carries its own data table and a sentence that says what it shows,
so the figures reach screen readers, high-contrast modes and paper alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

BAR = 24
GAP = 8
LABEL_WIDTH = 200
CHART_WIDTH = 480


def bar_chart(key: str, title: str, counts: Iterable[tuple[str, int]], *, unit: str, keep_order: bool = False) -> dict[str, Any]:
    rows = [(label, n) for label, n in counts if n > 0]
    if not keep_order:
        rows.sort(key=lambda r: (-r[1], r[0].casefold()))
    top = max((n for _, n in rows), default=0)
    bars = []
    for index, (label, n) in enumerate(rows):
        width = 0 if not top else round((CHART_WIDTH - LABEL_WIDTH - 40) * n / top, 1)
        bars.append({"label": label, "value": n, "y": index * (BAR + GAP), "width": max(width, 2)})
    total = sum(n for _, n in rows)
    if rows:
        leader = max(rows, key=lambda r: r[1])
        summary = f"{title} : {len(rows)} catégories, {total} {unit} au total ; la plus fréquente est « {leader[0]} » ({leader[1]})."
    else:
        summary = f"{title} : aucune donnée pour l'instant."
    return {
        "id": key, "title": title, "unit": unit, "bars": bars, "total": total, "summary": summary,
        "bar": BAR, "label_width": LABEL_WIDTH, "width": CHART_WIDTH, "height": max(1, len(rows)) * (BAR + GAP),
    }


def count(values: Iterable[str]) -> list[tuple[str, int]]:
    return list(Counter(values).items())
