"""The search of a large portal: words in most documents, a page of results shown in two steps, queries typed fast."""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from rrma.outputs.search import KEPT_POSTINGS

from tests.browser.conftest import _Quiet, _Server
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402


@pytest.fixture(scope="module")
def large_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("large") / "portail"
    generate(root, resources=KEPT_POSTINGS + 200, events=40, networks=6, seed=5)
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


def test_a_word_in_most_documents_shows_its_most_relevant_results(page, large_url: str) -> None:
    page.goto(large_url + "/recherche/?q=projets")
    status = _settled(page)
    assert status.startswith(f"Les {KEPT_POSTINGS} résultats les plus pertinents pour « projets »"), status
    assert page.locator(".rrma-hit__title").count() == 10  # the whole first page, not only its first screen
    assert page.locator(".rrma-hits button").inner_text() == "Afficher 10 résultats de plus"
    page.locator(".rrma-hits button").click()
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length === 20")
    assert page.outside_requests == []


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
