"""The bar charts' words, as a screen reader hears their table: French plurals and elisions."""

from __future__ import annotations

from rrma.pages.charts import bars


def test_a_chart_of_one_row_is_heard_in_the_singular_with_its_unit_elided() -> None:
    chart = bars("acteurs-par-region", "Acteurs recensés par région", [("Hauts-de-France", 551)], unit="acteurs")
    assert chart["summary"] == "1 catégorie\u202f; en tête\u00a0: Hauts-de-France (551 acteurs)."
    assert chart["count_prefix"] == "Nombre d'"  # « Nombre d'acteurs », not « Nombre de acteurs »


def test_a_chart_of_several_rows() -> None:
    chart = bars("projets", "Projets par secteur", [("Santé", 12), ("Éducation", 1939)], unit="projets")
    assert chart["summary"] == "2 catégories\u202f; en tête\u00a0: Éducation (1\u202f939 projets)."
    assert chart["count_prefix"] == "Nombre de "
    assert [r["label"] for r in chart["rows"]] == ["Éducation", "Santé"]
