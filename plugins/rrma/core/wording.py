"""French wording shared by the pages, the web form and the commands: plurals, sizes, dates of publication."""

from __future__ import annotations

from .types import format_partial_date, partial_date_key

NBSP = "\u00a0"


def fr_number(value: int) -> str:
    """« 12 345 »: French thousands, grouped by a narrow non-breaking space (U+202F)."""
    return f"{value:,}".replace(",", "\u202f")


def plural(count: int, one: str, many: str) -> str:
    """« 1 document joint », « 2 documents joints », « 0 document joint » (French: 0 and 1 are singular)."""
    return f"{count} {one if count < 2 else many}"


def file_size(size: int) -> str:
    """« 815 octets », « 922,7 ko », « 1,2 Mo »: decimal units, a comma, a no-break space before the unit."""
    if size < 1000:
        return f"{size}{NBSP}octet{'s' if size > 1 else ''}"
    for unit, scale in (("ko", 1000), ("Mo", 1000**2), ("Go", 1000**3)):
        value = size / scale
        if round(value, 1) < 1000 or unit == "Go":
            return f"{value:.1f}".replace(".", ",") + f"{NBSP}{unit}"
    raise AssertionError("unreachable")


def published_phrase(value: str) -> str:
    """« publié le 29 mars 2006 », « publié le 1er mars 2006 », « publié en mars 2006 », « publié en 2006 »."""
    day = partial_date_key(value)[2]
    return ("publié le " if day else "publié en ") + format_partial_date(value)


_OF_ARTICLE = {"le": "du ", "les": "des ", "la": "de la ", "l'": "de l'"}


def of(name: str, article: str | None = None) -> str:
    """« de Centraider », « d'Occitanie Coopération », « d'Horizons Solidaires »: French elision before a
    vowel or a mute h (not before the aspirated h of « Hauts-de-France », « de Haute-Savoie »); with the
    name's article, « de la CIRRMA », « du Réseau Bretagne Solidaire »."""
    if article:
        return _OF_ARTICLE[article] + name
    first = name[:1].lower()
    if first in "aeiouyàâéèêëîïôöùûüœ" or (first == "h" and not name.lower().startswith(("haut", "hameau", "hall"))):
        return f"d'{name}"
    return f"de {name}"


def by(name: str, article: str | None = None) -> str:
    """« par Centraider », « par la CIRRMA », « par le Réseau Bretagne Solidaire »."""
    return f"par {article}{name}" if article == "l'" else f"par {article} {name}" if article else f"par {name}"
