"""French wording of counts, sizes and publication dates, as pages and the form show them."""

from __future__ import annotations

import pytest
from rrma.core.wording import file_size, plural, published_phrase
from rrma.kinds.base import slugify
from rrma.kinds.files import published_name

NBSP = "\u00a0"


@pytest.mark.parametrize(("value", "expected"), [
    ("2006-03-29", "publié le 29 mars 2006"), ("2006-03-01", "publié le 1er mars 2006"),
    ("2006-03", "publié en mars 2006"), ("2006", "publié en 2006"),
])
def test_publication_date_reads_as_french(value: str, expected: str) -> None:
    assert published_phrase(value) == expected


@pytest.mark.parametrize(("size", "expected"), [
    (1, "1 octet"), (815, "815 octets"), (922_700, "922,7 ko"), (1_000, "1,0 ko"),
    (999_960, "1,0 Mo"), (1_234_567, "1,2 Mo"), (20_000_000, "20,0 Mo"),
])
def test_sizes_use_french_units_and_a_comma(size: int, expected: str) -> None:
    assert file_size(size) == expected.replace(" ", NBSP)


def test_one_and_zero_are_singular() -> None:
    assert [plural(n, "document joint", "documents joints") for n in (0, 1, 2)] == [
        "0 document joint", "1 document joint", "2 documents joints"]


def test_long_slugs_end_on_a_whole_word() -> None:
    title = "Rencontre régionale des acteurs de la coopération internationale et de la solidarité en Auvergne-Rhône-Alpes"
    assert slugify(title) == "rencontre-regionale-des-acteurs-de-la-cooperation-internationale-et-de-la"  # not « …-de-la-solidar »
    assert slugify(title, limit=73) == "rencontre-regionale-des-acteurs-de-la-cooperation-internationale-et-de-la"  # a dash right at the limit
    assert slugify("x" * 100) == "x" * 80  # one endless word: cut where it must be
    assert slugify("Œuvres d'éducation") == "oeuvres-d-education"


@pytest.mark.parametrize(("name", "expected"), [
    ("Rapport activité 2021.pdf", "rapport-activite-2021.pdf"), ("Modèle de convention.PDF", "modele-de-convention.pdf"),
    ("guide.pdf", "guide.pdf"), ("???.png", "fichier.png"),
])
def test_attachments_are_published_under_a_plain_name(name: str, expected: str) -> None:
    assert published_name(name) == expected
