"""Ingest inputs: JSONL, RSS, Atom, WARC, folders; bad records skipped; feeds never fetched."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from claimgraph.corpus.inputs import count_inputs, iter_articles

BODY = ("The Ostmark ferry service will stop on Sundays from April, the harbour authority said on Monday.\n"
        "Passenger numbers fell by a third last winter, officials said.\n")


def _rss(path: Path) -> None:
    path.write_text(f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Ostmark Tidings</title><link>http://192.0.2.1/</link>
<item><title>Ferry cuts</title><link>http://192.0.2.1/ferry</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<description>{BODY}</description></item>
<item><title>Empty</title><link>http://192.0.2.1/empty</link></item>
</channel></rss>""", encoding="utf-8")


def _atom(path: Path) -> None:
    path.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ostmark Atom</title>
<entry><title>Bridge works</title><link href="http://192.0.2.1/bridge"/><updated>2024-03-06T10:00:00Z</updated>
<content type="html">&lt;p&gt;The Ostmark bridge will close for two weeks in May, the county engineer said.&lt;/p&gt;</content></entry>
</feed>""", encoding="utf-8")


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        html = (f"<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>"
                f"<p>{BODY}</p><p>The harbour authority said a new timetable would follow in March.</p></article></body></html>")
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://192.0.2.1/harbour", "response",
                                                      payload=io.BytesIO(html.encode()), http_headers=headers))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("http://192.0.2.1/x.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), http_headers=img))


def test_every_input_kind_is_read_and_bad_records_reported(tmp_path):
    (tmp_path / "a.txt").write_text("Ferry notes\n\n" + BODY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": BODY.replace("Sundays", "Mondays"), "outlet": "Ostmark Post", "date": "2024-03-04"}) + "\n"
        + "{not json\n" + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    _rss(tmp_path / "feed.rss")
    _atom(tmp_path / "feed.atom")
    _warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    items = list(iter_articles([str(tmp_path)]))
    good = {label.rsplit("/", 1)[-1]: art for label, art in items if not isinstance(art, Exception)}
    bad = [label.rsplit("/", 1)[-1] for label, art in items if isinstance(art, Exception)]
    assert sorted(good) == ["a.txt", "b.jsonl#1", "crawl.warc.gz#1", "feed.atom#1", "feed.rss#1"]
    assert sorted(bad) == ["b.jsonl#2", "b.jsonl#3", "feed.rss#2"]
    rss = good["feed.rss#1"]
    assert (rss.outlet, rss.published, rss.url) == ("Ostmark Tidings", "2024-03-05", "http://192.0.2.1/ferry")
    assert "Sundays from April" in rss.text
    assert good["feed.atom#1"].published == "2024-03-06" and "two weeks in May" in good["feed.atom#1"].text
    warc = good["crawl.warc.gz#1"]
    assert warc.url == "http://192.0.2.1/harbour" and "new timetable" in warc.text
    assert good["b.jsonl#1"].outlet == "Ostmark Post"
    assert count_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")]) == 4


def test_missing_path_is_a_one_line_error(tmp_path):
    from claimgraph.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        list(iter_articles([str(tmp_path / "nope")]))


def test_two_local_workers_store_the_same_as_one(tmp_path):
    """Parallel analysis gives the same stored claims as in-process analysis."""
    from claimgraph.corpus.ingest import IngestOptions, ingest
    from claimgraph.store import Store

    src = tmp_path / "in"
    src.mkdir()
    for i, town in enumerate(["Arden", "Bexley", "Corran", "Dunmore"]):
        (src / f"{i}.txt").write_text(f"{town} news\n\nThe {town} council approved {i + 3} new homes, the mayor said.\n",
                                      encoding="utf-8")
    results = []
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.db") as store:
            report = ingest(store, [str(src)], IngestOptions(workers=workers, embedder="hashed-lexical-v1"))
            assert report.stored == 4 and not report.bad
            results.append(sorted(tuple(r) for r in store.conn.execute(
                "SELECT article_id, claim_id, core, source_key FROM corpus_claims")))
    assert results[0] == results[1]


def test_cli_ingest_reports_and_skips_bad_input(tmp_path):
    from click.testing import CliRunner

    from claimgraph.cli import cli

    (tmp_path / "good.txt").write_text("Ferry notes\n\n" + BODY, encoding="utf-8")
    (tmp_path / "bad.json").write_text("[1, 2", encoding="utf-8")
    db = tmp_path / "c.db"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(db), "--embedder", "hashed-lexical-v1",
                                      "--json", "--no-progress"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    assert report["stored"] == 1 and len(report["bad"]) == 1 and "bad.json" in report["bad"][0]["input"]
