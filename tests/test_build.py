"""Building the site: MkDocs with --strict, failure before site/ is touched, ProperDocs."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, BuiltSite, copy_content, run_rrma


def _build(root: Path, engine: str = "mkdocs", site: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line's build, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", engine, "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site or root / "site")],
        capture_output=True, text=True, cwd=root, timeout=300,
    )


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_strict_build_of_the_repository(shared_site: BuiltSite) -> None:
    # built with --strict (a warning would have stopped it), and not one warning or error logged
    assert [f"{r.levelname} {r.getMessage()}" for r in shared_site.records if r.levelno >= logging.WARNING] == []
    site = shared_site.site
    assert {"index.html", "charte/index.html", "404.html"} <= _pages(site)
    charter = (site / "charte" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in charter
    assert "Six objectifs communs" in charter and "La réciprocité" in charter


def test_no_third_party_font_request(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_properdocs_builds_the_same_pages(shared_site: BuiltSite, tmp_path: Path) -> None:
    """Another engine: its own command line, in its own process, on the same sources."""
    result = _build(shared_site.root, engine="properdocs", site=tmp_path / "site-properdocs")
    assert result.returncode == 0, result.stderr
    assert _pages(tmp_path / "site-properdocs") == _pages(shared_site.site)


def test_content_error_stops_the_build_before_site_is_touched(tmp_path: Path) -> None:
    root = copy_content(tmp_path, site=True)
    (root / "site").mkdir()
    marker = root / "site" / "derniere-version-publiee.html"
    marker.write_text("ancien site", encoding="utf-8")
    broken = root / "events" / "assises-rrma-orleans-2022.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("start: 2022-09-29", "start: 2022-09-31\nend: 2022-09-01"), encoding="utf-8")
    (root / "resources" / "monter-un-projet.md").write_text("---\ntitle: x\n", encoding="utf-8")

    result = _build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    check = run_rrma("check", root)
    headlines = [line for line in check.stdout.splitlines() if line and not line.startswith(" ") and ":" in line and not line[0].isdigit()]
    assert len(headlines) == 2
    for line in headlines:  # the same messages as `rrma check`
        assert line in result.stderr
    assert "2 erreurs dans 2 fichiers : le site n'a pas été modifié" in result.stderr
    assert marker.read_text(encoding="utf-8") == "ancien site"
    assert not (root / "site" / "index.html").exists()


def test_hostile_files_stop_the_build_with_the_check_s_messages_and_no_traceback(tmp_path: Path) -> None:
    """The broken corpus with its alias bomb, its 5000 levels, its links in a loop or to nowhere,
    its folders as attachments and its 30 MiB file: each line of `rrma check`, and site/ untouched."""
    from tests.conftest import overlay_corpus

    root = overlay_corpus(copy_content(tmp_path, site=True))
    (root / "site").mkdir()
    marker = root / "site" / "derniere-version-publiee.html"
    marker.write_text("ancien site", encoding="utf-8")
    result = _build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Erreur interne" not in result.stderr
    check = run_rrma("check", root)
    headlines = [line for line in check.stdout.splitlines() if line and not line.startswith(" ") and ":" in line and not line[0].isdigit()]
    assert len(headlines) > 60 and any("RRMA032" in line for line in check.stdout.splitlines())
    for line in headlines:
        assert line in result.stderr
    files = len({line.split(":", 1)[0] for line in headlines})
    assert f"{len(headlines)} erreurs dans {files} fichiers : le site n'a pas été modifié" in result.stderr
    assert marker.read_text(encoding="utf-8") == "ancien site"
    assert not (root / "site" / "index.html").exists()


def test_a_bug_in_the_plugin_stops_the_build_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    root = copy_content(tmp_path, site=True)
    script = ("import sys, rrma.build.content\n"
              "def broken(*args, **kwargs): raise RecursionError('maximum recursion depth exceeded')\n"
              "rrma.build.content.load_site = broken\n"
              "from mkdocs.__main__ import cli\n"
              "cli(['build', '--strict', '-f', sys.argv[1]])\n")
    result = subprocess.run([sys.executable, "-c", script, str(root / "mkdocs.yml")], capture_output=True, text=True, cwd=root, timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert ("Erreur interne de rrma (RecursionError : maximum recursion depth exceeded) : le site n'a pas été construit. "
            "Merci de la signaler aux mainteneurs du portail.") in result.stderr
    assert not (root / "site").exists()


def test_a_text_too_nested_for_python_markdown_is_named_without_a_traceback(tmp_path: Path) -> None:
    """A body nested thousands deep would exhaust Python-Markdown's stack: the check names it,
    at its line, before the build converts anything."""
    root = copy_content(tmp_path, site=True)
    page = root / "resources" / "monter-un-projet.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "\n" + "*" * 100_000 + "x" + "*" * 100_000 + "\n", encoding="utf-8")
    result = _build(root)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    line = text.count("\n") + 2
    assert (f"resources/monter-un-projet.md:{line}:1: texte : plus de 100 marques de mise en forme à la suite (`>`, `*`, `_`, `~` ou `[`), "
            "attendu quelques-unes au plus") in result.stderr


def test_make_build_ends_in_one_french_line_and_keeps_the_last_site(tmp_path: Path) -> None:
    """`make build` runs scripts/build.py: the check's findings, then one French line, with neither
    MkDocs's « Aborted with a BuildError! » nor make's « Error 1 »; a good tree replaces site/."""
    root = copy_content(tmp_path, site=True)
    for name in ("Makefile", "pyproject.toml", "constraints.txt", "package.json", "package-lock.json", "scripts"):
        (root / name).symlink_to(REPO / name)
    # -o: the set-up is the repository's, never remade from here (a stale stamp would run `npm ci`
    # through the link and empty the repository's node_modules)
    npm_stamp, venv_stamp = REPO / "node_modules" / ".installed-stamp", REPO / ".venv" / ".installed-stamp"
    make = ["make", "--no-print-directory", "build", f"VENV={REPO / '.venv'}", f"NPM_STAMP={npm_stamp}", "-o", str(npm_stamp), "-o", str(venv_stamp)]
    (root / "site").mkdir()
    (root / "site" / "derniere-version-publiee.html").write_text("ancien site", encoding="utf-8")
    event = root / "events" / "assises-rrma-orleans-2022.md"
    good = event.read_text(encoding="utf-8")
    event.write_text(good.replace("start: 2022-09-29", "start: 2022-09-31\nend: 2022-09-01"), encoding="utf-8")
    (root / "resources" / "monter-un-projet.md").write_text("---\ntitle: x\n", encoding="utf-8")
    result = subprocess.run(make, capture_output=True, text=True, cwd=root, timeout=300)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "2 erreurs dans 2 fichiers : le site n'a pas été modifié", result.stderr
    assert "Aborted" not in result.stderr + result.stdout and "Error" not in result.stderr + result.stdout
    assert sum(" : le site n'a pas été modifié" in line for line in lines) == 1
    assert (root / "site" / "derniere-version-publiee.html").is_file()

    event.write_text(good, encoding="utf-8")
    (root / "resources" / "monter-un-projet.md").unlink()
    result = subprocess.run(make, capture_output=True, text=True, cwd=root, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file() and not (root / "site" / "derniere-version-publiee.html").exists()
