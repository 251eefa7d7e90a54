"""The GitHub Pages branch: the published site at its root, one preview per pull request under ``apercus/pr-<n>/``.

Run by the workflows from the default branch's own checkout (trusted code), never from a pull request's:

- ``verifier ARTEFACT``: the artifact a pull request's build uploaded is data, never code. It must hold ``numero``
  (the pull request's number, digits only), ``action`` (``publier`` or ``retirer``) and, to publish, ``site/``:
  regular files and folders only (no link, no device), names without ``..``, control characters or backslashes,
  at most ``MAX_FILES`` files and ``MAX_BYTES`` bytes. Prints ``numero=<n>`` and ``action=<…>`` for ``$GITHUB_OUTPUT``.
- ``contenu-seulement``: reads the changed file names of a pull request on stdin; succeeds when all are content
  (``networks/``, ``events/``, ``resources/``, ``calls/``, ``taxonomies/``, ``observatory/``), which the portal sanitizes. A fork's preview is
  served from the site's own address, next to the editing form's login: only content changes are published there.
- ``deployer DEPOT (--apercu N SITE | --retirer N | --principal SITE)``: rewrites the branch in one commit
  without parent (the branch stays the size of one site plus its previews) and pushes it with
  ``--force-with-lease``: two deployments at once never lose each other's change, the later one starts again.
- ``commentaire N ADRESSE [--retire | --code]``: the French comment of the pull request.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BRANCH = "gh-pages"
PREVIEWS = "apercus"
MARKER = "<!-- apercu-du-site -->"
MAX_FILES = 50_000
MAX_BYTES = 2_000_000_000
# The content folders of mkdocs.yml's plugin options (a test keeps them equal): this script runs in the
# privileged workflow, which never installs or imports the portal's code.
CONTENT_FOLDERS = ("networks/", "events/", "resources/", "calls/", "taxonomies/", "observatory/")
_NUMBER = re.compile(r"[1-9][0-9]{0,8}")
_BAD_NAME = re.compile(r"[\x00-\x1f\x7f\\]")


class Refused(Exception):
    """The artifact or the request is not what a build of the portal produces."""


def preview_dir(number: int) -> str:
    return f"{PREVIEWS}/pr-{number}"


def preview_url(site_url: str, number: int) -> str:
    return f"{site_url.rstrip('/')}/{preview_dir(number)}/"


def check_artifact(root: Path) -> tuple[int, str]:
    """The pull request's number and the action, once every file of the artifact is known to be harmless."""
    for name in ("numero", "action"):
        path = root / name
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 20:
            raise Refused(f"« {name} » manque ou n'est pas un petit fichier")
    number_text = (root / "numero").read_text(encoding="ascii", errors="replace").strip()
    if not _NUMBER.fullmatch(number_text):
        raise Refused(f"numéro de demande de fusion invalide : {number_text!r}")
    action = (root / "action").read_text(encoding="ascii", errors="replace").strip()
    if action not in ("publier", "retirer"):
        raise Refused(f"action inconnue : {action!r}")
    if action == "publier":
        check_tree(root / "site")
    return int(number_text), action


def check_tree(site: Path) -> None:
    if site.is_symlink() or not site.is_dir():
        raise Refused("« site/ » manque ou n'est pas un dossier")
    if not (site / "index.html").is_file():
        raise Refused("« site/index.html » manque : ce n'est pas un site construit")
    files = size = 0
    for folder, dirs, names in os.walk(site):
        for name in (*dirs, *names):
            path = Path(folder) / name
            relative = path.relative_to(site).as_posix()
            if name in ("..", ".") or _BAD_NAME.search(name) or name.startswith(".git"):
                raise Refused(f"nom de fichier refusé : {relative!r}")
            if path.is_symlink():
                raise Refused(f"lien symbolique refusé : {relative!r}")
            if name in names:
                if not path.is_file():
                    raise Refused(f"fichier spécial refusé : {relative!r}")
                files += 1
                size += path.stat().st_size
    if files > MAX_FILES or size > MAX_BYTES:
        raise Refused(f"site trop grand : {files} fichiers, {size} octets")


def content_only(names: list[str]) -> bool:
    return bool(names) and all(name.startswith(CONTENT_FOLDERS) and ".." not in name.split("/") for name in names)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def apply(tree: Path, *, preview: tuple[int, Path] | None = None, remove: int | None = None, main: Path | None = None) -> None:
    """One change to the branch's files: a preview replaced or removed, or the main site replaced around the previews."""
    if preview is not None:
        number, site = preview
        shutil.rmtree(tree / preview_dir(number), ignore_errors=True)
        (tree / PREVIEWS).mkdir(exist_ok=True)
        shutil.copytree(site, tree / preview_dir(number), symlinks=True)
    if remove is not None:
        shutil.rmtree(tree / preview_dir(remove), ignore_errors=True)
    if main is not None:
        for path in tree.iterdir():
            if path.name in (".git", PREVIEWS):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        for path in main.iterdir():
            if path.name == PREVIEWS:
                raise Refused(f"le site principal ne peut pas avoir de dossier « {PREVIEWS}/ »")
            if path.is_dir():
                shutil.copytree(path, tree / path.name, symlinks=True)
            else:
                shutil.copy2(path, tree / path.name)
    (tree / ".nojekyll").write_text("", encoding="utf-8")  # files starting with « _ » are served as they are


def deploy(remote: str, message: str, attempts: int = 5, **change: object) -> None:
    for _ in range(attempts):
        with tempfile.TemporaryDirectory() as work:
            tree = Path(work)
            for args in (("init", "-q"), ("remote", "add", "origin", remote), ("config", "user.name", "github-actions[bot]"),
                         ("config", "user.email", "41898282+github-actions[bot]@users.noreply.github.com")):
                _git(tree, *args).check_returncode()
            fetched = _git(tree, "fetch", "-q", "--depth", "1", "origin", f"refs/heads/{BRANCH}")
            lease = ""
            if fetched.returncode == 0:
                lease = _git(tree, "rev-parse", "FETCH_HEAD").stdout.strip()
                _git(tree, "checkout", "-q", "FETCH_HEAD", "--", ".").check_returncode()
            apply(tree, **change)  # type: ignore[arg-type]
            _git(tree, "add", "-A").check_returncode()
            tree_id = _git(tree, "write-tree").stdout.strip()
            commit = _git(tree, "commit-tree", tree_id, "-m", message)
            commit.check_returncode()
            pushed = _git(tree, "push", "-q", f"--force-with-lease=refs/heads/{BRANCH}:{lease}", "origin", f"{commit.stdout.strip()}:refs/heads/{BRANCH}")
            if pushed.returncode == 0:
                return
            print(f"la branche {BRANCH} a changé pendant la publication, nouvel essai : {pushed.stderr.strip()}", file=sys.stderr)
    raise Refused(f"la branche {BRANCH} n'a pas pu être mise à jour après {attempts} essais")


def comment(number: int, url: str, *, removed: bool = False, code: bool = False) -> str:
    if code:
        return (f"{MARKER}\nAperçu du site non publié pour cette demande de fusion : venue d'un fork, elle modifie "
                "d'autres fichiers que le contenu (code, gabarits ou scripts du portail), qui ne sont pas publiés "
                "à l'adresse du site avant relecture.\n\n"
                "Le site construit reste téléchargeable trois jours : onglet « Checks », vérification « Vérification », "
                "artefact « apercu-du-site ».")
    if removed:
        return (f"{MARKER}\n~~Aperçu du site pour cette demande de fusion : {url}~~\n\n"
                "Aperçu retiré : la demande de fusion est fermée.")
    return (f"{MARKER}\nAperçu du site pour cette demande de fusion : {url} — mis à jour à chaque envoi\n\n"
            "Le site tel qu'il serait publié si la demande était acceptée (brouillons exclus). "
            "Il disparaît quand la demande de fusion est fermée.")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="previews.py")
    sub = parser.add_subparsers(dest="command", required=True)
    verify = sub.add_parser("verifier")
    verify.add_argument("artefact", type=Path)
    sub.add_parser("contenu-seulement")
    push = sub.add_parser("deployer")
    push.add_argument("depot")
    group = push.add_mutually_exclusive_group(required=True)
    group.add_argument("--apercu", nargs=2, metavar=("NUMERO", "SITE"))
    group.add_argument("--retirer", type=int, metavar="NUMERO")
    group.add_argument("--principal", type=Path, metavar="SITE")
    say = sub.add_parser("commentaire")
    say.add_argument("numero", type=int)
    say.add_argument("adresse")
    say.add_argument("--retire", action="store_true")
    say.add_argument("--code", action="store_true")
    args = parser.parse_args(argv)
    try:
        if args.command == "verifier":
            number, action = check_artifact(args.artefact)
            print(f"numero={number}\naction={action}")
        elif args.command == "contenu-seulement":
            return 0 if content_only([line.strip() for line in sys.stdin if line.strip()]) else 1
        elif args.command == "deployer":
            if args.apercu:
                number = int(args.apercu[0]) if _NUMBER.fullmatch(args.apercu[0]) else 0
                if not number:
                    raise Refused(f"numéro de demande de fusion invalide : {args.apercu[0]!r}")
                check_tree(Path(args.apercu[1]))
                deploy(args.depot, f"Aperçu de la demande de fusion n° {number}", preview=(number, Path(args.apercu[1])))
            elif args.retirer:
                deploy(args.depot, f"Aperçu de la demande de fusion n° {args.retirer} retiré", remove=args.retirer)
            else:
                check_tree(args.principal)
                deploy(args.depot, "Publication du site", main=args.principal)
        else:
            print(comment(args.numero, args.adresse, removed=args.retire, code=args.code))
    except Refused as exc:
        print(f"refusé : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
