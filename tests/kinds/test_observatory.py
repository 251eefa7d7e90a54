"""The observatory's figures: a folder per network, a file per year, and what is checked in them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rrma.kinds.observatory import departments, latest, territory_name
from rrma.kinds.site import load_site
from rrma.project import Project

from tests.conftest import copy_content


def _figures(root: Path, rel: str, text: str) -> None:
    path = root / "observatory" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_departments_are_insee_codes_with_french_names() -> None:
    found = departments()
    assert len(found) == 101  # 96 in metropolitan France (2A and 2B for Corsica), five overseas
    assert (found["01"], found["2A"], found["69"], found["75"], found["974"], found["976"]) == ("Ain", "Corse-du-Sud", "Rhône", "Paris", "La Réunion", "Mayotte")
    assert "69M" not in found and "6AE" not in found  # the Métropole de Lyon and the Alsace collectivity are no departments


def test_a_file_per_network_and_year_and_the_latest_of_each(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    _figures(root, "resacoop/2019.yml", "year: 2019\nsource: barometre-acteurs-csi-france\nactors:\n  total: 1800\n  by_department:\n    69: 700\n    1: 20\n")
    _figures(root, "resacoop/2022.yml", "year: 2022\nsource: barometre-acteurs-csi-france\nactors:\n  total: 2100\n")
    site, problems = load_site(Project(root, today=date(2026, 12, 1)))
    assert problems == []
    assert [e.id for e in site.figures] == ["cirrma/2021", "lianes-cooperation/2006", "resacoop/2019", "resacoop/2022"]
    older = next(e for e in site.figures if e.id == "resacoop/2019")
    assert older.data.actors.by_department == {"69": 700, "01": 20}  # unquoted codes read as numbers still name their department
    assert latest(site.figures)["resacoop"].data.year == 2022


def test_the_current_year_is_accepted_the_next_one_is_not(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    _figures(root, "resacoop/2026.yml", "year: 2026\nsource: barometre-acteurs-csi-france\nactors:\n  total: 10\n")
    _figures(root, "resacoop/2027.yml", "year: 2027\nsource: barometre-acteurs-csi-france\nactors:\n  total: 10\n")
    _, problems = load_site(Project(root, today=date(2026, 12, 1)))
    assert [(p.path, p.line, p.code) for p in problems] == [("observatory/resacoop/2027.yml", 1, "RRMA022")]


def test_a_breakdown_may_count_fewer_than_its_total_never_more(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    _figures(root, "resacoop/2020.yml", "year: 2020\nsource: barometre-acteurs-csi-france\nactors:\n  total: 100\n  by_type:\n    associations: 60\n"
             "projects:\n  total: 10\n  by_country:\n    SN: 6\n    ML: 5\n")
    _, problems = load_site(Project(root, today=date(2026, 12, 1)))
    assert [(p.line, p.field, p.code) for p in problems] == [(9, "projects.by_country", "RRMA024")]
    assert "compte 11 projets, plus que le total (10)" in problems[0].message


def test_a_territory_is_written_as_it_reads_after_the_number(tmp_path: Path) -> None:
    """« dans l'Ain », « à La Réunion », « aux Antilles » read after « 551 acteurs »; « Picardie » alone does not."""
    root = copy_content(tmp_path)
    for year, territory in ((2015, "dans l'Ain"), (2016, "à La Réunion"), (2017, "aux Antilles"), (2018, "en Picardie"), (2019, "Picardie")):
        _figures(root, f"resacoop/{year}.yml", f"year: {year}\nsource: barometre-acteurs-csi-france\nterritory: {territory}\nactors:\n  total: 1200\n")
    site, problems = load_site(Project(root, today=date(2026, 12, 1)))
    assert [(p.path, p.line, p.column, p.code) for p in problems] == [("observatory/resacoop/2019.yml", 3, 12, "RRMA023")]
    assert problems[0].message.startswith("« Picardie » se lirait « 1\u202f200 acteurs Picardie (2019) », attendu le territoire précédé de « en »")
    assert territory_name("dans le Nord-Pas-de-Calais") == "Nord-Pas-de-Calais" and territory_name("à La Réunion") == "La Réunion"
    assert territory_name("dans l'Ain") == "Ain" and territory_name("en Picardie") == "Picardie"
