"""The observatory page and each network's own figures."""

from __future__ import annotations

from ..core.urls import item_url
from ..kinds.site import Site
from ..outputs import opendata
from .charts import bar_chart, count
from .dates import month
from .model import PageSpec
from .views import Labels, of


def observatory_page(site: Site, labels: Labels) -> PageSpec:
    resources = [r.data for r in site.resources]
    events = [e.data for e in site.events]
    regional = [n.data for n in site.networks if n.data.scope == "regional" and n.data.ended is None]  # the current networks
    years = sorted({r.published[:4] for r in resources if r.published})
    months = sorted({e.starts_at().strftime("%Y-%m") for e in events})
    groups = [
        ("Ressources", [
            bar_chart("ressources-thematiques", "Ressources par thématique", count(labels.term("themes", t) for r in resources for t in r.themes), unit="mentions"),
            bar_chart("ressources-odd", "Ressources par objectif de développement durable",
                      [(f"ODD {o} – {labels.term('odd', o)}", sum(1 for r in resources if o in r.odd)) for o in sorted({o for r in resources for o in r.odd})],
                      unit="mentions", keep_order=True),
            bar_chart("ressources-types", "Ressources par type", count(labels.term("resource-types", r.type) for r in resources), unit="ressources"),
            bar_chart("ressources-annees", "Ressources par année de publication", [(y, sum(1 for r in resources if (r.published or "")[:4] == y)) for y in years],
                      unit="ressources datées", keep_order=True),
        ]),
        ("Événements", [
            bar_chart("evenements-regions", "Événements par région", count(labels.term("regions", e.region) for e in events if e.region), unit="événements situés"),
            bar_chart("evenements-mois", "Événements par mois", [(month(m), sum(1 for e in events if e.starts_at().strftime("%Y-%m") == m)) for m in months],
                      unit="événements", keep_order=True),
            bar_chart("evenements-types", "Événements par type", count(labels.term("event-kinds", e.kind) for e in events), unit="événements"),
            bar_chart("evenements-campagnes", "Événements par campagne", count(labels.term("campaigns", e.campaign) for e in events if e.campaign), unit="événements"),
        ]),
        ("Réseaux", [
            bar_chart("reseaux-regions", "Réseaux par région", count(labels.term("regions", n.region) for n in regional if n.region), unit="réseaux"),
            bar_chart("reseaux-missions", "Réseaux par mission déclarée", count(labels.term("missions", m) for n in regional for m in n.missions), unit="mentions"),
        ]),
    ]
    tables = [
        {"name": table, "title": title, "description": description, "columns": [{"name": c.name, "description": c.description} for c in columns()] + [{"name": "url", "description": "Page du portail"}]}
        for table, (title, description, columns, _, _) in opendata.TABLES.items()
    ]
    return PageSpec(
        "observatoire/", "Observatoire", "rrma/observatory.html",
        {"groups": [{"title": t, "charts": c} for t, c in groups], "tables": tables, "licence": opendata.LICENCE,
         "counts": {"resources": len(resources), "events": len(events), "networks": len(regional)}},
        in_nav=True,
        description="Les chiffres du portail : ressources, événements et réseaux par thématique, ODD, région et année, et les données ouvertes.",
    )


def add_network_figures(site: Site, labels: Labels, pages: list[PageSpec]) -> None:
    """Each network page gets its own figures: its resources and events by theme and by year."""
    by_url = {p.url: p for p in pages}
    for network in site.networks:
        resources = [r.data for r in site.resources if network.id in r.data.networks]
        events = [e.data for e in site.events if network.id in e.data.networks]
        themes = count([labels.term("themes", t) for r in resources for t in r.themes] + [labels.term("themes", t) for e in events for t in e.themes])
        years = sorted({(r.published or "")[:4] for r in resources if r.published} | {str(e.starts_at().year) for e in events})
        by_year = [(y, sum(1 for r in resources if (r.published or "")[:4] == y) + sum(1 for e in events if str(e.starts_at().year) == y)) for y in years]
        short = network.data.acronym or network.data.name
        by_url[item_url("networks", network.id)].context["figures"] = [
            bar_chart(f"{network.id}-thematiques", f"Ressources et événements {of(short)} par thématique", themes, unit="mentions"),
            bar_chart(f"{network.id}-annees", f"Ressources et événements {of(short)} par année", by_year, unit="éléments datés", keep_order=True),
        ]


