"""« Vouliez-vous dire … ? » suggestions for unknown names."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable


def fold(text: str) -> str:
    """Lower-case, accent-free form used to compare what an editor typed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def closest(word: str, candidates: Iterable[str], *, labels: dict[str, str] | None = None) -> str | None:
    """The candidate closest to ``word``, or None when nothing is close enough.

    ``labels`` maps a candidate to its human label, so « Éducation » finds the
    id ``education`` and « eau et assainissement » finds ``eau-assainissement``.
    """
    pool: dict[str, str] = {}
    for candidate in candidates:
        pool.setdefault(fold(candidate), candidate)
        if labels and candidate in labels:
            pool.setdefault(fold(labels[candidate]), candidate)
    key = fold(word).replace(" ", "-").replace("_", "-")
    for probe in (key, fold(word)):
        if probe in pool:
            return pool[probe]
    matches = difflib.get_close_matches(key, list(pool), n=1, cutoff=0.6)
    if matches:
        return pool[matches[0]]
    # « guide » → « guide-methodologique »: a whole word of exactly one candidate
    partial = {pool[p] for p in pool if key and key in p.replace(" ", "-").split("-")}
    return partial.pop() if len(partial) == 1 else None


def did_you_mean(word: str, candidates: Iterable[str], *, labels: dict[str, str] | None = None) -> str:
    """`` ; vouliez-vous dire « x » ?`` or the empty string."""
    match = closest(word, candidates, labels=labels)
    return f" ; vouliez-vous dire « {match} » ?" if match is not None and match != word else ""
