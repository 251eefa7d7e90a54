"""`make build`: `mkdocs build --strict`, ending in one French line instead of MkDocs's English.

MkDocs reports a failed build twice: the plugin's message as a log line, then « Aborted with a
BuildError! » (or « Aborted with 3 warnings in strict mode! »). Here the build runs in this process
with MkDocs's own command line and options; the restatement is left out and the French line comes
last. The exit code is MkDocs's: 0 when the site is built, 1 when it is not.
"""

from __future__ import annotations

import logging
import sys

import click
from mkdocs.__main__ import cli
from mkdocs.exceptions import Abort
from rrma.core.wording import plural


class _BuildError(logging.Filter):
    """Keeps back MkDocs's « ERROR - <message> » for a BuildError, which this script says last."""

    def __init__(self) -> None:
        super().__init__()
        self.message: str | None = None

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.ERROR:
            self.message = record.getMessage()
            return False
        return True


def main(argv: list[str]) -> int:
    held = _BuildError()
    logging.getLogger("mkdocs.commands.build").addFilter(held)  # the logger of MkDocs's own « log.error(str(e)) »
    try:
        cli.main(args=["build", "--strict", *argv], prog_name="mkdocs", standalone_mode=False)
    except Abort as exc:
        if held.message is None:  # strict mode: warnings, each already printed above
            count = next((int(word) for word in str(exc).split() if word.isdigit()), 0)
            message = f"{plural(count, 'avertissement', 'avertissements')} en mode strict : le site n'a pas été modifié"
        else:
            message = held.message.removeprefix("rrma: ")
        click.echo(message, err=True)
        return 1
    except click.ClickException as exc:  # a bad option or a missing mkdocs.yml: MkDocs's own message
        exc.show()
        return exc.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
