"""Fast page rendering (rrma/frames.py) must give exactly the pages a full render gives.

First on small themes that read the page in the ways a theme can (outside the
blocks a page fills, through filters, macros, loops…), then on a whole portal
with realistic content built twice in process — once with the fast path, once
the standard MkDocs way — every file compared byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import url_filter
from rrma.frames import Cards, Frames
from rrma.plugin import RrmaPlugin
from rrma.trace import Recorder

# A theme cut like Material's base.html: a skip link from the first heading outside any block,
# the page's own parts in blocks, a navigation that reads the page's metadata, links through |url.
BASE = (
    "{% import 'lang.html' as lang with context %}"
    "<head>{% block site_meta %}<meta content='{{ page.meta.description }}'>{% endblock %}"
    "{% block htmltitle %}<title>{{ page.meta.title }}</title>{% endblock %}"
    "<link href='{{ 'assets/x.css' | url }}'></head>"
    "{% set features = config.features or [] %}"
    "<div>{% if page.toc | first is defined %}{% set skip = page.toc | first %}<a href='{{ skip.url | url }}'>{{ lang.t('skip') }}</a>{% endif %}</div>"
    "{% block header %}<header>{{ config.name }} {{ lang.t('menu') }}</header>{% endblock %}"
    "<nav>{% if page.meta and page.meta.hide %}caché{% endif %}{% for item in nav %}<a href='{{ item.url | url }}'"
    "{% if item.active %} class=on{% endif %}>{{ item.title }}</a>{% endfor %}{% if 'tabs' in features %}T{% endif %}</nav>"
    "<main>{% block content %}{{ page.content }}{% endblock %}</main>"
    "<aside>{% for t in page.toc %}<a href='{{ t.url }}'>{{ t.title }}</a>{% endfor %}</aside>"
)
THEME = {
    "base.html": BASE,
    "lang.html": "{% macro t(key) %}{{ {'skip': 'Aller au contenu', 'menu': 'Menu'}[key] }}{% endmacro %}",
    "page.html": "{% extends 'base.html' %}{% block content %}<h1>{{ page.meta.title }}</h1>{{ rrma.text }}{% endblock %}",
    "rrma/partials/resource-card.html": "<li><a href='{{ base_url }}/{{ r.url }}'>{{ r.title }}</a></li>",
}


def _env(theme: dict[str, str] = THEME) -> Environment:
    env = Environment(loader=DictLoader(theme))
    env.filters["url"] = url_filter
    return env


def _toc(*headings: str) -> object:
    return get_toc([{"level": 2, "id": h.lower(), "name": h, "html": h, "children": []} for h in headings])


CONFIG = {"features": ["tabs"], "name": "Portail"}
NAV = [SimpleNamespace(url="ressources/", title="Ressources", active=False), SimpleNamespace(url="agenda/", title="Agenda", active=False)]


def _context(n: int, *headings: str, url: str | None = None, **extra: object) -> dict:
    meta = {"title": f"Titre {n}", "description": f"Résumé {n}"}
    page = SimpleNamespace(title=f"Titre {n}", meta=meta, toc=_toc(*headings), url=url or f"ressources/r{n}/", content=f"<p>{n}</p>")
    return {"page": page, "base_url": "../..", "config": CONFIG, "nav": NAV, "rrma": {"text": f"texte {n}"}, **extra}


def _render_all(frames: Frames, env: Environment, contexts: list[dict], template: str = "page.html") -> list[str]:
    outputs = [frames.render(template, c) for c in contexts]
    assert outputs == [env.get_template(template).render(c) for c in contexts]
    return outputs


def test_pages_whose_first_heading_differs_get_their_own_skip_link() -> None:
    # The case that once published a wrong page: three bodies starting with « Contexte », « Contexte », « Objectifs ».
    env = _env()
    frames = Frames(env)
    outputs = _render_all(frames, env, [_context(1, "Contexte", "Suite"), _context(2, "Contexte", "Suite"), _context(3, "Objectifs", "Suite")])
    assert "<a href='#contexte'>Aller au contenu</a>" in outputs[1]
    assert "<a href='#objectifs'>Aller au contenu</a>" in outputs[2] and "#contexte'>Aller" not in outputs[2]
    assert frames.stats == {"recorded": 2, "framed": 1}


def test_pages_that_read_the_same_share_one_frame_and_keep_their_own_parts() -> None:
    env = _env()
    frames = Frames(env)
    outputs = _render_all(frames, env, [_context(n) for n in range(6)])
    assert "<title>Titre 5</title>" in outputs[5] and "content='Résumé 5'" in outputs[5] and "<h1>Titre 5</h1>texte 5" in outputs[5]
    assert "<header>Portail Menu</header>" in outputs[5]
    assert frames.stats == {"recorded": 1, "framed": 5}


def test_a_header_that_shows_the_page_s_title_is_keyed_on_it() -> None:
    env = _env({**THEME, "base.html": BASE.replace("<header>{{ config.name }}", "<header>{{ page.meta.title }}")})
    frames = Frames(env)
    outputs = _render_all(frames, env, [_context(1), _context(2), _context(1)])
    assert "<header>Titre 2 Menu</header>" in outputs[1]
    assert frames.stats == {"recorded": 2, "framed": 1}  # the third page reads what the first read


def test_links_through_the_url_filter_are_compared_as_they_are_written() -> None:
    env = _env()
    frames = Frames(env)
    deeper = [_context(n, url=f"ressources/theme/eau/r{n}/") for n in range(3)]
    outputs = _render_all(frames, env, [_context(1), _context(2), *deeper])
    assert "href='../../assets/x.css'" in outputs[1] and "href='../../../../assets/x.css'" in outputs[3]
    assert frames.stats == {"recorded": 2, "framed": 3}  # one frame per depth


@pytest.mark.parametrize("change", ["hide", "active", "feature", "toc-length", "extra"])
def test_anything_read_outside_the_page_s_own_blocks_is_part_of_the_frame(change: str) -> None:
    env = _env({**THEME, "base.html": BASE + "{% if extra is defined %}<p>{{ extra.label }}</p>{% endif %}"})
    frames = Frames(env)
    first, second = _context(1, extra=SimpleNamespace(label="un")), _context(2, extra=SimpleNamespace(label="un"))
    if change == "hide":
        second["page"].meta["hide"] = ["navigation"]
    elif change == "active":
        second["nav"] = [SimpleNamespace(url="ressources/", title="Ressources", active=True), NAV[1]]
    elif change == "feature":
        second["config"] = {"features": []}
    elif change == "toc-length":
        first["page"].toc, second["page"].toc = _toc("Contexte"), _toc("Contexte", "Suite")
    else:
        second["extra"] = SimpleNamespace(label="deux")
    outputs = _render_all(frames, env, [first, second])
    assert outputs[0] != outputs[1].replace("2", "1")
    assert frames.stats["framed"] == 0


def test_a_block_that_uses_a_value_of_the_recorded_page_is_never_filled_with_it() -> None:
    # The header reads « skip », set from the first page's table of contents outside the block.
    theme = {**THEME, "base.html": BASE.replace("<main>", "<main>{% block extra %}{{ skip.title if skip is defined else '' }}{% endblock %}")}
    env = _env(theme)
    frames = Frames(env, regions=("site_meta", "htmltitle", "extra", "content"))
    outputs = _render_all(frames, env, [_context(1, "Contexte"), _context(2, "Contexte")])
    assert "<main>Contexte<h1>Titre 2" in outputs[1]
    assert frames.stats == {"unfillable": 2, "full": 2}


def test_what_cannot_be_recorded_is_rendered_in_full() -> None:
    theme = {**THEME, "base.html": BASE + "<script>{{ page.meta | tojson }}</script>"}  # json.dumps cannot take a proxy
    env = _env(theme)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True}
    frames = Frames(env)
    _render_all(frames, env, [_context(n) for n in range(3)])
    assert frames.stats == {"unrecordable": 1, "full": 3}


def test_a_proxy_that_the_template_treats_differently_is_caught_by_the_first_comparison() -> None:
    theme = {**THEME, "base.html": BASE + "{% if nav.__class__.__name__ == 'list' %}liste{% endif %}"}
    env = _env(theme)
    frames = Frames(env)
    _render_all(frames, env, [_context(n) for n in range(3)])
    assert frames.stats["mismatch"] == 1 and frames.stats["framed"] == 0


def test_a_replayed_recording_sees_what_the_template_saw() -> None:
    recorder = Recorder(_env())
    one, two = SimpleNamespace(), SimpleNamespace()
    page = SimpleNamespace(meta={"title": "A"}, items=[one, two], tags=["eau"])
    with recorder:
        wrapped = recorder.wrap_context({"page": page, "base_url": ".."}, frozenset())
        assert wrapped["page"].meta.get("title") == "A" and len(wrapped["page"].items) == 2 and wrapped["page"].tags == ["eau"]
    trace = recorder.close()
    # only what was read counts: the items' number, not the items; a list of plain values, whole
    assert trace.matches({"page": SimpleNamespace(meta={"title": "A", "other": 1}, items=[two, one], tags=["eau"]), "base_url": ".."})
    assert not trace.matches({"page": SimpleNamespace(meta={"title": "B"}, items=[one, two], tags=["eau"]), "base_url": ".."})
    assert not trace.matches({"page": SimpleNamespace(meta={"title": "A"}, items=[one], tags=["eau"]), "base_url": ".."})
    assert not trace.matches({"page": SimpleNamespace(meta={"title": "A"}, items=[one, two], tags=["air"]), "base_url": ".."})
    assert not trace.matches({"page": page, "base_url": "../.."})


def test_cards_are_rendered_once_per_depth() -> None:
    env = _env()
    cards = Cards(env)
    item = {"url": "ressources/guide/", "title": "Guide & co"}
    assert str(cards("resource", [item], "..")) == "<li><a href='../ressources/guide/'>Guide & co</a></li>"
    item["title"] = "changé"  # the same item again at that depth: its card is not rendered twice
    assert "Guide & co" in cards("resource", [item], "..")
    assert str(cards("resource", [item], "../..")) == "<li><a href='../../ressources/guide/'>changé</a></li>"


# A whole portal: the repo's content plus pages that exercise every page input.
def _resource(title: str, body: str, **fields: str) -> str:
    lines = [f"title: {json.dumps(title, ensure_ascii=False)}", "type: fiche-pratique", "networks: [centraider]",
             "source_url: https://www.centraider.org/", *(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


PAGES = {
    "resources/intertitres-a.md": _resource("Contexte et objectifs d'un projet", "## Contexte\n\nTexte.\n\n## Objectifs\n\nSuite.\n", summary="Un résumé."),
    "resources/intertitres-b.md": _resource("Même premier intertitre", "## Contexte\n\nAutre texte.\n\n## Moyens\n\nSuite.\n", summary="Un autre résumé."),
    "resources/intertitres-c.md": _resource("Autre premier intertitre", "## Objectifs\n\nTexte.\n\n### Sous-partie\n\nDétail.\n", summary="Encore un résumé."),
    "resources/sans-corps.md": _resource("Une ressource sans présentation", "", summary="Rien de plus."),
    "resources/titre-tres-long.md": _resource(
        "Guide pratique de la coopération décentralisée à l'usage des collectivités d'Auvergne-Rhône-Alpes, "
        "de Bourgogne-Franche-Comté et d'outre-mer : « monter », financer & évaluer <un> projet",
        "Voir [la fiche](monter-un-projet.md) et [son contexte](intertitres-a.md#contexte).\n\n# Un titre de niveau 1\n\nTexte.\n",
        summary="Un résumé « guillemets » & <balises> : " + "très long " * 25),
    "events/rencontre-guadeloupe-2026.md": "---\ntitle: Rencontre des acteurs de la solidarité en Guadeloupe\nsummary: Une rencontre régionale.\n"
                                           "start: 2026-12-12T09:30:00\nend: 2026-12-12T17:00:00\nnetworks: [karib-horizon]\nkind: rencontre\nmode: sur-place\n"
                                           "city: Pointe-à-Pitre\nregion: \"01\"\nsource_url: https://www.karib-horizon.org/\n---\n## Programme\n\nMatinée.\n\n## Inscription\n\nLibre.\n",
}


def _build(root: Path, site: str, *, reference: bool) -> dict[str, Counter[str]]:
    """A strict build in process; what the renderer and the converter did (MkDocs keeps one plugin
    instance between builds of a process: its state is read before the next build)."""
    RrmaPlugin.reference = reference
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site), strict=True)
        build(config)
        plugin = config.plugins["rrma"]
        config.plugins.on_shutdown()
        converter = plugin.pages.converter
        return {"frames": Counter(plugin.renderer.frames.stats), "markdown": Counter(converter.stats if converter else {})}
    finally:
        RrmaPlugin.reference = False


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Counter[str]]]:
    from tests.conftest import SITE_CORPUS, copy_content, pagination_series

    # the shared test site's sources (realistic corpus, a paginated series), and pages made for this test
    root = copy_content(tmp_path_factory.mktemp("frames") / "portail", site=True)
    shutil.copytree(SITE_CORPUS, root, dirs_exist_ok=True)
    pagination_series(root / "resources")
    for path, text in PAGES.items():
        (root / path).write_text(text, encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = "1764028800"
    try:
        fast = _build(root, "fast", reference=False)
        _build(root, "full", reference=True)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return root, fast


def test_every_file_is_byte_for_byte_the_standard_render(two_builds: tuple[Path, dict[str, Counter[str]]]) -> None:
    root, _ = two_builds
    fast = {p.relative_to(root / "fast"): p for p in (root / "fast").rglob("*") if p.is_file()}
    full = {p.relative_to(root / "full"): p for p in (root / "full").rglob("*") if p.is_file()}
    assert fast.keys() == full.keys()
    assert [str(path) for path in fast if fast[path].read_bytes() != full[path].read_bytes()] == []
    page = (root / "fast" / "ressources" / "intertitres-c" / "index.html").read_text(encoding="utf-8")
    assert 'href="#objectifs" class="md-skip"' in page and 'href="#contexte" class="md-skip"' not in page
    assert (root / "fast" / "ressources" / "type" / "fiche-pratique" / "page" / "3" / "index.html").is_file()  # the deepest listing
    long = (root / "fast" / "ressources" / "titre-tres-long" / "index.html").read_text(encoding="utf-8")
    assert 'href="../monter-un-projet/"' in long and 'href="../intertitres-a/#contexte"' in long  # links between entries resolved


def test_the_fast_path_is_used(two_builds: tuple[Path, dict[str, Counter[str]]]) -> None:
    _, fast = two_builds
    stats = fast["frames"]
    # most generated pages reuse a frame; those with headings of their own, and the first of each kind, are recorded
    assert stats["framed"] > 3 * stats["recorded"] and stats.get("full", 0) + stats.get("mismatch", 0) + stats.get("unfillable", 0) == 0
    assert fast["markdown"]["converted"] > 50



def test_mkdocs_page_filters_read_only_the_page_and_base_url() -> None:
    # rrma/trace.py records |url and |script_tag as calls of (arguments, page, base_url): pinned here,
    # in case a version of MkDocs makes them read anything else from the context.
    from mkdocs.config.config_options import ExtraScriptValue
    from mkdocs.utils import templates
    from rrma.trace import CONTEXT_FILTERS

    class Spy(dict):
        read: set[str] = set()

        def __getitem__(self, key: str) -> object:
            self.read.add(key)
            return super().__getitem__(key)

    page = SimpleNamespace(url="ressources/r1/")
    context = Spy(page=page, base_url="../..", config={}, nav=[], rrma={})
    script = ExtraScriptValue("assets/javascripts/menu.js")
    script.type, script.defer, script.async_ = "module", True, False
    outputs = {"url": templates.url_filter(context, "assets/x.css"), "script_tag": templates.script_tag_filter(context, script)}
    assert set(outputs) == set(CONTEXT_FILTERS)
    assert outputs["url"] == "../../assets/x.css" and 'src="../../assets/javascripts/menu.js"' in outputs["script_tag"]
    assert Spy.read == {"page", "base_url"}
