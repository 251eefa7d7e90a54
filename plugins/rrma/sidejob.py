"""Work done beside the pages: the search index, calendars, feeds and open data.

None of it is needed to render a page, and it is a large share of a build:
on a machine with fork, a child process (:class:`SideJob`) makes these files
and writes them into the site while MkDocs renders the pages on the other core.
``mkdocs serve`` runs threads, which fork does not mix with: there, the search
index is made by a :class:`Worker` forked once at start-up, before the threads,
and the other files in place when the pages are done. Without fork, everything
is made in place.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

Files = dict[str, str | bytes]


def write_files(files: Files, site_dir: Path) -> None:
    for path, content in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


class SideJob:
    """``make()`` returns files by path; they end up under ``site_dir`` when :meth:`finish` returns."""

    def __init__(self, make: Callable[[], Files], site_dir: str | Path, *, fork: bool) -> None:
        self.make = make
        self.site_dir = Path(site_dir)
        self._process: Any = None
        self._pipe: Connection | None = None
        if fork:
            try:
                context = multiprocessing.get_context("fork")
                reader, writer = context.Pipe(duplex=False)
                self._process = context.Process(target=self._child, args=(writer,), daemon=True)
                self._process.start()
            except (OSError, ValueError):  # no fork on this system: made in place, later
                self._process = None
            else:
                writer.close()
                self._pipe = reader

    def _child(self, writer: Connection) -> None:
        try:
            write_files(self.make(), self.site_dir)
            writer.send(None)
        except BaseException:
            writer.send(traceback.format_exc())
        finally:
            writer.close()

    def finish(self) -> str | None:
        """Wait for the files; the error of the child process, if any."""
        if self._process is None:
            write_files(self.make(), self.site_dir)
            return None
        assert self._pipe is not None
        try:
            error = self._pipe.recv()
        except EOFError:
            error = f"le processus annexe s'est arrêté (code {self._process.exitcode})"
        self._process.join()
        self._pipe.close()
        self._process = None
        return error

    def cancel(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._process = None


class Worker:
    """A child process forked once, before ``mkdocs serve`` starts its threads, that makes files on demand.

    The preview server rebuilds the site on every save: the search index is
    made here, beside the pages, and made again only when the documents changed.
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve_jobs, args=(child, self._conn), daemon=True)
        self._process.start()
        child.close()
        self._pending = False

    def submit(self, make: Callable[..., Files], args: tuple[Any, ...], site_dir: str | Path) -> None:
        if self._pending:
            self.result()
        self._conn.send_bytes(pickle.dumps((make, args), protocol=pickle.HIGHEST_PROTOCOL))
        self._conn.send(str(site_dir))
        self._pending = True

    def result(self) -> str | None:
        """Wait for the files of the last job; its error, if any."""
        if not self._pending:
            return None
        self._pending = False
        try:
            return self._conn.recv()
        except EOFError:
            return f"le processus annexe s'est arrêté (code {self._process.exitcode})"

    def close(self) -> None:
        self._conn.close()
        self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()


def _serve_jobs(conn: Connection, parent_end: Connection) -> None:
    # The fork copied the parent's end too: closed here, so the child sees the end of the pipe
    # when the parent closes its own (otherwise close() waited 5 s, then terminated the child).
    parent_end.close()
    last: tuple[bytes, Files] | None = None
    while True:
        try:
            job = conn.recv_bytes()
            site_dir = Path(conn.recv())
        except (EOFError, OSError):
            return
        try:
            digest = hashlib.blake2b(job).digest()
            if last is None or last[0] != digest:  # same documents: same index
                make, args = pickle.loads(job)
                last = (digest, make(*args))
            write_files(last[1], site_dir)
            conn.send(None)
        except BaseException:
            conn.send(traceback.format_exc())
