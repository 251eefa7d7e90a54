"""A costly output made again only when what it is made from changed (what `mkdocs serve` saves on: the form's
configuration, the search index in the side process)."""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class LastOutput(Generic[T]):
    """A pure function's last output, given again while its arguments are equal.

    Equal means the same pickled bytes: values compared by content, whatever
    their identity, so the key is everything the function reads (it must read
    nothing but its arguments: no file, no clock).
    """

    def __init__(self, function: Callable[..., T]) -> None:
        self.function = function
        self._last: tuple[bytes, T] | None = None
        self.made = 0  # how many times it was made, not given again (tests, debug log)

    def __call__(self, *args: Any, **kwargs: Any) -> T:
        key = hashlib.blake2b(pickle.dumps((args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)).digest()
        if self._last is None or self._last[0] != key:
            self._last = (key, self.function(*args, **kwargs))
            self.made += 1
        return self._last[1]
