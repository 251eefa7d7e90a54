"""Shared fixtures: a disposable copy of the repository's content, and the test site,
built once per session from that content and a realistic corpus."""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from rrma.cli.settings import Records

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "broken"
# Realistic content added to the repository's for the shared test site: headings and links
# between entries in bodies, attachments (one whose name has spaces and an accent), a network
# with a logo, long titles, a resource in English, drafts, events older than the repository's
# (so the agenda has yearly archives). Fictional: every address is on example.org.
# The browser tests name some of the repository's results: the corpus keeps out of them (no event
# of Horizons Solidaires or Karib Horizon, no « réseau » in an event, no « éducation », « évaluation »,
# « alimentation » or « breton », no network in Auvergne-Rhône-Alpes or Corsica).
SITE_CORPUS = REPO / "tests" / "corpus" / "realistic"
DATA_DIRS = ("networks", "events", "resources", "calls", "taxonomies", "observatory")


def copy_content(target: Path, *, site: bool = False) -> Path:
    """Copy the repo's data folders (and, with ``site``, what a build needs)."""
    for name in DATA_DIRS:
        shutil.copytree(REPO / name, target / name)
    if site:
        for name in ("content", "overrides"):
            shutil.copytree(REPO / name, target / name)
        shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
        (target / "node_modules").symlink_to(REPO / "node_modules")  # lunr and lunr-languages, installed by npm
    return target


def _sparse(size: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.truncate(size)
    return make


def _link(to: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(to)


def _text(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


# A valid draft: a published page may not link to it (it would link to nothing once published).
DRAFT_GUIDE = ("---\ntitle: Un guide encore en préparation\nsummary: Ce guide n'est pas encore publié.\ntype: guide-methodologique\n"
               "networks: [centraider]\ndraft: true\nsource_url: https://www.centraider.org/\n---\nLe texte viendra.\n")


# What the corpus cannot commit sensibly, made in the tree instead (golden lines in expected.txt):
# each path, the corpus file that needs it (None: it is a finding of its own) and how to make it.
EXTRAS: dict[str, tuple[str | None, Callable[[Path], None]]] = {
    "resources/files/trop-lourd.pdf": ("resources/piece-jointe-trop-lourde.md", _sparse(21 * 1024 * 1024)),  # 21 MiB
    "resources/files/lien-en-boucle.pdf": ("resources/piece-jointe-lien-en-boucle.md", _link("lien-en-boucle.pdf")),
    "networks/lien-en-boucle.yml": (None, _link("lien-en-boucle.yml")),
    "events/lien-casse.md": (None, _link("evenement-supprime.md")),
    "taxonomies/missions.yml": (None, _link("missions-2025.yml")),  # no corpus file names a mission
    "resources/enorme.md": (None, _sparse(30 * 1024 * 1024)),
    "resources/lien-hors-depot.md": (None, _link("/etc/passwd")),  # a file of the machine: never read
    "resources/brouillon-lie.md": ("resources/lien-vers-brouillon.md", _text(DRAFT_GUIDE)),  # valid: no line of its own  # read, it would be « caractère nul »: its size is checked first
}


def make_extra(target: Path, name: str) -> None:
    path = target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    EXTRAS[name][1](path)


def overlay_corpus(target: Path) -> Path:
    """Add every broken file of the corpus, and the extras: an oversized attachment and file, symbolic links."""
    for file in CORPUS.rglob("*"):
        if file.is_file() and file.name != "expected.txt":
            dest = target / file.relative_to(CORPUS)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, dest)
    for name in EXTRAS:
        make_extra(target, name)
    return target


def run_rrma(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rrma", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


PUBLIC_URL = "https://portail.example.org/"


def build_site(root: Path, site_dir: Path | None = None, *, site_url: str = PUBLIC_URL, command: str = "build", strict: bool = True,
               **options: Any) -> list[logging.LogRecord]:
    """``mkdocs build --strict`` of ``root/mkdocs.yml``, in this process: the log records of
    MkDocs and its plugins (``mkdocs.*``, at the command's default level, INFO). A warning
    fails the build (``Abort``), a content error too (``PluginError``). With ``command="serve"``
    and ``strict=False``, what each rebuild of ``mkdocs serve`` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler, logger = Records(logging.DEBUG), logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site_dir or root / "site"), site_url=site_url, strict=strict, **options)
        config.plugins.on_startup(command=command, dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return handler.records


def pagination_series(resources: Path) -> None:
    """110 fiches pratiques of one network, one of them a draft: three library pages for their type."""
    for i in range(110):
        (resources / f"fiche-test-{i:02d}.md").write_text(
            f"---\ntitle: Fiche de test {i:02d}\nsummary: Synthétique.\ntype: fiche-pratique\nnetworks: [resacoop]\n"
            f"published: 1990-01-{i % 28 + 1:02d}\nsource_url: https://example.org/{i}\ndraft: {'true' if i == 109 else 'false'}\n---\n",
            encoding="utf-8")


@dataclass(frozen=True)
class BuiltSite:
    """The site every test that only reads a built site shares: its sources, its pages, its build's log."""

    root: Path
    site: Path
    url: str
    records: tuple[logging.LogRecord, ...]

    @functools.cached_property
    def content(self) -> Any:
        """What the site publishes (:class:`rrma.kinds.site.Site`, drafts left out), to check pages against."""
        from rrma.kinds.site import load_site
        from rrma.project import Project

        loaded, problems = load_site(Project(self.root))
        assert problems == []
        return loaded.published(include_drafts=False)


def country_summary(content: Any, code: str) -> str:
    """What the world map and the list of countries say of a country, counted from the content
    itself (« 2 réseaux, 1 ressource »): tests compare pages with it, whatever the content is."""
    counts = ((sum(code in e.data.partner_countries for e in content.networks), "réseau", "réseaux"),
              (sum(code in e.data.countries for e in content.resources), "ressource", "ressources"),
              (sum(code in e.data.countries for e in content.events), "événement", "événements"))
    return ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts if n)


@pytest.fixture(scope="session")
def shared_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's content, the realistic corpus and a paginated series, built once, in this
    process, with a public address (feeds and metadata use it). Tests read it and never change it."""
    root = copy_content(tmp_path_factory.mktemp("test-site"), site=True)
    shutil.copytree(SITE_CORPUS, root, dirs_exist_ok=True)
    pagination_series(root / "resources")
    records = build_site(root)
    return BuiltSite(root, root / "site", PUBLIC_URL, tuple(records))


@pytest.fixture(scope="session")
def published_site(shared_site: BuiltSite) -> Path:
    return shared_site.site
