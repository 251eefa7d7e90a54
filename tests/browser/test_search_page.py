"""The search in a real browser: French queries, filters, URL, keyboard, escaping."""

from __future__ import annotations

import json
import re

from tests.browser.conftest import AXE


def _results(page) -> list[str]:
    """The titles of the page of results, once all of it is shown (the first ones come first)."""
    page.wait_for_function("document.querySelector('.rrma-status').textContent.length > 0")
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    return page.locator(".rrma-hit__title").all_inner_texts()


def test_header_search_leads_to_results_with_the_query_in_the_url(page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("#rrma-header-q", "évaluation")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q="))
    assert "Charte des réseaux régionaux multi-acteurs" in _results(page)
    assert page.input_value("#rrma-search-q") == "évaluation"
    assert page.locator(".rrma-hits mark").count() > 0
    assert page.outside_requests == []


def test_accent_and_case_insensitive(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=EDUCATION")
    plain = _results(page)
    page.goto(base_url + "/recherche/?q=éducation")
    assert _results(page) == plain and "Interfaces n°7\u00a0: la citoyenneté mondiale, un levier pour la politique de la ville" in plain


def test_typing_searches_without_reload_and_updates_the_url(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/")
    page.evaluate("window.__same = true")
    page.locator("#rrma-search-q").press_sequentially("alimenter", delay=20)
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length > 0")
    # a word being typed finds what it starts: the campaign's page and its events
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    titles = page.locator(".rrma-hit__title").all_inner_texts()
    assert "Festival ALIMENTERRE" in titles and "ALIMENTERRE" in titles[0]
    assert page.evaluate("window.__same") is True and "q=alimenter" in page.url


def test_enter_right_after_typing_answers_once(page, base_url: str) -> None:
    # the search of the word being typed (150 ms after the last letter) once came after a quick answer
    # to Enter and replaced it: the page of results, and « Afficher 10 résultats de plus » if clicked
    page.goto(base_url + "/recherche/?q=réseau")
    _results(page)  # its shards are here: the next answer is quick
    page.evaluate("window.__answers = 0; new MutationObserver(() => window.__answers++).observe(document.querySelector('.rrma-status'), {childList: true})")
    page.fill("#rrma-search-q", "réseaux")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.rrma-status').textContent.includes('réseaux')")
    page.wait_for_timeout(600)
    assert page.evaluate("window.__answers") == 1


def _count(page) -> int:
    """The number of results the status line gives (« 42 résultats pour … »), all pages of results together."""
    return int(page.locator(".rrma-status").inner_text().split(" ", 1)[0])


def test_letters_typed_while_the_search_loads_are_kept(page, base_url: str) -> None:
    # the first answer waits for the index's manifest; it once put back the text of the query sent,
    # so the letters typed meanwhile were lost (« alimenter » became « alimter » on a slow connection)
    page.add_init_script("""(() => { const fetch = window.fetch;
      window.fetch = (url, options) => String(url).endsWith("manifest.json")
        ? new Promise(resolve => setTimeout(resolve, 600)).then(() => fetch(url, options)) : fetch(url, options); })()""")
    page.goto(base_url + "/recherche/")
    field = page.locator("#rrma-search-q")
    field.press_sequentially("al")
    page.wait_for_timeout(300)  # the search for « al » has started and waits for the manifest
    field.press_sequentially("imenter")
    page.wait_for_function("document.querySelectorAll('.rrma-hit__title').length > 0 && location.search.includes('alimenter')")
    assert field.input_value() == "alimenter"


def test_filters_by_type_and_network(page, base_url: str, shared_site) -> None:
    page.goto(base_url + "/recherche/?q=reseau")
    _results(page)
    everything = _count(page)
    page.click("text=Filtrer les résultats")
    page.select_option("#rrma-s-type", "evenement")
    page.wait_for_function("!location.search.includes('type=') || document.querySelectorAll('.rrma-hits .rrma-badge').length >= 0")
    page.wait_for_timeout(300)
    badges = set(page.locator(".rrma-hits .rrma-badge").all_inner_texts())
    assert badges <= {"Événement"} and "type=evenement" in page.url
    _results(page)
    assert 0 < _count(page) < everything
    page.goto(base_url + "/recherche/?q=reseau&reseau=karib-horizon")
    titles = _results(page)
    content = shared_site.content
    theirs = {e.data.name for e in content.networks if e.id == "karib-horizon"} | {
        e.data.title for e in (*content.resources, *content.events) if "karib-horizon" in e.data.networks}
    assert titles and set(titles) <= theirs


def test_no_result_gives_suggestions(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=xylophone")
    assert _results(page) == []
    assert page.locator(".rrma-status").inner_text() == "Aucun résultat pour «\u00a0xylophone\u00a0»."
    assert page.locator(".rrma-no-result").is_visible()
    assert page.locator(".rrma-no-result a[href$='/ressources/']").count() == 1
    # the words it suggests are this site's most used themes: each one finds something
    suggestions = page.locator(".rrma-no-result a[href^='?q=']")
    assert suggestions.count() == 3
    for word in suggestions.all_inner_texts():
        page.goto(base_url + "/recherche/?q=" + word.strip("«» \xa0"))
        assert _results(page), word


def test_results_are_reachable_by_keyboard(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=charte")
    _results(page)
    page.focus("#rrma-search-q")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.rrma-hits') !== null"):
            break
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/recherche/" not in url)


def test_results_are_rendered_as_text(page, base_url: str) -> None:
    evil = "<img src=x onerror=window.__xss=1>"
    page.route("**/recherche/docs-*.json", lambda route: route.fulfill(  # every result's text, as a hostile index would give it
        content_type="application/json", body=json.dumps([["ressources/x/", "ressource", evil + " charte", "", evil]])))
    page.goto(base_url + "/recherche/?q=charte")
    titles = _results(page)
    assert evil + " charte" in titles
    assert page.evaluate("window.__xss") is None and page.locator(".rrma-hits img").count() == 0


def test_search_page_is_accessible(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=formation")
    _results(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert [v["id"] for v in result["violations"]] == []


def test_search_works_offline_once_the_index_is_fetched(page, base_url: str) -> None:
    # Counted as they arrive, not from performance.getEntriesByType('resource'): the browser keeps
    # 250 entries at most, fewer than a page and its search files on the full content (why this
    # test once timed out).
    fetched: list[str] = []
    page.on("requestfinished", lambda r: fetched.append(r.url.rsplit("/recherche/", 1)[-1]))
    page.goto(base_url + "/recherche/?q=charte")
    assert _results(page)
    manifest = page.evaluate("fetch('../recherche/manifest.json').then(r => r.json())")
    assert manifest["prefetch"] is True
    # after the first answer, the rest of this small index, a file at a time in idle moments: every
    # result's text in one file, every shard of both tiers in one file, the filters' data
    wanted = {"docs-all.json", "shards-all.json", "facets.json"}
    deadline = 200
    while not wanted <= set(fetched) and deadline:
        page.wait_for_timeout(100)
        deadline -= 1
    assert wanted <= set(fetched), sorted(wanted - set(fetched))
    # a few requests, not one per result or per shard (the first query's own shards and texts aside)
    assert sum(u.startswith("docs-") for u in fetched) <= 11, fetched
    assert sum(u.startswith(("index-", "body-")) for u in fetched) <= 4, fetched
    page.context.set_offline(True)
    try:
        for query in ("alimentation", "réseau"):  # titles; and then the texts of the pages, asked for offline
            page.fill("#rrma-search-q", query)
            page.keyboard.press("Enter")
            page.wait_for_function(f"document.querySelector('.rrma-status').textContent.includes('{query}')")
            assert _results(page) and "n'a pas pu être chargée" not in page.locator(".rrma-status").inner_text()
        more = page.get_by_role("button", name=re.compile("résultats? de plus"))
        while more.count():
            shown = page.locator(".rrma-hit__title").count()
            more.click()
            page.wait_for_function(f"document.querySelectorAll('.rrma-hit__title').length > {shown}")
        page.get_by_role("button", name="Chercher aussi dans le texte des pages").click()
        page.wait_for_function("!document.querySelector('.rrma-status').textContent.includes('dans les titres')")
        assert "n'a pas pu être chargée" not in page.locator(".rrma-status").inner_text()
    finally:
        page.context.set_offline(False)


def test_a_result_found_in_an_attached_file_says_so(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=objet")
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    meta = page.locator(".rrma-hits .rrma-card__meta").all_inner_texts()
    # the guide, by its attached file; the accessibility statement, by its own text (« fait l'objet »)
    in_files = [m for m in meta if m.endswith(" · dans le document")]
    assert len(in_files) == 1 and in_files[0].startswith("Guide méthodologique"), meta
    page.goto(base_url + "/recherche/?q=partenariat")
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    assert not any("dans le document" in m for m in page.locator(".rrma-hits .rrma-card__meta").all_inner_texts())


def test_results_show_the_type_and_forgive_a_typo(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=solidarite internationnale")
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    status = page.locator(".rrma-status").inner_text()
    assert re.match(r"\d+ résultats( dans les titres, thèmes et résumés)? pour «\u00a0solidarite internationnale\u00a0»", status), status  # « solidarite » is exact: not « approchants »
    first = page.locator(".rrma-hit__title").first.inner_text().lower()
    assert "solidarité" in first and "internationa" in first, first  # both words in the title come first, despite the typo
    badges = set(page.locator(".rrma-hits .rrma-badge").all_inner_texts())
    assert "Étude de l'observatoire" in badges and "Ressource" not in badges, badges


def test_a_campaign_page_comes_first_for_its_name_and_says_campaign(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=Festival des Solidarités")
    assert _results(page)[0] == "Festival des Solidarités"
    first = page.locator(".rrma-hits > li").first
    assert first.locator(".rrma-badge").inner_text() == "Campagne"
    assert first.locator("a").get_attribute("href").endswith("/agenda/campagne/festival-des-solidarites/")
    page.click(".rrma-search-filters summary")
    page.select_option("#rrma-s-type", "campagne")  # the type filter knows campaigns
    assert _results(page)[0] == "Festival des Solidarités"
    assert set(page.locator(".rrma-hits .rrma-badge").all_inner_texts()) == {"Campagne"}


def test_the_texts_of_the_pages_are_searched_on_request_past_a_page_of_titles(page, base_url: str, site_dir) -> None:
    """A word in more than a page of titles, themes and summaries: those come first, without the
    texts' shards; past them, one button searches the texts too, and nothing is lost."""
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base_url + "/recherche/?q=réseau")
    _results(page)
    status = page.locator(".rrma-status").inner_text()
    count = int(status.split()[0])
    assert count > 10 and " dans les titres, thèmes et résumés pour «\u00a0réseau\u00a0»" in status, status
    assert not any("/recherche/body-" in u for u in fetched)
    # a page of ten more at a time, until every one found in the titles, themes and summaries is shown
    more = page.get_by_role("button", name=re.compile("résultats? de plus"))
    for shown in range(10, count, 10):
        left = min(10, count - shown)
        assert more.inner_text() == f"Afficher {left} {'résultats' if left > 1 else 'résultat'} de plus"
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.rrma-hit__title').length === {min(shown + 10, count)}")
    assert more.count() == 0
    page.get_by_role("button", name="Chercher aussi dans le texte des pages").click()
    page.wait_for_function("!document.querySelector('.rrma-status').textContent.includes('dans les titres')")
    _results(page)
    deeper = int(page.locator(".rrma-status").inner_text().split()[0])
    # the texts' shards: each by itself, or (this small index) all of them with the idle prefetch's file
    assert deeper > count and any("/recherche/body-" in u or "/recherche/shards-all.json" in u for u in fetched)
    # those already seen, then a page more; the focus on the first of them
    assert page.locator(".rrma-hit__title").count() == min(deeper, count + 10)
    assert page.evaluate(f"document.activeElement === document.querySelectorAll('.rrma-hits > li')[{count}].querySelector('a')")
