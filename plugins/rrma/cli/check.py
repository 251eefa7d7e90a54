"""``rrma check [PATH]``: every content problem of a tree, in one run."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from ..core.catalogue import is_notice
from ..core.diagnostics import format_github, format_json, format_text
from ..core.history import new_files
from ..core.wording import plural as _plural
from ..kinds.site import check_site
from .settings import load_project


@click.command()
@click.argument("path", default=".", metavar="[DOSSIER]", type=click.Path(file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
              help="text : pour un humain ; github : annotations GitHub Actions ; json : liste lisible par une machine.")
@click.option("--nouveaux-depuis", "since", metavar="RÉVISION",
              help="Révision Git de départ (la branche visée par une demande de fusion, par exemple origin/main) : "
                   "les fichiers ajoutés depuis comptent comme nouveaux (un appel ajouté déjà clôturé y est signalé).")
def check(path: Path, fmt: str, since: str | None) -> None:
    """Vérifie réseaux, événements, ressources, appels à projets, chiffres de l'observatoire et taxonomies du DOSSIER.

    Les options du plugin rrma (dossiers des données, sites autorisés dans un
    cadre <iframe> : iframe_hosts…) sont lues dans le fichier mkdocs.yml du
    DOSSIER, comme le fait la construction du site ; sans mkdocs.yml, leurs
    valeurs par défaut.

    Code de sortie : 0 si tout est valide, 1 s'il y a des erreurs de contenu,
    2 en cas d'erreur d'utilisation ou de mkdocs.yml invalide, 3 en cas d'erreur
    interne de rrma (à signaler aux mainteneurs du portail).
    """
    if not path.is_dir():
        raise click.UsageError(f"le dossier « {path} » n'existe pas")
    project = load_project(path)
    folders = (project.networks_dir, project.events_dir, project.resources_dir, project.calls_dir, project.taxonomies_dir)
    if not any(project.dir(d).is_dir() for d in folders):
        raise click.UsageError(f"« {path} » ne ressemble pas au dépôt du portail (ni {', ni '.join(f'{d}/' for d in folders)})")
    project = replace(project, new_files=new_files(project.root, [project.calls_dir], since))
    counts, problems = check_site(project)
    errors = [p for p in problems if not is_notice(p.code)]
    if fmt == "json":
        click.echo(format_json(problems))
    elif fmt == "github":
        if problems:
            click.echo(format_github(problems))
    elif problems:
        click.echo(format_text(problems))
    if fmt == "text" or (fmt == "github" and not problems):
        content = (f"{_plural(counts['networks'], 'réseau', 'réseaux')}, {_plural(counts['events'], 'événement', 'événements')}, "
                   f"{_plural(counts['resources'], 'ressource', 'ressources')}, {_plural(counts['calls'], 'appel à projets', 'appels à projets')}, "
                   f"{_plural(counts['figures'], 'fichier de chiffres', 'fichiers de chiffres')}")
        notices = len(problems) - len(errors)
        remark = f" ({_plural(notices, 'remarque', 'remarques')} ci-dessus, qui n'empêche{'nt' if notices > 1 else ''} pas la publication)" if notices else ""
        if errors:
            click.echo(f"\n{_plural(len(errors), 'erreur', 'erreurs')} dans {_plural(len({p.path for p in errors}), 'fichier', 'fichiers')}{remark}.", err=fmt != "text")
        else:
            click.echo(("\n" if notices else "") + f"Contenu valide : {content}{remark}.", err=fmt != "text")
    sys.exit(1 if errors else 0)
