"""Readers on real files: hand-written fixtures in tests/fixtures/read, files made in tmp_path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.errors import BlockedAddressError, ClaimgraphError, InputError
from claimgraph.model import Article
from claimgraph.options import ReadOptions
from claimgraph.read import (
    RecordError,
    article_from_text,
    detect_language,
    make_article_id,
    read_bytes,
    read_input,
    read_records,
)

FIXTURES = Path(__file__).parent / "fixtures" / "read"
REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


# --- plain text -----------------------------------------------------------------------------


def test_plain_text_headline_and_offsets() -> None:
    article = read_input(str(FIXTURES / "plain.txt"), ReadOptions())
    raw = (FIXTURES / "plain.txt").read_text(encoding="utf-8")
    assert article.format == "text"
    assert article.title == "Ministry says rail strike cost the economy 120 million pounds"
    assert article.text == raw  # offsets are into the text exactly as given
    start = article.text.index("Paul Adeyemi")
    assert raw[start : start + len("Paul Adeyemi")] == "Paul Adeyemi"
    assert article.language == "en" and article.language_score and article.language_score > 0.9
    assert article.id == make_article_id(article.text)


def test_newlines_are_normalised_and_bom_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path, "crlf.txt", b"\xef\xbb\xbfHeadline here\r\n\r\nBody line one.\rBody two.\r\n"
    )
    article = read_input(path, ReadOptions())
    assert article.text == "Headline here\n\nBody line one.\nBody two.\n"
    assert article.title == "Headline here"


def test_same_text_same_id_whatever_the_source(tmp_path: Path) -> None:
    text = "Council raises rents\n\nThe council said rents would rise by four percent.\n"
    from_file = read_input(write(tmp_path, "a.txt", text), ReadOptions())
    from_bytes = read_bytes(text.encode("utf-8"), "upload.txt", ReadOptions())
    assert from_file.id == from_bytes.id == article_from_text(text).id


def test_text_extension_wins_over_sniffing(tmp_path: Path) -> None:
    # An article saved as .txt that starts with markup is still read as text.
    text = "<p> is the paragraph tag, the manual says\n\nMore text about <div> and <body> tags.\n"
    article = read_input(write(tmp_path, "markup.txt", text), ReadOptions())
    assert article.format == "text" and article.text == text


def test_bracketed_headline_is_text_not_json() -> None:
    article = read_bytes(b"[Updated] Minister resigns\n\nThe minister resigned on Friday.", None)
    assert article.format == "text" and article.title == "[Updated] Minister resigns"


# --- HTML -----------------------------------------------------------------------------------


def test_html_article_without_boilerplate() -> None:
    article = read_input(str(FIXTURES / "article.html"), ReadOptions())
    assert article.format == "html"
    assert article.title == "Harbour council approves new flood barrier"
    assert article.outlet == "The Riverside Courier"
    assert article.url == "https://courier.example/news/flood-barrier"
    assert article.published == "2023-04-12" and article.published_source == "metadata"
    assert article.text.startswith("Harbour council approves new flood barrier\n")
    assert '"This barrier will protect four thousand homes' in article.text
    for boilerplate in (
        "Subscribe today",
        "cookies",
        "Related stories",
        "Privacy policy",
        "All rights reserved",
        "should-never-run",
        "font-family",
    ):
        assert boilerplate not in article.text
    assert article.language == "en"


def test_broken_html_still_yields_text() -> None:
    article = read_input(str(FIXTURES / "broken.html"), ReadOptions())
    assert article.title == "Eastport water safe, says mayor"
    # The headline leads the text, as in plain text, so offsets cover it too.
    assert article.text.startswith("Eastport water safe, says mayor\n\nThe mayor of Eastport said")
    assert "did not publish the results" in article.text
    assert article.published is None and article.published_source is None


def test_html_without_article_text_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no article text found in the HTML"):
        read_input(str(FIXTURES / "no_text.html"), ReadOptions())
    with pytest.raises(InputError, match="no article text found in the HTML"):
        read_bytes(b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>", None)


def test_html_is_sniffed_without_an_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "page", (FIXTURES / "article.html").read_bytes())
    assert read_input(path, ReadOptions()).format == "html"


def test_html_declared_legacy_charset(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Caf\xe9 owners protest</title></head>'
        "<body><article><p>Caf\xe9 owners in the old town said on Monday that new rules on "
        "outdoor seating would cost them a third of their summer trade, and asked the council "
        "to delay the rules by one year.</p><p>The council said it would reply next week.</p>"
        "</article></body></html>"
    ).encode("cp1252")
    article = read_input(write(tmp_path, "legacy.html", html), ReadOptions())
    assert "Café owners in the old town" in article.text


# --- JSON -----------------------------------------------------------------------------------


def test_json_record(tmp_path: Path) -> None:
    record = {
        "title": "Dam inspection delayed",
        "content": "Dam inspection delayed\n\nEngineers said the inspection would wait a month.",
        "link": "https://news.example.com/dam",
        "date": "Tue, 02 May 2023 10:00:00 +0000",
        "site": "News Example",
    }
    article = read_input(write(tmp_path, "one.json", json.dumps(record)), ReadOptions())
    assert article.format == "json"
    assert article.text == record["content"]
    assert article.title == "Dam inspection delayed"
    assert article.url == "https://news.example.com/dam"
    assert article.published == "2023-05-02T10:00:00+00:00"
    assert article.published_source == "metadata"
    assert article.outlet == "News Example"


def test_json_sniffed_from_stdin_like_bytes() -> None:
    article = read_bytes(
        b' {"body": "Rates will rise, the bank said.", "source": {"name": "Wire"}}', None
    )
    assert article.format == "json" and article.outlet == "Wire"


def test_json_with_many_records_needs_a_batch(tmp_path: Path) -> None:
    path = write(tmp_path, "many.json", json.dumps([{"text": "One."}, {"text": "Two."}]))
    with pytest.raises(InputError, match="holds 2 records; read it as a batch"):
        read_input(path, ReadOptions())


def test_broken_json_reports_the_position(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not valid JSON: .* line 2, column"):
        read_input(write(tmp_path, "bad.json", '{"text": "a",\n "title": }'), ReadOptions())


def test_jsonl_with_a_bad_line_yields_an_error_and_goes_on() -> None:
    results = list(read_records(FIXTURES / "records.jsonl", ReadOptions()))
    assert [type(r).__name__ for r in results] == [
        "Article",
        "RecordError",
        "Article",
        "RecordError",
    ]
    first, bad, third, empty = results
    assert isinstance(first, Article) and first.title == "Port reopens after storm"
    assert first.published == "2023-05-02" and first.outlet == "The Riverside Courier"
    assert isinstance(bad, RecordError) and bad.line == 2 and bad.index == 2
    assert str(bad).startswith("record 2 (line 2): not valid JSON")
    assert isinstance(third, Article) and third.outlet == "City Times"
    assert third.text.startswith("Bus fares will rise")
    assert third.published == "2023-05-04T08:00:00+00:00"
    assert isinstance(empty, RecordError) and empty.line == 5  # line 4 is blank
    assert "no article text" in str(empty)


def test_json_array_records(tmp_path: Path) -> None:
    data = [
        {"text": "Prices rose by two percent in March, the statistics office said."},
        "not an object",
        {"text": "   "},
        {"text": "Ferry service resumes.", "published": "sometime soon"},
        {"text": "Rail line reopens.", "title": 42},
    ]
    results = list(read_records(write(tmp_path, "batch.json", json.dumps(data)), ReadOptions()))
    assert isinstance(results[0], Article)
    assert isinstance(results[1], RecordError) and "expected a JSON object" in str(results[1])
    assert isinstance(results[2], RecordError) and "'text' field is empty" in str(results[2])
    assert isinstance(results[3], Article) and results[3].published is None  # not a date
    assert isinstance(results[4], RecordError) and "'title' field must be a string" in str(
        results[4]
    )


def test_records_sniffed_without_extension(tmp_path: Path) -> None:
    lines = '{"text": "First story."}\n{"text": "Second story."}\n'
    results = list(read_records(write(tmp_path, "dump", lines), ReadOptions()))
    assert [r.text for r in results if isinstance(r, Article)] == ["First story.", "Second story."]
    pretty = json.dumps({"text": "One pretty-printed story."}, indent=2)
    results = list(read_records(write(tmp_path, "pretty", pretty), ReadOptions()))
    assert len(results) == 1 and isinstance(results[0], Article)


def test_jsonl_line_over_the_limit_is_one_error(tmp_path: Path) -> None:
    long_line = json.dumps({"text": "word " * 500})
    path = write(
        tmp_path, "long.jsonl", f'{{"text": "Short one."}}\n{long_line}\n{{"text": "After."}}\n'
    )
    results = list(read_records(path, ReadOptions(max_bytes=1000)))
    assert isinstance(results[1], RecordError) and "longer than the limit" in str(results[1])
    assert [r.text for r in results if isinstance(r, Article)] == ["Short one.", "After."]


def test_records_file_problems_raise_at_once(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "missing.jsonl", ReadOptions())
    with pytest.raises(InputError, match="PNG image"):
        read_records(
            write(tmp_path, "img.jsonl", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), ReadOptions()
        )
    big = tmp_path / "big.json"
    with big.open("wb") as f:
        f.truncate(5000)
    with pytest.raises(InputError, match="more than the limit"):
        read_records(big, ReadOptions(max_bytes=1000))


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf  \n"])
def test_empty_input(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(InputError, match="empty"):
        read_input(write(tmp_path, "empty.txt", data), ReadOptions())


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x06\x00", "a ZIP archive"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"\x7fELF\x02\x01\x01\x00", "an ELF executable"),
        (b"Headline\n\nSome text\x00with a NUL byte", "binary (it contains NUL bytes)"),
        (
            b"".join(bytes([i % 32]) for i in range(1, 400) if i % 32 not in (0, 9, 10, 13)),
            "control characters",
        ),
    ],
)
def test_binary_input_is_refused_naming_what_it_looks_like(
    tmp_path: Path, data: bytes, kind: str
) -> None:
    with pytest.raises(InputError, match="looks") as info:
        read_input(write(tmp_path, "input.txt", data), ReadOptions())
    assert kind in str(info.value)


def test_huge_file_is_refused_by_size_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(200 * 1024 * 1024)  # sparse: no 200 MB written to disk
    with pytest.raises(InputError) as info:
        read_input(str(path), ReadOptions())
    # The exact size comes from the file's metadata: a bounded read could not know it.
    assert "is 200.0 MiB (209,715,200 bytes), more than the limit of 20.0 MiB" in str(info.value)


def test_upload_over_the_limit() -> None:
    with pytest.raises(
        InputError, match=r"1\.0 KiB \(1,025 bytes\), more than the limit of 1\.0 KiB"
    ):
        read_bytes(b"a" * 1025, "big.txt", ReadOptions(max_bytes=1024))


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff\xfe\xfa\xfb\xfc", "UTF-16 byte-order mark but is not valid UTF-16"),
        (b"\xfa\xfb\xfc\xfd\xfe" * 40, "not valid UTF-8 text"),
        (b"Headline\n" + bytes(range(0x80, 0x100)) * 8, "not valid UTF-8 text"),
    ],
)
def test_undecodable_bytes(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_input(write(tmp_path, "bad.txt", data), ReadOptions())


def test_legacy_encoded_prose_is_decoded(tmp_path: Path) -> None:
    text = "Caf\xe9 owners said the na\xefve plan would \u201cruin\u201d the season.\n" * 3
    article = read_input(write(tmp_path, "cp1252.txt", text.encode("cp1252")), ReadOptions())
    assert article.text.startswith("Café owners said the naïve plan would “ruin” the season.")


def test_utf16_with_bom(tmp_path: Path) -> None:
    text = "Grüße aus Köln\n\nThe mayor said the bridge would reopen in May."
    for encoding, bom in (("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff")):
        article = read_input(
            write(tmp_path, f"{encoding}.txt", bom + text.encode(encoding)), ReadOptions()
        )
        assert article.text == text and article.title == "Grüße aus Köln"


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_input(str(tmp_path / "nope.txt"), ReadOptions())
    with pytest.raises(InputError, match="full URL, starting with https://"):
        read_input("www.example.com/news/story", ReadOptions())
    with pytest.raises(InputError, match="is a directory"):
        read_input(str(tmp_path), ReadOptions())


@pytest.mark.parametrize(
    "spec", ["file:///etc/passwd", "ftp://example.com/a.txt", "javascript:alert(1)"]
)
def test_non_http_urls_are_blocked(spec: str) -> None:
    with pytest.raises(BlockedAddressError, match="scheme is not allowed"):
        read_input(spec, ReadOptions())


# --- language -------------------------------------------------------------------------------


def test_non_english_text_is_read_with_its_language() -> None:
    article = read_input(str(FIXTURES / "german.txt"), ReadOptions())
    assert article.language == "de"
    assert article.language_score is not None and article.language_score > 0.9
    assert detect_language(article.text)[0] == "de"


# --- stdin ----------------------------------------------------------------------------------


def _run_stdin(data: bytes, max_bytes: int) -> subprocess.CompletedProcess[bytes]:
    code = (
        "import json, sys\n"
        "from claimgraph.errors import ClaimgraphError\n"
        "from claimgraph.options import ReadOptions\n"
        "from claimgraph.read import read_input\n"
        "try:\n"
        f"    a = read_input('-', ReadOptions(max_bytes={max_bytes}))\n"
        "except ClaimgraphError as e:\n"
        "    print(json.dumps({'error': str(e)}))\n"
        "else:\n"
        "    print(json.dumps(a.to_dict(with_text=True)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-c", code],
        input=data,
        capture_output=True,
        env=env,
        check=True,
        timeout=120,
    )


def test_stdin() -> None:
    out = _run_stdin(
        b"Storm closes port\r\n\r\nThe port closed on Sunday, officials said.\n", 10_000
    )
    result = json.loads(out.stdout)
    assert result["title"] == "Storm closes port"
    assert result["text"] == "Storm closes port\n\nThe port closed on Sunday, officials said.\n"
    assert result["format"] == "text" and result["language"] == "en"


def test_stdin_over_the_limit_and_html_on_stdin() -> None:
    out = _run_stdin(b"x" * 5000, 1000)
    assert json.loads(out.stdout) == {
        "error": "standard input is larger than the limit of 1,000 bytes"
    }
    out = _run_stdin((FIXTURES / "article.html").read_bytes(), 1_000_000)
    assert json.loads(out.stdout)["format"] == "html"


def test_errors_are_one_line_claimgraph_errors(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError) as info:
        read_input(write(tmp_path, "x.txt", b"\x00\x01\x02"), ReadOptions())
    assert "\n" not in str(info.value) and info.value.code == "E001"
