"""Issue 13 at the unit level: bounded reads, bad records skipped not fatal, the time budget,
escaped LIKE prefixes, span lookups that replace quadratic scans."""

from __future__ import annotations

import gzip
import io
import json
import random
import time
from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError, InputError, TimeBudgetError
from claimgraph.options import ReadOptions

GOOD = "The council said on Tuesday that the harbour wall will be repaired next spring, officials said."


def _items(paths: list[Path], options: ReadOptions | None = None) -> list[tuple[str, object]]:
    from claimgraph.corpus.inputs import iter_articles

    return list(iter_articles([str(p) for p in paths], options))


def _warc(path: Path, pages: list[bytes]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, html in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://example.org/{i}", "response",
                                                      payload=io.BytesIO(html), http_headers=headers))
    path.write_bytes(buf.getvalue())
    return buf.getvalue()


def _page(words: str) -> bytes:
    return f"<html><body><article><h1>Harbour</h1><p>{words}</p></article></body></html>".encode()


def test_a_huge_warc_record_is_reported_and_the_others_read(tmp_path):
    path = tmp_path / "a.warc.gz"
    _warc(path, [_page(GOOD), _page(GOOD.replace("wall", "gate") + " x" * 600_000), _page(GOOD.replace("harbour", "bridge"))])
    assert path.stat().st_size < 200_000  # small on disk, 1.2 MB inside
    items = _items([path], ReadOptions(max_bytes=512 * 1024))
    kinds = [type(x).__name__ for _, x in items]
    assert kinds == ["Article", "InputError", "Article"]
    assert "larger than the limit" in str(items[1][1])


def test_a_truncated_warc_is_reported(tmp_path):
    path = tmp_path / "t.warc.gz"
    data = _warc(path, [_page(GOOD), _page(GOOD.replace("wall", "gate")), _page(GOOD.replace("harbour", "bridge"))])
    path.write_bytes(data[:-50])  # inside the last record (each record is its own gzip member)
    items = _items([path])
    errors = [str(x) for _, x in items if isinstance(x, ClaimgraphError)]
    assert errors and "truncated" in errors[-1]
    assert any(not isinstance(x, ClaimgraphError) for _, x in items)
    path.write_bytes(data[:100])  # cut inside the first record's headers
    assert all(isinstance(x, ClaimgraphError) for _, x in _items([path]))


def test_files_and_feeds_are_refused_by_size_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + GOOD * 200, encoding="utf-8")
    feed = tmp_path / "f.rss"
    feed.write_text("<rss><channel><title>T</title>" + "<item><title>a</title><description>"
                    + GOOD * 50 + "</description></item>" * 1 + "</channel></rss>", encoding="utf-8")
    items = _items([big, feed], ReadOptions(max_bytes=4096))
    assert [type(x).__name__ for _, x in items] == ["InputError", "InputError"]
    assert "more than the limit" in str(items[0][1]) and "split the feed" in str(items[1][1])


def test_one_bad_jsonl_record_does_not_sink_the_file(tmp_path):
    path = tmp_path / "b.jsonl"
    rows = [json.dumps({"text": GOOD}).encode(), b'{"text": "bad \x00 byte"}',
            json.dumps({"text": GOOD + " Again.", "published": "9999-12-31"}).encode(),
            json.dumps({"text": GOOD + " Third.", "published": "2024-05-14"}).encode()]
    path.write_bytes(b"\n".join(rows) + b"\n")
    items = _items([path])
    assert [type(x).__name__ for _, x in items] == ["Article", "RecordError", "RecordError", "Article"]
    assert "out of range" in str(items[2][1])


def test_feed_dates_off_the_calendar_are_ignored(tmp_path):
    feed = tmp_path / "f.rss"
    feed.write_text("<rss><channel><title>T</title><item><title>Harbour</title><description>" + GOOD
                    + "</description><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate></item></channel></rss>",
                    encoding="utf-8")
    (_, art), = _items([feed])
    assert not isinstance(art, ClaimgraphError) and art.published is None  # type: ignore[attr-defined]


def test_surrogates_and_nul_become_replacement_characters_at_the_same_offsets():
    from claimgraph.read import article_from_text, make_article_id

    art = article_from_text("Title \ud800\n\nBody \x00 text " + GOOD, title="T \udc00")
    assert "\ud800" not in art.text and "\x00" not in art.text
    assert art.text.index("Body") == len("Title \ud800\n\n")
    assert art.title == "T \ufffd" and art.id == make_article_id(art.text)


def test_the_time_budget_stops_the_work_and_the_process_goes_on():
    from claimgraph.budget import time_budget

    t0 = time.monotonic()
    with pytest.raises(TimeBudgetError, match="time budget of 0.2 s"):
        with time_budget(0.2):
            while True:
                sum(range(1000))
    assert time.monotonic() - t0 < 30
    with time_budget(5):  # a fresh budget in the same process works, and ends disarmed
        pass
    with pytest.raises(InputError):  # errors of the work itself pass through unchanged
        with time_budget(5):
            raise InputError("x")


def test_the_budget_still_stops_the_work_when_its_first_signal_is_swallowed():
    """A gc callback or finaliser swallows exceptions; the alarm must come again, not be lost."""
    from claimgraph.budget import time_budget

    swallowed = 0
    deadline = time.monotonic() + 5
    with pytest.raises(TimeBudgetError):
        with time_budget(0.2):
            while time.monotonic() < deadline:
                try:
                    sum(range(1000))
                except BaseException:  # what Python does with an exception raised in a gc callback
                    swallowed += 1
                    if swallowed > 1:
                        raise
    assert swallowed == 2 and time.monotonic() < deadline


def test_an_ingest_article_over_the_budget_is_reported_and_the_batch_goes_on():
    from claimgraph.corpus.work import Worker, WorkOptions, article_to_dict
    from claimgraph.read import article_from_text

    long = "Report\n\n" + " ".join(f"The mayor said the {i}th bridge would cost {i} million more." for i in range(3000))
    batch = [article_to_dict(article_from_text(t)) for t in (long, "Harbour\n\n" + GOOD)]
    results = {r["id"]: r for r in Worker(WorkOptions(embedder="hashed-lexical-v1", time_budget=3)).run(batch)}
    assert "time budget of 3 s" in results[batch[0]["id"]]["error"]
    assert "analysis" in results[batch[1]["id"]] and results[batch[1]["id"]]["claims"]


def test_like_wildcards_and_huge_numbers_in_references(tmp_path):
    from claimgraph import analyze
    from claimgraph.store import Store
    from claimgraph.store import corpus_ops as ops

    store = Store(tmp_path / "s.db")
    a = analyze("Harbour\n\n" + GOOD, published="2024-05-14")
    store.save(a)
    assert store.get(a.article.id[:6]) is not None
    for ref in (a.article.id[:5] + "%", a.article.id[:5] + "_", "%%%%%%", "______", "\\%%%%%"):
        assert store.get(ref) is None, ref
    assert ops.claim_n_by_ref(store, "9" * 5000) is None
    assert ops.claim_n_by_ref(store, "²") is None  # a Unicode digit is not a claim number
    assert ops.claim_n_by_ref(store, "%%%%%%:c1") is None
    store.close()


def test_span_lookups_agree_with_the_scans_they_replace():
    from claimgraph.checks.nearby import ByStart, Intervals

    rng = random.Random(13)
    for _ in range(200):
        spans = [(s, s + rng.randint(0, 30)) for s in (rng.randint(0, 500) for _ in range(rng.randint(0, 20)))]
        iv = Intervals(spans)
        for _ in range(20):
            s = rng.randint(0, 520)
            e = s + rng.randint(0, 40)
            assert iv.overlaps(s, e) == any(min(hi, e) - max(lo, s) > 0 for lo, hi in spans)

        class S:
            def __init__(self, a: int, b: int) -> None:
                self.start, self.end = a, b

        items = [S(a, b) for a, b in spans]
        index = ByStart(items)
        lo, hi = sorted((rng.randint(0, 520), rng.randint(0, 520)))
        assert {id(x) for x in index.inside(lo, hi)} == {id(x) for x in items if lo <= x.start and x.end <= hi}


def test_gzip_bomb_fact_checks_are_refused(tmp_path, monkeypatch):
    from claimgraph.verify import factchecks

    monkeypatch.setattr(factchecks, "MAX_FACTCHECK_BYTES", 10_000)
    path = tmp_path / "f.json.gz"
    path.write_bytes(gzip.compress(b"[" + b" " * 1_000_000 + b"]"))
    with pytest.raises(InputError, match="split it"):
        factchecks.load_factchecks(path)
