"""Benchmarks: the portal against plain Material, same machine, same run.

    python scripts/bench.py [--sizes 1000 10000] [--runs 3] [--work DIR]

For each size, builds a synthetic portal (scripts/generate_corpus.py) and a
baseline: mkdocs-material with its search plugin on the same number of plain
Markdown pages of the same text, kept out of the navigation (its fastest
configuration). Prints a Markdown table; figures are medians of --runs builds.

Then the search, side by side with Pagefind (PyPI ``pagefind[extended]``, installed by the
bench with ``pip install --target`` under the work folder: never a dependency of the site) run
over the same built site, both queried in headless Chromium over loopback: index build time,
bytes on the wire for a first query, latency, and relevance (scripts/relevance.py): known-item
queries on the synthetic corpus and natural queries on the repository's own content.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402
from relevance import CLASSES, GROUPS, NATURAL, Query, known_item_queries, mrr_and_hits, normalise  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1764028800"}
QUERIES = ["formation", "évaluation des projets", "eau", "jeunesse", "coopération décentralisée", "financer", "Sénégal", "égalité", "santé",
           "citoyenneté mondiale", "suivi", "budget", "partenariats", "agricole", "énergie", "bénévoles", "Madagascar", "élus", "capitaliser", "odd"]


def measured(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak resident memory (kB) of a command and its children."""
    wrapper = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
               "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
               "d = time.perf_counter() - t; sys.stderr.write(r.stderr[-3000:] if r.returncode else ''); "
               "print(d, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    out = subprocess.run([PY, "-c", wrapper, *command], cwd=cwd, env=ENV, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"échec de {' '.join(command)} :\n{out.stderr}")
    seconds, rss = out.stdout.split()
    return float(seconds), int(rss)


def baseline(portal: Path, out: Path) -> None:
    """Plain Markdown pages with the portal's resource text, out of the nav, Material + search."""
    if out.exists():
        shutil.rmtree(out)
    (out / "docs" / "pages").mkdir(parents=True)
    (out / "docs" / "index.md").write_text("# Accueil\n", encoding="utf-8")
    for source in sorted((portal / "resources").glob("*.md")):
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        (out / "docs" / "pages" / source.name).write_text(f"# {meta['title']}\n\n{meta['summary']}\n\n{body}", encoding="utf-8")
    (out / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Référence", "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": [{"search": {"lang": "fr"}}], "nav": ["index.md"], "not_in_nav": "/pages/*",
    }), encoding="utf-8")


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6, mtime=0))


def first_query_bytes(site: Path, query: str) -> tuple[int, int]:
    """What search.js downloads for a first query: manifest, the shards of its terms, the documents shown."""
    sys.path.insert(0, str(REPO / "plugins"))
    from rrma.outputs.search import search_files

    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    refs, shards = search_files(read, query)  # as search.js does
    top = refs[:10]  # search.js shows 10 results, then more on request
    needed = ["recherche/manifest.json", *shards] + [f"recherche/docs-{c}.json" for c in sorted({int(r) // manifest["docsPerChunk"] for r in top})]
    raw = [(site / path).read_bytes() for path in needed]
    return sum(len(b) for b in raw), sum(gz(b) for b in raw)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def log_request(self, code: object = "-", size: object = "-") -> None:
        self.server.fetched.append(self.path)  # every file served, the page's and its workers' alike




class _Server(ThreadingHTTPServer):
    fetched: list[str]

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # search.js gives up downloads a newer query made useless
            super().handle_error(request, client_address)


PORTAL_QUERY = """q => new Promise((resolve, reject) => {
    const status = document.querySelector('.rrma-status');
    const list = document.querySelector('.rrma-hits');
    const input = document.querySelector('#rrma-search-q');
    const start = performance.now();
    let shown = null;
    status.textContent = '';
    // a search that never answers (a broken search.js) stops the bench with the query, instead of waiting for ever
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`pas de réponse en 30 s pour « ${q} »`)); }, 30000);
    const done = () => {
        if (shown === null && status.textContent) shown = performance.now() - start;  // the first results are on screen
        if (shown !== null && list.getAttribute('aria-busy') === 'false') {
            observer.disconnect();
            clearTimeout(timer);
            resolve([shown, [...list.querySelectorAll('.rrma-hit__title a')].slice(0, 10).map(a => a.href)]);
        }
    };
    const observer = new MutationObserver(done);
    observer.observe(status, {childList: true, characterData: true, subtree: true});
    observer.observe(list, {attributes: true, attributeFilter: ['aria-busy']});
    input.value = q;
    input.form.dispatchEvent(new Event('submit', {cancelable: true}));
})"""

# Pagefind's own API: the results' data (address, title, excerpt) of the first five are what a
# page shows first, as with the portal; the next five are read for the relevance figures.
PAGEFIND_QUERY = """async q => {
    window.pf = window.pf || await import('/pagefind/pagefind.js');
    const start = performance.now();
    const search = await window.pf.search(q);
    const first = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
    const shown = performance.now() - start;
    const next = await Promise.all(search.results.slice(5, 10).map(r => r.data()));
    return [shown, [...first, ...next].map(d => d.url)];
}"""


def _wire(site: Path, paths: list[str]) -> tuple[int, int]:
    """Bytes of the files the server sent (raw, and as a gzip server sends them; Pagefind's
    index files are already gzip-compressed)."""
    raw = gzipped = 0
    for url in dict.fromkeys(paths):
        path = site / url.lstrip("/").split("?")[0]
        data = path.read_bytes()
        raw += len(data)
        gzipped += len(data) if data[:2] == b"\x1f\x8b" else gz(data)
    return raw, gzipped


def browser_figures(site: Path, queries: list[str], *, pagefind: bool) -> dict:
    """Latency (first query, then p50 and p95 of the others), first-query bytes (engine code and
    index data) and each query's first ten results, for the portal's search and for Pagefind."""
    from playwright.sync_api import sync_playwright

    server = _Server(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    server.fetched = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"])
        for engine in ("portail", "pagefind") if pagefind else ("portail",):
            page = browser.new_page()
            page.goto(origin + "recherche/")
            page.wait_for_load_state("networkidle")
            served = len(server.fetched)
            script = PORTAL_QUERY if engine == "portail" else PAGEFIND_QUERY
            timings, results = [], []
            for query in queries:
                seconds, found = page.evaluate(script, query)
                timings.append(seconds)
                results.append([normalise(u, origin) for u in found])
                if len(timings) == 1 and engine == "pagefind":  # (the portal's are counted by first_query_bytes: it prefetches)
                    # What the server sent for that query, its Web Worker's and WebAssembly's files included
                    # (the page's resource timings do not list a worker's downloads).
                    out["pagefind_first"] = _wire(site, [u for u in server.fetched[served:] if u.startswith("/pagefind/")])
            page.close()
            rest = sorted(timings[1:]) or [0.0]
            out[f"{engine}_latency"] = (timings[0], statistics.median(rest), rest[max(0, int(len(rest) * 0.95) - 1)])
            out[f"{engine}_results"] = results
        browser.close()
    server.shutdown()
    server.server_close()
    return out


PAGEFIND = "pagefind[extended]==1.5.2"
ENGINE = ("vendor/lunr.min.js", "vendor/lunr.stemmer.support.js", "vendor/lunr.fr.js", "analyser.js", "search.js")  # the portal's search code


# The portal's figures before issue #17 (10,000 resources, 1st December 2026), shown instead of
# Pagefind's when Pagefind cannot be installed from the package index.
PREVIOUS = {"index": "6.7 s", "size": "12.5 Mo", "first": "49 ko (19 + 30)", "latency": "78 / 122 ms", "titles": "0.026 ; 9/150"}


def pagefind_available(work: Path) -> bool:
    """Pagefind installed for the bench only (``pip install --target`` under the work folder); False,
    with a line saying why, when the package index does not have it."""
    target = work / "pagefind-pkg"
    if (target / "pagefind").is_dir():
        return True
    out = subprocess.run([PY, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target", str(target), PAGEFIND],
                         capture_output=True, text=True)
    if out.returncode:
        print(f"Pagefind ({PAGEFIND}) n'a pas pu être installé : comparaison avec les chiffres précédents du portail.\n{out.stderr[-1000:]}",
              file=sys.stderr)
        shutil.rmtree(target, ignore_errors=True)
    return not out.returncode


def pagefind_index(work: Path, site: Path) -> float:
    """Index the built site's content with Pagefind (each page's <article>), and return the seconds it took."""
    target = work / "pagefind-pkg"
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    env = {**ENV, "PYTHONPATH": str(target)}
    command = [PY, "-m", "pagefind", "--site", str(site), "--root-selector", "article", "--force-language", "fr"]
    started = time.perf_counter()
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"échec de Pagefind :\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return time.perf_counter() - started


INDEX_TIMER = """
import sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
from rrma.build import outputs

start = outputs.OutputManager.start
def timed(self, search, data):
    t = time.perf_counter(); search[0](*search[1]); sys.stderr.write(f"INDEX {time.perf_counter() - t}\\n")
    return start(self, search, data)
outputs.OutputManager.start = timed
build(load_config("mkdocs.yml", site_dir=sys.argv[1]))
"""


def index_seconds(portal: Path, work: Path) -> float:
    """Seconds the portal takes to make its search index (done by the side process during a
    build; timed here in the build's own process, once, from the same documents)."""
    out = subprocess.run([PY, "-c", INDEX_TIMER, str(work / "index-timing-site")], cwd=portal, env=ENV, capture_output=True, text=True)
    shutil.rmtree(work / "index-timing-site", ignore_errors=True)
    times = [float(line.split()[1]) for line in out.stderr.splitlines() if line.startswith("INDEX ")]
    if out.returncode or not times:
        raise SystemExit(out.stderr[-3000:])
    return times[-1]


def repository_site(work: Path) -> Path:
    """The repository's own content, built, for the natural queries."""
    root = work / "depot"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for name in ("networks", "events", "resources", "calls", "observatory", "taxonomies", "content", "overrides"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    measured([PY, "-m", "mkdocs", "build", "-q", "--strict"], root)
    return root / "site"


def relevance(queries: list[Query], results: list[list[str]]) -> dict[str, tuple[float, int, int]]:
    """MRR@10, hits@5 and the number of queries, by class and for all."""
    figures = {}
    for kind in (*CLASSES, *GROUPS, "toutes"):
        chosen = [(q, r) for q, r in zip(queries, results) if kind == "toutes" or q.kind in GROUPS.get(kind, (kind,))]
        mrr, hits = mrr_and_hits([r for _, r in chosen], [q.relevant for q, _ in chosen])
        figures[kind] = (mrr, hits, len(chosen))
    return figures


def search_figures(n: int, portal: Path, work: Path, runs: int) -> dict:
    """The portal's search beside Pagefind's, on the same built site and queries (index build times:
    medians of ``runs``)."""
    site = portal / "site"
    pagefind = pagefind_available(work)
    timings: dict[str, list[float]] = {"portail": [], "pagefind": []}
    for _ in range(runs):  # interleaved, as the builds are: both see the same state of a shared machine
        if pagefind:
            print(f"… {n} ressources : Pagefind", file=sys.stderr)
            timings["pagefind"].append(pagefind_index(work, site))
        print(f"… {n} ressources : index du portail", file=sys.stderr)
        timings["portail"].append(index_seconds(portal, work))
    portal_seconds = statistics.median(timings["portail"])
    pagefind_seconds = statistics.median(timings["pagefind"]) if pagefind else None
    known = known_item_queries(portal)
    texts = QUERIES + [q.text for q in known]
    print(f"… {n} ressources : requêtes dans Chromium", file=sys.stderr)
    figures = browser_figures(site, texts, pagefind=pagefind)
    out = {"index": {"portail": portal_seconds, "pagefind": pagefind_seconds},
           "pagefind_size": size(site / "pagefind") if pagefind else None, "portail_size": size(site / "recherche")}
    index_raw, index_gz = first_query_bytes(site, QUERIES[0])
    engine = [(site / "assets" / "javascripts" / name).read_bytes() for name in ENGINE]
    figures["portail_first"] = (index_raw + sum(map(len, engine)), index_gz + sum(map(gz, engine)))
    out["portail_first_parts"] = (sum(map(gz, engine)), index_gz)
    for engine in ("portail", "pagefind") if pagefind else ("portail",):
        out[engine] = {"latency": figures[f"{engine}_latency"], "first": figures[f"{engine}_first"],
                       "relevance": relevance(known, figures[f"{engine}_results"][len(QUERIES):])}
    if pagefind:
        shutil.rmtree(site / "pagefind")  # not part of the portal's site (its size is measured before)
    return out


def natural_figures(work: Path) -> list[tuple[str, list[str], dict[str, int]]]:
    """Each natural query on the repository's content: the pages it must find, and for each
    engine, how many of them are in its first ten results."""
    site = repository_site(work)
    pagefind = pagefind_available(work)
    if pagefind:
        pagefind_index(work, site)
    figures = browser_figures(site, [q for q, _ in NATURAL], pagefind=pagefind)
    rows = []
    for i, (query, wanted) in enumerate(NATURAL):
        rows.append((query, wanted, {e: sum(w in figures[f"{e}_results"][i] for w in wanted) for e in ("portail", "pagefind") if f"{e}_results" in figures}))
    return rows


def rebuild(root: Path, tmp: str | None, sources: str = "resources", pages: str = "ressources") -> float:
    """Seconds to rebuild after one page's source (the first Markdown file under ``sources``) changed,
    as `mkdocs serve` does (in process: same plugin instances, site in a temporary folder, under ``tmp``
    as `make serve` sets TMPDIR); the page, under ``pages`` in the site, checked to have the change."""
    script = (
        "import sys, time, pathlib, tempfile\nfrom mkdocs.config import load_config\nfrom mkdocs.commands.build import build\n"
        "site = tempfile.mkdtemp(prefix='mkdocs_')\nstarted = False\n"
        "def once():\n    global started\n    c = load_config('mkdocs.yml', site_dir=site)\n"
        "    if not started:\n        c.plugins.on_startup(command='serve', dirty=False); started = True\n"
        "    build(c, serve_url='http://127.0.0.1:8000/')\n"
        f"once()\np = sorted(pathlib.Path({sources!r}).glob('*.md'))[0]\nold = p.read_text()\np.write_text(old + '\\nUne phrase de plus.\\n')\n"
        "t = time.perf_counter(); once(); print(time.perf_counter() - t)\n"
        f"assert 'Une phrase de plus.' in (pathlib.Path(site) / {pages!r} / p.stem / 'index.html').read_text()\np.write_text(old)\n"
    )
    env = {**ENV, **({"TMPDIR": tmp} if tmp else {})}
    out = subprocess.run([PY, "-c", script], cwd=root, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr[-3000:])
    return float(out.stdout.split()[-1])


# Where `make serve` keeps its preview: in memory when the system offers it (see the Makefile).
PREVIEW_TMP = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "rrma-bench")
    parser.add_argument("--search-only", action="store_true", help="the search's table only: one build of each size, no Material baseline")
    args = parser.parse_args()
    rows = {}
    for n in args.sizes:
        portal, base = args.work / f"portail-{n}", args.work / f"reference-{n}"
        print(f"… {n} ressources : génération", file=sys.stderr)
        generate(portal, resources=n, events=max(20, n // 10), networks=20, seed=1)
        if args.search_only:
            print(f"… {n} ressources : construction portail", file=sys.stderr)
            measured([PY, "-m", "mkdocs", "build", "-q", "--strict"], portal)
            rows[n] = {"search": search_figures(n, portal, args.work, args.runs)}
            continue
        baseline(portal, base)
        results = {}
        runs: dict[str, list[tuple[float, int]]] = {"portail": [], "reference": []}
        for _ in range(args.runs):  # interleaved: both see the same state of a shared machine
            for name, root in (("portail", portal), ("reference", base)):
                print(f"… {n} ressources : construction {name}", file=sys.stderr)
                runs[name].append(measured([PY, "-m", "mkdocs", "build", "-q", "--strict"], root))
        for name, root in (("portail", portal), ("reference", base)):
            site = root / "site"
            results[name] = {"seconds": statistics.median(r[0] for r in runs[name]), "rss": max(r[1] for r in runs[name]),
                             "size": size(site), "pages": sum(1 for _ in site.rglob("*.html"))}
        checks = [measured([PY, "-m", "rrma", "check", "."], portal)[0] for _ in range(args.runs)]
        index = (base / "site" / "search" / "search_index.json").read_bytes()
        first = [first_query_bytes(portal / "site", q) for q in QUERIES[:5]]
        rows[n] = {**{f"{k}_{m}": v for k, r in results.items() for m, v in r.items()}, "check": statistics.median(checks),
                   "material_raw": len(index), "material_gz": gz(index), "first_raw": max(f[0] for f in first), "first_gz": max(f[1] for f in first),
                   "rebuild": rebuild(portal, PREVIEW_TMP), "rebuild_disk": rebuild(portal, None),
                   "reference_rebuild": rebuild(base, PREVIEW_TMP, "docs/pages", "pages")}
        rows[n].update(search=search_figures(n, portal, args.work, args.runs))
        rows[n]["latency"] = rows[n]["search"]["portail"]["latency"]
    if not args.search_only:
        print(table(rows))
        print()
    print(search_table(rows, natural_figures(args.work)))
    # what an editor waits for on the repository's own content (natural_figures copied it)
    again = statistics.median(rebuild(args.work / "depot", PREVIEW_TMP) for _ in range(args.runs))
    print(f"\nReconstruction après modification d'une ressource du dépôt (`make serve`, contenu réel, médiane de {args.runs}) : {again:.2f} s")
    return 0


def table(rows: dict[int, dict]) -> str:
    mb = lambda b: f"{b / 1e6:.1f} Mo"  # noqa: E731
    kb = lambda b: f"{b / 1e3:.0f} ko"  # noqa: E731
    lines = [f"Machine : {platform.machine()}, {os.cpu_count()} cœurs, Python {platform.python_version()}, {platform.platform()}", "",
             "| mesure | " + " | ".join(f"{n} ressources" for n in rows) + " |", "| --- |" + " --- |" * len(rows)]

    def line(label: str, fn) -> None:
        lines.append(f"| {label} | " + " | ".join(fn(r) for r in rows.values()) + " |")

    line("construction du portail (médiane)", lambda r: f"{r['portail_seconds']:.1f} s")
    line("construction de la référence Material (médiane)", lambda r: f"{r['reference_seconds']:.1f} s")
    line("rapport portail / référence", lambda r: f"{r['portail_seconds'] / r['reference_seconds']:.2f}")
    line("pages par seconde (portail / référence)", lambda r: f"{r['portail_pages'] / r['portail_seconds']:.0f} / {r['reference_pages'] / r['reference_seconds']:.0f}")
    line("pages HTML (portail / référence)", lambda r: f"{r['portail_pages']} / {r['reference_pages']}")
    line("mémoire maximale (portail / référence)", lambda r: f"{r['portail_rss'] / 1024:.0f} / {r['reference_rss'] / 1024:.0f} Mo")
    line("taille du site (portail / référence)", lambda r: f"{mb(r['portail_size'])} / {mb(r['reference_size'])}")
    line("`rrma check`", lambda r: f"{r['check']:.2f} s ({r['check'] / r['portail_seconds']:.0%} de la construction)")
    line("recherche : téléchargé pour une première requête (brut / gzip)", lambda r: f"{kb(r['first_raw'])} / {kb(r['first_gz'])}")
    line("Material : search_index.json (brut / gzip)", lambda r: f"{kb(r['material_raw'])} / {kb(r['material_gz'])}")
    line("rapport première requête / index Material (gzip)", lambda r: f"{r['first_gz'] / r['material_gz']:.1%}")
    line("latence : 1re requête, puis médiane / p95", lambda r: f"{r['latency'][0]:.0f} ms, {r['latency'][1]:.0f} / {r['latency'][2]:.0f} ms")
    line("reconstruction après modification d'un fichier (`make serve`, aperçu en mémoire ; portail / référence)",
         lambda r: f"{r['rebuild']:.1f} / {r['reference_rebuild']:.1f} s")
    line("… la même, aperçu du portail écrit sur le disque", lambda r: f"{r['rebuild_disk']:.1f} s")
    sizes = sorted(rows)
    if len(sizes) > 1:
        a, b = rows[sizes[0]], rows[sizes[-1]]
        lines += ["", f"Rapport de temps {sizes[-1]} / {sizes[0]} : portail {b['portail_seconds'] / a['portail_seconds']:.1f}, "
                  f"référence {b['reference_seconds'] / a['reference_seconds']:.1f}."]
    return "\n".join(lines)


def search_table(rows: dict[int, dict], natural: list[tuple[str, list[str], dict[str, int]]]) -> str:
    """The search, portal beside Pagefind: weight, time, latency, relevance; then the natural queries.
    Without Pagefind (not installable here), its column gives the portal's previous figures at 10,000."""
    kb = lambda b: f"{b / 1e3:.0f} ko"  # noqa: E731
    pagefind = all("pagefind" in r["search"] for r in rows.values())
    other = "Pagefind" if pagefind else "chiffres précédents du portail à 10000 (Pagefind non installable ici)"
    lines = ["Recherche : le portail et Pagefind sur le même site construit, mêmes requêtes, même navigateur" if pagefind
             else f"Recherche : le portail ; Pagefind ({PAGEFIND}) n'a pas pu être installé depuis l'index des paquets", "",
             "| mesure | " + " | ".join(f"{n} ressources (portail / {other})" for n in rows) + " |", "| --- |" + " --- |" * len(rows)]

    def line(label: str, ours, theirs, previous: str = "—") -> None:
        lines.append(f"| {label} | " + " | ".join(f"{ours(r['search'])} / {theirs(r['search']) if pagefind else previous}" for r in rows.values()) + " |")

    line("construction de l'index (médiane)", lambda s: f"{s['index']['portail']:.1f} s", lambda s: f"{s['index']['pagefind']:.1f} s", PREVIOUS["index"])
    line("index sur le disque", lambda s: f"{s['portail_size'] / 1e6:.1f} Mo", lambda s: f"{s['pagefind_size'] / 1e6:.1f} Mo", PREVIOUS["size"])
    line("première requête : téléchargé, code et index (brut ; gzip)",
         lambda s: f"{kb(s['portail']['first'][0])} ; {kb(s['portail']['first'][1])} ({kb(s['portail_first_parts'][0])} + {kb(s['portail_first_parts'][1])})",
         lambda s: f"{kb(s['pagefind']['first'][0])} ; {kb(s['pagefind']['first'][1])}", PREVIOUS["first"])
    line("latence : 1re requête, puis médiane / p95", lambda s: "{:.0f} ms, {:.0f} / {:.0f} ms".format(*s["portail"]["latency"]),
         lambda s: "{:.0f} ms, {:.0f} / {:.0f} ms".format(*s["pagefind"]["latency"]), PREVIOUS["latency"])
    for kind in (*CLASSES, *GROUPS, "toutes"):
        line(f"MRR@10 ; dans les 5 premiers — requêtes « {kind} »", lambda s, k=kind: "{:.3f} ; {}/{}".format(*s["portail"]["relevance"][k]),
             lambda s, k=kind: "{:.3f} ; {}/{}".format(*s["pagefind"]["relevance"][k]), PREVIOUS["titles"] if kind in GROUPS else "—")
    lines += ["", "Requêtes naturelles sur le contenu du dépôt (pages attendues trouvées dans les 10 premiers résultats) :", "",
              "| requête | pages attendues | portail | Pagefind |", "| --- | --- | --- | --- |"]
    for query, wanted, found in natural:
        theirs = f"{found['pagefind']}/{len(wanted)}" if "pagefind" in found else "—"
        lines.append(f"| {query} | {', '.join(wanted)} | {found['portail']}/{len(wanted)} | {theirs} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
