"""``rrma review``: what to check again, per network, against a web server on 127.0.0.1 — never the internet.

The content names a site of the reserved ``.test`` domain; ``http_proxy`` sends every request for it to the
local server (the way urllib honours a proxy), so the command runs exactly as it would against the web."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rrma.cli.review import months_before
from rrma.core.linkcheck import LinkChecker

from tests.conftest import REPO


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.seen: list[tuple[str, str, str]] = []  # method, path, User-Agent
        self.busy = self.most = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self) -> None:
        self.path = urlsplit(self.path).path  # through the proxy: « http://reseau-essai.test/disparue »
        with self.server.lock:
            self.server.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
            self.server.busy += 1
            self.server.most = max(self.server.most, self.server.busy)
        try:
            if self.path.startswith("/lent"):
                time.sleep(2)
            elif self.path.startswith("/occupe"):
                time.sleep(0.2)
            if self.path == "/ancienne":
                self.send_response(301)
                self.send_header("Location", "/nouvelle")
            elif self.path == "/disparue":
                self.send_response(404)
            elif self.path == "/sans-head" and self.command == "HEAD":
                self.send_response(405)
            else:
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with self.server.lock:
                self.server.busy -= 1

    do_HEAD = do_GET = _answer


@pytest.fixture()
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _tree(root: Path, base: str) -> Path:
    shutil.copytree(REPO / "taxonomies", root / "taxonomies")
    (root / "networks").mkdir()
    (root / "resources").mkdir()
    (root / "events").mkdir()
    (root / "networks" / "reseau-essai.yml").write_text(
        f'name: Réseau d\'essai\nacronym: RESSAI\nregion: "24"\nwebsite: {base}/\nreviewed: 2026-10-01\ndescription: Un réseau.\n', encoding="utf-8")
    resource = "---\ntitle: {title}\nsummary: Résumé.\ntype: fiche-pratique\nnetworks: [reseau-essai]\n{extra}---\n"
    (root / "resources" / "fiche-a-jour.md").write_text(
        resource.format(title="Fiche à jour", extra=f"reviewed: 2026-06-01\nsource_url: {base}/ancienne\n"), encoding="utf-8")
    (root / "resources" / "fiche-ancienne.md").write_text(
        resource.format(title="Fiche ancienne", extra=f"reviewed: 2024-11-03\nsource_url: {base}/disparue\n"
                        f"attachments:\n  - url: {base}/lent/guide.pdf\n  - url: {base}/sans-head\n"), encoding="utf-8")
    (root / "resources" / "fiche-jamais-verifiee.md").write_text(
        resource.format(title="Fiche jamais vérifiée", extra=f"source_url: {base}/ancienne\n"), encoding="utf-8")
    (root / "events" / "rencontre-passee.md").write_text(
        "---\ntitle: Rencontre passée\nstart: 2020-05-04\nnetworks: [reseau-essai]\nkind: rencontre\nmode: sur-place\ncity: Orléans\n---\n", encoding="utf-8")
    return root


SITE = "http://reseau-essai.test"


def _review(root: Path, *args: str, port: int = 9) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "https_proxy", "no_proxy", "all_proxy")}
    env["http_proxy"] = f"http://127.0.0.1:{port}"  # port 9: nothing listens, no request leaves the machine
    return subprocess.run([sys.executable, "-m", "rrma", "review", str(root), "--aujourdhui", "2026-12-01", "--delai", "0.5", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_stale_entries_and_dead_addresses_are_listed_per_network(tmp_path: Path, server: _Server) -> None:
    root = _tree(tmp_path, SITE)
    result = _review(root, port=server.server_port)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "RESSAI (networks/reseau-essai) :"
    assert "  non vérifiés depuis plus de 12 mois :" in lines
    assert "    resources/fiche-ancienne.md : « Fiche ancienne », vérifié le 3 novembre 2024" in lines
    # not a Git checkout: no date to go by, the entry is listed rather than assumed fresh
    assert "    resources/fiche-jamais-verifiee.md : « Fiche jamais vérifiée », jamais vérifié, date de modification inconnue" in lines
    assert not any("fiche-a-jour.md :" in line or "reseau-essai.yml :" in line for line in lines)
    assert not any("rencontre-passee" in line for line in lines)  # a past event does not change any more
    base = SITE
    assert f"    resources/fiche-ancienne.md:7:13 : page source {base}/disparue : erreur 404 (page introuvable)" in lines
    assert f"    resources/fiche-ancienne.md:9:10 : document joint {base}/lent/guide.pdf : pas de réponse en 0.5 s" in lines
    assert not any("/sans-head" in line for line in lines)  # HEAD refused, GET answered: it works
    assert "  adresses déplacées (à remplacer par la nouvelle) :" in lines
    assert f"    resources/fiche-a-jour.md:7:13 : page source {base}/ancienne → {base}/nouvelle (301)" in lines
    assert lines[-1] == "2 contenus à vérifier, 2 adresses qui ne répondent plus, dans 1 réseau."
    methods = [(m, p) for m, p, _ in server.seen]
    assert methods.count(("HEAD", "/ancienne")) == 1  # given by two files, asked once
    assert ("GET", "/sans-head") in methods and ("HEAD", "/nouvelle") in methods  # a redirect keeps asking HEAD
    assert all(agent.startswith("rrma-review/") and "RRMA" in agent for _, _, agent in server.seen)


def test_the_issue_body_is_markdown_and_json_gives_one_issue_per_network(tmp_path: Path, server: _Server) -> None:
    root = _tree(tmp_path, SITE)
    markdown = _review(root, "--format", "markdown", port=server.server_port)
    assert markdown.returncode == 1
    assert markdown.stdout.startswith("## Contenus à vérifier : RESSAI\n")
    assert "### Adresses qui ne répondent plus\n\n- [ ] `resources/fiche-ancienne.md` ligne 7, page source : <http" in markdown.stdout
    [issue] = json.loads(_review(root, "--format", "json", port=server.server_port).stdout)
    assert issue["network"] == "reseau-essai" and issue["title"] == "Contenus à vérifier : RESSAI"
    assert issue["body"] == markdown.stdout.split("\n\n", 1)[1]


def test_nothing_to_review_exits_0_and_says_so(tmp_path: Path, server: _Server) -> None:
    root = _tree(tmp_path, SITE)
    for name in ("fiche-ancienne.md", "fiche-jamais-verifiee.md", "fiche-a-jour.md"):
        (root / "resources" / name).unlink()
    result = _review(root, port=server.server_port)
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Rien à vérifier : tout a été vérifié depuis moins de 12 mois et chaque adresse répond.\n"
    [issue] = json.loads(_review(root, "--format", "json", port=server.server_port).stdout)
    assert issue["body"] == ""  # the workflow closes the network's issue


def test_the_last_commit_stands_in_for_a_missing_review_date(tmp_path: Path) -> None:
    root = _tree(tmp_path, SITE)
    env = {**os.environ, "GIT_AUTHOR_DATE": "2025-03-14T12:00:00+01:00", "GIT_COMMITTER_DATE": "2025-03-14T12:00:00+01:00",
           "GIT_AUTHOR_NAME": "Essai", "GIT_AUTHOR_EMAIL": "essai@example.org", "GIT_COMMITTER_NAME": "Essai", "GIT_COMMITTER_EMAIL": "essai@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "contenu"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True)
    result = _review(root, "--sans-liens")
    assert "    resources/fiche-jamais-verifiee.md : « Fiche jamais vérifiée », jamais vérifié, modifié le 14 mars 2025" in result.stdout
    assert "http" not in result.stdout  # --sans-liens: no address asked
    assert "reseau-essai.yml" not in result.stdout  # reviewed in October: its own date wins over the older commit
    assert "fiche-ancienne" not in _review(root, "--sans-liens", "--depuis", "30").stdout


def test_requests_per_host_stay_bounded(server: _Server) -> None:
    base = f"http://127.0.0.1:{server.server_port}"
    answers = LinkChecker(timeout=5, workers=8, per_host=2).check_all(f"{base}/occupe/{n}" for n in range(8))
    assert all(a.ok for a in answers.values())
    assert server.most <= 2


def test_a_content_error_stops_the_review_with_exit_code_2(tmp_path: Path) -> None:
    root = _tree(tmp_path, SITE)
    (root / "resources" / "cassee.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = _review(root, "--sans-liens")
    assert result.returncode == 2 and "rrma check" in result.stderr


def test_months_are_counted_back_on_the_calendar() -> None:
    from datetime import date

    assert months_before(date(2026, 12, 1), 12) == date(2025, 12, 1)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_calls_are_reviewed_like_the_other_entries(tmp_path: Path, server: _Server) -> None:
    """A call open for applications and never checked is listed under the network that relays it, with its
    application page that no longer answers; a call checked in October, and one closed in 2021, are not."""
    root = _tree(tmp_path, SITE)
    (root / "calls").mkdir()
    call = "---\ntitle: {title}\nsummary: Résumé.\nfunders:\n  - name: Région fictive\nnetworks: [reseau-essai]\n{extra}---\n"
    (root / "calls" / "appel-ouvert.md").write_text(
        call.format(title="Appel ouvert", extra=f"opens: 2026-01-05\ncloses: 2031-06-15\napply_url: {SITE}/disparue\n"), encoding="utf-8")
    (root / "calls" / "appel-verifie.md").write_text(
        call.format(title="Appel vérifié", extra="closes: 2031-06-15\nreviewed: 2026-10-20\n"), encoding="utf-8")
    (root / "calls" / "appel-clos.md").write_text(call.format(title="Appel clos", extra="closes: 2021-06-29\n"), encoding="utf-8")
    result = _review(root, port=server.server_port)
    lines = result.stdout.splitlines()
    assert "    calls/appel-ouvert.md : « Appel ouvert », jamais vérifié, date de modification inconnue" in lines
    assert f"    calls/appel-ouvert.md:9:12 : page de candidature {SITE}/disparue : erreur 404 (page introuvable)" in lines
    assert not any("appel-verifie" in line or "appel-clos" in line for line in lines)
    assert lines[-1] == "3 contenus à vérifier, 2 adresses qui ne répondent plus, dans 1 réseau."
