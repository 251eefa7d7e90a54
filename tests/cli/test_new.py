"""``rrma new``: scaffolding that passes the checks and never overwrites."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from rrma.cli import main
from rrma.kinds.site import load_site
from rrma.project import Project

from tests.conftest import run_rrma


def _ok(root: Path) -> None:
    result = run_rrma("check", root)
    assert result.returncode == 0, result.stdout


def test_resource_with_flags_and_an_attachment(content: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "Guide Suivi Évaluation.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run_rrma("new", "resource", "--root", content, "--title", "Guide du suivi-évaluation", "--network", "centraider,resacoop",
                      "--type", "guide-methodologique", "--summary", "Les étapes du suivi-évaluation.", "--odd", "4", "--file", pdf)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "resources/guide-du-suivi-evaluation.md"
    text = (content / "resources" / "guide-du-suivi-evaluation.md").read_text(encoding="utf-8")
    assert "title: Guide du suivi-évaluation\n" in text and "  - resacoop\n" in text
    assert "# licence: …" in text and "(facultatif)" in text  # optional fields offered, commented, in French
    assert (content / "resources" / "files" / "guide-suivi-evaluation.pdf").read_bytes() == b"%PDF-1.4\n"
    _ok(content)
    site, _ = load_site(Project(content))
    new = next(r for r in site.resources if r.id == "guide-du-suivi-evaluation").data
    assert new.networks == ["centraider", "resacoop"] and new.odd == [4] and new.attachments[0].file == "files/guide-suivi-evaluation.pdf"


def test_values_that_need_quotes_are_read_back_unchanged(content: Path) -> None:
    title = "No: 12:30 # pas un commentaire"
    result = run_rrma("new", "resource", "--root", content, "--title", title, "--network", "centraider", "--type", "fiche-pratique",
                      "--summary", "yes", "--source-url", "https://example.org/a", "--slug", "fiche-piege")
    assert result.returncode == 0, result.stderr
    site, problems = load_site(Project(content))
    assert problems == []
    new = next(r for r in site.resources if r.id == "fiche-piege").data
    assert (new.title, new.summary) == (title, "yes")


def test_event_and_network(content: Path) -> None:
    assert run_rrma("new", "event", "--root", content, "--title", "Webinaire ODD", "--start", "2026-12-03 14:00", "--end", "2026-12-03 15:30",
                    "--network", "resacoop", "--kind", "webinaire", "--mode", "en-ligne", "--online-url", "https://example.org/visio").returncode == 0
    assert run_rrma("new", "network", "--root", content, "--name", "Réseau de test", "--acronym", "RT", "--region", "11",
                    "--description", "Un réseau de test.").returncode == 0
    assert (content / "networks" / "rt.yml").read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../schemas/network.schema.json\n")
    _ok(content)


def test_never_overwrites(content: Path) -> None:
    before = (content / "resources" / "monter-un-projet.md").read_text(encoding="utf-8")
    result = run_rrma("new", "resource", "--root", content, "--title", "Monter un projet", "--network", "centraider",
                      "--type", "fiche-pratique", "--summary", "S.", "--source-url", "https://example.org")
    assert result.returncode == 2 and "existe déjà" in result.stderr
    assert (content / "resources" / "monter-un-projet.md").read_text(encoding="utf-8") == before


def test_invalid_values_write_nothing(content: Path, tmp_path: Path) -> None:
    note = tmp_path / "notes.md"
    note.write_text("x", encoding="utf-8")
    result = run_rrma("new", "resource", "--root", content, "--title", "Fiche", "--network", "resacop", "--type", "fiche-pratique",
                      "--summary", "S.", "--file", note)
    assert result.returncode == 2
    assert "vouliez-vous dire « resacoop » ?" in result.stderr and "rien n'a été écrit" in result.stderr
    assert not (content / "resources" / "fiche.md").exists() and not (content / "resources" / "files" / "notes.md").exists()


def test_missing_required_value_without_a_terminal(content: Path) -> None:
    result = run_rrma("new", "event", "--root", content, "--title", "Sans date")
    assert result.returncode == 2 and "il manque --start" in result.stderr


def test_interactive_questions_offer_the_taxonomies(content: Path) -> None:
    runner = CliRunner()
    answers = "\n".join(["Fiche budget", "Construire un budget prévisionnel.", "3", "2,13", "", "", "", "", "", "", "", "https://example.org/budget"]) + "\n"
    result = runner.invoke(main, ["new", "resource", "--root", str(content), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Type de ressource" in result.output and "Fiche pratique (fiche-pratique)" in result.output
    for question in ("Thématiques", "Publics visés", "Date de publication", "Auteurs"):  # what the library's filters need
        assert question in result.output, question
    assert "voir taxonomies/" not in result.output and "sans `.yml`" not in result.output  # questions in an editor's words
    site, problems = load_site(Project(content))
    assert problems == []
    new = next(r for r in site.resources if r.id == "fiche-budget").data
    types = list(site.taxonomies["resource-types"].terms)
    networks = sorted(n.id for n in site.networks)
    assert new.type == types[2] and new.networks == [networks[1], networks[12]]


def test_an_unrecognized_answer_gets_the_closest_choice_and_its_number(content: Path) -> None:
    runner = CliRunner()
    answers = "\n".join(["Fiche budget", "Construire un budget prévisionnel.", "fiche pratique", "3", "2,13", "", "", "", "", "", "", "", "https://example.org/budget"]) + "\n"
    result = runner.invoke(main, ["new", "resource", "--root", str(content), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    types = list(load_site(Project(content))[0].taxonomies["resource-types"].terms)
    number = types.index("fiche-pratique") + 1
    assert (f"Réponse non reconnue : tapez le numéro de la liste (1 à {len(types)}) ; « fiche pratique » : "
            f"vouliez-vous dire « fiche-pratique », numéro {number} ?") in result.output


def test_new_user_flow_scaffold_then_build_shows_the_guide(tmp_path: Path) -> None:
    """From a copy of the repository: `rrma new resource` with flags, then a strict build publishes the page."""
    from tests.conftest import build_site, copy_content

    root = copy_content(tmp_path, site=True)
    created = run_rrma("new", "resource", "--root", root, "--title", "Guide de l'appel à projets", "--network", "centraider",
                       "--type", "guide-methodologique", "--summary", "Répondre à un appel à projets, étape par étape.",
                       "--source-url", "https://example.org/guide")
    assert created.returncode == 0, created.stderr
    build_site(root)  # strict: raises at a warning or a content error
    page = root / "site" / "ressources" / "guide-de-l-appel-a-projets" / "index.html"
    assert "Guide de l&#39;appel à projets" in page.read_text(encoding="utf-8")
    assert "guide-de-l-appel-a-projets" in (root / "site" / "ressources" / "type" / "guide-methodologique" / "index.html").read_text(encoding="utf-8")


def test_problems_are_told_in_terms_of_the_command_s_options(content: Path) -> None:
    """The file was never written: no « events/x.md:3:1 », no « city: », but the option to add."""
    result = run_rrma("new", "event", "--root", content, "--title", "Journée test", "--start", "2026-12-01", "--network", "centraider",
                      "--kind", "rencontre", "--no-interactive")
    assert result.returncode == 2
    assert result.stderr.startswith("--mode : événement « sur-place » sans lieu, attendu au moins `--city` ou `--region`\n")
    assert "ajoutez la ville (`--city`)" in result.stderr and ".md:" not in result.stderr and "`city" not in result.stderr
    assert not (content / "events" / "journee-test.md").exists()


def _drive(argv: list[str], script: list[tuple[str, str]], timeout: float = 60) -> str:
    """Run ``rrma`` in a pseudo-terminal, as an editor would: wait for each prompt, then type the answer."""
    import os
    import pty
    import select
    import sys
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: rrma, its standard input a terminal
        os.execv(sys.executable, [sys.executable, "-c", "from rrma.cli import main; main()", *argv])
    seen = ""
    deadline = time.monotonic() + timeout

    def read_until(text: str) -> None:
        nonlocal seen
        while text not in seen:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"never saw {text!r} in:\n{seen}"
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(fd, 4096).decode("utf-8", "replace")
                except OSError:
                    chunk = ""
                assert chunk, f"the command ended before {text!r}:\n{seen}"
                seen += chunk.replace("\r\n", "\n")

    try:
        for prompt, answer in script:
            read_until(prompt)
            seen_upto = len(seen)
            os.write(fd, (answer + "\n").encode("utf-8"))
            read_until(answer[:10] if answer else "\n")  # the terminal's echo
            assert len(seen) >= seen_upto
        while True:  # the rest, to the end
            ready, _, _ = select.select([fd], [], [], max(0.1, deadline - time.monotonic()))
            if not ready:
                break
            try:
                chunk = os.read(fd, 4096).decode("utf-8", "replace")
            except OSError:
                break
            if not chunk:
                break
            seen += chunk.replace("\r\n", "\n")
    except BaseException:  # a prompt never seen: the command waits for an answer that will not come
        os.kill(pid, 9)
        raise
    finally:
        for _ in range(100):  # the command has had every answer: it ends, or it asks something the script did not expect
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError(f"the command still waits for an answer after the script:\n{seen}")
    assert os.waitstatus_to_exitcode(status) == 0, seen
    return seen


def test_a_guided_event_in_a_terminal(content: Path) -> None:
    """The format first, then only what applies; French dates understood and confirmed; a wrong answer
    asked again without losing the others; themes and audiences with « aucun »."""
    site = load_site(Project(content))[0]
    kinds = list(site.taxonomies["event-kinds"].terms)
    ids = sorted(n.id for n in site.networks)
    out = _drive(["new", "event", "--root", str(content)], [
        ("Titre de l'événement", "Webinaire des porteurs de projets"),
        ("Numéro", "2"),                                   # en ligne: no venue nor city asked
        ("Adresse pour suivre", "pas une adresse"),
        ("tapez une nouvelle valeur", "https://visio.example.org/webinaire"),
        ("Début", "17/11/2023 10h30"),
        ("[O/n]", ""),
        ("Fin", ""),
        ("Numéros séparés par des virgules", str(ids.index("centraider") + 1)),
        ("Numéros ou noms complets, séparés par « ; »", "0"),  # organisers, partners, funders: none
        ("Structures partenaires", ""),
        ("Structures qui financent", ""),
        ("Numéro", str(kinds.index("webinaire") + 1)),
        ("Numéros séparés par des virgules", "aucun"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros, noms ou codes séparés par des virgules", "aucun"),
        ("le montant en euros", "15 €"),                  # the amount alone is asked for again
        ("tapez une nouvelle valeur", "15"),
        ("Date limite d'inscription", "10/11/2023"),
        ("Vouliez-vous dire 2023-11-10", ""),
    ])
    assert "« 15 € » : le montant s'écrit seul, en euros, attendu 15" in out
    assert "Vouliez-vous dire 2023-11-17 10:30 ? [O/n]" in out
    assert "Ville" not in out and "Lieu (salle" not in out  # not asked for an online event
    assert "sessions:" in out and "places:" not in out  # the last message: how to add sessions, not places
    assert "0. aucun" in out and "events/webinaire-des-porteurs-de-projets.md" in out
    site, problems = load_site(Project(content))
    assert problems == []
    event = next(e for e in site.events if e.id == "webinaire-des-porteurs-de-projets").data
    assert (event.mode, event.online_url, event.networks, event.kind) == ("en-ligne", "https://visio.example.org/webinaire", ["centraider"], "webinaire")
    assert event.start.isoformat().startswith("2023-11-17T10:30")
    assert (event.cost, event.registration_deadline.isoformat()) == (15, "2023-11-10")


def test_countries_by_code_or_french_name_and_a_misspelt_one_gets_its_code(content: Path) -> None:
    result = run_rrma("new", "event", "--root", content, "--title", "Rencontre Sénégal", "--start", "2026-12-01", "--network", "centraider",
                      "--kind", "rencontre", "--city", "Orléans", "--country", "Sénégal", "--country", "ht", "--zone", "afrique-de-l-ouest",
                      "--no-interactive")
    assert result.returncode == 0, result.stderr
    _ok(content)
    site, _ = load_site(Project(content))
    event = next(e for e in site.events if e.id == "rencontre-senegal").data
    assert event.countries == ["SN", "HT"] and event.zones == ["afrique-de-l-ouest"]
    result = run_rrma("new", "network", "--root", content, "--name", "Réseau test", "--region", "24", "--description", "Un réseau.",
                      "--partner-country", "Senegl", "--no-interactive")
    assert result.returncode == 2
    assert result.stderr.startswith("--partner-country : « Senegl » n'est pas un code de pays ; vouliez-vous dire « SN » (Sénégal) ?")
    assert not (content / "networks" / "reseau-test.yml").exists()


def test_countries_asked_in_a_terminal_by_number_name_or_code(content: Path) -> None:
    """The countries the site names most, numbered; any other by its French name or ISO code; a near miss offered
    and confirmed; an unknown name asked again, the other answers kept."""
    from rrma.cli.new import _used_countries

    shortcuts = _used_countries(load_site(Project(content))[0])
    assert shortcuts, "the repository's content names countries"
    types = list(load_site(Project(content))[0].taxonomies["resource-types"].terms)
    ids = sorted(n.id for n in load_site(Project(content))[0].networks)
    out = _drive(["new", "resource", "--root", str(content)], [
        ("Titre de la ressource", "Guide des partenariats au Sahel"),
        ("Résumé", "Monter un partenariat durable."),
        ("Numéro", str(types.index("guide-methodologique") + 1)),
        ("Numéros séparés par des virgules", str(ids.index("centraider") + 1)),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros, noms ou codes séparés par des virgules", "1, Atlantide"),
        ("tapez de nouveau la liste des pays", "1, Senegall, ht, Burkina Faso"),
        ("vouliez-vous dire « Sénégal » (SN) ?", ""),
        ("Date de publication", ""),
        ("Auteurs", ""),
        ("Structures partenaires de la ressource", ""),
        ("Structures qui ont financé la ressource", ""),
        ("Page où la ressource", "https://www.centraider.org/"),
    ])
    assert "   0. aucun" in out and "ou le nom d'un autre pays, en français, ou son code ISO à deux lettres (Haïti, HT)" in out
    assert "« Senegall » : vouliez-vous dire « Sénégal » (SN) ? [O/n]" in out  # in French, as the dates: not click's [Y/n]
    assert "« Atlantide » : pays inconnu ; tapez son nom en français ou son code ISO à deux lettres (SN pour le Sénégal)." in out
    expected = list(dict.fromkeys([shortcuts[0], "SN", "HT", "BF"]))
    site, problems = load_site(Project(content))
    assert problems == []
    resource = next(r for r in site.resources if r.id == "guide-des-partenariats-au-sahel").data
    assert resource.countries == expected
    assert "Compris : " in out and "Sénégal (SN), Haïti (HT), Burkina Faso (BF)." in out


def test_the_form_offers_countries_by_their_french_name(content: Path) -> None:
    from rrma.outputs.cms import cms_config

    site, _ = load_site(Project(content))
    config = cms_config(Project(content), site.taxonomies, repo="o/r")
    fields = {f["name"]: f for c in config["collections"] if c["name"] == "resources" for f in c["fields"]}
    assert {"label": "Sénégal", "value": "SN"} in fields["countries"]["options"] and fields["countries"]["multiple"] is True
    assert fields["zones"]["options"][0] == {"label": "Afrique de l'Ouest", "value": "afrique-de-l-ouest"}


def test_a_call_with_flags_and_its_guidelines(content: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "Règlement 2031.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    result = run_rrma("new", "call", "--root", content, "--title", "Appel pour les jeunes", "--summary", "Pour les projets des jeunes.",
                      "--funder", "Région Bretagne", "--funder", "Agence française de développement (AFD)", "--network", "reseau-bretagne-solidaire",
                      "--region", "53", "--amount-min", "1500", "--amount-max", "15000", "--opens", "2031-01-05", "--closes", "2031-03-31 12:00",
                      "--file", pdf)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "calls/appel-pour-les-jeunes.md" and result.stderr == ""
    text = (content / "calls" / "appel-pour-les-jeunes.md").read_text(encoding="utf-8")
    assert "funders:\n  - name: Région Bretagne\n  - name: Agence française de développement (AFD)\n" in text
    assert "amount_max: 15000\n" in text and "closes: 2031-03-31 12:00\n" in text and "# timezone: America/Guadeloupe" in text
    assert (content / "calls" / "files" / "reglement-2031.pdf").is_file()
    _ok(content)


def test_a_call_already_closed_is_written_with_a_notice(content: Path) -> None:
    result = run_rrma("new", "call", "--root", content, "--title", "Appel de 2021", "--summary", "Un appel clos.", "--funder", "Région Guadeloupe",
                      "--network", "karib-horizon", "--opens", "2021-03-18", "--closes", "2021-06-29", "--timezone", "America/Guadeloupe")
    assert result.returncode == 0
    assert result.stderr.startswith("remarque : l'appel est déjà clôturé (2021-06-29) : il sera publié comme clôturé")
    assert (content / "calls" / "appel-de-2021.md").is_file()


def test_a_guided_call_in_a_terminal(content: Path) -> None:
    """Title, summary, funders (separated by « ; »), networks from a numbered list, a date written the French way."""
    site, _ = load_site(Project(content))
    number = [n.id for n in site.networks].index("centraider") + 1
    answers = "\n".join(["Appel guidé", "Un résumé.", "Région Centre-Val de Loire ; Agence française de développement (AFD)", str(number),
                         "", "", "", "", "", "", "05/01/2031", "", "31/03/2031 12h", "", "", "", ""]) + "\n"
    result = CliRunner().invoke(main, ["new", "call", "--root", str(content), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    text = (content / "calls" / "appel-guide.md").read_text(encoding="utf-8")
    assert "  - name: Agence française de développement (AFD)\n" in text and "  - centraider\n" in text
    assert "opens: 2031-01-05\n" in text and "closes: 2031-03-31 12:00\n" in text


def test_a_date_flag_typed_the_french_way_is_offered_corrected_in_a_terminal(content: Path) -> None:
    out = _drive(["new", "event", "--root", str(content), "--title", "Rencontre de novembre", "--start", "17/11/2023", "--network", "centraider",
                  "--kind", "rencontre", "--city", "Orléans", "--mode", "sur-place"], [
        ("--start « 17/11/2023 » : vouliez-vous dire 2023-11-17 ? [O/n]", "o"),
        ("Lieu", ""),
        ("Fin", ""),
        ("Numéros ou noms complets, séparés par « ; »", ""),
        ("Structures partenaires", ""),
        ("Structures qui financent", ""),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros, noms ou codes séparés par des virgules", "0"),
        ("le montant en euros", ""),
        ("Date limite d'inscription", ""),
    ])
    assert "events/rencontre-de-novembre.md" in out
    event = next(e for e in load_site(Project(content))[0].events if e.id == "rencontre-de-novembre").data
    assert event.start.isoformat() == "2023-11-17"


def test_a_date_typed_the_french_way_without_a_terminal_gets_the_exact_value_to_write(content: Path) -> None:
    result = run_rrma("new", "resource", "--root", content, "--title", "Guide de novembre", "--network", "centraider", "--type", "fiche-pratique",
                      "--summary", "S.", "--source-url", "https://example.org", "--published", "novembre 2023")
    assert result.returncode == 2 and not (content / "resources" / "guide-de-novembre.md").exists()
    assert "--published : « novembre 2023 » est écrit à la française, attendu 2023-11" in result.stderr
    assert "conseil : remplacez la valeur par `2023-11`" in result.stderr


def test_a_question_answered_the_french_way_is_offered_corrected_and_no_asks_again(content: Path) -> None:
    out = _drive(["new", "resource", "--root", str(content), "--title", "Guide des partenariats", "--network", "centraider", "--type", "fiche-pratique",
                  "--summary", "S.", "--source-url", "https://example.org"], [
        ("Numéros séparés par des virgules", "0"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros, noms ou codes séparés par des virgules", "0"),
        ("Date de publication", "novembre 2023"),
        ("Vouliez-vous dire 2023-11 ? [O/n]", "n"),
        ("Date de publication", "1er décembre 2023"),
        ("Vouliez-vous dire 2023-12-01 ? [O/n]", "oui"),
        ("Auteurs", ""),
        ("Structures partenaires de la ressource", ""),
        ("Structures qui ont financé la ressource", ""),
    ])
    assert "resources/guide-des-partenariats.md" in out
    resource = next(r for r in load_site(Project(content))[0].resources if r.id == "guide-des-partenariats").data
    assert resource.published == "2023-12-01"


def test_organisers_partners_funders_languages_and_a_data_period_as_flags(content: Path) -> None:
    result = run_rrma("new", "event", "--root", content, "--no-interactive", "--title", "Webinaire des CRESS", "--start", "2026-03-22 10:00",
                      "--network", "so-cooperation", "--kind", "webinaire", "--mode", "en-ligne", "--online-url", "https://example.org/w",
                      "--organizer", "so-cooperation", "--organizer", "CRESS Nouvelle-Aquitaine", "--funder", "Région Nouvelle-Aquitaine")
    assert result.returncode == 0, result.stderr
    result = run_rrma("new", "resource", "--root", content, "--no-interactive", "--title", "Étude régionale", "--network", "bfc-international",
                      "--type", "etude-observatoire", "--summary", "S.", "--source-url", "https://example.org", "--data-period", "2014-2015",
                      "--language", "fr", "--language", "créole guadeloupéen", "--funder", "Agence française de développement (AFD)")
    assert result.returncode == 0, result.stderr
    _ok(content)
    site = load_site(Project(content))[0]
    event = next(e for e in site.events if e.id == "webinaire-des-cress").data
    assert [(o.network, o.name) for o in event.organizers] == [("so-cooperation", None), (None, "CRESS Nouvelle-Aquitaine")]
    assert [f.name for f in event.funders] == ["Région Nouvelle-Aquitaine"]
    study = next(r for r in site.resources if r.id == "etude-regionale").data
    assert (study.data_period, study.languages, [f.name for f in study.funders]) == ("2014-2015", ["fr", "gcf"], ["Agence française de développement (AFD)"])


def test_organisers_partners_and_funders_asked_with_the_check_s_spelling(content: Path) -> None:
    """Organisers: networks of the portal by number, another structure by its full name, a network typed by its
    name offered as the network; partners and funders by name; a spelling used elsewhere offered as the check
    gives it (RRMA034), « non » asking again; the file passes `rrma check`."""
    site = load_site(Project(content))[0]
    ids = [n.id for n in site.networks]
    afd = "Agence française de développement (AFD)"
    assert any(use.name == afd for use in site.names), "the repository's content names the AFD"
    out = _drive(["new", "event", "--root", str(content), "--title", "Webinaire des CRESS", "--start", "2026-12-03 14:00", "--network", "centraider",
                  "--kind", "webinaire", "--mode", "en-ligne", "--online-url", "https://visio.example.org/w"], [
        ("Fin", ""),
        ("Numéros ou noms complets, séparés par « ; »", f"{len(ids) + 1} ; CRESS Nouvelle-Aquitaine"),
        ("tapez de nouveau la liste des organisateurs", f"{ids.index('centraider') + 1} ; Resacoop ; CRESS Nouvelle-Aquitaine"),
        ("Vouliez-vous dire le réseau du portail « RESACOOP » ? [O/n]", ""),
        ("Structures partenaires", "Agence Francaise de Developpement"),
        (f"Vouliez-vous dire « {afd} » ? [O/n]", "n"),
        ("avec « Agence française", "AFD"),
        ("? [O/n]", "o"),
        ("Structures qui financent", "Région Guadeloupe"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros séparés par des virgules", "0"),
        ("Numéros, noms ou codes séparés par des virgules", "0"),
        ("le montant en euros", ""),
        ("Date limite d'inscription", ""),
    ])
    assert "Qui organise, tel que l'annonce le dit :\n   0. aucun\n" in out
    assert "ou le nom complet d'une autre structure (« Préfecture de la région Auvergne-Rhône-Alpes »)" in out
    assert f"« {len(ids) + 1} » n'est pas un numéro de la liste (1 à {len(ids)})." in out
    assert "« Resacoop » est un réseau du portail.\n" in out
    assert "Compris : organisé par Centraider, RESACOOP, CRESS Nouvelle-Aquitaine." in out
    assert "« Agence Francaise de Developpement » est écrit autrement ailleurs dans le contenu.\n" in out
    assert out.count(f"Vouliez-vous dire « {afd} » ? [O/n]") == 2  # « n », then « AFD » offered the same full name
    assert "Une même structure s'écrit de la même façon sur tout le portail : tapez de nouveau la liste" in out
    _ok(content)
    event = next(e for e in load_site(Project(content))[0].events if e.id == "webinaire-des-cress").data
    assert [(o.network, o.name) for o in event.organizers] == [("centraider", None), ("resacoop", None), (None, "CRESS Nouvelle-Aquitaine")]
    assert [p.name for p in event.partners] == [afd] and [f.name for f in event.funders] == ["Région Guadeloupe"]


def test_a_resource_s_partners_and_funders_asked_by_name(content: Path) -> None:
    answers = "\n".join(["Fiche budget", "Construire un budget prévisionnel.", "3", "2", "", "", "", "", "",
                         "Région Bretagne ; CRESS Bretagne", "agence française de développement", "", "https://example.org/budget"]) + "\n"
    result = CliRunner().invoke(main, ["new", "resource", "--root", str(content), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Structures qui ont financé la ressource (facultatif : Entrée pour passer) : noms complets, séparés par « ; »" in result.output
    assert "Vouliez-vous dire « Agence française de développement (AFD) » ? [O/n]" in result.output
    resource = next(r for r in load_site(Project(content))[0].resources if r.id == "fiche-budget").data
    assert [p.name for p in resource.partners] == ["Région Bretagne", "CRESS Bretagne"]
    assert [f.name for f in resource.funders] == ["Agence française de développement (AFD)"]


def test_a_guided_event_ends_by_saying_how_to_add_sessions_places_and_documents(content: Path) -> None:
    """The questions do not ask for sessions, several places or documents: the last message says how to add
    them, with an example each; pasted into the file as it says, the examples pass `rrma check`."""
    result = CliRunner().invoke(main, ["new", "event", "--root", str(content), "--interactive", "--title", "Formation au montage de projet",
                                       "--start", "2026-11-14 09:30", "--end", "2026-11-21 12:00", "--network", "centraider", "--kind", "formation", "--mode", "sur-place",
                                       "--venue", "Salle", "--city", "Orléans"], input="\n" * 12)
    assert result.exit_code == 0, result.output
    out = result.output
    path = "events/formation-au-montage-de-projet.md"
    assert f"Pour compléter l'événement, ouvrez {path} dans un éditeur de texte et ajoutez entre ses deux lignes « --- », si besoin :" in out
    assert ("- un programme en plusieurs séances (une formation, un cycle de webinaires) : une séance par tiret, dans l'ordre des dates, "
            "entre le début et la fin de l'événement\n    sessions:\n") in out
    assert "- un document (programme, affiche, compte rendu) : copiez le fichier dans le dossier events/files/, puis\n    attachments:\n" in out
    assert "--" + "file" not in out.split(path)[-1]  # no option the editor never saw
    examples = [line[4:] for line in out.split("si besoin :")[1].splitlines() if line.startswith("    ")]
    file = content / path
    head, body = file.read_text(encoding="utf-8").removeprefix("---\n").split("\n---\n", 1)
    kept = [line for line in head.splitlines() if not line.startswith(("venue:", "city:"))]  # places: instead of venue and city
    file.write_text("---\n" + "\n".join([*kept, *examples]) + "\n---\n" + body, encoding="utf-8")
    (content / "events" / "files").mkdir(exist_ok=True)
    (content / "events" / "files" / "programme.pdf").write_bytes(b"%PDF-1.4\n")
    _ok(content)
    event = next(e for e in load_site(Project(content))[0].events if e.id == "formation-au-montage-de-projet").data
    assert [s.title for s in event.sessions] == ["Première séance", "Deuxième séance"]
    assert [p.city for p in event.places] == ["Ville", "Autre ville"] and event.attachments[0].file == "files/programme.pdf"


def test_new_figures_scaffold_a_file_that_passes_the_check_once_filled(content: Path) -> None:
    """`rrma new figures <réseau> <année>`: the year and the study written, every figure commented with « … »
    for its number; a line uncommented and filled passes `rrma check`, one left with « … » is refused."""
    result = run_rrma("new", "figures", "resacoop", "2015", "--source", "barometre-acteurs-csi-france", "--root", content, "--no-interactive")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "observatory/resacoop/2015.yml"
    path = content / "observatory" / "resacoop" / "2015.yml"
    text = path.read_text(encoding="utf-8")
    assert "year: 2015\n" in text and "source: barometre-acteurs-csi-france\n" in text
    assert "# actors:\n" in text and "#   total: …\n" in text and '#     "69": …\n' in text and "# Les chiffres de RESACOOP pour 2015" in text
    _ok(content)  # as written
    filled = text.replace("# actors:\n", "actors:\n", 1).replace("#   total: …\n", "  total: …\n", 1)
    path.write_text(filled, encoding="utf-8")
    left = run_rrma("check", content)
    assert left.returncode == 1 and "observatory/resacoop/2015.yml:" in left.stdout and "« … » n'est pas un nombre entier" in left.stdout
    path.write_text(filled.replace("  total: …\n", "  total: 1200\n", 1), encoding="utf-8")
    _ok(content)
    figures = next(e for e in load_site(Project(content))[0].figures if e.id == "resacoop/2015").data
    assert (figures.year, figures.source, figures.actors.total) == (2015, "barometre-acteurs-csi-france", 1200)


def test_new_figures_refuses_an_existing_year_and_an_unknown_network(content: Path) -> None:
    before = (content / "observatory" / "cirrma" / "2021.yml").read_text(encoding="utf-8")
    result = run_rrma("new", "figures", "cirrma", "2021", "--source", "barometre-acteurs-csi-france", "--root", content)
    assert result.returncode == 2
    assert ("observatory/cirrma/2021.yml existe déjà : les chiffres de Conférence interrégionale des RRMA pour 2021 y sont, "
            "et un fichier n'est jamais écrasé ; complétez-le ou corrigez-le directement") in result.stderr
    assert (content / "observatory" / "cirrma" / "2021.yml").read_text(encoding="utf-8") == before
    result = run_rrma("new", "figures", "resacop", "2015", "--root", content, "--no-interactive")
    assert result.returncode == 2
    assert "aucun réseau « resacop » dans networks/, attendu le nom du fichier d'un réseau, sans .yml ; vouliez-vous dire « resacoop » (RESACOOP) ?" in result.stderr
    result = run_rrma("new", "figures", "resacoop", "15", "--root", content, "--no-interactive")
    assert result.returncode == 2 and "« 15 » : attendu l'année que décrivent les chiffres, en quatre chiffres" in result.stderr
    assert not (content / "observatory" / "resacoop").exists()


def test_new_figures_asks_the_network_the_year_and_the_study_in_a_terminal(content: Path) -> None:
    from rrma.cli.new import _source_choices

    site = load_site(Project(content))[0]
    ids = [n.id for n in site.networks]
    studies = list(_source_choices(site, "resacoop"))
    out = _drive(["new", "figures", "--root", str(content)], [
        ("Numéro", str(ids.index("resacoop") + 1)),
        ("Année que décrivent les chiffres", "15"),
        ("de 1980 à", "2015"),
        ("Étude d'où viennent les chiffres", ""),  # required: asked again
        ("Réponse non reconnue", str(studies.index("barometre-acteurs-csi-france") + 1)),
    ])
    assert "Réseau qui publie les chiffres :\n   1. " in out and "observatory/resacoop/2015.yml" in out
    study = next(r for r in site.resources if r.id == studies[0]).data
    assert "Étude d'où viennent les chiffres :" in out
    assert study.type == "etude-observatoire" and f"   1. {study.title} ({studies[0]})" in out  # studies first
    figures = next(e for e in load_site(Project(content))[0].figures if e.id == "resacoop/2015").data
    assert figures.source == "barometre-acteurs-csi-france"
