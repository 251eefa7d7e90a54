"""``rrma codeowners``: .github/CODEOWNERS generated from the networks' ``editors``.

Each network's file and logo, and every resource and event it publishes, go
to that network's editors for review, so a new network gets its lines as
soon as its file lists editors.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..kinds.site import Site, load_site
from .settings import load_project

HEADER = """\
# Fichier généré par `rrma codeowners` à partir du champ `editors` des réseaux : ne pas modifier à la main.
# Chaque fichier d'un réseau (sa fiche, son logo, ses ressources et ses événements) est confié à la relecture
# des comptes GitHub indiqués dans networks/<réseau>.yml. Les mainteneurs peuvent ajouter une ligne par défaut
# (« * @organisation/mainteneurs ») dans .github/CODEOWNERS.base, reprise en tête de ce fichier.
"""


def render(site: Site, base: str = "") -> str:
    project = site.project
    editors = {n.id: n.data.editors for n in site.networks}
    lines = [HEADER.rstrip("\n")]
    if base.strip():
        lines += ["", base.strip()]
    for network in site.networks:
        if network.data.editors:
            owners = " ".join(network.data.editors)
            lines += ["", f"# {network.data.name}", f"/{network.path} {owners}"]
            if network.data.logo:
                lines.append(f"/{project.networks_dir}/{network.data.logo.file} {owners}")
    items = []
    for entry in [*site.resources, *site.events]:
        owners = sorted({h for n in entry.data.networks for h in editors.get(n, [])})
        if owners:
            items.append(f"/{entry.path} {' '.join(owners)}")
    if items:
        lines += ["", "# Ressources et événements, confiés aux réseaux qui les publient"] + sorted(items)
    return "\n".join(lines) + "\n"


@click.command()
@click.argument("path", default=".", metavar="[DOSSIER]", type=click.Path(file_okay=False, path_type=Path))
@click.option("--check", "check_only", is_flag=True, help="Ne rien écrire ; code 1 si .github/CODEOWNERS n'est pas à jour.")
def codeowners(path: Path, check_only: bool) -> None:
    """Génère .github/CODEOWNERS à partir des relecteurs déclarés par chaque réseau."""
    site, problems = load_site(load_project(path))
    if problems:
        raise click.ClickException("contenu invalide : lancez `rrma check` pour le détail")
    base_file = path / ".github" / "CODEOWNERS.base"
    text = render(site, base_file.read_text(encoding="utf-8") if base_file.is_file() else "")
    target = path / ".github" / "CODEOWNERS"
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if check_only:
        if current != text:
            click.echo(".github/CODEOWNERS n'est pas à jour : lancez `rrma codeowners`", err=True)
            sys.exit(1)
        click.echo(".github/CODEOWNERS est à jour.")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(".github/CODEOWNERS écrit.")
