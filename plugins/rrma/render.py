"""Everything the plugin renders, with the theme's Jinja environment and templates.

Sites override any of these templates through ``custom_dir``; values such as
``base_url`` are template variables, never patched into rendered text.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from .core.wording import fr_number
from .frames import Cards, Frames

FACET_MENU = "rrma/partials/facet-menu.html"
ADMIN_PAGE = "rrma/admin.html"


class Renderer:
    """Generated pages (through :class:`rrma.frames.Frames`), cards, the library's facet menu, the editor's page."""

    def __init__(self, env: Environment, *, reference: bool = False) -> None:
        self.env = env
        self.frames = Frames(env, enabled=not reference)
        env.globals["rrma_cards"] = Cards(env)
        env.filters["fr_number"] = fr_number
        self._menus: dict[tuple[int, str, str | None], dict[str, Markup]] = {}

    def page(self, template: str, context: dict[str, Any]) -> str:
        return self.frames.render(template, context)

    def facet_menu(self, facets: list[dict[str, Any]], base_url: str, chosen: str | None) -> dict[str, Markup]:
        """The library's facet menu: the same on every library page of one depth, but for the facet a page opens."""
        key = (id(facets), base_url, chosen)
        if key not in self._menus:
            module = self.env.get_template(FACET_MENU).make_module({"facets": facets, "base_url": base_url, "chosen": chosen})
            self._menus[key] = {"selects": Markup(str(module.selects())), "details": Markup(str(module.details()))}
        return self._menus[key]

    def admin_page(self, site_name: str) -> str:
        return self.env.get_template(ADMIN_PAGE).render(site_name=site_name)


