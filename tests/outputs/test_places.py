"""Events held in several places: the page, the agenda, the calendars, JSON-LD and open data."""

from __future__ import annotations

import csv
import io
import json

import icalendar

from tests.conftest import BuiltSite

FESTIVAL = "festival-des-solidarites-2027-normandie"  # tests/corpus/realistic: five towns of Normandy


def _jsonld(html: str) -> dict:
    start = html.index('<script type="application/ld+json">') + len('<script type="application/ld+json">')
    return json.loads(html[start: html.index("</script>", start)])


def test_page_lists_every_place(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "agenda" / FESTIVAL / "index.html").read_text(encoding="utf-8")
    assert "<dt>Lieux</dt><dd>5 lieux en Normandie\u00a0:<ul class=\"rrma-places\">" in html
    for place in ("Maison des associations, 8 rue Jean-Rostand, Caen, Normandie", "Halle aux Toiles, Rouen, Normandie", "Le Havre, Normandie",
                  "Médiathèque, Évreux, Normandie", "Cherbourg-en-Cotentin, Normandie"):
        assert f"<li>{place}</li>" in html
    data = _jsonld(html)
    assert [p["address"]["addressLocality"] for p in data["location"]] == ["Caen", "Rouen", "Le Havre", "Évreux", "Cherbourg-en-Cotentin"]
    assert data["location"][0] == {"@type": "Place", "name": "Maison des associations", "address": {
        "@type": "PostalAddress", "streetAddress": "8 rue Jean-Rostand", "addressLocality": "Caen", "addressRegion": "Normandie", "addressCountry": "FR"}}


def test_agenda_card_sums_the_places_up(shared_site: BuiltSite) -> None:
    agenda = (shared_site.site / "agenda" / "index.html").read_text(encoding="utf-8")
    card = agenda[agenda.index(f"/agenda/{FESTIVAL}/"):]
    assert card[: card.index("</li>")].count("5 lieux en Normandie") == 1
    # and the region's own agenda lists it
    assert f"/agenda/{FESTIVAL}/" in (shared_site.site / "agenda" / "region" / "28" / "index.html").read_text(encoding="utf-8")


def test_calendar_location_names_every_place(shared_site: BuiltSite) -> None:
    [event] = icalendar.Calendar.from_ical((shared_site.site / "agenda" / FESTIVAL / f"{FESTIVAL}.ics").read_bytes()).walk("VEVENT")
    assert str(event["LOCATION"]) == ("Maison des associations, 8 rue Jean-Rostand, Caen, Normandie ; Halle aux Toiles, Rouen, Normandie ; "
                                      "Le Havre, Normandie ; Médiathèque, Évreux, Normandie ; Cherbourg-en-Cotentin, Normandie")


def test_open_data_keeps_every_place_as_written(shared_site: BuiltSite) -> None:
    rows = {r["identifiant"]: r for r in csv.DictReader(io.StringIO((shared_site.site / "donnees" / "evenements.csv").read_text(encoding="utf-8")))}
    row = rows[FESTIVAL]
    assert row["ville"] == "Caen" and row["region_code"] == "28"
    assert row["lieux"].split("|")[:2] == ["Maison des associations, 8 rue Jean-Rostand, Caen, 28", "Halle aux Toiles, Rouen, 28"]
    records = {r["identifiant"]: r for r in json.loads((shared_site.site / "donnees" / "evenements.json").read_text(encoding="utf-8"))["donnees"]}
    assert len(records[FESTIVAL]["lieux"]) == 5
    # a one-place event keeps its single fields
    assert rows["festival-des-solidarites-2016-lille"]["lieux"] == "Lille, 32"


def test_a_place_abroad_is_not_said_to_be_in_france(shared_site: BuiltSite) -> None:
    """A place without a French region, of an event about one country, is in that country; never « FR »."""
    page = shared_site.site / "agenda" / "rencontre-internationale-mindchangers-stuttgart-2023" / "index.html"
    data = _jsonld(page.read_text(encoding="utf-8"))
    assert data["location"]["address"] == {"@type": "PostalAddress", "addressLocality": "Stuttgart", "addressCountry": "DE"}
