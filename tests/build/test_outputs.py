"""Side work (search index, calendars, feeds, open data): made by a worker process, written once the pages are."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from rrma.build.outputs import OutputManager


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker is a fresh interpreter: it imports this module's jobs by name, as it does rrma's."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(Path(__file__).parent), os.environ.get("PYTHONPATH")])))


def index(documents: list[str]) -> dict[str, str | bytes]:
    return {"recherche/manifest.json": f'{{"documents": {len(documents)}, "pid": {os.getpid()}}}'}


def calendar() -> dict[str, str | bytes]:
    return {"flux/agenda.ics": b"BEGIN:VCALENDAR\r\n"}


def broken() -> dict[str, str | bytes]:
    raise ValueError("calendrier impossible")


def test_files_are_in_the_site_when_the_pages_are_done(tmp_path: Path) -> None:
    outputs = OutputManager()
    try:
        outputs.start((index, (["a", "b"],)), [calendar])
        assert not (tmp_path / "flux").exists()  # nothing is written before finish: MkDocs cleans site/ in between
        assert outputs.finish(tmp_path) is None
        assert '"documents": 2' in (tmp_path / "recherche" / "manifest.json").read_text()
        assert (tmp_path / "flux" / "agenda.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"
        assert f'"pid": {os.getpid()}' not in (tmp_path / "recherche" / "manifest.json").read_text()  # made elsewhere
    finally:
        outputs.close()


def test_the_worker_is_kept_and_an_unchanged_index_is_not_made_again(tmp_path: Path) -> None:
    outputs = OutputManager()
    try:
        outputs.start((index, (["a"],)), [])
        outputs.finish(tmp_path / "one")
        outputs.start((index, (["a"],)), [calendar])
        outputs.finish(tmp_path / "two")
        # same worker, and the index it kept (same process id inside)
        assert (tmp_path / "one" / "recherche" / "manifest.json").read_text() == (tmp_path / "two" / "recherche" / "manifest.json").read_text()
    finally:
        outputs.close()


def test_an_error_in_the_worker_is_reported(tmp_path: Path) -> None:
    outputs = OutputManager()
    try:
        outputs.start((index, ([],)), [broken])
        error = outputs.finish(tmp_path)
        assert error == "Erreur interne de rrma (ValueError : calendrier impossible)"  # one French line, no traceback
        outputs.start((index, ([],)), [calendar])  # the worker carries on
        assert outputs.finish(tmp_path) is None and (tmp_path / "flux" / "agenda.ics").is_file()
    finally:
        outputs.close()


def test_a_worker_that_dies_is_reported_and_replaced(tmp_path: Path) -> None:
    outputs = OutputManager()
    try:
        outputs.prepare()
        assert outputs._worker is not None
        os.kill(outputs._worker.pid, signal.SIGKILL)
        outputs._worker.wait()
        outputs.start((index, ([],)), [])  # a dead worker is replaced before a job is sent
        assert outputs.finish(tmp_path) is None
        outputs.start((index, ([],)), [])
        os.kill(outputs._worker.pid, signal.SIGKILL)
        error = outputs.finish(tmp_path)
        assert error is not None and "arrêté" in error
    finally:
        outputs.close()


def test_a_failed_build_s_job_is_dropped_by_the_next_one(tmp_path: Path) -> None:
    outputs = OutputManager()
    try:
        outputs.start((index, (["ancien"],)), [])  # this build failed: finish() was never called
        outputs.start((index, (["a", "b", "c"],)), [])
        assert outputs.finish(tmp_path) is None
        assert '"documents": 3' in (tmp_path / "recherche" / "manifest.json").read_text()
    finally:
        outputs.close()
