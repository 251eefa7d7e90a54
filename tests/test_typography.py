"""French typography of what editors write: non-breaking spaces where French needs them, nowhere else."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
from rrma.core import typography
from rrma.core.typography import NBSP, NNBSP, Typesetter, typeset, typeset_text
from rrma.outputs.search import query_terms, search_files

from tests.conftest import REPO, BuiltSite

SPACES = re.compile(r"[ \t\r\n\u00a0\u202f]+")


@pytest.mark.parametrize(("written", "shown"), [
    ("<p>Pourquoi agir ?</p>", f"<p>Pourquoi agir{NNBSP}?</p>"),
    ("<p>Vite !</p>", f"<p>Vite{NNBSP}!</p>"),
    ("<p>un dossier ; un budget</p>", f"<p>un dossier{NNBSP}; un budget</p>"),
    ("<p>Attention : clôture</p>", f"<p>Attention{NBSP}: clôture</p>"),
    ("<p>les « pièces à joindre »</p>", f"<p>les «{NBSP}pièces à joindre{NBSP}»</p>"),
    ("<p>les &laquo; pièces &raquo;</p>", f"<p>les &laquo;{NBSP}pièces{NBSP}&raquo;</p>"),
    ("<p>1 939 projets, 10 091 bénévoles, 1 234 567 euros</p>", f"<p>1{NNBSP}939 projets, 10{NNBSP}091 bénévoles, 1{NNBSP}234{NNBSP}567 euros</p>"),
    ("<p>de 10 h 30 à 12 h</p>", f"<p>de 10{NBSP}h{NBSP}30 à 12{NBSP}h</p>"),
    # a run of spaces, which a browser shows as one, is one non-breaking space; a line break too
    ("<p>Pourquoi   agir  ?\nAttention\n: non</p>", f"<p>Pourquoi   agir{NNBSP}?\nAttention{NBSP}: non</p>"),
    # across an inline tag
    ("<p><em>Pourquoi</em> ? « <a href=\"x\">oui</a> »</p>", f"<p><em>Pourquoi</em>{NNBSP}? «{NBSP}<a href=\"x\">oui</a>{NBSP}»</p>"),
])
def test_each_rule_swaps_the_space_the_editor_wrote(written: str, shown: str) -> None:
    assert typeset(written) == shown


@pytest.mark.parametrize("html", [
    "<p>Agir?</p><p>10h30</p><p>«oui»</p>",  # no space written: none added
    "<p>en 2024 150 projets, 12 34</p>",  # a year then a number, two-digit groups: not one number
    "<p>10 hommes</p>",
    "<p>la clé <code>a : b</code>, <kbd>Ctrl ?</kbd>, <samp>x ; y</samp></p>",
    "<pre><code>a : b\nc ? d\n1 939</code></pre>",
    "<script>if (a ? b : c) {}</script><style>a { color: red !important; }</style><textarea>Pourquoi ?</textarea>",
    "<title>Pourquoi agir ? - Portail</title>",
    '<p title="Pourquoi agir ?" data-x="1 939 : «a »">x</p>',
    "<!-- Pourquoi ? : --><p>ok</p>",
    '<p><a href="https://exemple.org/appels?annee=2025&amp;q=a:b">https://exemple.org/appels?annee=2025&amp;q=a:b</a></p>',
    "<p>Déjà&nbsp;: rien à faire&#160;!</p>",
])
def test_nothing_else_changes(html: str) -> None:
    assert typeset(html) == html


def test_only_spaces_change_and_a_second_pass_changes_nothing() -> None:
    html = ('<h2 id="pourquoi-agir">Pourquoi agir ?</h2><p>Attention : le dossier ; « joint » ! 1 939 projets, de 10 h 30 à 12 h.'
            ' <code>a : b</code> <a href="https://exemple.org/?a=1">https://exemple.org/?a=1</a></p>\n<p>Fin ?</p>')
    once = typeset(html)
    assert once != html
    assert SPACES.sub("", once) == SPACES.sub("", html)
    assert typeset(once) == once


def test_a_plain_text_is_typeset_as_a_page_text() -> None:
    assert typeset_text("Pourquoi agir ? Voir a < b : oui") == f"Pourquoi agir{NNBSP}? Voir a < b{NBSP}: oui"


def test_a_built_page_has_non_breaking_spaces_where_french_needs_them(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "ressources" / "fiche-typographie-appel-projets" / "index.html").read_text(encoding="utf-8")
    content = html[html.index('<article'):html.index("</article>")]
    for expected in (f"Pourquoi agir{NNBSP}?</h", f"Attention{NBSP}: le dossier", f"la clôture{NNBSP}; aucun", f"accepté{NNBSP}!",
                     f"1{NNBSP}939 projets", f"10{NNBSP}091 bénévoles", f"de 10{NBSP}h{NBSP}30 à 12{NBSP}h.",
                     f"«{NBSP}pièces à joindre{NBSP}»", f"en ligne{NBSP}:"):
        assert expected in content, expected
    # the title is typeset on the page, not in the window's title nor in the page's metadata
    assert f"Répondre à un appel à projets{NBSP}: pourquoi agir{NNBSP}?</h1>" in content
    assert "<title>Répondre à un appel à projets : pourquoi agir ?" in html
    assert 'content="Une fiche pour préparer un dossier ; elle rappelle les « pièces à joindre » et le calendrier."' in html
    # code and the address written as a link's text keep what the editor wrote
    assert "<code>a : b</code>" in content
    assert ">https://ocean-indien-solidarites.example.org/appels?annee=2025</a>" in content
    # nowhere else in the article: every non-breaking space is one of those, or one the templates wrote
    written = (shared_site.root / "resources" / "fiche-typographie-appel-projets.md").read_text(encoding="utf-8")
    assert NNBSP not in written and NBSP not in written


def test_a_hand_written_page_is_typeset(shared_site: BuiltSite) -> None:
    source = (shared_site.root / "content" / "accessibilite.md").read_text(encoding="utf-8")
    assert "1 280 pixels" in source  # its other colons and question marks were typed with non-breaking spaces
    html = (shared_site.site / "accessibilite" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    assert f"1{NNBSP}280 pixels" in article
    text = re.sub(r"<[^>]+>", "", re.sub(r"<(code|pre)\b.*?</\1>", "", article, flags=re.S))
    assert not re.search(r"\S[ \t\n]+[:;!?»]", text), "a plain space left before French punctuation"


def _docs(site: BuiltSite) -> list[list[str]]:
    manifest = json.loads((site.site / "recherche" / "manifest.json").read_text(encoding="utf-8"))
    return [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"])
            for row in json.loads((site.site / "recherche" / f"docs-{n // manifest['docsPerChunk']}.json").read_text(encoding="utf-8"))]


def test_a_query_copied_from_the_page_finds_it_and_its_result_reads_as_the_page(shared_site: BuiltSite) -> None:
    assert query_terms(f"agir{NNBSP}? 1{NNBSP}939 10{NBSP}h") == query_terms("agir ? 1 939 10 h")
    docs = _docs(shared_site)
    for query in (f"pourquoi agir{NNBSP}?", f"Attention{NBSP}: dossier", "agir"):
        refs, _ = search_files(lambda path: (shared_site.site / path).read_text(encoding="utf-8"), query)
        assert "ressources/fiche-typographie-appel-projets/" in [docs[int(r)][0] for r in refs], query
    row = next(d for d in docs if d[0] == "ressources/fiche-typographie-appel-projets/")
    assert row[2] == f"Répondre à un appel à projets{NBSP}: pourquoi agir{NNBSP}?"
    assert f"1{NNBSP}939 projets" in row[4]


ANALYSE = """
const path = require("path"), modules = process.argv[1];
global.lunr = require(path.join(modules, "lunr"));
require(path.join(modules, "lunr-languages", "lunr.stemmer.support.js"))(lunr);
require(path.join(modules, "lunr-languages", "lunr.fr.js"))(lunr);
global.window = {};
require(process.argv[2]);
const text = require("fs").readFileSync(0, "utf8");
process.stdout.write(JSON.stringify([window.rrmaAnalyser.terms(text), window.rrmaAnalyser.words(text).map((w) => w.term)]));
"""


def test_the_browser_analyser_splits_words_at_non_breaking_spaces() -> None:
    text = f"Pourquoi agir{NNBSP}? Attention{NBSP}: 1{NNBSP}939 projets"
    out = subprocess.run(["node", "-e", ANALYSE, str(REPO / "node_modules"), str(REPO / "overrides" / "assets" / "javascripts" / "analyser.js")],
                         input=text, capture_output=True, text=True, check=True)
    terms, words = json.loads(out.stdout)
    assert terms == query_terms(text.replace(NNBSP, " ").replace(NBSP, " "))
    assert "agir" in words and "attent" in words and "939" in words


def test_a_preview_rebuild_typesets_a_changed_page_and_remembers_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    """In `make serve`, a page whose HTML is the same as at the last build gets the same text without being
    read again; a page changed in any character is read again (the key is the whole page)."""
    read = []
    edits = typography._edits
    monkeypatch.setattr(typography, "_edits", lambda html: read.append(html) or edits(html))
    unchanged = "<p>Pourquoi agir ? <code>a ? b</code></p>"
    changed = "<p>Attention : clôture le 15 juin</p>"
    preview = Typesetter(remember=True)
    assert [preview(unchanged), preview(changed)] == [typeset(unchanged), typeset(changed)]
    preview.next_build()
    read.clear()
    edited = changed.replace("15 juin", "16 juin à 10 h")
    shown = [preview(unchanged), preview(edited)]
    assert read == [edited]  # the changed page read again, the unchanged one not
    assert shown == [typeset(unchanged), typeset(edited)]
    assert preview(unchanged) == f"<p>Pourquoi agir{NNBSP}? <code>a ? b</code></p>"
