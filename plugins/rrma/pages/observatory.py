"""The observatory page and each network's « En chiffres »: the figures the networks publish
(observatory/<réseau>/<année>.yml), charted at build time, and the portal's own counts.

Every figure says which year it describes and which study it comes from (a link to the
resource). Figures of different years are never added up without saying so: the national
totals show each network's latest year beside its number; a chart summing several
networks' breakdowns names each network and year in its description.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from ..core.markup import sanitize
from ..core.urls import item_url
from ..core.wording import fr_number, of
from ..kinds.base import Entry
from ..kinds.countries import countries
from ..kinds.observatory import Figures, departments, latest, network_of, territory_name
from ..kinds.site import Site
from .charts import bars, shades
from .model import PageSpec
from .views import Labels

# «\u00a0en Occitanie\u00a0», but «\u00a0dans les Hauts-de-France\u00a0», «\u00a0à La Réunion\u00a0».
IN_REGION = {"32": "dans les Hauts-de-France", "44": "dans le Grand Est", "52": "dans les Pays de la Loire", "04": "à La Réunion", "06": "à Mayotte"}


def in_region(code: str | None, labels: Labels) -> str:
    if code is None:
        return "en France"
    return IN_REGION.get(code) or f"en {labels.region(code)}"


def _source(entry: Entry[Figures], labels: Labels, site: Site) -> dict[str, Any]:
    """The study the figures come from, as a link to its resource page."""
    resource = next((r for r in site.resources if r.id == entry.data.source), None)
    title = resource.data.title if resource else entry.data.source
    return {"title": title, "url": item_url("resources", entry.data.source) if resource else None,
            "network": labels.network_link(network_of(entry))["name"], "year": entry.data.year, "external": entry.data.source_url}


def _place(entry: Entry[Figures], labels: Labels) -> str:
    """Where the figures were counted: the file's ``territory`` (« dans le Nord-Pas-de-Calais », a former
    region) when it says so, else the network's region (« dans les Hauts-de-France »), or « en France »."""
    if entry.data.territory:
        return entry.data.territory
    network = labels.networks.get(network_of(entry))
    if network is None:
        return ""
    return "en France" if network.data.scope == "national" else in_region(network.data.region, labels)


def headline(entry: Entry[Figures], labels: Labels, site: Site) -> dict[str, Any]:
    """A network's latest figures in a sentence: « 551 acteurs dans le Nord-Pas-de-Calais (2006) »."""
    f = entry.data
    network = labels.networks.get(network_of(entry))
    numbers = []
    if f.actors is not None:
        numbers.append({"value": f.actors.total, "text": fr_number(f.actors.total), "noun": "acteur" if f.actors.total == 1 else "acteurs"})
    if f.projects is not None and f.projects.total is not None:
        numbers.append({"value": f.projects.total, "text": fr_number(f.projects.total), "noun": "projet" if f.projects.total == 1 else "projets"})
    if f.projects is not None and f.projects.countries is not None:
        numbers.append({"value": f.projects.countries, "text": fr_number(f.projects.countries), "noun": "pays"})
    return {
        "network": labels.network_link(network_of(entry)), "national": network is not None and network.data.scope == "national",
        "place": _place(entry, labels), "year": f.year, "numbers": numbers, "source": _source(entry, labels, site),
        "region": network.data.region if network else None,
        "territory": territory_name(f.territory) if f.territory else None,  # « Nord-Pas-de-Calais », when not the region
    }


def _sources(entries: Iterable[Entry[Figures]], labels: Labels, site: Site) -> list[dict[str, Any]]:
    """Each study once, with the years taken from it: « Baromètre… (RESACOOP, 2019, 2022) »."""
    found: dict[tuple[Any, ...], dict[str, Any]] = {}
    for entry in entries:
        source = _source(entry, labels, site)
        key = (source["title"], source["url"], source["network"])
        if key in found:
            found[key]["year"] = f"{found[key]['year']}, {source['year']}"
        else:
            found[key] = source
    return list(found.values())


def _summed(entries: list[Entry[Figures]], pick: Any, label: Any, key: str, title: str, unit: str, labels: Labels, site: Site,
            *, keep_order: bool = False, head: str | None = None) -> dict[str, Any] | None:
    """A breakdown summed over the networks' latest figures that publish it; None when none does."""
    used = [e for e in entries if pick(e.data)]
    if not used:
        return None
    totals: dict[Any, int] = defaultdict(int)
    for entry in used:
        for code, n in pick(entry.data).items():
            totals[code] += n
    who = ", ".join(f"{labels.network_link(network_of(e))['name']} ({e.data.year})" for e in used)
    if len(used) == 1:
        description = f"Chiffres de {used[0].data.year} publiés par {labels.network_link(network_of(used[0]))['name']}."
    else:
        description = f"La somme des dernières données publiées de {len(used)} réseaux\u00a0: {who}\u202f; leurs années peuvent différer."
    return bars(key, title, [(label(code), n) for code, n in totals.items()], unit=unit, description=description,
                sources=_sources(used, labels, site), keep_order=keep_order, head=head)


def figures_charts(entries: list[Entry[Figures]], labels: Labels, site: Site, prefix: str) -> list[dict[str, Any]]:
    """The breakdowns of ``entries`` (one network's latest year, or every network's): types,
    departments, sectors, ODD. Only what a study publishes: no breakdown, no chart."""
    made = [
        _summed(entries, lambda f: f.actors.by_type if f.actors else {}, lambda c: labels.term("actor-types", c),
                f"{prefix}types", "Acteurs par type", "acteurs", labels, site),
        _summed(entries, lambda f: f.actors.by_department if f.actors else {}, lambda c: f"{departments().get(c, c)} ({c})",
                f"{prefix}departements", "Acteurs par département du siège", "acteurs", labels, site),
        _summed(entries, lambda f: f.projects.by_sector if f.projects else {}, lambda c: labels.term("sectors", c),
                f"{prefix}secteurs", "Projets par secteur d'intervention", "projets", labels, site),
        _summed(entries, lambda f: {o: n for o, n in sorted(f.odd.items())}, lambda o: f"ODD {o} – {labels.term('odd', o)}",
                f"{prefix}odd", "Par objectif de développement durable", "mentions", labels, site, keep_order=True, head="ODD"),
    ]
    return [chart for chart in made if chart is not None]


def trends(site: Site, labels: Labels, network: str | None = None) -> list[dict[str, Any]]:
    """Actors and projects year by year, for each network with figures for two years or more."""
    by_network: dict[str, list[Entry[Figures]]] = defaultdict(list)
    for entry in site.figures:
        if network is None or network_of(entry) == network:
            by_network[network_of(entry)].append(entry)
    charts = []
    for ident, entries in sorted(by_network.items()):
        entries.sort(key=lambda e: e.data.year)
        network = labels.networks.get(ident)
        short = of(labels.network_link(ident)["name"], network.data.article if network else None)
        for noun, pick in (("acteurs", lambda f: f.actors.total if f.actors else None),
                           ("projets", lambda f: f.projects.total if f.projects else None)):
            points = [(str(e.data.year), pick(e.data)) for e in entries if pick(e.data) is not None]
            if len(points) < 2:
                continue
            first, last = points[0], points[-1]
            description = f"De {first[0]} à {last[0]}\u00a0: de {fr_number(first[1])} à {fr_number(last[1])} {noun}."
            charts.append(bars(f"evolution-{ident}-{noun}", f"Évolution du nombre de {noun} {short}", points, unit=noun,
                               description=description, sources=_sources(entries, labels, site), keep_order=True))
    return charts


def country_map(totals: dict[str, int], world: dict[str, Any] | None) -> dict[str, Any] | None:
    """The world map shaded by number of projects: each country's class and the legend."""
    if not world or not totals:
        return None
    known = countries()
    scale = shades(list(totals.values()))
    shaded = []
    for code, n in totals.items():
        country = known.get(code)
        if country is None or country.numeric not in world["shapes"]:
            continue
        shaded.append({"name": country.name, "value": n, "text": fr_number(n), "path": world["shapes"][country.numeric], "shade": scale["class_of"](n)})
    numerics = {known[c].numeric for c in totals if c in known}
    background = [path for numeric, path in sorted(world["shapes"].items()) if numeric not in numerics]
    missing = [known[c].name for c in totals if c in known and known[c].numeric not in world["shapes"]]
    return {"width": world["width"], "height": world["height"], "background": background, "shaded": shaded,
            "legend": scale["legend"], "missing": missing}


def observatory_page(site: Site, labels: Labels, world: dict[str, Any] | None = None) -> PageSpec:
    newest = latest(site.figures)
    heads = [headline(e, labels, site) for e in newest.values()]
    national = [h for h in heads if h["national"]]
    regional = sorted((h for h in heads if not h["national"]), key=lambda h: labels.region(h["region"]) or "")
    regional_entries = [e for e in newest.values() if not headline(e, labels, site)["national"]]

    # Actors per region: each regional network's latest year, on the regions' tiles and as bars.
    region_rows = [(f"{labels.region(h['region'])} ({_when_where(h)})", h["numbers"][0]["value"]) for h in regional
                   if h["region"] and h["numbers"] and h["numbers"][0]["noun"].startswith("acteur")]
    regions_chart = bars("acteurs-regions", "Acteurs recensés par région", region_rows, unit="acteurs",
                         description="Le nombre d'acteurs de la dernière année publiée par le réseau de chaque région (entre parenthèses, avec le territoire "
                                     "recensé quand ce n'est pas la région d'aujourd'hui)\u00a0: "
                                     "les années diffèrent, les nombres ne s'additionnent pas.",
                         sources=_sources([e for e in regional_entries if e.data.actors], labels, site), head="Région (année)") if region_rows else None
    tiles = region_tiles(site, labels, {h["region"]: h for h in regional if h["region"]})

    # Projects per country: the world map shaded by count, and the same as a ranked list.
    country_totals: dict[str, int] = defaultdict(int)
    with_countries = [e for e in newest.values() if e.data.projects and e.data.projects.by_country]
    for entry in with_countries:
        assert entry.data.projects is not None
        for code, n in entry.data.projects.by_country.items():
            country_totals[code] += n
    countries_chart = bars("projets-pays", "Projets par pays", [(labels.term("countries", c), n) for c, n in country_totals.items()],
                           unit="projets", description="Les pays classés par nombre de projets, d'après les dernières données publiées de\u00a0: "
                           + ", ".join(f"{labels.network_link(network_of(e))['name']} ({e.data.year})" for e in with_countries) + ".",
                           sources=_sources(with_countries, labels, site), head="Pays") if country_totals else None

    portal = portal_counts(site)
    return PageSpec(
        "observatoire/", "Observatoire", "rrma/observatory.html",
        {"national": national, "regional": regional, "regions_chart": regions_chart, "tiles": tiles,
         "countries_chart": countries_chart, "world": country_map(dict(country_totals), world),
         "breakdowns": figures_charts(list(newest.values()), labels, site, "ensemble-"), "trends": trends(site, labels),
         "portal": portal, "files": len(site.figures)},
        in_nav=True,
        description="Les chiffres de la coopération et de la solidarité internationales publiés par les réseaux régionaux\u00a0: acteurs, projets, pays, secteurs.",
    )


def _when_where(head: dict[str, Any]) -> str:
    """« 2006 », or « Nord-Pas-de-Calais, 2006 » when the figures cover another territory than the region."""
    return f"{head['territory']}, {head['year']}" if head["territory"] else str(head["year"])


def region_tiles(site: Site, labels: Labels, by_region: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The regions' tile grid (rrma/pages/regionmap.py), each tile with its network's latest count of actors."""
    from .regionmap import region_map

    tiles = region_map({c: t.label for c, t in site.taxonomies["regions"].terms.items()}, {})
    for tile in (*tiles["mainland"], *tiles["overseas"]):
        head = by_region.get(tile["code"])
        actors = next((n for n in head["numbers"] if n["noun"].startswith("acteur")), None) if head else None
        tile["figure"] = f"{actors['text']} {actors['noun']} ({_when_where(head)})" if actors and head else None
        tile["href"] = head["network"]["url"] if head else None
    return tiles


def portal_counts(site: Site) -> list[dict[str, Any]]:
    """« Le portail en chiffres »: what the portal itself holds."""
    regional = sum(1 for n in site.networks if n.data.scope == "regional" and n.data.ended is None)  # the current networks
    named = {c for n in site.networks for c in n.data.partner_countries} | {c for r in site.resources for c in r.data.countries} | {c for e in site.events for c in e.data.countries}
    rows = [(regional, "réseau régional", "réseaux régionaux", "reseaux/"), (len(site.resources), "ressource", "ressources", "ressources/"),
            (len(site.events), "événement", "événements", "agenda/"), (len(named), "pays nommé", "pays nommés", "pays/"),
            (len(site.figures), "année de chiffres publiés", "années de chiffres publiés", None)]
    return [{"value": n, "text": fr_number(n), "noun": one if n == 1 else many, "url": url} for n, one, many, url in rows]


def method_html(text: str | None, iframe_hosts: Iterable[str] = ()) -> str | None:
    """A file's method notes: Markdown (paragraphs, lists, links) rendered, then only the allowlisted
    HTML kept, as every contributed body (:func:`rrma.core.markup.sanitize`): no script, no
    ``javascript:`` link reaches the page; ``rrma check`` says where such markup was written."""
    if not text or not text.strip():
        return None
    import markdown

    return sanitize(markdown.Markdown(extensions=["sane_lists"]).convert(text), iframe_hosts=iframe_hosts)


def add_network_figures(site: Site, labels: Labels, pages: list[PageSpec]) -> None:
    """Each network page gets its own figures (« En chiffres »): its latest year, its breakdowns, its trends."""
    by_url = {p.url: p for p in pages}
    newest = latest(site.figures)
    for network in site.networks:
        entry = newest.get(network.id)
        context = by_url[item_url("networks", network.id)].context
        if entry is None:
            context["figures"] = None
            continue
        context["figures"] = {
            "headline": headline(entry, labels, site),
            "charts": figures_charts([entry], labels, site, f"{network.id}-"),
            "trends": trends(site, labels, network.id),
            "method": method_html(entry.data.method, site.project.iframe_hosts),
            "years": [e.data.year for e in site.figures if network_of(e) == network.id],
        }
