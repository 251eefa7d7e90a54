"""Fast page rendering (rrma/frames.py) must give exactly the pages a full render gives."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from xml.etree.ElementTree import Element, SubElement

import pytest
from jinja2 import DictLoader, Environment
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from rrma.frames import Cards, Frames
from rrma.generated import Converter, GeneratedPage

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402

TRICKY = {
    # headings make a table of contents; markup and quotes in every field the frame fills in
    "titre-piege.md": '---\ntitle: "Eau & assainissement : « guide » <b>pratique</b> \\"v2\\""\nsummary: "Résumé avec <script>alert(1)</script> & des guillemets \\"doubles\\""\n'
                      "type: guide-methodologique\nnetworks: [reseau-00]\nthemes: [assainissement]\nsource_url: https://reseau.example.org/piege\n---\n## Première partie\n\nTexte.\n\n## Seconde partie\n\nSuite.\n",
    "sans-corps.md": "---\ntitle: Une ressource sans présentation\nsummary: Rien de plus.\ntype: fiche-pratique\nnetworks: [reseau-01]\nsource_url: https://reseau.example.org/vide\n---\n",
}


def _build(root: Path, site: str, *, fast: bool) -> str:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if not fast:
        config = config.replace("\n  - rrma\n", "\n  - rrma:\n      fast_pages: false\n")
        assert "fast_pages: false" in config
    (root / f"{site}.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-v", "-f", str(root / f"{site}.yml"), "-d", str(root / site)],
                            capture_output=True, text=True, cwd=root, timeout=300, env={"SOURCE_DATE_EPOCH": "1764028800", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("frames") / "portail"
    generate(root, resources=120, events=30, networks=4, seed=3)
    for name, text in TRICKY.items():
        (root / "resources" / name).write_text(text, encoding="utf-8")
    log = _build(root, "fast", fast=True)
    _build(root, "full", fast=False)
    return root, log


def test_fast_pages_are_byte_for_byte_the_full_render(two_builds: tuple[Path, str]) -> None:
    root, _ = two_builds
    fast = {p.relative_to(root / "fast"): p for p in (root / "fast").rglob("*") if p.is_file()}
    full = {p.relative_to(root / "full"): p for p in (root / "full").rglob("*") if p.is_file()}
    assert fast.keys() == full.keys()
    different = [str(path) for path in fast if fast[path].read_bytes() != full[path].read_bytes()]
    assert different == []
    tricky = (root / "fast" / "ressources" / "titre-piege" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in tricky and "&lt;script&gt;" in tricky
    assert 'href="#premiere-partie"' in tricky  # its own table of contents


def test_fast_path_is_used(two_builds: tuple[Path, str]) -> None:
    _, log = two_builds
    line = next(line for line in log.splitlines() if "generated pages:" in line)
    counts = ast.literal_eval(line.split("generated pages:", 1)[1].split(", reused")[0].strip())
    # only the few pages in the navigation (their footer links differ) are rendered in full
    assert counts["framed"] > 250 and counts.get("mismatch", 0) + counts.get("full", 0) <= 6
    markdown = ast.literal_eval(line.split("Markdown:", 1)[1].strip())
    assert markdown == {"shared": counts["framed"]}  # every framed page was converted by the one shared converter


# The safety net, on a theme whose frame depends on the page in a way the frame cannot know.
THEME = {
    "page.html": "<title>{{ page.title }}</title><head>{% include 'rrma/partials/head.html' %}</head>"
                 "<nav>{{ page.url }}</nav><main>{% include 'rrma/content/page.html' %}</main>{% include 'partials/toc.html' %}",
    "rrma/partials/head.html": "<meta name=d content='{{ page.meta.description }}'>",
    "rrma/content/page.html": "<h1>{{ page.title }}</h1>{{ rrma.text }}",
    "partials/toc.html": "<ul>{% for t in page.toc %}<li>{{ t }}</li>{% endfor %}</ul>",
    "partials/language.html": "",
    "rrma/partials/resource-card.html": "<li><a href='{{ base_url }}/{{ r.url }}'>{{ r.title }}</a></li>",
}


def _context(n: int, url: str) -> dict:
    file = SimpleNamespace(inclusion="not-in-nav")
    page = SimpleNamespace(title=f"Titre {n}", meta={"title": f"Titre {n}", "description": f"Résumé {n}"}, canonical_url=None,
                           toc=["a", "b"], url=url, file=file)
    return {"page": page, "base_url": "../..", "rrma": {"text": f"texte {n}"}}


def test_a_frame_that_depends_on_the_page_falls_back_to_full_renders() -> None:
    env = Environment(loader=DictLoader(THEME))
    frames = Frames(env)
    pages = [_context(n, f"ressources/r{n}/") for n in range(6)]
    outputs = [frames.render("page.html", c) for c in pages]
    assert outputs == [env.get_template("page.html").render(c) for c in pages]
    # the second page (every page has its own address) showed the difference: the rest were rendered in full
    assert frames.stats == {"framed": 1, "mismatch": 1, "full": 4}


def test_a_frame_fills_in_each_page_s_own_parts() -> None:
    theme = {**THEME, "page.html": THEME["page.html"].replace("<nav>{{ page.url }}</nav>", "<nav>menu</nav>")}
    env = Environment(loader=DictLoader(theme))
    frames = Frames(env)
    pages = [_context(n, f"ressources/r{n}/") for n in range(5)]
    outputs = [frames.render("page.html", c) for c in pages]
    assert outputs == [env.get_template("page.html").render(c) for c in pages]
    assert "<h1>Titre 4</h1>texte 4" in outputs[4] and "content='Résumé 4'" in outputs[4]
    assert frames.stats == {"framed": 5}


def test_cards_are_rendered_once_and_follow_the_page_depth() -> None:
    env = Environment(loader=DictLoader(THEME))
    cards = Cards(env)
    item = {"url": "ressources/guide/", "title": "Guide & co"}
    assert str(cards("resource", [item], "..")) == "<li><a href='../ressources/guide/'>Guide & co</a></li>"
    item["title"] = "changé"  # the same item again: its card is not rendered twice
    assert "Guide & co" in cards("resource", [item], "../..") and "'../../ressources/guide/'" in cards("resource", [item], "../..")


class _Numbering(Extension):
    """Numbers the documents its converter has seen: a state the converter's reset does not clear."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        seen = [0]

        class Number(Treeprocessor):
            def run(self, root: Element) -> None:
                seen[0] += 1
                SubElement(root, "p").text = f"document {seen[0]}"

        md.treeprocessors.register(Number(md), "numbering", 0)


def test_a_converter_that_keeps_state_between_pages_falls_back_to_standard_conversion(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = load_config(config_file=None, docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"), site_name="t")
    config["markdown_extensions"] = ["toc", _Numbering()]
    files = Files([])
    converter = Converter(config)
    pages = []
    for n in range(4):
        (tmp_path / "docs" / f"r{n}.md").write_text("", encoding="utf-8")
        file = File(f"r{n}.md", str(tmp_path / "docs"), str(tmp_path / "site"), True)
        files.append(file)
        pages.append(GeneratedPage(file, config, meta={"title": f"R{n}"}, body=f"# Titre {n}\n\nTexte {n}.", converter=converter))
    for page in pages:
        page.read_source(config)
        page.render(config, files)
    # each page as a fresh converter makes it: the second page showed the difference, later ones were converted the standard way
    assert [page.content.rsplit("<p>", 1)[1] for page in pages] == ["document 1</p>"] * 4
    assert converter.stats == {"shared": 2, "mismatch": 1, "standard": 2}
    assert not converter.enabled and pages[3].meta == {"title": "R3"} and pages[3].toc.items[0].id == "titre-3"
