"""Pages in a real browser: accessibility (axe-core), library filters, map, no third-party request."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import AXE

PAGES = [
    "/", "/charte/", "/reseaux/", "/reseaux/horizons-solidaires/", "/reseaux/cirrma/", "/ressources/",
    "/ressources/monter-un-projet/", "/ressources/type/etude-observatoire/", "/agenda/", "/agenda/centraider-25-ans/",
    "/agenda/reseau/horizons-solidaires/", "/observatoire/", "/pays/", "/pays/senegal/", "/404.html",
    "/agenda/webinaire-ess-solidarite-internationale-2016/", "/reseaux/resacoop/", "/reseaux/cerapcoop/",
    "/ressources/etude-acteurs-solidarite-internationale-bfc-2015/", "/ressources/guide-projets-cofinances-bourgogne-franche-comte/",
    "/recherche/", "/abonnements/", "/flux/", "/donnees/", "/reseaux/resacoop/", "/plan-du-site/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/", "/contact/",
    # events as they happen (tests/corpus/realistic): a programme of sessions, an overseas event, several places, documents
    "/agenda/parcours-monter-financer-projet-2027/", "/agenda/rencontre-cooperation-caraibe-pointe-a-pitre-2027/",
    "/agenda/festival-des-solidarites-2027-normandie/", "/agenda/journee-regionale-ecsi-2027/",
    # the lists as a visitor sees them: search results shown, an agenda archive, a library page; figures of a former region
    "/recherche/?q=formation", "/agenda/archives/2012/", "/ressources/page/2/", "/reseaux/lianes-cooperation/",
    # /appels-a-projets/ and its pages: tests/browser/test_calls.py
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
    offered = page.eval_on_selector_all("#rrma-f-theme option:enabled", "os => os.map(o => o.value).filter(Boolean)")
    page.select_option("#rrma-f-theme", offered[0])
    page.select_option("#rrma-f-theme", offered[1])
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
    assert page.locator("#rrma-f-theme option").first.inner_text() == f"Toutes ({everything})"  # « Thématique » is feminine
    assert page.locator("#rrma-f-type option").first.inner_text() == f"Tous ({everything})"


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
    assert page.locator(".rrma-facets").is_hidden()  # folded in the filter panel
    page.locator("summary.rrma-filter-toggle").click()
    page.locator(".rrma-facets summary", has_text="Type de ressource").click()
    page.locator(".rrma-facets a", has_text="Étude de l'observatoire").first.click()
    assert page.url.endswith("/ressources/type/etude-observatoire/")
    assert page.locator(".rrma-results li").count() >= 2
    context.close()


def _filter_toggle(page):
    return page.locator("summary.rrma-filter-toggle")


def test_library_filters_fold_behind_a_button_on_a_phone(phone, base_url: str) -> None:
    phone.goto(base_url + "/ressources/")
    phone.wait_for_selector(".rrma-filters:not([hidden])", state="attached")
    toggle = _filter_toggle(phone)
    assert toggle.get_attribute("aria-expanded") == "false"
    assert phone.locator("#rrma-f-type").is_hidden()
    first = phone.locator(".rrma-results .rrma-card").first.bounding_box()
    assert first["y"] < 900 - 100  # the first result is on the first screen, filters folded
    assert toggle.inner_text() == "Filtrer"  # no choice yet
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    phone.select_option("#rrma-f-type", "etude-observatoire")
    phone.select_option("#rrma-f-theme", phone.eval_on_selector("#rrma-f-theme option:enabled:not([value=''])", "o => o.value"))
    # seen « Filtrer (2) », heard « Filtrer : 2 choix actifs »
    expect(toggle).to_have_text("Filtrer (2)\u00a0: 2 choix actifs")
    assert toggle.locator("[aria-hidden=true]").text_content() == " (2)"
    # « Voir les résultats » folds the panel and takes the focus to the number of results
    phone.get_by_role("button", name="Voir les résultats").click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert phone.evaluate("document.activeElement.classList.contains('rrma-status')")
    # Escape folds it too, and gives the focus back to the button
    toggle.click()
    phone.focus("#rrma-f-type")
    phone.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    assert phone.evaluate("document.activeElement.classList.contains('rrma-filter-toggle')")
    phone.keyboard.press("Enter")  # the keyboard opens it again
    assert phone.locator("#rrma-f-type").is_visible()


def test_library_filters_are_open_on_a_wide_screen_and_fold_without_javascript(browser, page, base_url: str) -> None:
    page.goto(base_url + "/ressources/")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    assert _filter_toggle(page).get_attribute("aria-expanded") == "true"
    assert page.locator("#rrma-f-type").is_visible()
    assert page.get_by_role("button", name="Voir les résultats").is_hidden()  # the results are beside, nothing to go back to
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    static = context.new_page()
    static.goto(base_url + "/ressources/type/etude-observatoire/")
    toggle = _filter_toggle(static)
    assert toggle.text_content() == "Filtrer (1)\u00a0: 1 choix actif"  # the page's own filter
    assert static.locator(".rrma-facets").is_hidden()
    toggle.click()
    assert static.locator(".rrma-facets summary", has_text="Thématique").is_visible()
    context.close()


def test_facet_counts_follow_the_current_choice(page, base_url: str, site_dir) -> None:
    """Each value of a list says how many results it would give with the other filters kept;
    one that would give none cannot be chosen. Without a choice, the counts are the totals."""
    data = _data(site_dir)
    page.goto(base_url + "/ressources/")
    page.wait_for_selector(".rrma-filters:not([hidden])")

    def options(select: str) -> dict[str, tuple[str, bool]]:
        return {o["value"]: (o["text"], o["disabled"]) for o in page.eval_on_selector_all(
            f"{select} option", "os => os.map(o => ({value: o.value, text: o.textContent, disabled: o.disabled}))")}

    themes = {v for item in data for v in item["facets"]["theme"]}
    total = options("#rrma-f-theme")
    assert total[""] == (f"Toutes ({len(data)})", False)
    for theme in themes:
        n = sum(theme in item["facets"]["theme"] for item in data)
        assert total[theme][0].endswith(f" ({n})") and not total[theme][1]
    page.select_option("#rrma-f-type", "etude-observatoire")
    studies = [item for item in data if "etude-observatoire" in item["facets"]["type"]]
    after = options("#rrma-f-theme")
    assert after[""] == (f"Toutes ({len(studies)})", False)
    zero = 0
    for theme in themes:
        n = sum(theme in item["facets"]["theme"] for item in studies)
        label = total[theme][0].rsplit(" (", 1)[0]
        assert after[theme] == (f"{label} ({n})", n == 0)
        zero += n == 0
    assert zero > 0 and zero < len(themes)  # some themes have no study: not offered
    # the type list keeps the counts of every type (its own choice does not narrow itself)
    assert options("#rrma-f-type")["etude-observatoire"][0].endswith(f" ({len(studies)})")
    # a value chosen, then another list's option: the counts of both follow
    theme = next(t for t in themes if not after[t][1])
    page.select_option("#rrma-f-theme", theme)
    both = [item for item in studies if theme in item["facets"]["theme"]]
    assert options("#rrma-f-type")[""][0].endswith(f" ({sum(theme in i['facets']['theme'] for i in data)})")
    assert page.locator(".rrma-results li").count() == len(both)


def test_library_text_box_analyses_words_as_the_site_search(page, base_url: str, site_dir) -> None:
    """« projets » finds what « projet » finds (plural, accents and case as in the site search)."""
    data = _data(site_dir)
    page.goto(base_url + "/ressources/?q=projet")
    page.wait_for_selector(".rrma-filters:not([hidden])")
    singular = sorted(page.locator(".rrma-results .rrma-card__title").all_inner_texts())
    for query in ("projets", "PROJÉTS"):
        page.fill("#rrma-q", query)
        assert sorted(page.locator(".rrma-results .rrma-card__title").all_inner_texts()) == singular
    with_plural_only = [i["title"] for i in data if "projets" in i["title"].lower() + i["summary"].lower()]
    with_singular = [i["title"] for i in data if re.search(r"\bprojet\b", (i["title"] + " " + i["summary"]).lower())]
    assert with_plural_only and with_singular  # both forms are in the data, and found by both queries
    assert set(with_plural_only + with_singular) <= set(singular)


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


def test_world_map_leads_to_a_country_page_from_the_keyboard(page, base_url: str, shared_site) -> None:
    from tests.conftest import country_summary

    page.goto(base_url + "/pays/")
    countries = page.locator(".rrma-world a")
    names = [countries.nth(i).get_attribute("aria-label") for i in range(countries.count())]
    assert "Sénégal\u00a0: " + country_summary(shared_site.content, "SN") in names
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
    # what each card says of itself: its networks and its type, the data the filters read
    cards = page.evaluate("[...document.querySelectorAll('.rrma-card--event')].map(c => [c.dataset.fReseau.split(' '),"
                          " c.dataset.fType, c.querySelector('.rrma-card__title').textContent.trim()])")
    theirs = sorted(title for networks, _, title in cards if "horizons-solidaires" in networks)
    assert 0 < len(theirs) < total
    page.select_option("#rrma-a-reseau", "horizons-solidaires")
    visible = page.locator(".rrma-card--event:visible .rrma-card__title")
    assert sorted(visible.all_inner_texts()) == theirs
    assert "reseau=horizons-solidaires" in page.url
    kinds = page.locator("#rrma-a-type option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")
    absent = next(k for k in kinds if all(kind != k for networks, kind, _ in cards if "horizons-solidaires" in networks))
    page.select_option("#rrma-a-type", absent)  # a type of event the network never held
    assert page.locator(".rrma-card--event:visible").count() == 0
    assert page.locator(".rrma-status").inner_text() == "Aucun événement ne correspond à ces critères."
    page.goto(base_url + "/agenda/?type=assemblee-generale")
    page.wait_for_selector("[data-rrma-agenda] .rrma-filters:not([hidden])")
    assert 0 < page.locator(".rrma-card--event:visible").count() < total


def test_agenda_filters_fold_on_a_phone(phone, base_url: str) -> None:
    """On a phone the first event is on the first screen, the four filters behind « Filtrer »."""
    phone.goto(base_url + "/agenda/")
    toggle = phone.locator(".rrma-agenda summary.rrma-filter-toggle")
    expect(toggle).to_be_visible()
    assert toggle.inner_text() == "Filtrer" and phone.locator("#rrma-a-reseau").is_hidden()
    first = phone.locator(".rrma-card--event").first.bounding_box()
    assert first is not None and first["y"] < phone.viewport_size["height"]
    toggle.click()
    phone.select_option("#rrma-a-reseau", "horizons-solidaires")
    expect(toggle).to_have_text("Filtrer (1)\u00a0: 1 choix actif")
    phone.keyboard.press("Escape")
    expect(phone.locator("#rrma-a-reseau")).to_be_hidden()
    assert phone.locator(".rrma-card--event:visible").count() > 0


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/observatoire/", "/donnees/", "/reseaux/resacoop/"])
def test_figures_stay_readable_on_a_phone_without_sideways_scrolling(browser, base_url: str, width: int, path: str) -> None:
    """Chart labels, numbers and notes are page text: never below 14 px, and the page never scrolls sideways."""
    from tests.browser.conftest import _open

    context, page = _open(browser, width)
    page.goto(base_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sizes = page.evaluate("""() => [...document.querySelectorAll('.rrma-bars *, .rrma-figures *, .rrma-map *, .rrma-downloads *, .rrma-shades *')]
        .filter(e => e.offsetParent !== null && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
        .map(e => [e.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(e).fontSize)])""")
    assert sizes, "no figure on the page"
    assert [s for s in sizes if s[1] < 14] == []
    if path == "/observatoire/":  # a bar is as long as its share of the largest value
        widths = page.evaluate("[...document.querySelectorAll('#projets-pays .rrma-bars__bar')].map(b => b.getBoundingClientRect().width)")
        assert widths == sorted(widths, reverse=True) and widths[0] > 4 * widths[-1]
    context.close()
