"""Reading content files: encoding, empty files, front matter.

Accepts what editors' tools produce (a UTF-8 byte-order mark, Windows line
endings) and refuses, with a position, what would be silently mangled.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from .catalogue import hint_for
from .diagnostics import Diagnostic


@dataclass
class Source:
    """A decoded text file; ``text`` uses ``\\n`` line endings, without BOM."""

    path: str
    text: str


def read_source(file: Path, rel: str) -> tuple[Source | None, list[Diagnostic]]:
    raw = file.read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [Diagnostic(rel, 1, 1, "RRMA001", "", "fichier encodé en UTF-16, attendu UTF-8", hint_for("RRMA001"))]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        byte = raw[exc.start]
        return None, [
            Diagnostic(
                rel, line, column, "RRMA001", "",
                f"octet 0x{byte:02X} invalide en UTF-8 (fichier probablement enregistré en Windows-1252 ou Latin-1), attendu UTF-8",
                hint_for("RRMA001"),
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Diagnostic(rel, 1, 1, "RRMA002", "", "le fichier est vide", hint_for("RRMA002"))]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Diagnostic(rel, line, 1, "RRMA001", "", "caractère nul : ce n'est pas un fichier texte", hint_for("RRMA001"))]
    return Source(rel, text), []


@dataclass
class FrontMatter:
    """A Markdown file split into its YAML front matter and its body."""

    yaml_text: str
    yaml_line_offset: int  # lines before the YAML text (the opening ---)
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(source: Source) -> tuple[FrontMatter | None, list[Diagnostic]]:
    lines = source.text.split("\n")
    if lines[0].rstrip() != "---":
        return None, [
            Diagnostic(
                source.path, 1, 1, "RRMA003", "",
                "le fichier ne commence pas par `---` : les métadonnées (titre, date…) sont absentes",
                hint_for("RRMA003"),
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter("\n".join(lines[1:index]), 1, "\n".join(lines[index + 1 :]), index + 2), []
    return None, [
        Diagnostic(
            source.path, 1, 1, "RRMA004", "",
            "la ligne `---` qui ferme les métadonnées est introuvable",
            hint_for("RRMA004"),
        )
    ]
