"""Countries: ISO 3166-1 alpha-2 codes, named in French by pycountry.

The codes and their French names come from the ``pycountry`` package (its
iso3166-1 gettext catalogue ships inside the wheel, so nothing is downloaded):
no hand-typed list of countries to keep up to date.
"""

from __future__ import annotations

import difflib
import functools
import gettext
import re
from dataclasses import dataclass

import pycountry

from ..core.suggest import fold
from .base import slugify

# « Russie, Fédération de » is how ISO sorts a name; a page says « Fédération de Russie ».
_INVERTED = re.compile(r"^(?P<head>[^,()]+), (?P<tail>(?:Île|Îles|État|États|Fédération|République)\b[^,()]*)$")


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, upper case: « SN »
    name: str  # French: « Sénégal »
    slug: str  # its page: /pays/senegal/
    numeric: str  # ISO 3166-1 numeric, which world-atlas keys its shapes by: « 686 »

    @property
    def label(self) -> str:  # as a taxonomy term (see rrma.kinds.taxonomies.COUNTRIES)
        return self.name


def _french_name(french: gettext.NullTranslations, record: object) -> str:
    common = getattr(record, "common_name", None)
    name = french.gettext(common or record.name)  # type: ignore[attr-defined]
    if m := _INVERTED.match(name):
        tail = m["tail"]
        return f"{tail}{'' if tail.endswith(chr(39)) else ' '}{m['head']}"
    return name


@functools.lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every ISO 3166-1 country by alpha-2 code, in French alphabetical order."""
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"], fallback=True)
    found = []
    for record in pycountry.countries:
        name = _french_name(french, record)
        found.append(Country(record.alpha_2, name, slugify(name), record.numeric))
    return {c.code: c for c in sorted(found, key=lambda c: fold(c.name))}


def country_name(code: str) -> str:
    country = countries().get(code)
    return country.name if country else code


def country_url(code: str) -> str:
    country = countries().get(code)
    return f"pays/{country.slug if country else code.lower()}/"


@functools.lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Folded spellings an editor may write → code: the code itself, ISO alpha-3 (« SEN »), the French name."""
    found: dict[str, str] = {}
    for record in pycountry.countries:
        found[record.alpha_3.lower()] = record.alpha_2
    for code, country in countries().items():
        found[fold(country.name)] = code
        found[code.lower()] = code
    return found


def country_guess(value: str) -> str | None:
    """The code an editor meant by « Sénégal », « senegal », « sn » or « SEN »; None when nothing is close
    (a distant guess would be worse than none: « Atlantide » is not « Albanie »)."""
    spellings = _spellings()
    key = fold(value.strip())
    if key in spellings:
        return spellings[key]
    names = [k for k in spellings if len(k) > 3]
    match = difflib.get_close_matches(key, names, n=1, cutoff=0.8)
    return spellings[match[0]] if match else None
