"""The preview server's rebuilds: what changed is rebuilt, what did not is reused, nothing is stale."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import build_site, copy_content

RESOURCE = "monter-un-projet"


class Preview:
    """What `mkdocs serve` does at each save: a new config, the same plugin, a cleaned site folder."""

    def __init__(self, root: Path, site: Path) -> None:
        self.root, self.site, self.plugin = root, site, None

    def build(self) -> None:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site))
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["rrma"]
        build(config, serve_url="http://127.0.0.1:8000/")

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def preview(tmp_path: Path):
    root = copy_content(tmp_path / "repo", site=True)
    preview = Preview(root, tmp_path / "site")
    preview.build()
    yield preview
    preview.plugin.on_shutdown()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_resource_is_rebuilt_and_the_rest_reused(preview: Preview) -> None:
    other = preview.page("ressources/barometre-acteurs-csi-france")
    compiled = preview.plugin.templates.compiled
    assert compiled > 10  # Material's and the portal's, at the first build
    source = preview.root / "resources" / f"{RESOURCE}.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nUne phrase ajoutée pendant l'aperçu.\n", encoding="utf-8")
    preview.build()
    assert preview.plugin.templates.compiled == compiled  # no template compiled again (rrma/build/templates.py)
    assert "Une phrase ajoutée pendant l'aperçu." in preview.page(f"ressources/{RESOURCE}")
    assert preview.page("ressources/barometre-acteurs-csi-france") == other
    assert preview.plugin.pages.reuse.hits > 50
    # the search index, made in the worker process, knows the new words
    docs = "".join(p.read_text(encoding="utf-8") for p in (preview.site / "recherche").glob("docs-*.json"))
    assert "Une phrase ajoutée pendant l'aperçu." in docs


def test_a_new_title_reaches_every_page_that_lists_it(preview: Preview) -> None:
    _edit(preview.root / "resources" / f"{RESOURCE}.md", "title: ", "title: Nouveau titre — ")
    preview.build()
    assert "Nouveau titre — " in preview.page(f"ressources/{RESOURCE}")
    assert "Nouveau titre — " in preview.page("ressources")  # the library lists it
    assert "Nouveau titre — " in json.dumps(json.loads((preview.site / "ressources" / "index.json").read_text(encoding="utf-8")), ensure_ascii=False)


def test_a_template_change_is_seen_on_every_page(preview: Preview) -> None:
    compiled = preview.plugin.templates.compiled
    _edit(preview.root / "overrides" / "rrma" / "content" / "resource.html", "<h2 id=\"citer\">Citer cette ressource</h2>", "<h2 id=\"citer\">Pour citer</h2>")
    preview.build()
    assert preview.plugin.templates.compiled == compiled + 1  # that one only
    assert "Pour citer" in preview.page(f"ressources/{RESOURCE}")
    assert "Pour citer" in preview.page("ressources/barometre-acteurs-csi-france")


def test_a_content_error_shows_on_every_page_then_goes(preview: Preview, caplog: pytest.LogCaptureFixture) -> None:
    good = (preview.root / "resources" / f"{RESOURCE}.md").read_text(encoding="utf-8")
    with caplog.at_level(logging.ERROR):
        (preview.root / "resources" / f"{RESOURCE}.md").write_text(good.replace("type: ", "type: inconnu-", 1), encoding="utf-8")
        preview.build()
    banner = preview.page("ressources/barometre-acteurs-csi-france")
    assert "rrma-problems" in banner
    assert "1 erreur de contenu</strong>\u00a0: la publication échouera tant qu'elle n'est pas corrigée." in banner
    (preview.root / "resources" / f"{RESOURCE}.md").write_text(good, encoding="utf-8")
    preview.build()
    assert "rrma-problems" not in preview.page("ressources/barometre-acteurs-csi-france")
    assert (preview.site / "ressources" / RESOURCE / "index.html").exists()


def test_a_build_after_a_preview_in_the_same_process_shows_its_own_pages(preview: Preview, tmp_path: Path) -> None:
    """MkDocs keeps one plugin instance per process: a build of another tree after a preview (a test
    run, a script that previews then publishes) once printed the preview's pages it had reused."""
    preview.build()  # nothing changed: every generated page is reused
    assert preview.plugin.pages.reuse.hits > 50
    other = copy_content(tmp_path / "other", site=True)
    _edit(other / "resources" / f"{RESOURCE}.md", "title: ", "title: Titre venu d’un autre arbre ")
    build_site(other)
    assert config_plugin(other) is preview.plugin  # the same instance, as `mkdocs` gives it
    page = (other / "site" / "ressources" / RESOURCE / "index.html").read_text(encoding="utf-8")
    assert "Titre venu d’un autre arbre " in page.split("<article", 1)[1]
    assert "Titre venu d’un autre arbre " in (other / "site" / "ressources" / "index.html").read_text(encoding="utf-8")


def config_plugin(root: Path):
    return load_config(str(root / "mkdocs.yml")).plugins["rrma"]


def test_the_preview_lists_hostile_files_and_keeps_serving(tmp_path: Path) -> None:
    """Under `mkdocs serve` the corpus's hostile files (links in a loop or to nowhere, folders as
    attachments, an alias bomb, a 30 MiB file) are listed, the rest of the site is built, twice."""
    from tests.conftest import overlay_corpus

    preview = Preview(overlay_corpus(copy_content(tmp_path / "repo", site=True)), tmp_path / "site")
    try:
        preview.build()
        first = [p.headline() for p in preview.plugin.content.problems]
        preview.build()  # again, with the files kept from the first build
        assert [p.headline() for p in preview.plugin.content.problems] == first
        assert {"networks/lien-en-boucle.yml", "events/lien-casse.md", "resources/enorme.md", "resources/alias-en-cascade.md",
                "resources/piece-jointe-dossier.md", "resources/piece-jointe-lien-en-boucle.md"} <= {p.path for p in preview.plugin.content.problems}
        assert "Monter un projet" in preview.page(f"ressources/{RESOURCE}")
        deep = preview.page("ressources/texte-imbrique")  # its list 300 levels deep would stop Markdown
        assert "Un texte imbriqué sur trois cents niveaux" in deep and "Texte non affiché\u00a0: il est imbriqué trop profondément" in deep
    finally:
        if preview.plugin is not None:
            preview.plugin.on_shutdown()


def test_the_forms_configuration_is_made_again_only_when_a_list_changed(preview: Preview) -> None:
    """admin/config.yml (192 kB of YAML) is kept from one rebuild to the next while what it is made of is the same."""
    made = preview.plugin.editor_config.made
    preview.build()
    assert preview.plugin.editor_config.made == made
    _edit(preview.root / "taxonomies" / "themes.yml", "label: Gestion budgétaire", "label: Gestion budgétaire et financière")
    preview.build()
    assert preview.plugin.editor_config.made == made + 1
    assert "Gestion budgétaire et financière" in (preview.site / "admin" / "config.yml").read_text(encoding="utf-8")
