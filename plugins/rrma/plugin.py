"""The ``rrma`` MkDocs plugin: hooks over :mod:`rrma.build` and :mod:`rrma.render`.

Each hook says when it runs and why; the work is in the managers. Content is
loaded and checked in ``on_pre_build``, which MkDocs runs before it empties
``site/``: a content error stops ``mkdocs build`` with every problem listed and
the previous site untouched. Under ``mkdocs serve`` the same problems are
logged and shown on every page, and the server keeps running.
"""

from __future__ import annotations

import gc
import os
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from .build import assets
from .build.content import ContentManager
from .build.memo import LastOutput
from .build.outputs import OutputManager, side_work
from .build.pages import PageManager, preview_inputs
from .build.templates import CompiledTemplates
from .config import RrmaConfig
from .core.diagnostics import internal_error
from .core.history import last_changes
from .core.markup import sanitize
from .core.types import PARIS
from .core.typography import Typesetter
from .core.wording import plural
from .outputs.cms import config_file, editor_data
from .pages.specs import Output, is_local
from .pages.worldmap import world_shapes
from .project import Project, project_from_options
from .render import Renderer

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

ASSETS = (("extra_css", "assets/stylesheets/rrma.css"), ("extra_javascript", "assets/javascripts/library.js"),
          ("extra_javascript", "assets/javascripts/agenda.js"), ("extra_javascript", "assets/javascripts/menu.js"),
          ("extra_javascript", "assets/javascripts/calls.js"))


class RrmaPlugin(BasePlugin[RrmaConfig]):
    reference = False
    """Render every generated page the standard MkDocs way (tests compare the two builds)."""

    def __init__(self) -> None:
        self.is_serve = False
        self.typeset = Typesetter(remember=False)
        self.project: Project | None = None
        self.content = ContentManager()
        self.pages = PageManager()
        self.outputs = OutputManager()
        self.renderer: Renderer | None = None
        self.templates = CompiledTemplates()  # under `mkdocs serve` (on_env)
        self.editor_config = LastOutput(config_file)  # made again only when its inputs change (192 kB of YAML, 0.4 s)
        self._page: str | None = None  # the page being converted, should its conversion fail (see on_build_error)

    @property
    def site(self) -> Any:
        return self.content.site

    @property
    def show_drafts(self) -> bool:
        return self.is_serve if self.config.drafts is None else self.config.drafts

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Serve mode: drafts shown, files kept parsed and unchanged pages' typography remembered between rebuilds."""
        self.is_serve = command == "serve"
        self.typeset = Typesetter(remember=self.is_serve)

    def on_shutdown(self) -> None:
        """The side-work process lives as long as the plugin."""
        self.outputs.close()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Where the content is, from the options; the portal's styles and scripts on every page."""
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.project = project_from_options(self.config, root, config.docs_dir)  # as `rrma check` does (rrma/cli/settings.py)
        self.pages.reference = self.reference
        for option, path in ASSETS:
            config[option].append(path)
        if not self.is_serve and is_local(config.site_url or ""):
            log.info(f"adresse publique inconnue (site_url, variable RRMA_SITE_URL) : calendriers, flux, données et sitemap.xml "
                     f"pointent vers {config.site_url or 'http://127.0.0.1:8000/'}, qui ne sert qu'à l'aperçu ; ne publiez pas ce site-là")
        return None

    # First, before MkDocs cleans site/: a broken tree must leave the last good site in place.
    @event_priority(100)
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Load and check every file (what ``rrma check`` does); stop a build at the first problem."""
        if self.project is None:
            return
        self.outputs.prepare()
        self._page = None
        try:
            problems = self.content.load(self.project, keep_cache=self.is_serve, drafts=self.show_drafts)
        except Exception as exc:  # noqa: BLE001 - last resort, as in `rrma check`: a message, never a traceback
            raise PluginError(f"{internal_error(exc)} : le site n'a pas été construit. "
                              "Merci de la signaler aux mainteneurs du portail.") from None
        # The content lives until the build ends: kept out of the garbage collector's passes, which would
        # otherwise walk it again and again while the pages are made (8.6 s of 115 at 10,000 resources).
        gc.freeze()
        if problems and not self.is_serve:
            files = len({p.path for p in problems})
            raise PluginError(f"{plural(len(problems), 'erreur', 'erreurs')} dans {plural(files, 'fichier', 'fichiers')} : le site n'a pas été modifié")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """The data folders live outside docs_dir: watched, so that a save rebuilds."""
        for folder in self.content.folders():
            server.watch(str(folder), recursive=True)
        return server

    # Late, so pages other plugins add are already there when ours are checked for clashes.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """A page for every network, event, resource and listing; the files they need; the side work started."""
        if self.site is None or self.project is None:
            return files
        output = Output(site_url=config.site_url or "http://127.0.0.1:8000/", now=_build_time(),
                        changed=last_changes(self.project.root, [self.project.networks_dir, self.project.events_dir, self.project.resources_dir,
                                                                 self.project.calls_dir, self.project.observatory_dir]))
        world = world_shapes(assets.world_atlas(self.project.root / self.config.node_modules_dir))
        pages = self.pages.generate(self.site, self.project.today, output, files, config, world)
        for dest, content in self._static_files(config):
            files.append(File.generated(config, dest, **content))
        if self.is_serve:
            self.pages.start_preview(preview_inputs(config, self.content.problems, pages.feeds, self.show_drafts))
        self.outputs.start(*side_work(pages, files, self.pages.specs))
        gc.freeze()  # as in on_pre_build: the pages' specs too
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The renderer gets the theme's environment, which MkDocs creates after ``on_files``; under
        ``mkdocs serve``, the templates compiled at the last rebuild (rrma/build/templates.py)."""
        if self.is_serve:
            env.bytecode_cache = self.templates
        self.renderer = Renderer(env, reference=self.reference)
        if self.site is not None and self.config.cms.enabled:  # rendered with the theme's templates, so after on_files
            files.append(File.generated(config, "admin/index.html", content=self.renderer.admin_page(config.site_name)))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Preview: a page made from nothing that changed is not converted again."""
        self._page = page.file.src_uri
        return "" if self.is_serve and self.pages.reused(page) else None

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Contributed Markdown: whatever it contained, only allowlisted HTML reaches the page."""
        last = self.pages.last_content(page)
        if last is not None:
            return last
        return sanitize(html, iframe_hosts=self.config.iframe_hosts) if self.pages.generated(page) else None

    # Last, so what other plugins add to the context is in the page rendered from it.
    @event_priority(-100)
    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        """The page's data for its template; a generated page rendered (rrma/frames.py)."""
        if self.is_serve and self.content.problems:  # the preview shows what the terminal says
            context["rrma_problems"] = self.content.problems
        assert self.renderer is not None
        return self.pages.context(context, page, self.renderer)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        """French non-breaking spaces in the page's text, whoever wrote it (editors type plain ones), on every
        page, generated or hand-written, however it was rendered; its section no longer highlighted."""
        self.pages.rendered()
        return self.typeset(output) if self.config.enabled else None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The side work's files join the pages; what was kept out of the garbage collector's passes is back in."""
        gc.unfreeze()
        self.typeset.next_build()
        if self.renderer is not None:
            log.debug(f"generated pages: {dict(self.renderer.frames.stats)}, reused: {self.pages.reuse.hits}, "
                      f"Markdown: {dict(self.pages.converter.stats) if self.pages.converter else 'standard'}, templates compiled: {self.templates.compiled}")
        waited = time.perf_counter()
        error = self.outputs.finish(config.site_dir)
        log.debug(f"search index, calendars, feeds and open data: waited {time.perf_counter() - waited:.2f} s after the pages")
        if error:
            raise PluginError(f"l'index de recherche, les calendriers, les flux ou les données ouvertes n'ont pas pu être écrits :\n{error}")

    def on_build_error(self, *, error: Exception) -> None:
        """A contributed text nested hundreds deep makes Python-Markdown recurse without end (`rrma check`
        does not convert Markdown): its file is named, in French, instead of a traceback. What was kept
        out of the garbage collector's passes is back in."""
        gc.unfreeze()
        spec = self.pages.specs.get(self._page or "")
        if spec is not None and isinstance(error, (RecursionError, MemoryError)):
            raise PluginError(f"{spec.source or spec.uri} : le texte n'a pas pu être converti en page ({type(error).__name__}) : des listes ou des "
                              "mises en forme (* _) imbriquées sur des centaines de niveaux ? Simplifiez-le ; le site n'a pas été construit entièrement.") from None

    def _static_files(self, config: MkDocsConfig) -> list[tuple[str, dict[str, str]]]:
        """Logos, attachments, the search engine, the typeface and, with the web editor, Decap CMS and its configuration."""
        assert self.project is not None and self.site is not None
        node_modules = self.project.root / self.config.node_modules_dir
        copied = assets.item_assets(self.site) + assets.search_engine(node_modules) + assets.typeface(node_modules)
        made: list[tuple[str, dict[str, str]]] = []
        if self.config.cms.enabled:
            copied += assets.web_editor(node_modules)
            text, lists = self.editor_config(self.project, self.site.taxonomies, repo=self.config.cms.repo or os.environ.get("GITHUB_REPOSITORY"),
                                             branch=self.config.cms.branch, base_url=self.config.cms.base_url, site_url=config.site_url,
                                             networks=[(n.id, n.data.short) for n in self.site.networks])
            made.append(("admin/config.yml", {"content": text}))
            made.append(("admin/donnees.js", {"content": editor_data(self.project, self.site, _styles(config), lists)}))
        return made + [(dest, {"abs_src_path": str(source)}) for dest, source in copied]


def _styles(config: MkDocsConfig) -> list[str]:
    """The site's style sheets, from the site's root: Material's (their names carry a hash), then the extra ones."""
    found = []
    for pattern in ("main.*.min.css", "palette.*.min.css"):
        found += next((sorted(f"assets/stylesheets/{p.name}" for p in Path(d, "assets", "stylesheets").glob(pattern)) for d in config.theme.dirs
                       if any(Path(d, "assets", "stylesheets").glob(pattern))), [])
    return found + [str(css) for css in config.extra_css]


def _build_time() -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for a reproducible build."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=PARIS)
    return datetime.now(PARIS)
