"""The repository's real content stays honest where a machine can tell: every resource says where
it is published (a source address or a document joined to it), every event where it was announced,
every call for projects the page that publishes it,
no two entries lean on the same source address without a stated reason, and dates are plausible.

These rules are about the published content, not about a file's validity (``rrma check``): a
resource without a source is a valid file, but nobody could verify it. The checks run on the
repository itself, and on a spoilt copy of it, to show that each of them can fail.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from rrma.core.types import partial_date_key
from rrma.kinds.site import Site, load_site
from rrma.project import Project

from tests.conftest import REPO, copy_content

EARLIEST = date(1990, 1, 1)  # the first regional networks date from the mid-1990s
YEARS_AHEAD = 3  # an event is announced at most this many years before it happens

# Entries that share a source address, with the reason. A YAML comment in the files would be
# invisible to everything that reads them; here the reason is reviewed with the code, and an
# entry that no longer exists (or no longer shares the address) makes the test fail.
SHARED_SOURCES: dict[str, tuple[frozenset[str], str]] = {
    "https://bfc-international.org/category/magazine": (
        frozenset({"resources/interfaces-6-vivre-l-europe.md",
                   "resources/interfaces-7-citoyennete-mondiale-politique-de-la-ville.md"}),
        "BFC International presents every issue of its magazine Interfaces on one page; no issue has a page of its own",
    ),
    "https://horizons-solidaires.org/actualite/bilan-du-festival-alimenterre-2019": (
        frozenset({"resources/bilan-festival-alimenterre-2019-normandie.md",
                   "events/festival-alimenterre-2019-normandie.md"}),
        "the report Horizons Solidaires published after the 2019 festival is also the only page that describes that edition",
    ),
}


# Entries with neither source nor attachment, with the reason; the same rules as above apply.
UNSOURCED: dict[str, str] = {
    "resources/charte-des-rrma.md": "the portal publishes the charter's text itself (content/charte.md); no public page of the networks carrying it was found",
}


def normalized(address: str) -> str:
    """The same page written in different ways: http or https, with or without www., a final
    slash or a fragment; the path and the query are kept as written."""
    parts = urlsplit(address.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit(("https", host, parts.path.rstrip("/"), parts.query, ""))


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _partial(value: str) -> date:
    year, month, day = partial_date_key(value)
    return date(year, month or 1, day or 1)


def honesty_problems(site: Site, today: date,
                     shared: dict[str, tuple[frozenset[str], str]] = SHARED_SOURCES,
                     unsourced: dict[str, str] = UNSOURCED) -> list[str]:
    """Every problem found, one line each (« file: what is wrong »), in a stable order."""
    problems: list[str] = []
    sources: dict[str, set[str]] = {}
    latest = _years_after(today, YEARS_AHEAD)

    for entry in site.resources:
        data = entry.data
        if not data.source_url and not data.attachments and entry.path not in unsourced:
            problems.append(f"{entry.path}: ni `source_url` ni document joint : d'où vient cette ressource ?")
        if data.source_url:
            sources.setdefault(normalized(str(data.source_url)), set()).add(entry.path)
        if data.published and not EARLIEST <= _partial(data.published) <= today:
            problems.append(f"{entry.path}: `published: {data.published}` n'est pas plausible "
                            f"(attendu entre {EARLIEST.year} et aujourd'hui)")

    for entry in site.events:
        data = entry.data
        if not data.source_url and not data.registration_url and entry.path not in unsourced:
            problems.append(f"{entry.path}: ni `source_url` ni `registration_url` : où cet événement est-il annoncé ?")
        if data.source_url:
            sources.setdefault(normalized(str(data.source_url)), set()).add(entry.path)
        start = data.starts_at().date()
        if not EARLIEST <= start <= latest:
            problems.append(f"{entry.path}: `start` au {start.isoformat()} n'est pas plausible "
                            f"(attendu entre {EARLIEST.year} et {YEARS_AHEAD} ans après aujourd'hui, {latest.isoformat()})")

    for entry in site.calls:  # a call for projects: its publisher's page, and dates that a page gave
        data = entry.data
        if not data.source_url and entry.path not in unsourced:
            problems.append(f"{entry.path}: pas de `source_url` : où cet appel est-il publié ?")
        if data.source_url:
            sources.setdefault(normalized(str(data.source_url)), set()).add(entry.path)
        for field in ("opens", "closes"):
            value = getattr(data, field)
            day = value.date() if hasattr(value, "date") else value
            if day is not None and not EARLIEST <= day <= latest:
                problems.append(f"{entry.path}: `{field}` au {day.isoformat()} n'est pas plausible "
                                f"(attendu entre {EARLIEST.year} et {YEARS_AHEAD} ans après aujourd'hui, {latest.isoformat()})")

    for entry in site.networks:
        for field in ("founded", "charter_signed"):
            value = getattr(entry.data, field)
            if value and not EARLIEST <= _partial(value) <= today:
                problems.append(f"{entry.path}: `{field}: {value}` n'est pas plausible "
                                f"(attendu entre {EARLIEST.year} et aujourd'hui)")

    for address, paths in sorted(sources.items()):
        allowed = shared.get(address)
        if len(paths) > 1 and (allowed is None or not paths <= allowed[0]):
            problems.append(f"{', '.join(sorted(paths))}: même adresse source {address} ; "
                            "une seule fiche par page publiée, ou une raison dans SHARED_SOURCES")
    without = {e.path for e in site.resources if not e.data.source_url and not e.data.attachments}
    without |= {e.path for e in site.events if not e.data.source_url and not e.data.registration_url}
    without |= {e.path for e in site.calls if not e.data.source_url}
    for path in sorted(set(unsourced) - without):
        problems.append(f"tests/test_content_honesty.py: UNSOURCED[{path!r}] ne correspond plus au contenu "
                        "(la fiche n'existe plus ou cite désormais sa source)")
    for address, (paths, _reason) in sorted(shared.items()):
        if sources.get(address, set()) != paths:
            problems.append(f"tests/test_content_honesty.py: SHARED_SOURCES[{address!r}] ne correspond plus au contenu "
                            f"(fiches qui citent cette adresse : {', '.join(sorted(sources.get(address, ()))) or 'aucune'})")
    return problems


def test_repository_content_is_honest() -> None:
    project = Project(REPO)
    site, invalid = load_site(project)
    assert invalid == []
    assert honesty_problems(site, project.today) == []


def test_normalized_addresses() -> None:
    assert normalized("http://www.Example.org/a/b/") == normalized("https://example.org/a/b") == "https://example.org/a/b"
    assert normalized("https://example.org/a?p=1#x") == "https://example.org/a?p=1"
    assert normalized("https://example.org/a") != normalized("https://example.org/b")


RESOURCE = """---
title: {title}
summary: Une ressource inventée pour le test.
type: fiche-pratique
networks: [centraider]
{extra}
---
Texte.
"""

EVENT = """---
title: {title}
start: {start}
networks: [centraider]
kind: rencontre
city: Orléans
{extra}
---
Texte.
"""


def _write(root: Path, rel: str, text: str) -> None:
    (root / rel).write_text(text, encoding="utf-8")


def test_each_rule_fails_on_a_spoilt_copy(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    today = date(2026, 12, 1)
    _write(root, "resources/zz-sans-source.md", RESOURCE.format(title="Sans source", extra=""))
    _write(root, "resources/zz-trop-ancienne.md", RESOURCE.format(
        title="Trop ancienne", extra="published: 1985-04\nsource_url: https://example.org/ancienne"))
    _write(root, "events/zz-sans-annonce.md", EVENT.format(title="Sans annonce", start="2025-05-01", extra=""))
    _write(root, "events/zz-trop-lointain.md", EVENT.format(
        title="Trop lointain", start="2030-12-02 14:00", extra="source_url: https://example.org/lointain"))
    # The same page as a real resource, written differently, with no reason given.
    real = next(e for e in load_site(Project(REPO))[0].resources if e.data.source_url and e.path not in
                {p for paths, _ in SHARED_SOURCES.values() for p in paths})
    twin = urlsplit(str(real.data.source_url))
    _write(root, "resources/zz-doublon.md", RESOURCE.format(
        title="Doublon", extra=f"source_url: http://www.{twin.netloc.removeprefix('www.')}{twin.path.rstrip('/')}/"))
    network = root / "networks/centraider.yml"
    network.write_text("\n".join(line for line in network.read_text(encoding="utf-8").splitlines()
                                 if not line.startswith("founded:")) + "\nfounded: 2031\n", encoding="utf-8")
    # An allowed pair that no longer shares its address, an exemption whose entry now has a source.
    (root / sorted(next(iter(SHARED_SOURCES.values()))[0])[0]).unlink()
    exempt = root / next(iter(UNSOURCED))
    exempt.write_text(exempt.read_text(encoding="utf-8").replace("\n---\n", "\nsource_url: https://example.org/c\n---\n", 1),
                      encoding="utf-8")

    site, invalid = load_site(Project(root, today=today))
    assert invalid == []
    problems = honesty_problems(site, today)
    assert [p.split(": ")[0] for p in problems] == [
        "resources/zz-sans-source.md",
        "resources/zz-trop-ancienne.md",
        "events/zz-sans-annonce.md",
        "events/zz-trop-lointain.md",
        "networks/centraider.yml",
        f"{real.path}, resources/zz-doublon.md",
        "tests/test_content_honesty.py",
        "tests/test_content_honesty.py",
    ], problems
    assert "1985-04" in problems[1] and "2030-12-02" in problems[3] and "founded: 2031" in problems[4]
    assert normalized(str(real.data.source_url)) in problems[5]
    assert "UNSOURCED" in problems[6] and "SHARED_SOURCES" in problems[7]


def test_an_event_three_years_ahead_is_still_plausible(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    _write(root, "events/zz-dans-trois-ans.md", EVENT.format(
        title="Dans trois ans", start="2029-12-01 14:00", extra="source_url: https://example.org/trois-ans"))
    site, _ = load_site(Project(root, today=date(2026, 12, 1)))
    assert honesty_problems(site, date(2026, 12, 1)) == []
