"""The built site: every page present, internal links resolving, facets counting right."""

from __future__ import annotations

import csv
import functools
import html
import io
import json
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from markupsafe import escape
from rrma.core.typography import typeset_text
from rrma.kinds.site import load_site
from rrma.project import Project

from tests.conftest import BuiltSite, build_site, copy_content


def build(root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """The command line's build, in its own process (for what it prints)."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), *extra],
                          capture_output=True, text=True, cwd=root, timeout=300)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])  # type: ignore[arg-type]
        for name in ("href", "src"):
            value = attributes.get(name)
            if value and tag in ("a", "link", "script", "img"):
                self.links.append(value)


@pytest.fixture(scope="module")
def site(shared_site: BuiltSite) -> Path:
    return shared_site.site


@functools.lru_cache(maxsize=None)  # a page is read once, however many links lead to its anchors
def _parse(file: Path) -> _Links:
    parser = _Links()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def test_a_page_per_item_at_its_stable_address(site: Path, shared_site: BuiltSite) -> None:
    loaded = shared_site.content
    for section, entries in (("reseaux", loaded.networks), ("ressources", loaded.resources), ("agenda", loaded.events)):
        for entry in entries:
            page = site / section / entry.id / "index.html"
            assert page.is_file(), page
            html = page.read_text(encoding="utf-8")
            title = getattr(entry.data, "title", None) or entry.data.name
            assert f"<h1 id=\"contenu\">{typeset_text(escape(title))}" in html  # with French non-breaking spaces


def test_internal_links_resolve(site: Path) -> None:
    broken = []
    for file in site.rglob("*.html"):
        if file.name == "404.html":  # served for any missing path: Material writes root-absolute links there
            continue
        parsed = _parse(file)
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("mailto:", "//")) or not parts.path:
                continue
            target = (file.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{file.relative_to(site)} → {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in _parse(target).ids:
                broken.append(f"{file.relative_to(site)} → {link} (ancre)")
    assert broken == []


def _cards(site: Path, url: str) -> list[str]:
    """Titles listed by a library page and its following pages."""
    titles, page = [], 1
    while True:
        path = site / url / ("" if page == 1 else f"page/{page}/") / "index.html"
        if not path.is_file():
            return titles
        titles += re.findall(r'<h[34] class="rrma-card__title"><a href="[^"]+">([^<]+)</a>', path.read_text(encoding="utf-8"))
        page += 1


def test_facet_pages_count_the_right_items(site: Path, shared_site: BuiltSite) -> None:
    loaded = shared_site.content
    resources = [r.data for r in loaded.resources]
    region_of = {n.id: n.data.region for n in loaded.networks}
    assert len(_cards(site, "ressources")) == len(resources)
    for type_id, count in Counter(r.type for r in resources).items():
        assert len(_cards(site, f"ressources/type/{type_id}")) == count
    for theme, count in Counter(t for r in resources for t in r.themes).items():
        assert len(_cards(site, f"ressources/theme/{theme}")) == count
    for network, count in Counter(n for r in resources for n in r.networks).items():
        assert len(_cards(site, f"ressources/reseau/{network}")) == count
    regions = Counter(code for r in resources for code in {region_of[n] for n in r.networks if region_of[n]})
    for code, count in regions.items():
        assert len(_cards(site, f"ressources/region/{code}")) == count
    years = Counter(r.published[:4] for r in resources if r.published)
    for year, count in years.items():
        assert len(_cards(site, f"ressources/annee/{year}")) == count
    # the menu shows the same counts
    library = (site / "ressources" / "index.html").read_text(encoding="utf-8")
    for type_id, count in Counter(r.type for r in resources).items():
        assert re.search(rf'href="[^"]*ressources/type/{type_id}/">[^<]+</a> \({count}\)', library)


def test_contributed_text_is_escaped(shared_site: BuiltSite) -> None:
    # tests/corpus/realistic/resources/titre-piege.md, in the shared site
    piege = (shared_site.root / "resources" / "titre-piege.md").read_text(encoding="utf-8")
    assert piege == ('---\ntitle: "Guide <script>alert(1)</script> & co"\nsummary: "<img src=x onerror=alert(2)>"\ntype: fiche-pratique\n'
                     "networks: [centraider]\nauthors: ['<b>Moi</b>']\nsource_url: https://example.org/a\n---\n")
    for page in ("ressources/titre-piege/index.html", "ressources/index.html", "reseaux/centraider/index.html", "index.html"):
        html = (shared_site.site / page).read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<img src=x" not in html and "<b>Moi" not in html, page
    html = (shared_site.site / "ressources/titre-piege/index.html").read_text(encoding="utf-8")
    assert "Guide &lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_item_pages_stay_out_of_the_navigation(site: Path) -> None:
    html = (site / "ressources" / "monter-un-projet" / "index.html").read_text(encoding="utf-8")
    nav = html.split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]
    assert "monter-un-projet" not in nav and "horizons-solidaires" not in nav
    menu = Path(__file__).resolve().parent.parent.joinpath("mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    entries = len(re.findall(r"^  - [^:]+: \S+\.md$", menu.split("\nvalidation:", 1)[0], flags=re.M))
    assert entries == 9 and nav.count('class="md-nav__link') == entries  # the menu's sections, and no item among them


def test_pagination_and_drafts(shared_site: BuiltSite) -> None:
    # the shared site has tests/conftest.py's pagination_series: 110 fiches pratiques, the last one a draft
    assert len(list(shared_site.root.glob("resources/fiche-test-*.md"))) == 110
    assert "draft: true" in (shared_site.root / "resources" / "fiche-test-109.md").read_text(encoding="utf-8")
    site = shared_site.site
    listed = _cards(site, "ressources/type/fiche-pratique")
    others = [e for e in shared_site.content.resources if e.data.type == "fiche-pratique" and not e.id.startswith("fiche-test-")]
    assert others  # the repository's own fiches pratiques and the corpus's titre-piege are listed with the series
    assert len(listed) == len(set(listed)) == 109 + len(others)  # the draft is left out
    assert (site / "ressources" / "type" / "fiche-pratique" / "page" / "3" / "index.html").is_file()
    assert not (site / "ressources" / "fiche-test-109").exists()
    page2 = (site / "ressources" / "page" / "2" / "index.html").read_text(encoding="utf-8")
    assert 'aria-current="page">2<' in page2 and 'rel="prev"' in page2


def test_sanitized_body_in_a_preview_build(tmp_path: Path) -> None:
    """Under `mkdocs serve` a content error does not stop the build: the page is
    sanitized and every page shows the error, as the terminal does."""
    root = copy_content(tmp_path, site=True)
    page = root / "resources" / "monter-un-projet.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<script>alert("x")</script>\n<a href="javascript:alert(1)" onclick="x()">lien</a>\n', encoding="utf-8")
    records = build_site(root, command="serve", strict=False)  # raises if the build fails
    log = "\n".join(r.getMessage() for r in records)
    assert "resources/monter-un-projet.md:" in log and "RRMA028" in log
    html = (root / "site" / "ressources" / "monter-un-projet" / "index.html").read_text(encoding="utf-8")
    body = html.split('id="presentation"', 1)[1]
    assert "<script>alert" not in body and "javascript:" not in body and "onclick" not in body
    assert ">lien</a>" in body
    assert 'class="rrma-problems"' in html and "monter-un-projet.md:" in html


def test_no_empty_banner_in_a_published_build(site: Path) -> None:
    assert "md-banner" not in (site / "index.html").read_text(encoding="utf-8")


def _event_titles(path: Path) -> list[str]:
    return [html.unescape(t) for t in re.findall(r'<h[34] class="rrma-card__title"><a href="[^"]+">([^<]+)</a>', path.read_text(encoding="utf-8"))]


def test_old_events_move_to_yearly_archives_and_none_is_lost(tmp_path: Path) -> None:
    from rrma.pages.agenda import PAST_SHOWN

    root = copy_content(tmp_path, site=True)
    for i in range(45):  # 45 past trainings, three a month in 2019 and 2020
        year, month = 2019 + i // 36, i // 3 % 12 + 1
        (root / "events" / f"formation-test-{i:02d}.md").write_text(
            f"---\ntitle: Formation de test {i:02d}\nstart: {year}-{month:02d}-{i % 3 * 9 + 1:02d}\n"
            f"networks: [resacoop]\nkind: formation\nmode: en-ligne\n"
            f"online_url: https://example.org/{i}\n---\n", encoding="utf-8")
    build_site(root)  # raises if the build fails
    site = root / "site"
    loaded, _ = load_site(Project(root))
    agenda = (site / "agenda" / "index.html").read_text(encoding="utf-8")
    shown = _event_titles(site / "agenda" / "index.html")
    assert PAST_SHOWN <= len(shown) < len(loaded.events)  # all upcoming ones (none here) and the recent past, whole months
    archives = sorted(p.parent.name for p in (site / "agenda" / "archives").glob("*/index.html"))
    # one archive per year of the events the agenda no longer shows, the repository's own and 2019's trainings
    assert archives == sorted({str(e.data.starts_at().year) for e in loaded.events if typeset_text(e.data.title) not in shown})
    assert "2019" in archives
    assert re.search(r'Événements plus anciens\u00a0: <a href="\.\./agenda/archives/' + archives[-1] + '/">' + archives[-1] + r'</a> \(\d+\)', agenda)
    # every event is on the agenda or in its year's archive: none is lost
    archived = {t for year in archives for t in _event_titles(site / "agenda" / "archives" / year / "index.html")}
    assert {typeset_text(e.data.title) for e in loaded.events} == set(shown) | archived
    in_2019 = [e for e in loaded.events if e.data.starts_at().year == 2019]
    # one card per event, one per session for a programme (each session is in the agenda on its own day)
    cards = sum(len([s for s in e.data.sessions if s.start.year == 2019]) or 1 for e in in_2019)
    assert len(_event_titles(site / "agenda" / "archives" / "2019" / "index.html")) == cards > 36  # the trainings and the real ones
    # a network's agenda links to the archives with its filter, which agenda.js applies on arrival
    network = (site / "agenda" / "reseau" / "resacoop" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../agenda/archives/2019/?reseau=resacoop">2019</a> (' in network


def test_links_that_lead_nowhere_are_reported_by_the_check_in_french(tmp_path: Path) -> None:
    """MkDocs would only warn, in English and without a line; the check names the line, the column and the fix."""
    root = copy_content(tmp_path, site=True)
    resource = root / "resources" / "monter-un-projet.md"
    good = ("\n## Pour aller plus loin\n\nLire [la charte](../charte.md), [le baromètre](barometre-acteurs-csi-france.md), [un site](https://exemple.org/), "
            "[écrire](mailto:contact@exemple.fr), [ce titre](#pour-aller-plus-loin) et `[du code](rien.md)`.\n"
            "Les [fiches pratiques](type/fiche-pratique.md), [l'agenda des rencontres](../agenda/type/rencontre.md), "
            "[en haut](#), [la charte](<../charte.md>), <a href=\"../barometre-acteurs-csi-france/\">en HTML</a>.\n"
            "<!-- [plus tard](a-ecrire.md) -->\n\n!!! note \"À retenir\"\n    ### Étapes clés\n\n[les étapes](#etapes-cles)[^1]\n\n[^1]: une note\n")
    resource.write_text(resource.read_text(encoding="utf-8") + good, encoding="utf-8")
    build_site(root)  # the links the check accepts are the ones MkDocs resolves: a warning would fail this strict build
    lines = resource.read_text(encoding="utf-8").count("\n")
    bad = ("![Schéma](files/schema.png) [la charte](../charte-des-rrma.md)\n"
           "[le baromètre](../barometre-acteurs-csi-france/) [la bibliothèque](/ressources/) [écrire](contact@exemple.fr)\n"
           "[plus haut](#pour-aller-plus-loi)\n")
    resource.write_text(resource.read_text(encoding="utf-8") + bad, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "rrma", "check", str(root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    found = re.findall(r"^resources/monter-un-projet\.md:(\d+):(\d+): texte : lien « ([^»]+) »", result.stdout, re.M)
    written = bad.split("\n")
    expected = [("files/schema.png", 0), ("../charte-des-rrma.md", 0), ("../barometre-acteurs-csi-france/", 1), ("/ressources/", 1),
                ("contact@exemple.fr", 1), ("#pour-aller-plus-loi", 2)]
    assert found == [(str(lines + 1 + n), str(written[n].index("(" + address) + 2), address) for address, n in expected]
    assert "conseil : écrivez « barometre-acteurs-csi-france.md »" in result.stdout
    assert "conseil : pour une adresse e-mail, écrivez « mailto:contact@exemple.fr »" in result.stdout
    assert "« pour-aller-plus-loi » ; vouliez-vous dire « pour-aller-plus-loin » ?" in result.stdout
    assert result.stdout.count("[RRMA029]") == 6
    failed = build(root)  # the build says the same, before MkDocs's English warnings
    assert failed.returncode != 0 and "lien « files/schema.png »" in failed.stderr
    assert re.search(r"^WARNING\s+-", failed.stderr, re.M) is None  # none of MkDocs's English warnings


def test_no_text_is_escaped_twice(site: Path) -> None:
    """« Étude de l'observatoire » must not read « l&#39;observatoire » anywhere a visitor looks."""
    twice = re.compile(r"&amp;(?:#\d+|#x[0-9a-f]+|amp|lt|gt|quot);", re.I)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    assert [str(p.relative_to(site)) for p in pages if twice.search(p.read_text(encoding="utf-8"))] == []
    library = (site / "ressources" / "type" / "etude-observatoire" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="contenu">Ressources — Étude de l&#39;observatoire</h1>' in library


def test_names_starting_with_a_vowel_are_elided(site: Path) -> None:
    network = (site / "reseaux" / "occitanie-cooperation" / "index.html").read_text(encoding="utf-8")
    assert "Agenda d&#39;Occitanie Coopération (iCalendar)" in network and "Agenda de Occitanie" not in network
    assert "Agenda de Centraider" in (site / "reseaux" / "centraider" / "index.html").read_text(encoding="utf-8")


def test_sections_a_template_adds_are_in_the_table_of_contents(site: Path) -> None:
    charter = (site / "charte" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="reseaux">Les réseaux régionaux</h2>' in charter
    # listed wherever the page's own sections are (Material repeats the table of contents for phones)
    assert charter.count('href="#reseaux"') == charter.count('href="#cadre-general"') > 0


def test_resource_pages_say_dates_and_sizes_in_french(site: Path) -> None:
    guide = (site / "ressources" / "guide-partenariat-collectivites-associations" / "index.html").read_text(encoding="utf-8")
    assert " · publié le 14 octobre 2026</p>" in guide and "publié en 14" not in guide
    assert "(PDF, 630\u00a0octets)" in guide and "bytes" not in guide and "kB" not in guide
    # « Modèle de convention de partenariat.pdf » is published under a name with no space, in the link and in JSON-LD alike
    name = "fichiers/guide-partenariat-collectivites-associations/modele-de-convention-de-partenariat.pdf"
    assert f'href="../../{name}"' in guide and f'"contentUrl": "https://portail.example.org/{name}"' in guide
    assert (site / name).is_file() and not list(site.glob("fichiers/*/* *"))
    assert not re.search(r'(?:href|src)="[^"]* [^"]*"', guide)
    month_only = (site / "ressources" / "pepites-recital-odd" / "index.html").read_text(encoding="utf-8")
    assert " · publié en mars 2025</p>" in month_only


def test_an_entry_says_when_it_was_checked(site: Path) -> None:
    """`reviewed: 2026-11-03` shows as « Contenu vérifié le 3 novembre 2026. »; the test site is not a Git checkout,
    so an entry without `reviewed` shows no date at all rather than a made-up one, and the build does not fail."""
    page = (site / "ressources" / "boite-a-outils-ess-international" / "index.html").read_text(encoding="utf-8")
    assert '<p class="rrma-freshness rrma-card__meta" data-verifie="oui">Contenu vérifié le <time datetime="2026-11-03">3 novembre 2026</time>.</p>' in page
    other = (site / "ressources" / "guide-partenariat-collectivites-associations" / "index.html").read_text(encoding="utf-8")
    assert "rrma-freshness" not in other


def test_without_a_review_date_the_page_gives_the_last_change_as_such() -> None:
    from datetime import date, datetime, timezone
    from types import SimpleNamespace

    from rrma.pages.model import Output
    from rrma.pages.specs import freshness

    output = Output(site_url="https://portail.example.org/", now=datetime(2026, 12, 1, tzinfo=timezone.utc),
                    changed={"events/forum.md": datetime(2026, 3, 31, 23, 30, tzinfo=timezone.utc)})  # 1 April in Paris
    changed = freshness(SimpleNamespace(path="events/forum.md", data=SimpleNamespace(reviewed=None)), output)["freshness"]
    assert (changed["before"], changed["day"], changed["after"]) == ("Dernière modification le", "1er avril 2026", " ; date de vérification non indiquée.")
    assert changed["reviewed"] is False and changed["date"] == "2026-04-01"
    reviewed = freshness(SimpleNamespace(path="events/forum.md", data=SimpleNamespace(reviewed=date(2026, 11, 3))), output)["freshness"]
    assert reviewed["reviewed"] is True and reviewed["day"] == "3 novembre 2026"  # the review wins over the last change
    assert freshness(SimpleNamespace(path="events/nouveau.md", data=SimpleNamespace(reviewed=None)), output) == {"freshness": None}


def test_a_country_page_gathers_what_names_the_country_and_the_map_leads_to_it(site: Path, shared_site: BuiltSite) -> None:
    from rrma.kinds.countries import countries

    from tests.conftest import country_summary

    senegal = (site / "pays" / "senegal" / "index.html").read_text(encoding="utf-8")
    assert '<h1 id="contenu">Sénégal</h1>' in senegal
    assert "/ressources/capitalisation-projets-eau-assainissement-sahel/" in senegal  # countries: [SN, ML, BF]
    assert "/agenda/journee-d-etude-migrations-lyon-2015/" in senegal  # countries: [SN, MA]
    assert "/ressources/monter-un-projet/" not in senegal
    madagascar = (site / "pays" / "madagascar" / "index.html").read_text(encoding="utf-8")
    assert "/reseaux/ocean-indien-solidarites/" in madagascar  # partner_countries: [MG, KM, MU]
    assert "/agenda/cloture-recital-odd-phase-2/" in madagascar  # the repository's own event on the study of Madagascar
    assert not (site / "pays" / "france").exists()  # no page for a country nothing names

    index = (site / "pays" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="[^"]*pays/([a-z-]+)/" aria-label="([^"]+)" class="rrma-world__country">', index)
    content = shared_site.content
    assert ("senegal", "Sénégal\u00a0: " + country_summary(content, "SN")) in links
    assert ("madagascar", "Madagascar\u00a0: " + country_summary(content, "MG")) in links
    # Comoros and Mauritius are too small for Natural Earth's 1:110m shapes: named under the map, and in the list.
    assert "Trop petits pour cette carte" in index and "pays/comores/" in index and "pays/maurice/" in index
    listed = re.findall(r'<li><a href="[^"]*pays/([a-z-]+)/">([^<]+)</a> <span class="rrma-card__meta">\(([^)]+)\)</span></li>', index)
    named = {c for e in content.networks for c in e.data.partner_countries} | {
        c for e in (*content.resources, *content.events) for c in e.data.countries}
    assert [name for _, name, _ in listed] == [country.name for code, country in countries().items() if code in named]  # French order
    assert [summary for _, _, summary in listed] == [country_summary(content, code) for code in countries() if code in named]
    assert {slug for slug, _, _ in listed} >= {slug for slug, _ in links}  # the list is the map's equivalent


def test_items_name_their_countries_and_zones_on_their_page_in_json_ld_and_open_data(site: Path) -> None:
    page = (site / "ressources" / "capitalisation-projets-eau-assainissement-sahel" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>Pays</dt><dd><a href=\"[^\"]*pays/senegal/\">Sénégal</a>, <a href=\"[^\"]*pays/mali/\">Mali</a>, "
                     r"<a href=\"[^\"]*pays/burkina-faso/\">Burkina Faso</a></dd>", page)
    assert "<dt>Zones</dt><dd>Afrique de l&#39;Ouest</dd>" in page
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert {"@type": "Country", "identifier": "SN", "name": "Sénégal"} in data["spatialCoverage"]
    assert {"@type": "Place", "name": "Afrique de l'Ouest"} in data["spatialCoverage"]
    network = (site / "reseaux" / "ocean-indien-solidarites" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Pays partenaires</dt>" in network and "<dd>Océan Indien</dd>" in network
    rows = {row["identifiant"]: row for row in csv.DictReader(io.StringIO((site / "donnees" / "ressources.csv").read_text(encoding="utf-8")))}
    assert rows["capitalisation-projets-eau-assainissement-sahel"]["pays"] == "SN|ML|BF"
    assert rows["capitalisation-projets-eau-assainissement-sahel"]["zones"] == "afrique-de-l-ouest"
    networks = {row["identifiant"]: row for row in csv.DictReader(io.StringIO((site / "donnees" / "reseaux.csv").read_text(encoding="utf-8")))}
    assert networks["ocean-indien-solidarites"]["pays_partenaires"] == "MG|KM|MU"


def test_an_item_is_found_by_the_name_of_its_country_or_zone(site: Path) -> None:
    from rrma.outputs.search import search_files

    def read(name: str) -> str:
        return (site / name).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    docs = [row for n in range(0, manifest["docCount"], manifest["docsPerChunk"])
            for row in json.loads(read(f"recherche/docs-{n // manifest['docsPerChunk']}.json"))]

    def found(query: str) -> set[str]:
        refs, _ = search_files(read, query)
        return {docs[int(ref)][0] for ref in refs}

    assert {"ressources/capitalisation-projets-eau-assainissement-sahel/", "agenda/journee-d-etude-migrations-lyon-2015/"} <= found("senegal")
    assert "agenda/journee-d-etude-migrations-lyon-2015/" in found("Maghreb")
    assert "reseaux/ocean-indien-solidarites/" in found("Comores")


def test_french_numbers_and_times_are_never_cut_at_a_line_end() -> None:
    from datetime import datetime

    from rrma.core.types import PARIS
    from rrma.pages.dates import event_dates
    from rrma.render import fr_number

    assert fr_number(12345) == "12\u202f345" and fr_number(999) == "999"
    assert event_dates(datetime(2025, 11, 6, 10, tzinfo=PARIS), datetime(2025, 11, 6, 19, 30, tzinfo=PARIS)) == "6 novembre 2025, de 10\u00a0h à 19\u00a0h\u00a030"


def test_elision_before_a_vowel_or_a_mute_h() -> None:
    from rrma.core.wording import by, of

    assert of("Horizons Solidaires") == "d'Horizons Solidaires"
    assert of("Occitanie Coopération") == "d'Occitanie Coopération"
    assert of("Centraider") == "de Centraider"
    assert of("Hauts-de-France Coopération") == "de Hauts-de-France Coopération"  # aspirated h
    # a name that takes an article (the network file's `article`)
    assert of("CIRRMA", "la") == "de la CIRRMA" and of("Réseau Bretagne Solidaire", "le") == "du Réseau Bretagne Solidaire"
    assert by("CIRRMA", "la") == "par la CIRRMA" and by("Centraider") == "par Centraider"


def test_a_network_whose_name_takes_an_article_is_named_with_it(shared_site: BuiltSite) -> None:
    subscribe = (shared_site.site / "abonnements" / "index.html").read_text(encoding="utf-8")
    assert "Agenda de la CIRRMA" in subscribe and "Agenda du Réseau Bretagne Solidaire" in subscribe
    assert "Échéances des appels relayés par le Réseau Bretagne Solidaire" in subscribe
    assert "Agenda de CIRRMA" not in subscribe
    calendar = (shared_site.site / "flux" / "agenda-cirrma.ics").read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Agenda de la CIRRMA" in calendar.replace("\r\n ", "")


def test_a_network_without_a_logo_gets_a_monogram() -> None:
    from rrma.pages.views import monogram

    assert monogram("GESCOD", "Grand Est Solidarités et Coopérations pour le Développement") == "GESCOD"  # whole, not « GES »
    assert monogram("PDLCI", "Pays de la Loire Coopération Internationale") == "PDLCI"
    assert monogram("BFC International", "Bourgogne-Franche-Comté International") == "BFC"
    assert monogram("RBS", "Réseau Bretagne Solidaire") == "RBS"
    assert monogram(None, "Horizons Solidaires") == "HS"
    assert monogram(None, "Pays de la Loire Coopération Internationale") == "PLC"
    assert monogram("RESACOOP", "RESACOOP") == "RES"


def test_templates_hold_french_punctuation_with_non_breaking_spaces() -> None:
    """What the portal itself writes never puts « : », « ; », « ? », « ! » or « » » at the start of a line."""
    from tests.conftest import REPO

    found = []
    for path in sorted((REPO / "overrides").rglob("*.html")):
        text = re.sub(r"<script.*?</script>|<style.*?</style>|\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", "", path.read_text(encoding="utf-8"), flags=re.S)
        found += [f"{path.name}: {m.group(0)!r}" for m in re.finditer(r"\S* [:;?!»](?=[\s<\"]|$)|« \S*", text, flags=re.M)]
    assert found == []
