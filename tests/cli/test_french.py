"""The command line speaks French, Click's own messages included."""

from __future__ import annotations

import re

import pytest

from tests.conftest import run_rrma

ENGLISH = re.compile(r"\b(Usage|Try|Error|Show this|No such|Missing|Invalid|Got unexpected|Did you mean|COMMAND|ARGS|PATH|TEXT|INTEGER)\b")


@pytest.mark.parametrize(("args", "french"), [
    (["--help"], "Utilisation : python -m rrma [OPTIONS] COMMANDE [ARGUMENTS]..."),
    (["check", "--help"], "Affiche cette aide."),
    (["new", "resource", "--help"], "--title TEXTE"),
    (["new", "resource", "--bogus"], "Erreur : option inconnue : '--bogus'."),
    (["chek"], "commande inconnue : 'chek'. Vouliez-vous dire 'check' ?"),
    (["check", "/chemin/absent"], "Erreur : le dossier « /chemin/absent » n'existe pas"),
    (["check", "a", "b"], "Erreur : argument en trop (b)"),
])
def test_usage_help_and_errors_are_in_french(args: list[str], french: str) -> None:
    result = run_rrma(*args)
    output = result.stdout + result.stderr
    assert french in output
    assert ENGLISH.findall(output) == []
