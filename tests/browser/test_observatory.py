"""The observatory's and the open data's boxes in a real browser."""

from __future__ import annotations

import pytest

# The icon of a box's summary, beside those Material gives a plain note (a pencil) and an « info » box.
ICONS = """box => {
  const icon = el => { const s = getComputedStyle(el.querySelector('summary'), '::before'); return s.maskImage || s.webkitMaskImage; };
  const make = kind => { const d = document.createElement('details'); if (kind) d.className = kind;
                         d.innerHTML = '<summary>x</summary>'; document.querySelector('.md-typeset').append(d); return d; };
  return [icon(document.querySelector(box)), icon(make('')), icon(make('info'))];
}"""


@pytest.mark.parametrize(("path", "box"), [("/donnees/", "details.rrma-columns"), ("/reseaux/resacoop/", "details.rrma-method")])
def test_data_boxes_show_an_information_icon_not_a_pencil(page, base_url: str, path: str, box: str) -> None:
    page.goto(base_url + path)
    shown, pencil, info = page.evaluate(ICONS, box)
    assert shown != pencil and shown == info and "svg" in shown


@pytest.mark.parametrize(("path", "text"), [("/donnees/", "details.rrma-columns td"), ("/reseaux/resacoop/", "details.rrma-method li")])
def test_data_boxes_are_not_written_smaller_than_14_px_on_a_phone(phone, base_url: str, path: str, text: str) -> None:
    phone.goto(base_url + path)
    phone.locator(text).first.evaluate("el => el.closest('details').open = true")
    assert phone.locator(text).first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)") >= 14


def test_the_columns_of_a_dataset_fit_a_phone_without_scrolling_sideways(phone, base_url: str) -> None:
    phone.goto(base_url + "/donnees/")
    widths = phone.evaluate("""() => [...document.querySelectorAll('details.rrma-columns')].map(d => {
        d.open = true; const t = d.querySelector('table'); return [t.scrollWidth, t.clientWidth, d.clientWidth]; })""")
    assert widths and all(scroll <= client <= box for scroll, client, box in widths), widths
