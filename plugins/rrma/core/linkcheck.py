"""Whether web addresses still answer: HEAD, then GET when a server refuses HEAD; redirects followed and kept.

Polite by construction: a bounded number of requests at once (``workers``) and per host (``per_host``), a
timeout for each, a User-Agent that names the portal, each address asked once however many entries give it.
Standard library only; nothing here is used by the build.
"""

from __future__ import annotations

import socket
import ssl
import threading
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.client import HTTPException
from urllib.parse import urlsplit

USER_AGENT = "rrma-review/{version} (portail national des RRMA ; verification des liens du contenu)"
# Servers that refuse HEAD say so in many ways: GET is asked before an address is called broken.
RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}
REASONS = {
    400: "requête refusée", 401: "accès réservé (identification demandée)", 403: "accès refusé", 404: "page introuvable",
    410: "page supprimée", 429: "trop de requêtes", 500: "erreur du serveur", 502: "passerelle en erreur",
    503: "service indisponible", 504: "délai de la passerelle dépassé",
}
PERMANENT = {301, 308}


@dataclass(frozen=True)
class Answer:
    """What an address gave: its final HTTP status (``None``: no answer at all), the redirects on the way."""

    url: str
    status: int | None
    redirects: tuple[tuple[int, str], ...] = ()
    error: str | None = None  # in French, when there was no HTTP answer

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400

    @property
    def final_url(self) -> str:
        return self.redirects[-1][1] if self.redirects else self.url

    @property
    def moved(self) -> bool:
        """Moved for good (301, 308): the file should give the new address."""
        return any(code in PERMANENT for code, _ in self.redirects)

    def why(self) -> str:
        """« erreur 404 (page introuvable) », « pas de réponse en 10 s »…"""
        if self.status is None:
            return self.error or "pas de réponse"
        reason = REASONS.get(self.status)
        return f"erreur {self.status}" + (f" ({reason})" if reason else "")


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self) -> None:
        super().__init__()
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        self.hops.append((code, newurl))
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"  # urllib would follow with GET: a HEAD stays a HEAD
        return new


def _no_answer(exc: BaseException, timeout: float) -> str:
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, (TimeoutError, socket.timeout)) or isinstance(exc, (TimeoutError, socket.timeout)):
        return f"pas de réponse en {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "nom de domaine introuvable"
    if isinstance(reason, ConnectionRefusedError):
        return "connexion refusée"
    if isinstance(reason, ssl.SSLError):
        return "certificat ou connexion sécurisée refusés"
    if isinstance(exc, urllib.error.HTTPError):  # too many redirects
        return "redirections sans fin"
    return "pas de réponse"


@dataclass
class LinkChecker:
    timeout: float = 10.0
    workers: int = 8
    per_host: int = 2
    user_agent: str = USER_AGENT.format(version="0")
    _hosts: dict[str, threading.Semaphore] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _host(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def _ask(self, url: str, method: str) -> Answer:
        redirects = _Redirects()
        opener = urllib.request.build_opener(redirects)
        request = urllib.request.Request(url, method=method, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            with self._host(url), opener.open(request, timeout=self.timeout) as response:
                if method == "GET":
                    response.read(1024)
                return Answer(url, response.status, tuple(redirects.hops))
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code in (301, 302, 303, 307, 308):  # a redirect urllib would not follow further
                return Answer(url, None, tuple(redirects.hops), _no_answer(exc, self.timeout))
            return Answer(url, exc.code, tuple(redirects.hops))
        except (urllib.error.URLError, HTTPException, OSError, ValueError) as exc:
            return Answer(url, None, tuple(redirects.hops), _no_answer(exc, self.timeout))

    def check(self, url: str) -> Answer:
        answer = self._ask(url, "HEAD")
        if answer.ok or (answer.status is None and answer.error and answer.error.startswith("pas de réponse en")):
            return answer
        if answer.status in RETRY_WITH_GET or answer.status is None:
            return self._ask(url, "GET")
        return answer

    def check_all(self, urls: Iterable[str]) -> dict[str, Answer]:
        unique = list(dict.fromkeys(urls))
        with ThreadPoolExecutor(max_workers=max(1, self.workers)) as pool:
            return dict(zip(unique, pool.map(self.check, unique)))
