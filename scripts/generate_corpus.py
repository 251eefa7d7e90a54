"""Generate a synthetic portal for benchmarks and tests: seeded, so every run is identical.

    python scripts/generate_corpus.py OUT --resources 1000 [--events N] [--networks 20] [--seed 1]

Writes networks/, events/, resources/ (with a few attachments) and copies the
repository's taxonomies/, content/, overrides/ and mkdocs.yml, so OUT is a
portal that `rrma check` accepts and `mkdocs build` builds. The text is
French, assembled from the vocabulary of the networks' work; it is synthetic
and belongs to benchmarks only, never to the published site.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

SUBJECTS = ["les porteurs de projets", "les collectivités territoriales", "les associations de solidarité internationale", "les jeunes engagés",
            "les établissements scolaires", "les organisations issues des migrations", "les partenaires du Sud", "les élus locaux", "les bénévoles"]
VERBS = ["accompagner", "former", "évaluer", "financer", "mobiliser", "capitaliser", "sensibiliser", "coordonner", "observer", "animer"]
OBJECTS = ["un projet de coopération décentralisée", "l'éducation à la citoyenneté mondiale", "l'accès à l'eau et à l'assainissement",
           "la gestion budgétaire d'un micro-projet", "le suivi-évaluation des actions", "l'égalité entre les femmes et les hommes",
           "la transition agricole et alimentaire", "les objectifs de développement durable", "un appel à projets régional",
           "les partenariats entre territoires", "la santé communautaire", "l'énergie solaire dans les villages"]
PLACES = ["en Bretagne", "au Sénégal", "à Madagascar", "au Burkina Faso", "en Haïti", "au Maroc", "en Normandie", "au Cameroun", "en Occitanie", "au Bénin"]
CITIES = ["Lyon", "Rennes", "Orléans", "Caen", "Lille", "Toulouse", "Marseille", "Nantes", "Bordeaux", "Strasbourg", "Besançon", "Pointe-à-Pitre"]
TITLE_HEADS = ["Guide", "Fiche pratique", "Étude", "Boîte à outils", "Repères", "Retour d'expérience", "Kit pédagogique", "Support de formation"]


def sentence(rng: random.Random) -> str:
    text = f"{rng.choice(['Comment', 'Pourquoi', 'Avec qui'])} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)} ?"
    if rng.random() < 0.6:
        text = f"{rng.choice(SUBJECTS).capitalize()} peuvent {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES)}."
    return text


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def terms(path: Path) -> list:
    return [t["id"] for t in yaml.safe_load(path.read_text(encoding="utf-8"))]


def generate(out: Path, *, resources: int, events: int, networks: int, seed: int) -> None:
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    for name in ("taxonomies", "content", "overrides"):
        shutil.copytree(REPO / name, out / name)
    shutil.copy(REPO / "mkdocs.yml", out / "mkdocs.yml")
    if (REPO / "node_modules").exists():
        (out / "node_modules").symlink_to(REPO / "node_modules")
    tax = {name: terms(REPO / "taxonomies" / f"{name}.yml") for name in
           ("regions", "themes", "missions", "resource-types", "event-kinds", "audiences", "campaigns", "licences")}
    regions = [r for r in tax["regions"]]
    (out / "networks" / "logos").mkdir(parents=True)
    (out / "resources" / "files").mkdir(parents=True)
    (out / "events").mkdir()
    png = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000")
    ids = []
    for n in range(networks):
        nid = f"reseau-{n:02d}"
        ids.append(nid)
        (out / "networks" / "logos" / f"{nid}.png").write_bytes(png)
        data = {
            "name": f"Réseau régional de test {n:02d}", "acronym": f"RRT{n:02d}", "region": regions[n % len(regions)],
            "website": f"https://reseau-{n:02d}.example.org", "email": f"contact@reseau-{n:02d}.example.org", "city": rng.choice(CITIES),
            "other_cities": [rng.choice(CITIES)], "coordinates": {"lat": round(rng.uniform(43, 50), 3), "lon": round(rng.uniform(-4, 7), 3)},
            "legal_form": "Association loi 1901", "founded": rng.randint(1994, 2018), "charter_signed": f"{rng.randint(2016, 2022)}-0{rng.randint(1, 9)}",
            "description": paragraph(rng, 4), "themes": rng.sample(tax["themes"], 3), "missions": rng.sample(tax["missions"], 2),
            "logo": {"file": f"logos/{nid}.png", "alt": f"Logo du réseau {n:02d}"}, "social": {"linkedin": f"https://www.linkedin.example.org/rrt{n:02d}"},
        }
        (out / "networks" / f"{nid}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / "resources" / "files" / "exemple.pdf").write_bytes(b"%PDF-1.4\n% synthetic\n")
    for r in range(resources):
        year = rng.randint(2010, 2026)
        data = {
            "title": f"{rng.choice(TITLE_HEADS)} : {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({r})",
            "summary": paragraph(rng, 2)[:290], "type": rng.choice(tax["resource-types"]), "networks": rng.sample(ids, rng.randint(1, 2)),
            "themes": rng.sample(tax["themes"], rng.randint(1, 3)), "odd": sorted(rng.sample(range(1, 18), rng.randint(1, 3))),
            "audiences": rng.sample(tax["audiences"], rng.randint(1, 2)), "languages": ["fr"], "published": f"{year}-{rng.randint(1, 12):02d}",
            "authors": [f"Équipe du réseau {rng.randint(0, networks - 1):02d}"], "licence": rng.choice(tax["licences"]),
            "attachments": [{"file": "files/exemple.pdf", "title": "Le document"}] if r % 50 == 0 else [{"url": f"https://documents.example.org/{r}.pdf", "title": "Le document (PDF)"}],
            "source_url": f"https://reseau.example.org/ressources/{r}", "draft": r % 500 == 499,
        }
        body = "\n\n".join(paragraph(rng, rng.randint(4, 8)) for _ in range(rng.randint(2, 5)))
        (out / "resources" / f"ressource-{r:05d}.md").write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body + "\n", encoding="utf-8")
    for e in range(events):
        day = rng.randint(1, 28)
        month = rng.randint(1, 12)
        year = rng.choice([2025, 2026, 2027])
        timed = rng.random() < 0.6
        mode = rng.choice(["sur-place", "en-ligne", "hybride"])
        data = {
            "title": f"{rng.choice(['Rencontre', 'Formation', 'Webinaire', 'Journée'])} : {rng.choice(VERBS)} {rng.choice(OBJECTS)} ({e})",
            "summary": sentence(rng), "start": f"{year}-{month:02d}-{day:02d}" + (" 09:30" if timed else ""),
            "end": f"{year}-{month:02d}-{day:02d}" + (" 17:00" if timed else ""), "networks": rng.sample(ids, rng.randint(1, 2)),
            "kind": rng.choice(tax["event-kinds"]), "mode": mode, "themes": rng.sample(tax["themes"], 2), "odd": [rng.randint(1, 17)],
            "audiences": [rng.choice(tax["audiences"])], "source_url": f"https://reseau.example.org/agenda/{e}",
            "registration_url": f"https://inscription.example.org/{e}",
        }
        if mode != "en-ligne":
            data.update(venue="Maison des associations", city=rng.choice(CITIES), region=rng.choice(regions))
        if mode != "sur-place":
            data["online_url"] = f"https://visio.example.org/{e}"
        if rng.random() < 0.2:
            data["campaign"] = rng.choice(tax["campaigns"])
        (out / "events" / f"evenement-{e:05d}.md").write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + paragraph(rng, 5) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--resources", type=int, default=1000)
    parser.add_argument("--events", type=int)
    parser.add_argument("--networks", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if not 0 < args.resources <= 20_000:
        parser.error("--resources doit être entre 1 et 20000")
    generate(args.out, resources=args.resources, events=args.events if args.events is not None else max(20, args.resources // 10),
             networks=args.networks, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
