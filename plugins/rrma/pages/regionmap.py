"""A tile-grid map of France's 18 regions: one tile per region, placed by
geography and labelled with its full name, the five overseas regions in a row
of insets. The tiles come in reading order (row by row, then the insets), so
the keyboard goes through them as the eye does.

Why tiles and not boundaries: the boundary package first considered
(@svg-maps/france.regions) is CC BY-NC and lacks the overseas regions, and no
other one was vetted yet; tiles also keep every region the same size, so small
regions stay easy to reach by touch, keyboard and screen reader. Positions are
(column, row) on the grid; the abbreviations only name the tiles here.
"""

from __future__ import annotations

from typing import Any

TILES: dict[str, tuple[int, int, str]] = {
    "32": (2, 0, "HDF"),
    "53": (0, 1, "BRE"),
    "28": (1, 1, "NOR"),
    "11": (2, 1, "IDF"),
    "44": (3, 1, "GES"),
    "52": (1, 2, "PDL"),
    "24": (2, 2, "CVL"),
    "27": (3, 2, "BFC"),
    "75": (1, 3, "NAQ"),
    "84": (3, 3, "ARA"),
    "76": (2, 4, "OCC"),
    "93": (3, 4, "PAC"),
    "94": (4, 5, "COR"),
}
OVERSEAS_ORDER = ["01", "02", "03", "04", "06"]
COLUMNS = 5


def region_map(regions: dict[str, str], networks_by_region: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Tiles in reading order, with their grid cell, full name and networks. A region with one network
    links to it, with several to its entry in the directory, with none to nothing (and says so)."""
    mainland, overseas = [], []
    for code, label in regions.items():
        networks = networks_by_region.get(code, [])
        href = networks[0]["url"] if len(networks) == 1 else (f"#region-{code}" if networks else None)
        tile = {"code": code, "label": label, "networks": networks, "href": href, "local": href is not None and href.startswith("#")}
        if code in TILES:
            col, row, _ = TILES[code]
            mainland.append({**tile, "col": col + 1, "row": row + 1})
        else:
            index = OVERSEAS_ORDER.index(code) if code in OVERSEAS_ORDER else len(OVERSEAS_ORDER)
            overseas.append({**tile, "col": index + 1, "row": 1})
    mainland.sort(key=lambda t: (t["row"], t["col"]))
    overseas.sort(key=lambda t: (t["col"], t["label"]))
    return {"mainland": mainland, "overseas": overseas, "columns": COLUMNS}
