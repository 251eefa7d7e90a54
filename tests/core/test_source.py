"""Reading files: encodings, line endings, front matter."""

from __future__ import annotations

from pathlib import Path

from rrma.core.source import Source, read_source, split_front_matter


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_bytes(b"\xef\xbb\xbf---\r\ntitle: \xc3\xa9t\xc3\xa9\r\n---\r\nCorps\r\n")
    source, problems = read_source(file, "a.md")
    assert problems == [] and source is not None
    assert source.text == "---\ntitle: été\n---\nCorps\n"


def test_latin1_byte_is_located(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_bytes("---\ntitle: Réunion\n".encode("latin-1"))
    source, [problem] = read_source(file, "a.md")
    assert source is None
    assert (problem.line, problem.column, problem.code) == (2, 9, "RRMA001")
    assert "0xE9" in problem.message


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    file = tmp_path / "a.md"
    file.write_text("\n  \n", encoding="utf-8")
    assert read_source(file, "a.md")[1][0].code == "RRMA002"


def test_front_matter_split_keeps_line_numbers() -> None:
    fm, problems = split_front_matter(Source("a.md", "---\ntitle: A\n---\n\nCorps\n"))
    assert problems == [] and fm is not None
    assert fm.yaml_text == "title: A" and fm.yaml_line_offset == 1
    assert fm.body == "\nCorps\n" and fm.body_line == 4


def test_front_matter_missing_and_unterminated() -> None:
    assert split_front_matter(Source("a.md", "title: A\n"))[1][0].code == "RRMA003"
    assert split_front_matter(Source("a.md", "---\ntitle: A\n"))[1][0].code == "RRMA004"


def test_sanitize_removes_scripts_handlers_and_bad_urls() -> None:
    from rrma.core.markup import sanitize

    html = sanitize(
        '<p onclick="x()">A<script>alert(1)</script><a href="javascript:alert(1)">b</a>'
        '<a href="data:text/html,x">c</a><img src="i.png" alt="d" onerror="e()"><style>p{}</style>'
        '<iframe src="https://evil.example/"></iframe><iframe src="https://video.example/v"></iframe></p>',
        iframe_hosts=["video.example"],
    )
    assert "script" not in html and "alert" not in html and "onclick" not in html and "onerror" not in html
    assert "javascript:" not in html and "data:" not in html and "p{}" not in html
    assert "evil.example" not in html and 'src="https://video.example/v"' in html
    assert '<img src="i.png" alt="d">' in html


def test_size_is_checked_before_a_byte_is_read(tmp_path: Path) -> None:
    """30 MiB of zeros: read, it would be « caractère nul » (RRMA001); measured first, it is too big."""
    file = tmp_path / "enorme.md"
    with open(file, "wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    source, [problem] = read_source(file, "resources/enorme.md")
    assert source is None
    assert problem.headline() == "resources/enorme.md:1:1: le fichier pèse 30,0 Mo, attendu au plus 1,0 Mo pour un fichier de contenu"
    assert problem.code == "RRMA020"
    file.write_bytes(b"---\ntitle: A\n---\n" + b"x" * 2000)
    assert read_source(file, "a.md", max_bytes=1000)[1][0].message == "le fichier pèse 2 ko, attendu au plus 1 ko pour un fichier de contenu"
    assert read_source(file, "a.md", max_bytes=3000)[1] == []


def test_links_that_lead_nowhere_are_named(tmp_path: Path) -> None:
    (tmp_path / "boucle.yml").symlink_to("boucle.yml")
    (tmp_path / "casse.md").symlink_to("supprime.md")
    [loop] = read_source(tmp_path / "boucle.yml", "networks/boucle.yml")[1]
    [dangling] = read_source(tmp_path / "casse.md", "events/casse.md")[1]
    assert loop.headline() == "networks/boucle.yml:1:1: lien symbolique en boucle (il renvoie à lui-même), attendu un fichier"
    assert dangling.headline() == "events/casse.md:1:1: lien symbolique vers « supprime.md », qui n'existe pas, attendu un fichier"
    assert loop.code == dangling.code == "RRMA030" and "remplacez le lien symbolique" in loop.hint


def test_a_named_pipe_or_a_folder_is_refused_without_waiting(tmp_path: Path) -> None:
    import os
    import threading

    os.mkfifo(tmp_path / "tube.md")
    (tmp_path / "dossier.md").mkdir()
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.extend(read_source(tmp_path / n, n)[1][0].message for n in ("tube.md", "dossier.md")), daemon=True)
    reader.start()
    reader.join(timeout=10)  # opening a pipe for reading waits for a writer, unless told not to
    assert found == ["c'est un tube ou un périphérique, pas un fichier, attendu un fichier texte", "c'est un dossier, pas un fichier, attendu un fichier texte"]
