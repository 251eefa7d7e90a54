"""The text of attached documents, searchable as a low-weight field."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from rrma.outputs.attachments import MAX_CHARS, document_text
from rrma.outputs.search import SearchDoc, build

from tests.search.test_search import _search


def _pdf(path: Path, text: str) -> Path:
    """A one-page PDF showing ``text`` (synthetic, for tests only)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def _odt(path: Path, paragraphs: list[str]) -> Path:
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>{body}'
                                        "</office:text></office:body></office:document-content>")
    return path


def _docx(path: Path, paragraphs: list[str]) -> Path:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(f"<w:p><w:r><w:t>{p[:5]}</w:t></w:r><w:r><w:t>{p[5:]}</w:t></w:r></w:p>" for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
    return path


def test_pdf_odt_and_docx_give_their_words(tmp_path: Path) -> None:
    assert "Tableau de bord des subventions" in document_text(_pdf(tmp_path / "a.pdf", "Tableau de bord des subventions"))
    assert document_text(_odt(tmp_path / "b.odt", ["Premier paragraphe.", "Second paragraphe."])) == "Premier paragraphe. Second paragraphe."
    assert document_text(_docx(tmp_path / "c.docx", ["Calendrier des semis."])) == "Calendrier des semis."  # runs joined, paragraphs apart


def test_a_damaged_or_huge_file_gives_no_text_or_a_capped_one(tmp_path: Path) -> None:
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (tmp_path / "broken.odt").write_bytes(b"PK not a zip")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [document_text(tmp_path / n) for n in ("broken.pdf", "broken.odt", "image.png", "missing.pdf")] == ["", "", "", ""]
    long = _odt(tmp_path / "long.odt", ["mot " * 1000] * 40)
    assert len(document_text(long)) == MAX_CHARS


def test_a_guide_is_found_by_what_its_file_says_below_title_matches(tmp_path: Path) -> None:
    text = document_text(_pdf(tmp_path / "guide.pdf", "Le tableau de bord des subventions, ligne par ligne."))
    files = build([SearchDoc("ressources/guide/", "ressource", "Guide du budget", "Pour les petites associations.", "", files=text),
                   SearchDoc("ressources/tableau/", "ressource", "Un tableau de bord", "", "")], {})
    assert _search(files, "subventions") == ["ressources/guide/"]
    assert _search(files, "tableau de bord") == ["ressources/tableau/", "ressources/guide/"]  # the title first
    assert json.loads(files["recherche/manifest.json"])["docCount"] == 2
    assert "subventions" not in files["recherche/docs-0.json"]  # the file's text is not sent with the results
