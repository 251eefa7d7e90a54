"""Shared fixtures: a disposable copy of the repository's content."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "corpus" / "broken"
DATA_DIRS = ("networks", "events", "resources", "taxonomies")


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


def overlay_corpus(target: Path) -> Path:
    """Add every broken file of the corpus, plus the oversized attachment it names."""
    for file in CORPUS.rglob("*"):
        if file.is_file() and file.name != "expected.txt":
            dest = target / file.relative_to(CORPUS)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(file, dest)
    # 21 MiB, sparse: too big to commit, created here for the size check.
    (target / "resources" / "files").mkdir(parents=True, exist_ok=True)
    with open(target / "resources" / "files" / "trop-lourd.pdf", "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    return target


def run_rrma(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "rrma", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path / "repo")


PUBLIC_URL = "https://portail.example.org/"


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once with a public address (feeds and metadata use it)."""
    root = copy_content(tmp_path_factory.mktemp("published"), site=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml")],
                            capture_output=True, text=True, cwd=root, timeout=300, env={"RRMA_SITE_URL": PUBLIC_URL, "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    return root / "site"
