"""The MkDocs plugin as MkDocs loads it: options, drafts, serve mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from tests.conftest import copy_content

DRAFT = "---\ntitle: Brouillon\nstart: 2026-12-01\nnetworks: [centraider]\nkind: rencontre\ncity: Orléans\ndraft: true\n---\n"


def _plugin(root: Path, command: str, **options: object):
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["rrma"]
    plugin.config.update(options)
    plugin.on_startup(command=command, dirty=False)
    plugin.on_config(config)
    return plugin, config


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_content(tmp_path, site=True)
    (root / "events" / "brouillon.md").write_text(DRAFT, encoding="utf-8")
    return root


@pytest.mark.parametrize(("command", "options", "shown"), [("serve", {}, True), ("build", {}, False), ("build", {"drafts": True}, True), ("serve", {"drafts": False}, False)])
def test_drafts_in_preview_only(root: Path, command: str, options: dict, shown: bool) -> None:
    plugin, config = _plugin(root, command, **options)
    plugin.on_pre_build(config=config)
    assert ("brouillon" in [e.id for e in plugin.site.events]) is shown


def test_data_folders_are_read_relative_to_mkdocs_yml(root: Path) -> None:
    (root / "events").rename(root / "agenda-source")
    plugin, config = _plugin(root, "build", events_dir="agenda-source")
    plugin.on_pre_build(config=config)
    assert len(plugin.site.events) >= 6


def test_content_error_aborts_a_build_but_not_a_preview(root: Path) -> None:
    (root / "resources" / "monter-un-projet.md").write_text("---\ntitle: x\n", encoding="utf-8")
    plugin, config = _plugin(root, "build")
    with pytest.raises(PluginError, match="1 erreur"):
        plugin.on_pre_build(config=config)
    plugin, config = _plugin(root, "serve")
    plugin.on_pre_build(config=config)  # logged, server keeps running
    assert "monter-un-projet" not in [r.id for r in plugin.site.resources]
    assert len(plugin.site.resources) >= 8
