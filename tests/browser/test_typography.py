"""French non-breaking spaces in a real browser: on a phone, a title ends « agir ? » on one line; search
results read as the pages do, and a query copied from a page finds it."""

from __future__ import annotations

from tests.browser.conftest import AXE
from tests.browser.test_pages import AXE_TAGS

PAGE = "/ressources/fiche-typographie-appel-projets/"  # tests/corpus/realistic: each case of French typography


LINE_STARTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  let last = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (let i = 0; i < node.data.length; i++) {
      if (/\\s/.test(node.data[i])) continue;
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      if (!rect) continue;
      if (last === null || rect.top > last + 2) out.push(node.data.slice(i, i + 12));
      last = rect.top;
    }
  }
  return out;
}"""  # each line's first characters in the article, from the layout (a Range per character)


def test_on_a_phone_no_line_starts_with_french_punctuation(phone, base_url: str) -> None:
    # with plain spaces, « ? », « ; » or « » » start a line of this page at 320, 340 or 360 px
    for width in (320, 340, 360, 390):
        phone.set_viewport_size({"width": width, "height": 900})
        phone.goto(base_url + PAGE)
        starts = phone.evaluate(LINE_STARTS)
        assert len(starts) > 10, "nothing laid out"
        assert [s for s in starts if s[0] in ";:!?»"] == [], width
    phone.add_script_tag(path=str(AXE))
    result = phone.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []


def test_a_result_reads_as_its_page_and_a_copied_query_finds_it(page, base_url: str) -> None:
    page.goto(base_url + PAGE)
    copied = page.locator("h2#pourquoi-agir").inner_text()  # « Pourquoi agir ? », its space a non-breaking one
    assert copied == "Pourquoi agir\u202f?"
    page.goto(base_url + "/recherche/")
    page.fill("#rrma-search-q", copied)
    page.keyboard.press("Enter")
    page.wait_for_selector(".rrma-hits[aria-busy=false]", state="attached")
    hit = page.locator(".rrma-hits li", has=page.locator(f'a[href$="{PAGE[1:]}"]'))
    assert hit.count() == 1
    assert hit.locator(".rrma-hit__title").inner_text() == "Répondre à un appel à projets\u00a0: pourquoi agir\u202f?"
    excerpt = hit.locator("p").nth(2).inner_text()
    assert "les «\u00a0pièces à joindre\u00a0»" in excerpt
    assert page.outside_requests == []
