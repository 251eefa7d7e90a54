"""Natural queries on the repository's own content: the pages each must find; attachments on the test site."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml
from rrma.outputs.search import search_files

from tests.conftest import REPO, BuiltSite, build_site, copy_content

sys.path.insert(0, str(REPO / "scripts"))
from relevance import NATURAL  # noqa: E402


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's content alone, built: what its visitors search."""
    root = copy_content(tmp_path_factory.mktemp("depot"), site=True)
    build_site(root)
    return root / "site"


def _found(site: Path, query: str) -> list[tuple[str, str, str]]:
    """(address, type shown, title) of the results search.js lists, best first."""
    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    docs = [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"]) for row in json.loads(read(f"recherche/docs-{n // manifest['docsPerChunk']}.json"))]
    refs, _ = search_files(read, query)
    return [(docs[int(r)][0], docs[int(r)][1], docs[int(r)][2]) for r in refs]


@pytest.mark.parametrize(("query", "wanted"), NATURAL, ids=[q for q, _ in NATURAL])
def test_a_natural_query_finds_its_pages(repository: Path, query: str, wanted: list[str]) -> None:
    found = [url for url, _, _ in _found(repository, query)]
    assert set(wanted) <= set(found[:10]), found[:10]


def test_formations_finds_the_networks_that_train_and_no_false_hit(repository: Path) -> None:
    found = _found(repository, "formations")
    urls = [url for url, _, _ in found]
    # every network whose mission « Accompagnement » reads « Formation et appui-conseil des porteurs de projets »
    training = {f"reseaux/{p.stem}/" for p in (REPO / "networks").glob("*.yml")
                if "accompagnement" in (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("missions", [])}
    assert len(training) >= 2 and training <= set(urls)
    # and nothing else than pages of one item that say « formation » themselves: no listing, no page found
    # because a label (« Format ») or a card of another item holds the word
    for url in urls:
        assert re.fullmatch(r"(ressources|agenda|reseaux|appels-a-projets)/[a-z0-9-]+/", url), url
        page = (repository / url / "index.html").read_text(encoding="utf-8")
        article = re.sub(r"<[^>]+>", " ", page.split("<article", 1)[1].split("</article>", 1)[0])
        assert re.search(r"\bformations?\b", article, re.IGNORECASE), url


def test_results_show_the_type_of_each_page(repository: Path) -> None:
    kinds = {url: kind for url, kind, _ in _found(repository, "monter un projet")}
    assert kinds["ressources/monter-un-projet/"] == "Fiche pratique"
    assert {kinds[u] for u in kinds if u.startswith("agenda/")} == {"Événement"}
    assert {kinds[u] for u in kinds if u.startswith("reseaux/")} == {"Réseau"}


def test_a_campaign_is_found_first_by_its_name_and_said_to_be_a_campaign(repository: Path, shared_site: BuiltSite) -> None:
    # before its events, whose titles name it too (« Festival ALIMENTERRE 2025 en Normandie »)
    assert _found(repository, "ALIMENTERRE")[0] == ("agenda/campagne/festival-alimenterre/", "Campagne", "Festival ALIMENTERRE")
    for query in ("Festival des Solidarités", "festival solidarites"):
        found = _found(shared_site.site, query)
        assert found[0] == ("agenda/campagne/festival-des-solidarites/", "Campagne", "Festival des Solidarités")
        assert sum(url.startswith("agenda/festival-des-solidarites-") for url, _, _ in found[1:6]) >= 3  # then its events


def test_a_resource_is_found_by_the_text_of_its_attached_pdf(shared_site: BuiltSite) -> None:
    # « Article 1 - Objet » is in the attached « Modèle de convention de partenariat.pdf », in no resource's text
    # (the accessibility statement says « fait l'objet d'un audit » in its own text)
    found = [url for url, _, _ in _found(shared_site.site, "objet")]
    assert "ressources/guide-partenariat-collectivites-associations/" in found
    assert [u for u in found if u.startswith("ressources/")] == ["ressources/guide-partenariat-collectivites-associations/"]
