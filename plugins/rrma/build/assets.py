"""Files the generated pages need: logos, attachments, the search engine and the web editor."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from ..core.urls import item_url
from ..kinds.files import published_name
from ..kinds.site import Site

# lunr.js and lunr-languages, from the installed npm packages (never pasted).
SEARCH_ENGINE = (
    ("lunr.min.js", ("lunr", "lunr.min.js")),
    ("lunr.stemmer.support.js", ("lunr-languages", "min", "lunr.stemmer.support.min.js")),
    ("lunr.fr.js", ("lunr-languages", "min", "lunr.fr.min.js")),
)


def item_assets(site: Site) -> list[tuple[str, Path]]:
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
                found.append((f"fichiers/{entry.id}/{published_name(source.name)}", source))
    events_dir = site.project.dir(site.project.events_dir)
    for entry in site.events:
        for attachment in entry.data.attachments:
            if attachment.file:  # beside the event's page and calendar file
                source = events_dir / attachment.file
                found.append((f"{item_url('events', entry.id)}{published_name(source.name)}", source))
    return [(dest, source) for dest, source in found if source.is_file()]


def search_engine(node_modules: Path) -> list[tuple[str, Path]]:
    wanted = [(name, node_modules.joinpath(*parts)) for name, parts in SEARCH_ENGINE]
    missing = [str(path) for _, path in wanted if not path.is_file()]
    if missing:
        raise PluginError(f"paquets npm absents ({', '.join(missing)}) : lancez `npm ci` (ou `make serve`, qui le fait)")
    return [(f"assets/javascripts/vendor/{name}", path) for name, path in wanted]


# The portal's typeface, Public Sans (SIL Open Font License), from the npm package @fontsource/public-sans:
# only the Latin subset and the styles the stylesheet uses (rrma.css, « Typeface »).
TYPEFACE = ("public-sans-latin-400-normal.woff2", "public-sans-latin-400-italic.woff2", "public-sans-latin-700-normal.woff2")


def typeface(node_modules: Path) -> list[tuple[str, Path]]:
    package = node_modules / "@fontsource" / "public-sans"
    wanted = [(name, package / "files" / name) for name in TYPEFACE] + [("LICENSE-public-sans.txt", package / "LICENSE")]
    missing = [str(path) for _, path in wanted if not path.is_file()]
    if missing:
        raise PluginError(f"paquet npm absent ({', '.join(missing)}) : lancez `npm ci` (ou `make serve`, qui le fait)")
    return [(f"assets/fonts/{name}", path) for name, path in wanted]


def web_editor(node_modules: Path) -> list[tuple[str, Path]]:
    """Decap CMS's bundle and the lazy chunks it loads from the same folder (no source maps)."""
    dist = node_modules / "decap-cms" / "dist"
    if not (dist / "decap-cms.js").is_file():
        raise PluginError(f"{dist}/decap-cms.js absent : lancez `npm ci` (ou `make serve`, qui le fait)")
    keep = [p for p in sorted(dist.iterdir()) if p.name.endswith(("decap-cms.js", ".wasm")) or p.name == "LICENSE"]
    return [(f"admin/vendor/{p.name}", p) for p in keep]


def world_atlas(node_modules: Path) -> Path:
    """Natural Earth's countries at 1:110m (npm ``world-atlas``), which the world map of /pays/ is drawn from."""
    path = node_modules / "world-atlas" / "countries-110m.json"
    if not path.is_file():
        raise PluginError(f"{path} absent : lancez `npm ci` (ou `make serve`, qui le fait)")
    return path
