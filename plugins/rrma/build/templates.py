"""Under ``mkdocs serve``: the theme's templates compiled once, not at every rebuild.

MkDocs makes a new Jinja environment for each build, so every save compiled
Material's templates and the portal's again (about 1 s of a rebuild at 1,000
resources). Jinja's bytecode cache is the documented way to keep compiled
templates; this one keeps them in memory for the plugin's life.

What a compiled template depends on is its key: its name and file, a checksum
of its source (Jinja's own check: an edited template is compiled again, whatever
its modification time says), and the environment's settings that the compiler
reads — delimiters, whitespace options, autoescape, finalize, extensions, and
each filter's and test's name with what Jinja passes it (``pass_context``…),
which Jinja 3 decides when it compiles.
"""

from __future__ import annotations

import hashlib
from types import CodeType
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

# Environment attributes the compiler reads (jinja2.compiler, jinja2.lexer, jinja2.parser).
_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
    "sandboxed",
)


def compiler_settings(env: Environment) -> str:
    """What, besides a template's source, its compiled code depends on."""
    values: list[Any] = [getattr(env, name, None) for name in _SETTINGS]
    values.append(_callable_key(env.autoescape))
    values.append(_callable_key(env.finalize))
    values.append(sorted(env.extensions))
    values.append(f"{env.code_generator_class.__module__}.{env.code_generator_class.__qualname__}")
    for table in (env.filters, env.tests):
        values.append(sorted((name, str(getattr(func, "jinja_pass_arg", None))) for name, func in table.items()))
    return repr(values)


def _callable_key(value: Any) -> str:
    """A setting that may be a function: the compiler reads whether it is one, and what Jinja passes it."""
    if callable(value):
        # a closure (select_autoescape's) is told apart by the values it closed over
        cells = [repr(cell.cell_contents) for cell in getattr(value, "__closure__", None) or ()]
        return f"function {getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')} {getattr(value, 'jinja_pass_arg', None)} {cells}"
    return repr(value)


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory, keyed on everything their code depends on."""

    def __init__(self) -> None:
        self._codes: dict[str, tuple[str, CodeType]] = {}
        self.compiled = 0  # how many templates were compiled (not found here), for the tests and the debug log

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha1(f"{compiler_settings(environment)}|{self.get_cache_key(name, filename)}".encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        found = self._codes.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        assert bucket.code is not None
        self._codes[bucket.key] = (bucket.checksum, bucket.code)
        self.compiled += 1

    def clear(self) -> None:
        self._codes.clear()
