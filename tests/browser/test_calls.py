"""Calls for projects in a real browser: filters with and without JavaScript, the state recomputed
from the page's dates when the page is older than today, axe-core on the list and on a call."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE
from tests.browser.test_pages import AXE_TAGS


@pytest.mark.parametrize("width", ["page", "phone"])
@pytest.mark.parametrize("path", ["/appels-a-projets/", "/appels-a-projets/fonds-regional-ecsi-test/", "/appels-a-projets/appel-clos-test/",
                                  "/appels-a-projets/montant/jusqu-a-5000/"])
def test_no_accessibility_violation(request: pytest.FixtureRequest, base_url: str, path: str, width: str) -> None:
    page = request.getfixturevalue(width)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    assert page.outside_requests == []


def _titles(page) -> list[str]:
    return [t for t in page.locator(".rrma-card--call:visible .rrma-card__title").all_inner_texts()]


def test_filters_with_javascript(page, base_url: str) -> None:
    page.goto(base_url + "/appels-a-projets/")
    assert page.locator(".rrma-filters").is_visible()
    everything = _titles(page)
    page.select_option("#rrma-f-financeur", "fondation-fictive-de-test")
    shown = _titles(page)
    assert sorted(shown) == ["Appel à venir pour les jeunes (appel fictif)", "Coopération dans l'océan Indien (appel fictif)"]
    assert page.url.endswith("?financeur=fondation-fictive-de-test")
    assert page.locator(".rrma-status").inner_text() == "2 appels correspondent."
    page.select_option("#rrma-f-montant", "plus-de-100000")
    assert _titles(page) == ["Appel à venir pour les jeunes (appel fictif)"]
    assert page.locator(".rrma-status").inner_text() == "1 appel correspond."
    page.select_option("#rrma-f-region", "84")  # Auvergne-Rhône-Alpes: none of the foundation's calls
    assert _titles(page) == [] and page.locator(".rrma-status").inner_text() == "Aucun appel ne correspond à ces critères."
    page.goto(base_url + "/appels-a-projets/?pays=SN")  # the address keeps the filter
    assert _titles(page) == ["Fonds régional pour l'éducation à la citoyenneté mondiale (appel fictif)"]
    assert len(everything) > 4


def test_filters_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/appels-a-projets/")
    assert page.locator(".rrma-filters").is_hidden()
    assert "état au " in page.locator(".rrma-call-asof").first.inner_text()
    page.locator(".rrma-facets summary", has_text="Financeur").click()
    page.locator(".rrma-facets a", has_text="Fondation fictive de test").click()
    assert page.url.endswith("/appels-a-projets/financeur/fondation-fictive-de-test/")
    assert sorted(_titles(page)) == ["Appel à venir pour les jeunes (appel fictif)", "Coopération dans l'océan Indien (appel fictif)"]
    context.close()


def test_a_page_cached_for_days_shows_the_state_of_today(browser, base_url: str) -> None:
    """The browser's clock three months on, then after the closing: the state follows it, not the build."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.clock.set_fixed_time("2031-06-03T10:00:00+02:00")
    page.goto(base_url + "/appels-a-projets/fonds-regional-ecsi-test/")
    state = page.locator(".rrma-call-status .rrma-call-state")
    assert state.inner_text() == "ouvert — clôture le 15 juin 2031 à 12\u00a0h\u00a000 (dans 12 jours)"
    assert page.locator(".rrma-call-status .rrma-call-asof").is_hidden()
    page.clock.set_fixed_time("2031-06-15T12:00:00+02:00")
    page.reload()
    assert state.inner_text() == "clôturé" and "rrma-call-state--closed" in state.get_attribute("class")
    page.clock.set_fixed_time("2031-08-31T23:00:00+02:00")
    page.goto(base_url + "/appels-a-projets/appel-a-venir-test/")
    assert page.locator(".rrma-call-status .rrma-call-state").inner_text() == "à venir — ouverture le 1er septembre 2031"
    context.close()


def test_the_filters_fold_on_a_phone(phone, page, base_url: str) -> None:
    """On a phone the first call is on the first screen, the six filters behind « Filtrer »; on a wide screen they are open."""
    phone.goto(base_url + "/appels-a-projets/")
    toggle = phone.locator(".rrma-calls summary.rrma-filter-toggle")
    assert toggle.is_visible() and toggle.inner_text() == "Filtrer"
    assert phone.locator("#rrma-f-financeur").is_hidden()
    first = phone.locator(".rrma-card--call").first.bounding_box()
    assert first is not None and first["y"] < phone.viewport_size["height"]
    toggle.click()
    phone.select_option("#rrma-f-financeur", "fondation-fictive-de-test")
    expect(toggle).to_have_text("Filtrer (1)\u00a0: 1 choix actif")  # « (1) » shown, the rest for screen readers
    assert phone.locator(".rrma-status").inner_text() == "2 appels correspondent."
    phone.keyboard.press("Escape")
    expect(phone.locator("#rrma-f-financeur")).to_be_hidden()
    assert phone.evaluate("document.activeElement.classList.contains('rrma-filter-toggle')")
    page.goto(base_url + "/appels-a-projets/")
    assert page.locator("#rrma-f-financeur").is_visible()  # the wide page: open


def _section(page, key: str) -> list[str]:
    return page.locator(f"[data-rrma-section={key}] .rrma-card--call:visible .rrma-card__title").all_inner_texts()


def test_a_call_closed_since_the_build_moves_to_the_closed_calls(browser, base_url: str) -> None:
    """The list built when two calls were open, read after both closed, then after the next one opened."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    ecsi, indien = "Fonds régional pour l'éducation à la citoyenneté mondiale (appel fictif)", "Coopération dans l'océan Indien (appel fictif)"
    youth = "Appel à venir pour les jeunes (appel fictif)"
    page.goto(base_url + "/appels-a-projets/")
    assert _section(page, "open")[:2] == [indien, ecsi] and _section(page, "upcoming") == [youth]  # as built
    empty_open = page.locator("[data-rrma-section=open] .rrma-empty")
    assert empty_open.is_hidden()

    page.clock.set_fixed_time("2031-07-01T10:00:00+02:00")  # both closed: the last one on 15 June 2031
    page.reload()
    assert _section(page, "open") == [] and empty_open.is_visible() and empty_open.inner_text() == "Aucun appel n'est ouvert en ce moment."
    closed = page.locator("[data-rrma-section=closed]")
    assert closed.locator(".rrma-month h3").first.inner_text() == "2031"  # a year of its own, before the older ones
    latest = closed.locator(".rrma-month").first
    assert latest.locator(".rrma-card__title").all_inner_texts() == [ecsi, indien]  # latest closing first
    assert latest.locator("h4.rrma-card__title").count() == 2  # under their year's h3
    assert latest.locator(".rrma-call-state").all_inner_texts() == ["clôturé", "clôturé"]
    assert _section(page, "upcoming") == [youth]

    page.select_option("#rrma-f-financeur", "fondation-fictive-de-test")  # the filters still work on moved cards
    assert page.locator(".rrma-status").inner_text() == "2 appels correspondent."
    assert latest.locator(".rrma-card__title:visible").all_inner_texts() == [indien]
    assert empty_open.is_visible()

    page.clock.set_fixed_time("2031-09-02T10:00:00+02:00")  # the youth call opened on 1 September
    page.goto(base_url + "/appels-a-projets/")
    assert _section(page, "open") == [youth] and empty_open.is_hidden()
    assert page.locator("[data-rrma-section=open] h3.rrma-card__title").count() == 1
    empty_next = page.locator("[data-rrma-section=upcoming] .rrma-empty")
    assert empty_next.is_visible() and empty_next.inner_text() == "Aucun appel n'est annoncé pour les prochains mois."

    page.clock.set_fixed_time("2031-12-10T10:00:00+01:00")  # between its two sessions: upcoming again
    page.reload()
    assert _section(page, "upcoming") == [youth] and _section(page, "open") == []

    page.clock.set_fixed_time("2031-07-01T10:00:00+02:00")  # the home lists open calls only
    page.goto(base_url + "/")
    assert page.locator("[data-rrma-open-calls] .rrma-card--call:visible").count() == 0
    assert page.locator("#rrma-no-open-call").inner_text() == "Aucun appel à projets relayé par les réseaux n'est ouvert en ce moment."
    assert page.locator(".rrma-key-figures__portal").inner_text().endswith("événements")  # no longer « 2 appels à projets ouverts »
    context.close()


def _open_on_page(page) -> list[str]:
    return page.locator("#rrma-open-calls .rrma-card--call:visible .rrma-card__title").all_inner_texts()


def _count(page) -> str:
    return page.locator(".rrma-key-figures__portal").inner_text()


def test_the_home_lists_and_counts_the_calls_open_on_the_reader_s_day(browser, base_url: str) -> None:
    """Built with two calls open and one upcoming: read after the first closing, then after both, then once the
    upcoming one opened; the list and the count follow the browser's clock, not the build's."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    ecsi, indien = "Fonds régional pour l'éducation à la citoyenneté mondiale (appel fictif)", "Coopération dans l'océan Indien (appel fictif)"
    youth = "Appel à venir pour les jeunes (appel fictif)"
    page.goto(base_url + "/")
    assert _open_on_page(page) == [indien, ecsi] and _count(page).endswith("· 2 appels à projets ouverts")
    assert page.locator("#rrma-later-calls").is_hidden() and page.locator("#rrma-no-open-call").is_hidden()

    page.clock.set_fixed_time("2031-03-31T17:00:00+04:00")  # the Indian Ocean call closes at 17:00, Réunion time
    page.reload()
    assert _open_on_page(page) == [ecsi] and _count(page).endswith("· 1 appel à projets ouvert")
    assert page.locator("#rrma-open-calls .rrma-call-state:visible").inner_text().startswith("ouvert — clôture le 15 juin 2031")

    page.clock.set_fixed_time("2031-07-01T10:00:00+02:00")  # both closed, the youth call not yet open
    page.reload()
    assert _open_on_page(page) == [] and page.locator("#rrma-open-calls").is_hidden()
    assert page.locator("#rrma-no-open-call").is_visible()
    assert "appel" not in _count(page) and _count(page).endswith("événements")

    page.clock.set_fixed_time("2031-09-02T10:00:00+02:00")  # upcoming at the build, open now: listed and counted
    page.reload()
    assert _open_on_page(page) == [youth] and _count(page).endswith("· 1 appel à projets ouvert")
    assert page.locator("#rrma-open-calls .rrma-call-state").inner_text() == "ouvert — clôture le 30 novembre 2031 (dans 89 jours)"
    assert page.locator("#rrma-no-open-call").is_hidden()
    context.close()


def test_a_network_page_lists_the_calls_open_on_the_reader_s_day(browser, base_url: str) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    none = "Aucun appel à projets relayé par ce réseau n'est ouvert en ce moment."
    page.goto(base_url + "/reseaux/centraider/")
    assert _open_on_page(page) == ["Fonds régional pour l'éducation à la citoyenneté mondiale (appel fictif)"]
    page.goto(base_url + "/reseaux/so-cooperation/")  # its call opens in 2031
    assert _open_on_page(page) == [] and page.locator("#rrma-no-open-call").inner_text() == none

    page.clock.set_fixed_time("2031-07-01T10:00:00+02:00")  # CENTRAIDER's call closed on 15 June
    page.goto(base_url + "/reseaux/centraider/")
    assert _open_on_page(page) == [] and page.locator("#rrma-no-open-call").inner_text() == none
    assert page.locator("#rrma-no-open-call").is_visible()

    page.clock.set_fixed_time("2031-09-02T10:00:00+02:00")
    page.goto(base_url + "/reseaux/so-cooperation/")
    assert _open_on_page(page) == ["Appel à venir pour les jeunes (appel fictif)"]
    assert page.locator("#rrma-no-open-call").is_hidden()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_call_pages_fit_the_width_and_are_captured(browser, base_url: str, width: int) -> None:
    """Nothing wider than the screen (a phone would scroll sideways); the captures are for a person to look at."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    for path, name in (("/appels-a-projets/", "liste"), ("/appels-a-projets/fonds-regional-ecsi-test/", "appel"),
                       ("/appels-a-projets/appel-clos-test/", "clos"), ("/", "accueil")):
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.screenshot(path=f"/tmp/rrma-calls-{name}-{width}.png", full_page=True)
    context.close()


def test_calls_are_in_the_site_search_with_their_type(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=OECO")
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length > 0")
    hit = page.locator(".rrma-hits li", has_text="Je coopère avec les pays de l'OECO").first
    assert hit.locator(".rrma-badge").inner_text() == "Appel à projets"
    page.goto(base_url + "/recherche/?q=fictif&type=appel")
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length > 0")
    assert set(page.locator(".rrma-hits .rrma-badge").all_inner_texts()) == {"Appel à projets"}
