"""Languages: ISO 639 codes, named in French by pycountry.

The codes and names come from the ``pycountry`` package (ISO 639-3, with its
iso639-3 gettext catalogue for French, inside the wheel: nothing is downloaded),
so every language is there, Creoles included (``gcf`` créole guadeloupéen,
``rcf`` créole réunionnais…), without a hand-typed list. A language with a
two-letter ISO 639-1 code is written with it (``fr``, ``en``), the others with
their three letters (``gcf``).
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

import pycountry

from ..core.suggest import fold

# pycountry's French catalogue names gcf by its ISO 639-3 reference name (« Créole français de
# Guadeloupe »); the networks write « créole guadeloupéen ».
_USUAL = {"gcf": "créole guadeloupéen"}


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1 if the language has one, else ISO 639-3: « fr », « gcf »
    name: str  # French, lower case as French writes language names: « français », « créole guadeloupéen »
    alpha_3: str

    @property
    def label(self) -> str:  # as a taxonomy term (see rrma.kinds.taxonomies.LANGUAGES)
        return self.name


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name


@functools.lru_cache(maxsize=1)
def languages() -> dict[str, Language]:
    """Every individual language of ISO 639-3 (with its French name), by the code to write."""
    french = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    found = {}
    for record in pycountry.languages:
        code = getattr(record, "alpha_2", None) or record.alpha_3
        found[code] = Language(code, _USUAL.get(code) or _lower_first(french.gettext(record.name)), record.alpha_3)
    return dict(sorted(found.items()))


def language_guess(value: str) -> str | None:
    """« fra », « Français », « créole guadeloupéen » → the code to write (« fr », « gcf »)."""
    text = value.strip()
    known = languages()
    if text.lower() in known:
        return text.lower()
    by_alpha3 = {lang.alpha_3: lang.code for lang in known.values()}
    if text.lower() in by_alpha3:
        return by_alpha3[text.lower()]
    names = {fold(lang.name): lang.code for lang in known.values()}
    return names.get(fold(text))


@functools.lru_cache(maxsize=1)
def form_languages() -> frozenset[str]:
    """What the web form offers: the languages with an ISO 639-1 code and every Creole of ISO 639-3
    (a list of 8 000 would weigh on the form); a file may name any other by its code."""
    return frozenset(code for code, lang in languages().items() if len(code) == 2 or "creole" in fold(lang.name) or "créole" in lang.name)
