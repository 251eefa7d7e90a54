"""The ``rrma`` MkDocs plugin: a thin adapter over :func:`rrma.kinds.site.load_site`.

Content is loaded and checked in ``on_pre_build``, which MkDocs runs before it
empties ``site/``: a content error stops ``mkdocs build`` with every problem
listed and the previous site untouched. Under ``mkdocs serve`` the same
problems are logged and the server keeps running.
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from jinja2 import Environment
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import AnchorLink

from .config import RrmaConfig
from .core.diagnostics import Diagnostic
from .core.history import last_changes
from .core.markup import sanitize
from .core.types import PARIS
from .frames import Cards, Frames, Reuse, fingerprint
from .generated import Converter, GeneratedPage
from .kinds.base import EntryCache
from .kinds.site import Site, load_site
from .outputs.cms import cms_config
from .outputs.search import SearchDoc
from .outputs.search import build as build_search
from .pages.searchdocs import markdown_text, page_title_and_text, search_documents
from .pages.specs import Output, PageSpec, SitePages, build_pages
from .project import Project, project_from_options
from .sidejob import SideJob, Worker

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


class RrmaPlugin(BasePlugin[RrmaConfig]):
    def __init__(self) -> None:
        self.is_serve = False
        self.project: Project | None = None
        self.site: Site | None = None
        self.pages: SitePages | None = None
        self.specs: dict[str, PageSpec] = {}
        self.problems: list[Diagnostic] = []
        self._side: SideJob | None = None
        self._menu: tuple[str, str] | None = None
        self._frames: Frames | None = None
        self._worker: Worker | None = None
        self._reuse = Reuse()
        self._reused: dict[str, tuple[str, str]] = {}
        self._keys: dict[str, bytes] = {}
        self._entry_cache: EntryCache = {}  # preview: files parsed at an earlier rebuild
        self._converter: Converter | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        if self.is_serve and self._worker is None:
            try:  # now, while the preview server has no thread yet: fork is safe
                self._worker = Worker()
            except (OSError, ValueError):
                self._worker = None

    def on_shutdown(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.project = project_from_options(self.config, root, config.docs_dir)  # as `rrma check` does (rrma/cli/settings.py)
        config.extra_css.append("assets/stylesheets/rrma.css")
        config.extra_javascript.append("assets/javascripts/library.js")
        config.extra_javascript.append("assets/javascripts/agenda.js")
        config.extra_javascript.append("assets/javascripts/menu.js")
        return None

    @property
    def show_drafts(self) -> bool:
        return self.is_serve if self.config.drafts is None else self.config.drafts

    # Before MkDocs cleans site/: a broken tree must leave the last good site in place.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.project is None:
            return
        site, problems = load_site(self.project, self._entry_cache if self.is_serve else None)
        self.problems = problems
        for problem in problems:
            log.error(f"{problem.headline()}\n    conseil : {problem.hint} [{problem.code}]")
        if problems and not self.is_serve:
            raise PluginError(
                f"{len(problems)} erreur(s) de contenu : le site n'a pas été construit. "
                "Corrigez-les (la commande `rrma check` donne la même liste) puis relancez."
            )
        self.site = site.published(include_drafts=self.show_drafts)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The data folders live outside docs_dir: watch them so an edit rebuilds.
        if self.project is not None:
            for name in (self.project.networks_dir, self.project.events_dir, self.project.resources_dir, self.project.taxonomies_dir):
                folder = self.project.dir(name)
                if folder.is_dir():
                    server.watch(str(folder), recursive=True)
        return server

    # Late, so pages other plugins add are already there when ours are checked for clashes.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.site is None or self.project is None:
            return files
        output = Output(
            site_url=config.site_url or "http://127.0.0.1:8000/",
            now=_build_time(),
            changed=last_changes(self.project.root, [self.project.events_dir, self.project.resources_dir]),
        )
        self.pages = build_pages(self.site, self.project.today, output)
        self._menu = None
        self.specs = {}
        fast = self.config.fast_pages
        self._converter = Converter(config) if fast else None
        for spec in self.pages.pages:
            if files.get_file_from_path(spec.uri) is not None:
                raise PluginError(f"content/{spec.uri} existe déjà : cette adresse est réservée à une page générée")
            self.specs[spec.uri] = spec
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            meta = _front_matter(spec, framed=fast)
            file = File.generated(config, spec.uri, content=_stub(meta, spec.body), inclusion=inclusion)
            files.append(file)
            # Pages in the nav are left to MkDocs, which gives them their nav title.
            if self._converter is not None and not spec.in_nav:
                GeneratedPage(file, config, meta=meta, body=spec.body, converter=self._converter)
        for path, text in self.pages.page_files.items():
            files.append(File.generated(config, path, content=text))
        for dest, source in _assets(self.site):
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        for dest, source in self._vendor():
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        if self.config.cms.enabled:
            cms = cms_config(self.project, self.site.taxonomies, repo=self.config.cms.repo or os.environ.get("GITHUB_REPOSITORY"),
                             branch=self.config.cms.branch, base_url=self.config.cms.base_url, site_url=config.site_url)
            cms["test"] = {"backend": {"name": "test-repo", "login": False}}  # only with /admin/?test (window.CMS_ENV)
            files.append(File.generated(config, "admin/config.yml", content=yaml.safe_dump(cms, allow_unicode=True, sort_keys=False)))
            files.append(File.generated(config, "admin/index.html", content=ADMIN_PAGE.format(site=escape(config.site_name))))
            for dest, source in self._decap():
                files.append(File.generated(config, dest, abs_src_path=str(source)))
        if self.is_serve:
            self._reused, self._keys = {}, {}
            self._reuse.start((fingerprint(config.docs_dir, *([config.theme.custom_dir] if config.theme.custom_dir else [])),
                               config.config_file_path and os.stat(config.config_file_path).st_mtime_ns,
                               config.site_url, self.problems, self.pages.feeds, self.show_drafts))
        self._start_side_job(files, config)
        return files

    def _start_side_job(self, files: Files, config: MkDocsConfig) -> None:
        """Search index, calendars, feeds and open data: made beside the pages (rrma/sidejob.py)."""
        assert self.pages is not None
        pages = self.pages
        hand_written = [(f.src_uri, f.content_string, f.name) for f in files.documentation_pages()
                        if f.src_uri not in self.specs and f.src_uri != "404.md"]

        def documents() -> list[SearchDoc]:
            texts = {spec.uri: (spec.title, markdown_text(spec.body)) for spec in pages.pages if spec.search is not None}
            for uri, source, name in hand_written:
                texts[uri] = page_title_and_text(source, name)
            return search_documents(pages, texts, hand_written=[uri for uri, _, _ in hand_written])

        self._stop_side_job()
        if self._worker is not None:  # preview: the index beside the pages, in the worker forked at start-up
            self._worker.submit(build_search, (documents(), pages.search_facets), config.site_dir)
            self._side = SideJob(pages.make_data_files, config.site_dir, fork=False)
        else:
            self._side = SideJob(lambda: {**build_search(documents(), pages.search_facets), **pages.make_data_files()},
                                 config.site_dir, fork=not self.is_serve)

    def _stop_side_job(self) -> None:
        if self._side is not None:
            self._side.cancel()
        self._side = None

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_side_job()

    def _decap(self) -> list[tuple[str, Path]]:
        """Decap CMS's bundle and the lazy chunks it loads from the same folder (no source maps)."""
        assert self.project is not None
        dist = self.project.root / self.config.node_modules_dir / "decap-cms" / "dist"
        if not (dist / "decap-cms.js").is_file():
            raise PluginError(f"{dist}/decap-cms.js absent : lancez `npm ci` (ou `make serve`, qui le fait)")
        keep = [p for p in sorted(dist.iterdir()) if p.name.endswith(("decap-cms.js", ".wasm")) or p.name == "LICENSE"]
        return [(f"admin/vendor/{p.name}", p) for p in keep]

    def _vendor(self) -> list[tuple[str, Path]]:
        """lunr.js and lunr-languages, from the installed npm packages (never pasted)."""
        assert self.project is not None
        modules = self.project.root / self.config.node_modules_dir
        wanted = [("lunr.min.js", modules / "lunr" / "lunr.min.js"),
                  ("lunr.stemmer.support.js", modules / "lunr-languages" / "min" / "lunr.stemmer.support.min.js"),
                  ("lunr.fr.js", modules / "lunr-languages" / "min" / "lunr.fr.min.js")]
        missing = [str(path) for _, path in wanted if not path.is_file()]
        if missing:
            raise PluginError(f"paquets npm absents ({', '.join(missing)}) : lancez `npm ci` (ou `make serve`, qui le fait)")
        return [(f"assets/javascripts/vendor/{name}", path) for name, path in wanted]

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["rrma_cards"] = Cards(env)
        self._frames = Frames(env, enabled=self.config.fast_pages)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        spec = self.specs.get(page.file.src_uri)
        if spec is None or not self.is_serve or not self.config.fast_pages:
            return None
        key = self._keys[spec.uri] = self._reuse.key((spec.uri, spec.title, spec.description, spec.template, spec.body, spec.context))
        reused = self._reuse.get(spec.uri, key)
        if reused is None:
            return None
        self._reused[spec.uri] = reused
        return ""  # nothing to convert: the last output is written again

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self._reused:
            return self._reused[page.file.src_uri][0]
        # Contributed Markdown: whatever it contained, only allowlisted HTML reaches the page.
        if page.file.src_uri in self.specs:
            return sanitize(html, iframe_hosts=self.config.iframe_hosts)
        return None

    def _library_menu(self, context: dict[str, Any], spec: PageSpec) -> dict[str, str]:
        """The facet menu is the same on every library page: render it once, then adapt
        its links to the page's depth and open the facet the page is about."""
        if self._menu is None:
            assert self._frames is not None  # on_env has run: its environment renders the menu too
            module = self._frames.env.get_template("rrma/partials/facet-menu.html").make_module({"facets": spec.context["facets"]})
            self._menu = (str(module.selects()), str(module.details()))
        base = context["base_url"]
        selects, details = (part.replace("@@BASE@@", base) for part in self._menu)
        chosen = spec.context.get("filter")
        if chosen:
            details = details.replace(f'<details data-facet="{chosen["param"]}">', f'<details data-facet="{chosen["param"]}" open>')
        return {"selects": selects, "details": details}

    # Last, so what other plugins add to the context is in the page the frame renders.
    @event_priority(-100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        if self.pages is not None:
            context["rrma_feeds"] = self.pages.feeds
        if self.is_serve and self.problems:  # the preview shows what the terminal says
            context["rrma_problems"] = self.problems
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.uri in self._reused:
            context["rrma_html"] = self._reused[spec.uri][1]
        elif spec is not None:
            context["rrma"] = {**spec.context, "description": spec.description}
            if spec.template == "rrma/library.html":
                context["rrma"]["menu"] = self._library_menu(context, spec)
            if self.config.fast_pages and self._frames is not None:
                context["rrma_html"] = self._frames.render(spec.template, context)
                if spec.uri in self._keys:
                    self._reuse.put(spec.uri, self._keys[spec.uri], page.content or "", context["rrma_html"])
        elif self.pages is not None and page.file.src_uri in self.pages.extra:
            context["rrma"] = self.pages.extra[page.file.src_uri]
            _add_to_toc(page, context["rrma"].get("sections", []))
        return context


    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._frames is not None:
            log.debug(f"generated pages: {dict(self._frames.stats)}, reused: {self._reuse.hits}, "
                      f"Markdown: {dict(self._converter.stats) if self._converter else 'standard'}")
        if self._side is None:
            return
        side, self._side = self._side, None
        waited = time.perf_counter()
        error = side.finish() or (self._worker.result() if self._worker is not None else None)
        log.debug(f"search index and data files: waited {time.perf_counter() - waited:.2f} s after the pages")
        if error:
            raise PluginError(f"l'index de recherche, les calendriers, les flux ou les données ouvertes n'ont pas pu être écrits :\n{error}")


ADMIN_PAGE = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>Édition du contenu — {site}</title>
  <link rel="icon" href="data:,">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <noscript><p>L'édition en ligne a besoin de JavaScript. Vous pouvez aussi proposer une modification depuis GitHub (voir CONTRIBUTING.md).</p></noscript>
  <script>
    // /admin/?test : dépôt en mémoire, sans connexion, pour essayer le formulaire (et pour les tests).
    if (new URLSearchParams(location.search).has("test")) {{ window.CMS_ENV = "test"; }}
  </script>
  <script src="vendor/decap-cms.js"></script>
</body>
</html>
"""


def _add_to_toc(page: Page, sections: list[dict[str, str]]) -> None:
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


def _build_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=PARIS)
    return datetime.now(PARIS)


def _front_matter(spec: PageSpec, *, framed: bool) -> dict[str, str]:
    """The generated page's front matter: its title, template and description.

    Title and description are HTML-escaped because MkDocs does not autoescape
    and Material prints ``page.meta.title`` and ``page.meta.description`` as
    they are (in ``<title>``, the header, the ``<meta>`` tags).
    """
    meta = {"title": str(escape(spec.title)),
            "template": "rrma/framed.html" if framed else spec.template}  # framed: the plugin renders spec.template itself
    if spec.description:
        meta["description"] = str(escape(spec.description))
    return meta


def _stub(meta: dict[str, str], body: str) -> str:
    """The page as a Markdown file MkDocs can read (``json.dumps`` quotes values as valid YAML strings)."""
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items()) + "---\n\n" + body


def _assets(site: Site) -> list[tuple[str, Path]]:
    """Logos and attachments, copied under stable URLs."""
    found = []
    networks_dir = site.project.dir(site.project.networks_dir)
    for entry in site.networks:
        if entry.data.logo is not None:
            source = networks_dir / entry.data.logo.file
            found.append((f"logos/{entry.id}/{source.name}", source))
    resources_dir = site.project.dir(site.project.resources_dir)
    for entry in site.resources:
        for attachment in entry.data.attachments:
            if attachment.file:
                source = resources_dir / attachment.file
                found.append((f"fichiers/{entry.id}/{source.name}", source))
    return [(dest, source) for dest, source in found if source.is_file()]
