"""Untrusted Markdown: what may reach a page, and where the rest was written.

Every body and description comes from a pull request. :func:`sanitize` is the
guarantee (an nh3 allowlist applied to the rendered HTML, whatever the
Markdown contained); :func:`unsafe_markup` is the explanation, pointing an
editor at the line and column of each construct the sanitizer would remove.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "iframe": {"src", "title", "width", "height", "allowfullscreen"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed with their content: their text is code or styling, never prose.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "object", "embed", "applet"}


def sanitize(html: str, *, iframe_hosts: Iterable[str] = ()) -> str:
    """Keep only allowlisted tags, attributes and URL schemes."""
    hosts = {h.lower() for h in iframe_hosts}

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            parts = urlsplit(value)
            return value if parts.scheme == "https" and (parts.hostname or "").lower() in hosts else None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


@dataclass(frozen=True)
class Finding:
    line: int  # 0-based within the text
    column: int  # 0-based
    message: str
    hint: str = ""  # how to fix it, when the code's usual hint would not say


# Where the list of hosts an <iframe> may show is kept: told to editors, who cannot change it themselves.
IFRAME_HINT = ("remplacez le cadre par un simple lien vers la page ; pour l'afficher dans la page, demandez aux mainteneurs "
               "du portail d'ajouter ce site à l'option `iframe_hosts` du plugin rrma, dans mkdocs.yml")


def _iframe(number: int, column: int, src: str | None, hosts: set[str]) -> Finding | None:
    """Why :func:`sanitize` would empty this <iframe> (``src`` as written), or ``None`` if it is kept."""
    if not src:
        return Finding(number, column, "cadre <iframe> sans adresse (src) supprimé", "donnez l'adresse https://… de ce qu'il doit montrer, ou mettez un simple lien")
    parts = urlsplit(src)
    host = (parts.hostname or "").lower()
    if host not in hosts:
        allowed = f"sites autorisés : {', '.join(sorted(hosts))}" if hosts else "aucun site ne l'est pour l'instant"
        return Finding(number, column, f"cadre <iframe> vers « {host or '?'} » supprimé : ce site n'est pas autorisé dans un cadre ({allowed})", IFRAME_HINT)
    if parts.scheme.lower() != "https":
        return Finding(number, column, f"cadre <iframe> vers « {host} » supprimé : seules les adresses https:// sont affichées", f"écrivez l'adresse en https://{host}/…")
    return None


_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>?", re.S)
_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
_ATTRIBUTE = re.compile(r"""(?:^|\s)([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?=\s*=|\s|/?$)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?""")
_BAD_SCHEME = re.compile(r"(?:\]\(\s*<?|(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?)\s*((?:java|vb)script:|data:)", re.I)
_FENCE = re.compile(r"^(\s*)(```|~~~)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def _code_spans(line: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"(`+)(?:(?!\1).)+?\1", line)]


def _outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """Each line of ``text`` (0-based number, text) outside fenced code blocks, fences excluded."""
    fenced = False
    for number, line in enumerate(text.split("\n")):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield number, line


def _prose_lines(text: str) -> Iterator[tuple[int, str, Callable[[int], bool]]]:
    """Each line outside code blocks, with a test telling whether a column is inside inline code.

    Code blocks and inline code are where ``<script>`` or ``[a](b)`` is text
    to show, which Markdown escapes.
    """
    in_list = False
    for number, line in _outside_fences(text):
        if line.startswith(("    ", "\t")):
            if not in_list:  # an indented code block; in a list, the item's own text
                continue
        elif line.strip():
            in_list = bool(_LIST_ITEM.match(line))
        spans = _code_spans(line)
        yield number, line, lambda index, spans=spans: any(start <= index < end for start, end in spans)


# Python-Markdown recurses once per level of nesting: a list or a note nested a few hundred levels
# deep, or a run of a thousand `**`, exhausts Python's stack during the build. Real texts stay far
# below these bounds (a list is rarely nested more than four levels), which stay far below the stack.
MAX_INDENT = 200  # columns of indentation: 50 levels of list or note
MAX_MARKERS = 100  # `>` starting one line, or `*`, `_`, `~`, `[` in a row
_MARKER_RUN = re.compile(r"(?:[*_~\[]\s?){%d,}" % MAX_MARKERS)
_QUOTES = re.compile(r"^(?:\s*>){%d,}" % MAX_MARKERS)


def deep_nesting(text: str) -> Finding | None:
    """The first place where ``text`` nests deeper than any page needs, and deep enough to stop
    Markdown's conversion (which the check does not run), or None."""
    for number, line in _outside_fences(text):
        stripped = line.lstrip(" \t")
        indent = len(line[: len(line) - len(stripped)].expandtabs(4))
        if indent >= MAX_INDENT and stripped:
            return Finding(number, 0, f"texte décalé de {indent} espaces (des listes ou des encadrés imbriqués sur une cinquantaine de niveaux ou plus), "
                                      "attendu quelques niveaux au plus", "remettez le texte à la marge : une liste s'imbrique sur deux ou trois niveaux")
        if (match := _QUOTES.match(line) or _MARKER_RUN.search(line)) is not None:
            return Finding(number, match.start(), f"plus de {MAX_MARKERS} marques de mise en forme à la suite (`>`, `*`, `_`, `~` ou `[`), attendu quelques-unes au plus",
                           "simplifiez la mise en forme : une citation, un mot en gras ou en italique n'en demande qu'une ou deux")
    return None


def unsafe_markup(text: str, *, iframe_hosts: Iterable[str] = ()) -> list[Finding]:
    """Constructs that :func:`sanitize` would remove, with their positions."""
    findings: list[Finding] = []
    if "<" not in text and "](" not in text:  # most bodies: no HTML and no link, so nothing to remove
        return findings
    hosts = {h.lower() for h in iframe_hosts}
    for number, line, in_code in _prose_lines(text):
        for match in _TAG.finditer(line):
            if in_code(match.start()) or match.group(1):
                continue
            tag, rest = match.group(2).lower(), match.group(3)
            if tag == "iframe":
                src = re.search(r"src\s*=\s*[\"']?([^\"'\s>]+)", rest)
                removed = _iframe(number, match.start(), src.group(1) if src else None, hosts)
                if removed is not None:
                    findings.append(removed)
                    continue
            elif tag not in ALLOWED_TAGS:
                what = "et son contenu supprimés" if tag in DROPPED_WITH_CONTENT else "supprimée (le texte est gardé)"
                findings.append(Finding(number, match.start(), f"balise <{tag}> {what}"))
                continue
            handler = _HANDLER.search(rest)
            if handler:
                findings.append(Finding(number, match.start(3) + handler.start() + 1, f"attribut « {handler.group(0).strip(' =')} » supprimé de <{tag}> : le code JavaScript n'est pas autorisé"))
            for attribute in _ATTRIBUTE.finditer(rest):
                name = attribute.group(1).lower()
                if not name.startswith("on") and name not in ALLOWED_ATTRIBUTES.get(tag, ()) and not (tag == "iframe" and name == "src"):
                    findings.append(Finding(number, match.start(3) + attribute.start(1), f"attribut « {name} » supprimé de <{tag}> : la mise en forme et le comportement viennent du site"))
        for match in _BAD_SCHEME.finditer(line):
            if not in_code(match.start()):
                findings.append(Finding(number, match.start(1), f"lien « {match.group(1)} » supprimé : seules les adresses http(s) et mailto sont autorisées"))
    return sorted(findings, key=lambda f: (f.line, f.column))


# The address of a Markdown link or image (« <…> » may hold spaces), or of a reference definition
# (not a footnote's « [^1]: »). Raw HTML is left alone: MkDocs neither checks nor rewrites it.
_LINK_TARGETS = (
    re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>\n]*)>|([^)\s]+))"),
    re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*(?:<([^>\n]*)>|(\S+))"),
)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def local_links(text: str) -> list[Finding]:
    """Links and images whose address is not a full one (``https://…``, ``mailto:…``): the
    site must have a page or file at that path, or the page an anchor (``#titre``).
    ``message`` holds the address as written."""
    found: list[Finding] = []
    if "](" not in text and "]:" not in text:
        return found
    # comments are never published: blank them out, keeping every line and column in place
    text = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for number, line, in_code in _prose_lines(text):
        for pattern in _LINK_TARGETS:
            for match in pattern.finditer(line):
                group = 1 if match.group(1) is not None else 2
                target = match.group(group)
                if in_code(match.start()) or not target or target == "#" or _SCHEME.match(target) or target.startswith("//"):
                    continue
                found.append(Finding(number, match.start(group), target))
    return sorted(set(found), key=lambda f: (f.line, f.column))


def anchors(text: str) -> set[str]:
    """The ids a Markdown text gives its elements, as the site's Markdown renders it
    (``toc`` makes heading ids, ``attr_list`` lets a writer set one, ``admonition`` holds headings
    in notes: the extensions of the portal's mkdocs.yml)."""
    import markdown

    html = markdown.Markdown(extensions=["toc", "attr_list", "admonition"]).convert(text)
    return set(re.findall(r'\sid="([^"]+)"', html))
