"""Reading content files: encoding, empty files, front matter.

Accepts what editors' tools produce (a UTF-8 byte-order mark, Windows line
endings) and refuses, with a position, what would be silently mangled.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .catalogue import hint_for
from .diagnostics import Diagnostic

# A content file is metadata and a presentation: a few kilobytes. Far above that, and far
# below what would take a parser seconds and hundreds of megabytes.
MAX_CONTENT_BYTES = 1024 * 1024

OUTSIDE_HINT = "remplacez le lien symbolique par le fichier lui-même, ou supprimez-le"
_LINK_HINT = "remplacez le lien symbolique par le fichier lui-même (ou corrigez sa cible), ou supprimez-le"


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} ko"


def os_problem(file: Path, error: OSError | RuntimeError) -> tuple[str, str]:
    """Why ``file`` cannot be read, and what to do, in an editor's words: a message and a hint."""
    number = getattr(error, "errno", None)
    if number == errno.ELOOP or isinstance(error, RuntimeError):  # Path.resolve says « Symlink loop » with a RuntimeError
        return "lien symbolique en boucle (il renvoie à lui-même), attendu un fichier", _LINK_HINT
    if number == errno.ENOENT and file.is_symlink():
        try:
            target = os.readlink(file)
        except OSError:
            target = "?"
        return f"lien symbolique vers « {target} », qui n'existe pas, attendu un fichier", _LINK_HINT
    if number in (errno.EACCES, errno.EPERM):
        return "lecture du fichier refusée, attendu un fichier lisible", "rendez le fichier lisible par tous (droits de lecture) ou supprimez-le"
    if number == errno.ENOENT:
        return "fichier disparu pendant la vérification, attendu un fichier", "relancez la vérification"
    return f"fichier illisible ({errno.errorcode.get(number or 0, number)}), attendu un fichier lisible", hint_for("RRMA030")


@dataclass
class Source:
    """A decoded text file; ``text`` uses ``\\n`` line endings, without BOM."""

    path: str
    text: str


def outside(file: Path, root: Path) -> str | None:
    """Where ``file`` really leads when a symbolic link takes it out of ``root`` (else None).
    A pull request may add a link to any file of the machine that builds it (a key, a token):
    what it leads to must never be read, let alone published."""
    if not file.is_symlink() and not any(parent.is_symlink() for parent in file.parents if parent != root and root in parent.parents):
        return None
    try:
        real = file.resolve(strict=True)
    except (OSError, RuntimeError):  # a loop or a link to nothing: reported when the file is opened
        return None
    return None if real.is_relative_to(root.resolve()) else os.readlink(file) if file.is_symlink() else str(real)


def read_source(file: Path, rel: str, max_bytes: int = MAX_CONTENT_BYTES, *, root: Path | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """The text of ``file``; its size is checked before a byte is read, and a link that leads
    nowhere, a pipe or a device is named, never waited on or read without end. With ``root``,
    a file that a symbolic link takes out of ``root`` is refused unread."""
    if root is not None and (target := outside(file, root)) is not None:
        return None, [Diagnostic(rel, 1, 1, "RRMA030", "", f"lien symbolique vers « {target} », hors du dépôt, attendu un fichier du dépôt", OUTSIDE_HINT)]
    try:  # non-blocking: opening a named pipe must not wait for a writer
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return None, [Diagnostic(rel, 1, 1, "RRMA030", "", *os_problem(file, exc))]
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        kind = "un dossier" if stat.S_ISDIR(info.st_mode) else "un tube ou un périphérique"
        return None, [Diagnostic(rel, 1, 1, "RRMA030", "", f"c'est {kind}, pas un fichier, attendu un fichier texte", "supprimez-le ou remplacez-le par un fichier")]
    if info.st_size > max_bytes:
        os.close(fd)
        return None, [_too_big(rel, human_size(info.st_size), max_bytes)]
    with os.fdopen(fd, "rb") as handle:
        try:
            raw = handle.read(info.st_size + 1)  # one byte more: a file that grew, or says it is empty (/proc)
            if len(raw) > info.st_size:
                raw += handle.read(max_bytes + 1 - len(raw))
        except OSError as exc:
            return None, [Diagnostic(rel, 1, 1, "RRMA030", "", *os_problem(file, exc))]
    if len(raw) > max_bytes:  # grew since it was measured
        return None, [_too_big(rel, f"plus de {human_size(max_bytes)}", max_bytes)]
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


def _too_big(rel: str, size: str, max_bytes: int) -> Diagnostic:
    return Diagnostic(rel, 1, 1, "RRMA020", "", f"le fichier pèse {size}, attendu au plus {human_size(max_bytes)} pour un fichier de contenu",
                      "un fichier de contenu ne contient que des métadonnées et une présentation de quelques kilo-octets : "
                      "raccourcissez-le ; un document se joint dans `attachments` (ou se publie ailleurs, avec son adresse)")


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
