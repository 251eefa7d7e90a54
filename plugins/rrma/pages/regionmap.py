"""A tile-grid map of France's 18 regions: one square per region, placed by
geography, the five overseas regions in a row of insets.

Why tiles and not boundaries: the boundary package first considered
(@svg-maps/france.regions) is CC BY-NC and lacks the overseas regions, and no
other one was vetted yet; tiles also keep every region the same size, so small
regions stay easy to reach by touch, keyboard and screen reader. Positions are
(column, row) on the grid.
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
OVERSEAS_ABBR = {"01": "GP", "02": "MQ", "03": "GF", "04": "RE", "06": "YT"}

SIZE = 64
GAP = 6
OVERSEAS_TOP = 6.6  # in tiles: a separate row under the mainland


def region_map(regions: dict[str, str], networks_by_region: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Tiles with their position, label and networks, for the SVG template."""
    tiles = []
    for code, label in regions.items():
        if code in TILES:
            col, row, abbr = TILES[code]
            x, y = col * (SIZE + GAP), row * (SIZE + GAP)
        else:
            index = OVERSEAS_ORDER.index(code) if code in OVERSEAS_ORDER else len(OVERSEAS_ORDER)
            x, y, abbr = index * (SIZE + GAP), OVERSEAS_TOP * (SIZE + GAP), OVERSEAS_ABBR.get(code, code)
        networks = networks_by_region.get(code, [])
        names = ", ".join(n["short"] for n in networks)
        tiles.append(
            {
                "code": code,
                "label": label,
                "abbr": abbr,
                "x": x,
                "y": round(y),
                "networks": networks,
                # the visible abbreviation is part of the name (WCAG 2.5.3, label in name)
                "aria": f"{abbr}, {label} : {names}" if networks else f"{abbr}, {label} : pas de réseau régional",
            }
        )
    width = 5 * (SIZE + GAP)
    height = round((OVERSEAS_TOP + 1) * (SIZE + GAP))
    return {"tiles": tiles, "size": SIZE, "width": width, "height": height, "overseas_y": round((OVERSEAS_TOP - 0.35) * (SIZE + GAP))}
