"""The project a command works on: the ``rrma`` plugin's options, read from mkdocs.yml as the build reads them.

``rrma check`` must say what ``mkdocs build`` will say: MkDocs itself loads the
file (``!ENV`` tags, ``INHERIT``, each option validated by ``RrmaConfig``), then
:func:`rrma.project.project_from_options` makes the project, as the plugin's
``on_config`` does.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from ..project import Project, project_from_options

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")  # the names MkDocs looks for, in its order


class Records(logging.Handler):
    """Keeps the log records it is given (from ``level`` up), instead of printing them."""

    def __init__(self, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _quiet_mkdocs() -> Iterator[Records]:
    """MkDocs's log while it loads the file, kept here instead of printed (in English) on the terminal."""
    logger = logging.getLogger("mkdocs")
    keep, propagate = Records(), logger.propagate
    logger.addHandler(keep)
    logger.propagate = False
    try:
        yield keep
    finally:
        logger.removeHandler(keep)
        logger.propagate = propagate


def config_file(folder: Path) -> Path | None:
    return next((folder / name for name in CONFIG_FILES if (folder / name).is_file()), None)


def load_project(folder: Path) -> Project:
    """The project of the portal in ``folder``, with the options ``mkdocs build`` would use.

    The ``rrma`` plugin's options come from ``folder/mkdocs.yml`` (or
    ``mkdocs.yaml``); without that file (a bare content folder, as in the
    tests) or without the plugin in it, the defaults apply. An invalid file is
    a usage error (exit 2), told in French: the build would stop on it too.
    """
    path = config_file(folder)
    if path is None:
        return project_from_options({}, folder)
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..config import RrmaConfig

    with _quiet_mkdocs() as log:
        try:
            config = load_config(str(path))
        except (MkDocsException, OSError, ValueError, TypeError) as exc:
            raise click.ClickException(_invalid(path.name, exc, log.records)) from None
    options = next((plugin.config for plugin in config.plugins.values() if isinstance(plugin.config, RrmaConfig)), {})
    return project_from_options(options, folder, config.docs_dir)


def _what(message: str) -> list[str]:
    """The errors MkDocs logged in one record (``Config value 'plugins': Plugin 'rrma' option 'x': …``), named in French."""
    plugin = [f"option « {o} » du plugin {p}" for p, o in re.findall(r"Plugin '([^']+)' option '([^']+)'", message)]
    if plugin:
        return plugin
    missing = re.search(r'The "([^"]+)" plugin is not installed|Unrecognised theme name: \'([^\']+)\'', message)
    if missing:
        return [f"plugin « {missing.group(1)} » non installé" if missing.group(1) else f"thème « {missing.group(2)} » non installé"]
    option = re.match(r"Config value '([^']+)'", message)
    return [f"option « {option.group(1)} »"] if option else []


def _invalid(name: str, exc: Exception, records: list[logging.LogRecord]) -> str:
    """What is wrong with mkdocs.yml, in French: the options MkDocs rejected, or where its YAML breaks."""
    found = list(dict.fromkeys(w for r in records if r.levelno >= logging.ERROR for w in _what(r.getMessage())))
    position = re.search(r"line (\d+), column (\d+)", str(exc))
    if found:
        where = f" ({', '.join(found)})"
    elif position:
        where = f" (syntaxe YAML, ligne {position.group(1)}, colonne {position.group(2)})"
    else:
        where = ""
    return (f"{name} n'est pas valide{where} : le contenu n'a pas été vérifié, faute de pouvoir lire les options du plugin rrma. "
            "La construction du site s'arrêterait de même ; `mkdocs build` donne le détail.")
