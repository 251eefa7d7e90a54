"""The whole portal: every collection loaded, linked and checked in one pass.

``load_site`` is what ``rrma check`` and the MkDocs plugin both call, so a
problem reads the same in a terminal, in CI and in a build log.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote, urlsplit

from ..core.diagnostics import Diagnostic, Report
from ..core.markup import Finding, anchors, local_links
from ..core.suggest import closest, did_you_mean
from ..core.urls import EVENT_FACETS, FACETS, LANDING, item_url, src_uri
from ..core.validation import SHORT_LIST
from ..project import Project
from .base import Collection, Entry, EntryCache, Loc, entry_diagnostic, load_collection, load_entry, ref_target, references
from .calls import CALLS, Call
from .calls import localised as localised_call
from .countries import country_guess
from .events import EVENTS, Event, localised
from .files import links_out_of_the_repo
from .languages import language_guess
from .networks import NETWORKS, Network
from .observatory import OBSERVATORY, Figures, departments, key_problems, network_of
from .organisations import NameUse, organisation_names, spelling_problems
from .resources import RESOURCES, Resource
from .taxonomies import Taxonomy, load_taxonomies

COLLECTIONS: tuple[Collection[Any], ...] = (NETWORKS, EVENTS, RESOURCES, CALLS, OBSERVATORY)
# Collections whose items have a page of their own (the observatory's figures show on other pages).
PAGED = ("networks", "events", "resources", "calls")


@dataclass
class Site:
    """Everything the pages are made from, drafts included (see :meth:`published`)."""

    project: Project
    taxonomies: dict[str, Taxonomy]
    networks: list[Entry[Network]] = field(default_factory=list)
    events: list[Entry[Event]] = field(default_factory=list)
    resources: list[Entry[Resource]] = field(default_factory=list)
    calls: list[Entry[Call]] = field(default_factory=list)
    figures: list[Entry[Figures]] = field(default_factory=list)  # observatory/<réseau>/<année>.yml
    names: list[NameUse] = field(default_factory=list)  # every organisation named, for the site-wide spelling check

    def published(self, *, include_drafts: bool) -> Site:
        """The site as visitors see it: drafts only in a local preview."""
        if include_drafts:
            return self
        return Site(
            self.project,
            self.taxonomies,
            list(self.networks),
            [e for e in self.events if not e.data.draft],
            [r for r in self.resources if not r.data.draft],
            [c for c in self.calls if not c.data.draft],
            list(self.figures),
            self.names,
        )

    def counts(self) -> dict[str, int]:
        return {"networks": len(self.networks), "events": len(self.events), "resources": len(self.resources), "calls": len(self.calls),
                "figures": len(self.figures)}  # every share of rrma check reads all the figures: not added up


def _link(entry: Entry[Any], targets: dict[str, tuple[set[Any], dict[str, str], str]],
          definitions: dict[str, dict[str, str]] | None = None) -> list[Diagnostic]:
    """References to unknown networks or taxonomy terms; ``definitions`` (taxonomy → term → its
    one-line description) lets the hint say what the suggested term means."""
    definitions = definitions or {}
    problems = []
    for ref in references(entry.data):
        if ref.target not in targets:
            continue
        known, labels, noun = targets[ref.target]
        if ref.value in known:
            continue
        if ref.target == "countries":
            problems.append(_unknown_country(entry, ref.loc, str(ref.value), labels))
            continue
        if ref.target == "languages":
            problems.append(_unknown_language(entry, ref.loc, str(ref.value), labels))
            continue
        source = f"{ref.target}/" if ref.target in ("networks", "resources") else f"taxonomies/{ref.target}.yml"
        guess = closest(str(ref.value), [str(k) for k in known], labels=labels)
        meaning = definitions.get(ref.target, {}).get(guess or "")
        problems.append(
            entry.at(
                ref.loc,
                "RRMA016",
                f"« {ref.value} » ne figure pas parmi les {noun}" + did_you_mean(str(ref.value), [str(k) for k in known], labels=labels) + f", attendu un identifiant de {source}",
                (f"« {guess} » : {meaning.rstrip('.')} ; " if meaning and guess != ref.value else "") + _choices(known, source, ref.target),
            )
        )
    return problems


# Vocabularies the networks grow by pull request (regions, ODD, countries and languages are fixed lists).
PROPOSABLE = {"themes", "resource-types", "event-kinds", "audiences", "zones", "missions", "campaigns", "licences"}


def propose(target: str) -> str:
    """How to add a value when none fits, in the words the form's hint uses too."""
    return f"si aucune valeur ne convient, proposez-en une par une demande de fusion qui l'ajoute à taxonomies/{target}.yml"


def _choices(known: Iterable[Any], source: str, target: str = "") -> str:
    values = sorted(str(k) for k in known)
    listed = f"choisissez parmi : {', '.join(values)}" if len(values) <= 20 else f"consultez {source} pour la liste complète"
    return f"{listed} ; {propose(target)}" if target in PROPOSABLE else listed


def _with_choices(problem: Diagnostic, collection: Collection[Any], choices: dict[str, tuple[Iterable[Any], str]]) -> Diagnostic:
    """A missing field that names a taxonomy term (or a network), or such a list left empty, says which
    there are, as RRMA016 does."""
    if not (problem.code == "RRMA010" or (problem.code == "RRMA022" and problem.message.startswith(SHORT_LIST))) or "." in problem.field:
        return problem
    info = next((i for n, i in collection.model.model_fields.items() if (i.alias or n) == problem.field), None)
    target = ref_target(info) if info is not None else None
    if target not in choices:
        return problem
    known, source = choices[target]
    return replace(problem, hint=f"{problem.hint} ; {_choices(known, source, target or '')}")


def _unknown_country(entry: Entry[Any], loc: Loc, value: str, labels: dict[str, str]) -> Diagnostic:
    """« Sénégal » or « sn » where « SN » is expected: the code, with the country's French name."""
    match = country_guess(value)
    guess = f" ; vouliez-vous dire « {match} » ({labels[match]}) ?" if match is not None and match != value else ""
    return entry.at(loc, "RRMA016", f"« {value} » n'est pas un code de pays{guess}, attendu un code ISO 3166-1 à deux lettres majuscules",
                    "écrivez le code du pays, par exemple `SN` pour le Sénégal ou `HT` pour Haïti ; le formulaire en ligne propose les pays par leur nom")


def _unknown_language(entry: Entry[Any], loc: Loc, value: str, labels: dict[str, str]) -> Diagnostic:
    """« fra », « Français » or « créole » where « fr » or « gcf » is expected: the code, with the language's name."""
    match = language_guess(value)
    guess = f" ; vouliez-vous dire « {match} » ({labels[match]}) ?" if match is not None and match != value else ""
    return entry.at(loc, "RRMA016", f"« {value} » n'est pas un code de langue{guess}, attendu un code ISO 639-1 (fr, en) ou, pour une langue qui n'en a pas, ISO 639-3 (gcf)",
                    "écrivez le code de la langue, par exemple `fr` pour le français, `en` pour l'anglais, `gcf` pour le créole guadeloupéen ; "
                    "le formulaire en ligne propose les langues par leur nom")


# Generated listings a link may name (« theme/eau.md », « ../agenda/type/rencontre.md »).
LISTINGS = ({("ressources", f) for f in (*FACETS.values(), "page")}
            | {("agenda", f) for f in (*EVENT_FACETS.values(), "archives")})

# Where each collection keeps its contributed Markdown: the body, or a YAML field.
MARKDOWN: dict[str, tuple[Callable[[Entry[Any]], str], Loc | None]] = {
    "networks": (lambda e: e.data.description, ("description",)),
    "events": (lambda e: e.body, None),
    "resources": (lambda e: e.body, None),
    "calls": (lambda e: e.body, None),
}


def site_paths(project: Project, ids: dict[str, set[str]]) -> tuple[set[str], set[tuple[str, str]]]:
    """The source paths a relative link in contributed Markdown may lead to, as MkDocs
    resolves them: the hand-written pages and their files, and the generated pages; and the
    folders of the items' attachments and logos (« fichiers/<ressource> », « logos/<réseau> »)."""
    docs = project.dir(project.docs_dir)
    paths = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} if docs.is_dir() else set()
    paths |= {src_uri(url) for url in LANDING} | {src_uri(item_url(kind, i)) for kind, known in ids.items() for i in known}
    folders = {("fichiers", r) for r in ids["resources"]} | {("logos", n) for n in ids["networks"]}
    return paths, folders


class Drafts:
    """Which entry pages are drafts': known for the entries this process read, read from the file
    for the others (``rrma check`` shares the files between processes; links between entries are few)."""

    def __init__(self, project: Project, loaded: dict[str, Any]) -> None:
        self._project = project
        self._seen = {src_uri(item_url(name, e.id)): bool(getattr(e.data, "draft", False))
                      for name, result in loaded.items() if name in PAGED for e in (*result.entries, *result.partial)}
        self._by_section = {item_url(c.name, "").strip("/"): c for c in COLLECTIONS if c.name in PAGED and c is not NETWORKS}

    def is_draft(self, page: str) -> bool:
        if page not in self._seen:
            section, _, name = page.partition("/")
            collection = self._by_section.get(section)
            entry = None
            if collection is not None and name.endswith(".md") and "/" not in name:
                file = self._project.dir(collection.folder(self._project)) / name
                entry = load_entry(self._project, collection, file)[0] if file.is_file() else None
            self._seen[page] = bool(entry is not None and getattr(entry.data, "draft", False))
        return self._seen[page]


def _link_problems(entry: Entry[Any], collection: str, project: Project, links: list[Finding],
                   known: tuple[set[str], set[tuple[str, str]]], drafts: Drafts) -> list[Diagnostic]:
    """``links`` (:func:`local_links` of the entry's Markdown) that lead nowhere on the built site
    (MkDocs would only warn, in English, and a strict build would stop), a draft's page included:
    drafts are never published, so a published entry that links to one would link to nothing."""
    text_of, loc = MARKDOWN[collection]
    paths, folders = known
    page = src_uri(item_url(collection, entry.id))
    problems = []
    ids_here: set[str] | None = None
    for finding in links:
        address = finding.message
        path = unquote(urlsplit(address).path)
        if address.startswith("#"):
            ids_here = anchors(text_of(entry)) if ids_here is None else ids_here
            if address[1:] not in ids_here:
                problems.append(entry_diagnostic(
                    entry, project, finding, loc, "RRMA029", f"lien « {address} » : aucun titre de ce texte ne porte l'identifiant « {address[1:]} »"
                    + did_you_mean(address[1:], sorted(ids_here)),
                    "un titre (## Mon titre) reçoit l'identifiant de son texte en minuscules, sans accents, les espaces en tirets : #mon-titre"))
            continue
        if address.startswith(("/", "\\")):
            message = f"lien « {address} » : une adresse commençant par / ne mène nulle part sur le portail publié, attendu une adresse complète (https://…)"
            problems.append(entry_diagnostic(entry, project, finding, loc, "RRMA029", message, "écrivez l'adresse complète de la page, par exemple https://…"))
            continue
        if not path:  # ?query only: the page itself
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)).lstrip("/")
        section, _, rest = target.partition("/")
        folder = rest.split("/", 1)[0]
        if target in paths and not getattr(entry.data, "draft", False) and drafts.is_draft(target):
            problems.append(entry_diagnostic(
                entry, project, finding, loc, "RRMA029",
                f"lien « {address} » : la page liée est un brouillon (`draft: true`), qui ne sera pas publié, attendu une page publiée",
                "publiez d'abord la page liée (retirez `draft: true` de son fichier), ou retirez le lien d'ici là"))
            continue
        if (target in paths or (section, folder) in folders
                or (target.endswith(".md") and (section, folder) in LISTINGS)):  # a library or agenda listing: the build knows them
            continue
        # « ../autre/ » written from the page's address (/ressources/x/), or the file's: a page, named by its address
        from_url = posixpath.normpath(posixpath.join(item_url(collection, entry.id), path)).lstrip("/")
        guesses = [g for t in dict.fromkeys((target, from_url)) for g in (src_uri(t + "/"), src_uri(t), t)]
        named = next((g for g in guesses if g in paths and g != page), None)
        if named is not None:
            hint = f"écrivez « {posixpath.relpath(named, posixpath.dirname(page))} » : le lien vers une page du portail se fait par le nom de son fichier"
        elif "@" in address and "." in address and "/" not in address:
            hint = f"pour une adresse e-mail, écrivez « mailto:{address} »"
        else:
            hint = "pour un site extérieur, écrivez l'adresse complète (https://…) ; pour une ressource du portail, le nom de son fichier (`autre-ressource.md`) ; un fichier joint se déclare dans `attachments`"
        problems.append(entry_diagnostic(entry, project, finding, loc, "RRMA029",
                                         f"lien « {address} » : aucune page ni aucun fichier du portail à cette adresse (vue depuis {page.removesuffix('.md')}/)", hint))
    return problems


def _unknown_network_folders(project: Project, figures: Any, networks: set[str]) -> list[Diagnostic]:
    """observatory/<réseau>/: the folder names a network of the portal, once per folder."""
    problems, seen = [], set()
    for entry in (*figures.entries, *figures.partial):
        network = network_of(entry)
        if network in networks or network in seen:
            continue
        seen.add(network)
        hint = did_you_mean(network, sorted(networks))
        problems.append(Diagnostic(entry.path, 1, 1, "RRMA016", "", f"dossier « {network} » : aucun réseau de ce nom dans networks/{hint}, attendu le nom du fichier d'un réseau, sans .yml",
                                   f"renommez le dossier {project.observatory_dir}/{network}/ avec l'identifiant du réseau qui publie ces chiffres ; {_choices(networks, 'networks/')}"))
    return problems


def _partial_rules(collection: Collection[Any], entry: Entry[Any], project: Project) -> list[Diagnostic]:
    """A file with errors through its collection's rules, as far as they go: a rule stops at the
    first field that failed validation (absent from the entry), keeping what it found before."""
    found: list[Diagnostic] = []
    try:
        found.extend(collection.rules(entry, project))
    except AttributeError:  # a field that failed validation: the rest of this rule waits for the fix
        pass
    return found


def load_site(project: Project, cache: EntryCache | None = None, share: tuple[int, int] | None = None) -> tuple[Site, list[Diagnostic]]:
    """Load, validate, link and check the whole tree; never raises on content.

    ``cache`` keeps parsed files between calls, ``share`` reads only a share of
    the events and resources (see :func:`load_collection` and :func:`check_site`)."""
    report = Report()
    taxonomies, problems = load_taxonomies(project)
    report.extend(problems)
    if share is None or share[0] == 0:  # the hand-written pages, once per check
        report.extend(links_out_of_the_repo(project))
    loaded = {c.name: load_collection(project, c, cache, None if c.name in ("networks", "observatory") else share) for c in COLLECTIONS}
    choices = {name: (t.terms, f"taxonomies/{name}.yml") for name, t in taxonomies.items() if t.loaded}
    choices["networks"] = (loaded["networks"].ids, "networks/")
    for collection in COLLECTIONS:
        report.extend(_with_choices(problem, collection, choices) for problem in loaded[collection.name].problems)

    # A missing or invalid taxonomy is reported once, not at every reference to it.
    targets: dict[str, tuple[set[Any], dict[str, str], str]] = {
        name: (set(t.terms), t.labels(), t.spec.label) for name, t in taxonomies.items() if t.loaded
    }
    # Files that failed to load still exist: do not report references to them twice.
    targets["networks"] = (loaded["networks"].ids, {e.id: e.data.name for e in loaded["networks"].entries}, "réseaux")
    targets["resources"] = (loaded["resources"].ids, {e.id: e.data.title for e in loaded["resources"].entries}, "ressources du portail")
    breakdown_codes = {name: (t.labels(), t.spec.label) for name, t in taxonomies.items() if t.loaded}
    breakdown_codes["departments"] = (departments(), "départements")

    report.extend(_unknown_network_folders(project, loaded["observatory"], loaded["networks"].ids))
    definitions = {name: {str(k): d for k, t in taxonomy.terms.items() if (d := getattr(t, "description", None))} for name, taxonomy in taxonomies.items()}
    ids = {name: result.ids for name, result in loaded.items() if name in PAGED}
    known: tuple[set[str], set[tuple[str, str]]] | None = None  # listed at the first relative link: most sites have none
    drafts: Drafts | None = None
    for collection in COLLECTIONS:
        for entry in loaded[collection.name].partial:  # files with errors: what else is wrong, in the same run
            report.extend(_link(entry, targets, definitions))
            report.extend(_partial_rules(collection, entry, project))
        for entry in loaded[collection.name].entries:
            report.extend(_link(entry, targets, definitions))
            report.extend(list(collection.rules(entry, project)))
            if collection is OBSERVATORY:
                report.extend(key_problems(entry, breakdown_codes))
                continue
            links = local_links(MARKDOWN[collection.name][0](entry))
            if links:
                known = site_paths(project, ids) if known is None else known
                drafts = Drafts(project, loaded) if drafts is None else drafts
                report.extend(_link_problems(entry, collection.name, project, links, known, drafts))

    names = [use for result in loaded.values() for entry in (*result.entries, *result.partial) for use in organisation_names(entry)]
    site = Site(
        project,
        taxonomies,
        sorted(loaded["networks"].entries, key=lambda e: e.id),
        sorted((replace(e, data=localised(e.data, taxonomies.get("regions"))) for e in loaded["events"].entries),
               key=lambda e: (e.data.starts_at(), e.id)),
        sorted(loaded["resources"].entries, key=lambda e: e.id),
        sorted((replace(e, data=localised_call(e.data, taxonomies.get("regions"))) for e in loaded["calls"].entries), key=lambda e: e.id),
        sorted(loaded["observatory"].entries, key=lambda e: (network_of(e), e.data.year)),
        names,
    )
    if share is None:  # a share of the files cannot tell a spelling used elsewhere: check_site does it on all the names
        report.extend(spelling_problems(names, network_names(site)))
    return site, report.sorted()


def network_names(site: Site) -> dict[str, str]:
    return {e.id: e.data.name for e in site.networks}


def _check_share(project: Project, share: tuple[int, int]) -> tuple[dict[str, int], list[Diagnostic], list[NameUse]] | None:
    """A worker's share; None if anything went wrong (out of memory included): the parent
    then reads the share itself, where a real bug meets the command's own handler."""
    try:
        site, problems = load_site(project, share=share)
        return site.counts(), problems, site.names
    except Exception:  # noqa: BLE001 - reported by the parent, which does the share again
        return None


def _quiet() -> None:
    """In a worker: no traceback of its own on the editor's terminal (its share is done again, see above)."""
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # for the worker's life


def _share_result(job: Future[Any], project: Project, share: tuple[int, int]) -> tuple[dict[str, int], list[Diagnostic], list[NameUse]]:
    try:
        part = job.result()
    except Exception:  # noqa: BLE001 - BrokenProcessPool: a worker killed (out of memory, a signal)
        part = None
    if part is None:
        site, problems = load_site(project, share=share)
        part = site.counts(), problems, site.names
    return part  # type: ignore[no-any-return]


def check_site(project: Project, processes: int | None = None) -> tuple[dict[str, int], list[Diagnostic]]:
    """What :func:`load_site` reports, for ``rrma check``: with fork, the events and
    resources are shared between processes (one per core), each also reading the
    few networks and taxonomies every check needs; their reports are merged. A worker
    that fails or dies costs time, not the report: its share is read again here."""
    count = processes or min(os.cpu_count() or 1, 8)
    if count > 1:
        try:
            executor = ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("fork"), initializer=_quiet)
        except (OSError, ValueError):
            count = 1
    if count == 1:
        site, problems = load_site(project)
        return site.counts(), problems
    with executor:
        others = [executor.submit(_check_share, project, (i, count)) for i in range(1, count)]
        site, problems = load_site(project, share=(0, count))
        parts = [(site.counts(), problems, site.names)] + [_share_result(job, project, (i, count)) for i, job in enumerate(others, start=1)]
    report = Report()
    counts = dict(parts[0][0])
    for part_counts, _, _ in parts[1:]:
        counts["events"] += part_counts["events"]
        counts["resources"] += part_counts["resources"]
        counts["calls"] += part_counts["calls"]
    for _, problems, _ in parts:
        report.extend(problems)  # the networks' and taxonomies' problems, found by every process, once
    # The site-level pass: a spelling is « used elsewhere » only among all the names of all the shares.
    report.extend(spelling_problems(list(dict.fromkeys(use for _, _, names in parts for use in names)), network_names(site)))
    return counts, report.sorted()
