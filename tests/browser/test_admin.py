"""The web editor loads from the built site, in French, with no third-party request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import AXE
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
    page.wait_for_selector("text=« Début » : écrivez le jour (2026-11-14) ou le jour et l'heure (2026-11-14 09:30)", timeout=10000)
    assert "«\u00a014/11/2026 à 9h30\u00a0» s'écrit 2026-11-14 09:30." in page.inner_text("body").lower()  # capitals come from CSS
    assert "«\u00a0titre\u00a0» est obligatoire." in page.inner_text("body").lower()  # capitals come from CSS
    assert "Oops" not in page.inner_text("body")


def test_lists_count_in_french(page, base_url: str) -> None:
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Documents joints", timeout=30000)
    body = page.inner_text("body").lower()
    assert "0 document joint" in body and "0 partenaire" in body and "0 financeur" in body
    assert "0 documents joints" not in body and "0 partenaires" not in body  # French: 0 in the singular
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


REFUSAL = ("Ce fichier dépasse 20,0\u00a0Mo, la limite du portail.\nRéduisez-le (par exemple un export PDF «\u00a0taille réduite\u00a0»), "
           "ou publiez-le ailleurs et donnez plutôt son adresse web dans «\u00a0Adresse web\u00a0».")


@pytest.mark.parametrize("width", ["page", "phone"])
def test_a_file_over_the_limit_is_refused_with_the_offer_of_a_web_address(request: pytest.FixtureRequest, base_url: str,
                                                                          tmp_path: Path, width: str) -> None:
    """A 21 MB PDF (a sparse file: nothing written to disk) is refused in the page itself, in French, with the way
    out: a web address instead. The message takes the focus and gives it back; nothing is kept."""
    page = request.getfixturevalue(width)
    big = tmp_path / "Rapport annuel 2025.pdf"
    with open(big, "wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    native: list[str] = []
    page.on("dialog", lambda dialog: (native.append(dialog.message), dialog.dismiss()))
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Documents joints", timeout=30000)
    page.get_by_role("button", name="Ajouter document joint").click()
    page.get_by_role("button", name="Choisir un fichier").click()
    page.wait_for_selector("text=Aucun fichier déposé pour l'instant.", timeout=10000)
    page.locator('input[type="file"]').first.set_input_files(str(big))
    message = page.get_by_role("alertdialog")
    message.wait_for(timeout=10000)
    assert page.inner_text("#rrma-alert-texte") == REFUSAL
    assert native == []  # said in the page, not in the browser's own box
    assert page.evaluate("document.activeElement.textContent") == "J'ai compris"
    page.screenshot(path=str(SHOTS / f"formulaire-trop-lourd-{1280 if width == 'page' else 390}.png"), full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= (1280 if width == "page" else 400)
    page.keyboard.press("Escape")
    assert page.get_by_role("alertdialog").count() == 0
    assert "Aucun fichier déposé pour l'instant." in page.inner_text("body")  # the file was not kept
    assert page.outside_requests == []


# Decap CMS's own markup, which the portal cannot change from outside without patching its bundle (each is
# reported upstream-style here, rule by rule; what the portal could fix — the preview frame's name, the
# contrast of the header link and of the « unsaved » badge — is fixed in admin.js and admin.html):
DECAP_OWN = {
    "aria-command-name": "the drag handle of a list item (dnd-kit's sortable role=button) has no name",
    "aria-input-field-name": "the rich-text editor (Slate, role=textbox) is not tied to its label",
    "aria-required-attr": "the toolbar's Markdown switch (role=switch) has no aria-checked",
    "button-name": "the preview pane's icon buttons (show preview, sync scrolling) and the Markdown switch have no text",
    "nested-interactive": "the editor toolbar's « heading » and « add component » menus put a button inside a button",
}


def test_the_form_has_no_accessibility_problem_of_the_portals_own(page, base_url: str) -> None:
    """axe-core (WCAG 2.1 A and AA) on the form in test mode, a list item open: nothing but DECAP_OWN, each on
    Decap's own elements (never on the portal's labels, hints, messages or styles)."""
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Documents joints", timeout=30000)
    page.get_by_role("button", name="Ajouter document joint").click()
    page.wait_for_selector("#preview-pane", timeout=10000)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    found = {v["id"]: [n["html"] for n in v["nodes"]] for v in result["violations"]}
    assert set(found) <= set(DECAP_OWN), {k: v for k, v in found.items() if k not in DECAP_OWN}
    assert "frame-title" not in found and "color-contrast" not in found and "label" not in found
    for nodes in found.values():
        assert not any("rrma" in html for html in nodes), nodes  # never an element of the portal's
    assert page.get_attribute("#preview-pane", "title") == "Aperçu de la page"
