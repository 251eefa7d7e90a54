"""Relevance of the search: queries, the pages they must find, MRR@10 and hits@5.

Two sets of queries:

- known-item queries built from the synthetic corpus (scripts/generate_corpus.py): two or three
  words of a resource's title, as typed (exact), without accents, with a word in the plural, with
  one letter of a word wrong, missing or doubled (typo), and three words of a summary. A query's
  relevant pages are the resources and events whose title has all the words (as the French analysis makes
  them: « Études » is « étude »), the words as typed before any typo; for a summary query, the
  resources whose summary has them all;
- natural queries on the repository's own content, with the pages each must find.

Used by scripts/bench.py (the portal and Pagefind on the same built site) and by the tests.
"""

from __future__ import annotations

import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "plugins"))
from rrma.outputs.search import STOP_WORDS, fold, query_terms  # noqa: E402

# query → pages (paths under the site's root) it must find in its first ten results, on the
# repository's own content
NATURAL = [
    # the networks whose mission « Accompagnement » reads « Formation et appui-conseil des porteurs de projets »
    ("formations", [f"reseaux/{n}/" for n in ("centraider", "gescod", "horizons-solidaires", "lianes-cooperation", "occitanie-cooperation",
                                               "resacoop", "reseau-bretagne-solidaire", "so-cooperation")]),
    ("évaluation", ["charte/", "ressources/charte-des-rrma/"]),  # past the first 300 words of the charter
    ("fiche pratique", ["ressources/fiche-technique-financer-votre-projet/", "ressources/monter-un-projet/"]),  # their type
    ("solidarite internationnale", ["ressources/barometre-acteurs-csi-france/"]),  # no accent, a doubled letter
    ("monter un projet", ["ressources/monter-un-projet/"]),
    ("études de l'observatoire", ["ressources/barometre-acteurs-csi-france/", "ressources/enquete-covid-19-bourgogne-franche-comte/"]),
    ("définition d'Orléans", ["ressources/definition-d-orleans-2022/"]),
    ("citoyenneté mondiale", ["ressources/interfaces-7-citoyennete-mondiale-politique-de-la-ville/"]),
    ("ALIMENTERRE", ["agenda/campagne/festival-alimenterre/"]),  # the campaign's page, with its events
]

CLASSES = ("exact", "sans accents", "pluriel", "faute de frappe", "résumé")
# The figure: queries of two or three words of a title, as typed, without accents and in the
# plural (50 titles: 150 queries), one row of the table beside the classes.
GROUPS = {"titres (exact, sans accents, pluriel)": ("exact", "sans accents", "pluriel")}
TITLES, SUMMARIES = 50, 30  # titles (each gives a query of every title class) and summaries queried


@dataclass(frozen=True)
class Query:
    text: str
    kind: str  # one of CLASSES
    relevant: frozenset[str]  # page paths, e.g. "ressources/ressource-00012/"


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])


def _content_words(text: str) -> list[str]:
    words = [w.strip(".,;:!?()«»\"'’") for w in re.split(r"[\s']+", text.replace("’", "'"))]
    return [w for w in words if len(w) > 2 and w.lower() not in STOP_WORDS and not w.isdigit()]


def typo(word: str, rng: random.Random) -> str:
    """One letter wrong, missing or doubled, anywhere in the word."""
    i = rng.randrange(len(word))
    kind = rng.choice(("wrong", "missing", "doubled"))
    if kind == "missing":
        return word[:i] + word[i + 1:]
    if kind == "doubled":
        return word[:i] + word[i] + word[i:]
    letters = [c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i].lower()]
    return word[:i] + rng.choice(letters) + word[i + 1:]


def plural_of(word: str) -> str:
    """The French plural of a noun or adjective, by its common rules (« eau » → « eaux », « local » → « locaux »)."""
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith(("au", "eu")):
        return word + "x"
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word + "s"


def known_item_queries(portal: Path, count: int = TITLES, seed: int = 11, summaries_count: int = SUMMARIES) -> list[Query]:
    """``count`` queries of each title class and ``summaries_count`` of summaries, from the resources of a synthetic portal."""
    rng = random.Random(seed)
    titles: dict[str, set[str]] = defaultdict(set)
    summaries: dict[str, str] = {}
    for path in sorted((portal / "resources").glob("*.md")):
        meta = _front(path)
        url = f"ressources/{path.stem}/"
        titles[re.sub(r"\s*\(\d+\)$", "", meta["title"])].add(url)
        summaries[url] = meta["summary"]
    items = {url for urls in titles.values() for url in urls}  # the titles queries are made from: resources'
    for path in sorted((portal / "events").glob("*.md")):  # an event whose title has the words is as good a match
        titles[re.sub(r"\s*\(\d+\)$", "", _front(path)["title"])].add(f"agenda/{path.stem}/")
    title_terms = {url: set(query_terms(title, skip_stop_words=True)) for title, urls in titles.items() for url in urls}
    queries: list[Query] = []
    resource_titles = sorted(t for t, urls in titles.items() if urls & items)
    for title in rng.sample(resource_titles, min(count, len(resource_titles))):
        words = _content_words(title)
        picked = [words[i] for i in sorted(rng.sample(range(len(words)), min(len(words), rng.choice((2, 3)))))]
        wanted = set(query_terms(" ".join(picked), skip_stop_words=True))
        relevant = frozenset(u for u, t in title_terms.items() if wanted <= t)
        queries.append(Query(" ".join(picked), "exact", relevant))
        queries.append(Query(fold(" ".join(picked).lower()), "sans accents", relevant))
        nouns = [i for i, w in enumerate(picked) if not w.endswith(("er", "ir", "s", "x"))]  # not a verb's infinitive
        plural = rng.choice(nouns) if nouns else rng.randrange(len(picked))
        queries.append(Query(" ".join(plural_of(w) if i == plural else w for i, w in enumerate(picked)), "pluriel", relevant))
        long = [i for i, w in enumerate(picked) if len(w) >= 5] or [max(range(len(picked)), key=lambda i: len(picked[i]))]
        wrong = rng.choice(long)
        queries.append(Query(" ".join(typo(w, rng) if i == wrong else w for i, w in enumerate(picked)), "faute de frappe", relevant))
    terms_of = {url: set(query_terms(text, skip_stop_words=True)) for url, text in summaries.items()}
    for url in rng.sample(sorted(summaries), min(summaries_count, len(summaries))):
        words = _content_words(summaries[url])
        picked = [words[i] for i in sorted(rng.sample(range(len(words)), min(3, len(words))))]
        wanted = set(query_terms(" ".join(picked), skip_stop_words=True))
        queries.append(Query(" ".join(picked), "résumé", frozenset(u for u, t in terms_of.items() if wanted <= t)))
    return queries


def mrr_and_hits(results: list[list[str]], relevant: list[frozenset[str]]) -> tuple[float, int]:
    """MRR@10 (the mean of 1 / rank of the first relevant page in the first ten, else 0) and the
    number of queries with a relevant page in their first five."""
    reciprocal, hits = 0.0, 0
    for found, wanted in zip(results, relevant):
        rank = next((i for i, url in enumerate(found[:10], 1) if url in wanted), None)
        reciprocal += 1 / rank if rank else 0.0
        hits += bool(rank and rank <= 5)
    return (reciprocal / len(results) if results else 0.0), hits


def normalise(url: str, base: str) -> str:
    """A result's address as a page path under the site's root: « ressources/x/ »."""
    path = url.split("#")[0].split("?")[0]
    if path.startswith(base):
        path = path[len(base):]
    path = path.lstrip("/")
    return path.removesuffix("index.html")
