"""`rrma check` shares the files between processes: the report must be the one a single process makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rrma.kinds.site import check_site, load_site
from rrma.project import Project

from tests.conftest import copy_content, overlay_corpus


@pytest.mark.parametrize("processes", [2, 3])
def test_shared_check_reports_exactly_what_one_process_reports(tmp_path: Path, processes: int) -> None:
    root = overlay_corpus(copy_content(tmp_path / "repo"))
    site, alone = load_site(Project(root))
    counts, together = check_site(Project(root), processes=processes)
    assert len(alone) > 40  # the broken corpus: problems in networks, events, resources and taxonomies
    assert together == alone
    assert counts == site.counts()


@pytest.mark.parametrize("failure", ["memory", "killed"])
def test_a_worker_that_fails_or_dies_costs_time_not_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capfd: pytest.CaptureFixture[str], failure: str) -> None:
    """Out of memory in a worker, or a worker killed: its share is read again by the parent, silently
    (no « BrokenProcessPool », and no traceback printed by the worker as it dies)."""
    import os
    import sys

    from rrma.kinds import site as site_module

    root = overlay_corpus(copy_content(tmp_path / "repo"))
    alone = load_site(Project(root))[1]
    parent, real = os.getpid(), site_module.load_site

    def failing(project: Project, cache: object = None, share: tuple[int, int] | None = None) -> object:
        if os.getpid() != parent:
            if failure == "killed":
                print("Traceback (most recent call last):", file=sys.stderr, flush=True)  # a worker's last words
                os._exit(9)
            raise MemoryError
        return real(project, cache, share)

    monkeypatch.setattr(site_module, "load_site", failing)
    counts, together = check_site(Project(root), processes=2)
    assert together == alone and counts == load_site(Project(root))[0].counts()
    assert "Traceback" not in capfd.readouterr().err
