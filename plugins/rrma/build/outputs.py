"""The search index, calendars, feeds and open data, made in another process beside the pages.

None of them is needed to render a page, and together they are a large share
of a build: a worker process (:mod:`rrma.build.worker`) makes them while
MkDocs renders the pages on the other core, and they are written into the site
once the pages are. The worker is a fresh interpreter started with
``python -m rrma.build.worker`` and fed pickled jobs on its standard input:
the build's own process, which may run threads (the preview server does), is
never forked, and no main module is imported again. The worker lives as long
as the plugin, so the preview's rebuilds do not pay for its start again, and
it keeps the last search index it made: the same documents, the same index.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..pages.searchdocs import indexed_pages, search_files

if TYPE_CHECKING:
    from mkdocs.structure.files import Files

    from ..pages.model import SitePages

Made = dict[str, str | bytes]
Job = tuple[tuple[Callable[..., Made], tuple[Any, ...]], list[Callable[[], Made]]]


def side_work(pages: SitePages, files: Files, generated: Mapping[str, Any]) -> Job:
    """The job of a build: the search index (its pages' data, and the hand-written pages' text), then the data files."""
    hand_written = {f.src_uri: (f.content_string, f.name) for f in files.documentation_pages() if f.src_uri not in generated and f.src_uri != "404.md"}
    return (search_files, (indexed_pages(pages), hand_written, pages.search_facets)), pages.data_files


def write_files(files: Made, site_dir: Path) -> None:
    for path, content in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


class OutputManager:
    """Side work of a build: :meth:`start` when the pages are known, :meth:`finish` when they are written."""

    def __init__(self) -> None:
        self._worker: subprocess.Popen[bytes] | None = None
        self._sending: threading.Thread | None = None
        self._pending = 0  # jobs sent whose answer was not read yet (the last one counts)
        self._last_code: int | None = None

    def prepare(self) -> None:
        """Start the worker early: it imports what it needs while the build loads the content."""
        self._start_worker()

    def start(self, search: tuple[Callable[..., Made], tuple[Any, ...]], data: list[Callable[[], Made]]) -> None:
        """Send a job; the pages are rendered meanwhile (a thread feeds the pipe as the worker reads it)."""
        worker = self._start_worker()
        self._sending = threading.Thread(target=_send, args=(worker, (search, data)), name="rrma-side-work", daemon=True)
        self._sending.start()
        self._pending += 1

    def finish(self, site_dir: str | Path) -> str | None:
        """Write what the worker made into the site; the reason it could not, if any."""
        if not self._pending:
            return None
        if self._sending is not None:
            self._sending.join()
            self._sending = None
        answer = None
        while self._pending:  # a build that failed left its job's answer first: it is dropped
            answer = self._answer()
            if answer is None:
                return f"le processus annexe s'est arrêté (code {self._exit_code()})"
        assert answer is not None
        error, files = answer
        if error:
            return error
        write_files(files, Path(site_dir))
        return None

    def close(self) -> None:
        """Stop the worker: at once if it still has work nobody will read, else once it has read its end of input."""
        worker, pending, sending = self._worker, self._pending, self._sending
        self._worker, self._pending, self._sending = None, 0, None
        if worker is None:
            return
        if pending:
            worker.kill()
        if sending is not None:
            sending.join()
        for stream in (worker.stdin, worker.stdout):
            if stream is not None:
                stream.close()
        try:
            worker.wait(timeout=5)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()

    def _start_worker(self) -> subprocess.Popen[bytes]:
        if self._worker is None or self._worker.poll() is not None:
            self.close()
            self._worker = subprocess.Popen([sys.executable, "-m", "rrma.build.worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        return self._worker

    def _answer(self) -> tuple[str | None, Made] | None:
        assert self._worker is not None and self._worker.stdout is not None
        self._pending -= 1
        try:
            return pickle.load(self._worker.stdout)
        except (EOFError, pickle.UnpicklingError, OSError):
            code = self._exit_code()
            self.close()
            self._last_code = code
            return None

    def _exit_code(self) -> int | None:
        return self._last_code if self._worker is None else self._worker.poll()


def _send(worker: subprocess.Popen[bytes], job: Job) -> None:
    """Pickled straight into the pipe, as the worker reads it: the job is never held twice in memory.
    (The pages only read the objects it is made of, and do not change them.)"""
    assert worker.stdin is not None
    try:
        pickle.dump(job, worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        worker.stdin.flush()
    except (OSError, ValueError):  # the worker died or was stopped: finish() says so when it reads no answer
        pass
