"""Files made beside the pages: written into the site, or the reason they could not be."""

from __future__ import annotations

from pathlib import Path

import pytest
from rrma.sidejob import SideJob


def _files() -> dict[str, str | bytes]:
    return {"recherche/manifest.json": "{}", "flux/agenda.ics": b"BEGIN:VCALENDAR\r\n"}


def _broken() -> dict[str, str | bytes]:
    raise ValueError("calendrier impossible")


@pytest.mark.parametrize("fork", [True, False])
def test_files_are_in_the_site_when_the_job_finishes(tmp_path: Path, fork: bool) -> None:
    job = SideJob(_files, tmp_path, fork=fork)
    assert job.finish() is None
    assert (tmp_path / "recherche" / "manifest.json").read_text() == "{}"
    assert (tmp_path / "flux" / "agenda.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_an_error_in_the_child_process_is_reported(tmp_path: Path) -> None:
    error = SideJob(_broken, tmp_path, fork=True).finish()
    assert error is not None and "ValueError: calendrier impossible" in error


def test_a_build_error_stops_the_child(tmp_path: Path) -> None:
    import time

    job = SideJob(lambda: time.sleep(30) or {}, tmp_path, fork=True)
    started = time.monotonic()
    job.cancel()
    assert time.monotonic() - started < 5


def test_the_preview_worker_ends_as_soon_as_it_is_closed() -> None:
    """Closing the pipe ends the worker forked for `mkdocs serve`: no wait, no kill."""
    import time

    from rrma.sidejob import Worker

    worker = Worker()
    started = time.monotonic()
    worker.close()
    assert time.monotonic() - started < 2 and worker._process.exitcode == 0
