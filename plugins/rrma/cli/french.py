"""Click's own words in French: usage, help and error messages an editor reads.

Click marks its messages for gettext (``from gettext import gettext as _`` in
each of its modules) but ships no French catalogue, and ``rrma`` must not
depend on the machine's locale. :func:`install` points those modules' ``_``
and ``ngettext`` at the table below (importing this module does it); a message missing from it stays as
Click wrote it. A test runs the commands and looks for English.
"""

from __future__ import annotations

import click

MESSAGES = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide.",
    "Show the version and exit.": "Affiche la version.",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Error: {message}": "Erreur : {message}",
    "Aborted!": "Interrompu.",
    "No such option {name!r}.": "option inconnue : {name!r}.",
    "No such command {name!r}.": "commande inconnue : {name!r}.",
    "Missing command.": "commande manquante.",
    "Missing argument": "argument manquant",
    "Missing option": "option manquante",
    "Missing parameter": "paramètre manquant",
    "Missing {param_type}": "{param_type} manquant(e)",
    "Missing parameter: {param_name}": "paramètre manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Option {name!r} does not take a value.": "l'option {name!r} ne prend pas de valeur.",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide ({number_type}).",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} introuvable.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier, attendu un dossier.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier, attendu un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} illisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} protégé en écriture.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "default: {default}": "par défaut : {default}",
    "Do you want to continue?": "Continuer ?",
    "Got unexpected extra argument ({args})": "argument en trop ({args})",
    "Got unexpected extra arguments ({args})": "arguments en trop ({args})",
    "Did you mean {possibility}?": "Vouliez-vous dire {possibility} ?",
    "(Did you mean one of: {possibilities}?)": "(Vouliez-vous dire : {possibilities} ?)",
    "Option {name!r} requires an argument.": "l'option {name!r} attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "l'option {name!r} attend {nargs} valeurs.",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} ne fait pas partie de : {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} n'a pas la forme {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} n'a aucune des formes {formats}.",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def install() -> None:
    # Help shows an option's type in capitals (« --title TEXTE »)
    click.types.STRING.name, click.types.INT.name, click.types.FLOAT.name, click.types.BOOL.name = "texte", "entier", "nombre", "oui/non"
    for module in (click.core, click.exceptions, click.formatting, click.decorators, click.parser, click.types, click.termui):
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]


install()  # on import, before rrma's commands are declared: Click translates some words when an option is made
