"""Hostile input gets a French finding and exit code 1, fast and in bounded memory; a bug in rrma exits 3, without a traceback."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, copy_content, run_rrma

GIB = 1024 * 1024 * 1024
EXPECTED = (CORPUS / "expected.txt").read_text(encoding="utf-8").splitlines()


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))  # without the bounds, these inputs need several


def run_limited(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "rrma", *map(str, args)], capture_output=True, text=True, timeout=120, preexec_fn=_limited)
    return result, time.monotonic() - started


def golden(name: str) -> str:
    """The corpus's headline and hint for ``name``."""
    [index] = [i for i, line in enumerate(EXPECTED) if line.startswith(name + ":")]
    return EXPECTED[index] + "\n" + EXPECTED[index + 1] + "\n"


def _content_file(size: int) -> str:
    """A resource that is what it says, only much too long: 30 MB of authors."""
    head = "---\ntitle: Un annuaire\nsummary: Tous les auteurs.\ntype: fiche-pratique\nnetworks: [centraider]\nauthors:\n"
    line = "  - Une autrice au nom assez long pour remplir la ligne\n"
    return head + line * (size // len(line)) + "---\nTexte.\n"


@pytest.mark.parametrize("name", ["resources/alias-en-cascade.md", "resources/imbrication-profonde.md"])
def test_hostile_yaml_is_a_finding_under_a_memory_limit(name: str, tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / name).write_bytes((CORPUS / name).read_bytes())
    result, elapsed = run_limited("check", tree)
    assert "Traceback" not in result.stderr and "Erreur interne" not in result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == golden(name) + "\n1 erreur dans 1 fichier.\n"
    assert elapsed < 30


def test_a_30_mb_content_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / "resources" / "annuaire.md").write_text(_content_file(30 * 1024 * 1024), encoding="utf-8")
    result, elapsed = run_limited("check", tree)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("resources/annuaire.md:1:1: le fichier pèse 30,0 Mo, attendu au plus 1,0 Mo pour un fichier de contenu\n")
    assert "[RRMA020]" in result.stdout and "Traceback" not in result.stderr
    assert elapsed < 30


def test_a_content_file_just_under_the_limit_is_read(tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / "resources" / "annuaire.md").write_text(_content_file(1000 * 1024), encoding="utf-8")
    result = run_rrma("check", tree)
    assert result.returncode == 0, result.stdout


def test_a_bug_in_rrma_exits_3_with_a_french_message_and_no_traceback(tmp_path: Path) -> None:
    script = ("import sys\n"
              "from rrma.cli import main\n"
              "def broken(project): raise MemoryError\n"
              "sys.modules['rrma.cli.check'].check_site = broken  # the module, which the command of that name hides\n"
              "main(['check', sys.argv[1]])\n")
    result = subprocess.run([sys.executable, "-c", script, str(REPO)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stderr == "Erreur interne de rrma (MemoryError). Merci de la signaler aux mainteneurs du portail.\n"
    assert result.stdout == ""


def test_help_documents_every_exit_code() -> None:
    result = run_rrma("check", "--help")
    text = " ".join(result.stdout.split())
    assert ("Code de sortie : 0 si tout est valide, 1 s'il y a des erreurs de contenu, 2 en cas d'erreur d'utilisation ou de mkdocs.yml invalide, "
            "3 en cas d'erreur interne de rrma") in text
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "2 en cas d'erreur d'utilisation, 3 en cas d'erreur interne de `rrma`" in readme


SECRET = "clé-privée-de-la-machine-de-construction"


@pytest.mark.parametrize("link", ["resources/cle.md", "taxonomies/themes.yml", "content/cle.md", "content/dossier"])
def test_a_link_out_of_the_repository_is_refused_unread(link: str, tmp_path: Path) -> None:
    """A pull request can add a symbolic link to any file of the machine that builds it: it is
    named as such, and what it leads to is neither read, nor shown, nor published."""
    secret = tmp_path / "ailleurs" / "cle.md"
    secret.parent.mkdir()
    secret.write_text(f"---\ntitle: {SECRET}\nsummary: {SECRET}\ntype: guide\nnetworks: [centraider]\n---\n{SECRET}\n", encoding="utf-8")
    tree = copy_content(tmp_path / "depot", site=True)
    target = tree / link
    if target.exists():
        target.unlink()
    target.symlink_to(secret.parent if link.endswith("dossier") else secret)
    result = run_rrma("check", tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{link}:1:1: lien symbolique vers « {secret.parent if link.endswith('dossier') else secret} », hors du dépôt, attendu un fichier du dépôt" in result.stdout
    assert "[RRMA030]" in result.stdout and SECRET not in result.stdout + result.stderr


def test_a_build_with_a_link_out_of_the_repository_publishes_nothing(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort, PluginError

    from tests.conftest import build_site

    secret = tmp_path / "cle.txt"
    secret.write_text(SECRET, encoding="utf-8")
    tree = copy_content(tmp_path / "depot", site=True)
    (tree / "content" / "cle.txt").symlink_to(secret)
    with pytest.raises((Abort, PluginError)):
        build_site(tree)
    site = tree / "site"
    assert not site.exists() or not any(SECRET in p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())


def _resource(body: str) -> str:
    return f"---\ntitle: Un texte imbriqué\nsummary: Pour voir.\ntype: fiche-pratique\nnetworks: [centraider]\n---\n{body}\n"


DEEP = {  # just past the check's bounds; far deeper still, Python-Markdown exhausts the stack during the build
    "liste": "".join("    " * i + f"- niveau {i}\n" for i in range(300)),
    "encadre": "".join("    " * i + "!!! note\n" for i in range(400)) + "    " * 400 + "texte\n",
    "gras": "**" * 1000 + "texte" + "**" * 1000,
    "citation": ">" * 3000 + " texte",
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_a_text_nested_deep_enough_to_stop_the_build_is_a_finding_of_the_check(name: str, tmp_path: Path) -> None:
    tree = copy_content(tmp_path)
    (tree / "resources" / f"{name}.md").write_text(_resource(DEEP[name]), encoding="utf-8")
    result = run_rrma("check", tree)
    assert result.returncode == 1 and "[RRMA031]" in result.stdout and f"resources/{name}.md:" in result.stdout, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_a_text_nested_just_within_the_check_s_bounds_builds(tmp_path: Path) -> None:
    """What the check accepts, the build converts: 49 levels of list and of notes, 99 marks in a row."""
    from tests.conftest import build_site

    tree = copy_content(tmp_path, site=True)
    within = {
        "liste": "".join("    " * i + f"- niveau {i}\n" for i in range(50)),
        "encadre": "".join("    " * i + "!!! note\n" for i in range(49)) + "    " * 49 + "texte\n",
        "gras": "**" * 24 + "texte" + "**" * 24,
        "citation": ">" * 99 + " texte",
    }
    for name, body in within.items():
        (tree / "resources" / f"{name}.md").write_text(_resource(body), encoding="utf-8")
    assert run_rrma("check", tree).returncode == 0
    build_site(tree)
    assert all((tree / "site" / "ressources" / name / "index.html").is_file() for name in within)
