"""The web editor loads from the built site, in French, with no third-party request."""

from __future__ import annotations


def test_admin_shows_the_three_collections(page, base_url: str) -> None:
    page.goto(base_url + "/admin/?test")
    page.wait_for_selector("text=Collections", timeout=20000)
    body = page.inner_text("body")
    for label in ("Réseaux", "Événements", "Ressources"):
        assert label in body
    page.goto(base_url + "/admin/?test#/collections/resources/new")
    page.wait_for_selector("text=Type de ressource", timeout=20000)
    assert "réseaux éditeurs" in page.inner_text("body").lower()  # labels are shown in capitals by CSS
    assert page.outside_requests == []
