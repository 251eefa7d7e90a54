"""``rrma schemas``: write the JSON Schemas editors' tools use."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..kinds.taxonomies import load_taxonomies
from ..schemas import render_schemas
from .settings import load_project


@click.command()
@click.argument("path", default=".", metavar="[DOSSIER]", type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="Ne rien écrire ; code 1 si les schémas du dépôt ne sont pas à jour.")
def schemas(path: Path, check_only: bool) -> None:
    """Génère schemas/*.schema.json à partir du modèle de contenu et des taxonomies."""
    project = load_project(path)
    taxonomies, problems = load_taxonomies(project)
    if problems:
        raise click.ClickException("taxonomies invalides : lancez `rrma check` pour le détail")
    stale = []
    for name, text in render_schemas(taxonomies).items():
        target = path / "schemas" / name
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        stale.append(name)
        if not check_only:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    if check_only and stale:
        click.echo(f"Schémas à régénérer (`rrma schemas`) : {', '.join(stale)}", err=True)
        sys.exit(1)
    click.echo("Schémas à jour." if not stale else f"Schémas écrits : {', '.join(stale)}")
