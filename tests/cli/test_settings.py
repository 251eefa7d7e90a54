"""One configuration: every ``rrma`` command reads the plugin's options from mkdocs.yml, as the build does."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.config import load_config
from rrma.cli import main
from rrma.cli.settings import load_project
from rrma.config import RrmaConfig
from rrma.project import Project, project_from_options

from tests.cli.test_french import ENGLISH
from tests.conftest import REPO, copy_content, run_rrma

OPTIONS = """\
  - rrma:
      networks_dir: reseaux-test
      events_dir: agenda-test
      resources_dir: ressources-test
      taxonomies_dir: listes-test
      iframe_hosts: [www.youtube-nocookie.com, Player.Vimeo.com]
"""


def _with_options(root: Path) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - rrma\n", OPTIONS), encoding="utf-8")
    return root


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """The repository's portal, every data folder renamed and named in the plugin's options."""
    root = _with_options(copy_content(tmp_path / "portail", site=True))
    for old, new in [("networks", "reseaux-test"), ("events", "agenda-test"), ("resources", "ressources-test"), ("taxonomies", "listes-test")]:
        (root / old).rename(root / new)
    return root


def test_the_commands_and_the_plugin_make_the_same_project(portal: Path) -> None:
    config = load_config(str(portal / "mkdocs.yml"))
    plugin = config.plugins["rrma"]
    plugin.on_config(config)
    assert load_project(portal) == plugin.project
    assert plugin.project.resources_dir == "ressources-test" and plugin.project.iframe_hosts == ("www.youtube-nocookie.com", "Player.Vimeo.com")


def test_without_mkdocs_yml_the_defaults(tmp_path: Path) -> None:
    assert load_project(tmp_path) == Project(tmp_path)


def test_the_plugin_s_defaults_are_the_project_s(tmp_path: Path) -> None:
    options = RrmaConfig()
    options.load_dict({})
    assert options.validate() == ([], [])
    assert project_from_options(options, tmp_path, tmp_path / "content") == Project(tmp_path)


def test_check_reads_the_folders_from_mkdocs_yml(portal: Path) -> None:
    result = run_rrma("check", portal)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Contenu valide : 14 réseaux, ") and result.stderr == ""


@pytest.mark.parametrize(("change", "told"), [
    (("iframe_hosts: [www.youtube-nocookie.com, Player.Vimeo.com]", "iframe_hosts: 3"), "mkdocs.yml n'est pas valide (option « iframe_hosts » du plugin rrma)"),
    (("iframe_hosts: [www.youtube-nocookie.com, Player.Vimeo.com]", "iframe_hosts: [a"), "mkdocs.yml n'est pas valide (syntaxe YAML, ligne "),
    (("  - rrma:\n", "  - inexistant\n  - rrma:\n"), "mkdocs.yml n'est pas valide (plugin « inexistant » non installé)"),
])
def test_an_invalid_mkdocs_yml_is_told_in_french(portal: Path, change: tuple[str, str], told: str) -> None:
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    result = run_rrma("check", portal)
    assert result.returncode == 2
    assert result.stdout == "" and result.stderr.startswith(f"Erreur : {told}")
    assert "le contenu n'a pas été vérifié" in result.stderr
    assert "Traceback" not in result.stderr and "Config value" not in result.stderr and ENGLISH.findall(result.stderr) == []


def test_a_mere_warning_of_mkdocs_is_not_printed(portal: Path) -> None:
    """An unknown option only warns (the strict build stops on it, and says so): the check goes on, quietly."""
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("iframe_hosts:", "iframe_host:"), encoding="utf-8")
    result = run_rrma("check", portal)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_check_help_and_the_guides_say_where_the_options_come_from() -> None:
    result = run_rrma("check", "--help")
    assert "mkdocs.yml" in result.stdout and "iframe_hosts" in result.stdout
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    guide = " ".join((REPO / "CONTRIBUTING.md").read_text(encoding="utf-8").split())
    assert "`rrma check` lit les options du plugin `rrma` dans le `mkdocs.yml`" in readme
    assert "les options du plugin `rrma` dans `mkdocs.yml`" in guide and "l'option `iframe_hosts` du plugin `rrma`" in guide


def test_new_writes_into_the_folder_of_mkdocs_yml(portal: Path) -> None:
    result = CliRunner().invoke(main, ["new", "resource", "--root", str(portal), "--no-interactive", "--title", "Une vidéo",
                                       "--network", "centraider", "--type", "fiche-pratique", "--summary", "En images.",
                                       "--source-url", "https://example.org/video"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "ressources-test/une-video.md"
    assert (portal / "ressources-test" / "une-video.md").is_file() and not (portal / "resources").exists()


def test_schemas_read_the_taxonomies_named_in_mkdocs_yml(portal: Path) -> None:
    result = CliRunner().invoke(main, ["schemas", str(portal)])
    assert result.exit_code == 0, result.output
    for schema in (REPO / "schemas").glob("*.schema.json"):
        assert (portal / "schemas" / schema.name).read_text(encoding="utf-8") == schema.read_text(encoding="utf-8")


def test_the_project_and_the_core_import_nothing_from_mkdocs() -> None:
    """Only the plugin and the commands' settings know MkDocs: the constructor takes its options as a plain mapping."""
    import subprocess
    import sys

    code = ("import importlib, pkgutil, sys, rrma.project, rrma.core, rrma.kinds, rrma.pages\n"
            "for pkg in (rrma.core, rrma.kinds, rrma.pages):\n"
            "    for m in pkgutil.iter_modules(pkg.__path__, pkg.__name__ + '.'):\n"
            "        importlib.import_module(m.name)\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
