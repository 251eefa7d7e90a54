"""The search index: French analysis identical in Python and in the browser, ranking, shards."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from rrma.outputs.search import SearchDoc, build, query_terms, search_files

from tests.conftest import REPO

TRICKY = [
    "qu’elle", "l’éducation", "jusqu'à",
    "Éducation", "education", "formations", "formation", "évaluation", "Évaluations", "suivi-évaluation", "coopération",
    "COOPÉRATIONS", "égalité", "egalite", "collectivités", "œuvre", "cœur", "Noël", "naïveté", "forêt", "où", "l'eau",
    "d'Orléans", "aujourd'hui", "« guillemets »", "ODD", "2025", "e-mail", "méthodologiques", "réseaux", "régionaux",
]


def _corpus_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for folder in ("resources", "events", "networks", "taxonomies", "content")
                    for p in sorted((REPO / folder).glob("*.*")) if p.suffix in (".md", ".yml"))
    return sorted(set(re.findall(r"[^\s/|:,.;!?()\[\]{}<>\"`*#=]+", text)))


def test_python_and_browser_analyse_words_identically() -> None:
    words = TRICKY + _corpus_words()
    assert len(words) > 800
    result = subprocess.run(["node", str(Path(__file__).with_name("analyse.js")), str(REPO / "node_modules")],
                            input="\n".join(words), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    browser = json.loads(result.stdout)
    python = [" ".join(query_terms(w)) for w in words]
    mismatches = [(w, p, b) for w, p, b in zip(words, python, browser) if p != b]
    assert mismatches == []


def test_accents_case_and_plurals_meet() -> None:
    assert query_terms("Éducation") == query_terms("education")
    assert query_terms("formations") == query_terms("formation")
    assert query_terms("Évaluations") == query_terms("evaluation")
    assert query_terms("suivi-évaluation") == query_terms("suivi") + query_terms("évaluation")


DOCS = [
    SearchDoc("ressources/guide/", "ressource", "Guide de l'évaluation", "Mesurer les effets d'un projet.", "Le suivi des formations.", ["Suivi-évaluation"], "2024",
              {"theme": ["suivi-evaluation"], "region": ["84"], "reseau": ["resacoop"]}),
    SearchDoc("ressources/eau/", "ressource", "L'eau potable au village", "Un projet d'eau et d'assainissement.", "Rien sur l'évaluation ici ? Si : évaluation finale.", ["Eau"], None,
              {"theme": ["eau"], "region": ["53"], "reseau": ["reseau-bretagne-solidaire"]}),
    SearchDoc("agenda/formation/", "evenement", "Formation à la gestion de projet", "Deux jours à Lyon.", "", ["Formation"], "3 mars 2026",
              {"theme": ["gestion-de-projet"], "region": ["84"], "reseau": ["resacoop"]}),
]


def _search(files: dict[str, str], query: str) -> list[str]:
    """The pages search.js lists for a query, best first."""
    manifest = json.loads(files["recherche/manifest.json"])
    refs, _ = search_files(files.__getitem__, query)
    docs = [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"]) for row in json.loads(files[f"recherche/docs-{n // manifest['docsPerChunk']}.json"])]
    return [docs[int(ref)][0] for ref in refs]


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return build(DOCS, {"theme": {}, "region": {}, "reseau": {}})


def test_french_queries_find_their_documents(files: dict[str, str]) -> None:
    assert _search(files, "formations")[0] == "agenda/formation/"
    assert set(_search(files, "EVALUATION")) == {"ressources/guide/", "ressources/eau/"}
    assert _search(files, "l'eau") == ["ressources/eau/"]
    assert _search(files, "eau")[0] == "ressources/eau/"  # « l'eau » in the title was indexed as « eau »


def test_a_title_match_ranks_above_a_body_match(files: dict[str, str]) -> None:
    assert _search(files, "évaluation") == ["ressources/guide/", "ressources/eau/"]


def test_shards_split_terms_and_a_query_needs_only_its_own(tmp_path: Path) -> None:
    import random

    rng = random.Random(7)
    words = sorted({"".join(rng.choice("bcdfghjklmnpqrstvz") for _ in range(7)) for _ in range(3200)})[:3000]
    rng.shuffle(words)
    docs = [SearchDoc(f"ressources/r{i}/", "ressource", f"Titre {words[i]}", " ".join(words[(i * 13 + j) % 3000] for j in range(30))) for i in range(3000)]
    files = build(docs, {})
    manifest = json.loads(files["recherche/manifest.json"])
    assert manifest["shardCount"] > 3
    sizes = [len(files[f"recherche/index-{n}.json"]) for n in range(manifest["shardCount"])]
    assert max(sizes) < sum(sizes) / 2  # one query's shard is a fraction of the whole
    assert _search(files, words[42])[0] == "ressources/r42/"
    assert "labels" not in manifest and manifest["docCount"] == 3000  # the filters' lists are in the search page
    assert json.loads(files["recherche/facets.json"])["kindNames"] == ["ressource"]


def test_a_word_in_every_body_keeps_every_match_without_weighing_on_a_first_query() -> None:
    """Bodies and attached files are a second tier of shards, read only when titles, tags and
    summaries give fewer than a page of results with every word: no posting is dropped."""
    docs = [SearchDoc(f"ressources/r{i}/", "ressource", "Titre coopération" if i == 0 else f"Titre {i} partage",
                      "Coopération en résumé" if i in range(1, 12) else "", "coopération et partage " + ("rare" if i == 7 else ""))
            for i in range(400)]
    files = build(docs, {})
    found = _search(files, "coopération")
    assert found[0] == "ressources/r0/"  # the title first, then the summaries
    assert set(found[1:12]) == {f"ressources/r{i}/" for i in range(1, 12)}
    _, read = search_files(files.__getitem__, "coopération")
    assert all(name.startswith("recherche/index-") for name in read)  # a page of results without the bodies
    assert len(found) == 12
    # fewer than a page of results in the first tier: the bodies are read, every match is there
    found = _search(files, "coopération partage")
    assert len(found) == 400 and found[0] in {f"ressources/r{i}/" for i in range(1, 12)}  # both words outside the body
    assert _search(files, "rare") == ["ressources/r7/"]
    _, read = search_files(files.__getitem__, "rare")
    assert any(name.startswith("recherche/body-") for name in read)


def test_queries_skip_stop_words_the_index_never_holds(files: dict[str, str]) -> None:
    manifest = json.loads(files["recherche/manifest.json"])
    assert {"de", "la", "les"} <= set(manifest["stopWords"])
    assert query_terms("évaluation des projets", skip_stop_words=True) == query_terms("évaluation projets")


def _builder_index(docs: list[list[list[str]]], fields: tuple[tuple[str, int], ...], pipeline: tuple[str, ...]) -> dict:
    """The same index made by lunr.py's own builder: the reference lunr_index must match."""
    from lunr import get_default_builder
    from lunr.pipeline import Pipeline
    builder = get_default_builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.search_pipeline.add(*(Pipeline.registered_functions[n] for n in pipeline))
    builder.ref("i")
    for name, boost in fields:
        builder.field(name, boost=boost)
    for number, terms in enumerate(docs):
        builder.add({"i": str(number), **{name: field for (name, _), field in zip(fields, terms)}})
    return builder.build().serialize()


def test_the_index_is_the_one_lunr_builds() -> None:
    """Same terms, term numbers, postings, BM25 scores and key order as lunr.py's Builder, on varied documents:
    repeated terms, empty fields, a term in several fields of one document, documents of very different lengths."""
    import random

    from rrma.outputs.search import FIELDS, SEARCH_PIPELINE, index_terms, lunr_index
    rng = random.Random(4)
    words = _corpus_words()
    docs = [[index_terms(d.title), index_terms(" ".join(d.tags)), index_terms(d.summary), index_terms(d.body), []] for d in DOCS]
    for _ in range(300):
        docs.append([index_terms(" ".join(rng.choices(words, k=rng.choice([0, 1, 4, 12])))) for _ in FIELDS[:3]]
                    + [index_terms(" ".join(rng.choices(words, k=rng.choice([0, 30, 300])))) for _ in FIELDS[3:]])
    docs.append([["eau", "eau", "eau"], ["eau"], [], ["eau"] * 50, ["eau"]])
    ours = lunr_index(docs, FIELDS, SEARCH_PIPELINE)
    assert len(ours["invertedIndex"]) > 500
    assert json.dumps(ours, ensure_ascii=False) == json.dumps(_builder_index(docs, FIELDS, SEARCH_PIPELINE), ensure_ascii=False)


def _synthetic(count: int, seed: int = 3) -> list[SearchDoc]:
    """Many documents made of a small vocabulary, as in the benchmark's corpus: every word is in
    thousands of them, in titles and bodies alike."""
    import random

    sys_path = str(REPO / "scripts")
    import sys
    if sys_path not in sys.path:
        sys.path.insert(0, sys_path)
    from generate_corpus import OBJECTS, TITLE_HEADS, VERBS, paragraph
    rng = random.Random(seed)
    return [SearchDoc(f"ressources/r{i}/", "ressource", f"{rng.choice(TITLE_HEADS)} : {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({i})",
                      paragraph(rng, 2)[:290], paragraph(rng, 8), ["Fiche pratique"], label="Fiche pratique") for i in range(count)]


@pytest.fixture(scope="module")
def large() -> tuple[list[SearchDoc], dict[str, str]]:
    docs = _synthetic(10_000)
    return docs, build(docs, {})


@pytest.mark.parametrize("query", ["étude observer santé", "etude observer sante", "Études : observer la santé", "observer santé communautaire"])
def test_at_10000_documents_titles_with_every_word_come_first(large: tuple[list[SearchDoc], dict[str, str]], query: str) -> None:
    docs, files = large
    found = _search(files, query)
    words = set(query_terms(query, skip_stop_words=True))
    titled = [d.url for d in docs if words <= set(query_terms(d.title))]
    assert len(titled) > 10
    assert set(found[:10]) <= set(titled), [d.title for d in docs if d.url in found[:10]]
    # and nothing is left out: every document with one of the words in its title, tags or summary is listed
    with_any = {d.url for d in docs if words & set(query_terms(f"{d.title} {d.summary}"))}
    assert with_any <= set(found)


def test_a_common_word_still_counts_beside_a_rare_one(large: tuple[list[SearchDoc], dict[str, str]]) -> None:
    docs, files = large
    assert _search(files, "santé 1827")[0] == "ressources/r1827/"
    assert _search(files, "1827 évaluer")[0] == "ressources/r1827/"


def test_the_whole_text_of_a_page_is_searchable() -> None:
    body = " ".join(["Le texte de la charte."] * 400) + " La démarche d'évaluation partagée."
    files = build([SearchDoc("charte/", "page", "La charte", "", body, label="Page"), *DOCS[1:]], {})
    assert _search(files, "démarche")[0] == "charte/"


def test_results_say_what_each_document_is(files: dict[str, str]) -> None:
    def kinds(files: dict[str, str], count: int) -> list[str]:
        return [d[1] for n in range(count) for d in json.loads(files[f"recherche/docs-{n}.json"])]

    assert kinds(files, 3) == ["ressource", "ressource", "evenement"]  # no label given: the kind
    labelled = build([SearchDoc("r/", "ressource", "Monter un projet", label="Fiche pratique"), SearchDoc("e/", "evenement", "Forum", label="Événement")], {})
    assert kinds(labelled, 2) == ["Fiche pratique", "Événement"]


TYPO_DOCS = [
    SearchDoc("a/", "ressource", "La solidarité internationale en Bretagne", "", ""),
    SearchDoc("b/", "ressource", "Le poste de coordination", "", "Un poste à pourvoir."),
    SearchDoc("c/", "ressource", "La porte ouverte", "", ""),
    SearchDoc("d/", "ressource", "Jardins partagés", "", "Des formations internationales."),
]


@pytest.mark.parametrize("query", ["solidarite internationnale", "solidarité internatonale", "solidarite internazionale", "solidaritée internationale",
                                   "solidarité intrenationale", "soldarité internationale"])
def test_one_letter_wrong_missing_or_doubled_still_finds_the_word(query: str) -> None:
    assert _search(build(TYPO_DOCS, {}), query)[0] == "a/"


def test_a_word_in_the_index_is_not_searched_with_a_typo() -> None:
    files = build(TYPO_DOCS, {})
    assert _search(files, "poste") == ["b/"]  # « porte » is one letter away, but « poste » is in the index
    assert _search(files, "internationale") == ["a/", "d/"]  # exact in a title first, then the body
    assert _search(files, "posye")[0] == "b/"
    # the known limit: the index is split by a term's first three letters, a typo there is not corrected
    assert _search(files, "poxte") == []
    assert _search(files, "pote") == []  # four letters: too short to guess
    assert _search(files, "hommess") == [] and _search(build([*TYPO_DOCS, SearchDoc("e/", "ressource", "Femmes et hommes")], {}), "hommess") == ["e/"]


def test_a_typo_is_told_from_a_word_of_the_bodies_by_the_first_shard_read() -> None:
    """Each first-tier shard lists the second tier's terms of its prefixes that it does not hold:
    a word in no title, tag or summary is looked for in the bodies only if they have it, and a
    typo's neighbours are asked at once, without a body shard read for nothing."""
    docs = [SearchDoc(f"r{i}/", "ressource", f"Solidarité internationale {i}", "", "Un texte interne sur la solidarité.") for i in range(12)]
    files = build(docs, {})
    manifest = json.loads(files["recherche/manifest.json"])
    body_terms = {t for n in range(len(manifest["shards"]["body"])) for t, *_ in json.loads(files[f"recherche/body-{n}.json"])["postings"]}
    for number, prefixes in enumerate(manifest["shards"]["index"]):
        shard = json.loads(files[f"recherche/index-{number}.json"])
        held = {t for t, *_ in shard["postings"]}
        assert shard["more"] == sorted(t for t in body_terms - held if t[:3] in prefixes.split())
    assert "intern" in json.loads(files[f"recherche/index-{next(n for n, p in enumerate(manifest['shards']['index']) if 'int' in p.split())}.json"])["more"]
    found, read = search_files(files.__getitem__, "solidarite internationnale")
    assert len(found) == 12 and all(name.startswith("recherche/index-") for name in read), read
    found, read = search_files(files.__getitem__, "interne")  # only in the bodies: read there
    assert len(found) == 12 and any(name.startswith("recherche/body-") for name in read)


def test_a_small_index_is_prefetched_in_two_files() -> None:
    """After a first answer, a small site's search is fetched whole for offline use: every result's
    text in one file, every shard of both tiers in another, each shard as its own file has it."""
    files = build(DOCS, {})
    assert json.loads(files["recherche/manifest.json"])["prefetch"] is True
    every = json.loads(files["recherche/shards-all.json"])
    shards = {name.removeprefix("recherche/").removesuffix(".json") for name in files if re.fullmatch(r"recherche/(index|body)-\d+\.json", name)}
    assert set(every) == shards and all(every[name] == json.loads(files[f"recherche/{name}.json"]) for name in shards)
    assert len(json.loads(files["recherche/docs-all.json"])) == len(DOCS)


def test_shards_are_written_compact_and_read_back_as_lunr_wrote_them() -> None:
    """A shard on disk says each posting once (documents as differences, scores as integers): read
    back, it is lunr's serialized index of that shard, the same postings and scores to the last digit."""
    from rrma.outputs.search import FIELDS, SEARCH_PIPELINE, TIERS, _tier_shards, compact_shard, expand_shard, index_terms, lunr_index

    docs = _synthetic(1500)
    index = lunr_index([[index_terms(d.title), index_terms(" ".join(d.tags)), index_terms(d.summary), index_terms(d.body), index_terms(d.files)]
                        for d in docs], FIELDS, SEARCH_PIPELINE)
    lunr_bytes = compact_bytes = 0
    for _, fields, target in TIERS:
        for shard in _tier_shards(index, fields, target):
            as_lunr = {"version": index["version"], "fields": list(fields), "pipeline": index["pipeline"],
                       "invertedIndex": shard["inverted"], "fieldVectors": sorted(shard["vectors"].items())}
            written = json.dumps(compact_shard(shard, fields), separators=(",", ":"))
            assert json.dumps(expand_shard(json.loads(written))) == json.dumps(as_lunr)
            lunr_bytes += len(json.dumps(as_lunr, separators=(",", ":")))
            compact_bytes += len(written)
    assert compact_bytes < lunr_bytes / 3
