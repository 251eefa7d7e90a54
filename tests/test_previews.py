"""scripts/previews.py: what the privileged preview workflow accepts from a pull request's artifact, and the
gh-pages branch it writes, with the published site and the previews side by side."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rrma.cli.settings import load_project
from rrma.project import _CONTENT_OPTIONS

from tests.conftest import REPO

sys.path.insert(0, str(REPO / "scripts"))
import previews  # noqa: E402


def _artifact(root: Path, number: str = "42", action: str = "publier") -> Path:
    (root / "site" / "ressources").mkdir(parents=True)
    (root / "site" / "index.html").write_text("<h1>Accueil</h1>", encoding="utf-8")
    (root / "site" / "ressources" / "index.html").write_text("<h1>Ressources</h1>", encoding="utf-8")
    (root / "numero").write_text(f"{number}\n", encoding="ascii")
    (root / "action").write_text(f"{action}\n", encoding="ascii")
    return root


def test_a_built_site_with_its_number_is_accepted(tmp_path: Path) -> None:
    assert previews.check_artifact(_artifact(tmp_path)) == (42, "publier")
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "previews.py"), "verifier", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == "numero=42\naction=publier\n"


@pytest.mark.parametrize("number", ["42; rm -rf /", "0", "-3", "4 2", "1e3", "../1", "99999999999"])
def test_a_number_that_is_not_a_plain_integer_is_refused(tmp_path: Path, number: str) -> None:
    with pytest.raises(previews.Refused, match="numéro"):
        previews.check_artifact(_artifact(tmp_path, number))


def test_an_unknown_action_is_refused(tmp_path: Path) -> None:
    with pytest.raises(previews.Refused, match="action"):
        previews.check_artifact(_artifact(tmp_path, action="executer"))


@pytest.mark.parametrize("harm", ["symlink-out", "symlink-dir", "fifo", "dotgit", "control", "backslash"])
def test_links_special_files_and_odd_names_in_the_site_are_refused(tmp_path: Path, harm: str) -> None:
    root = _artifact(tmp_path / "a")
    site = root / "site"
    (tmp_path / "secret").write_text("x", encoding="utf-8")
    if harm == "symlink-out":
        (site / "vol.html").symlink_to(tmp_path / "secret")
    elif harm == "symlink-dir":
        (site / "dossier").symlink_to(tmp_path)
    elif harm == "fifo":
        os.mkfifo(site / "tube")
    elif harm == "dotgit":
        (site / ".git").mkdir()
    elif harm == "control":
        (site / "a\nb.html").write_text("x", encoding="utf-8")
    else:
        (site / "a\\..\\b.html").write_text("x", encoding="utf-8")
    with pytest.raises(previews.Refused):
        previews.check_artifact(root)


def test_a_removal_needs_no_site(tmp_path: Path) -> None:
    (tmp_path / "numero").write_text("7", encoding="ascii")
    (tmp_path / "action").write_text("retirer", encoding="ascii")
    assert previews.check_artifact(tmp_path) == (7, "retirer")


def test_only_content_changes_of_a_fork_are_published() -> None:
    assert previews.content_only(["resources/guide.md", "resources/files/guide.pdf", "networks/resacoop.yml"])
    assert previews.content_only(["calls/fonds-regional.md", "observatory/resacoop/2014.yml"])  # a call, a network's figures
    assert not previews.content_only(["resources/guide.md", "overrides/main.html"])
    assert not previews.content_only(["resources/../overrides/main.html"])
    assert not previews.content_only(["content/index.md"])  # hand-written pages may hold raw HTML
    assert not previews.content_only([])


def test_the_content_folders_are_the_projects() -> None:
    """previews.py cannot import the portal: its list follows the content folders of mkdocs.yml's options."""
    project = load_project(REPO)
    folders = {getattr(project, name) for name in _CONTENT_OPTIONS}
    assert {f.rstrip("/") for f in previews.CONTENT_FOLDERS} == folders


def _branch_files(remote: Path) -> dict[str, str]:
    listing = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote, capture_output=True, text=True, check=True)
    return {name: subprocess.run(["git", "show", f"gh-pages:{name}"], cwd=remote, capture_output=True, text=True, check=True).stdout
            for name in listing.stdout.split()}


def _site(root: Path, title: str) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(title, encoding="utf-8")
    return root


def test_the_main_site_and_the_previews_live_side_by_side_on_one_branch(tmp_path: Path) -> None:
    remote = tmp_path / "depot.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    previews.deploy(str(remote), "Publication du site", main=_site(tmp_path / "v1", "site v1"))
    previews.deploy(str(remote), "Aperçu 12", preview=(12, _site(tmp_path / "p12", "aperçu 12")))
    previews.deploy(str(remote), "Aperçu 13", preview=(13, _site(tmp_path / "p13", "aperçu 13")))
    main2 = _site(tmp_path / "v2", "site v2")
    (main2 / "agenda").mkdir()
    (main2 / "agenda" / "index.html").write_text("agenda", encoding="utf-8")
    previews.deploy(str(remote), "Publication du site", main=main2)  # a new publication keeps the previews
    assert _branch_files(remote) == {".nojekyll": "", "index.html": "site v2", "agenda/index.html": "agenda",
                                     "apercus/pr-12/index.html": "aperçu 12", "apercus/pr-13/index.html": "aperçu 13"}
    previews.deploy(str(remote), "Aperçu 12 mis à jour", preview=(12, _site(tmp_path / "p12b", "aperçu 12 bis")))
    previews.deploy(str(remote), "Aperçu 13 retiré", remove=13)
    assert _branch_files(remote) == {".nojekyll": "", "index.html": "site v2", "agenda/index.html": "agenda",
                                     "apercus/pr-12/index.html": "aperçu 12 bis"}
    # one commit without parent: the branch does not grow with every push
    count = subprocess.run(["git", "rev-list", "--count", "gh-pages"], cwd=remote, capture_output=True, text=True, check=True)
    assert count.stdout.strip() == "1"


def test_two_deployments_at_once_keep_both_changes(tmp_path: Path) -> None:
    remote = tmp_path / "depot.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    previews.deploy(str(remote), "Publication du site", main=_site(tmp_path / "v1", "site v1"))
    sites = [_site(tmp_path / f"p{n}", f"aperçu {n}") for n in range(1, 5)]
    threads = [threading.Thread(target=previews.deploy, args=(str(remote), f"Aperçu {n}"), kwargs={"preview": (n, site), "attempts": 10})
               for n, site in enumerate(sites, start=1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    files = _branch_files(remote)
    assert {name for name in files if name.startswith("apercus/")} == {f"apercus/pr-{n}/index.html" for n in range(1, 5)}


def test_the_comment_gives_the_address_in_french() -> None:
    url = previews.preview_url("https://rrma.github.io/portail/", 42)
    assert url == "https://rrma.github.io/portail/apercus/pr-42/"
    body = previews.comment(42, url)
    assert body.startswith(previews.MARKER)
    assert "Aperçu du site pour cette demande de fusion : https://rrma.github.io/portail/apercus/pr-42/ — mis à jour à chaque envoi" in body
    assert "Aperçu retiré : la demande de fusion est fermée." in previews.comment(42, url, removed=True)
    assert "venue d'un fork" in previews.comment(42, url, code=True)
    # the workflow finds its own comment again by that marker
    assert previews.MARKER in (REPO / ".github" / "workflows" / "apercu.yml").read_text(encoding="utf-8")
