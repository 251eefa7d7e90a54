"""Pages in a real browser: accessibility (axe-core), library filters, map, no third-party request."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import AXE

PAGES = [
    "/", "/charte/", "/reseaux/", "/reseaux/horizons-solidaires/", "/reseaux/cirrma/", "/ressources/",
    "/ressources/monter-un-projet/", "/ressources/type/etude-observatoire/", "/agenda/", "/agenda/centraider-25-ans/",
    "/agenda/reseau/horizons-solidaires/", "/observatoire/", "/pays/", "/pays/senegal/", "/404.html",
    "/recherche/", "/abonnements/", "/plan-du-site/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/contact/",
    # events as they happen (tests/corpus/realistic): a programme of sessions, an overseas event, several places, documents
    "/agenda/parcours-monter-financer-projet-2027/", "/agenda/rencontre-cooperation-caraibe-pointe-a-pitre-2027/",
    "/agenda/festival-des-solidarites-2027-normandie/", "/agenda/journee-regionale-ecsi-2027/",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.mark.parametrize("width", ["page", "phone"])
@pytest.mark.parametrize("path", PAGES)
def test_no_accessibility_violation_and_no_third_party_request(request: pytest.FixtureRequest, base_url: str, path: str, width: str) -> None:
    page = request.getfixturevalue(width)  # desktop, then phone width (the navigation becomes a drawer)
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == "fr"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []
    assert page.outside_requests == []


def test_the_menu_button_opens_the_navigation_from_the_keyboard_on_a_phone(phone, page, base_url: str) -> None:
    page.goto(base_url + "/charte/")
    assert not page.locator(".md-header button.rrma-menu").is_visible()  # on a desktop, the navigation is always shown
    phone.goto(base_url + "/charte/")
    button = phone.locator(".md-header button.rrma-menu")
    on_screen = """() => { const box = document.querySelector('.md-sidebar--primary a.md-nav__link[href$="ressources/"]').getBoundingClientRect();
                           return box.left >= 0 && box.right <= window.innerWidth; }"""
    assert button.is_visible() and not phone.evaluate(on_screen)  # the drawer is closed, off the screen
    assert not phone.locator('.md-header label[for="__drawer"]').is_visible()  # Material's label, for browsers without JavaScript
    for _ in range(10):  # from the skip link, a few Tab presses reach the menu button
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.classList.contains('rrma-menu')"):
            break
    assert phone.evaluate("document.activeElement.classList.contains('rrma-menu')")
    assert button.get_attribute("aria-expanded") == "false"
    in_drawer = "!!document.activeElement.closest('.md-sidebar--primary')"
    focused = []
    for _ in range(6):  # the closed drawer's links are out of the keyboard's path: on to the page's content
        phone.keyboard.press("Tab")
        focused.append(phone.evaluate(in_drawer))
    assert not any(focused)
    phone.keyboard.press("Shift+Tab")
    while not phone.evaluate("document.activeElement.classList.contains('rrma-menu')"):
        phone.keyboard.press("Shift+Tab")
    phone.keyboard.press("Enter")
    phone.wait_for_function(on_screen)
    assert button.get_attribute("aria-expanded") == "true"
    assert phone.evaluate(in_drawer)  # opened, the focus is in the drawer
    links = phone.locator(".md-sidebar--primary a:visible").count()
    for _ in range(links + 5):  # past its last link, the focus leaves the drawer, which closes
        phone.keyboard.press("Tab")
        if not phone.evaluate(in_drawer):
            break
    phone.wait_for_function(f"() => !({on_screen})()")
    assert button.get_attribute("aria-expanded") == "false"
    button.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function(on_screen)
    phone.keyboard.press("Escape")  # closes the drawer, back to its button
    phone.wait_for_function(f"() => !({on_screen})()")
    assert phone.evaluate("document.activeElement.classList.contains('rrma-menu')")
    phone.keyboard.press("Enter")
    phone.wait_for_function(on_screen)
    button.focus()  # the button stays the drawer's: focused, it leaves the drawer open, and Space closes it
    assert button.get_attribute("aria-expanded") == "true"
    phone.keyboard.press(" ")
    phone.wait_for_function(f"() => !({on_screen})()")
    assert button.get_attribute("aria-expanded") == "false"


def test_the_home_search_box_finds_resources_by_their_whole_text(page, base_url: str) -> None:
    """« ECSI » is in no title nor summary, but in resources' themes and texts: the full-text search finds them."""
    page.goto(base_url + "/")
    page.fill("#rrma-home-q", "ECSI")
    page.press("#rrma-home-q", "Enter")
    page.wait_for_url("**/recherche/?q=ECSI")  # the whole portal: guides, events, networks
    page.wait_for_selector(".rrma-hits li")
    hrefs = page.locator(".rrma-hits li .rrma-hit__title a").evaluate_all("links => links.map(a => a.href)")
    assert sum("/ressources/" in href for href in hrefs) >= 3


def test_a_missing_address_gets_a_french_page_with_ways_back(page, base_url: str, site_dir) -> None:
    assert (site_dir / "404.html").is_file()
    page.goto(base_url + "/404.html")
    assert page.title().startswith("Page introuvable")
    assert page.locator("h1").inner_text() == "Page introuvable"
    assert page.locator("#contenu").count() == 1  # where the skip link leads
    assert "Not found" not in page.content()


def _data(site_dir):
    return json.loads((site_dir / "ressources" / "index.json").read_text(encoding="utf-8"))


def test_library_filters_without_reload_and_keeps_state_in_url(page, base_url: str, site_dir) -> None:
    data = _data(site_dir)
    expected = sorted(item["title"] for item in data if "etude-observatoire" in item["facets"]["type"])
    page.goto(base_url + "/ressources/")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    page.evaluate("window.__sameDocument = true")
    page.select_option("#rrma-f-type", "etude-observatoire")
    titles = sorted(page.locator(".rrma-results .rrma-card__title").all_inner_texts())
    assert titles == expected and len(expected) >= 2
    assert page.evaluate("window.__sameDocument") is True  # no reload
    assert re.search(r"[?&]type=etude-observatoire", page.url)
    assert page.locator(".rrma-status").inner_text() == f"{len(expected)} ressources correspondent."
    # the URL alone restores the filter
    page.goto(page.url)
    page.wait_for_selector(".rrma-filters:not([hidden])")
    assert page.input_value("#rrma-f-type") == "etude-observatoire"
    assert sorted(page.locator(".rrma-results .rrma-card__title").all_inner_texts()) == expected


def test_library_text_query_is_accent_insensitive_and_says_when_nothing_matches(page, base_url: str) -> None:
    page.goto(base_url + "/ressources/?q=bretonnes")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    assert page.locator(".rrma-results li").count() == 1
    page.fill("#rrma-q", "DEFINITION ORLEANS")
    assert page.locator(".rrma-results .rrma-card__title").all_inner_texts() == ["Définition d'Orléans 2022 — les missions des RRMA"]
    page.fill("#rrma-q", "zzzz introuvable")
    assert page.locator(".rrma-results li").count() == 0
    assert "Aucune ressource ne correspond" in page.locator(".rrma-status").inner_text()


def test_library_words_match_from_their_start(page, base_url: str, site_dir) -> None:
    """« eau » finds « l'eau », not « réseau », which nearly every card names; a word being typed finds its endings."""
    import unicodedata

    def words(item: dict) -> list[str]:
        text = unicodedata.normalize("NFD", " ".join([item["title"], item["summary"], *item["networks"]]))
        return re.split(r"[^a-z0-9]+", "".join(c for c in text if not unicodedata.combining(c)).lower())

    data = _data(site_dir)
    found = {}
    for query in ("eau", "solid"):
        expected = sorted(item["title"] for item in data if any(w.startswith(query) for w in words(item)))
        page.goto(f"{base_url}/ressources/?q={query}")
        page.wait_for_selector(".rrma-filters:not([hidden])")
        assert sorted(page.locator(".rrma-results .rrma-card__title").all_inner_texts()) == expected
        found[query] = len(expected)
    assert found["solid"] >= 2  # « solidarité », « solidaire »
    assert sum(any("eau" in w for w in words(item)) for item in data) > found["eau"]  # « réseau » would have matched


def test_a_filter_chosen_in_a_list_replaces_the_address_and_a_facet_page_can_show_everything(page, base_url: str, site_dir) -> None:
    page.goto(base_url + "/ressources/type/etude-observatoire/")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    steps = page.evaluate("history.length")
    page.select_option("#rrma-f-theme", index=1)
    page.select_option("#rrma-f-theme", index=2)
    assert page.evaluate("history.length") == steps  # no step per option tried: Back leaves the list
    page.select_option("#rrma-f-theme", "")
    page.select_option("#rrma-f-type", "")  # « Tous » on the page of one type
    assert re.search(r"[?&]type=(&|$)", page.url)
    everything = len(_data(site_dir))
    assert page.locator(".rrma-results li").count() == everything
    page.goto(page.url)  # the address shared says the same
    page.wait_for_selector(".rrma-filters:not([hidden])")
    assert page.input_value("#rrma-f-type") == ""
    assert page.locator(".rrma-results li").count() == everything
    assert page.locator("#rrma-f-theme option").first.inner_text() == "Toutes"  # « Thématique » is feminine
    assert page.locator("#rrma-f-type option").first.inner_text() == "Tous"


def test_library_renders_titles_as_text(page, base_url: str) -> None:
    page.goto(base_url + "/ressources/")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    page.route("**/ressources/index.json", lambda route: route.fulfill(
        content_type="application/json",
        body=json.dumps([{"id": "x", "url": "ressources/x/", "title": "<img src=x onerror=window.__xss=1>", "summary": "<b>s</b>",
                          "type_label": "Guide", "published": None, "networks": ["<i>n</i>"], "facets": {}}]),
    ))
    page.goto(base_url + "/ressources/?q=img")
    page.wait_for_selector(".rrma-results li")
    assert page.locator(".rrma-results .rrma-card__title").inner_text() == "<img src=x onerror=window.__xss=1>"
    assert page.evaluate("window.__xss") is None


def test_facet_pages_work_without_javascript(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "/ressources/")
    assert page.locator(".rrma-filters").is_hidden()
    page.locator(".rrma-facets summary", has_text="Type de ressource").click()
    page.locator(".rrma-facets a", has_text="Étude de l'observatoire").first.click()
    assert page.url.endswith("/ressources/type/etude-observatoire/")
    assert page.locator(".rrma-results li").count() >= 2
    context.close()


def test_open_a_resource_from_the_library(page, base_url: str) -> None:
    page.goto(base_url + "/ressources/")
    link = page.locator(".rrma-results .rrma-card__title a").first
    title = link.inner_text()
    link.click()
    assert page.locator("h1").inner_text() == title
    assert page.locator("#citer").count() == 1


def test_map_is_usable_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "/reseaux/")
    tiles = page.locator(".rrma-map__tile")
    assert tiles.count() == 18
    names = tiles.locator(".rrma-map__name").all_inner_texts()  # full names, visible without hovering
    assert names[:5] == ["Hauts-de-France", "Bretagne", "Normandie", "Île-de-France", "Grand Est"]  # north to south, west to east
    assert names[-5:] == ["Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte"]  # the overseas insets last
    tops = [box["y"] for box in tiles.evaluate_all("ts => ts.slice(0, 13).map(t => t.getBoundingClientRect().toJSON())")]
    assert tops == sorted(tops)  # reading order is also the order on screen
    corse = tiles.filter(has_text="Corse")
    assert corse.locator("a").count() == 0
    assert corse.inner_text().split("\n") == ["Corse", "pas de réseau régional"]
    linked = page.locator(".rrma-map a .rrma-map__name").all_inner_texts()
    page.locator(".rrma-map a").first.focus()
    seen = []
    for _ in linked:  # Tab goes through the tiles as they are read
        seen.append(page.evaluate("document.activeElement.querySelector('.rrma-map__name').textContent"))
        page.keyboard.press("Tab")
    assert seen == linked
    page.locator(".rrma-map a", has_text="Auvergne-Rhône-Alpes").focus()
    page.keyboard.press("Enter")  # one network in the region: its page
    page.wait_for_url("**/reseaux/resacoop/")
    assert page.locator("h1").inner_text().startswith("RESACOOP")


def test_world_map_leads_to_a_country_page_from_the_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "/pays/")
    countries = page.locator(".rrma-world a")
    names = [countries.nth(i).get_attribute("aria-label") for i in range(countries.count())]
    assert "Sénégal\u00a0: 1 ressource, 1 événement" in names
    assert page.locator(".rrma-world__land").get_attribute("aria-hidden") == "true"  # the others are a picture
    countries.first.focus()
    for _ in range(len(names)):
        if page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Sénégal"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/pays/senegal/")
    assert page.locator("h1").inner_text() == "Sénégal"


def test_agenda_filters_without_reload(page, base_url: str) -> None:
    page.goto(base_url + "/agenda/")
    page.wait_for_selector("[data-rrma-agenda] .rrma-filters:not([hidden])")
    total = page.locator(".rrma-card--event").count()
    assert page.locator("#rrma-a-region option").first.inner_text() == "Toutes"  # « Région » is feminine
    page.select_option("#rrma-a-reseau", "horizons-solidaires")
    visible = page.locator(".rrma-card--event:visible .rrma-card__title")
    assert sorted(visible.all_inner_texts()) == sorted([
        "Clôture de RECITAL ODD (phase 2) et présentation de l'étude Madagascar", "Festival ALIMENTERRE 2025 en Normandie",
        "Création de la Conférence interrégionale des RRMA"])
    assert "reseau=horizons-solidaires" in page.url
    page.select_option("#rrma-a-type", "forum")  # only Centraider held a forum
    assert page.locator(".rrma-card--event:visible").count() == 0
    assert page.locator(".rrma-status").inner_text() == "Aucun événement ne correspond à ces critères."
    page.goto(base_url + "/agenda/?type=assemblee-generale")
    page.wait_for_selector("[data-rrma-agenda] .rrma-filters:not([hidden])")
    assert 0 < page.locator(".rrma-card--event:visible").count() < total


def test_chart_labels_stay_the_size_of_text_and_show_their_full_name(browser, base_url: str) -> None:
    """The drawing scales with the page: its labels must not grow past the text around them."""
    from tests.browser.conftest import _open

    context, tablet = _open(browser, 768)
    tablet.goto(base_url + "/observatoire/")
    label = tablet.evaluate("document.querySelector('.rrma-chart__label').getBoundingClientRect().height")
    assert label <= 22  # about 18 px type; it was 26 px, larger than the headings
    titles = tablet.evaluate("[...document.querySelectorAll('.rrma-chart__svg g title')].map(t => t.textContent)")
    assert any(t.startswith("Financements et appels à projets\u00a0: ") for t in titles)  # the label drawn is cut at 25 characters
    context.close()
