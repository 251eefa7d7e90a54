"""The side-work process: reads pickled jobs on its standard input, answers on its standard output.

Started by :class:`rrma.build.outputs.OutputManager`. Each job is the search
index's maker and arguments, then the data files' makers; the answer is an
error (a French sentence with the exception, or None) and the files made.
"""

from __future__ import annotations

import pickle
import sys
from typing import Any, BinaryIO

from ..core.diagnostics import internal_error
from .memo import LastOutput


def serve(jobs: BinaryIO, answers: BinaryIO) -> None:
    index: LastOutput[dict[str, Any]] | None = None  # the same documents give the same index
    while True:
        try:
            raw = pickle.load(jobs)
        except EOFError:
            return
        try:
            (build, args), data = raw
            if index is None or index.function is not build:
                index = LastOutput(build)
            made = dict(index(*args))
            for job in data:
                made.update(job())
            answer: tuple[str | None, dict[str, Any]] = (None, made)
        except Exception as exc:  # noqa: BLE001 - sent back, reported by the build in one French line (no traceback)
            answer = (internal_error(exc), {})
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    answers = sys.stdout.buffer
    sys.stdout = sys.stderr  # whatever a library prints must not get into the answers
    serve(sys.stdin.buffer, answers)
