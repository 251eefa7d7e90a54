"""Position-keeping YAML loading."""

from __future__ import annotations

import pytest
from rrma.core.yamlpos import Span, load_yaml


def test_positions_of_keys_values_and_list_items() -> None:
    text = "title: Guide\nnetworks:\n  - centraider\n  - resacoop\nlogo:\n  file: logos/a.png\n"
    loaded = load_yaml(text, "x.md", line_offset=1)
    assert loaded.diagnostics == []
    pos = loaded.positions
    assert pos.value(("title",)) == Span(2, 8)
    assert pos.key(("title",)) == Span(2, 1)
    assert pos.value(("networks", 1)) == Span(5, 5)
    assert pos.value(("logo", "file")) == Span(7, 9)
    # a missing field is reported where its parent mapping is named
    assert pos.parent(("logo", "alt")) == Span(6, 1)
    assert pos.parent(("start",)) == Span(2, 1)


def test_dates_stay_text_so_the_model_parses_them() -> None:
    assert load_yaml("start: 2026-11-14 09:30\nday: 2026-11-14\n", "x").data == {"start": "2026-11-14 09:30", "day": "2026-11-14"}


def test_yaml_1_1_readings_are_kept_with_their_raw_text() -> None:
    loaded = load_yaml('a: no\nb: 12:30\nc: 1e3\nd: "no"\ne: 01\nf: On\n', "x")
    assert loaded.data == {"a": False, "b": 750, "c": 1000.0, "d": "no", "e": "01", "f": True}  # « 01 »: a code (Guadeloupe), kept as written
    assert loaded.positions.scalars[("a",)].raw == "no" and loaded.positions.scalars[("a",)].plain
    assert ("d",) not in loaded.positions.scalars  # quoted: read as text, nothing to explain


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    loaded = load_yaml("title: A\nsummary: B\ntitle: C\n", "x.md", line_offset=1)
    [problem] = loaded.diagnostics
    assert (problem.line, problem.column, problem.code, problem.field) == (4, 1, "RRMA007", "title")
    assert "ligne 2" in problem.message


def test_nested_duplicate_key_names_its_path() -> None:
    [problem] = load_yaml("logo:\n  file: a.png\n  file: b.png\n", "n.yml").diagnostics
    assert (problem.line, problem.field) == (3, "logo.file")


def test_tab_indentation_is_named_instead_of_pyyaml_message() -> None:
    loaded = load_yaml("a:\n\t- b\n", "x.yml")
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(2, 1, "RRMA006")]
    # read all the same, every column where the editor sees it: its other fields are still checked
    assert loaded.data == {"a": ["b"]} and loaded.positions.value(("a", 0)) == (2, 4)


def test_repeated_tabs_are_one_finding_with_their_count_and_the_spaces_to_use() -> None:
    text = "title: x\nlogo:\n    file: a.png\nthemes:\n\t- eau\n\t- sante\n  - odd\n"  # tabs and spaces mixed in one list
    [problem] = load_yaml(text, "x.yml", line_offset=1).diagnostics
    assert (problem.line, problem.column, problem.code) == (6, 1, "RRMA006")
    assert problem.message == "2 tabulations dans l'indentation (lignes 6 et 7), attendu des espaces"
    assert problem.hint == ("YAML n'accepte que des espaces pour indenter : remplacez chaque tabulation par 2 espaces "
                            "(comme les autres lignes du fichier)")
    assert load_yaml(text, "x.yml").data["themes"] == ["eau", "sante", "odd"]


def test_syntax_error_position_and_french_message() -> None:
    [problem] = load_yaml("title: Guide : partie 2\n", "x.md", line_offset=1).diagnostics
    assert (problem.line, problem.column, problem.code) == (2, 14, "RRMA005")
    assert "guillemets" in problem.message
    assert problem.hint == 'mettez la valeur entre guillemets : `title: "Guide : partie 2"`'


def test_an_unquoted_colon_does_not_hide_the_other_fields() -> None:
    loaded = load_yaml('title: Guide : partie 2\nsummary: ok\nthemes:\n  - "Eau : accès"\nnote: Santé : soins # à revoir\n', "x.md")
    assert [(d.line, d.column, d.hint.split(" : ", 1)[1]) for d in loaded.diagnostics] == [
        (1, 14, '`title: "Guide : partie 2"`'), (5, 13, '`note: "Santé : soins"`')]
    assert loaded.data == {"title": "Guide : partie 2", "summary": "ok", "themes": ["Eau : accès"], "note": "Santé : soins"}
    other = load_yaml("title: [a: b\nsummary: x\n", "x.md")  # no sure way to read on: one finding, no data
    assert other.data is None and len(other.diagnostics) == 1


def test_unclosed_quote() -> None:
    [problem] = load_yaml('title: "Guide\nsummary: x\n', "x").diagnostics
    assert problem.code == "RRMA005" and "jamais fermé" in problem.message and (problem.line, problem.column) == (1, 8)  # at the opening quote


def test_merge_keys_and_custom_tags_are_refused() -> None:
    codes = [d.code for d in load_yaml("base: &b {a: 1}\nother:\n  <<: *b\nx: !python/name:os.system\n", "x").diagnostics]
    assert codes == ["RRMA027", "RRMA027"]


def test_empty_document() -> None:
    loaded = load_yaml("# only a comment\n", "x")
    assert loaded.data is None and loaded.diagnostics == []


def test_text_after_a_hash_is_not_dropped_silently() -> None:
    """YAML reads « #1 » in « title: Monter un projet #1 » as a comment: the editor is told, at the « # »."""
    loaded = load_yaml("title: Monter un projet #1\nsummary: \"Le #1 des guides\"\nthemes:\n  - eau #ODD6\n# une vraie note\n"
                       "draft: false  # un commentaire voulu, avec une espace\nurl: https://exemple.org/page#section\n", "a.md", line_offset=1)
    found = [(d.line, d.column, d.field, d.code) for d in loaded.diagnostics]
    assert found == [(2, 25, "title", "RRMA013"), (5, 9, "themes", "RRMA013")]
    assert 'écrivez : title: "Monter un projet #1"' in loaded.diagnostics[0].hint
    assert loaded.data["title"] == "Monter un projet" and loaded.data["url"] == "https://exemple.org/page#section"


@pytest.mark.parametrize(("text", "where", "message", "hint"), [
    ("title: 'Monter l'un projet'\n", (2, 18), "la valeur de « title » se termine à l'apostrophe qui la ferme", "title: \"Monter l'un projet\""),
    ('title: "Le "guide" du projet"\n', (2, 13), "la valeur de « title » se termine au guillemet qui la ferme", "title: 'Le \"guide\" du projet'"),
    ("title: [Guide] Monter un projet\n", (2, 16), "se termine au crochet", 'title: "[Guide] Monter un projet"'),
    ("title: @Centraider\n", (2, 8), "le caractère « @ » ne peut pas commencer une valeur", "entre guillemets"),
    ("themes: [eau, sante\nsummary: x\n", (2, 9), "liste ou groupe entre crochets jamais fermé", "« - »"),
    ("themes: ['l'eau', x]\n", (2, 13), "dans la liste, un élément se termine", '("l\'eau")'),
    ("title: \"Le \"Mois de l'ESS\" 2025\"\n", (2, 13), "se termine au guillemet", "title: 'Le \"Mois de l''ESS\" 2025'"),
    ("title: 'L'eau' # une note\n", (2, 11), "se termine à l'apostrophe", 'title: "L\'eau"'),
    ('title: "jamais fermé\nsummary: x\n', (2, 8), "guillemet ouvert ici et jamais fermé", "guillemet (ou l'apostrophe) fermant"),
])
def test_syntax_errors_of_french_text_are_explained_where_the_value_is(text: str, where: tuple[int, int], message: str, hint: str) -> None:
    (problem,) = load_yaml(text, "a.md", line_offset=1).diagnostics
    assert (problem.line, problem.column) == where
    assert message in problem.message and hint in problem.hint
    assert not any(word in problem.message for word in ("expected", "found", "token", "scalar"))


def test_the_examples_editors_copy_have_no_dropped_text() -> None:
    """CONTRIBUTING.md's examples end lines with « # voir … » comments: they must pass as written."""
    import re

    from tests.conftest import REPO

    blocks = re.findall(r"```(?:markdown|yaml)\n(.*?)```", (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 2 and any("  # " in block for block in blocks)
    for block in blocks:
        front = block.split("---\n")[1] if block.startswith("---") else block
        assert [d for d in load_yaml(front, "x").diagnostics if d.code == "RRMA013"] == []


def test_the_value_a_syntax_hint_suggests_is_valid_yaml() -> None:
    for text in ("title: 'Monter l'un projet'\n", "title: \"Le \"Mois de l'ESS\" 2025\"\n", "title: 'L'eau' # une note\n"):
        (problem,) = load_yaml(text, "a.md").diagnostics
        suggested = problem.hint.split(" : ", 1)[1].split(" ; ")[0] if problem.hint.startswith("mettez") else problem.hint.rsplit(" : ", 1)[1]
        assert load_yaml(suggested + "\n", "a.md").diagnostics == [], suggested
