"""Countries: French names from pycountry's own catalogue, page addresses, what an editor meant."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry
from rrma.kinds.countries import countries, country_guess, country_url


def test_french_names_come_from_the_catalogue_inside_the_installed_package() -> None:
    catalogue = Path(pycountry.LOCALES_DIR) / "fr" / "LC_MESSAGES" / "iso3166-1.mo"
    assert catalogue.is_file()
    assert Path(pycountry.__file__).parent in catalogue.parents  # shipped in the wheel, nothing fetched on first use
    names = {code: c.name for code, c in countries().items()}
    assert names["SN"] == "Sénégal"
    assert names["CM"] == "Cameroun"
    assert names["CD"] == "République démocratique du Congo"
    assert names["RU"] == "Fédération de Russie"  # « Russie, Fédération de » is how ISO sorts it, not how a page says it
    assert names["BO"] == "Bolivie"  # the common name, not « Bolivie, état plurinational de »
    assert len(names) == len(pycountry.countries)


def test_names_load_without_network() -> None:
    # A process that cannot resolve any host still gets the French names.
    code = ("import socket\n"
            "def refuse(*a, **k): raise OSError('no network')\n"
            "socket.socket.connect = refuse; socket.getaddrinfo = refuse\n"
            "from rrma.kinds.countries import countries\n"
            "print(countries()['HT'].name)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "Haïti", result.stderr


def test_each_country_has_its_own_address_from_its_french_name() -> None:
    assert country_url("SN") == "pays/senegal/"
    assert country_url("CI") == "pays/cote-d-ivoire/"
    slugs = [c.slug for c in countries().values()]
    assert len(slugs) == len(set(slugs))


def test_what_an_editor_types_leads_to_the_code() -> None:
    assert country_guess("Sénégal") == "SN"
    assert country_guess("senegal") == "SN"
    assert country_guess("Senegl") == "SN"
    assert country_guess("ht") == "HT"
    assert country_guess("FRA") == "FR"  # ISO alpha-3
    assert country_guess("Atlantide") is None  # no far-fetched guess
