"""MkDocs pages for the generated pages, read and converted without per-page set-up.

MkDocs builds a new ``markdown.Markdown`` for every page, with every
extension, then parses the page's front matter back from its text. For
thousands of generated pages whose front matter the plugin wrote itself, that
set-up cost more than converting their Markdown. :class:`GeneratedPage` takes
its front matter as data, and :class:`BodyConverter` keeps one ``Markdown``
with the site's extensions, reset between pages, as Python-Markdown documents
for repeated use.

What MkDocs adds to each page's conversion is done here with public APIs:
relative links to other files of the site become addresses relative to the
page (``File.url_relative_to``), links to anchors are listed for MkDocs's
anchor check (``Page.links_to_anchors``), and the anchors the page has are
collected (``Page.present_anchor_ids``). ``rrma check`` has already refused
links that lead nowhere, before the build starts.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files

log = get_plugin_logger(__name__)


class _Links(Treeprocessor):
    """Relative links to files of the site, made relative to the page's address."""

    page: File
    files: Files
    anchors: dict[File, dict[str, str]]

    def run(self, root: Element) -> None:
        for element in root.iter():
            key = "href" if element.tag == "a" else "src" if element.tag == "img" else None
            url = element.get(key) if key else None
            if url is not None:
                element.set(key, self._resolve(url))  # type: ignore[arg-type]

    def _resolve(self, url: str) -> str:
        scheme, netloc, path, query, fragment = urlsplit(url)
        if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
            return url
        if not path:
            if fragment:
                self.anchors.setdefault(self.page, {}).setdefault(fragment, url)
            return url
        target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(self.page.src_uri), unquote(path))).lstrip("/")
        target = self.files.get_file_from_path(target_uri)
        if target is None:
            log.warning(f"{self.page.src_uri} : le lien « {url} » ne mène à aucun fichier du site ; il est laissé tel quel")
            return url
        if fragment:
            self.anchors.setdefault(target, {}).setdefault(fragment, url)
        return urlunsplit(("", "", get_relative_url(target.url, self.page.url), query, fragment))


class _Ids(HTMLParser):
    """Every ``id`` (and ``<a name>``) of a page's HTML: the anchors a link may name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


class BodyConverter:
    """One ``markdown.Markdown`` with the site's extensions for all generated pages of a build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._config = config
        self._md: markdown.Markdown | None = None
        self._links = _Links()
        self.stats: Counter[str] = Counter()

    def convert(self, page: Page, files: Files) -> None:
        if self._md is None:
            self._md = markdown.Markdown(extensions=self._config["markdown_extensions"],
                                         extension_configs=self._config["mdx_configs"] or {})
            self._links.md = self._md
            self._md.treeprocessors.register(self._links, "rrma_links", 0)  # last, as MkDocs's own: after ids and attributes
        md = self._md.reset()
        self._links.page, self._links.files, self._links.anchors = page.file, files, {}
        assert page.markdown is not None
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        ids = _Ids()
        ids.feed(page.content)
        ids.close()
        page.present_anchor_ids = ids.ids
        page.links_to_anchors = self._links.anchors
        self.stats["converted"] += 1


class GeneratedPage(Page):
    """A generated page: front matter and Markdown given, converted by the shared converter."""

    def __init__(self, file: File, config: MkDocsConfig, *, meta: dict[str, Any], body: str, converter: BodyConverter) -> None:
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
        self._converter.convert(self, files)
