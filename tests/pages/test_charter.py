"""The charter's table of networks: a known adoption date is shown, an unknown one is a dash, not
the same « date non renseignée » written in nearly every row."""

from __future__ import annotations

import re

from tests.conftest import BuiltSite


def test_unknown_adoption_dates_are_a_dash(shared_site: BuiltSite) -> None:
    html = (shared_site.site / "charte" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr><td>.*?</tr>", html.split("<tbody>", 1)[1].split("</tbody>", 1)[0], re.S)
    assert len(rows) > 5
    assert "date non renseignée" not in html
    known = [r for r in rows if "Karib Horizon" in r]
    assert known and "6 octobre 2018" in known[0]  # networks/karib-horizon.yml: charter_signed: 2018-10-06
    dashes = [r for r in rows if '<span aria-hidden="true">—</span><span class="rrma-visually-hidden">date non connue</span>' in r]
    assert len(dashes) == len(rows) - 1
