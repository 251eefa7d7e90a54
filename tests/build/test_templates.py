"""Compiled templates kept between preview rebuilds: reused only where the compiler would write the same code."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, pass_context, select_autoescape
from rrma.build.templates import CompiledTemplates

SOURCE = "{% if items %}\n{% for i in items %}\n[{{ i|mark }}]\n{% endfor %}\n{% endif %}"


def _env(cache: CompiledTemplates | None, **options: object) -> Environment:
    env = Environment(loader=DictLoader({"list.html": SOURCE}), bytecode_cache=cache, **options)
    env.filters["mark"] = lambda value: f"<{value}>"
    return env


def test_a_template_is_compiled_once_for_environments_alike() -> None:
    cache = CompiledTemplates()
    first = _env(cache).get_template("list.html").render(items=[1, 2])
    again = _env(cache).get_template("list.html").render(items=[1, 2])
    assert again == first == _env(None).get_template("list.html").render(items=[1, 2])
    assert cache.compiled == 1


def test_other_whitespace_options_get_their_own_code() -> None:
    cache = CompiledTemplates()
    _env(cache).get_template("list.html").render(items=[1])
    trimmed = _env(cache, trim_blocks=True).get_template("list.html").render(items=[1])
    assert trimmed == _env(None, trim_blocks=True).get_template("list.html").render(items=[1]) == "[<1>]\n"
    assert cache.compiled == 2


def test_a_filter_that_now_takes_the_context_gets_new_code() -> None:
    """Jinja 3 decides when it compiles whether a filter is given the context."""
    cache = CompiledTemplates()
    _env(cache).get_template("list.html").render(items=[1])
    env = _env(cache)
    env.filters["mark"] = pass_context(lambda context, value: f"<{value} {context['who']}>")
    assert env.get_template("list.html").render(items=[1], who="moi").strip() == "[<1 moi>]"
    assert cache.compiled == 2


def test_an_edited_template_is_compiled_again() -> None:
    cache = CompiledTemplates()
    _env(cache).get_template("list.html").render(items=[1])
    env = Environment(loader=DictLoader({"list.html": SOURCE.replace("[", "(")}), bytecode_cache=cache)
    env.filters["mark"] = str
    assert env.get_template("list.html").render(items=[1]).strip() == "(1]"
    assert cache.compiled == 2


def test_another_autoescape_choice_gets_its_own_code() -> None:
    """select_autoescape's functions share a name: what they were made with tells them apart."""
    cache, value = CompiledTemplates(), ["<b>"]
    plain = _env(cache, autoescape=select_autoescape(enabled_extensions=("xml",))).get_template("list.html").render(items=value)
    escaped = _env(cache, autoescape=select_autoescape(enabled_extensions=("html",))).get_template("list.html").render(items=value)
    assert "<<b>>" in plain and "&lt;b&gt;" in escaped
    assert cache.compiled == 2
