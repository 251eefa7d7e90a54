"""Under ``mkdocs serve``: pages whose inputs did not change are written again as they were."""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Reuse:
    """A generated page whose inputs did not change since the last build is not converted
    or rendered again; its last output is written as is.

    A page's inputs are its own data (title, body, template, context) and what
    every page shares (``shared``: theme files, hand-written pages and
    navigation, configuration, the problems shown in the preview banner).
    """

    _last: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)  # uri → (key, content, output)
    _shared: bytes = b""
    hits: int = 0

    def start(self, shared: Any) -> None:
        self._shared = hashlib.blake2b(pickle.dumps(shared, protocol=5)).digest()
        self.hits = 0

    def key(self, own: Any) -> bytes:
        return hashlib.blake2b(pickle.dumps(own, protocol=5), key=self._shared).digest()

    def get(self, uri: str, key: bytes) -> tuple[str, str] | None:
        last = self._last.get(uri)
        if last is None or last[0] != key:
            return None
        self.hits += 1
        return last[1], last[2]

    def put(self, uri: str, key: bytes, content: str, output: str) -> None:
        self._last[uri] = (key, content, output)


def fingerprint(*folders: str | Path) -> list[tuple[str, int, int]]:
    """Every file under the folders, with its modification time and size."""
    found = []
    for folder in folders:
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(dirpath, name)
                stat = os.stat(path)
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return sorted(found)
