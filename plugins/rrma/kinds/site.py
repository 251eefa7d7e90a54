"""The whole portal: every collection loaded, linked and checked in one pass.

``load_site`` is what ``rrma check`` and the MkDocs plugin both call, so a
problem reads the same in a terminal, in CI and in a build log.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ..core.diagnostics import Diagnostic, Report
from ..core.suggest import did_you_mean
from ..project import Project
from .base import Collection, Entry, EntryCache, load_collection, references
from .events import EVENTS, Event
from .networks import NETWORKS, Network
from .resources import RESOURCES, Resource
from .taxonomies import SPECS, Taxonomy, load_taxonomies

COLLECTIONS: tuple[Collection[Any], ...] = (NETWORKS, EVENTS, RESOURCES)


@dataclass
class Site:
    """Everything the pages are made from, drafts included (see :meth:`published`)."""

    project: Project
    taxonomies: dict[str, Taxonomy]
    networks: list[Entry[Network]] = field(default_factory=list)
    events: list[Entry[Event]] = field(default_factory=list)
    resources: list[Entry[Resource]] = field(default_factory=list)

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
        )

    def counts(self) -> dict[str, int]:
        return {"networks": len(self.networks), "events": len(self.events), "resources": len(self.resources)}


def _link(entry: Entry[Any], targets: dict[str, tuple[set[Any], dict[str, str], str]]) -> list[Diagnostic]:
    problems = []
    for ref in references(entry.data):
        if ref.target not in targets:
            continue
        known, labels, noun = targets[ref.target]
        if ref.value in known:
            continue
        source = "networks/" if ref.target == "networks" else f"taxonomies/{ref.target}.yml"
        problems.append(
            entry.at(
                ref.loc,
                "RRMA016",
                f"« {ref.value} » ne figure pas parmi les {noun}" + did_you_mean(str(ref.value), [str(k) for k in known], labels=labels) + f", attendu un identifiant de {source}",
                f"choisissez parmi : {', '.join(sorted(str(k) for k in known))}" if len(known) <= 20 else f"consultez {source} pour la liste complète",
            )
        )
    return problems


def load_site(project: Project, cache: EntryCache | None = None, share: tuple[int, int] | None = None) -> tuple[Site, list[Diagnostic]]:
    """Load, validate, link and check the whole tree; never raises on content.

    ``cache`` keeps parsed files between calls, ``share`` reads only a share of
    the events and resources (see :func:`load_collection` and :func:`check_site`)."""
    report = Report()
    taxonomies, problems = load_taxonomies(project)
    report.extend(problems)
    loaded = {c.name: load_collection(project, c, cache, None if c is NETWORKS else share) for c in COLLECTIONS}
    for result in loaded.values():
        report.extend(result.problems)

    # A missing or invalid taxonomy is reported once, not at every reference to it.
    targets: dict[str, tuple[set[Any], dict[str, str], str]] = {
        name: (set(t.terms), t.labels(), SPECS[name].label) for name, t in taxonomies.items() if t.loaded
    }
    # Files that failed to load still exist: do not report references to them twice.
    targets["networks"] = (loaded["networks"].ids, {e.id: e.data.name for e in loaded["networks"].entries}, "réseaux")

    for collection in COLLECTIONS:
        for entry in loaded[collection.name].entries:
            report.extend(_link(entry, targets))
            report.extend(list(collection.rules(entry, project)))

    site = Site(
        project,
        taxonomies,
        sorted(loaded["networks"].entries, key=lambda e: e.id),
        sorted(loaded["events"].entries, key=lambda e: (e.data.starts_at(), e.id)),
        sorted(loaded["resources"].entries, key=lambda e: e.id),
    )
    return site, report.sorted()


def _check_share(project: Project, share: tuple[int, int]) -> tuple[dict[str, int], list[Diagnostic]]:
    site, problems = load_site(project, share=share)
    return site.counts(), problems


def check_site(project: Project, processes: int | None = None) -> tuple[dict[str, int], list[Diagnostic]]:
    """What :func:`load_site` reports, for ``rrma check``: with fork, the events and
    resources are shared between processes (one per core), each also reading the
    few networks and taxonomies every check needs; their reports are merged."""
    count = processes or min(os.cpu_count() or 1, 8)
    if count > 1:
        try:
            executor = ProcessPoolExecutor(count - 1, mp_context=multiprocessing.get_context("fork"))
        except (OSError, ValueError):
            count = 1
    if count == 1:
        site, problems = load_site(project)
        return site.counts(), problems
    with executor:
        others = [executor.submit(_check_share, project, (i, count)) for i in range(1, count)]
        parts = [_check_share(project, (0, count))] + [job.result() for job in others]
    report = Report()
    counts = dict(parts[0][0])
    for part_counts, problems in parts[1:]:
        counts["events"] += part_counts["events"]
        counts["resources"] += part_counts["resources"]
    for _, problems in parts:
        report.extend(problems)  # the networks' and taxonomies' problems, found by every process, once
    return counts, report.sorted()
