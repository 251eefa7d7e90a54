"""The web editor loads from the built site, in French, with no third-party request."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import copy_content, run_rrma

SHOTS = Path("/tmp")  # screenshots to look at: /tmp/formulaire-*.png


def test_admin_shows_the_three_collections(page, base_url: str) -> None:
    page.goto(base_url + "/admin/?test")
    page.wait_for_selector("text=Collections", timeout=20000)
    body = page.inner_text("body")
    for label in ("Réseaux", "Événements", "Ressources", "Chiffres — RESACOOP"):  # and each network's figures
        assert label in body
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Type de ressource", timeout=20000)
    assert "réseaux éditeurs" in page.inner_text("body").lower()  # labels are shown in capitals by CSS
    page.goto(base_url + "/admin/?test#/collections/chiffres-resacoop/new")
    page.wait_for_selector("text=Étude source", timeout=20000)
    assert "acteurs" in page.inner_text("body").lower() and "par odd" in page.inner_text("body").lower()
    assert page.outside_requests == []


def _field(page, name: str):
    return page.locator(f'[id^="{name}-field-"]').first  # Decap's ids: « <field>-field-<n> »


def _choose(page, name: str, text: str) -> None:
    """A select or a relation (react-select): type, then take the first option offered."""
    box = _field(page, name)
    box.click()
    box.type(text)
    page.wait_for_selector(f'[class*="-option"]:has-text("{text}")', timeout=10000)
    page.keyboard.press("Enter")


def _saved(page) -> dict[str, str]:
    """What the in-memory test backend holds after « Enregistrer » (editorial workflow: an unpublished entry)."""
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_function("() => Object.keys(window.repoFilesUnpublished || {}).length > 0", timeout=20000)
    return page.evaluate("""() => Object.fromEntries(Object.values(window.repoFilesUnpublished)
        .flatMap(entry => entry.diffs).filter(d => typeof d.content === "string").map(d => [d.path, d.content]))""")


def test_the_form_saves_a_resource_and_an_event_that_the_check_accepts(page, base_url: str, tmp_path: Path) -> None:
    """/admin/?test offers the repository's networks (not « No options »), saves, and what it writes passes `rrma check`."""
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Type de ressource", timeout=30000)
    _field(page, "title").fill("Guide de l'appel à projets : les étapes")
    _field(page, "summary").fill("Les étapes pour répondre à un appel à projets.")
    _choose(page, "type", "Fiche pratique")
    _choose(page, "networks", "Centraider")
    _choose(page, "themes", "Financements")
    _field(page, "source_url").fill("https://www.centraider.org/")
    page.screenshot(path=str(SHOTS / "formulaire-ressource-1280.png"), full_page=False)
    written = _saved(page)
    assert "No options" not in page.inner_text("body")

    page.goto(base_url + "/admin/?test#/collections/events/new")
    page.wait_for_selector("text=Type d'événement", timeout=30000)
    _field(page, "title").fill("Rencontre régionale des porteurs de projets")
    _field(page, "start").fill("2026-11-14 09:30")
    _choose(page, "networks", "Centraider")
    _choose(page, "kind", "Rencontre")
    _field(page, "venue").fill("Salle des fêtes")
    _field(page, "city").fill("Orléans")
    before = set(written)
    written.update(_saved(page))
    assert page.outside_requests == []

    resources = [p for p in written if p.startswith("resources/")]
    events = [p for p in written if p.startswith("events/") and p not in before]
    assert len(resources) == 1 and resources[0].endswith("appel-a-projets-les-etapes.md") and len(events) == 1, written
    assert "networks:\n  - centraider" in written[resources[0]] and "type: fiche-pratique" in written[resources[0]]
    root = copy_content(tmp_path)
    for path, text in written.items():
        (root / path).write_text(text, encoding="utf-8")
    result = run_rrma("check", root)
    assert result.returncode == 0, "\n".join(f"{p}:\n{t}" for p, t in written.items()) + result.stdout + result.stderr


def test_the_form_speaks_plain_french(page, base_url: str) -> None:
    page.goto(base_url + "/admin/?test#/collections/events/new")
    page.wait_for_selector("text=Type d'événement", timeout=30000)
    text = page.inner_text("body")
    for developer in ("networks/", ".yml", "taxonomies", "`", "true", "schéma", "No options"):
        assert developer not in text, developer
    assert "Sur place : indiquez le lieu et la ville" in text
    _field(page, "start").fill("14/11/2026")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_selector("text=« Début » : écrivez le jour (2026-11-14) ou le jour et l'heure (2026-11-14 09:30).", timeout=10000)
    assert "« titre » est obligatoire." in page.inner_text("body").lower()  # capitals come from CSS
    assert "Oops" not in page.inner_text("body")


def test_lists_count_in_french(page, base_url: str) -> None:
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Documents joints", timeout=30000)
    page.get_by_role("button", name="Ajouter document joint").click()
    assert "1 document joint" in page.inner_text("body").lower()
    page.get_by_role("button", name="Ajouter document joint").click()
    assert "2 documents joints" in page.inner_text("body").lower()
    page.screenshot(path=str(SHOTS / "formulaire-documents-1280.png"), full_page=False)


def test_the_form_on_a_phone(phone, base_url: str) -> None:
    phone.goto(base_url + "/admin/?test#/collections/resources/new")
    phone.wait_for_selector("text=Type de ressource", timeout=30000)
    phone.screenshot(path=str(SHOTS / "formulaire-ressource-390.png"), full_page=False)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 400
