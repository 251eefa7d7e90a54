"""A world map as SVG paths, made at build time from Natural Earth's boundaries.

The shapes come from the npm package ``world-atlas`` (``countries-110m.json``: Natural Earth's
1:110m countries, public domain, as TopoJSON, keyed by ISO 3166-1 numeric code). TopoJSON
stores each border once, as a quantized, delta-encoded arc shared by the countries on both
sides; a ring is a list of arc indexes, ``~i`` meaning arc ``i`` walked backwards. Decoded
here and drawn in the Natural Earth projection (Šavrič, Jenny, Patterson et al., 2011: a
polynomial in latitude), so the page needs no script.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

WIDTH = 1000  # SVG user units; the height follows from the projection
# Antarctica (010) is left out: no network works there, and it would take a fifth of the map.
LEFT_OUT = {"010"}


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection of a point in degrees, in radians on the unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


def _arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Every arc in longitude and latitude: deltas summed, then scaled and moved."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # each arc starts where the last one ended
    return points


def _pieces(ring: list[tuple[float, float]], left: float, top: float, scale: float) -> list[str]:
    """A ring as path data. Natural Earth cuts Russia and Fiji at the 180th meridian, so a
    ring may run along it from +180° to -180°: it is split there instead of drawn across the map."""
    pieces: list[list[str]] = [[]]
    last_lon: float | None = None
    for lon, lat in ring:
        if last_lon is not None and abs(lon - last_lon) > 180:
            pieces.append([])
        last_lon = lon
        x, y = natural_earth(lon, lat)
        point = f"{round((x - left) * scale)},{round((top - y) * scale)}"  # a unit is under a pixel on a phone
        if not pieces[-1] or pieces[-1][-1] != point:
            pieces[-1].append(point)
    closed = len(pieces) == 1
    return ["M" + "L".join(piece) + ("Z" if closed else "") for piece in pieces if len(piece) > 2]


@functools.lru_cache(maxsize=4)
def world_shapes(path: Path) -> dict[str, Any]:
    """ISO numeric code → SVG path data, and the map's size: computed once per build process."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    left, top = natural_earth(-180, 0)[0], natural_earth(0, 90)[1]  # the equator is the widest line
    right, bottom = natural_earth(180, 0)[0], natural_earth(0, -60)[1]
    scale = WIDTH / (right - left)
    height = round((top - bottom) * scale)
    shapes: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if not code or code in LEFT_OUT:  # N. Cyprus, Somaliland, Kosovo: no ISO 3166-1 code in this file
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        parts = []
        for polygon in polygons:
            for ring in polygon:
                parts.extend(_pieces(_ring(ring, arcs), left, top, scale))
        shapes[code] = "".join(parts)
    return {"shapes": shapes, "width": WIDTH, "height": height}
