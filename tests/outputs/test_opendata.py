"""The observatory's charts against the data files, and every open-data download read back."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from collections import defaultdict
from datetime import date, datetime, time
from pathlib import Path

import pytest
from rrma.core.types import PARIS
from rrma.core.wording import file_size
from rrma.kinds.observatory import latest, network_of, territory_name
from rrma.outputs.opendata import FORMATS, LABEL_SEPARATOR, SEPARATOR, SPREADSHEET, TABLES, fields, records
from rrma.pages.datasets import as_of

from tests.conftest import PUBLIC_URL as URL
from tests.conftest import BuiltSite

NNBSP = "\u202f"


@pytest.fixture(scope="module")
def built(published_site: Path) -> Path:
    return published_site


@pytest.fixture(scope="module")
def site(shared_site: BuiltSite):
    return shared_site.content  # loaded without a problem, drafts left out


def _number(text: str) -> int:
    return int(text.replace(NNBSP, "").replace("\u00a0", ""))


def _chart(page: str, chart_id: str) -> dict[str, int]:
    """The rows of one bar chart (a table): label → number; each bar's length is its share of the largest."""
    figure = page.split(f'<figure class="rrma-bars" id="{chart_id}"', 1)[1].split("</figure>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td><span class="rrma-bars__cell"><span class="rrma-bars__bar" style="--share: ([0-9.]+)"'
                      r' aria-hidden="true"></span><span class="rrma-bars__value">([^<]+)</span>', figure)
    values = {htmllib.unescape(label): _number(n) for label, _, n in rows}
    top = max(values.values())
    assert [float(share) for _, share, _ in rows] == [round(100 * v / top, 1) for v in values.values()]
    return values


def _html(built: Path, path: str) -> str:
    return (built / path / "index.html").read_text(encoding="utf-8")


def test_observatory_shows_each_network_s_latest_totals_with_its_year(built: Path, site) -> None:
    page = _html(built, "observatoire")
    newest = latest(site.figures)
    assert {"cirrma", "lianes-cooperation", "resacoop"} <= set(newest)
    boxes = page.split('<h2 id="chiffres-cles">', 1)[1].split('<h2 id="regions">', 1)[0]
    assert f"10{NNBSP}091 acteurs</span>" in boxes and "en France (2021)" in boxes
    assert f"551 acteurs</span><span class=\"rrma-figures__number\">1{NNBSP}939 projets</span>" in boxes
    assert "dans le Nord-Pas-de-Calais (2006)" in boxes  # the file's territory: the former region its study covers
    assert "Hauts-de-France (2006)" not in boxes
    assert f"2{NNBSP}100 acteurs" in boxes and "en Auvergne-Rhône-Alpes (2022)" in boxes  # the newest of two years
    assert f"1{NNBSP}800 acteurs" not in boxes
    assert 'href="../ressources/principaux-reperes-nord-pas-de-calais/"' in boxes  # each figure links to its study


def test_charts_add_up_the_data_files(built: Path, site) -> None:
    page = _html(built, "observatoire")
    newest = latest(site.figures)
    regions = {k: t.label for k, t in site.taxonomies["regions"].terms.items()}
    networks = {n.id: n.data for n in site.networks}
    expected_regions = {f"{regions[networks[n].region]} ({territory_name(e.data.territory) + ', ' if e.data.territory else ''}{e.data.year})":
                        e.data.actors.total for n, e in newest.items() if networks[n].scope == "regional" and e.data.actors}
    assert _chart(page, "acteurs-regions") == expected_regions
    assert "Hauts-de-France (Nord-Pas-de-Calais, 2006)" in expected_regions
    countries, types, sectors = defaultdict(int), defaultdict(int), defaultdict(int)
    for entry in newest.values():
        for code, n in (entry.data.projects.by_country.items() if entry.data.projects else []):
            countries[site.taxonomies["countries"].label(code)] += n
        for code, n in (entry.data.actors.by_type.items() if entry.data.actors else []):
            types[site.taxonomies["actor-types"].label(code)] += n
        for code, n in (entry.data.projects.by_sector.items() if entry.data.projects else []):
            sectors[site.taxonomies["sectors"].label(code)] += n
    projects = _chart(page, "projets-pays")
    assert projects == dict(countries)
    assert list(projects.values()) == sorted(projects.values(), reverse=True)  # a ranked list
    assert _chart(page, "ensemble-types") == dict(types)
    assert _chart(page, "ensemble-secteurs") == dict(sectors)
    years = {str(e.data.year): e.data.actors.total for e in site.figures if network_of(e) == "resacoop"}
    assert _chart(page, "evolution-resacoop-acteurs") == years


def _text(html: str) -> str:
    return re.sub(r"[ \t\n]+", " ", htmllib.unescape(re.sub(r"<[^>]+>", " ", html))).strip()  # not \s: it matches « 1 939 »


def test_figures_of_a_former_region_say_so_wherever_they_are_shown(built: Path) -> None:
    """Lianes coopération's 2006 study counts the actors of the Nord-Pas-de-Calais, not of today's Hauts-de-France."""
    page = _html(built, "observatoire")
    boxes = _text(page.split('<h2 id="chiffres-cles">', 1)[1].split('<h2 id="regions">', 1)[0])
    assert f"551 acteurs 1{NNBSP}939 projets 120 pays dans le Nord-Pas-de-Calais (2006) — Lianes coopération" in boxes
    tiles = _text(page.split('<h2 id="regions">', 1)[1].split("</ul>", 1)[0])
    assert "Hauts-de-France 551 acteurs (Nord-Pas-de-Calais, 2006)" in tiles
    network = _text(_html(built, "reseaux/lianes-cooperation").split('<h2 id="chiffres">', 1)[1].split("<h2", 1)[0])
    assert network.startswith(f"En chiffres 551 acteurs 1{NNBSP}939 projets 120 pays dans le Nord-Pas-de-Calais (2006) Source")
    assert "Hauts-de-France (2006)" not in boxes + tiles + network


def test_world_map_shades_each_country_by_its_projects(built: Path, site) -> None:
    page = _html(built, "observatoire")
    world = page.split('<figure class="rrma-world rrma-world--shaded">', 1)[1].split("</figure>", 1)[0]
    shaded = {name: shade for shade, name in re.findall(r'class="rrma-shade-(\d)"><title>([^<]+)\u00a0: ', world)}
    assert shaded["Sénégal"] == "4" and shaded["Viêt Nam"] < shaded["Sénégal"]
    assert "Trop petits pour cette carte\u00a0: Comores." in world
    legend = re.findall(r'<span class="rrma-legend rrma-shade-(\d)" aria-hidden="true"></span>([^<]+)</li>', world)
    assert [n for n, _ in legend] == ["1", "2", "3", "4"] and legend[-1][1].endswith("projets")


def test_the_portal_s_own_counts_are_a_small_section_not_charts(built: Path, site) -> None:
    page = _html(built, "observatoire")
    assert "reseaux-regions" not in page and "rrma-chart" not in page  # no more twelve bars of 1
    section = page.split('<h2 id="portail">Le portail en chiffres</h2>', 1)[1]
    assert f"<dt>{len(site.resources)}</dt>" in section and f"<dt>{len(site.events)}</dt>" in section


def test_network_page_shows_its_own_figures(built: Path, site) -> None:
    page = _html(built, "reseaux/resacoop")
    figures = page.split('<h2 id="chiffres">En chiffres</h2>', 1)[1].split('<h2 id="ressources">', 1)[0]
    assert f"2{NNBSP}100 acteurs" in figures and "en Auvergne-Rhône-Alpes (2022)" in figures
    assert _chart(figures, "resacoop-types") == {"Associations": 1300, "Collectivités territoriales": 320, "Entreprises": 80}
    assert _chart(figures, "evolution-resacoop-projets") == {"2019": 2400, "2022": 2650}
    assert "Chiffres de 2022 publiés par RESACOOP." in figures
    assert 'class="md-content__button' not in figures  # no edit pencil on a data box
    assert "En chiffres" not in _html(built, "reseaux/horizons-solidaires")  # no published figures: no section


@pytest.mark.parametrize("table", list(TABLES))
def test_every_download_reads_back_into_the_same_records(built: Path, site, table: str) -> None:
    data = json.loads((built / "donnees" / f"{table}.json").read_text(encoding="utf-8"))
    # The calls' states are those of the build's day (etat_au), which may be yesterday when the suite runs across
    # midnight in Paris; the corpus has no call whose state changes within a day of today.
    day = date.fromisoformat(next((r["etat_au"] for r in data["donnees"] if r.get("etat_au")), date.today().isoformat()))
    expected = records(site, table, as_of(site, datetime.combine(day, time(12), tzinfo=PARIS)))
    for record in expected:
        record["url"] = URL + record["url"]
    assert data["licence"]["name"] == "etalab-2.0"
    assert data["donnees"] == expected
    many = {f["name"]: f["name"].endswith("_libelles") for f in fields(table) if f["many"]}
    for suffix, delimiter, encoding in ((".csv", ",", "utf-8"), (f"{SPREADSHEET}.csv", ";", "utf-8-sig")):
        raw = (built / "donnees" / f"{table}{suffix}").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")  # a byte-order mark for the spreadsheet only
        rows = list(csv.DictReader(io.StringIO(raw.decode(encoding), newline=""), delimiter=delimiter))
        back = [{k: ((v.split(LABEL_SEPARATOR if many[k] else SEPARATOR) if v else []) if k in many else (v or None)) for k, v in row.items()} for row in rows]
        integers = {f["name"] for f in fields(table) if f["type"] in ("integer", "number")}
        assert back == [{k: (str(v) if k in integers and v is not None else v) for k, v in r.items()} for r in expected]


def test_a_code_is_followed_by_its_label(built: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((built / "donnees" / "ressources-tableur.csv").read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    study = next(r for r in rows if r["identifiant"] == "barometre-acteurs-csi-france")
    assert (study["type"], study["type_libelle"]) == ("etude-observatoire", "Étude de l'observatoire")
    assert study["thematiques_libelles"] == "ODD | Coopération décentralisée"
    figures = list(csv.DictReader(io.StringIO((built / "donnees" / "chiffres.csv").read_text(encoding="utf-8"), newline="")))
    assert {"code": "SN", "code_libelle": "Sénégal", "valeur": "320"}.items() <= next(r for r in figures if r["identifiant"] == "resacoop-2022-projets-pays-sn").items()
    # figures of a former region say so, as their page does: the 551 actors of 2006 are not today's Hauts-de-France
    lianes = next(r for r in figures if r["identifiant"] == "lianes-cooperation-2006-acteurs-total")
    assert (lianes["annee"], lianes["territoire"], lianes["valeur"]) == ("2006", "Nord-Pas-de-Calais", "551")
    assert next(r for r in figures if r["identifiant"] == "resacoop-2022-projets-pays-sn")["territoire"] == ""


def test_table_schema_describes_every_file(built: Path) -> None:
    """The data package's Table Schema against the files: each column named and typed, values of
    their type, a unique primary key, the spreadsheet file's dialect (a check of our own: frictionless
    is not a dependency of the portal)."""
    package = json.loads((built / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert sorted(r["name"] for r in package["resources"]) == sorted(f"{t}{s}" for t in TABLES for s in ("", SPREADSHEET))
    casts = {"string": str, "integer": int, "number": float, "date": date.fromisoformat,
             "year": lambda v: int(v) if len(v) == 4 else int("x")}  # a year: four digits
    for resource in package["resources"]:
        raw = (built / "donnees" / resource["path"]).read_text(encoding=resource["encoding"])
        rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=resource.get("dialect", {}).get("delimiter", ",")))
        schema = resource["schema"]
        assert [f["name"] for f in schema["fields"]] == rows[0]
        assert all(f["description"] and f["type"] in casts for f in schema["fields"])
        for row in rows[1:]:
            for value, spec in zip(row, schema["fields"], strict=True):
                if value:
                    casts[spec["type"]](value)
        keys = [row[rows[0].index(schema["primaryKey"][0])] for row in rows[1:]]
        assert len(keys) == len(set(keys)) and all(keys)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's own parser
def test_dcat_catalogue_is_json_ld_a_reader_understands(built: Path) -> None:
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    graph = Graph().parse(data=(built / "donnees" / "catalogue.jsonld").read_text(encoding="utf-8"), format="json-ld")
    [catalog] = list(graph.subjects(RDF.type, dcat.Catalog))
    datasets = list(graph.objects(catalog, dcat.dataset))
    assert sorted(str(graph.value(d, DCTERMS.title)) for d in datasets) == sorted(t.title for t in TABLES.values())
    for dataset in datasets:
        assert graph.value(dataset, DCTERMS.license) == URIRef("https://www.etalab.gouv.fr/licence-version-2-0-de-la-licence-ouverte-suite-a-la-consultation-et-presentation-du-decret")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(graph.value(dataset, DCTERMS.modified)))
        distributions = list(graph.objects(dataset, dcat.distribution))
        assert len(distributions) == len(FORMATS)
        for distribution in distributions:
            url = str(graph.value(distribution, dcat.downloadURL))
            assert url.startswith(URL + "donnees/") and (built / url.removeprefix(URL)).is_file()
            assert graph.value(distribution, dcat.mediaType) is not None


def test_data_page_documents_each_dataset(built: Path) -> None:
    page = _html(built, "donnees")
    for name, table in TABLES.items():
        section = page.split(f'<h2 id="{name}">', 1)[1].split("<h2 ", 1)[0]
        rows = len(json.loads((built / "donnees" / f"{name}.json").read_text(encoding="utf-8"))["donnees"])
        assert f"<dt>Lignes</dt><dd>{rows}</dd>" in section.replace(NNBSP, "")
        assert "Licence Ouverte 2.0" in section and "<dt>Dernière mise à jour</dt>" in section
        for suffix, title, _, _ in FORMATS:
            link = f'href="../donnees/{name}{suffix}" download>{title}<'
            assert link in section
            size = file_size((built / "donnees" / f"{name}{suffix}").stat().st_size)  # the size of the file as published
            assert section.split(link, 1)[1].split("</tr>", 1)[0].split("<td>", 2)[1].startswith(f"{size}</td>")
        for f in fields(name):
            assert f"<code>{f['name']}</code>" in section.replace("<wbr>", "")  # a long name may break after an underscore
    assert "UTF-8 avec un indicateur d'ordre des octets" in page  # which CSV, and why, said on the page


def test_data_and_feeds_pages_are_in_the_menu_and_the_footer(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="donnees/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Données', home)
    footer = home.split('<footer class="md-footer rrma-footer">', 1)[1]
    assert '<a href="./donnees/">Données ouvertes</a>' in footer and '<a href="./flux/">Flux et calendriers</a>' in footer
    feeds = _html(built, "flux")
    assert "<h2 id=\"calendriers\">Calendriers</h2>" in feeds and "agenda.ics" in feeds and "ressources.xml" in feeds


def test_calls_dataset_has_labels_amounts_dates_with_offset_and_the_state_of_the_day(built: Path, site) -> None:
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((built / "donnees" / "appels-a-projets-tableur.csv").read_text(encoding="utf-8-sig"),
                                                                    newline=""), delimiter=";")}
    assert set(rows) == {c.id for c in site.calls}
    ecsi = rows["fonds-regional-ecsi-test"]
    assert (ecsi["montant_min"], ecsi["montant_max"], ecsi["taux_cofinancement"]) == ("1500", "5000", "80.0")
    assert ecsi["cloture"] == "2031-06-15T12:00:00+02:00" and ecsi["ouverture"] == "2026-01-05"  # a time with its offset, a date as written
    assert (ecsi["etat"], ecsi["etat_libelle"]) == ("ouvert", "ouvert")
    assert ecsi["etat_au"] == datetime.now(PARIS).date().isoformat()
    indian = rows["appel-ocean-indien-test"]
    assert indian["cloture"] == "2031-03-31T17:00:00+04:00" and indian["fuseau"] == "Indian/Reunion"  # La Réunion's wall time
    assert (rows["appel-a-venir-test"]["etat"], rows["appel-a-venir-test"]["etat_libelle"]) == ("a-venir", "à venir")
    assert (rows["appel-clos-test"]["etat"], rows["appel-clos-test"]["etat_libelle"]) == ("cloture", "clôturé")
    recital = rows["recital-centraider-2021"]
    assert recital["sessions"] == "/2021-02-05|2021-03-08/2021-04-06" and recital["cloture"] == "2021-04-06"  # the last round's closing
    assert recital["financeurs"] == "Agence française de développement (AFD)"
    assert (recital["regions"], recital["regions_libelles"]) == ("24", "Centre-Val de Loire")
    assert (recital["publics"], recital["publics_libelles"]) == ("associations", site.taxonomies["audiences"].label("associations"))
    assert recital["reseaux_libelles"] == next(n.data.name for n in site.networks if n.id == "centraider")
    keys = {"a-venir": "upcoming", "ouvert": "open", "cloture-non-publiee": "unknown", "cloture": "closed"}
    for card in rows.values():  # the state the call's own page gives on the same day
        page = _html(built, f"appels-a-projets/{card['identifiant']}")
        assert f'class="rrma-call-state rrma-call-state--{keys[card["etat"]]}"' in page, card["identifiant"]



def test_method_notes_are_markdown_on_the_network_page(built: Path) -> None:
    figures = _html(built, "reseaux/resacoop").split('<h2 id="chiffres">En chiffres</h2>', 1)[1].split('<h2 id="ressources">', 1)[0]
    method = figures.split('<details class="rrma-method"><summary>Méthode (2022)</summary>', 1)[1].split("</details>", 1)[0]
    assert "<strong>recensés</strong>" in method
    assert "<ul>\n<li>un questionnaire en ligne\u202f;</li>" in method
    assert '<a href="https://example.org/methode" rel="noopener noreferrer">appels à projets</a>' in method


def test_method_notes_keep_only_the_allowlisted_html() -> None:
    from rrma.pages.observatory import method_html

    html = method_html("Voir [la méthode](javascript:alert(1)) et <script>alert(2)</script> <b onclick=\"x()\">ceci</b>.\n\n- un\n- deux")
    assert "javascript" not in html and "<script" not in html and "alert(2)" not in html and "onclick" not in html
    assert "<li>un</li>" in html and "<b>ceci</b>" in html
    assert method_html("  \n") is None


def test_the_calls_dataset_changes_every_day_the_others_with_their_files(site) -> None:
    """The last update of a table is its folder's last commit, but the calls' states change with the day."""
    from rrma.pages.datasets import last_changes
    from rrma.pages.model import Output

    commit = datetime(2024, 3, 5, 10, tzinfo=PARIS)
    output = Output("https://portail.example.org/", now=datetime(2026, 12, 1, 9, tzinfo=PARIS),
                    changed={"calls/recital-centraider-2021.md": commit, "resources/x.md": commit})
    changed = last_changes(site, output, date(2026, 11, 30))
    assert changed["ressources"] == "2024-03-05"
    assert changed["reseaux"] == "2026-11-30"  # no commit known: the build's day
    assert changed["appels-a-projets"] == "2026-11-30"  # its commit is older, its states are of the day
