"""Hostile YAML: an alias bomb or a list nested thousands deep is a finding at its line, found fast and small."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from rrma.core.yamlbounds import MAX_DEPTH, MAX_VALUES
from rrma.core.yamlpos import load_yaml


def bomb(levels: int = 10) -> str:
    """« Billion laughs »: each anchor a list of nine aliases to the one before (9**levels values)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + f"\ntitle: *a{levels - 1}\n"


def nested(depth: int) -> str:
    return "title: " + "[" * depth + "]" * depth + "\n"


@pytest.mark.parametrize("levels", [6, 10])
def test_alias_bomb_is_refused_at_the_alias_that_crosses_the_bound_without_expanding_it(levels: int) -> None:
    """Six levels (531 441 values) would take half a minute and hundreds of megabytes without the bound, so
    this fails rather than exhausts the machine if it goes; ten levels are what an attacker writes (the CLI
    test runs them under a memory limit)."""
    tracemalloc.start()
    started = time.perf_counter()
    loaded = load_yaml(bomb(levels), "resources/bombe.md", line_offset=1)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    [problem] = loaded.diagnostics
    # a0 … a4 stand for 74 732 values; the first alias of a5 (line 7 of the file, after « --- ») repeats 66 430 more
    assert problem.headline() == ("resources/bombe.md:7:10: a5 : l'alias « *a4 » répète 66 430 valeurs : le document en compterait "
                                  "plus de 100 000 une fois ses alias développés, attendu au plus 100 000")
    assert problem.code == "RRMA032" and "sans ancre `&` ni alias `*`" in problem.hint
    assert loaded.data is None
    assert elapsed < 1 and peak < 5 * 1024 * 1024  # nothing near the 9**10 values was built


def test_alias_bomb_after_a_syntax_error_is_refused_the_same_way() -> None:
    """A syntax error sends the text to the pure-Python loader, which counts too."""
    [problem] = load_yaml(bomb(6) + "oops: [\n", "x.md", line_offset=1).diagnostics
    assert (problem.line, problem.column, problem.code) == (7, 10, "RRMA032")


def test_aliases_within_the_bound_still_load() -> None:
    block = "[" + ", ".join(["x"] * 999) + "]"  # 1000 values with its list
    text = f"base: &b {block}\n" + "".join(f"k{i}: *b\n" for i in range(MAX_VALUES // 1000 - 5))
    loaded = load_yaml(text, "x.yml")
    assert loaded.diagnostics == [] and loaded.data["k0"] == ["x"] * 999
    text += "".join(f"l{i}: *b\n" for i in range(10))
    [problem] = load_yaml(text, "x.yml").diagnostics
    assert problem.code == "RRMA032" and problem.field.startswith("l")


@pytest.mark.parametrize("depth", [5000, 500_000, MAX_DEPTH + 10])
def test_deep_nesting_is_refused_at_the_first_level_too_many(depth: int) -> None:
    """Beyond 1000 levels libyaml gives up and the pure-Python loader explains; below, the builder checks:
    the same finding either way, at the list that opens the 51st level (the file's mapping is the first)."""
    started = time.perf_counter()
    loaded = load_yaml(nested(depth), "resources/profond.md", line_offset=1)
    assert time.perf_counter() - started < 5
    [problem] = loaded.diagnostics
    assert problem.headline() == "resources/profond.md:2:57: title : listes et groupes imbriqués sur plus de 50 niveaux, attendu au plus 50"
    assert problem.code == "RRMA031" and loaded.data is None


def test_nesting_up_to_the_bound_is_accepted() -> None:
    loaded = load_yaml(nested(MAX_DEPTH - 1), "x.md")
    assert loaded.diagnostics == [] and loaded.data is not None
    assert [d.code for d in load_yaml(nested(MAX_DEPTH), "x.md").diagnostics] == ["RRMA031"]


def test_deep_block_nesting_is_refused_too() -> None:
    text = "authors:\n" + "".join("  " * level + "-\n" for level in range(1, 3000))
    [problem] = load_yaml(text, "x.md", line_offset=1).diagnostics
    assert (problem.line, problem.code, problem.field) == (MAX_DEPTH + 2, "RRMA031", "authors")


def test_recursive_alias_is_still_named() -> None:
    loaded = load_yaml("a: &x [1, 2]\nb: *x\nc: &r [*r]\n", "x.yml")
    assert [(d.line, d.column, d.code, d.message) for d in loaded.diagnostics] == [(3, 4, "RRMA027", "alias YAML récursif")]
    assert loaded.data["b"] == [1, 2]
