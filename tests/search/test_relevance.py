"""The benchmark's known-item queries (scripts/relevance.py): what `make bench` measures MRR@10 and hits@5 on."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402
from relevance import GROUPS, known_item_queries, mrr_and_hits  # noqa: E402


def test_the_title_queries_are_150_and_each_has_the_pages_it_must_find(tmp_path: Path) -> None:
    generate(tmp_path / "portail", resources=300, events=30, networks=4, seed=1)
    queries = known_item_queries(tmp_path / "portail")
    titles = [q for q in queries if q.kind in GROUPS["titres (exact, sans accents, pluriel)"]]
    assert len(titles) == 150 and sum(q.kind == "résumé" for q in queries) == 30
    assert all(q.relevant for q in queries)
    assert all(2 <= len(q.text.split()) <= 3 for q in titles)
    # the same 50 picks of title words, as typed, without accents, in the plural: the same pages to find
    exact, plain, plural = ([q for q in titles if q.kind == k] for k in ("exact", "sans accents", "pluriel"))
    assert [q.relevant for q in exact] == [q.relevant for q in plain] == [q.relevant for q in plural]
    assert any(q.text != p.text for q, p in zip(exact, plain)) and any(q.text != p.text for q, p in zip(exact, plural))


def test_mrr_and_hits_count_the_first_relevant_page_in_the_first_ten() -> None:
    relevant = [frozenset({"a/"}), frozenset({"b/"}), frozenset({"c/"})]
    found = [["a/", "x/"], ["x/", "y/", "z/", "w/", "v/", "u/", "b/"], ["x/"] * 10 + ["c/"]]
    mrr, hits = mrr_and_hits(found, relevant)
    assert hits == 1 and abs(mrr - (1 + 1 / 7) / 3) < 1e-9  # the third is past the tenth: it counts nothing
