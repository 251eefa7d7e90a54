"""Events: ``events/<slug>.md``, front matter plus a Markdown description.

``2026-11-14`` is an all-day event, ``2026-11-14 09:30`` a timed one; both ends
use the same form. Times are the local wall time of the event's place: its
``timezone:``, else its region's (Guadeloupe, La Réunion…), else Paris — see
:mod:`rrma.kinds.localtime`, which ``load_site`` applies once the regions are read.

A **programme** (a training path, a cycle of webinars) is one event file with its
``sessions:``, each with its own date, time, place or link and optional title. Not a
collection of its own: editors find it where they already put a training, write its
title, organisers, cost, level and prerequisites once, and its sessions inherit the
place and format; the programme's ``start``/``end`` frame its sessions. Each session
is in the agenda and in the calendars as its own ``VEVENT``, whose UID comes from the
session's own start (:func:`session_key`): the same across builds, untouched when
another session is added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BeforeValidator, Field, WithJsonSchema

from ..core.diagnostics import Diagnostic
from ..core.suggest import fold
from ..core.types import CountryCode, EventTime, Odd, RegionCode, ReviewDate, Slug, Text, TimeZoneName, Url, fail
from ..project import Project
from .base import Collection, Entry, Model, markup_problems, ref
from .localtime import localise, zone_of
from .organisations import Organisation, OrganizerItem
from .resources import Attachment, attachment_problems
from .taxonomies import Taxonomy

_AMOUNT = re.compile(r"^(\d+(?:[.,]\d{1,2})?)\s*(?:€|euros?|eur)$", re.I)


def _cost(value: Any) -> Any:
    """`gratuit`, an amount in euros (`15`, `12.5`), or a short text (« participation libre »)."""
    if isinstance(value, bool):
        raise fail("RRMA012", f"« {str(value).lower()} » n'est pas un tarif, attendu `gratuit`, un montant en euros ou un texte court",
                   "écrivez `cost: gratuit`, `cost: 15` (en euros) ou `cost: participation libre`")
    if isinstance(value, (int, float)):
        if value < 0:
            raise fail("RRMA022", f"le tarif {value} est négatif, attendu un montant en euros positif ou `gratuit`", "écrivez `cost: gratuit` ou le montant, par exemple `cost: 15`")
        return "gratuit" if value == 0 else value
    if isinstance(value, str):
        text = " ".join(value.split())
        if fold(text) in ("gratuit", "gratuite", "entree gratuite", "acces gratuit"):
            return "gratuit"
        if re.fullmatch(r"\d+(?:[.,]\d{1,2})?", text):  # « 15 » typed in a form or at a prompt: the amount
            amount = float(text.replace(",", "."))
            return "gratuit" if amount == 0 else (int(amount) if amount.is_integer() else amount)
        if m := _AMOUNT.match(text):
            amount = m.group(1).replace(",", ".")
            raise fail("RRMA012", f"« {value} » : le montant s'écrit seul, en euros, attendu {amount}", f"écrivez `cost: {amount}` (le site affiche « {m.group(1)} € »)")
    return value


Cost = Annotated[int | float | str, BeforeValidator(_cost), WithJsonSchema({"anyOf": [{"const": "gratuit"}, {"type": "number", "minimum": 0}, {"type": "string", "minLength": 1}]})]


class Place(Model):
    """Un des lieux d'un événement."""

    venue: Text | None = Field(None, title='Lieu', description="Salle ou bâtiment")
    address: Text | None = Field(None, title='Adresse', max_length=200, description="Adresse postale (rue, code postal)")
    city: Text = Field(title='Ville', description="Ville")
    region: RegionCode | None = Field(None, title='Région', json_schema_extra=ref("regions"), description="Code INSEE de la région (voir taxonomies/regions.yml)")


class Session(Model):
    """Une séance d'un programme : une journée de formation, un webinaire d'un cycle."""

    title: Text | None = Field(None, title='Intitulé', max_length=150, description="Intitulé de la séance, s'il en a un")
    start: EventTime = Field(title='Début', description="Début : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM (heure du lieu)")
    end: EventTime | None = Field(None, title='Fin', description="Fin, sous la même forme que le début")
    mode: Literal["sur-place", "en-ligne", "hybride"] | None = Field(None, title='Format', description="`sur-place`, `en-ligne` ou `hybride` ; par défaut, celui du programme")
    venue: Text | None = Field(None, title='Lieu', description="Salle ou bâtiment, si ce n'est pas celui du programme")
    city: Text | None = Field(None, title='Ville', description="Ville, si ce n'est pas celle du programme")
    region: RegionCode | None = Field(None, title='Région', json_schema_extra=ref("regions"), description="Code INSEE de la région, si ce n'est pas celle du programme")
    online_url: Url | None = Field(None, title='Lien de connexion', description="Adresse pour suivre la séance en ligne")
    full: bool = Field(False, title='Complet', description="`true` quand la séance n'a plus de place")

    @property
    def last_day(self) -> date:
        end = self.end or self.start
        return end.date() if isinstance(end, datetime) else end


def session_key(session: Session) -> str:
    """A session's name in UIDs and anchors, from its start as written: ``20270115`` or ``20270115t0930``."""
    return session.start.strftime("%Y%m%dt%H%M") if isinstance(session.start, datetime) else session.start.strftime("%Y%m%d")


class Event(Model):
    """Un événement relayé par un ou plusieurs réseaux, organisé par eux ou par d'autres."""

    title: Text = Field(title='Titre', max_length=150, description="Titre de l'événement")
    summary: Text | None = Field(None, title='Résumé', max_length=300, description="Résumé en une ou deux phrases (300 caractères au plus)")
    start: EventTime = Field(title='Début', description="Début : AAAA-MM-JJ (toute la journée) ou AAAA-MM-JJ HH:MM (heure du lieu : celle de la région, de Paris en métropole)")
    end: EventTime | None = Field(None, title='Fin', description="Fin, sous la même forme que le début ; absent pour un événement d'une journée")
    networks: list[Slug] = Field(title="Réseaux qui relaient l'événement", min_length=1, json_schema_extra=ref("networks"),
                                 description="Réseaux du portail qui publient et relaient l'événement : noms de fichiers de networks/ sans `.yml`")
    organizers: list[OrganizerItem] = Field(title='Organisateurs', default_factory=list,
                                            description="Qui organise, tel que l'annonce le dit : `- network: <fichier du réseau>` pour un réseau du portail, `- name: <nom complet>` pour une autre structure ; absent, la page dit seulement qui relaie")
    partners: list[Organisation] = Field(title='Partenaires', default_factory=list, description="Structures partenaires : `- name: <nom complet>`, avec `url` et `role` si on les connaît")
    funders: list[Organisation] = Field(title='Financeurs', default_factory=list, description="Structures qui financent : `- name: <nom complet>`, avec `url` et `role` si on les connaît")
    kind: Slug = Field(title="Type d'événement", json_schema_extra=ref("event-kinds"), description="Type d'événement (voir taxonomies/event-kinds.yml)")
    mode: Literal["sur-place", "en-ligne", "hybride"] = Field("sur-place", title='Format', description="`sur-place`, `en-ligne` ou `hybride`")
    venue: Text | None = Field(None, title='Lieu', description="Lieu (salle, bâtiment, adresse)")
    city: Text | None = Field(None, title='Ville', description="Ville")
    region: RegionCode | None = Field(None, title='Région', json_schema_extra=ref("regions"), description="Code INSEE de la région (voir taxonomies/regions.yml)")
    places: list[Place] = Field(title='Lieux', default_factory=list, description="Plusieurs lieux (un festival dans plusieurs villes) : chacun avec `city` et si possible `venue`, `address`, `region` ; pour un seul lieu, `venue`, `city` et `region` suffisent")
    timezone: TimeZoneName | None = Field(None, title='Fuseau horaire', description="Fuseau horaire IANA des heures écrites (America/Guadeloupe…), si ce n'est pas celui de la région : sans lui, celui de la région, ou Paris")
    attachments: list[Attachment] = Field(title='Documents joints', default_factory=list, description="Documents joints (programme, compte rendu) : fichiers dans events/files/ ou adresses web")
    cost: Cost | None = Field(None, title='Tarif', description="`gratuit`, le montant en euros (`15`) ou un texte court (« 10 € ; 5 € pour les adhérents »)")
    places_available: int | None = Field(None, title='Nombre de places', ge=1, le=100000, description="Nombre de places offertes")
    full: bool = Field(False, title='Complet', description="`true` quand il ne reste plus de place : le bouton d'inscription disparaît")
    registration_deadline: EventTime | None = Field(None, title="Date limite d'inscription", description="Date limite d'inscription : AAAA-MM-JJ ou AAAA-MM-JJ HH:MM (heure du lieu) ; ensuite, la page dit que les inscriptions sont closes")
    online_url: Url | None = Field(None, title='Lien de connexion', description="Adresse pour suivre l'événement en ligne")
    registration_url: Url | None = Field(None, title="Lien d'inscription", description="Adresse d'inscription")
    source_url: Url | None = Field(None, title="Page d'annonce", description="Page où l'événement est annoncé")
    themes: list[Slug] = Field(title='Thématiques', default_factory=list, json_schema_extra=ref("themes"), description="Thématiques (voir taxonomies/themes.yml)")
    odd: list[Odd] = Field(title='ODD', default_factory=list, json_schema_extra=ref("odd"), description="Objectifs de développement durable concernés, numéros de 1 à 17")
    audiences: list[Slug] = Field(title='Publics', default_factory=list, json_schema_extra=ref("audiences"), description="Publics visés (voir taxonomies/audiences.yml)")
    countries: list[CountryCode] = Field(title='Pays', default_factory=list, json_schema_extra=ref("countries"), description="Pays concernés : codes ISO 3166-1 à deux lettres (SN pour le Sénégal, HT pour Haïti)")
    zones: list[Slug] = Field(title='Zones géographiques', default_factory=list, json_schema_extra=ref("zones"), description="Zones du monde concernées (voir taxonomies/zones.yml)")
    campaign: Slug | None = Field(None, title='Campagne', json_schema_extra=ref("campaigns"), description="Campagne nationale dont l'événement fait partie (voir taxonomies/campaigns.yml)")
    sessions: list[Session] = Field(title='Séances', default_factory=list, description="Séances d'un programme (parcours de formation, cycle de webinaires), dans l'ordre des dates : chacune avec `start`, et si besoin `end`, `title`, son lieu ou son lien")
    level: Text | None = Field(None, title='Niveau', max_length=80, description="Niveau attendu, en quelques mots : « initiation », « approfondissement »")
    prerequisites: Text | None = Field(None, title='Prérequis', max_length=300, description="Ce qu'il faut savoir ou avoir fait avant de s'inscrire")
    draft: bool = Field(False, title='Brouillon', description="`true` : brouillon visible seulement en prévisualisation locale")
    reviewed: ReviewDate | None = Field(None, title='Vérifié le', description="Jour où le contenu a été vérifié (toujours juste, liens compris) : AAAA-MM-JJ")

    @property
    def network_ids(self) -> list[str]:
        """The networks of the portal the event belongs to: those that relay it, then those that organise it."""
        return list(dict.fromkeys([*self.networks, *(o.network for o in getattr(self, "organizers", []) if o.network)]))

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def last_day(self) -> date:
        end = self.end or self.start
        return end.date() if isinstance(end, datetime) else end

    @property
    def all_places(self) -> list[Place]:
        """Every place: ``places``, or the one place of ``venue``/``city``/``region`` (none online)."""
        if self.places:
            return self.places
        if self.city is None and self.region is None and self.venue is None:
            return []
        return [Place.model_construct(venue=self.venue, address=None, city=self.city, region=self.region)]

    @property
    def main_region(self) -> str | None:
        """The region whose time zone the times are in: ``region``, else the first place's (a tour across
        zones says its own ``timezone``)."""
        return self.region or next((p.region for p in self.places if p.region), None)

    @property
    def zone(self) -> ZoneInfo:
        """The zone of the times (Paris until :func:`rrma.kinds.localtime.localise` gave the place's)."""
        return ZoneInfo(self.timezone or "Europe/Paris")

    def starts_at(self) -> datetime:
        """Start as an aware datetime (midnight where it happens for all-day events)."""
        if isinstance(self.start, datetime):
            return self.start
        return datetime.combine(self.start, time(0), tzinfo=self.zone)

    def ends_at(self) -> datetime:
        """End as an aware datetime (the next midnight for all-day events)."""
        end = self.end or self.start
        if isinstance(end, datetime):
            return end
        return datetime.combine(end + timedelta(days=1), time(0), tzinfo=self.zone)


def localised(event: Event, regions: Taxonomy | None) -> Event:
    """The event with its times in the zone of its place (see :mod:`rrma.kinds.localtime`) and
    ``timezone`` set to that zone."""
    zone = zone_of(event.timezone, event.main_region, regions)
    sessions = [localise(s, zone_of(event.timezone, s.region or event.main_region, regions), ("start", "end")) for s in event.sessions]
    return localise(event, zone, ("start", "end", "registration_deadline")).model_copy(update={"timezone": zone, "sessions": sessions})


def rules(entry: Entry[Event], project: Project) -> Iterable[Diagnostic]:
    event = entry.data
    yield from markup_problems(entry, project, entry.body)
    if event.end is not None:
        if isinstance(event.start, datetime) != isinstance(event.end, datetime):
            yield entry.at(("end",), "RRMA024", "le début et la fin ne sont pas de la même forme, attendu deux dates ou deux dates avec heure",
                           "écrivez `start` et `end` tous deux en AAAA-MM-JJ, ou tous deux en AAAA-MM-JJ HH:MM")
        elif event.end < event.start:  # type: ignore[operator]
            yield entry.at(("end",), "RRMA015", f"la fin ({_as_written(event.end)}) précède le début ({_as_written(event.start)}), "
                                                "attendu une fin postérieure ou égale au début")
    yield from attachment_problems(entry, project, event.attachments, project.events_dir)
    yield from _deadline(entry)
    yield from _sessions(entry)
    if event.places and (single := [f for f in ("venue", "city", "region") if getattr(event, f) is not None]):
        yield entry.at((single[0],), "RRMA024", f"`{single[0]}` et `places` à la fois, attendu l'un ou l'autre",
                       "pour plusieurs lieux, écrivez chacun dans `places` (`- city: …`) et supprimez `venue`, `city` et `region`")
    if event.mode in ("sur-place", "hybride") and event.city is None and event.region is None and not event.places:
        yield entry.at(("mode",), "RRMA024", f"événement « {event.mode} » sans lieu, attendu au moins `city` ou `region`",
                       "ajoutez la ville (`city:`) et si possible la salle (`venue:`) et la région (`region:`)")
    if event.mode in ("en-ligne", "hybride") and not (event.online_url or event.registration_url or event.source_url):
        yield entry.at(("mode",), "RRMA024", f"événement « {event.mode} » sans adresse pour y participer, attendu `online_url`, `registration_url` ou `source_url`",
                       "ajoutez `online_url: https://…`, ou la page d'inscription ou d'annonce qui donnera le lien")
    if event.mode == "en-ligne" and event.places:
        yield entry.at(("places",), "RRMA024", "un événement en ligne n'a pas de lieu, attendu `mode: hybride` s'il a aussi lieu sur place",
                       "indiquez `mode: hybride` ou supprimez `places`")
    if event.mode == "en-ligne" and event.venue is not None:
        yield entry.at(("venue",), "RRMA024", "un événement en ligne n'a pas de salle, attendu `mode: hybride` s'il a aussi lieu sur place",
                       "indiquez `mode: hybride` ou supprimez `venue`")


def _sessions(entry: Entry[Event]) -> Iterable[Diagnostic]:
    """A programme's sessions: each within the programme's dates, in order, not twice the same start."""
    event = entry.data
    first, last = event.start if not isinstance(event.start, datetime) else event.start.date(), event.last_day
    seen: dict[str, int] = {}
    for index, session in enumerate(event.sessions):
        loc = ("sessions", index, "start")
        day = session.start.date() if isinstance(session.start, datetime) else session.start
        if session.end is not None and isinstance(session.end, datetime) == isinstance(session.start, datetime) and session.end < session.start:  # type: ignore[operator]
            yield entry.at(("sessions", index, "end"), "RRMA015", f"la fin de la séance {index + 1} ({_as_written(session.end)}) précède son début "
                           f"({_as_written(session.start)}), attendu une fin postérieure ou égale au début")
        if day < first or session.last_day > last:
            yield entry.at(loc, "RRMA024", f"la séance {index + 1} ({_as_written(session.start)}) est en dehors des dates du programme "
                           f"({_as_written(event.start)} – {_as_written(event.end or event.start)}), attendu une séance entre le début et la fin",
                           "corrigez la date de la séance, ou `start` et `end` du programme pour qu'ils couvrent toutes ses séances")
        key = session_key(session)
        if key in seen:
            yield entry.at(loc, "RRMA024", f"la séance {index + 1} commence au même moment que la séance {seen[key] + 1} ({_as_written(session.start)}), "
                           "attendu un début par séance", "supprimez la séance en double ou corrigez sa date")
        seen.setdefault(key, index)
        if index and _sort_key(session.start) < _sort_key(event.sessions[index - 1].start):
            yield entry.at(loc, "RRMA024", f"la séance {index + 1} ({_as_written(session.start)}) précède la séance {index} "
                           f"({_as_written(event.sessions[index - 1].start)}), attendu les séances dans l'ordre des dates",
                           "rangez les séances de la première à la dernière : c'est l'ordre de la page du programme")


def _sort_key(moment: date | datetime) -> tuple[date, int]:
    return (moment.date(), moment.hour * 60 + moment.minute) if isinstance(moment, datetime) else (moment, -1)


def _deadline(entry: Entry[Event]) -> Iterable[Diagnostic]:
    event = entry.data
    deadline = event.registration_deadline
    if deadline is None:
        return
    late = deadline > event.ends_at() if isinstance(deadline, datetime) else deadline > event.last_day
    if late:
        yield entry.at(("registration_deadline",), "RRMA024", f"la date limite d'inscription ({_as_written(deadline)}) est après la fin de l'événement "
                       f"({_as_written(event.end or event.start)}), attendu une date au plus tard à la fin",
                       "vérifiez `registration_deadline` : le plus souvent, quelques jours avant `start`")


def _as_written(moment: date | datetime) -> str:
    """A date as the editor writes it in the file: 2025-05-23, or 2025-05-23 09:30."""
    return moment.strftime("%Y-%m-%d %H:%M") if isinstance(moment, datetime) else moment.isoformat()


EVENTS = Collection(
    name="events",
    label="un événement",
    folder=lambda project: project.events_dir,
    suffixes=(".md",),
    model=Event,
    front_matter=True,
    asset_dirs=("files",),
    rules=rules,
)
