"""The ``rrma`` command: check content without building the site."""

from __future__ import annotations

import sys

import click

from ..core.diagnostics import internal_error
from . import french  # noqa: F401 - first: Click speaks French before the commands below are declared
from .check import check
from .codeowners import codeowners
from .new import new
from .review import review
from .schemas import schemas


class _Group(click.Group):
    def main(self, *args, **kwargs):  # type: ignore[override]
        """Never show a traceback to an editor: usage errors exit 2, bugs exit 3."""
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(2)
        except click.Abort:
            click.echo("Interrompu.", err=True)
            sys.exit(2)
        except (KeyboardInterrupt, BrokenPipeError):
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - last resort, reported without traceback
            click.echo(f"{internal_error(exc)}. Merci de la signaler aux mainteneurs du portail.", err=True)
            sys.exit(3)


@click.group(cls=_Group, subcommand_metavar="COMMANDE [ARGUMENTS]...", context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rrma-portal", message="rrma %(version)s")
def main() -> None:
    """Outils du portail des RRMA : vérifier le contenu, lister ce qui est à revoir, générer les schémas."""


main.add_command(check)
main.add_command(schemas)
main.add_command(new)
main.add_command(codeowners)
main.add_command(review)
