"""Posts in the corpus: archived Telegram and X posts are occurrences, an article's t.me / x.com
link or @handle cites them, and a post can be a claim's first appearance.

Real SQLite (and PostgreSQL when its binaries are present), the MiniLM embedder, the invented
exports in tests/fixtures/posts and two invented articles written here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

POSTS = Path(__file__).parent / "fixtures" / "posts"
SILO = "The grain silo at Ostmark harbour collapsed after a fire"
ARTICLES = {
    "tidings.json": {
        "outlet": "Ostmark Tidings", "published": "2024-03-03", "url": "https://ostmark-tidings.example/silo",
        "title": "Grain silo collapses at Ostmark harbour",
        "text": "Grain silo collapses at Ostmark harbour\n\nThe old grain silo at Ostmark harbour collapsed overnight "
                "after a fire, firefighters said on Sunday. A video posted on the Telegram channel Ostmark Watch "
                "(https://t.me/ostmark_watch/101) shows the tower falling into the water.\nThe harbour master said "
                "the quay would stay closed for several days."},
    "courier.json": {
        "outlet": "County Courier", "published": "2024-03-04", "url": "https://county-courier.example/smoke",
        "title": "Smoke over Ostmark",
        "text": "Smoke over Ostmark\n\nThick smoke hung over the Ostmark harbour district for most of Sunday morning, "
                "residents told the County Courier. Footage shared on Telegram (t.me/ostmark_watch/102) shows black "
                "clouds above the quay.\nThe county council will hold an emergency meeting on the harbour fire on "
                "Monday evening, according to a post by @elsby_county."},
}


def _minilm() -> None:
    from claimgraph.corpus.embed import minilm_available

    if not minilm_available():
        pytest.skip("the ONNX MiniLM embedder cannot run here (onnxruntime, tokenizers or model file missing)")


def _articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, record in ARTICLES.items():
        (folder / name).write_text(json.dumps(record), encoding="utf-8")
    return folder


def _ingest(store, paths):
    from claimgraph.corpus.ingest import IngestOptions, ingest

    return ingest(store, [str(p) for p in paths], IngestOptions(embedder="all-MiniLM-L6-v2"))


def _trace(store, text):
    from claimgraph.corpus.provenance import build
    from claimgraph.corpus.trace import find_family

    fid, _ = find_family(store, claim_text=text)
    return build(store, fid)


def _named_edges(prov):
    name = {n["id"]: n.get("outlet") or n.get("name") for n in prov.nodes}
    return {(e["kind"], name[e["src"]], name[e["dst"]]) for e in prov.edges}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    from claimgraph.store import Store

    _minilm()
    root = tmp_path_factory.mktemp("posts")
    store = Store(root / "c.db")
    report = _ingest(store, [_articles(root / "articles"), POSTS])
    yield store, report, root
    store.close()


def test_report_counts_posts_and_their_texts(corpus):
    store, report, _ = corpus
    # 2 articles + 6 post texts (TG 101, 103, 105; X 3 tweets); the bare video and the German post are archived only
    assert (report.stored, report.posts, report.posts_without_text, report.posts_not_english) == (8, 8, 1, 1)
    assert sorted(b[0].rsplit("#", 1)[1] for b in report.bad) == ["1764000000000000004", "not-a-number"]
    assert any("using @ostmark_watch (inferred" in n for n in report.notes)
    from claimgraph.store import posts_ops

    assert posts_ops.post_counts(store) == {"telegram": 5, "twitter": 3}
    kinds = dict(store.conn.execute("SELECT key, kind FROM corpus_sources WHERE key IN ('ostmark_watch', "
                                    "'elsby_reporter')").fetchall())
    assert kinds == {"ostmark_watch": "post", "elsby_reporter": "post"}


def test_the_telegram_post_is_the_first_appearance_of_the_article_that_links_it(corpus):
    store, _, _ = corpus
    prov = _trace(store, SILO)
    post = next(n for n in prov.nodes if n.get("post"))
    article = next(n for n in prov.nodes if n["kind"] == "claim" and not n.get("post"))
    assert prov.earliest == [post["id"]] and prov.timeline == [post["id"], article["id"]]
    assert post["outlet"] == "Telegram @ostmark_watch" and post["published"] == "2024-03-03T06:40:00+00:00"
    assert {k: post["post"][k] for k in ("platform", "handle", "post_id",
                                                                            "permalink", "media")} == {
        "platform": "telegram", "handle": "ostmark_watch", "post_id": "101",
        "permalink": "https://t.me/ostmark_watch/101", "media": "video_file"}
    cites = [e for e in prov.edges if e["kind"] == "cites"]
    assert [(e["src"], e["dst"]) for e in cites] == [(article["id"], post["id"])]
    assert cites[0]["reason"] == "the article links to the archived post https://t.me/ostmark_watch/101"
    assert cites[0]["detail"]["via"] == "link"
    assert _named_edges(prov) == {("cites", "Ostmark Tidings", "Telegram @ostmark_watch"),
                                  ("repeats", "Ostmark Tidings", "Telegram @ostmark_watch")}


def test_a_linked_post_without_the_claim_is_an_external_post_node(corpus):
    store, _, _ = corpus
    prov = _trace(store, "Footage shared on Telegram shows black clouds above the quay")
    (ext,) = [n for n in prov.nodes if n["kind"] == "source"]
    assert ext["name"] == "Telegram @ostmark_watch, post 102" and ext["post"]["permalink"] == \
        "https://t.me/ostmark_watch/102"
    (edge,) = [e for e in prov.edges if e["dst"] == ext["id"]]
    assert edge["kind"] == "cites" and edge["reason"].endswith("the post has no analysed text (media: video_file)")


def test_a_handle_finds_the_retweet_of_that_account(corpus):
    store, _, _ = corpus
    prov = _trace(store, "The county council will hold an emergency meeting on the harbour fire")
    cite = next(e for e in prov.edges if e["kind"] == "cites")
    assert cite["detail"]["via"] == "handle"
    assert cite["reason"] == ("the article names @elsby_county, whose archived post carries the claim "
                              "(reposted by X (Twitter) @elsby_reporter)")
    assert [prov.node(i)["outlet"] for i in prov.earliest] == ["X (Twitter) @elsby_reporter"]


def test_posts_first_or_articles_first_give_the_same_graph_and_a_rerun_stores_nothing(corpus, tmp_path):
    from claimgraph.store import Store

    store, _, root = corpus
    expected = {text: _named_edges(_trace(store, text)) for text in (SILO, ("The county council will hold an "
                                                                     "emergency meeting on the harbour fire"))}
    with Store(tmp_path / "reverse.db") as other:
        first = _ingest(other, [POSTS])
        assert first.stored == 6
        second = _ingest(other, [root / "articles"])
        assert second.stored == 2
        assert {t: _named_edges(_trace(other, t)) for t in expected} == expected
        again = _ingest(other, [root / "articles", POSTS])
        assert (again.stored, again.skipped, again.posts) == (0, 8, 8)
        assert other.conn.execute("SELECT count(*) FROM corpus_posts").fetchone()[0] == 8


def test_a_database_from_before_posts_is_backfilled_and_linked(tmp_path):
    """An existing corpus: the migration adds the tables and leaves a backfill job; the next
    ingest fills the references of the articles already stored from their analyses."""
    from claimgraph.store import Store

    _minilm()
    with Store(tmp_path / "old.db") as store:
        _ingest(store, [_articles(tmp_path / "articles")])
        # as a database migrated from before 0501 is: no references, the backfill job pending
        store.conn.execute("DELETE FROM corpus_post_refs")
        store.conn.execute("INSERT INTO corpus_backfills(name) VALUES ('post_refs')")
        _ingest(store, [POSTS])
        assert store.conn.execute("SELECT count(*) FROM corpus_backfills").fetchone()[0] == 0
        prov = _trace(store, SILO)
        assert ("cites", "Ostmark Tidings", "Telegram @ostmark_watch") in _named_edges(prov)
        assert [prov.node(i)["outlet"] for i in prov.earliest] == ["Telegram @ostmark_watch"]


def test_cli_ingest_and_trace_show_the_post(tmp_path):
    from test_cli import run

    _minilm()
    db = tmp_path / "c.db"
    proc = run("ingest", str(_articles(tmp_path / "articles")), str(POSTS / "telegram"), "--db", str(db),
               "--handle", "ostmark_watch", "--no-progress", "--embedder", "all-MiniLM-L6-v2")
    assert proc.returncode == 0, proc.stderr.decode()
    summary = proc.stdout.decode()
    assert "stored 5 article(s)" in summary  # the 2 articles and 3 of the channel's 5 posts
    assert "archived 5 post(s) (1 without text, 1 not English: not analysed)" in summary
    assert "inferred" not in proc.stderr.decode()  # --handle named the channel
    out = run("trace", SILO, "--db", str(db)).stdout.decode()
    assert "FIRST" in out and "Telegram" in out and "links to the archived" in out
    traced = json.loads(run("trace", SILO, "--db", str(db), "--json").stdout)
    first = next(n for n in traced["nodes"] if n["id"] == traced["earliest"][0])
    assert first["outlet"] == "Telegram @ostmark_watch" and first["post"]["permalink"] == "https://t.me/ostmark_watch/101"


def test_family_page_renders_the_post_and_escapes_export_text(tmp_path):
    """The web app shows a post occurrence as a post; names from an export are hostile text."""
    from test_server_process import ServerProcess

    from claimgraph.store import Store

    _minilm()
    hostile = {"name": "<img src=x onerror=alert(1)>", "type": "public_channel", "id": 77, "messages": [
        {"id": 5, "type": "message", "date_unixtime": "1709444400", "date": "2024-03-03T05:40:00",
         "forwarded_from": "<script>window.pwned=1</script>",
         "text": "The old grain silo at Ostmark harbour collapsed overnight after a fire, firefighters said."}]}
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "result.json").write_text(json.dumps(hostile), encoding="utf-8")
    db = tmp_path / "c.db"
    with Store(db) as store:
        _ingest(store, [_articles(tmp_path / "articles"), exports, POSTS / "telegram"])
        fid = _trace(store, SILO).family_id
        smoke = _trace(store, "Footage shared on Telegram shows black clouds above the quay").family_id
    srv = ServerProcess(db, "--no-preload")
    try:
        with srv.client() as http:
            page = http.get(f"/families/{fid}").text
            linked = http.get(f"/families/{smoke}").text
    finally:
        srv.stop()
    # a linked post outside the family: listed with the cited sources, as a post
    assert "<b>Telegram @ostmark_watch, post 102</b>" in linked
    assert 'href="https://t.me/ostmark_watch/102"' in linked and "video file" in linked
    assert "Telegram post</span>" in page and 'href="https://t.me/c/77/5"' in page
    assert "<script>window.pwned" not in page and "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<time datetime="2024-03-03T05:40:00+00:00">2024-03-03 05:40 UTC</time>' in page


def test_posts_on_postgres(pg_url, tmp_path, monkeypatch):
    from claimgraph.store import open_store, posts_ops

    _minilm()
    monkeypatch.setenv("CLAIMGRAPH_INDEX_DIR", str(tmp_path))
    with open_store(pg_url) as store:
        assert "0501_posts_archived_posts_and_refs" in store.applied_migrations()
        report = _ingest(store, [_articles(tmp_path / "articles"), POSTS])
        assert (report.stored, report.posts) == (8, 8)
        assert posts_ops.post_counts(store) == {"telegram": 5, "twitter": 3}
        prov = _trace(store, SILO)
        assert [prov.node(i)["outlet"] for i in prov.earliest] == ["Telegram @ostmark_watch"]
        assert ("cites", "Ostmark Tidings", "Telegram @ostmark_watch") in _named_edges(prov)
        again = _ingest(store, [POSTS])
        assert (again.stored, again.skipped) == (0, 6)
