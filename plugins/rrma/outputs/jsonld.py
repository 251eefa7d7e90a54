"""schema.org JSON-LD for network, event and resource pages."""

from __future__ import annotations

import json
from typing import Any

from ..core.urls import item_url

CONTEXT = "https://schema.org"
# Resource types that teach how to do something; the others are CreativeWork.
LEARNING_TYPES = {"guide-methodologique", "fiche-pratique", "outil-pedagogique-ecsi", "support-de-formation"}
ATTENDANCE = {
    "sur-place": "https://schema.org/OfflineEventAttendanceMode",
    "en-ligne": "https://schema.org/OnlineEventAttendanceMode",
    "hybride": "https://schema.org/MixedEventAttendanceMode",
}


def _prune(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v not in (None, [], "", {})}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def dumps(data: dict[str, Any]) -> str:
    """JSON safe to put inside ``<script>``: no ``</script>`` can close it early.
    Empty properties are left out (schema.org reads absence as unknown)."""
    text = json.dumps(_prune(data), ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def address(city: str | None, region: str | None, street: str | None = None, country: str | None = None) -> dict[str, Any] | None:
    """A postal address: in France when it has a region (the regions are French); abroad, in ``country``
    (an ISO 3166-1 code) when it is known, else without a country rather than a wrong one."""
    if not city and not region:
        return None
    postal = {"@type": "PostalAddress", "addressLocality": city, "addressRegion": region, "addressCountry": "FR" if region else country}
    return {"@type": "PostalAddress", "streetAddress": street, **postal} if street else postal


def clean(data: dict[str, Any] | None) -> dict[str, Any] | None:
    return {k: v for k, v in data.items() if v not in (None, [], "")} if data else None


def places(country_codes: list[str], zones: list[str], labels: Any) -> list[dict[str, Any]]:
    """The countries (by name and ISO 3166-1 code) and zones an item is about, as schema.org places."""
    return ([{"@type": "Country", "name": labels.term("countries", c), "identifier": c} for c in country_codes]
            + [{"@type": "Place", "name": labels.term("zones", z)} for z in zones])


def breadcrumb_list(trail: list[dict[str, str]], absolute: Any) -> dict[str, Any]:
    """A page's breadcrumbs as schema.org ``BreadcrumbList`` (the page itself last, without a link)."""
    return {
        "@context": CONTEXT, "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": i, "name": step["title"], "item": absolute(step["url"])}
                            for i, step in enumerate(trail, start=1)],
    }


def organisations(items: list[Any], labels: Any, output: Any) -> list[dict[str, Any]]:
    """Organisers, partners or funders as schema.org ``Organization``: a network of the portal with
    its page, another structure with its site when the file gives one."""
    result = []
    for item in items:
        network = getattr(item, "network", None)
        if network:
            name = labels.networks[network].data.name if network in labels.networks else network
            result.append({"@type": "Organization", "name": name, "url": output.absolute(item_url("networks", network))})
        else:
            result.append(clean({"@type": "Organization", "name": item.name, "url": item.url}))
    return result
