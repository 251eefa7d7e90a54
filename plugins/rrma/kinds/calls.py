"""Calls for projects and funding schemes: ``calls/<slug>.md``, front matter plus a Markdown description.

A call is funded by one or more organisations (:class:`Organisation`) and relayed
by networks of the portal. Its dates are read as events' are (``2026-06-15`` or
``2026-06-15 12:00``), as the wall time of ``timezone`` when given, else of
Paris: a call of the Région Guadeloupe closes at noon in Guadeloupe.

A closing date is optional: some calls are announced without one, and say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import Field

from ..core.diagnostics import Diagnostic
from ..core.types import PARIS, CountryCode, EventTime, Odd, RegionCode, ReviewDate, Slug, Text, TimeZoneName, Url, in_zone
from ..project import Project
from .base import Collection, Entry, Model, markup_problems, ref
from .localtime import zone_of
from .organisations import Organisation
from .resources import Attachment, attachment_problems
from .taxonomies import Taxonomy


class Round(Model):
    """Une session d'un appel qui en a plusieurs."""

    title: Text | None = Field(None, title='Intitulé', max_length=120, description="Intitulé de la session : « Session de printemps », « 2e vague »")
    opens: EventTime | None = Field(None, title='Ouverture', description="Ouverture de la session : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM")
    closes: EventTime = Field(title='Clôture', description="Clôture de la session : AAAA-MM-JJ (fin de journée) ou AAAA-MM-JJ HH:MM")


class Winner(Model):
    """Un lauréat, une fois les résultats publiés."""

    name: Text = Field(title='Nom', max_length=200, description="Nom de la structure lauréate")
    project: Text | None = Field(None, title='Projet', max_length=300, description="Intitulé du projet retenu")
    amount: int | None = Field(None, title='Montant accordé', ge=0, description="Montant accordé, en euros (nombre entier, sans espace)")
    url: Url | None = Field(None, title='Adresse', description="Page du projet ou de la structure")


class Call(Model):
    """Un appel à projets ou un dispositif de financement relayé par les réseaux."""

    title: Text = Field(title='Titre', max_length=200, description="Titre de l'appel, tel que le financeur le publie")
    summary: Text = Field(title='Résumé', max_length=300, description="Résumé en une ou deux phrases (300 caractères au plus) : ce qui est financé, pour qui")
    funders: list[Organisation] = Field(title='Financeurs', min_length=1, description="Financeurs de l'appel : nom complet, site web et rôle s'il y a lieu")
    networks: list[Slug] = Field(title='Réseaux qui relaient', min_length=1, json_schema_extra=ref("networks"), description="Réseaux qui relaient l'appel : noms de fichiers de networks/ sans `.yml`")
    scheme: Text | None = Field(None, title='Dispositif ou programme', max_length=200, description="Dispositif ou programme dont l'appel fait partie : « Programme RECITAL ODD »")
    audiences: list[Slug] = Field(title='Qui peut candidater', default_factory=list, json_schema_extra=ref("audiences"), description="Structures qui peuvent candidater (voir taxonomies/audiences.yml)")
    regions: list[RegionCode] = Field(title='Régions', default_factory=list, json_schema_extra=ref("regions"), description="Régions dont les porteurs peuvent candidater : codes INSEE (voir taxonomies/regions.yml)")
    countries: list[CountryCode] = Field(title='Pays', default_factory=list, json_schema_extra=ref("countries"), description="Pays où les projets peuvent avoir lieu : codes ISO 3166-1 à deux lettres")
    zones: list[Slug] = Field(title='Zones géographiques', default_factory=list, json_schema_extra=ref("zones"), description="Zones du monde concernées (voir taxonomies/zones.yml)")
    themes: list[Slug] = Field(title='Thématiques', default_factory=list, json_schema_extra=ref("themes"), description="Thématiques (voir taxonomies/themes.yml)")
    odd: list[Odd] = Field(title='ODD', default_factory=list, json_schema_extra=ref("odd"), description="Objectifs de développement durable concernés, numéros de 1 à 17")
    amount_min: int | None = Field(None, title='Montant minimum', ge=0, description="Montant minimum d'une subvention, en euros (nombre entier, sans espace)")
    amount_max: int | None = Field(None, title='Montant maximum', ge=0, description="Montant maximum d'une subvention, en euros (nombre entier, sans espace)")
    cofunding_rate: float | None = Field(None, title='Taux de cofinancement', ge=0, le=100, description="Part maximale du budget du projet prise en charge, en pourcentage (de 0 à 100)")
    opens: EventTime | None = Field(None, title='Ouverture', description="Ouverture des candidatures : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM")
    closes: EventTime | None = Field(None, title='Clôture', description="Clôture des candidatures : AAAA-MM-JJ (jusqu'à la fin du jour) ou AAAA-MM-JJ HH:MM ; absente si le financeur n'en publie pas")
    timezone: TimeZoneName | None = Field(None, title='Fuseau horaire', description="Fuseau horaire IANA des heures écrites (America/Guadeloupe…), si ce n'est pas celui de la région : sans lui, celui de la seule région de l'appel, ou Paris")
    rounds: list[Round] = Field(title='Sessions', default_factory=list, description="Sessions successives, chacune avec son ouverture et sa clôture")
    apply_url: Url | None = Field(None, title='Adresse pour candidater', description="Page ou formulaire de candidature")
    attachments: list[Attachment] = Field(title='Documents joints', default_factory=list, description="Règlement, cahier des charges, dossier : fichiers dans calls/files/ ou adresses web")
    source_url: Url | None = Field(None, title="Page de l'appel", description="Page où le financeur ou le réseau publie l'appel")
    winners: list[Winner] = Field(title='Lauréats', default_factory=list, description="Lauréats, une fois l'appel clôturé et les résultats publiés")
    draft: bool = Field(False, title='Brouillon', description="`true` : brouillon visible seulement en prévisualisation locale")
    reviewed: ReviewDate | None = Field(None, title='Vérifié le', description="Jour où le contenu a été vérifié (toujours juste, liens compris) : AAAA-MM-JJ")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone) if self.timezone else PARIS

    def moment(self, value: date | datetime, *, end: bool) -> datetime:
        """A date or time of the file as an instant: a time is the wall time of the call's zone;
        a date starts at midnight, or, for a closing date, lasts until the next midnight."""
        if isinstance(value, datetime):
            return in_zone(value, self.zone)  # type: ignore[return-value]
        return datetime.combine(value + timedelta(days=1) if end else value, time(0), tzinfo=self.zone)

    def windows(self) -> list[tuple[datetime | None, datetime | None]]:
        """When one may apply: one window per round, or the call's own (either end may be unknown)."""
        spans = [(r.opens, r.closes) for r in self.rounds] if self.rounds else [(self.opens, self.closes)]
        return [(self.moment(o, end=False) if o is not None else None, self.moment(c, end=True) if c is not None else None) for o, c in spans]

    def last_closing(self) -> date | datetime | None:
        """The last closing date or time as written (the call's own, or its last round's)."""
        values = [v for v in (self.closes, *(r.closes for r in self.rounds)) if v is not None]
        return max(values, key=lambda v: self.moment(v, end=True), default=None)

    def last_close(self) -> datetime | None:
        closes = [c for _, c in self.windows() if c is not None]
        own = self.moment(self.closes, end=True) if self.closes is not None else None
        return max([*closes, *([own] if own else [])], default=None)


def _as_written(moment: date | datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else moment.isoformat()


def localised(call: Call, regions: Taxonomy | None) -> Call:
    """The call with ``timezone`` set by the rule of events (:mod:`rrma.kinds.localtime`): its own,
    else that of its only region (a call of the Région Guadeloupe closes at Guadeloupe time), else Paris."""
    zone = zone_of(call.timezone, call.regions[0] if len(call.regions) == 1 else None, regions)
    return call if zone == (call.timezone or "Europe/Paris") else call.model_copy(update={"timezone": zone})


def rules(entry: Entry[Call], project: Project) -> Iterable[Diagnostic]:
    call = entry.data
    yield from markup_problems(entry, project, entry.body)
    if call.opens is not None and call.closes is not None and call.moment(call.closes, end=True) <= call.moment(call.opens, end=False):
        yield entry.at(("closes",), "RRMA015", f"la clôture ({_as_written(call.closes)}) précède l'ouverture ({_as_written(call.opens)}), attendu une clôture après l'ouverture",
                       "vérifiez les champs `opens` et `closes`")
    if call.amount_min is not None and call.amount_max is not None and call.amount_min > call.amount_max:
        yield entry.at(("amount_min",), "RRMA024", f"le montant minimum ({call.amount_min} €) dépasse le maximum ({call.amount_max} €), attendu `amount_min` ≤ `amount_max`",
                       "vérifiez les montants, en euros et sans espace : `amount_min: 1500`, `amount_max: 5000`")
    for index, r in enumerate(call.rounds):
        loc = ("rounds", index)
        start, end = (call.moment(r.opens, end=False) if r.opens is not None else None), call.moment(r.closes, end=True)
        if start is not None and end <= start:
            yield entry.at((*loc, "closes"), "RRMA015", f"la clôture de la session ({_as_written(r.closes)}) précède son ouverture ({_as_written(r.opens)}), "  # type: ignore[arg-type]
                                                        "attendu une clôture après l'ouverture", "vérifiez les champs `opens` et `closes` de la session")
            continue
        if (call.opens is not None and start is not None and start < call.moment(call.opens, end=False)) or (
                call.closes is not None and end > call.moment(call.closes, end=True)):
            span = f"du {_as_written(call.opens) if call.opens else '…'} au {_as_written(call.closes) if call.closes else '…'}"
            yield entry.at(loc, "RRMA024", f"la session sort des dates de l'appel ({span}), attendu une session comprise dans l'appel",
                           "corrigez les dates de la session, ou celles de l'appel (`opens`, `closes`)")
        if index + 1 < len(call.rounds) and (following := call.rounds[index + 1]).opens is not None:
            if end > call.moment(following.opens, end=False):
                yield entry.at((*loc, "closes"), "RRMA024", f"la session se clôt ({_as_written(r.closes)}) après l'ouverture de la suivante ({_as_written(following.opens)}), "
                                                            "attendu des sessions l'une après l'autre, dans l'ordre", "corrigez les dates, ou l'ordre des sessions")
    last = call.last_close()
    now = datetime.combine(project.today, time(0), tzinfo=PARIS)
    if call.winners and last is not None and last > now:
        yield entry.at(("winners",), "RRMA024", f"des lauréats sont indiqués alors que l'appel n'est pas clôturé (clôture {_as_written(call.closes or call.rounds[-1].closes)}), "
                                               "attendu des lauréats seulement après la clôture", "retirez `winners` d'ici la clôture, ou corrigez la date de clôture")
    if entry.path in project.new_files and last is not None and last <= now:
        yield entry.at(("closes",) if call.closes is not None else ("rounds",), "RRMA033",
                       f"l'appel est déjà clôturé ({_as_written(call.closes or call.rounds[-1].closes)}) : il sera publié comme clôturé",
                       "c'est possible, pour garder trace de ce qui a été financé ; sinon, vérifiez la date de clôture")
    yield from attachment_problems(entry, project, call.attachments, project.calls_dir)


CALLS = Collection(
    name="calls",
    label="un appel à projets",
    folder=lambda project: project.calls_dir,
    suffixes=(".md",),
    model=Call,
    front_matter=True,
    asset_dirs=("files",),
    rules=rules,
)
