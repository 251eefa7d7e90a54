"""The portal's frame in a real browser: header, breadcrumbs, footer, calendars to subscribe to."""

from __future__ import annotations

import json

from tests.conftest import PUBLIC_URL

HOST = PUBLIC_URL.split("://", 1)[1]  # « portail.example.org/ »


def test_the_header_keeps_the_site_name_after_scrolling(page, base_url: str) -> None:
    page.goto(base_url + "/ressources/monter-un-projet/")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(400)  # Material's header transition
    name = page.locator(".md-header__topic .rrma-name-long")
    assert name.inner_text() == "Réseaux Régionaux Multi-Acteurs"
    assert name.evaluate("e => getComputedStyle(e.closest('.md-header__topic')).opacity") == "1"


def test_item_pages_show_breadcrumbs_and_their_section_in_the_navigation(page, base_url: str) -> None:
    for path, section, title in [
        ("/reseaux/horizons-solidaires/", "Réseaux", "Horizons Solidaires"),
        ("/agenda/centraider-25-ans/", "Agenda", None),
        ("/ressources/monter-un-projet/", "Ressources", None),
        ("/appels-a-projets/fonds-regional-ecsi-test/", "Appels à projets", None),
        ("/pays/senegal/", "Pays", "Sénégal"),
    ]:
        section_url = base_url + "/" + path.split("/")[1] + "/"
        page.goto(base_url + path)
        crumbs = page.locator("nav.rrma-breadcrumbs li")
        assert crumbs.count() == 3
        assert crumbs.nth(0).inner_text() == "Accueil"
        assert crumbs.nth(1).inner_text() == section
        here = crumbs.nth(2)
        assert here.get_attribute("aria-current") == "page"
        assert here.inner_text() == (title or page.locator("h1").inner_text())
        crumbs.nth(1).locator("a").click()
        page.wait_for_url(section_url)
        page.go_back()
        page.wait_for_url(base_url + path)
        # the section is highlighted in the navigation (desktop sidebar)
        active = page.locator(".md-nav--primary .md-nav__item--active > a.md-nav__link")
        assert active.count() == 1 and active.inner_text().strip() == section
        data = [json.loads(s) for s in page.locator("script[type='application/ld+json']").all_text_contents()]
        trail = next(d for d in data if d["@type"] == "BreadcrumbList")["itemListElement"]
        assert [step["position"] for step in trail] == [1, 2, 3]
        assert trail[0]["item"] == PUBLIC_URL and trail[2]["item"] == PUBLIC_URL + path.lstrip("/")


def test_the_subscribe_page_gives_webcal_links_and_https_addresses(page, base_url: str, site_dir) -> None:
    page.goto(base_url + "/abonnements/")
    rows = page.locator("ul.rrma-calendars").first.locator(".rrma-calendar")  # the agendas; then the deadlines of the calls
    pages = list((site_dir / "reseaux").glob("*/index.html"))
    former = [p for p in pages if "a cessé son activité" in p.read_text(encoding="utf-8")]
    assert former and rows.count() == 1 + len(pages) - len(former)  # a former network's calendar would stay empty
    deadlines = page.locator("ul.rrma-calendars").nth(1).locator(".rrma-calendar")
    assert deadlines.count() == rows.count()
    assert deadlines.first.locator(".rrma-calendar__title").inner_text() == "Toutes les échéances des appels à projets"
    assert deadlines.first.locator("a").get_attribute("href") == f"webcal://{HOST}flux/echeances.ics"
    for i in range(deadlines.count()):
        address = deadlines.nth(i).locator("input").input_value()
        assert (site_dir / address.removeprefix(PUBLIC_URL)).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    first = rows.first
    assert first.locator(".rrma-calendar__title").inner_text() == "Tout l'agenda des RRMA"
    assert first.locator("a").get_attribute("href") == f"webcal://{HOST}flux/agenda.ics"
    assert first.locator("input").input_value() == f"{PUBLIC_URL}flux/agenda.ics"
    assert first.locator("input").get_attribute("readonly") is not None
    titles = rows.locator(".rrma-calendar__title").all_inner_texts()
    assert "Agenda d'Horizons Solidaires" in titles  # elision before a mute h
    assert "Agenda de CERAPCOOP" not in titles
    for i in range(rows.count()):  # each address is a calendar the site publishes
        address = rows.nth(i).locator("input").input_value()
        assert (site_dir / address.removeprefix(PUBLIC_URL)).read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert page.locator("text=construit sans son adresse publique").count() == 0  # the test site knows its address


def test_a_network_page_subscribes_to_its_own_calendar(page, base_url: str) -> None:
    page.goto(base_url + "/reseaux/horizons-solidaires/")
    link = page.get_by_role("link", name="S'abonner")
    assert link.get_attribute("href") == f"webcal://{HOST}flux/agenda-horizons-solidaires.ics"
    page.get_by_role("link", name="mode d'emploi").click()
    page.wait_for_url("**/abonnements/")


def test_past_events_offer_nothing_to_add_to_a_calendar(page, base_url: str) -> None:
    page.goto(base_url + "/agenda/centraider-25-ans/")  # 23 May 2025
    assert "événement passé" in page.locator(".rrma-card__meta").first.inner_text()
    assert page.get_by_text("Ajouter à mon agenda").count() == 0


def test_the_footer_links_to_every_information_page(page, base_url: str) -> None:
    page.goto(base_url + "/agenda/")
    links = page.locator("footer nav a")
    assert links.all_inner_texts() == ["Mentions légales", "Accessibilité\u00a0: non conforme", "Données personnelles", "Contact",
                                       "Plan du site", "Flux et calendriers", "Données ouvertes", "Code source"]
    links.nth(1).click()
    page.wait_for_url("**/accessibilite/")
    assert page.locator("h1").inner_text() == "Déclaration d'accessibilité"
    assert "non conforme" in page.locator("#etat-de-conformite + p").inner_text()
    page.go_back()
    page.wait_for_url("**/agenda/")
    links.nth(4).click()
    page.wait_for_url("**/plan-du-site/")
    assert page.locator("h1").inner_text() == "Plan du site"
    assert page.locator(".rrma-sitemap a", has_text="Horizons Solidaires").count() == 1
