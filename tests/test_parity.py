"""``rrma check`` and ``mkdocs build --strict`` give the same verdict and the same messages.

CI runs the check first: if it refused what the build publishes (or the other
way round), editors would be told to fix what is not broken. Each case is a
portal with its mkdocs.yml; the check runs as a command, the build in this
process, and the plugin's log records are what the build told.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from rrma.cli.settings import Records

from tests.conftest import CORPUS, copy_content, overlay_corpus, run_rrma

VIDEO = '\n<iframe src="{scheme}://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Présentation en vidéo"></iframe>\n'
DRAFT = "---\ntitle: Brouillon\nsummary: Pas encore prêt.\ntype: fiche-pratique\nnetworks: [centraider]\nsource_url: https://example.org/b\ndraft: true\n---\n"


def _video(scheme: str) -> Callable[[Path], None]:
    def add(root: Path) -> None:
        with open(root / "resources" / "monter-un-projet.md", "a", encoding="utf-8") as handle:
            handle.write(VIDEO.format(scheme=scheme))
    return add


def _moved_resources(root: Path) -> None:
    (root / "resources").rename(root / "ressources-test")


def _moved_resources_with_an_error(root: Path) -> None:
    _moved_resources(root)
    shutil.copy(CORPUS / "resources" / "type-inconnu.md", root / "ressources-test" / "type-inconnu.md")


def _accepted(root: Path) -> None:
    shutil.copy(CORPUS / "networks" / "bom-et-crlf-acceptes.yml", root / "networks" / "bom-et-crlf-acceptes.yml")


def _draft(body: str) -> Callable[[Path], None]:
    def add(root: Path) -> None:
        (root / "resources" / "brouillon.md").write_text(body, encoding="utf-8")
    return add


def _pages_elsewhere(root: Path) -> None:
    (root / "content").rename(root / "pages")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: content\n", "docs_dir: pages\n"), encoding="utf-8")
    with open(root / "resources" / "monter-un-projet.md", "a", encoding="utf-8") as handle:
        handle.write("\nLes principes communs sont dans [la charte](../charte.md).\n")


@dataclass(frozen=True)
class Case:
    setup: Callable[[Path], object]
    options: str = ""  # the rrma plugin's options in mkdocs.yml, as YAML lines
    valid: bool = True  # what both must say: a parity of two wrong answers is no parity
    env: tuple[tuple[str, str], ...] = ()
    published: tuple[str, str] | None = None  # a page of the built site, and what it must show


CASES = {
    "corpus-casse": Case(overlay_corpus, valid=False),
    "corpus-accepte": Case(_accepted),
    "iframe-non-autorisee": Case(_video("https"), valid=False),
    # The case CI used to refuse: the host is in iframe_hosts, so the check passes and the page shows the video.
    "iframe-autorisee": Case(_video("https"), "iframe_hosts: [www.youtube-nocookie.com]",
                             published=("ressources/monter-un-projet/index.html", '<iframe src="https://www.youtube-nocookie.com/embed/')),
    "iframe-autorisee-en-http": Case(_video("http"), "iframe_hosts: [www.youtube-nocookie.com]", valid=False),
    "dossier-ressources": Case(_moved_resources, "resources_dir: ressources-test", published=("ressources/monter-un-projet/index.html", "Monter un projet")),
    "dossier-ressources-env-erreur": Case(_moved_resources_with_an_error, "resources_dir: !ENV [RRMA_TEST_RESOURCES, resources]",
                                          valid=False, env=(("RRMA_TEST_RESOURCES", "ressources-test"),)),
    "brouillons-publies": Case(_draft(DRAFT), "drafts: true", published=("ressources/brouillon/index.html", "Pas encore prêt.")),
    "brouillon-en-erreur": Case(_draft(DRAFT.replace("type: fiche-pratique", "type: guide")), "drafts: false", valid=False),
    "pages-ailleurs": Case(_pages_elsewhere, published=("ressources/monter-un-projet/index.html", 'href="../../charte/"')),
}


def _portal(root: Path, case: Case) -> Path:
    copy_content(root, site=True)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - rrma\n" in text
    if case.options:
        text = text.replace("\n  - rrma\n", "\n  - rrma:\n" + "".join(f"      {line}\n" for line in case.options.splitlines()))
    config.write_text(text, encoding="utf-8")
    case.setup(root)
    return root


def _blocks(text: str) -> list[str]:
    """The problems of a check's text output: a headline, then its indented hint."""
    blocks: list[str] = []
    for line in text.split("\n\n", 1)[0].splitlines():
        if line.startswith("    ") and blocks:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
    return blocks


def check(root: Path) -> tuple[bool, list[str]]:
    result = run_rrma("check", root)
    assert result.returncode in (0, 1), result.stderr
    return result.returncode == 0, [] if result.returncode == 0 else _blocks(result.stdout)


@pytest.fixture
def mkdocs_log() -> Iterator[Records]:
    """Everything MkDocs and its plugins warned about, the rrma plugin's errors among it."""
    records, logger = Records(), logging.getLogger("mkdocs")
    logger.addHandler(records)
    try:
        yield records
    finally:
        logger.removeHandler(records)


def build_strict(root: Path, log: Records) -> tuple[bool, list[str]]:
    """``mkdocs build --strict``, in this process: the verdict, and the rrma plugin's errors as it logged them."""
    try:
        build(load_config(str(root / "mkdocs.yml"), strict=True))
        built = True
    except Abort:
        built = False
    plugin = [r.getMessage().removeprefix("rrma: ") for r in log.records
              if r.name.startswith("mkdocs.plugins.rrma") and r.levelno >= logging.ERROR]
    return built, plugin


@pytest.mark.parametrize("name", CASES)
def test_check_and_build_agree(name: str, tmp_path: Path, mkdocs_log: Records, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[name]
    for key, value in case.env:
        monkeypatch.setenv(key, value)
    root = _portal(tmp_path / "portail", case)
    checked, told = check(root)
    built, logged = build_strict(root, mkdocs_log)
    others = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in mkdocs_log.records if not r.name.startswith("mkdocs.plugins.rrma")]
    assert (checked, built) == (case.valid, case.valid), f"check: {told}\nbuild: {logged}\nMkDocs: {others}"
    assert told == logged
    if not case.valid:
        assert told, "a refused portal is told why"
    if case.published:
        page, shown = case.published
        assert shown in (root / "site" / page).read_text(encoding="utf-8")

