"""Fuzzing (hypothesis) of ``analyze`` and every reader: no exception but the documented ones.

Documented: :class:`~claimgraph.errors.ClaimgraphError` (one line, a stable code). Anything
else is a bug. For analyses the span invariants hold too: every offset lies in the text and
every span's text is ``text[start:end]``; a finding is ``about`` an attribution or claim of
the same analysis (or nothing); a claim's attribution exists.

The CI run is bounded to well under a minute (``FUZZ_SCALE`` 1). A long run is the same tests
with more examples:

    CLAIMGRAPH_FUZZ_SCALE=40 pytest -q tests/test_fuzz.py --hypothesis-show-statistics
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.errors import ClaimgraphError

SCALE = max(1, int(os.environ.get("CLAIMGRAPH_FUZZ_SCALE", "1")))


def fuzz(examples: int):  # type: ignore[no-untyped-def]
    return settings(max_examples=examples * SCALE, deadline=None, derandomize=SCALE == 1,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Pieces news text is made of, plus the awkward ones: calendar ends, surrogates, NUL, control
# characters, markup, handles, long numbers.
PIECES = st.sampled_from([
    "The minister said taxes will fall.", "“We will rebuild,” the mayor told reporters.",
    "According to the statistics office, prices rose 4.2 percent in May.",
    "A senior official, who spoke on condition of anonymity, said talks had failed.",
    "On Friday (December 31, 9999) the convoy stopped.", "January 1, 0001 was a Monday.",
    "the next day", "last year", "two days ago", "on the eighth day of the war", "Thursday, March 3, 2022",
    "— Jane Doe (@jane) March 9, 2022", "https://x.com/a/status/1", "@handle", "9" * 400,
    "\ud800", "\udfff", "\x00", "\x1b[31m", "<script>alert(1)</script>", "\u202e", "?", "\n", "\n\n", "“", "\"",
    "Sept. 30", "the 1990s", "Q3 2021", "day 400 of the war", "in 9000 years", "a decade later",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=40)), min_size=1, max_size=30).map(" ".join)
DATES = st.one_of(st.none(), st.sampled_from(["9999-12-31", "0001-01-01", "2024-02-29", "yesterday", "2024-13-01",
                                              "", " ", "1600-01-01", "2199-12-31", "20240514", "\ud800"]),
                  st.text(max_size=20))


def _check_analysis(a) -> None:  # type: ignore[no-untyped-def]
    text = a.article.text
    spans = []
    for att in a.attributions:
        spans += [att.cue, att.content] + ([att.source] if att.source else []) + list(att.hedges) + list(att.content_parts)
    for s in spans:
        assert 0 <= s.start <= s.end <= len(text) and text[s.start:s.end] == s.text
    for item in list(a.claims) + list(a.times) + list(a.entities):
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start:item.end] == item.text
    for m in a.media:
        assert 0 <= m.start <= m.end <= len(text)
    ids = {x.id for x in a.attributions} | {c.id for c in a.claims}
    for f in a.findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.about is None or f.about in ids, f.about
    att_ids = {x.id for x in a.attributions}
    assert all(c.attribution is None or c.attribution in att_ids for c in a.claims)
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")  # storable: no lone surrogates


@fuzz(25)
@given(text=TEXTS, published=DATES, title=st.one_of(st.none(), st.text(max_size=20)))
def test_analyze(text: str, published: str | None, title: str | None) -> None:
    from claimgraph import analyze
    from claimgraph.options import AnalyzeOptions

    try:
        a = analyze(text, title=title, published=published, options=AnalyzeOptions(require_english=False))
    except ClaimgraphError:
        return
    _check_analysis(a)


@fuzz(150)
@given(value=DATES)
def test_publication_dates(value: str | None) -> None:
    from claimgraph.read.dates import EARLIEST, LATEST, check_published, sane_date

    try:
        iso = check_published(value)
    except ClaimgraphError:
        assert sane_date(value) is None
        return
    if iso is not None:
        assert EARLIEST.isoformat() <= iso[:10] <= LATEST.isoformat()


JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), DATES),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "body", "content", "html", "title", "url", "published", "date", "outlet",
                         "source", "@type", "claimReviewed", "reviewRating", "@graph", "name"]) | st.text(max_size=8),
        inner, max_size=6),
    max_leaves=20,
)


@fuzz(200)
@given(record=JSON_VALUES)
def test_json_records(record: object) -> None:
    from claimgraph.read import article_from_record

    try:
        art = article_from_record(record)
    except ClaimgraphError:
        return
    art.text.encode("utf-8")
    assert art.id and (art.published is None or "0001" < art.published[:4] < "9999")


@fuzz(150)
@given(data=st.binary(max_size=600) | TEXTS.map(lambda t: t.encode("utf-8", "surrogatepass")),
       name=st.sampled_from(["a.txt", "a.html", "a.json", "a.jsonl", None]))
def test_read_bytes(data: bytes, name: str | None) -> None:
    from claimgraph.options import ReadOptions
    from claimgraph.read import read_bytes

    try:
        art = read_bytes(data, name, ReadOptions(max_bytes=4096))
    except ClaimgraphError:
        return
    art.text.encode("utf-8")


@fuzz(150)
@given(lines=st.lists(st.one_of(JSON_VALUES.map(lambda v: json.dumps(v).encode()), st.binary(max_size=80)),
                      max_size=8))
def test_jsonl_batches(lines: list[bytes]) -> None:
    from claimgraph.read.records import iter_jsonl

    for item in iter_jsonl(io.BytesIO(b"\n".join(lines)), 2048):
        if not isinstance(item, ClaimgraphError):
            item.text.encode("utf-8")


@fuzz(150)
@given(doc=JSON_VALUES.map(json.dumps) | st.text(max_size=200) | st.integers(0, 3000).map(lambda n: "[" * n))
def test_factcheck_imports(doc: str) -> None:
    from claimgraph.verify.factchecks import parse_claimreviews

    try:
        for fc in parse_claimreviews(doc):
            fc.claim.encode("utf-8")
    except ClaimgraphError:
        return


FEED_ITEMS = st.lists(st.tuples(st.text(max_size=20), TEXTS, DATES), max_size=4)


@fuzz(60)
@given(items=FEED_ITEMS, junk=st.binary(max_size=60))
def test_feeds(tmp_path_factory, items: list[tuple[str, str, str | None]], junk: bytes) -> None:
    from xml.sax.saxutils import escape

    from claimgraph.corpus.inputs import iter_articles

    body = "".join(f"<item><title>{escape(t)}</title><description>{escape(d)}</description>"
                   f"<pubDate>{escape(p or '')}</pubDate></item>" for t, d, p in items)
    path = Path(tmp_path_factory.mktemp("feed")) / "f.rss"
    path.write_bytes(f"<?xml version='1.0'?><rss><channel><title>T</title>{body}</channel></rss>".encode(
        "utf-8", "surrogatepass") + junk)
    for _, item in iter_articles([str(path)]):
        if not isinstance(item, ClaimgraphError):
            item.text.encode("utf-8")


@fuzz(40)
@given(pages=st.lists(TEXTS, min_size=1, max_size=3), cut=st.floats(0, 1), date=DATES)
def test_warc_files(tmp_path_factory, pages: list[str], cut: float, date: str | None) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from claimgraph.corpus.inputs import iter_articles

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, page in enumerate(pages):
        html = f"<html><body><article><p>{page}</p></article></body></html>".encode("utf-8", "surrogatepass")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        warc_headers = {"WARC-Date": date} if date and date.isascii() and "\n" not in date and "\r" not in date else None
        record = writer.create_warc_record(f"http://example.org/{i}", "response", payload=io.BytesIO(html),
                                           http_headers=headers, warc_headers_dict=warc_headers)
        writer.write_record(record)
    data = buf.getvalue()
    path = Path(tmp_path_factory.mktemp("warc")) / "a.warc.gz"
    path.write_bytes(data[: max(1, int(len(data) * cut))] if cut < 1 else data)
    for _, item in iter_articles([str(path)]):
        if not isinstance(item, ClaimgraphError):
            item.text.encode("utf-8")


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "soon"])
def test_bad_published_through_the_cli(tmp_path, capsys, published: str) -> None:
    """The issue's first reproduction: one clear line and exit 2, not an OverflowError."""
    from claimgraph.cli import main

    path = tmp_path / "a.txt"
    path.write_text("H\n\nThe minister said taxes will fall.\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        main(["analyze", str(path), "--published", published])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.count("\n") == 1 and "--published" in err
