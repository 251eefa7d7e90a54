"""Checks for files that content points to (logos, attachments).

A path is relative to the folder of the content file and must stay inside
its asset folder: no ``..`` escape, no absolute path, no symlink out.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..core.diagnostics import Diagnostic
from ..core.suggest import did_you_mean
from ..core.yamlpos import Loc
from ..project import Project
from .base import Entry


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} Mo".replace(".", ",")
    return f"{max(1, round(size / 1024))} ko"


def check_asset(
    entry: Entry, project: Project, loc: Loc, value: str, *, folder: str, asset_dir: str, suffixes: tuple[str, ...], max_bytes: int
) -> list[Diagnostic]:
    """Problems with the file ``value`` named at ``loc`` (empty list when fine)."""
    expected = f"{asset_dir}/…"
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or value.startswith(("~", "/")) or ":" in pure.parts[0]:
        return [entry.at(loc, "RRMA021", f"« {value} » sort du dossier {folder}/{asset_dir}/, attendu un chemin comme `{expected}`",
                         f"placez le fichier dans {folder}/{asset_dir}/ et écrivez `{asset_dir}/{pure.name}`")]
    if pure.parts[0] != asset_dir:
        return [entry.at(loc, "RRMA021", f"« {value} » n'est pas dans le dossier {folder}/{asset_dir}/, attendu un chemin comme `{expected}`",
                         f"placez le fichier dans {folder}/{asset_dir}/ et écrivez `{asset_dir}/{pure.name}`")]
    if pure.suffix.lower() not in suffixes:
        return [entry.at(loc, "RRMA023", f"format « {pure.suffix or '(aucun)'} » non accepté, attendu l'un de : {', '.join(suffixes)}",
                         "convertissez le fichier dans l'un des formats acceptés")]
    base = project.dir(folder)
    target = base / Path(*pure.parts)
    try:
        target.resolve().relative_to(base.resolve() / asset_dir)
    except ValueError:
        return [entry.at(loc, "RRMA021", f"« {value} » mène hors du dossier {folder}/{asset_dir}/ (lien symbolique ?)", "remplacez le lien par le fichier lui-même")]
    if not target.is_file():
        siblings = sorted(p.name for p in target.parent.glob("*")) if target.parent.is_dir() else []
        return [entry.at(loc, "RRMA019", f"fichier « {folder}/{value} » introuvable" + did_you_mean(pure.name, siblings),
                         f"ajoutez le fichier dans {folder}/{asset_dir}/ ou corrigez le chemin (majuscules comprises)")]
    size = target.stat().st_size
    if size > max_bytes:
        return [entry.at(loc, "RRMA020", f"« {value} » pèse {human_size(size)}, attendu au plus {human_size(max_bytes)}")]
    return []
