"""Checks for files that content points to (logos, attachments).

A path is relative to the folder of the content file and must stay inside
its asset folder: no ``..`` escape, no absolute path, no symlink out.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path, PurePosixPath

from ..core.diagnostics import Diagnostic
from ..core.source import OUTSIDE_HINT, human_size, os_problem, outside
from ..core.suggest import did_you_mean
from ..core.yamlpos import Loc
from ..project import Project
from .base import Entry, slugify


def published_name(name: str) -> str:
    """The name a file is published under: « Rapport activité 2021.PDF » → ``rapport-activite-2021.pdf``,
    so no address or JSON-LD ever carries a raw space, an accent or a capital the editor did not mean."""
    pure = PurePosixPath(name)
    suffix = pure.suffix.lower() if pure.suffix[1:].isalnum() else ""
    stem = pure.name[: -len(pure.suffix)] if suffix else pure.name
    return (slugify(stem) or "fichier") + suffix


def check_asset(
    entry: Entry, project: Project, loc: Loc, value: str, *, folder: str, asset_dir: str, suffixes: tuple[str, ...], max_bytes: int
) -> list[Diagnostic]:
    """Problems with the file ``value`` named at ``loc`` (empty list when fine)."""
    expected = f"{asset_dir}/…"
    pure = PurePosixPath(value.replace("\\", "/"))
    name = pure.name if pure.name not in ("", "..") else "<nom du fichier>"
    place = f"placez le fichier dans {folder}/{asset_dir}/ et écrivez `{asset_dir}/{name}`"
    if pure.is_absolute() or ".." in pure.parts or value.startswith(("~", "/")) or (pure.parts and ":" in pure.parts[0]):
        return [entry.at(loc, "RRMA021", f"« {value} » sort du dossier {folder}/{asset_dir}/, attendu un chemin comme `{expected}`", place)]
    if pure.parts in ((), (asset_dir,)):  # « . », « files/ »: the folders themselves
        return [_folder(entry, loc, value, expected, folder, asset_dir)]
    if pure.parts[0] != asset_dir:
        return [entry.at(loc, "RRMA021", f"« {value} » n'est pas dans le dossier {folder}/{asset_dir}/, attendu un chemin comme `{expected}`", place)]
    if pure.suffix.lower() not in suffixes:
        return [entry.at(loc, "RRMA023", f"format « {pure.suffix or '(aucun)'} » non accepté, attendu l'un de : {', '.join(suffixes)}",
                         "convertissez le fichier dans l'un des formats acceptés")]
    base = project.dir(folder)
    target = base / Path(*pure.parts)
    try:
        target.resolve().relative_to(base.resolve() / asset_dir)
    except ValueError:
        return [entry.at(loc, "RRMA021", f"« {value} » mène hors du dossier {folder}/{asset_dir}/ (lien symbolique ?)", "remplacez le lien par le fichier lui-même")]
    except (OSError, RuntimeError) as exc:  # a symbolic link in a loop (RuntimeError before Python 3.13)
        message, hint = os_problem(target, exc)
        return [entry.at(loc, "RRMA030", f"« {value} » : {message}", hint)]
    try:
        info = target.stat()
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not target.is_symlink():
            siblings = sorted(p.name for p in target.parent.glob("*")) if target.parent.is_dir() else []
            return [entry.at(loc, "RRMA019", f"fichier « {folder}/{value} » introuvable" + did_you_mean(pure.name, siblings),
                             f"ajoutez le fichier dans {folder}/{asset_dir}/ ou corrigez le chemin (majuscules comprises)")]
        message, hint = os_problem(target, exc)
        return [entry.at(loc, "RRMA030", f"« {value} » : {message}", hint)]
    if stat.S_ISDIR(info.st_mode):
        return [_folder(entry, loc, value, expected, folder, asset_dir)]
    if not stat.S_ISREG(info.st_mode):
        return [entry.at(loc, "RRMA030", f"« {value} » n'est pas un fichier ordinaire (tube, périphérique…), attendu un fichier", "remplacez-le par le fichier lui-même")]
    if info.st_size > max_bytes:
        return [entry.at(loc, "RRMA020", f"« {value} » pèse {human_size(info.st_size)}, attendu au plus {human_size(max_bytes)}")]
    return []


def _folder(entry: Entry, loc: Loc, value: str, expected: str, folder: str, asset_dir: str) -> Diagnostic:
    return entry.at(loc, "RRMA021", f"« {value} » désigne un dossier, attendu un fichier comme `{expected}`",
                    f"placez le fichier dans {folder}/{asset_dir}/ et écrivez `{asset_dir}/<nom du fichier>`")


def links_out_of_the_repo(project: Project) -> list[Diagnostic]:
    """Symbolic links among the hand-written pages (MkDocs publishes whatever they lead to) that
    lead out of the repository: each is refused, named with where it leads."""
    docs = project.dir(project.docs_dir)
    found = []
    for folder, dirs, files in os.walk(docs) if docs.is_dir() else ():
        for name in sorted((*dirs, *files)):
            path = Path(folder) / name
            if path.is_symlink() and (target := outside(path, project.root)) is not None:
                found.append(Diagnostic(project.rel(path), 1, 1, "RRMA030", "", f"lien symbolique vers « {target} », hors du dépôt, attendu un fichier du dépôt",
                                        OUTSIDE_HINT))
    return found
