"""Benchmarks: the portal against plain Material, same machine, same run.

    python scripts/bench.py [--sizes 1000 10000] [--runs 3] [--work DIR]

For each size, builds a synthetic portal (scripts/generate_corpus.py) and a
baseline: mkdocs-material with its search plugin on the same number of plain
Markdown pages of the same text, kept out of the navigation (its fastest
configuration). Prints a Markdown table; figures are medians of --runs builds.
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
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
from generate_corpus import generate  # noqa: E402

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
    from rrma.outputs.search import query_plan, query_terms, search_files

    def read(path: str) -> str:
        return (site / path).read_text(encoding="utf-8")

    manifest = json.loads(read("recherche/manifest.json"))
    terms = query_plan(query_terms(query, skip_stop_words=True), set(manifest.get("frequent", [])))  # as search.js does
    scores, shards = search_files(read, terms)
    top = sorted(scores, key=lambda r: -scores[r])[:10]  # search.js shows 10 results, then more on request
    needed = ["recherche/manifest.json", *shards] + [f"recherche/docs-{c}.json" for c in sorted({int(r) // manifest["docsPerChunk"] for r in top})]
    raw = [(site / path).read_bytes() for path in needed]
    return sum(len(b) for b in raw), sum(gz(b) for b in raw)


def latency(site: Path) -> tuple[float, float, float]:
    """Query latency in headless Chromium: first query (with downloads), then p50 and p95 of the others."""
    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Server(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            if not isinstance(sys.exc_info()[1], ConnectionError):  # search.js gives up downloads a newer query made useless
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/recherche/"
    timings = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"])
        page = browser.new_page()
        page.goto(url)
        for query in QUERIES:
            timings.append(page.evaluate("""q => new Promise(resolve => {
                const status = document.querySelector('.rrma-status');
                const input = document.querySelector('#rrma-search-q');
                const start = performance.now();
                const seen = status.textContent;
                status.textContent = '';
                new MutationObserver((m, o) => { if (status.textContent) { o.disconnect(); resolve(performance.now() - start); } })
                    .observe(status, {childList: true, characterData: true, subtree: true});
                input.value = q;
                input.form.dispatchEvent(new Event('submit', {cancelable: true}));
            })""", query))
        browser.close()
    server.shutdown()
    server.server_close()
    rest = sorted(timings[1:])
    return timings[0], statistics.median(rest), rest[max(0, int(len(rest) * 0.95) - 1)]


def rebuild(portal: Path, tmp: str | None) -> float:
    """Seconds to rebuild after one resource changed, as `mkdocs serve` does (in process: same
    plugin instance, site in a temporary folder, under ``tmp`` as `make serve` sets TMPDIR)."""
    script = (
        "import sys, time, pathlib, tempfile\nfrom mkdocs.config import load_config\nfrom mkdocs.commands.build import build\n"
        "site = tempfile.mkdtemp(prefix='mkdocs_')\nstarted = False\n"
        "def once():\n    global started\n    c = load_config('mkdocs.yml', site_dir=site)\n"
        "    if not started:\n        c.plugins.on_startup(command='serve', dirty=False); started = True\n"
        "    build(c, serve_url='http://127.0.0.1:8000/')\n"
        "once()\np = sorted(pathlib.Path('resources').glob('*.md'))[0]\nold = p.read_text()\np.write_text(old + '\\nUne phrase de plus.\\n')\n"
        "t = time.perf_counter(); once(); print(time.perf_counter() - t)\n"
        "assert 'Une phrase de plus.' in (pathlib.Path(site) / 'ressources' / p.stem / 'index.html').read_text()\np.write_text(old)\n"
    )
    env = {**ENV, **({"TMPDIR": tmp} if tmp else {})}
    out = subprocess.run([PY, "-c", script], cwd=portal, env=env, capture_output=True, text=True)
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
    args = parser.parse_args()
    rows = {}
    for n in args.sizes:
        portal, base = args.work / f"portail-{n}", args.work / f"reference-{n}"
        print(f"… {n} ressources : génération", file=sys.stderr)
        generate(portal, resources=n, events=max(20, n // 10), networks=20, seed=1)
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
                   "latency": latency(portal / "site"), "rebuild": rebuild(portal, PREVIEW_TMP), "rebuild_disk": rebuild(portal, None)}
    print(table(rows))
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
    line("reconstruction après modification d'un fichier (`make serve`, aperçu en mémoire)", lambda r: f"{r['rebuild']:.1f} s")
    line("… la même, aperçu écrit sur le disque", lambda r: f"{r['rebuild_disk']:.1f} s")
    sizes = sorted(rows)
    if len(sizes) > 1:
        a, b = rows[sizes[0]], rows[sizes[-1]]
        lines += ["", f"Rapport de temps {sizes[-1]} / {sizes[0]} : portail {b['portail_seconds'] / a['portail_seconds']:.1f}, "
                  f"référence {b['reference_seconds'] / a['reference_seconds']:.1f}."]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
