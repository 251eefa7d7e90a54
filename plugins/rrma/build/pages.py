"""The generated pages as MkDocs pages: one stub file each, its data given to the templates."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink

from ..generated import BodyConverter, GeneratedPage
from ..kinds.site import Site
from ..pages.specs import Output, PageSpec, SitePages, build_pages
from ..preview import Reuse, fingerprint

if TYPE_CHECKING:
    from datetime import date

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

    from ..render import Renderer

FRAMED = "rrma/framed.html"  # prints the page the plugin rendered (rrma/render.py)


class PageManager:
    """Page specs (:func:`rrma.pages.specs.build_pages`) turned into files, then into HTML.

    ``reference`` renders every generated page the standard MkDocs way (its
    template rendered by MkDocs, its Markdown converted by MkDocs): the tests
    build the site both ways and compare every file.
    """

    def __init__(self, *, reference: bool = False) -> None:
        self.reference = reference
        self._section: Any = None  # the nav page marked active for the page being rendered (see `context`)
        self.pages: SitePages | None = None
        self.specs: dict[str, PageSpec] = {}
        self.reuse = Reuse()
        self._reused: dict[str, tuple[str, str]] = {}
        self._keys: dict[str, bytes] = {}
        self.converter: BodyConverter | None = None

    def generate(self, site: Site, today: date, output: Output, files: Files, config: MkDocsConfig, world: dict[str, Any] | None = None) -> SitePages:
        """Add a file for every generated page and static file; refuse a hand-written page at a generated address."""
        self.pages = pages = build_pages(site, today, output, world)
        self.specs = {}
        # MkDocs keeps one plugin instance per process (its ``plugins`` option caches a plugin that has
        # ``on_startup``): the pages a preview reused must not be taken for this build's, whatever
        # project or command it is (start_preview fills them again under ``mkdocs serve``).
        self._reused, self._keys = {}, {}
        self.converter = None if self.reference else BodyConverter(config)
        for spec in pages.pages:
            if files.get_file_from_path(spec.uri) is not None:
                raise PluginError(f"content/{spec.uri} existe déjà : cette adresse est réservée à une page générée")
            self.specs[spec.uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            meta = front_matter(spec, template=spec.template if self.reference else FRAMED)
            file = File.generated(config, spec.uri, content=stub(meta, spec.body), inclusion=inclusion)
            files.append(file)
            # Pages in the nav are left to MkDocs, which gives them their nav title.
            if self.converter is not None and not spec.in_nav:
                GeneratedPage(file, config, meta=meta, body=spec.body, converter=self.converter)
        for path, text in pages.page_files.items():
            files.append(File.generated(config, path, content=text))
        return pages

    def start_preview(self, shared: Any) -> None:
        """Under ``mkdocs serve``: what every page shares, for :meth:`reused`."""
        self.reuse.start(shared)

    def reused(self, page: Page) -> bool:
        """Under ``mkdocs serve``: is this page's last output still right (nothing it is made from changed)?"""
        spec = self.specs.get(page.file.src_uri)
        if spec is None or self.reference:
            return False
        key = self._keys[spec.uri] = self.reuse.key((spec.uri, spec.title, spec.description, spec.template, spec.body, spec.context))
        last = self.reuse.get(spec.uri, key)
        if last is not None:
            self._reused[spec.uri] = last
        return last is not None

    def generated(self, page: Page) -> bool:
        return page.file.src_uri in self.specs

    def last_content(self, page: Page) -> str | None:
        """A reused page's HTML content, as it was converted at the last build."""
        last = self._reused.get(page.file.src_uri)
        return last[0] if last else None

    def context(self, context: dict[str, Any], page: Page, renderer: Renderer) -> dict[str, Any]:
        """The template context of a page: its data, and for a generated page the page rendered."""
        if self.pages is not None:
            context["rrma_feeds"] = self.pages.feeds
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and not spec.in_nav:
            self._section = section_of(page, context.get("nav"))
            if self._section is not None:
                self._section.active = True  # until `rendered`: Material highlights the section's link
        if spec is not None and spec.uri in self._reused:
            context["rrma_html"] = self._reused[spec.uri][1]
        elif spec is not None:
            context["rrma"] = {**spec.context, "description": spec.description}
            if spec.template in ("rrma/library.html", "rrma/calls.html"):  # the library's facet menu, the calls' too
                chosen = spec.context.get("filter")
                context["rrma"]["menu"] = renderer.facet_menu(spec.context["facets"], context["base_url"], chosen["param"] if chosen else None)
            if not self.reference:
                context["rrma_html"] = renderer.page(spec.template, context)
                if spec.uri in self._keys:
                    self.reuse.put(spec.uri, self._keys[spec.uri], page.content or "", context["rrma_html"])
        elif self.pages is not None and page.file.src_uri in self.pages.extra:
            context["rrma"] = self.pages.extra[page.file.src_uri]
            add_to_toc(page, context["rrma"].get("sections", []))
        return context

    def rendered(self) -> None:
        """After a page: its section is no longer active for the next one."""
        if self._section is not None:
            self._section.active = False
            self._section = None


def preview_inputs(config: MkDocsConfig, problems: Any, feeds: Any, drafts: bool) -> Any:
    """What every page of a preview is made from besides its own data (:meth:`PageManager.start_preview`):
    the theme's and hand-written pages' files, mkdocs.yml, the address, the problems shown, the feeds, the drafts."""
    theme = [config.theme.custom_dir] if config.theme.custom_dir else []
    return (fingerprint(config.docs_dir, *theme), config.config_file_path and os.stat(config.config_file_path).st_mtime_ns,
            config.site_url, problems, feeds, drafts)


def section_of(page: Page, nav: Any) -> Any:
    """The nav page of the section a generated page belongs to (``agenda/…`` → ``agenda/``), if any."""
    head = page.url.split("/", 1)[0]
    if not head or nav is None:
        return None
    return next((p for p in nav.pages if p.url == f"{head}/" and p is not page), None)


def front_matter(spec: PageSpec, *, template: str) -> dict[str, str]:
    """The generated page's front matter: its title, template and description.

    Title and description are HTML-escaped because MkDocs does not autoescape
    and Material prints ``page.meta.title`` and ``page.meta.description`` as
    they are (in ``<title>``, the header, the ``<meta>`` tags).
    """
    meta = {"title": str(escape(spec.title)), "template": template}
    if spec.description:
        meta["description"] = str(escape(spec.description))
    return meta


def stub(meta: dict[str, str], body: str) -> str:
    """The page as a Markdown file MkDocs can read (``json.dumps`` quotes values as valid YAML strings)."""
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n\n" + body


def add_to_toc(page: Page, sections: list[dict[str, str]]) -> None:
    """Sections a template adds after the page's Markdown, listed in its table of contents
    (under the page's title, as Markdown's own ``##`` sections are)."""
    if not sections or any(link.id == sections[0]["id"] for link in _toc_links(page.toc)):
        return
    items = page.toc.items
    parent = items[0].children if len(items) == 1 and items[0].level == 1 else items
    parent.extend(AnchorLink(str(escape(s["title"])), s["id"], 2) for s in sections)


def _toc_links(links: Any) -> Any:
    for link in links:
        yield link
        yield from _toc_links(link.children)
