"""Options of the ``rrma`` MkDocs plugin (``plugins: - rrma: …`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CmsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Publish the web editor at /admin/."""

    repo = c.Optional(c.Type(str))
    """GitHub repository (owner/name); default: $GITHUB_REPOSITORY, set by GitHub Actions."""

    branch = c.Type(str, default="main")
    """Branch the editorial workflow opens pull requests against."""

    base_url = c.Optional(c.Type(str))
    """Address of the OAuth proxy that signs editors in with GitHub (see CONTRIBUTING.md)."""


class RrmaConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off (for a quick build of the hand-written pages only)."""

    networks_dir = c.Type(str, default="networks")
    """Folder of network files, relative to mkdocs.yml."""

    events_dir = c.Type(str, default="events")
    """Folder of event files, relative to mkdocs.yml."""

    resources_dir = c.Type(str, default="resources")
    calls_dir = c.Type(str, default="calls")
    """Folder of resource files, relative to mkdocs.yml."""

    taxonomies_dir = c.Type(str, default="taxonomies")
    """Folder of taxonomy files, relative to mkdocs.yml."""

    observatory_dir = c.Type(str, default="observatory")
    """Folder of the networks' figures (``<network>/<year>.yml``), relative to mkdocs.yml."""

    iframe_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts whose ``<iframe>`` may appear in contributed Markdown (https only)."""

    node_modules_dir = c.Type(str, default="node_modules")
    """Where npm installed lunr and lunr-languages, relative to mkdocs.yml."""

    cms = c.SubConfig(CmsConfig)
    """Web editing with Decap CMS."""

    drafts = c.Optional(c.Type(bool))
    """Show drafts. Unset: shown by ``mkdocs serve``, never by ``mkdocs build``."""
