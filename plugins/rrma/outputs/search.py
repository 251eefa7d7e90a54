"""The search index: built once here with lunr.py, read in the browser by lunr.js.

French analysis uses the pipeline functions of lunr-languages, re-created
under the same labels (``trimmer-fr``, ``stopWordFilter-fr``,
``accentFold-fr``, ``stemmer-fr``) so lunr.js, with lunr-languages loaded,
analyses a query exactly as this module analysed the documents: accents
folded first, then the Snowball French stemmer (PyStemmer, memoized: it is
most of lunr.py's build time). The stop-word list comes from the
``stop-words`` package, never from a download at run time.

Why shards: a visitor's first query must not download the whole index.
The full index is built once, then split by the first three letters of each
term; a query fetches only the shards of its terms. Term indices are global,
so a shard scores a term exactly as the whole index would. A shard is written
compact (each posting once: :func:`compact_shard`) and read back into lunr's
own index by search.js, exactly as lunr serialized it.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import Stemmer
from lunr import __TARGET_JS_VERSION__
from lunr.pipeline import Pipeline
from stop_words import get_stop_words

from ..core.typography import typeset_text

# Field weights: a word in a title outweighs one in the tags (type, themes, missions…),
# then the summary, then the body, then an attached document's text.
FIELDS = (("title", 20), ("tags", 6), ("summary", 4), ("body", 1), ("files", 0.5))
SNIPPET_CHARS = 600
DOCS_PER_CHUNK = 1  # results are spread over the whole corpus: a shown result costs its own text only
FUZZY_MIN_LETTERS = 5  # a word this long, not in the index, is searched with one letter wrong, missing or doubled
PREFETCH_LIMIT = 2_000_000  # bytes: below this, the browser fetches the whole index after a first answer
PREFETCH_DOCS = "recherche/docs-all.json"  # then every result's text at once (search.js: prefetch)
PREFETCH_SHARDS = "recherche/shards-all.json"  # and every shard of both tiers in one file

# lunr-languages' French word characters (lunr.fr.wordCharacters), as a regex class.
_WORD = (
    "0-9A-Za-z\xaa\xba\xc0-\xd6\xd8-\xf6\xf8-\u02b8\u02e0-\u02e4\u1d00-\u1d25\u1d2c-\u1d5c\u1d62-\u1d65\u1d6b-\u1d77"
    "\u1d79-\u1dbe\u1e00-\u1eff\u2071\u207f\u2090-\u209c\u212a\u212b\u2132\u214e\u2160-\u2188\u2c60-\u2c7f"
    "\ua722-\ua787\ua78b-\ua7ad\ua7b0-\ua7b7\ua7f7-\ua7ff\uab30-\uab5a\uab5c-\uab64\ufb00-\ufb06\uff21-\uff3a\uff41-\uff5a"
)
_TRIM_START = re.compile(f"^[^{_WORD}]+")
_TRIM_END = re.compile(f"[^{_WORD}]+$")
_FOLD = str.maketrans({
    **dict.fromkeys("\u00e0\u00e1\u00e2\u00e4\u00c0\u00c1\u00c2\u00c4", "a"), **dict.fromkeys("\u00e7\u00c7", "c"),
    **dict.fromkeys("\u00e9\u00e8\u00ea\u00eb\u00c9\u00c8\u00ca\u00cb", "e"), **dict.fromkeys("\u00ee\u00ef\u00ce\u00cf", "i"),
    **dict.fromkeys("\u00f4\u00f6\u00d4\u00d6", "o"), **dict.fromkeys("\u00f9\u00fb\u00fc\u00d9\u00db\u00dc", "u"),
    **dict.fromkeys("\u0178\u00ff", "y"), "\u00e6": "ae", "\u00c6": "ae", "\u0153": "oe", "\u0152": "oe",
})
_STEMMER = Stemmer.Stemmer("french")
STOP_WORDS = frozenset(get_stop_words("french"))


def trim(term: str) -> str:
    return _TRIM_END.sub("", _TRIM_START.sub("", term))


def fold(term: str) -> str:
    return term.translate(_FOLD)


@lru_cache(maxsize=200_000)
def stem(term: str) -> str:
    return _STEMMER.stemWord(term)


def _trimmer(token: Any, i: int | None = None, tokens: Any = None) -> Any:
    # lunr.js drops a token that becomes empty; lunr.py would index "": drop it here too.
    return token.update(lambda s, metadata=None: trim(s)) if trim(str(token)) else None


def _stop_word_filter(token: Any, i: int | None = None, tokens: Any = None) -> Any:
    term = str(token)
    return None if term in STOP_WORDS or len(term) < 2 else token


# French elisions (l'eau, d'Orléans, qu'elle) split into two words, in both
# languages: search.js sets lunr.tokenizer.separator to the same characters.
def split_elisions(text: str) -> str:
    return text.replace("'", " ").replace("\u2019", " ")


def _accent_fold(token: Any, i: int | None = None, tokens: Any = None) -> Any:
    return token.update(lambda s, metadata=None: fold(s))


def _stemmer(token: Any, i: int | None = None, tokens: Any = None) -> Any:
    return token.update(lambda s, metadata=None: stem(s))


for _fn, _label in ((_trimmer, "trimmer-fr"), (_stop_word_filter, "stopWordFilter-fr"), (_accent_fold, "accentFold-fr"), (_stemmer, "stemmer-fr")):
    if _label not in Pipeline.registered_functions:
        Pipeline.register_function(_fn, _label)


# lunr's tokenizer separators: JavaScript's \s (the non-breaking spaces U+00A0 and U+202F of French
# typography among them, see rrma.core.typography) and the hyphen.
_SEPARATORS = re.compile("[ \t\n\r\f\v\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")


def _words(text: str) -> list[str]:
    """Lower-cased words, split as lunr's tokenizer splits them (elisions too, see split_elisions)."""
    return [w for w in _SEPARATORS.split(split_elisions(text).lower()) if w]


@lru_cache(maxsize=200_000)
def _term(word: str, skip_stop_words: bool = True) -> str | None:
    """One word through the French pipeline, as lunr runs it: trimmer, stop words, accents, stemmer."""
    trimmed = trim(word)
    if not trimmed or (skip_stop_words and (trimmed in STOP_WORDS or len(trimmed) < 2)):
        return None
    return stem(fold(trimmed))


def index_terms(text: str) -> list[str]:
    """The terms lunr's builder pipeline makes of a text.

    Done here, a word at a time and memoized, instead of token by token through
    lunr.py's tokenizer and pipeline: same terms, a fraction of the time.
    """
    return [t for t in map(_term, _words(text)) if t is not None]


def query_terms(text: str, *, skip_stop_words: bool = False) -> list[str]:
    """What lunr.js's search pipeline makes of a query (search.js skips stop words first)."""
    terms = (_term(w, skip_stop_words) for w in _words(text))
    return [t for t in terms if t is not None]



@dataclass
class SearchDoc:
    """One searchable page."""

    url: str
    kind: str  # ressource, evenement, reseau, campagne, page
    title: str
    summary: str = ""
    body: str = ""
    tags: list[str] = field(default_factory=list)
    date: str | None = None  # shown with the result (already formatted in French)
    facets: dict[str, list[str]] = field(default_factory=dict)  # theme, region, network → ids
    label: str = ""  # shown with the result: « Fiche pratique », « Événement », « Réseau »
    files: str = ""  # text of the attached documents


def shard_key(term: str) -> str:
    """Terms are grouped by their first three letters (search.js: shardOf)."""
    return term[:3]


# The two tiers of the index. A query reads the first one; it reads the second only when the first
# gives fewer than a page of results with all its words (search.js: run), so that the postings of a
# word found in most bodies never weigh on a first query, and none is dropped.
# Postings per shard, roughly: a first query fetches one or two small shards of the first tier.
TIERS = (("index", ("title", "tags", "summary"), 400), ("body", ("body", "files"), 1_500))
PAGE = 10  # results on a page (search.js: PAGE)


def build(docs: list[SearchDoc], facet_labels: dict[str, dict[str, str]]) -> dict[str, str]:
    """Every file of the search, by path under ``recherche/``."""
    index = lunr_index([[index_terms(doc.title), index_terms(" ".join(doc.tags)), index_terms(doc.summary),
                         index_terms(doc.body), index_terms(doc.files)] for doc in docs], FIELDS, SEARCH_PIPELINE)
    files: dict[str, str] = {}
    tiers: dict[str, list[str]] = {}
    total = 0
    made = {name: (_tier_shards(index, fields, target), fields) for name, fields, target in TIERS}
    written: dict[str, Any] = {}  # each shard's data, by its name (index-0…)
    body_terms: dict[str, list[str]] = defaultdict(list)  # the second tier's terms, by prefix
    for shard in made["body"][0]:
        for term, _ in shard["inverted"]:
            body_terms[shard_key(term)].append(term)
    for name, (shards, fields) in made.items():
        tiers[name] = [" ".join(sorted({shard_key(term) for term, _ in shard["inverted"]})) for shard in shards]
        for number, shard in enumerate(shards):
            data = compact_shard(shard, fields)
            if name == "index":
                data["more"] = more_terms(shard, body_terms)
            files[f"recherche/{name}-{number}.json"] = _json(data)
            written[f"{name}-{number}"] = data
            total += len(files[f"recherche/{name}-{number}.json"])
    # a result's title and excerpt, shown on the search page, with French non-breaking spaces as the pages have them
    rows = [[d.url, d.label or d.kind, typeset_text(d.title), d.date or "", typeset_text((d.summary + " " + d.body).strip()[:SNIPPET_CHARS])]
            for d in docs]
    for number in range(max(1, -(-len(rows) // DOCS_PER_CHUNK))):
        files[f"recherche/docs-{number}.json"] = _json(rows[number * DOCS_PER_CHUNK : (number + 1) * DOCS_PER_CHUNK])
    # What the idle prefetch reads to keep the search working offline: every result's text, then every
    # shard, each in one file instead of one request per result or per shard (hundreds on the
    # repository's content): a query that comes meanwhile waits behind two downloads, not hundreds.
    every_text = _json(rows)
    prefetch = total + len(every_text) <= PREFETCH_LIMIT
    if prefetch:
        files[PREFETCH_DOCS] = every_text
        files[PREFETCH_SHARDS] = _json(written)
    # Filters need every document's facets at the first query: values are numbered, so
    # each document costs a few digits instead of a few identifiers.
    kinds = sorted({d.kind for d in docs})
    facets: dict[str, Any] = {}
    for name in sorted(facet_labels):
        values = sorted({v for d in docs for v in d.facets.get(name, [])})
        number = {v: i for i, v in enumerate(values)}
        facets[name] = {"values": values, "docs": [[number[v] for v in d.facets.get(name, [])] for d in docs]}
    # Loaded only when a filter is used: a plain first query does not pay for it.
    files["recherche/facets.json"] = _json({"kindNames": kinds, "kinds": [kinds.index(d.kind) for d in docs], "facets": facets})
    files["recherche/manifest.json"] = _json({
        # each tier's shards, as the prefixes (shard_key) of the terms each holds
        "shards": tiers,
        "shardCount": len(tiers["index"]),
        "prefetch": prefetch,
        "docsPerChunk": DOCS_PER_CHUNK,
        "docCount": len(docs),
        # never indexed: a query skips them instead of fetching a shard for nothing
        "stopWords": sorted(STOP_WORDS),
        "fuzzyMinLetters": FUZZY_MIN_LETTERS,
        "page": PAGE,
    })
    # The analysis's own data, for the other scripts that match words as the search does (analyser.js:
    # the library's text box): small, and the same whatever the corpus.
    files["recherche/analyse.json"] = _json({"stopWords": sorted(STOP_WORDS)})
    return files


SEARCH_PIPELINE = ("trimmer-fr", "accentFold-fr", "stemmer-fr")  # what lunr.js runs on a query
K1, B = 1.2, 0.75  # lunr's BM25 parameters (its defaults)


def lunr_index(docs: list[list[list[str]]], fields: tuple[tuple[str, int], ...], pipeline: tuple[str, ...]) -> dict[str, Any]:
    """The serialized lunr index of documents already analysed into terms.

    ``docs[n][f]`` is the list of terms of field ``f`` of document ``n``, whose
    reference is ``str(n)``. The result is what lunr.py's ``Builder`` (add each
    document, ``build().serialize()``) returns, key order and float rounding
    included — tests compare the two — computed directly: the builder copies
    metadata for every token and builds a token set that is never serialized,
    which made it most of the time spent on the search index.
    """
    names = [name for name, _ in fields]
    inverted: dict[str, dict[str, Any]] = {}
    frequencies: list[tuple[str, str, dict[str, int], int]] = []  # field name, ref, term → count, field length
    total_length = dict.fromkeys(names, 0)
    for number, terms_by_field in enumerate(docs):
        ref = str(number)
        for name, terms in zip(names, terms_by_field):
            counts: dict[str, int] = {}
            for term in terms:
                term = term.lower()  # as lunr's tokenizer does to a list of strings
                counts[term] = counts.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = inverted[term] = {n: {} for n in names}
                    posting["_index"] = len(inverted) - 1
                posting[name].setdefault(ref, {})
            frequencies.append((name, ref, counts, len(terms)))
            total_length[name] += len(terms)
    average = {name: total_length[name] / len(docs) for name in names} if docs else {}
    boosts = dict(fields)
    count = len(docs)
    idf: dict[str, float] = {}
    vectors = []
    for name, ref, counts, length in frequencies:
        vector: list[tuple[int, float]] = []
        for term, tf in counts.items():
            if term not in idf:
                posting = inverted[term]
                with_term = sum(len(posting[n]) for n in names)  # a document counts once per field, as in lunr
                idf[term] = math.log(1 + abs((count - with_term + 0.5) / (with_term + 0.5)))
            score = idf[term] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average[name])) + tf)
            score *= boosts[name]
            vector.append((inverted[term]["_index"], round(score, 3)))
        vector.sort()
        vectors.append([f"{name}/{ref}", [x for pair in vector for x in pair]])
    return {"version": __TARGET_JS_VERSION__, "fields": names, "fieldVectors": vectors,
            "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)], "pipeline": list(pipeline)}


def _tier_shards(index: dict[str, Any], fields: tuple[str, ...], target: int) -> list[dict[str, Any]]:
    """The postings and field vectors of ``fields``, split by term prefix (shard_key) into shards
    of about ``target`` postings, in alphabetical order. Term indices stay those of the whole
    index, so a shard scores a term exactly as the whole index would."""
    weight: dict[str, int] = defaultdict(int)
    for term, posting in index["invertedIndex"]:
        held = sum(len(posting[f]) for f in fields)
        if held:
            weight[shard_key(term)] += held + 1
    shard_of: dict[str, int] = {}
    current, size = 0, 0
    for prefix in sorted(weight):
        if size and size + weight[prefix] > target:
            current, size = current + 1, 0
        shard_of[prefix] = current
        size += weight[prefix]
    shards: list[dict[str, Any]] = [{"inverted": [], "vectors": defaultdict(list)} for _ in range(current + 1 if weight else 0)]
    term_shard: dict[int, int] = {}
    for term, posting in index["invertedIndex"]:
        number = shard_of.get(shard_key(term))
        if number is None or not any(posting[f] for f in fields):
            continue
        shards[number]["inverted"].append([term, {**{f: posting[f] for f in fields}, "_index": posting["_index"]}])
        term_shard[posting["_index"]] = number
    for field_ref, vector in index["fieldVectors"]:
        if field_ref.split("/", 1)[0] not in fields:
            continue
        for position in range(0, len(vector), 2):
            term_index, score = vector[position], vector[position + 1]
            shards[term_shard[term_index]]["vectors"][field_ref] += [term_index, score]  # rounded by lunr_index
    return shards


def more_terms(shard: dict[str, Any], body_terms: dict[str, list[str]]) -> list[str]:
    """The second tier's terms of a first-tier shard's prefixes that the shard does not hold.

    Why: a query word that is in no title, tag or summary is either in a body or a typo; with this
    list, the first shard read says which, so the body shard is fetched only when it holds the
    word, and a typo's neighbours are asked at once instead of after a body shard that cannot
    have it (search.js: bodyKnows)."""
    held = {term for term, _ in shard["inverted"]}
    prefixes = sorted({shard_key(term) for term in held})
    return sorted(term for prefix in prefixes for term in body_terms.get(prefix, ()) if term not in held)


SCORE_SCALE = 1000  # lunr_index rounds scores to three decimals: as integers, exactly the same


def compact_shard(shard: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """A shard as it is written: each term with its number and, field by field, the documents that
    have it (the difference from the previous one) and its score in each (× SCORE_SCALE).

    Why not lunr's own serialization: it says every posting twice, once in the inverted index
    (« "1234":{} ») and once in a field vector (« ["title/1234",[17,4.567]] »), four times the
    bytes for a word in thousands of documents. Nothing is lost: :func:`expand_shard` (and
    search.js: expand) gives back lunr's, the same postings and scores."""
    scores: dict[tuple[str, int], float] = {}
    for field_ref, vector in shard["vectors"].items():
        for position in range(0, len(vector), 2):
            scores[field_ref, vector[position]] = vector[position + 1]
    postings = []
    for term, posting in shard["inverted"]:
        row: list[Any] = [term, posting["_index"]]
        for name in fields:
            refs = sorted(map(int, posting[name]))
            row.append([b - a for a, b in zip([0, *refs], refs)])
            row.append([round(scores[f"{name}/{ref}", posting["_index"]] * SCORE_SCALE) for ref in refs])
        postings.append(row)
    return {"fields": list(fields), "postings": postings}


def expand_shard(data: dict[str, Any]) -> dict[str, Any]:
    """lunr's serialized index of a shard written by :func:`compact_shard` (search.js: expand)."""
    inverted = []
    vectors: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for term, number, *per_field in data["postings"]:
        posting: dict[str, Any] = {}
        for position, name in enumerate(data["fields"]):
            ref, postings = 0, {}
            for delta, score in zip(per_field[2 * position], per_field[2 * position + 1]):
                ref += delta
                postings[str(ref)] = {}
                vectors[f"{name}/{ref}"].append((number, score / SCORE_SCALE))
            posting[name] = postings
        posting["_index"] = number
        inverted.append([term, posting])
    return {"version": __TARGET_JS_VERSION__, "fields": data["fields"], "pipeline": list(SEARCH_PIPELINE), "invertedIndex": inverted,
            "fieldVectors": [[ref, [x for pair in sorted(pairs) for x in pair]] for ref, pairs in sorted(vectors.items())]}


def query_words(text: str) -> list[tuple[str, str]]:
    """A query's words, as search.js reads them: stop words skipped, each word trimmed and
    folded, with its term (stemmed); a term once."""
    words: dict[str, str] = {}
    for raw in _words(text):
        trimmed = trim(raw)
        if not trimmed or trimmed in STOP_WORDS or len(trimmed) < 2:
            continue
        word = fold(trimmed)
        words.setdefault(stem(word), word)
    return [(word, term) for term, word in words.items() if term]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def typo_terms(word: str, shard_of: Container[str]) -> list[str]:
    """The terms of the words one letter away from ``word`` (a letter too many, swapped, and, after
    the third, wrong or missing), each through the stemmer, that some shard may hold.

    Why on the word and not on its term: a typo can defeat the stemmer (« hommess » is not
    stemmed as « hommes »). Why not a wrong or missing letter among the first three: the shard
    a term is in is named by them, and 52 more shards per letter is too much to fetch for a typo.
    search.js does the same (neighbours)."""
    found: set[str] = set()
    for i in range(len(word) + 1):
        if i < len(word):
            found.add(word[:i] + word[i + 1:])
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2:])
        if i >= 3:
            for letter in _LETTERS:
                if i < len(word):
                    found.add(word[:i] + letter + word[i + 1:])
                found.add(word[:i] + letter + word[i:])
    found.discard(word)
    terms = {stem(w) for w in found if len(w) > 1}
    return sorted(t for t in terms if t and shard_key(t) in shard_of)


def shard_maps(manifest: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each tier's prefix → shard number, from the manifest (search.js: shardMaps)."""
    return {tier: {prefix: number for number, prefixes in enumerate(shards) for prefix in prefixes.split()}
            for tier, shards in manifest["shards"].items()}


def search_files(read: Callable[[str], str], query: str) -> tuple[list[str], list[str]]:
    """The documents search.js lists for a query, best first, found as it finds them: each word
    by itself in its own shard of the first tier (titles, tags, summaries), or, when it is in no
    tier and has five letters or more, the words one letter away that are (:func:`typo_terms`);
    the second tier (bodies, attached files) only when the first gives fewer than a page of
    documents with every word; then ranked by :func:`rank`. ``read`` returns a file of the
    search by its path (as :func:`build` names it). Also returns the shard files read, in the
    order they were. For tests and benchmarks."""
    from lunr.index import Index

    manifest = json.loads(read("recherche/manifest.json"))
    maps = shard_maps(manifest)
    known_prefixes = set().union(*maps.values())
    loaded: dict[str, Index] = {}
    more: dict[int, set[str]] = {}  # each first-tier shard read: its more_terms

    def shard(tier: str, term: str) -> Index | None:
        number = maps[tier].get(shard_key(term))
        if number is None:
            return None
        name = f"recherche/{tier}-{number}.json"
        if name not in loaded:
            data = json.loads(read(name))
            loaded[name] = Index.load(expand_shard(data))
            if tier == "index":
                more[number] = set(data.get("more", ()))
        return loaded[name]

    def held(tier: str, term: str) -> bool:
        index = shard(tier, term)
        return index is not None and term in index.inverted_index

    def body_knows(term: str) -> bool:
        # what the first tier's shard of the term says of the second (more_terms); without one, the body shard
        number = maps["index"].get(shard_key(term))
        if number is None:
            return held("body", term)
        shard("index", term)
        return term in more[number]

    words = query_words(query)
    asked: list[tuple[str, str, float]] = []  # query term, index term, boost
    for word, term in words:
        asked.append((term, term, 1))
        # a word only in bodies is no typo: the first tier's shard says whether the second has it
        if not held("index", term) and not body_knows(term) and len(word) >= manifest["fuzzyMinLetters"]:
            asked += [(term, t, 0.5) for t in typo_terms(word, known_prefixes)]
    hits: dict[str, Hit] = {}

    def ask(tier: str) -> None:
        for word, term, boost in asked:
            if not held(tier, term):
                continue
            index = shard(tier, term)
            assert index is not None
            query_ = index.create_query()
            query_.term(term, use_pipeline=False, boost=boost)
            for found in index.query(query_):
                hit = hits.setdefault(found["ref"], Hit(found["ref"]))
                hit.score += found["score"]
                hit.words.add(word)
                if any("title" in fields for fields in found["match_data"].metadata.values()):
                    hit.in_title.add(word)

    ask("index")
    if sum(len(h.words) == len(words) for h in hits.values()) < manifest["page"]:
        ask("body")
    return rank(list(hits.values())), list(loaded)


@dataclass
class Hit:
    """A document found by a query: its score summed over the query's words, and which words."""

    ref: str
    score: float = 0.0
    words: set[str] = field(default_factory=set)
    in_title: set[str] = field(default_factory=set)


def rank(hits: list[Hit]) -> list[str]:
    """Documents by the number of the query's words they have, then the number of those in their
    title, then their score. Why not the score alone: a word in thousands of bodies can outweigh
    a rarer one, and a title that has every word of the query is what its visitor is looking for.
    Every word counts: none is dropped because it is common (search.js ranks the same way)."""
    hits = sorted(hits, key=lambda h: (-len(h.words), -len(h.in_title), -h.score, int(h.ref)))
    return [h.ref for h in hits]


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
