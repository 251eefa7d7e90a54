"""The search in a real browser: French queries, filters, URL, keyboard, escaping."""

from __future__ import annotations

import json
import re

import pytest

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
    assert _results(page) == plain and "Interfaces n°7 : la citoyenneté mondiale, un levier pour la politique de la ville" in plain


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
    assert page.locator(".rrma-status").inner_text() == "Aucun résultat pour « xylophone »."
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


@pytest.mark.xfail(strict=True, reason="known bug (issue #17): since the index has one file per result text, the idle prefetch never completes on the full content, so the search does not yet work offline and the « texts on request » tier times out; fix, then remove this mark")
def test_search_works_offline_once_the_index_is_fetched(page, base_url: str) -> None:
    page.goto(base_url + "/recherche/?q=charte")
    assert _results(page)
    # after the first answer the rest of this small index is fetched, a file at a time, in idle moments
    manifest = page.evaluate("fetch('../recherche/manifest.json').then(r => r.json())")
    total = manifest["shardCount"] + -(-manifest["docCount"] // manifest["docsPerChunk"]) + 1
    page.wait_for_function(f"performance.getEntriesByType('resource').filter(e => /recherche\\/(index|docs)-\\d+\\.json|facets\\.json/.test(e.name)).length >= {total}",
                           timeout=20_000)
    page.context.set_offline(True)
    page.fill("#rrma-search-q", "alimentation")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('.rrma-status').textContent.includes('alimentation')")
    assert _results(page) and "n'a pas pu être chargée" not in page.locator(".rrma-status").inner_text()
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
    assert re.match(r"\d+ résultats( dans les titres, thèmes et résumés)? pour « solidarite internationnale »", status), status  # « solidarite » is exact: not « approchants »
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


@pytest.mark.xfail(strict=True, reason="known bug (issue #17): since the index has one file per result text, the idle prefetch never completes on the full content, so the search does not yet work offline and the « texts on request » tier times out; fix, then remove this mark")
def test_the_texts_of_the_pages_are_searched_on_request_past_a_page_of_titles(page, base_url: str, site_dir) -> None:
    """A word in more than a page of titles, themes and summaries: those come first, without the
    texts' shards; past them, one button searches the texts too, and nothing is lost."""
    fetched = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(base_url + "/recherche/?q=réseau")
    _results(page)
    status = page.locator(".rrma-status").inner_text()
    count = int(status.split()[0])
    assert count > 10 and " dans les titres, thèmes et résumés pour « réseau »" in status, status
    assert not any("/recherche/body-" in u for u in fetched)
    page.get_by_role("button", name=re.compile("résultats? de plus")).click()
    page.wait_for_function(f"document.querySelectorAll('.rrma-hit__title').length === {count}")
    page.get_by_role("button", name="Chercher aussi dans le texte des pages").click()
    page.wait_for_function("!document.querySelector('.rrma-status').textContent.includes('dans les titres')")
    _results(page)
    deeper = int(page.locator(".rrma-status").inner_text().split()[0])
    assert deeper > count and any("/recherche/body-" in u for u in fetched)
    assert page.evaluate("document.activeElement.closest('.rrma-hits li') !== null")  # the focus on the first new result
