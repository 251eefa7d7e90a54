"""Loading the whole tree: references, drafts, taxonomies, assets."""

from __future__ import annotations

import os
from datetime import date, timezone
from pathlib import Path

import pytest
from rrma.kinds.site import load_site
from rrma.project import Project


def _write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


EVENT = """---
title: Rencontre
start: {start}
networks: [centraider]
kind: rencontre
city: Orléans
draft: {draft}
---
Corps.
"""


def test_repository_content_loads_completely() -> None:
    from tests.conftest import REPO

    site, problems = load_site(Project(REPO))
    assert problems == []
    assert len(site.networks) == 14
    assert len(site.events) >= 6 and len(site.resources) >= 8
    # every regional network names a known region, exactly one network per region
    regions = [n.data.region for n in site.networks if n.data.scope == "regional" and n.data.ended is None]  # one current network per region
    assert len(regions) == len(set(regions)) == 12


def test_drafts_are_kept_for_preview_only(content: Path) -> None:
    _write(content, "events/brouillon.md", EVENT.format(start="2026-12-01", draft="true"))
    site, problems = load_site(Project(content))
    assert problems == []
    assert "brouillon" in [e.id for e in site.published(include_drafts=True).events]
    assert "brouillon" not in [e.id for e in site.published(include_drafts=False).events]


def test_events_are_sorted_by_start_then_id(content: Path) -> None:
    _write(content, "events/b-event.md", EVENT.format(start="2030-01-01 09:00", draft="false"))
    _write(content, "events/a-event.md", EVENT.format(start="2030-01-01", draft="false"))
    site, _ = load_site(Project(content))
    assert [e.id for e in site.events][-2:] == ["a-event", "b-event"]


def test_all_day_and_timed_events(content: Path) -> None:
    _write(content, "events/journee.md", EVENT.format(start="2026-03-29", draft="false"))
    site, _ = load_site(Project(content))
    event = next(e.data for e in site.events if e.id == "journee")
    assert event.all_day and event.last_day == date(2026, 3, 29)
    # the day of the switch to summer time lasts 23 hours (compare in UTC:
    # Python subtracts aware datetimes of one zone as wall-clock times)
    assert (event.ends_at().astimezone(timezone.utc) - event.starts_at().astimezone(timezone.utc)).total_seconds() == 23 * 3600


def test_schema_pointer_is_ignored_and_region_number_accepted(content: Path) -> None:
    _write(content, "networks/test.yml", "$schema: ../schemas/network.schema.json\nname: Test\nregion: 11\ndescription: Test.\n")
    site, problems = load_site(Project(content))
    assert problems == []
    assert next(n for n in site.networks if n.id == "test").data.region == "11"


def test_reference_to_a_network_whose_file_is_broken_is_not_reported_twice(content: Path) -> None:
    (content / "networks" / "centraider.yml").write_text("name: [\n", encoding="utf-8")
    _, problems = load_site(Project(content))
    assert {p.path for p in problems} == {"networks/centraider.yml"}


def test_attachment_in_place_is_accepted_and_symlink_escape_refused(content: Path, tmp_path: Path) -> None:
    files = content / "resources" / "files"
    files.mkdir(exist_ok=True)
    (files / "guide.pdf").write_bytes(b"%PDF-1.4\n")
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\n")
    os.symlink(secret, files / "lien.pdf")
    body = "---\ntitle: Fiche\nsummary: R.\ntype: fiche-pratique\nnetworks: [centraider]\nattachments:\n  - file: files/{}\n---\n"
    _write(content, "resources/ok.md", body.format("guide.pdf"))
    _write(content, "resources/lien.md", body.format("lien.pdf"))
    _, problems = load_site(Project(content))
    assert [(p.path, p.line, p.code) for p in problems] == [("resources/lien.md", 7, "RRMA021")]


def test_logo_size_limit(content: Path) -> None:
    (content / "networks" / "logos").mkdir()
    (content / "networks" / "logos" / "gros.png").write_bytes(b"\x89PNG" + b"0" * 600_000)
    _write(content, "networks/test.yml", "name: Test\nregion: '11'\ndescription: T.\nlogo:\n  file: logos/gros.png\n  alt: Logo de Test\n")
    _, [problem] = load_site(Project(content))
    assert (problem.path, problem.line, problem.column, problem.code) == ("networks/test.yml", 5, 9, "RRMA020")
    assert "586 ko" in problem.message and "512 ko" in problem.message


def test_unexpected_folder_in_a_collection(content: Path) -> None:
    (content / "events" / "images").mkdir()
    _, [problem] = load_site(Project(content))
    assert (problem.path, problem.code) == ("events/images", "RRMA025")


def test_taxonomy_problems_are_located(content: Path) -> None:
    themes = content / "taxonomies" / "themes.yml"
    themes.write_text(themes.read_text(encoding="utf-8") + "- id: eau\n  label: Eau (doublon)\n- id: Mauvais Id\n  label: X\n", encoding="utf-8")
    _, problems = load_site(Project(content))
    assert [(p.path, p.code) for p in problems] == [("taxonomies/themes.yml", "RRMA012")]
    themes.write_text(themes.read_text(encoding="utf-8").replace("- id: Mauvais Id\n  label: X\n", ""), encoding="utf-8")
    _, [problem] = load_site(Project(content))
    assert (problem.code, problem.field) == ("RRMA009", "id")
    lines = themes.read_text(encoding="utf-8").splitlines()
    assert (problem.line, problem.column) == (len(lines) - 1, 7)
    assert lines[problem.line - 1] == "- id: eau"


def test_missing_taxonomy_file(content: Path) -> None:
    (content / "taxonomies" / "campaigns.yml").unlink()
    _, problems = load_site(Project(content))
    assert [(p.path, p.code) for p in problems] == [("taxonomies/campaigns.yml", "RRMA019")]


@pytest.mark.parametrize("mode,extra,ok", [("en-ligne", "online_url: https://example.org/visio", True), ("hybride", "city: Lyon", False), ("sur-place", "", False)])
def test_mode_needs_place_or_link(content: Path, mode: str, extra: str, ok: bool) -> None:
    _write(content, "events/e.md", f"---\ntitle: E\nstart: 2026-12-01\nnetworks: [resacoop]\nkind: formation\nmode: {mode}\n{extra}\n---\n")
    _, problems = load_site(Project(content))
    assert (problems == []) is ok
    assert all(p.code == "RRMA024" for p in problems)


@pytest.mark.parametrize("name", ["theme", "page", "annee"])
def test_names_reserved_for_library_folders(content: Path, name: str) -> None:
    _write(content, f"resources/{name}.md", "---\ntitle: T\nsummary: S.\ntype: fiche-pratique\nnetworks: [centraider]\nsource_url: https://example.org\n---\n")
    site, [problem] = load_site(Project(content))
    assert (problem.path, problem.code) == (f"resources/{name}.md", "RRMA008")
    assert name not in [r.id for r in site.resources]


def test_an_end_before_the_start_is_shown_as_the_editor_wrote_it(content: Path) -> None:
    _write(content, "events/a-l-envers.md", EVENT.format(start="2025-05-23 09:30", draft="false").replace("kind:", "end: 2025-05-22 16:00\nkind:"))
    _, problems = load_site(Project(content))
    assert [p.message for p in problems if p.code == "RRMA015"] == [
        "la fin (2025-05-22 16:00) précède le début (2025-05-23 09:30), attendu une fin postérieure ou égale au début"]


def test_the_file_name_suggested_is_valid_and_free(content: Path) -> None:
    """One rename is enough: the suggestion is a valid name, and not the name of another file."""
    text = (content / "resources" / "monter-un-projet.md").read_text(encoding="utf-8")
    _write(content, "resources/Fiche_Projet.MD", text)
    _write(content, "resources/Monter un projet.md", text)
    _, problems = load_site(Project(content))
    hints = {p.path: p.hint for p in problems if p.code in ("RRMA008", "RRMA025")}
    assert "« fiche-projet.md »" in hints["resources/Fiche_Projet.MD"]
    assert "« monter-un-projet-2.md »" in hints["resources/Monter un projet.md"]


def test_a_code_with_a_leading_zero_is_read_as_written(content: Path) -> None:
    """YAML 1.1 reads « 024 » as the octal number 20: the editor must see « 024 », and « 01 » is Guadeloupe."""
    source = (content / "networks" / "centraider.yml").read_text(encoding="utf-8")
    _write(content, "networks/centraider.yml", source.replace('region: "24"', "region: 024"))
    _, problems = load_site(Project(content))
    [problem] = [p for p in problems if p.code == "RRMA016"]
    assert problem.message.startswith("« 024 » ne figure pas parmi les régions") and "vouliez-vous dire « 24 » ?" in problem.message


def test_a_file_with_errors_still_has_its_references_checked(content: Path) -> None:
    """One run reports everything: a bad date or a misspelt field does not hide a misspelt network or theme."""
    source = (content / "resources" / "monter-un-projet.md").read_text(encoding="utf-8")
    broken = source.replace("networks:\n", "published: 2025-13\nsumary: x\nnetworks:\n  - centraidr\n", 1).replace("themes:\n", "themes:\n  - gestion-projet\n", 1)
    _write(content, "resources/monter-un-projet.md", broken)
    site, problems = load_site(Project(content))
    assert sorted((p.field, p.code) for p in problems) == [
        ("networks", "RRMA016"), ("published", "RRMA014"), ("sumary", "RRMA011"), ("themes", "RRMA016")]
    assert "monter-un-projet" not in {r.id for r in site.resources}  # the file with errors is not published


def test_a_file_with_errors_still_goes_through_the_rules_its_valid_fields_allow(content: Path) -> None:
    """The scaffold's optional lines filled in wrong: the bad address, the unknown licence and the missing attachment, together."""
    source = (content / "resources" / "monter-un-projet.md").read_text(encoding="utf-8")
    front, body = source.split("\n---\n", 1)
    front = "\n".join(line for line in front.split("\n") if not line.startswith(("source_url:", "licence:")))
    broken = front + "\nsource_url: exemple.org/guide\nlicence: cc-by-sa-5\nattachments:\n  - file: files/absent.pdf\n---\n" + body
    _write(content, "resources/monter-un-projet.md", broken)
    _, problems = load_site(Project(content))
    assert sorted((p.field, p.code) for p in problems) == [
        ("attachments.file", "RRMA019"), ("licence", "RRMA016"), ("source_url", "RRMA017")]


def test_links_that_lead_nowhere_are_reported_with_or_without_the_preview_cache(content: Path) -> None:
    (content / "networks" / "boucle.yml").symlink_to("boucle.yml")
    (content / "events" / "casse.md").symlink_to("supprime.md")
    (content / "taxonomies" / "themes.yml").unlink()
    (content / "taxonomies" / "themes.yml").symlink_to("themes-2025.yml")
    _, problems = load_site(Project(content))
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("events/casse.md", 1, "RRMA030"), ("networks/boucle.yml", 1, "RRMA030"), ("taxonomies/themes.yml", 1, "RRMA030")]
    cache: dict = {}
    assert load_site(Project(content), cache)[1] == problems == load_site(Project(content), cache)[1]  # as `mkdocs serve` does


def test_content_size_limit_is_a_project_setting(content: Path) -> None:
    big = _write(content, "resources/longue.md", "---\ntitle: Longue\nsummary: S\ntype: fiche-pratique\nnetworks: [centraider]\n---\n" + "Texte. " * 1000)
    assert load_site(Project(content))[1] == []
    [problem] = load_site(Project(content, max_content_bytes=4096))[1]
    assert (problem.path, problem.code, problem.message) == ("resources/longue.md", "RRMA020", "le fichier pèse 7 ko, attendu au plus 4 ko pour un fichier de contenu")
    assert big.stat().st_size > 4096
