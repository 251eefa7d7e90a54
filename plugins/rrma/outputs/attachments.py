"""The text of attached documents, for the search: PDF (pypdf), ODT and DOCX (their XML).

Contributed files are untrusted: a file that cannot be read, or reads as nothing,
gives no text (the resource stays findable by its page); the text read is capped so
a huge document cannot weigh on the index more than a long page.
"""

from __future__ import annotations

import logging
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

MAX_CHARS = 100_000  # per document: about thirty pages of text
MAX_PAGES = 200  # PDF pages read, at most
_XML_PARTS = {".odt": "content.xml", ".docx": "word/document.xml"}
_PARAGRAPHS = {"{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p", "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}h",
               "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"}
_SPACE = re.compile(r"\s+")


def document_text(path: Path) -> str:
    """The words of an attached file, or "" for a format without text or a file that cannot be read."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            return _cap(_pdf_text(path))
        if suffix in _XML_PARTS:
            return _cap(_xml_text(path, _XML_PARTS[suffix]))
    except Exception:  # noqa: BLE001 - a damaged or hostile file: no text, never a failed build
        return ""
    return ""


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a badly made PDF is read as far as it goes, quietly
    reader = PdfReader(path)
    parts, size = [], 0
    for page in reader.pages[:MAX_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_CHARS:
            break
    return " ".join(parts)


def _xml_text(path: Path, part: str) -> str:
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(part)
        if info.file_size > 20 * MAX_CHARS:  # markup is most of it; beyond this, a zip bomb
            return ""
        root = ElementTree.fromstring(archive.read(part))  # the standard parser expands no external entity
    paragraphs = []
    for element in root.iter():
        if element.tag in _PARAGRAPHS:
            paragraphs.append("".join(element.itertext()))
    return " ".join(paragraphs)


def _cap(text: str) -> str:
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]
