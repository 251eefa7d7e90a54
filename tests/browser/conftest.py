"""Browser fixtures: the shared test site (tests/conftest.py), served on 127.0.0.1,
driven by Playwright in Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO, BuiltSite

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic"]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"

if not Path(CHROMIUM).exists():  # pragma: no cover - `make test` installs it
    pytest.fail("Chromium introuvable : lancez les tests avec `make test`, qui l'installe", pytrace=False)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass


@pytest.fixture(scope="session")
def site_dir(shared_site: BuiltSite) -> Path:
    return shared_site.site


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site_dir: Path) -> Iterator[object]:
    """One browser for the session, started once the site is built."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def _open(browser, width: int):
    """A page that refuses (and records) every request leaving 127.0.0.1."""
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.outside_requests = []

    def route(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            page.outside_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return context, page


@pytest.fixture
def page(browser, base_url: str):
    """At desktop width."""
    context, page = _open(browser, 1280)
    yield page
    context.close()


@pytest.fixture
def phone(browser, base_url: str):
    """At a phone's width, where the navigation is a drawer behind the header's menu button."""
    context, page = _open(browser, 390)
    yield page
    context.close()
