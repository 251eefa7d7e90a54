"""The world map of /pays/: Natural Earth's shapes from world-atlas, projected in Python."""

from __future__ import annotations

import math
import re

import pytest
from rrma.pages.worldmap import natural_earth, world_shapes

from tests.conftest import REPO

ATLAS = REPO / "node_modules" / "world-atlas" / "countries-110m.json"


@pytest.fixture(scope="module")
def world() -> dict:
    return world_shapes(ATLAS)


def test_the_projection_keeps_the_centre_and_flattens_the_edges() -> None:
    assert natural_earth(0, 0) == (0, 0)
    x, y = natural_earth(180, 0)
    assert x == pytest.approx(math.pi * 0.8707) and y == 0
    # The poles are a line, shorter than the equator: that is what Natural Earth looks like.
    assert natural_earth(180, 90)[0] < x
    assert natural_earth(0, 90)[1] == pytest.approx(1.42, abs=0.01)


def _points(path: str) -> list[list[tuple[int, int]]]:
    return [[tuple(map(int, p.split(","))) for p in piece.rstrip("Z").split("L")] for piece in path.split("M") if piece]


def test_countries_are_where_they_should_be(world: dict) -> None:
    width, height = world["width"], world["height"]
    senegal = [p for piece in _points(world["shapes"]["686"]) for p in piece]  # ISO numeric code of Senegal
    assert all(0.4 * width < x < 0.5 * width for x, _ in senegal)  # west of Greenwich, not far
    top, bottom = natural_earth(0, 90)[1], natural_earth(0, -60)[1]
    equator = height * top / (top - bottom)
    tropic = height * (top - natural_earth(0, 23.44)[1]) / (top - bottom)
    assert all(tropic < y < equator for _, y in senegal)  # between the tropic of Cancer and the equator
    assert "010" not in world["shapes"]  # Antarctica is left out


def test_no_shape_is_drawn_across_the_map(world: dict) -> None:
    """Russia and Fiji are cut at the 180th meridian: a ring along the cut must not become a line
    from one edge of the map to the other."""
    for code, path in world["shapes"].items():
        assert re.fullmatch(r"(M-?\d+,-?\d+(L-?\d+,-?\d+)*Z?)+", path), code
        for piece in _points(path):
            for (x1, _), (x2, _) in zip(piece, piece[1:]):
                assert abs(x2 - x1) < world["width"] / 3, code
