"""The home's « Chiffres clés »: the observatory's figures with their year and source, the
portal's counts, never a figure the observatory does not hold, and no block without one."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from html import unescape

from rrma.pages.home import key_figures
from rrma.pages.views import Labels

from tests.conftest import BuiltSite


def _block(shared_site: BuiltSite) -> str:
    html = (shared_site.site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<h2 id="chiffres-cles">.*?</div>\s*<p>.*?</p>', html, re.S)
    assert found, "no « Chiffres clés » on the home"
    return found.group(0)


def _text(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", unescape(re.sub(r"<[^>]+>", "", html))).strip()  # not str.split: it cuts at « 10 091 »


def test_each_figure_on_the_home_says_its_year_and_its_source(shared_site: BuiltSite) -> None:
    boxes = [_text(li) for li in re.findall(r"<li>(.*?)</li>", _block(shared_site), re.S)]
    # national first, then the regional networks' latest years, most recent first; 2006 is too old for the home
    assert boxes == [
        "10\u202f091 acteurs recensés en France (2021) Source\u00a0: Baromètre\u00a0: les acteurs de la coopération et de la solidarité "
        "internationales en France, CIRRMA, 2021",
        "86 acteurs recensés à La Réunion (2024) 40 projets Source\u00a0: Les organisations de solidarité issues des migrations à La Réunion, "
        "état des lieux 2024, OIS, 2024",
        "2\u202f100 acteurs recensés en Auvergne-Rhône-Alpes (2022) 2\u202f650 projets Source\u00a0: Baromètre d'essai de la coopération "
        "internationale en Auvergne-Rhône-Alpes, RESACOOP, 2022",
    ]
    content = shared_site.content
    for figures in content.figures:  # each number shown is one a file of observatory/ holds, for the year shown
        if figures.data.year < 2016:
            assert str(figures.data.actors.total) not in _text(_block(shared_site)).replace("\u202f", "")


def test_the_block_links_to_the_observatory_and_counts_the_portal(shared_site: BuiltSite) -> None:
    block = _block(shared_site)
    assert '<a href="./observatoire/">Les chiffres des réseaux à l\'observatoire</a>' in block
    content = shared_site.content
    regional = sum(1 for n in content.networks if n.data.scope == "regional" and n.data.ended is None)
    portal = _text(re.search(r'<p class="rrma-key-figures__portal">(.*?)</p>', block, re.S).group(1))
    assert portal.startswith(f"Sur le portail\u00a0: {regional}\u00a0réseaux régionaux · ")
    assert f" · {len(content.resources):,}\u00a0ressources · ".replace(",", "\u202f") in portal
    assert portal.endswith("2\u00a0appels à projets ouverts")  # the corpus's two calls open at the build


def test_no_figure_no_block(shared_site: BuiltSite) -> None:
    site = shared_site.content
    today = date(2026, 12, 1)
    assert key_figures(replace(site, figures=[]), Labels(site), today, 3) is None
    old = [f for f in site.figures if f.data.year == 2006]
    assert old and key_figures(replace(site, figures=old), Labels(site), today, 3) is None  # only a 2006 study: not today's
    shown = key_figures(site, Labels(site), today, 0)
    assert shown is not None and all(c["url"] != "appels-a-projets/" for c in shown["counts"])  # no « 0 appel ouvert »


def test_a_figure_of_a_former_region_names_it_on_the_home(shared_site: BuiltSite) -> None:
    """Seen from 2010, Lianes coopération's 2006 figures are recent: they name the Nord-Pas-de-Calais they count."""
    site = shared_site.content
    old = [f for f in site.figures if f.data.year == 2006]
    shown = key_figures(replace(site, figures=old), Labels(site), date(2010, 1, 1), 0)
    assert shown is not None
    assert [(f["value"], f["words"], f["more"]) for f in shown["figures"]] == [("551", "acteurs recensés dans le Nord-Pas-de-Calais", "1\u202f939 projets dans 120 pays")]
