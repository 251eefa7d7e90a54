"""What a template read: recorded once, checked again on another page.

A :class:`Recorder` wraps the values of a template context in :class:`Traced`
proxies. Every operation a template (or a filter, a test, a macro) performs on
a proxied value goes through the proxy and is written down with its outcome:
an attribute read and the value found, a length, a truth test, an iteration and
its items, a comparison, a call and its result, an exception raised. Plain
values (``None``, numbers, strings, dates, and lists or tuples of them) are
written down whole when they are handed out and passed as they are.

:meth:`Trace.matches` replays those operations, in order, on another context's
values and compares each outcome. Templates are deterministic: if every value
they took from outside is the same, they take the same path and write the same
text. That is what lets :mod:`rrma.frames` reuse the text of one page for
another, without knowing anything about the templates that wrote it.

What the proxy cannot see is refused rather than guessed: a call to anything
but a Jinja macro or a read-only method of a built-in type, an argument that is
neither plain nor proxied, any use of a proxy after its recording was closed
(:class:`StaleTrace`). Whoever records treats these as "cannot reuse".

Two filters of MkDocs read the page from the context (``url`` and
``script_tag``: the address relative to the page). Recorded as their internals,
they would make every page different; they are recorded as calls instead — the
filter's arguments, the page and ``base_url`` they were given, and the text they
returned — and called again on replay (see :func:`context_filters`).
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import weakref
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import BuiltinMethodType
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Macro, Undefined
from markupsafe import Markup

# Passed as they are (a template needs the real thing to print or compare them); anything else is proxied,
# even a date: MkDocs gives each page its own ``build_date_utc``, which only counts if a template reads it.
PLAIN = frozenset({type(None), bool, int, float, complex, Decimal, str, Markup, bytes})
MAX_PLAIN_ITEMS = 64  # a longer list is proxied instead of compared whole

# Methods of built-in containers and strings that read without changing anything.
READ_ONLY = frozenset({
    "get", "items", "keys", "values", "count", "index", "copy",
    "startswith", "endswith", "split", "rsplit", "splitlines", "strip", "lstrip", "rstrip", "lower", "upper", "title",
    "capitalize", "casefold", "replace", "find", "rfind", "join", "format", "partition", "rpartition", "isdigit", "isalpha",
    "strftime", "isoformat", "date", "time", "timestamp", "weekday", "isoweekday", "astimezone", "utcoffset",
})
READ_ONLY_OWNERS = (dict, list, tuple, str, Markup, _dt.date, _dt.datetime, _dt.time, _dt.timedelta)

# Filters of MkDocs that read ``page`` and ``base_url`` from the context and nothing else.
CONTEXT_FILTERS = ("url", "script_tag")

_recording: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("rrma_recording", default=None)


class Untraceable(Exception):
    """The template did something with a recorded value that cannot be replayed."""


class StaleTrace(Untraceable):
    """A proxy was used after its recording was closed (it belongs to another page)."""


def is_plain(value: Any) -> bool:
    kind = type(value)
    if kind in PLAIN:
        return True
    if kind in (list, tuple) and len(value) <= MAX_PLAIN_ITEMS:
        return all(type(item) in PLAIN for item in value)
    return False


# Operations, each applied the same way when recording and on replay.
def _getattr(obj: Any, name: str) -> Any:
    return getattr(obj, name)


def _getitem(obj: Any, key: Any) -> Any:
    return obj[key]


def _call(obj: Any, arguments: tuple[tuple[Any, ...], dict[str, Any]]) -> Any:
    args, kwargs = arguments
    if isinstance(obj, Macro) or (type(obj) is BuiltinMethodType and type(obj.__self__) in READ_ONLY_OWNERS and obj.__name__ in READ_ONLY):
        return obj(*args, **kwargs)
    raise Untraceable(f"call to {obj!r}")


# Operations that give the same outcome when repeated on the same value within one render.
PURE = frozenset({"attr", "item", "iter", "reversed", "len", "bool", "contains", "eq", "ne", "lt", "le", "gt", "ge", "str", "hash"})

OPERATIONS: dict[str, Callable[[Any, Any], Any]] = {
    "attr": _getattr,
    "item": _getitem,
    "iter": lambda obj, _: list(obj),
    "reversed": lambda obj, _: list(reversed(obj)),
    "len": lambda obj, _: len(obj),
    "bool": lambda obj, _: bool(obj),
    "contains": lambda obj, x: x in obj,
    "eq": lambda obj, x: obj == x,
    "ne": lambda obj, x: obj != x,
    "lt": lambda obj, x: obj < x,
    "le": lambda obj, x: obj <= x,
    "gt": lambda obj, x: obj > x,
    "ge": lambda obj, x: obj >= x,
    "str": lambda obj, _: str(obj),
    "hash": lambda obj, _: hash(obj),
    "call": _call,
}


class Traced:
    """A recorded value: every operation on it is written down by its :class:`Recorder`."""

    __slots__ = ("_rrma_obj", "_rrma_node", "_rrma_rec")

    def __init__(self, obj: Any, node: int, rec: Recorder) -> None:
        object.__setattr__(self, "_rrma_obj", obj)
        object.__setattr__(self, "_rrma_node", node)
        object.__setattr__(self, "_rrma_rec", rec)

    def _rrma_op(self, op: str, arg: Any = None) -> Any:
        return self._rrma_rec.apply(self, op, arg)

    def __getattr__(self, name: str) -> Any:
        return self._rrma_op("attr", name)

    def __setattr__(self, name: str, value: Any) -> None:
        raise Untraceable(f"assignment to {name}")

    def __getitem__(self, key: Any) -> Any:
        return self._rrma_op("item", key)

    def __iter__(self) -> Any:
        return iter(self._rrma_op("iter"))

    def __reversed__(self) -> Any:
        return iter(self._rrma_op("reversed"))

    def __len__(self) -> int:
        return self._rrma_op("len")

    def __bool__(self) -> bool:
        return self._rrma_op("bool")

    def __contains__(self, x: Any) -> bool:
        return self._rrma_op("contains", x)

    def __eq__(self, x: object) -> bool:  # type: ignore[override]
        return self._rrma_op("eq", x)

    def __ne__(self, x: object) -> bool:  # type: ignore[override]
        return self._rrma_op("ne", x)

    def __lt__(self, x: Any) -> bool:
        return self._rrma_op("lt", x)

    def __le__(self, x: Any) -> bool:
        return self._rrma_op("le", x)

    def __gt__(self, x: Any) -> bool:
        return self._rrma_op("gt", x)

    def __ge__(self, x: Any) -> bool:
        return self._rrma_op("ge", x)

    def __str__(self) -> str:
        return self._rrma_op("str")

    def __hash__(self) -> int:
        return self._rrma_op("hash")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._rrma_op("call", (args, kwargs))

    def __repr__(self) -> str:
        return f"<traced {type(self._rrma_obj).__name__}>"


class TracedMapping(Traced, Mapping):  # type: ignore[misc]
    """A recorded mapping, still a mapping to Jinja's ``is mapping`` test."""

    __slots__ = ()


def _wrapper(obj: Any) -> type[Traced]:
    return TracedMapping if isinstance(obj, Mapping) else Traced


class Trace:
    """The operations of one recording, with their outcomes, replayable on other values."""

    def __init__(self, roots: dict[str, Any], nodes: int, entries: list[tuple[Any, ...]], env: Any) -> None:
        self.roots = roots  # context name -> ("n", node) for a proxied value, ("v", type, value) for a plain one
        self.nodes = nodes
        self.entries = entries
        self._env = env
        self._check: Callable[[Mapping[str, Any], list[Any], dict[tuple[int, Any], Any]], bool] | None = None

    def matches(self, context: Mapping[str, Any]) -> bool:
        """Would the recorded template see exactly the same things in ``context``?

        Replayed by a function made for this recording (:meth:`_compile`): a frame is checked
        for every page, so its few hundred steps run as straight-line code."""
        if self._check is None:
            self._check = self._compile()
        return self._check(context, [None] * self.nodes, {})

    def _step(self, index: int, values: list[Any], contexts: dict[tuple[int, Any], Any]) -> bool:
        """One recorded operation replayed on ``values``: does it have the recorded outcome?"""
        node, op, arg, outcome = self.entries[index]
        try:
            if op == "filter":
                value = self._filter(arg, values, contexts)
            else:
                value = OPERATIONS[op](values[node], _decode(arg, values))
        except Untraceable:
            return False
        except Exception as exc:  # noqa: BLE001 - the recorded template saw an exception too, or not
            return outcome[0] == "x" and type(exc) is outcome[1]
        return _same(outcome, value, values)

    def _compile(self) -> Callable[[Mapping[str, Any], list[Any], dict[tuple[int, Any], Any]], bool]:
        """The replay as Python code. Only indexes and names of constants go into the code; every
        value (names read, values compared, some of them contributors' text) stays in ``k``."""
        k: list[Any] = []

        def const(value: Any) -> str:
            k.append(value)
            return f"k[{len(k) - 1}]"

        lines = ["def check(context, values, contexts):"]
        for name, root in self.roots.items():
            lines.append(f"    if {const(name)} not in context: return False")
            if root[0] == "n":
                lines.append(f"    values[{root[1]}] = context[{const(name)}]")
            else:
                lines.append(f"    if not same_plain({const(root)}, context[{const(name)}]): return False")
        for index, (node, op, arg, outcome) in enumerate(self.entries):
            expression = _expression(op, node, arg, const)
            if expression is None:  # calls and filters: replayed by the general step
                lines.append(f"    if not step({index}, values, contexts): return False")
                continue
            lines += ["    try:", f"        v = {expression}", "    except Exception as e:"]
            if outcome[0] == "x":
                lines += [f"        if type(e) is not {const(outcome[1])}: return False", "    else:", "        return False"]
                continue
            lines += ["        return False"]
            if outcome[0] == "v" and outcome[1] not in (list, tuple):
                lines.append(f"    if type(v) is not {const(outcome[1])} or v != {const(outcome[2])}: return False")
            elif outcome[0] == "v":
                lines.append(f"    if not same_plain({const(outcome)}, v): return False")
            elif outcome[0] == "n":
                plain = " or is_plain(v)" if outcome[1] in (list, tuple) else ""  # a list of plain values would have been written down whole
                lines += [f"    if type(v) is not {const(outcome[1])}{plain}: return False", f"    values[{outcome[2]}] = v"]
            else:
                lines.append(f"    if not same({const(outcome)}, v, values): return False")
        lines.append("    return True")
        namespace = {"k": k, "step": self._step, "same_plain": _same_plain, "same": _same, "is_plain": is_plain}
        exec(compile("\n".join(lines), "<rrma recording>", "exec"), namespace)  # noqa: S102 - code of our own making, values kept apart
        return namespace["check"]

    def _filter(self, arg: tuple[Any, ...], values: list[Any], contexts: dict[tuple[int, Any], Any]) -> Any:
        name, arguments, page, base_url = arg
        page_value, base_value = _decode(page, values), _decode(base_url, values)
        key = (id(page_value), base_value)
        context = contexts.get(key)
        if context is None:
            context = contexts[key] = self._env.context_class(self._env, {"page": page_value, "base_url": base_value}, None, {})
        args, kwargs = _decode(arguments, values)
        return context_filters(self._env)[name](context, *args, **kwargs)


class Recorder:
    """Wraps a context's values and writes down what is done with them, until :meth:`close`."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.roots: dict[str, Any] = {}
        self.entries: list[tuple[Any, ...]] = []
        self.nodes = 0
        self.closed = False
        self._seen: dict[tuple[Any, ...], tuple[bool, Any]] = {}

    def wrap_context(self, context: Mapping[str, Any], constants: frozenset[str]) -> dict[str, Any]:
        """The context as the recorded template sees it: constants as they are, the rest recorded."""
        wrapped = {}
        for name, value in context.items():
            if name in constants:
                wrapped[name] = value
            elif is_plain(value):
                self.roots[name] = ("v", type(value), _frozen(value))
                wrapped[name] = value
            else:
                node = self._node()
                self.roots[name] = ("n", node)
                wrapped[name] = _wrapper(value)(value, node, self)
        return wrapped

    def __enter__(self) -> Recorder:
        self._token = _recording.set(self)
        return self

    def __exit__(self, *exc: Any) -> None:
        _recording.reset(self._token)
        self.close()

    def close(self) -> Trace:
        self.closed = True
        return Trace(self.roots, self.nodes, self.entries, self.env)

    def _node(self) -> int:
        self.nodes += 1
        return self.nodes - 1

    def apply(self, traced: Traced, op: str, arg: Any) -> Any:
        if self.closed:
            raise StaleTrace(op)
        encoded, raw = self._encode(arg)
        key = (traced._rrma_node, op, encoded) if op in PURE else None
        if key is not None and key in self._seen:  # read again in the same render: the same outcome, written down once
            raised, result = self._seen[key]
            if raised:
                raise result
            return result
        try:
            value = OPERATIONS[op](traced._rrma_obj, raw)
        except Untraceable:
            raise
        except Exception as exc:
            self.entries.append((traced._rrma_node, op, encoded, ("x", type(exc))))
            if key is not None:
                self._seen[key] = (True, exc)
            raise
        outcome, result = self._outcome(value, iterated=op in ("iter", "reversed"))
        self.entries.append((traced._rrma_node, op, encoded, outcome))
        if key is not None:
            self._seen[key] = (False, result)
        return result

    def filter(self, name: str, context: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """A context filter called while recording: written down as a call, run on the real values."""
        if self.closed:
            raise StaleTrace(name)
        arguments, raw_arguments = self._encode((args, kwargs))
        page, raw_page = self._encode(context.get("page"))
        base_url, raw_base = self._encode(context.get("base_url"))
        key = ("filter", name, arguments, page, base_url)
        if key in self._seen:
            return self._seen[key][1]
        real = self.env.context_class(self.env, {"page": raw_page, "base_url": raw_base}, None, {})
        value = context_filters(self.env)[name](real, *raw_arguments[0], **raw_arguments[1])
        if not is_plain(value):
            raise Untraceable(f"filter {name} returned {type(value).__name__}")
        self.entries.append((None, "filter", (name, arguments, page, base_url), ("v", type(value), value)))
        self._seen[key] = (False, value)
        return value

    def _encode(self, arg: Any) -> tuple[Any, Any]:
        """An argument as it is written down (a node or a plain value) and as it is passed."""
        if isinstance(arg, Traced):
            if arg._rrma_rec is not self:
                raise Untraceable("value of another recording")
            return ("n", arg._rrma_node), arg._rrma_obj
        if is_plain(arg):
            return ("v", _frozen(arg)), arg
        if type(arg) is tuple and len(arg) == 2 and type(arg[1]) is dict:  # call arguments
            args = [self._encode(a) for a in arg[0]]
            kwargs = {k: self._encode(v) for k, v in arg[1].items()}
            return (("t", tuple(a for a, _ in args), tuple((k, e) for k, (e, _) in kwargs.items())),
                    (tuple(r for _, r in args), {k: r for k, (_, r) in kwargs.items()}))
        if type(arg) is Undefined:
            return ("u",), arg
        raise Untraceable(f"argument of type {type(arg).__name__}")

    def _outcome(self, value: Any, *, iterated: bool = False) -> tuple[Any, Any]:
        if iterated:
            items = [self._outcome(item) for item in value]
            return ("i", tuple(o for o, _ in items)), [r for _, r in items]
        if is_plain(value):
            return ("v", type(value), _frozen(value)), value
        node = self._node()
        return ("n", type(value), node), _wrapper(value)(value, node, self)


_EXPRESSIONS = {
    "attr": "getattr({obj}, {arg})", "item": "{obj}[{arg}]", "iter": "list({obj})", "reversed": "list(reversed({obj}))",
    "len": "len({obj})", "bool": "bool({obj})", "contains": "{arg} in {obj}", "eq": "{obj} == {arg}", "ne": "{obj} != {arg}",
    "lt": "{obj} < {arg}", "le": "{obj} <= {arg}", "gt": "{obj} > {arg}", "ge": "{obj} >= {arg}", "str": "str({obj})", "hash": "hash({obj})",
}


def _expression(op: str, node: int | None, arg: Any, const: Callable[[Any], str]) -> str | None:
    """Python for one recorded operation (as in :data:`OPERATIONS`), None for those replayed in general."""
    template = _EXPRESSIONS.get(op)
    if template is None or node is None:
        return None
    if arg is None or arg[0] not in ("v", "n"):
        return None
    operand = const(arg[1]) if arg[0] == "v" else f"values[{arg[1]}]"
    return template.format(obj=f"values[{node}]", arg=operand)


def _frozen(value: Any) -> Any:
    """A plain value as it is kept: a list is copied, so that what was seen stays what was seen."""
    return tuple(value) if type(value) is list else value


def _same_plain(recorded: tuple[Any, ...], value: Any) -> bool:
    _, kind, seen = recorded
    return type(value) is kind and _frozen(value) == seen and (kind not in (list, tuple) or all(type(a) is type(b) for a, b in zip(value, seen)))


def _same(outcome: tuple[Any, ...], value: Any, values: list[Any]) -> bool:
    tag = outcome[0]
    if tag == "v":
        return _same_plain(outcome, value)
    if tag == "n":
        if type(value) is not outcome[1] or is_plain(value):
            return False
        values[outcome[2]] = value
        return True
    if tag == "i":
        return len(value) == len(outcome[1]) and all(_same(o, v, values) for o, v in zip(outcome[1], value))
    return False  # an exception was recorded, none was raised


def _decode(arg: Any, values: list[Any]) -> Any:
    if arg is None:
        return None
    tag = arg[0]
    if tag == "n":
        return values[arg[1]]
    if tag == "v":
        return arg[1]
    if tag == "t":
        return tuple(_decode(a, values) for a in arg[1]), {k: _decode(v, values) for k, v in arg[2]}
    if tag == "u":
        return Undefined()
    return arg


_ORIGINALS: weakref.WeakKeyDictionary[Any, dict[str, Callable[..., Any]]] = weakref.WeakKeyDictionary()


def context_filters(env: Any) -> dict[str, Callable[..., Any]]:
    """The original context filters of ``env``, as :func:`record_context_filters` found them."""
    return _ORIGINALS[env]


def record_context_filters(env: Any) -> None:
    """Let MkDocs's page-relative filters be recorded as calls (see the module's docstring).

    Outside a recording, each filter runs as it always does.
    """
    if env in _ORIGINALS:
        return
    originals = _ORIGINALS[env] = {name: env.filters[name] for name in CONTEXT_FILTERS if name in env.filters}
    for name, original in originals.items():
        env.filters[name] = _recordable(name, original)


def _recordable(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    @pass_context
    def recordable(context: Any, *args: Any, **kwargs: Any) -> Any:
        recorder = _recording.get()
        if recorder is None:
            return original(context, *args, **kwargs)
        return recorder.filter(name, context, args, kwargs)

    recordable.__name__ = recordable.__qualname__ = f"recordable_{name}"
    return recordable
