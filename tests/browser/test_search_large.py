"""The search of a large portal: words in most documents, titles first, a page of results shown in two steps, queries typed fast."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.browser.conftest import _Quiet, _Server
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def large_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("large") / "portail"


@pytest.fixture(scope="module")
def large_url(large_root: Path) -> Iterator[str]:
    root = large_root
    generate(root, resources=700, events=40, networks=6, seed=5)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=root, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _settled(page) -> str:
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    return page.locator(".rrma-status").inner_text()


def test_a_word_in_most_documents_lists_every_document_titles_first(page, large_url: str) -> None:
    page.goto(large_url + "/recherche/?q=projets")
    status = _settled(page)
    count = int(status.split()[0])
    # more than a page in titles, themes and summaries: the texts' shards are not read for a first page
    assert count > 10 and status.endswith(" dans les titres, thèmes et résumés pour «\u00a0projets\u00a0» (les 10 premiers sont affichés)."), status
    titles = page.locator(".rrma-hit__title").all_inner_texts()
    assert len(titles) == 10 and all("projet" in t.lower() for t in titles), titles  # the whole first page, titles first
    assert page.locator(".rrma-hits button").inner_text() == "Afficher 10 résultats de plus"
    page.locator(".rrma-hits button").click()
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length === 20")
    assert page.outside_requests == []


def test_every_word_of_a_title_counts_and_a_typo_is_forgiven(page, large_url: str, large_root: Path) -> None:
    titles = [yaml.safe_load(p.read_text(encoding="utf-8").split("---\n")[1])["title"] for p in sorted((large_root / "resources").glob("*.md"))]
    words = "observer la santé communautaire"
    count = sum(words in t for t in titles)
    assert 3 <= count < 10  # a few such titles among 700 resources with the same words in thousands of places
    for query in ("observer santé communautaire", "observer sante communautaire", "observer santés communautaires", "obsrever santé communautaire"):
        page.goto(large_url + "/recherche/?q=" + query)
        _settled(page)
        found = page.locator(".rrma-hit__title").all_inner_texts()
        assert all(words in t for t in found[:count]), (query, found)
        badges = page.locator(".rrma-hits .rrma-badge").all_inner_texts()
        assert "Ressource" not in badges and len(badges) == 10  # the resource's type, as on its page


def test_queries_typed_one_after_another_show_the_last_one(page, large_url: str) -> None:
    page.goto(large_url + "/recherche/")
    for query in ("eau", "jeunesse", "Madagascar", "santé"):  # each one starts before the last is shown
        page.fill("#rrma-search-q", query)
        page.locator("#rrma-search-q").dispatch_event("input")
    page.locator("#rrma-search-q").press("Enter")
    page.wait_for_function("document.querySelector('.rrma-status').textContent.includes('santé')")
    _settled(page)
    titles = page.locator(".rrma-hit__title").all_inner_texts()
    assert len(titles) == 10 and all("santé" in t.lower() for t in titles[:3]), titles
    assert "La recherche n'a pas pu être chargée" not in page.locator(".rrma-status").inner_text()


def test_the_browser_ranks_as_the_python_mirror(page, large_url: str, large_root: Path) -> None:
    """search.js scores documents from the shards' postings itself; search_files (search.py) asks lunr.py:
    the same first page, in the same order, for words in thousands of places, several words, a typo,
    a word found in the texts of the pages only."""
    import json

    from rrma.outputs.search import search_files

    site = large_root / "site"

    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    urls = [json.loads(read(f"recherche/docs-{n // manifest['docsPerChunk']}.json"))[n % manifest["docsPerChunk"]][0] for n in range(manifest["docCount"])]
    page.goto(large_url + "/recherche/")
    for query in ("projets", "observer santé communautaire", "obsrever santé communautaire", "coopération décentralisée", "eau", "formation jeunesse"):
        page.fill("#rrma-search-q", query)
        page.locator("#rrma-search-q").press("Enter")
        page.wait_for_function("q => document.querySelector('.rrma-status').textContent.includes('«\\u00a0' + q + '\\u00a0»')", arg=query)
        _settled(page)
        shown = [href.split("recherche/../", 1)[1] for href in page.locator(".rrma-hit__title a").evaluate_all("links => links.map(a => a.getAttribute('href'))")]
        refs, _ = search_files(read, query)
        assert len(shown) == min(10, len(refs)) and shown == [urls[int(r)] for r in refs[:10]], query
