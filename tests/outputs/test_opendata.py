"""Observatory charts and open data, checked against the content."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from rrma.outputs.opendata import SEPARATOR, TABLES, records

from tests.conftest import PUBLIC_URL as URL
from tests.conftest import BuiltSite


@pytest.fixture(scope="module")
def built(published_site: Path) -> Path:
    return published_site


@pytest.fixture(scope="module")
def site(shared_site: BuiltSite):
    return shared_site.content  # loaded without a problem, drafts left out


def _chart(html: str, chart_id: str) -> dict[str, int]:
    """The data table of one chart: category → number."""
    figure = html.split(f'id="{chart_id}"', 1)[1].split("</figure>", 1)[0]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)</td></tr>', figure)
    bars = re.findall(r'class="rrma-chart__value">(\d+)</text>', figure)
    assert [int(n) for _, n in rows] == [int(b) for b in bars]  # the drawing shows the table's numbers
    return {label.replace("&#39;", "'"): int(n) for label, n in rows}


def test_observatory_charts_count_the_data(built: Path, site) -> None:
    html = (built / "observatoire" / "index.html").read_text(encoding="utf-8")
    labels = {k: t.label for k, t in site.taxonomies["themes"].terms.items()}
    assert _chart(html, "ressources-thematiques") == dict(Counter(labels[t] for r in site.resources for t in r.data.themes))
    types = {k: t.label for k, t in site.taxonomies["resource-types"].terms.items()}
    assert _chart(html, "ressources-types") == dict(Counter(types[r.data.type] for r in site.resources))
    assert _chart(html, "ressources-annees") == dict(Counter(r.data.published[:4] for r in site.resources if r.data.published))
    regions = {k: t.label for k, t in site.taxonomies["regions"].terms.items()}
    assert _chart(html, "evenements-regions") == dict(Counter(regions[e.data.region] for e in site.events if e.data.region))
    assert sum(_chart(html, "evenements-mois").values()) == len(site.events)
    # the current networks: a former one (ended) is no longer counted
    assert _chart(html, "reseaux-regions") == dict(Counter(regions[n.data.region] for n in site.networks if n.data.region and n.data.ended is None))
    assert 'role="img" aria-labelledby="ressources-types-t ressources-types-d"' in html
    assert "<desc id=\"ressources-types-d\">Ressources par type : " in html


def test_network_page_shows_its_own_figures(built: Path, site) -> None:
    html = (built / "reseaux" / "horizons-solidaires" / "index.html").read_text(encoding="utf-8")
    years = Counter([r.data.published[:4] for r in site.resources if "horizons-solidaires" in r.data.networks and r.data.published]
                    + [str(e.data.starts_at().year) for e in site.events if "horizons-solidaires" in e.data.networks])
    assert _chart(html, "horizons-solidaires-annees") == dict(years)


@pytest.mark.parametrize("table", list(TABLES))
def test_csv_and_json_read_back_into_the_same_records(built: Path, site, table: str) -> None:
    expected = records(site, table)
    for record in expected:
        record["url"] = URL + record["url"]
    data = json.loads((built / "donnees" / f"{table}.json").read_text(encoding="utf-8"))
    assert data["licence"]["name"] == "etalab-2.0"
    assert data["donnees"] == expected
    raw = (built / "donnees" / f"{table}.csv").read_bytes()
    assert raw.count(b"\r\n") == len(expected) + raw.count(b"\n\n") + 1  # CRLF rows, UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    many = {c.name for c in TABLES[table][2]() if c.many}
    back = [{k: (v.split(SEPARATOR) if v else []) if k in many else (v or None) for k, v in row.items()} for row in rows]
    assert back == expected


def test_data_package_describes_every_column(built: Path) -> None:
    package = json.loads((built / "donnees" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        header = (built / "donnees" / resource["path"]).read_bytes().decode("utf-8").split("\r\n", 1)[0].split(",")
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] for f in resource["schema"]["fields"])


def test_dcat_catalogue_names_each_distribution(built: Path) -> None:
    catalogue = json.loads((built / "donnees" / "catalogue.jsonld").read_text(encoding="utf-8"))
    assert catalogue["@type"] == "dcat:Catalog" and catalogue["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    [dataset] = catalogue["dcat:dataset"]
    urls = sorted(d["dcat:downloadURL"]["@id"] for d in dataset["dcat:distribution"])
    assert urls == sorted(f"{URL}donnees/{t}.{ext}" for t in TABLES for ext in ("csv", "json"))
    for distribution in dataset["dcat:distribution"]:
        assert distribution["dct:title"] and distribution["dcat:mediaType"] in ("text/csv", "application/json")
        path = distribution["dcat:downloadURL"]["@id"].removeprefix(URL)
        assert (built / path).is_file()


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's own parser
def test_dcat_catalogue_is_json_ld_a_reader_understands(built: Path) -> None:
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import DCTERMS, RDF

    dcat = Namespace("http://www.w3.org/ns/dcat#")
    graph = Graph().parse(data=(built / "donnees" / "catalogue.jsonld").read_text(encoding="utf-8"), format="json-ld")
    [catalog] = list(graph.subjects(RDF.type, dcat.Catalog))
    [dataset] = list(graph.objects(catalog, dcat.dataset))
    distributions = list(graph.objects(dataset, dcat.distribution))
    assert len(distributions) == 2 * len(TABLES)
    for distribution in distributions:
        assert graph.value(distribution, DCTERMS.title) is not None
        assert str(graph.value(distribution, dcat.downloadURL)).startswith(URL + "donnees/")
    assert graph.value(dataset, DCTERMS.license) == URIRef("https://www.etalab.gouv.fr/licence-version-2-0-de-la-licence-ouverte-suite-a-la-consultation-et-presentation-du-decret")
