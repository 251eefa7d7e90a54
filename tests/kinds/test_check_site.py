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
