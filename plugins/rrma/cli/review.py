"""``rrma review [DOSSIER]``: per network, what to check again — entries not reviewed for a while, addresses
that no longer answer — as text, as Markdown (an issue's body) or as JSON (one issue per network)."""

from __future__ import annotations

import calendar
import dataclasses
import json
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import click

from ..core.history import last_changes
from ..core.linkcheck import USER_AGENT, Answer, LinkChecker
from ..core.types import PARIS
from ..core.wording import plural
from ..kinds.base import Entry
from ..kinds.calls import Call
from ..kinds.site import Site, load_site
from ..pages.dates import day
from .settings import load_project

FIELDS = {"source_url": "page source", "website": "site web", "apply_url": "page de candidature", "url": "document joint"}


@dataclass(frozen=True)
class Stale:
    path: str
    title: str
    reviewed: date | None  # the `reviewed` date
    changed: date | None  # else the file's last commit

    def said(self) -> str:
        if self.reviewed is not None:
            return f"vérifié le {day(self.reviewed)}"
        if self.changed is not None:
            return f"jamais vérifié, modifié le {day(self.changed)}"
        return "jamais vérifié, date de modification inconnue"


@dataclass(frozen=True)
class Link:
    path: str
    line: int
    column: int
    field: str
    title: str
    url: str


@dataclass
class NetworkReview:
    id: str
    name: str
    stale: list[Stale] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Contenus à vérifier : {self.name}"


def months_before(today: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it has no such day: 31 March → 28 February)."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def _title(entry: Entry[Any]) -> str:
    data = entry.data
    return getattr(data, "title", None) or getattr(data, "name", entry.id)


def _addresses(entry: Entry[Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    data = entry.data
    found = [((name,), FIELDS[name], getattr(data, name)) for name in ("website", "apply_url", "source_url") if getattr(data, name, None)]
    for index, attachment in enumerate(getattr(data, "attachments", [])):
        if attachment.url:
            found.append((("attachments", index, "url"), FIELDS["url"], attachment.url))
    return found


def _over(data: Any, today: date) -> bool:
    """A past event, a call closed before today: a record, nothing in it to check again."""
    if isinstance(data, Call):
        closes = data.last_close()
        return closes is not None and closes <= datetime.combine(today, time(0), tzinfo=data.zone)
    return hasattr(data, "last_day") and data.last_day < today


def gather(site: Site, months: int, changed: dict[str, datetime]) -> list[NetworkReview]:
    """Each network with its entries last reviewed before ``months`` ago (past events and closed calls left out:
    nothing about them changes any more) and every address its entries give (drafts left out)."""
    limit = months_before(site.project.today, months)
    reviews = {e.id: NetworkReview(e.id, e.data.short) for e in site.networks}
    site = site.published(include_drafts=False)
    items: list[tuple[Entry[Any], list[str]]] = [(e, [e.id]) for e in site.networks]
    items += [(e, list(e.data.networks)) for e in [*site.resources, *site.events, *site.calls]]
    for entry, owners in items:
        reviewed = entry.data.reviewed
        last = changed.get(entry.path)
        last_day = last.astimezone(PARIS).date() if last else None
        past = _over(entry.data, site.project.today)
        when = reviewed or last_day
        stale = None if past or (when is not None and when >= limit) else Stale(entry.path, _title(entry), reviewed, last_day)
        links = []
        for loc, name, url in _addresses(entry):
            span = entry.positions.value(loc) if entry.positions is not None else None
            links.append(Link(entry.path, span.line if span else 1, span.column if span else 1, name, _title(entry), url))
        for owner in dict.fromkeys(owners):
            if owner in reviews:
                if stale:
                    reviews[owner].stale.append(stale)
                reviews[owner].links.extend(links)
    return sorted(reviews.values(), key=lambda r: r.id)


def _redirect(answer: Answer) -> str:
    return " → ".join(f"{url} ({code})" for code, url in answer.redirects)


def _counts(review: NetworkReview, answers: dict[str, Answer]) -> tuple[list[Link], list[Link]]:
    dead = [link for link in review.links if link.url in answers and not answers[link.url].ok]
    moved = [link for link in review.links if link.url in answers and answers[link.url].ok and answers[link.url].moved]
    return dead, moved


def text_report(reviews: list[NetworkReview], answers: dict[str, Answer], months: int) -> str:
    lines: list[str] = []
    for review in reviews:
        dead, moved = _counts(review, answers)
        if not (review.stale or dead or moved):
            continue
        lines.append(f"{review.name} (networks/{review.id}) :")
        if review.stale:
            lines.append(f"  non vérifiés depuis plus de {plural(months, 'mois', 'mois')} :")
            lines += [f"    {s.path} : « {s.title} », {s.said()}" for s in review.stale]
        if dead:
            lines.append("  adresses qui ne répondent plus :")
            lines += [f"    {d.path}:{d.line}:{d.column} : {d.field} {d.url} : {answers[d.url].why()}"
                      + (f", après {_redirect(answers[d.url])}" if answers[d.url].redirects else "") for d in dead]
        if moved:
            lines.append("  adresses déplacées (à remplacer par la nouvelle) :")
            lines += [f"    {m.path}:{m.line}:{m.column} : {m.field} {m.url} → {_redirect(answers[m.url])}" for m in moved]
        lines.append("")
    return "\n".join(lines)


def markdown_body(review: NetworkReview, answers: dict[str, Answer], months: int) -> str:
    """The body of the network's issue: a list to tick, each line naming the file and what to do."""
    dead, moved = _counts(review, answers)
    if not (review.stale or dead or moved):
        return ""
    parts = [f"Liste établie par `rrma review` (chaque semaine) pour **{review.name}**. Une fois un contenu vérifié, "
             "ajoutez `reviewed: AAAA-MM-JJ` (le jour de la vérification) à son fichier ; cette liste se met à jour "
             "d'elle-même et le ticket se ferme quand elle est vide."]
    if review.stale:
        parts.append(f"### Non vérifiés depuis plus de {plural(months, 'mois', 'mois')}\n\n"
                     + "\n".join(f"- [ ] `{s.path}` : « {s.title} », {s.said()}" for s in review.stale))
    if dead:
        parts.append("### Adresses qui ne répondent plus\n\n" + "\n".join(
            f"- [ ] `{d.path}` ligne {d.line}, {d.field} : <{d.url}> : {answers[d.url].why()}"
            + (f", après {_redirect(answers[d.url])}" if answers[d.url].redirects else "") for d in dead))
    if moved:
        parts.append("### Adresses déplacées (à remplacer par la nouvelle)\n\n" + "\n".join(
            f"- [ ] `{m.path}` ligne {m.line}, {m.field} : <{m.url}> → {_redirect(answers[m.url])}" for m in moved))
    return "\n\n".join(parts) + "\n"


def _user_agent() -> str:
    try:
        return USER_AGENT.format(version=version("rrma-portal"))
    except PackageNotFoundError:
        return USER_AGENT.format(version="0")


@click.command()
@click.argument("path", default=".", metavar="[DOSSIER]", type=click.Path(file_okay=False, path_type=Path))
@click.option("--depuis", "months", type=click.IntRange(1, 240), default=12, show_default=True, metavar="MOIS",
              help="Signale les contenus dont la dernière vérification (ou, à défaut, la dernière modification) date de plus de MOIS mois.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True,
              help="text : pour un humain ; markdown : le corps d'un ticket ; json : un ticket par réseau (titre, corps).")
@click.option("--sans-liens", "no_links", is_flag=True, help="Ne vérifie pas les adresses web (aucune requête).")
@click.option("--delai", "timeout", type=click.FloatRange(0.1, 120), default=10.0, show_default=True, metavar="SECONDES",
              help="Temps laissé à chaque site pour répondre.")
@click.option("--simultanees", "workers", type=click.IntRange(1, 32), default=8, show_default=True, metavar="N",
              help="Nombre de requêtes en même temps, au plus.")
@click.option("--par-site", "per_host", type=click.IntRange(1, 8), default=2, show_default=True, metavar="N",
              help="Nombre de requêtes en même temps vers un même site, au plus.")
@click.option("--aujourdhui", "today", type=click.DateTime(["%Y-%m-%d"]), hidden=True)
def review(path: Path, months: int, fmt: str, no_links: bool, timeout: float, workers: int, per_host: int, today: datetime | None) -> None:
    """Liste, réseau par réseau, les contenus du DOSSIER à vérifier : ceux qui ne l'ont pas été depuis
    --depuis mois (date `reviewed`, ou à défaut dernière modification connue de Git ; les événements passés
    et les appels à projets clôturés exceptés) et les adresses web (pages sources, sites, pages de candidature,
    documents joints) qui ne répondent plus ou ont changé.

    Chaque adresse est demandée une fois (HEAD, puis GET si le serveur refuse HEAD), redirections suivies.

    Code de sortie : 0 s'il n'y a rien à vérifier, 1 s'il y a des contenus ou des adresses à vérifier, 2 en cas
    d'erreur d'utilisation, de mkdocs.yml invalide ou de contenu qui ne passe pas `rrma check`, 3 en cas
    d'erreur interne de rrma (à signaler aux mainteneurs du portail).
    """
    if not path.is_dir():
        raise click.UsageError(f"le dossier « {path} » n'existe pas")
    project = load_project(path)
    if today is not None:
        project = dataclasses.replace(project, today=today.date())
    site, problems = load_site(project)
    if problems:
        raise click.ClickException(f"{plural(len(problems), 'erreur', 'erreurs')} de contenu : corrigez d'abord ce que signale `rrma check`")
    changed = last_changes(project.root, [project.networks_dir, project.events_dir, project.resources_dir, project.calls_dir])
    reviews = gather(site, months, changed)
    answers: dict[str, Answer] = {}
    if not no_links:
        checker = LinkChecker(timeout=timeout, workers=workers, per_host=per_host, user_agent=_user_agent())
        answers = checker.check_all(link.url for r in reviews for link in r.links)
    bodies = {r.id: markdown_body(r, answers, months) for r in reviews}
    if fmt == "json":
        click.echo(json.dumps([{"network": r.id, "title": r.title, "body": bodies[r.id]} for r in reviews], ensure_ascii=False, indent=2))
    elif fmt == "markdown":
        click.echo("\n".join(f"## {r.title}\n\n{bodies[r.id]}" for r in reviews if bodies[r.id]), nl=False)
    else:
        report = text_report(reviews, answers, months)
        if report:
            click.echo(report)
    todo = [r for r in reviews if bodies[r.id]]
    stale = len({s.path for r in reviews for s in r.stale})
    dead = len({link.url for r in reviews for link in _counts(r, answers)[0]})
    if fmt == "text":
        if todo:
            click.echo(f"{plural(stale, 'contenu', 'contenus')} à vérifier, {plural(dead, 'adresse', 'adresses')} qui ne "
                       f"{'répond' if dead == 1 else 'répondent'} plus, dans {plural(len(todo), 'réseau', 'réseaux')}.")
        else:
            click.echo(f"Rien à vérifier : tout a été vérifié depuis moins de {plural(months, 'mois', 'mois')}"
                       + ("." if no_links else " et chaque adresse répond."))
    sys.exit(1 if todo else 0)
