"""Organisations that are not networks of the portal: organisers, partners, funders.

A network of the portal is named by its file (``networks: [resacoop]``); any
other structure — a Région, a ministry, the AFD, a CRESS — by its name, with its
address and role when they are known. Every collection that credits someone
other than a network uses :class:`Organisation`, so the site-wide spelling check
and the pages treat them alike.
"""

from __future__ import annotations

from pydantic import Field

from ..core.types import Text, Url
from .base import Model


class Organisation(Model):
    """Une structure nommée : organisateur, partenaire ou financeur."""

    name: Text = Field(title='Nom', max_length=200, description="Nom complet de la structure, sans sigle seul : « Agence française de développement (AFD) »")
    url: Url | None = Field(None, title='Site web', description="Adresse du site de la structure")
    role: Text | None = Field(None, title='Rôle', max_length=120, description="Son rôle, en quelques mots : « cofinanceur », « partenaire au Sénégal »")
