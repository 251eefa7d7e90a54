"""PyYAML's syntax errors in an editor's words, pointing at what to fix.

French text is full of apostrophes and quotes, and a value may start with
« [ » or « @ »: the commonest slips get their own explanation and a fix
written with the editor's own value.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .catalogue import hint_for
from .diagnostics import Diagnostic

# French renderings of PyYAML's most common problems; unknown ones are kept as is.
_PROBLEMS = [
    ("mapping values are not allowed here", "deux-points inattendu (une valeur contenant « : » doit être entre guillemets)"),
    ("could not find expected ':'", "deux-points attendu après le nom du champ"),
    ("found character '\\t' that cannot start any token", "tabulation inattendue"),
    ("found unexpected end of stream", "fin de fichier inattendue (guillemet ou crochet non fermé ?)"),
    ("did not find expected key", "nom de champ attendu (indentation incohérente ?)"),
    ("did not find expected '-' indicator", "élément de liste `- ` attendu (indentation incohérente ?)"),
    ("expected <block end>, but found", "indentation incohérente"),
    ("did not find expected node content", "valeur attendue"),
    ("found undefined alias", "alias YAML `*` sans ancre correspondante"),
    ("found unknown escape character", "séquence d'échappement inconnue entre guillemets doubles (utilisez des guillemets simples)"),
    ("found character that cannot start any token", "caractère inattendu en début de valeur (mettez la valeur entre guillemets)"),
    ("but found another document", "un seul bloc de métadonnées est attendu"),
    ("expected a single document in the stream", "un seul document YAML est attendu"),
]


def problem_fr(problem: str) -> str:
    for needle, french in _PROBLEMS:
        if needle in problem:
            return french
    return f"erreur de syntaxe ({problem})"


_CLOSERS = {"'": "à l'apostrophe", '"': "au guillemet", "[": "au crochet", "{": "à l'accolade"}


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted value."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def syntax_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[Any, str, str]:
    """Where a syntax error is, what it is and how to fix it, in an editor's words.

    French text is full of apostrophes and quotes, and a value may start with
    « [ » or « @ »: those get their own explanation, pointing at the value."""
    problem, mark = exc.problem or exc.context or "", exc.problem_mark or exc.context_mark
    lines = text.split("\n")
    if "expected <block end>, but found" in problem and mark is not None and mark.line < len(lines):
        line = lines[mark.line]
        key = re.match(r"\s*(?:- )?([^:#]+):\s+(['\"\[{])", line)
        if key and key.end() <= mark.column:
            name, opener = key.group(1).strip(), key.group(2)
            value = re.sub(r"\s+#\s.*$", "", line[key.end() - 1:]).strip()  # without a comment at the end of the line
            inner = value[1:-1] if value.endswith(opener) else value[1:]
            fix = {"'": f"une apostrophe dans un texte entre apostrophes s'écrit deux fois ('') ; ou mettez le texte entre guillemets : {name}: {_quoted(inner)}",
                   '"': f"mettez le texte entre apostrophes, une apostrophe intérieure écrite deux fois : {name}: '{inner.replace(chr(39), chr(39) * 2)}' ; ou employez les guillemets français « »",
                   "[": f"une valeur qui commence par [ est lue comme une liste : mettez le texte entre guillemets, {name}: \"{value}\"",
                   "{": f"une valeur qui commence par {{ est lue comme un groupe : mettez le texte entre guillemets, {name}: \"{value}\""}[opener]
            return mark, f"la valeur de « {name} » se termine {_CLOSERS[opener]} qui la ferme, mais le texte continue après", fix
    character = re.match(r"found character '(.)' that cannot start any token", problem)
    if character and character.group(1) != "\t":
        return mark, f"le caractère « {character.group(1)} » ne peut pas commencer une valeur", "mettez toute la valeur entre guillemets, par exemple \"@reseau\""
    if re.match(r"expected ',' or '[\]}]', but got '<scalar>'", problem):  # « ['l'eau', x] »: a quote closes an item early
        return mark, "dans la liste, un élément se termine à l'apostrophe ou au guillemet qui le ferme, mais le texte continue", \
            "mettez l'élément entre guillemets doubles s'il contient une apostrophe (\"l'eau\"), ou écrivez un élément par ligne précédé de « - »"
    if re.match(r"expected ',' or '[\]}]', but got", problem) and exc.context_mark is not None:
        return exc.context_mark, "liste ou groupe entre crochets jamais fermé", "fermez-le sur la même ligne (« ] » ou « } »), ou écrivez un élément par ligne précédé de « - »"
    if "found unexpected end of stream" in problem and "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        return exc.context_mark, "guillemet ouvert ici et jamais fermé", "ajoutez le guillemet (ou l'apostrophe) fermant à la fin de la valeur"
    return mark, problem_fr(problem), hint_for("RRMA005")


def _lines_list(numbers: list[int]) -> str:
    """« ligne 3 », « lignes 3, 5 et 7 », « lignes 3, 5, 7, … » beyond eight."""
    if len(numbers) == 1:
        return f"ligne {numbers[0]}"
    shown = [str(n) for n in numbers[:8]]
    return "lignes " + (", ".join(shown) + ", …" if len(numbers) > 8 else ", ".join(shown[:-1]) + " et " + shown[-1])


def untab(text: str, path: str, line_offset: int = 0) -> tuple[Diagnostic | None, list[str]]:
    """Tabs in indentation (PyYAML refuses them with a cryptic message): one diagnostic for the whole
    file, with their count and how many spaces to write instead, and the texts to read in its place,
    so that the file's other fields are still checked: each such tab as one space (every column as
    the editor sees it), then as the file's indentation (where tabs and spaces are mixed)."""
    if "\t" not in text:
        return None, [text]
    lines = text.split("\n")
    spaced = [len(line) - len(line.lstrip(" ")) for line in lines if line.strip() and "\t" not in line[: len(line) - len(line.lstrip(" \t")) + 2]]
    unit = min((n for n in spaced if n > 0), default=2)
    found: list[tuple[int, int]] = []  # (line, column), 1-based
    tabs = 0
    narrow, wide = list(lines), list(lines)
    for number, line in enumerate(lines):
        match = re.match(r"[ \t]*(?:-\t[ \t]*)?", line)
        lead = match.group(0) if match else ""
        if "\t" in lead:
            found.append((number + 1, lead.index("\t") + 1))
            tabs += lead.count("\t")
            narrow[number] = lead.replace("\t", " ") + line[len(lead):]
            wide[number] = lead.replace("\t", " " * unit) + line[len(lead):]
    if not found:
        return None, [text]
    line, column = found[0]
    count = f"{tabs} tabulations" if tabs > 1 else "une tabulation"
    message = f"{count} dans l'indentation ({_lines_list([n + line_offset for n, _ in found])}), attendu des espaces"
    where = " (comme les autres lignes du fichier)" if any(n > 0 for n in spaced) else ""
    hint = f"YAML n'accepte que des espaces pour indenter : remplacez chaque tabulation par {unit} espaces{where}"
    return Diagnostic(path, line + line_offset, column, "RRMA006", "", message, hint), ["\n".join(narrow), "\n".join(wide)]


def quote_value(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, str] | None:
    """An unquoted « : » in a value (« title: Guide : partie 2 »): the text with that value in
    quotes, so that the other fields can still be read, and the line to write; None for any
    other error, which hides the rest of the file as before."""
    mark = exc.problem_mark
    if "mapping values are not allowed here" not in (exc.problem or "") or mark is None:
        return None
    lines = text.split("\n")
    if mark.line >= len(lines):
        return None
    match = re.match(r"(\s*(?:- )?[^\s:#'\"\[{][^:#]*:[ \t]+)([^'\"\[{|>&*!#\s].*?)\s*$", lines[mark.line])
    if not match or mark.column <= match.end(1):
        return None
    value = re.sub(r"\s+#\s.*$", "", match.group(2))
    lines[mark.line] = match.group(1) + _quoted(value)
    return "\n".join(lines), lines[mark.line].strip()
