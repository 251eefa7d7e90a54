"""Every link resolves: each address a page of the built site names (links, assets, forms, anchors),
and those its scripts and feeds follow, leads to a file of the site, and each ``#id`` to an element
of the page it names. The 404 page is checked where hosts serve it: at any missing address.

Links are resolved the way a browser does, from each page's public address; another host's links
are not fetched, ``mailto:``, ``tel:`` and ``webcal:`` are skipped, ``data:`` needs nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.etree import ElementTree

from tests.conftest import BuiltSite, build_site

# Where a host serves 404.html: any address that has no page.
DEEP_MISSING = "une/adresse/profonde/absente/"
SKIPPED = ("mailto", "tel", "webcal", "data")
# Attributes that hold an address, on any element; srcset and <meta content> are read apart.
ADDRESSES = ("href", "src", "action", "poster", "xlink:href", "data-rrma-library")
META_ADDRESSES = ("og:url", "og:image", "twitter:image")


class _Page(HTMLParser):
    """The ids of a page and every address it names, with the line it is on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.addresses: list[tuple[int, str, str]] = []  # line, where (tag and attribute), address
        self.bases: list[tuple[int, str]] = []  # data-base: the site's root, for the scripts' addresses

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        attributes = {name: value for name, value in attrs if value is not None}
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and "name" in attributes:
            self.ids.add(attributes["name"])
        for name in ADDRESSES:
            if name in attributes:
                self.addresses.append((line, f"<{tag} {name}>", attributes[name]))
        for candidate in attributes.get("srcset", "").split(","):
            if candidate.strip():
                self.addresses.append((line, f"<{tag} srcset>", candidate.split()[0]))
        if tag == "meta" and attributes.get("property", attributes.get("name")) in META_ADDRESSES:
            self.addresses.append((line, f"<meta {attributes.get('property', attributes.get('name'))}>", attributes.get("content", "")))
        if "data-base" in attributes:
            self.bases.append((line, attributes["data-base"]))


class Crawl:
    """Resolves addresses as a browser would, from the site's public address, and keeps what is broken."""

    def __init__(self, site: Path, url: str) -> None:
        self.site, self.url = site, url
        public = urlsplit(url)
        self.origin, self.prefix = (public.scheme, public.netloc), public.path
        self.broken: list[str] = []
        self._pages: dict[Path, _Page] = {}

    def page(self, file: Path) -> _Page:
        if file not in self._pages:
            parser = _Page()
            parser.feed(file.read_text(encoding="utf-8"))
            parser.close()
            self._pages[file] = parser
        return self._pages[file]

    def address_of(self, file: Path) -> str:
        path = file.relative_to(self.site).as_posix()
        return self.url + (path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path)

    def target(self, address: str, base: str, here: Path) -> tuple[Path | None, str, str | None]:
        """The file ``address`` leads to from the page at ``base`` (``here``), its fragment, or why it leads nowhere."""
        parts = urlsplit(address)
        if parts.scheme in SKIPPED:
            return None, "", None
        if parts.scheme not in ("", "http", "https"):
            return None, "", f"protocole « {parts.scheme}: » inattendu"
        if address.startswith("//"):
            return None, "", f"adresse sans protocole : un navigateur y cherche l'hôte « {parts.netloc} »"
        if not (parts.scheme or parts.netloc or parts.path):  # « #id » or « ?q=… »: the page itself, wherever it is served
            return here, unquote(parts.fragment), None
        resolved = urlsplit(urljoin(base, address))
        if (resolved.scheme, resolved.netloc) != self.origin:
            return None, "", None  # another host: not fetched
        if not resolved.path.startswith(self.prefix):
            return None, "", f"hors du site (mène à « {resolved.path} »)"
        path = unquote(resolved.path[len(self.prefix):])
        if "//" in resolved.path or path.startswith("/"):
            return None, "", f"« // » dans le chemin « {resolved.path} »"
        file = self.site / path
        if path == "" or path.endswith("/") or file.is_dir():
            file = file / "index.html"
        if not file.is_file():
            return None, "", f"aucun fichier à « {resolved.path} »"
        return file, unquote(resolved.fragment), None

    def check(self, where: str, address: str, base: str, here: Path) -> Path | None:
        file, fragment, problem = self.target(address, base, here)
        if problem is None and file is not None and fragment and file.suffix == ".html" and fragment not in self.page(file).ids:
            problem = f"aucun élément id=« {fragment} » dans {file.relative_to(self.site).as_posix()}"
        if problem is not None:
            self.broken.append(f"{where} « {address} » : {problem}")
        return file

    def check_page(self, file: Path, served_at: str | None = None) -> None:
        base = served_at or self.address_of(file)
        name = file.relative_to(self.site).as_posix() + (f" (servie à {served_at})" if served_at else "")
        parsed = self.page(file)
        for line, where, address in parsed.addresses:
            self.check(f"{name}:{line} {where}", address, base, file)
        for line, root in parsed.bases:  # library.js and search.js write « data-base + '/' + url »
            if self.check(f"{name}:{line} <data-base>", root + "/", base, file) != self.site / "index.html":
                self.broken.append(f"{name}:{line} <data-base> « {root} » : ne mène pas à la racine du site")

    def check_css(self, file: Path) -> None:
        """``url(…)`` and ``@import`` in a stylesheet of the site, relative to the stylesheet."""
        text = re.sub(r"/\*.*?\*/", "", file.read_text(encoding="utf-8"), flags=re.S)
        name = file.relative_to(self.site).as_posix()
        for found in re.finditer(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)|@import\s+(['\"])([^'\"]+)\3", text):
            address = found.group(2) or found.group(4)
            if not address.startswith("#"):  # an SVG filter's own id
                self.check(f"{name} url()", address, self.address_of(file), file)

    def check_site_data(self) -> None:
        """The addresses the scripts, the feeds and the site map give: in the library's and the search's
        data (relative to the site's root), in the Atom feeds and in sitemap.xml (absolute)."""
        home = self.site / "index.html"
        for data in sorted(self.site.rglob("index.json")):
            for item in json.loads(data.read_text(encoding="utf-8")):
                self.check(f"{data.relative_to(self.site).as_posix()} url", item["url"], self.url, home)
        for docs in sorted((self.site / "recherche").glob("docs-*.json")):
            for doc in json.loads(docs.read_text(encoding="utf-8")):
                self.check(f"recherche/{docs.name} url", doc[0], self.url, home)
        atom = "{http://www.w3.org/2005/Atom}"
        for feed in sorted((self.site / "flux").glob("*.xml")):
            for link in ElementTree.parse(feed).iter(f"{atom}link"):
                self.check(f"flux/{feed.name} <link href>", link.attrib["href"], self.url, home)
        for loc in ElementTree.parse(self.site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc"):
            self.check("sitemap.xml <loc>", loc.text or "", self.url, home)
        for name, address in self.data_addresses():
            self.check(name, address, self.url, home)

    def data_addresses(self) -> list[tuple[str, str]]:
        """The site's own addresses in its calendars (``URL:``, ``ATTACH:``, lines unfolded) and its open data
        (JSON, JSON-LD, CSV: every absolute address of the site; the Data Package's ``path``, relative to it)."""
        found: list[tuple[str, str]] = []
        own = re.compile(re.escape(self.url) + r"[^\s\"<>;,\\]*")
        for file in sorted([*(self.site / "flux").glob("*.ics"), *(self.site / "donnees").glob("*.json*"), *(self.site / "donnees").glob("*.csv")]):
            text = file.read_text(encoding="utf-8-sig")
            if file.suffix == ".ics":
                text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 folding
            found += [(file.relative_to(self.site).as_posix(), address) for address in own.findall(text)]
        package = self.site / "donnees" / "datapackage.json"
        if package.is_file():
            found += [("donnees/datapackage.json path", urljoin(self.url + "donnees/", r["path"]))
                      for r in json.loads(package.read_text(encoding="utf-8"))["resources"]]
        return found

    def run(self) -> list[str]:
        pages = sorted(self.site.rglob("*.html"))
        for file in pages:
            if file == self.site / "404.html":  # served in place of any missing page: checked there
                self.check_page(file, served_at=self.url + "404.html")
                self.check_page(file, served_at=self.url + DEEP_MISSING)
            else:
                self.check_page(file)
        for css in sorted(self.site.rglob("*.css")):
            self.check_css(css)
        self.check_site_data()
        return self.broken


def _report(broken: list[str]) -> str:
    return f"{len(broken)} lien(s) mènent nulle part :\n  " + "\n  ".join(broken)


def _pages_with(site: Path, needle: str) -> Iterator[Path]:
    return (p for p in site.rglob("*.html") if needle in p.read_text(encoding="utf-8"))


def test_every_link_of_the_site_resolves(shared_site: BuiltSite) -> None:
    broken = Crawl(shared_site.site, shared_site.url).run()
    assert broken == [], _report(broken)


def test_the_crawl_sees_every_kind_of_page_and_link(shared_site: BuiltSite) -> None:
    """What the crawl above covers: every kind of generated page, attachments, logos, anchors to
    other pages' headings, and the 404 page served deep in the tree."""
    site = shared_site.site
    for page in ("ressources/page/2/index.html", "ressources/type/fiche-pratique/page/3/index.html", "ressources/theme/eau/index.html",
                 "ressources/region/04/index.html", "ressources/annee/2026/index.html", "ressources/reseau/ocean-indien-solidarites/index.html",
                 "agenda/archives/2012/index.html", "agenda/type/formation/index.html", "agenda/campagne/mois-de-l-ess/index.html",
                 "agenda/reseau/resacoop/index.html", "agenda/region/04/index.html", "reseaux/ocean-indien-solidarites/index.html",
                 "recherche/index.html", "observatoire/index.html", "admin/index.html", "404.html"):
        assert (site / page).is_file(), page
    guide = (site / "ressources/guide-partenariat-collectivites-associations/index.html").read_text(encoding="utf-8")
    assert 'href="../../fichiers/guide-partenariat-collectivites-associations/modele-de-convention-de-partenariat.pdf"' in guide
    assert 'href="../rapport-activite-2025-so-cooperation/#les-chiffres-de-lannee"' in guide
    assert 'href="#exemple_1"' in guide and 'id="exemple_1"' in guide
    assert any(_pages_with(site, 'src="../../logos/ocean-indien-solidarites/ocean-indien-solidarites.png"'))
    crawl = Crawl(site, shared_site.url)
    deep = [a for _, _, a in crawl.page(site / "404.html").addresses]
    assert "#contenu" in deep and len(deep) > 20
    data = crawl.data_addresses()  # the calendars and the open data name pages and files of the site too
    named = {name for name, _ in data}
    assert {"flux/agenda.ics", "flux/echeances.ics", "donnees/catalogue.jsonld", "donnees/evenements.json", "donnees/datapackage.json path"} <= named
    sessions = [a for n, a in data if n == "flux/agenda.ics" and a.startswith(f"{shared_site.url}agenda/parcours-monter-financer-projet-2027/#")]
    assert len(sessions) > 1  # each session of a programme: an anchor of its page, checked as the pages' ones
    assert f"{shared_site.url}donnees/ressources.csv" in {a for n, a in data if n == "donnees/catalogue.jsonld"}


def test_the_crawl_reports_what_leads_nowhere(shared_site: BuiltSite, tmp_path: Path) -> None:
    """A page with one address of each kind of fault, beside good ones: each fault is reported, once, with its line."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<h1 id="haut">Accueil</h1><p id="p">x</p>', encoding="utf-8")
    (site / "a").mkdir()
    (site / "a" / "style.css").write_text("body { background: url('fond.png') } p { background: url(data:image/png;base64,AA==) }", encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<a href="../">ok</a> <a href="../#haut">ok</a> <a href="#ici" id="ici">ok</a> <a href="?q=x">ok</a> <a href="mailto:a@b.fr">ok</a>\n'
        '<a href="https://ailleurs.example.net/x">ok</a> <a href="https://portail.example.org/a/">ok</a> <img src="data:image/png;base64,AA==">\n'
        '<a href="//ressources/">1</a> <a href="../manque/">2</a> <a href="../#bas">3</a> <img srcset="../ok.png 1x, ../absent.png 2x">\n'
        '<form action="/recherche/"></form> <a href="https://portail.example.org/a//b/">6</a> <link href="style.css" rel="stylesheet">\n'
        '<div data-base="."></div> <a href="javascript:alert(1)">7</a>\n', encoding="utf-8")
    (site / "ok.png").write_bytes(b"")
    crawl = Crawl(site, "https://portail.example.org/")
    crawl.check_page(site / "a" / "index.html")
    crawl.check_css(site / "a" / "style.css")
    assert crawl.broken == [
        "a/index.html:3 <a href> « //ressources/ » : adresse sans protocole : un navigateur y cherche l'hôte « ressources »",
        "a/index.html:3 <a href> « ../manque/ » : aucun fichier à « /manque/ »",
        "a/index.html:3 <a href> « ../#bas » : aucun élément id=« bas » dans index.html",
        "a/index.html:3 <img srcset> « ../absent.png » : aucun fichier à « /absent.png »",
        "a/index.html:4 <form action> « /recherche/ » : aucun fichier à « /recherche/ »",
        "a/index.html:4 <a href> « https://portail.example.org/a//b/ » : « // » dans le chemin « /a//b/ »",
        "a/index.html:5 <a href> « javascript:alert(1) » : protocole « javascript: » inattendu",
        "a/index.html:5 <data-base> « . » : ne mène pas à la racine du site",
        "a/style.css url() « fond.png » : aucun fichier à « /a/fond.png »",
    ]
    (site / "flux").mkdir()
    (site / "flux" / "agenda.ics").write_text("BEGIN:VEVENT\r\nURL:https://portail.example.org/a/\r\nURL:https://portail.example.org/ag\r\n enda/absent/\r\n"
                                              "ATTACH:https://portail.example.org/ok.png\r\nEND:VEVENT\r\n", encoding="utf-8")
    (site / "donnees").mkdir()
    (site / "donnees" / "catalogue.jsonld").write_text('{"dcat:downloadURL": "https://portail.example.org/donnees/absent.csv", "x": "https://ailleurs.example.net/"}', encoding="utf-8")
    (site / "donnees" / "datapackage.json").write_text('{"resources": [{"path": "manque.csv"}]}', encoding="utf-8")
    crawl.broken.clear()
    for name, address in crawl.data_addresses():
        crawl.check(name, address, crawl.url, site / "index.html")
    assert crawl.broken == [
        "donnees/catalogue.jsonld « https://portail.example.org/donnees/absent.csv » : aucun fichier à « /donnees/absent.csv »",
        "flux/agenda.ics « https://portail.example.org/agenda/absent/ » : aucun fichier à « /agenda/absent/ »",  # a folded line
        "donnees/datapackage.json path « https://portail.example.org/donnees/manque.csv » : aucun fichier à « /donnees/manque.csv »",
    ]


def test_the_404_page_leads_back_into_a_site_served_below_the_host_s_root(shared_site: BuiltSite, tmp_path: Path) -> None:
    """GitHub Pages' own address puts the site in a folder (https://owner.github.io/portail/): there too,
    the 404 page served at any missing address leads back into the site."""
    url = "https://rrma.example.github.io/portail/"
    build_site(shared_site.root, tmp_path / "site", site_url=url)
    crawl = Crawl(tmp_path / "site", url)
    crawl.check_page(tmp_path / "site" / "404.html", served_at=url + DEEP_MISSING)
    crawl.check_page(tmp_path / "site" / "404.html", served_at=url + "404.html")
    assert crawl.broken == [], _report(crawl.broken)
    links = [a for _, where, a in crawl.page(tmp_path / "site" / "404.html").addresses if where in ("<a href>", "<form action>")]
    assert "/portail/ressources/" in links and "/portail/recherche/" in links
