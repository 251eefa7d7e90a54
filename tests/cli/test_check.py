"""``rrma check`` end to end: the broken corpus, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import CORPUS, EXTRAS, REPO, copy_content, make_extra, overlay_corpus, run_rrma

EXPECTED = (CORPUS / "expected.txt").read_text(encoding="utf-8")
ACCEPTED = {"networks/bom-et-crlf-acceptes.yml"}  # valid despite its BOM and CRLF
BROKEN = sorted(
    p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file() and p.name != "expected.txt"
)


@pytest.fixture(scope="module")
def broken_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return overlay_corpus(copy_content(tmp_path_factory.mktemp("broken")))


def test_repository_content_is_valid() -> None:
    result = run_rrma("check", REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Contenu valide : 14 réseaux, ")
    figures = len(list((REPO / "observatory").rglob("*.yml")))
    assert result.stdout.endswith(f"appels à projets, {figures} fichiers de chiffres.\n")  # the observatory's files are counted too


@pytest.mark.parametrize(("kept", "told"), [(0, "0 fichier de chiffres."), (1, "1 fichier de chiffres."), (2, "2 fichiers de chiffres.")])
def test_summary_counts_the_observatory_files_in_french(tmp_path: Path, kept: int, told: str) -> None:
    tree = copy_content(tmp_path)
    for extra in sorted((tree / "observatory").rglob("*.yml"))[kept:]:
        extra.unlink()
    result = run_rrma("check", tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.endswith(f", {told}\n")


def test_corpus_is_large_enough() -> None:
    assert len(BROKEN) - len(ACCEPTED) >= 30


def test_broken_tree_reports_every_problem_at_once(broken_tree: Path) -> None:
    result = run_rrma("check", broken_tree)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == EXPECTED


@pytest.mark.parametrize("name", BROKEN)
def test_each_broken_file_is_named(name: str) -> None:
    reported = {line.split(":", 1)[0] for line in EXPECTED.splitlines() if not line.startswith((" ", "\n")) and ":" in line}
    if name in ACCEPTED:
        assert name not in reported
    elif name == "networks/resacoop.yaml":  # the duplicate of networks/resacoop.yml
        assert any(line.startswith("networks/resacoop.yaml:1:1: identifiant « resacoop » déjà utilisé") for line in EXPECTED.splitlines())
    else:
        assert name in reported


@pytest.mark.parametrize("name", [n for n in BROKEN if n not in ACCEPTED])
def test_each_broken_file_alone_gives_its_own_diagnostics(name: str, tmp_path: Path) -> None:
    """No cross-talk: one broken file added to valid content yields exactly its lines of the golden file."""
    tree = copy_content(tmp_path)
    target = tree / name
    target.parent.mkdir(parents=True, exist_ok=True)  # observatory/<réseau>/: a network may have no figures yet
    target.write_bytes((CORPUS / name).read_bytes())
    for extra, (needed_by, _) in EXTRAS.items():
        if needed_by == name:
            make_extra(tree, extra)
    result = run_rrma("check", "--format", "json", tree)
    assert result.returncode == 1
    got = [f"{d['path']}:{d['line']}:{d['column']}" for d in json.loads(result.stdout)]
    lines = EXPECTED.splitlines()
    expected = [line.split(": ", 1)[0] for line in lines if line.startswith(name + ":")]
    assert expected and got == expected


@pytest.mark.parametrize("name", [name for name, (needed_by, _) in EXTRAS.items() if needed_by is None])
def test_each_extra_alone_gives_its_own_diagnostics(name: str, tmp_path: Path) -> None:
    """The same for what the corpus cannot commit: symbolic links, a 30 MiB file."""
    tree = copy_content(tmp_path)
    make_extra(tree, name)
    result = run_rrma("check", tree)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    lines = EXPECTED.splitlines()
    expected = [f"{line}\n{lines[i + 1]}" for i, line in enumerate(lines) if line.startswith(name + ":")]
    assert expected and result.stdout == "\n".join(expected) + "\n\n1 erreur dans 1 fichier.\n"


def test_json_format_matches_text(broken_tree: Path) -> None:
    result = run_rrma("check", "--format", "json", broken_tree)
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert len(items) == EXPECTED.count("\n    conseil")
    first = items[0]
    assert set(first) == {"path", "line", "column", "code", "field", "message", "hint"}
    assert all(item["code"].startswith("RRMA") and item["line"] >= 1 and item["column"] >= 1 for item in items)


def test_github_format_annotates_each_line(broken_tree: Path) -> None:
    result = run_rrma("check", "--format", "github", broken_tree)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == EXPECTED.count("\n    conseil")
    assert all(line.startswith("::error file=") for line in lines)
    assert "::error file=events/fin-avant-debut.md,line=4,col=6,title=RRMA015 end::la fin (2026-11-18) précède le début" in result.stdout


def test_github_format_escapes_properties() -> None:
    from rrma.core.diagnostics import Diagnostic, format_github

    line = format_github([Diagnostic("a,b:c.md", 1, 2, "RRMA010", "x", "100% faux\nsuite", "h")])
    assert line == "::error file=a%2Cb%3Ac.md,line=1,col=2,title=RRMA010 x::100%25 faux%0Asuite — conseil : h"


@pytest.mark.parametrize(
    "args",
    [("check", "/nonexistent-folder"), ("check", "--format", "xml", "."), ("check", "--nope"), ("unknown-command",)],
)
def test_usage_errors_exit_2_without_traceback(args: tuple[str, ...]) -> None:
    result = run_rrma(*args, cwd=REPO)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_folder_that_is_not_a_portal_is_a_usage_error(tmp_path: Path) -> None:
    result = run_rrma("check", tmp_path)
    assert result.returncode == 2
    assert "ne ressemble pas au dépôt du portail" in result.stderr
