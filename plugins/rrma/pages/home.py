"""The home page's key figures (« Chiffres clés »): a few of the observatory's figures, each
with its year, its network and its study, and the portal's own counts.

Only what the observatory holds (``site.figures``, the networks' published studies) is shown,
never a figure computed or estimated here: the national figures first, then the most recent
regional ones. A figure older than :data:`RECENT_YEARS` stays on /observatoire/ but not on the
home, which would otherwise lead with a twenty-year-old count. No recent figure: no block.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..core.wording import fr_number
from ..kinds.observatory import latest
from ..kinds.site import Site
from .observatory import headline, portal_counts
from .views import Labels

SHOWN = 3  # figures on the home; the rest is on /observatoire/
SHOWN_CALLS = 4  # open calls listed on the home; the rest is on /appels-a-projets/
RECENT_YEARS = 10  # a figure describing an older year is not a « key figure » of today


def _sentence(head: dict[str, Any]) -> dict[str, Any] | None:
    """« 10 091 » + « acteurs recensés en France », then « 1 939 projets dans 120 pays »."""
    numbers = {n["noun"].rstrip("s"): n for n in head["numbers"]}  # acteur, projet, pays
    actors, projects, countries = numbers.get("acteur"), numbers.get("projet"), numbers.get("pay")
    where = f" {head['place']}" if head["place"] else ""
    if actors is not None:
        value, words = actors["text"], f"{actors['noun']} recensé{'s' if actors['value'] != 1 else ''}{where}"
        rest = [n for n in (projects, countries) if n is not None]
    elif projects is not None:
        value, words = projects["text"], f"{projects['noun']} recensé{'s' if projects['value'] != 1 else ''}{where}"
        rest = [countries] if countries is not None else []
    else:
        return None
    more = " ".join(f"dans {n['text']} pays" if n["noun"] == "pays" and projects is not None else
                    f"des projets dans {n['text']} pays" if n["noun"] == "pays" else f"{n['text']} {n['noun']}" for n in rest)
    return {"value": value, "words": words, "more": more or None}


def calls_lists(cards: list[dict[str, Any]], shown: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The open calls of a page (the home, a network's), as the build sees them, and the calls that may be
    open when the page is read: ``open`` (the first ``shown``, by first closing) is listed; ``later`` (the
    other open calls, then the upcoming ones by first opening) is in the page, hidden, so that calls.js
    lists and counts the calls open on the reader's day, not the build's."""
    open_now = sorted((c for c in cards if c["state"]["key"] == "open"), key=lambda c: (c["order"]["closes"], c["title"]))
    upcoming = sorted((c for c in cards if c["state"]["key"] == "upcoming"), key=lambda c: (c["order"]["opens"], c["title"]))
    cut = len(open_now) if shown is None else shown
    return {"open": open_now[:cut], "later": open_now[cut:] + upcoming, "count": len(open_now)}


def key_figures(site: Site, labels: Labels, today: date, open_calls: int, later_calls: int = 0) -> dict[str, Any] | None:
    """The home's « Chiffres clés »: up to :data:`SHOWN` sourced figures, and the portal's counts;
    None when the observatory has no figure of the last :data:`RECENT_YEARS` years. The count of open
    calls is there, hidden, when none is open at the build but ``later_calls`` may open: calls.js shows it."""
    heads = [headline(e, labels, site) for e in latest(site.figures).values() if e.data.year > today.year - RECENT_YEARS]
    heads.sort(key=lambda h: (not h["national"], -h["year"], h["network"]["name"]))
    figures = []
    for head in heads:
        sentence = _sentence(head)
        if sentence is not None:
            figures.append({**sentence, "year": head["year"], "network": head["network"], "source": head["source"]})
    if not figures:
        return None
    counts = [c for c in portal_counts(site) if c["url"] in ("reseaux/", "ressources/", "agenda/")]
    if open_calls or later_calls:
        counts.append({"value": open_calls, "text": fr_number(open_calls), "url": "appels-a-projets/", "hidden": not open_calls,
                       "noun": "appel à projets ouvert" if open_calls == 1 else "appels à projets ouverts"})
    return {"figures": figures[:SHOWN], "more": len(figures) > SHOWN, "counts": counts}
