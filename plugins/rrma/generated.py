"""MkDocs pages for the generated pages, read and converted without per-page set-up.

MkDocs builds a new ``markdown.Markdown`` for every page, with every
extension, then parses the page's front matter back from its text. For
thousands of generated pages whose front matter the plugin wrote itself, that
set-up cost more than converting their Markdown. :class:`GeneratedPage` takes
its front matter as data, and :class:`Converter` keeps one ``Markdown`` that is
reset between pages, as Python-Markdown documents for repeated use.

Each page gets MkDocs's own per-page processors (relative links, anchors,
title), registered afresh under their usual names, so links in contributed
Markdown are resolved and checked as on any page. Safety net, as for frames:
the first pages are also converted the standard way and compared; on any
difference every later page is converted the standard way.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING, Any

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.meta import get_data

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

VERIFIED_PAGES = 2  # with Markdown to convert: converted both ways and compared
# MkDocs's per-page processors (mkdocs/structure/pages.py), private: without them, pages are converted the standard way.
_PROCESSORS = ("_RawHTMLPreprocessor", "_ExtractAnchorsTreeprocessor", "_RelativePathTreeprocessor", "_ExtractTitleTreeprocessor")


class Converter:
    """One ``markdown.Markdown`` for all generated pages of a build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._config = config
        self._md: markdown.Markdown | None = None
        self.checked = 0
        self.enabled = all(hasattr(mkdocs_pages, name) for name in _PROCESSORS)
        self.stats: Counter[str] = Counter()

    def render(self, page: Page, files: Files) -> None:
        if not self.enabled:
            self.stats["standard"] += 1
            Page.render(page, self._config, files)
            return
        verify = page.markdown and page.markdown.strip() and self.checked < VERIFIED_PAGES
        self._convert(page, files)
        self.stats["shared"] += 1
        if verify:
            self.checked += 1
            ours = _outcome(page)
            mkdocs_pages.log.disabled = True  # its warnings were just given: not twice
            try:
                Page.render(page, self._config, files)
            finally:
                mkdocs_pages.log.disabled = False
            if _outcome(page) != ours:
                self.enabled = False
                self.stats["mismatch"] += 1

    def _convert(self, page: Page, files: Files) -> None:
        if self._md is None:
            self._md = markdown.Markdown(extensions=self._config["markdown_extensions"],
                                         extension_configs=self._config["mdx_configs"] or {})
        md = self._md.reset()
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, self._config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, self._config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        assert page.markdown is not None
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:  # as MkDocs does
            page.links_to_anchors = relative.links_to_anchors


def _outcome(page: Page) -> tuple[Any, ...]:
    links = {(target.src_uri, tuple(sorted(anchors.items()))) for target, anchors in (page.links_to_anchors or {}).items()}
    return page.content, str(page.toc), page._title_from_render, page.present_anchor_ids, links


class GeneratedPage(Page):
    """A generated page: front matter and Markdown given, converted by the shared converter."""

    def __init__(self, file: File, config: MkDocsConfig, *, meta: dict[str, Any], body: str, converter: Converter) -> None:
        super().__init__(None, file, config)
        self._given = (meta, body)
        self._converter = converter

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is not None:  # another plugin supplied the text: read it as MkDocs does
            self.markdown, self.meta = get_data(source)
            return
        meta, body = self._given
        self.markdown, self.meta = body.lstrip("\n"), dict(meta)  # as MkDocs strips what follows front matter

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        self._converter.render(self, files)
