"""Contributed Markdown: what the sanitizer would remove is reported where it was written."""

from __future__ import annotations

from rrma.core.markup import sanitize, unsafe_markup


def test_html_in_a_list_item_is_checked_an_indented_code_block_is_not() -> None:
    in_list = "- Un point\n\n    <script>alert(1)</script>\n"
    assert [(f.line, f.column) for f in unsafe_markup(in_list)] == [(2, 4)]
    assert unsafe_markup("Un paragraphe.\n\n    <script>du code montré</script>\n") == []


def test_every_attribute_the_sanitizer_drops_is_reported() -> None:
    text = '<span style="color:red">rouge</span> <a href="https://exemple.org/" title="t" class="k">lien</a> <td colspan=2>x</td>'
    messages = [f.message for f in unsafe_markup(text)]
    assert messages == ["attribut « style » supprimé de <span> : la mise en forme et le comportement viennent du site",
                        "attribut « class » supprimé de <a> : la mise en forme et le comportement viennent du site"]
    assert "style" not in sanitize(text) and "class" not in sanitize(text)


def test_a_comment_is_never_published() -> None:
    """What `rrma new` leaves in the body for the editor to replace."""
    assert sanitize("<!-- Présentez ici la ressource -->\n<p>Texte</p>") == "\n<p>Texte</p>"
    assert unsafe_markup("<!-- Présentez ici la ressource -->") == []
