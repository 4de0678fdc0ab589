"""Post exports: Telegram Desktop result.json and X/Twitter archives read into posts; bad exports
are one line (exit 2) and never cost what is already stored.

Fixtures: tests/fixtures/posts (invented channel and account; README there).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from claimgraph.corpus.inputs import files_of, iter_articles, iter_inputs
from claimgraph.errors import InputError
from claimgraph.options import ReadOptions
from claimgraph.read.posts import Post, safe_link

POSTS = Path(__file__).parent / "fixtures" / "posts"
TELEGRAM = POSTS / "telegram" / "result.json"
X_ARCHIVE = POSTS / "x-archive"


def _split(items):
    items = list(items)
    good = {label.rsplit("#", 1)[1]: item for label, item in items if isinstance(item, Post)}
    bad = {label.rsplit("#", 1)[-1]: str(item) for label, item in items if isinstance(item, Exception)}
    return good, bad


def test_telegram_export_gives_one_post_per_message_with_inferred_username():
    good, bad = _split(iter_inputs([str(TELEGRAM)]))
    assert sorted(good) == ["101", "102", "103", "104", "105"]  # the service message is not a post
    assert bad == {"not-a-number": "message 7: no message 'id' (a whole number)"}
    first = good["101"]
    assert (first.platform, first.handle, first.channel_id, first.author) == ("telegram", "ostmark_watch", "1700000001",
                                                                               "Ostmark Watch")
    assert first.handle_note.startswith("inferred: t.me/ostmark_watch or @ in 4 of 5 posts")
    assert first.posted_at == "2024-03-03T06:40:00+00:00"  # from date_unixtime (UTC), not the local "date"
    assert first.permalink == "https://t.me/ostmark_watch/101" and first.media == "video_file"
    assert first.text.startswith("The old grain silo") and first.text.endswith("@ostmark_watch")
    assert good["102"].text == "" and good["102"].article() is None  # a bare video: archived, nothing to analyse
    assert good["103"].forwarded_from == "Ostmark Harbour Authority"
    assert good["103"].links == ["https://harbour-authority.example/notice/12"]  # a text_link's hidden href
    assert "Details: our statement" in good["103"].text
    assert good["105"].links == ["https://t.me/ostmark_watch/101"] and good["105"].reply_to == "101"
    art = first.article()
    assert (art.format, art.title, art.url, art.outlet, art.published, art.published_source) == (
        "post", None, "https://t.me/ostmark_watch/101", "@ostmark_watch", "2024-03-03T06:40:00+00:00", "metadata")
    assert good["104"].article().language == "de"


def test_post_ids_are_stable_and_distinct_even_for_equal_texts():
    a = Post("telegram", "1", "2024-03-03T00:00:00+00:00", "Air raid alert in Ostmark.", channel_id="5")
    b = Post("telegram", "2", "2024-03-04T00:00:00+00:00", "Air raid alert in Ostmark.", channel_id="5")
    named = Post("telegram", "1", "2024-03-03T00:00:00+00:00", "Air raid alert in Ostmark.", handle="ostmark",
                 channel_id="5")
    assert a.article().id != b.article().id
    assert a.article().id == named.article().id  # naming the channel later finds the same rows
    assert a.permalink == "https://t.me/c/5/1" and named.permalink == "https://t.me/ostmark/1"


def test_handle_option_names_the_channel_and_a_bad_one_is_refused(tmp_path):
    good, _ = _split(iter_inputs([str(TELEGRAM)], handle="@Ostmark_Desk"))
    assert good["101"].permalink == "https://t.me/Ostmark_Desk/101" and good["101"].handle_key == "ostmark_desk"
    _, bad = _split(iter_inputs([str(TELEGRAM)], handle="no spaces allowed"))
    assert "is not a Telegram username" in next(iter(bad.values()))


def test_channel_without_a_username_signal_keeps_its_numeric_id(tmp_path):
    export = {"name": "Quiet Channel", "type": "private_channel", "id": 42, "messages": [
        {"id": 7, "type": "message", "date": "2024-01-02T03:04:05", "text": "The ferry to Varna was cancelled today."}]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    (post,) = [p for _, p in iter_inputs([str(path)])]
    assert post.handle is None and post.handle_key == "#42" and post.permalink == "https://t.me/c/42/7"
    assert post.posted_at == "2024-01-02T03:04:05"  # only "date": the exporting computer's local time, no zone


def test_full_account_export_reads_channels_and_public_groups_only(tmp_path):
    def chat(name, kind, cid, text, sender=None):
        return {"name": name, "type": kind, "id": cid, "messages": [
            {"id": 1, "type": "message", "date": "2024-01-02T03:04:05", "date_unixtime": "1704164645",
             "from": sender or name, "text": text}]}

    export = {"personal_information": {"first_name": "Test"}, "chats": {"about": "", "list": [
        chat("Harbour Desk", "public_channel", 11, "The ferry to Varna was cancelled today."),
        chat("Town Square", "public_supergroup", 12, "The market will close early on Friday.", sender="Ilse Marr"),
        chat("Ilse Marr", "personal_chat", 13, "Private: see you at eight."),
        chat("Saved Messages", "saved_messages", 14, "My own note.")]}}
    (tmp_path / "result.json").write_text(json.dumps(export), encoding="utf-8")
    posts = [p for _, p in iter_inputs([str(tmp_path / "result.json")])]
    assert [(p.channel_id, p.author, p.text) for p in posts] == [
        ("11", "Harbour Desk", "The ferry to Varna was cancelled today."),
        ("12", "Ilse Marr", "The market will close early on Friday.")]  # in a group, the sender is the author
    assert all(p.posted_at == "2024-01-02T03:04:05+00:00" for p in posts)


def test_x_archive_as_folder_data_folder_tweets_js_and_zip_gives_the_same_posts(tmp_path):
    zipped = tmp_path / "twitter-2024-03-05.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        for f in X_ARCHIVE.rglob("*"):
            if f.is_file():
                zf.write(f, str(f.relative_to(X_ARCHIVE)))
    runs = [_split(iter_inputs([str(p)])) for p in (X_ARCHIVE, X_ARCHIVE / "data", X_ARCHIVE / "data" / "tweets.js",
                                                     zipped)]
    for good, bad in runs:
        assert sorted(good) == ["1764000000000000001", "1764000000000000002", "1764000000000000003"]
        assert list(bad.values()) == [("tweet 4: 'created_at' 'yesterday at noon' is not a time "
                                      "(expected e.g. 'Wed Mar 02 10:00:00 +0000 2022')")]
        assert [(p.text, p.posted_at, p.permalink) for p in good.values()] == \
            [(p.text, p.posted_at, p.permalink) for p in runs[0][0].values()]
    good = runs[0][0]
    first = good["1764000000000000001"]
    assert (first.handle, first.author, first.channel_id) == ("elsby_reporter", "Mira Tallis", "990000000000000001")
    assert first.posted_at == "2024-03-03T05:50:00+00:00" and "crews & a fireboat" in first.text  # &amp; unescaped
    assert first.permalink == "https://x.com/elsby_reporter/status/1764000000000000001"
    assert good["1764000000000000002"].links == ["https://t.me/ostmark_watch/102"]  # t.co expanded
    assert good["1764000000000000003"].forwarded_from == "@elsby_county"  # a retweet
    # the archive's own viewer page is not an article
    assert [p.name for p, _ in files_of([str(X_ARCHIVE)])] == ["tweets.js"]


def test_tweets_js_without_account_js_uses_the_handle_option_or_the_id_permalink(tmp_path):
    shutil.copy(X_ARCHIVE / "data" / "tweets.js", tmp_path / "tweets.js")
    good, _ = _split(iter_inputs([str(tmp_path / "tweets.js")]))
    assert good["1764000000000000001"].permalink == "https://x.com/i/web/status/1764000000000000001"
    good, _ = _split(iter_inputs([str(tmp_path / "tweets.js")], handle="harbour_desk"))
    assert good["1764000000000000001"].permalink == "https://x.com/harbour_desk/status/1764000000000000001"


def test_iter_articles_turns_posts_into_articles_for_other_readers():
    labels = [label.rsplit("#", 1)[1] for label, item in iter_articles([str(TELEGRAM)]) if not isinstance(item, Exception)]
    assert labels == ["101", "103", "104", "105"]  # the bare video has no article


def test_permalinks_and_links_are_only_http():
    assert safe_link("https://t.me/x/1") == "https://t.me/x/1"
    for hostile in ("javascript:alert(1)", "data:text/html,<b>", "https://x.example/a b", 'https://x/"onmouseover=1',
                    "//evil.example/", None, ""):
        assert safe_link(hostile) is None


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory) -> Path:
    """A corpus holding one article, made once (copied by each test that may not lose it)."""
    from test_cli import run

    folder = tmp_path_factory.mktemp("stored")
    good = tmp_path_factory.mktemp("input") / "good.json"
    good.write_text(json.dumps({"text": "Harbour news\n\nThe Ostmark ferry will stop on Sundays, the harbour "
                                        "authority said.", "published": "2024-03-04"}), encoding="utf-8")
    db = folder / "c.db"
    proc = run("ingest", str(good), "--db", str(db), "--embedder", "hashed-lexical-v1", "--no-progress")
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.mark.parametrize("name,content,message", [
    ("result.json", '{"name": "X", "type": "public_channel", "messages": [', "is not valid JSON"),
    ("result.json", '{"name": "X", "type": "public_channel", "messages": {"id": 1}}', "has no 'messages' list"),
    ("result.json", '[{"messages": []}]', "expected a JSON object at the top"),
    ("tweets.js", "window.YTD.tweets.part0 = [ {\"tweet\": ", "is not valid JSON after its 'window.YTD' prefix"),
    ("tweets.js", "alert(document.cookie)", "should start with 'window.YTD.tweets.part0 = ['"),
    ("tweets.js", 'window.YTD.tweets.part0 = {"tweet": {}}', "expected a list of tweets"),
    ("archive.zip", "not a zip at all", "is not a readable zip file"),
])
def test_bad_export_is_one_line_exit_2_and_stored_data_survives(stored_db, tmp_path, name, content, message):
    from test_cli import assert_clean_error, run

    from claimgraph.store import Store

    for f in stored_db.parent.iterdir():
        shutil.copy(f, tmp_path / f.name)
    db = tmp_path / stored_db.name
    args = ["--db", str(db), "--embedder", "hashed-lexical-v1", "--no-progress"]
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    assert_clean_error(run("ingest", str(bad), *args), message, str(bad))
    with Store(db) as store:
        assert store.count() == 1 and store.conn.execute("SELECT count(*) FROM corpus_claims").fetchone()[0] >= 1


def test_oversized_export_and_zip_bomb_are_refused_before_parsing(tmp_path):
    small = ReadOptions(max_export_bytes=2048)
    big = tmp_path / "result.json"
    big.write_text(json.dumps({"name": "Big", "type": "public_channel", "id": 1, "messages": [
        {"id": i, "type": "message", "date": "2024-01-01T00:00:00", "text": "x" * 100} for i in range(100)]}),
        encoding="utf-8")
    ((_, err),) = list(iter_inputs([str(big)], small))
    assert isinstance(err, InputError) and "more than the limit of 2.0 KiB" in str(err)
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("data/tweets.js", "window.YTD.tweets.part0 = [" + " " * 5_000_000 + "]")
    ((_, err),) = list(iter_inputs([str(bomb)], small))
    assert "data/tweets.js is 4.8 MiB (5,000,028 bytes) unpacked, more than the limit" in str(err)


def test_a_record_file_is_not_mistaken_for_a_telegram_export(tmp_path):
    rec = tmp_path / "articles.json"
    rec.write_text(json.dumps([{"text": "The council approved the budget, the mayor said.", "type": "public_channel"}]),
                   encoding="utf-8")
    assert [k for _, k in files_of([str(rec)])] == ["json"]
    (tmp_path / "result.json").write_text(json.dumps({"text": "A record that happens to be called result.json."}),
                                          encoding="utf-8")
    assert [k for _, k in files_of([str(tmp_path / "result.json")])] == ["json"]


@pytest.mark.parametrize("url,ref", [
    ("https://t.me/ostmark_watch/101", ("telegram", "ostmark_watch", "101")),
    ("t.me/s/Ostmark_Watch/101?single", ("telegram", "ostmark_watch", "101")),
    ("https://telegram.me/ostmark_watch", ("telegram", "ostmark_watch", "")),
    ("https://t.me/c/1700000001/5", ("telegram", "#1700000001", "5")),
    ("https://x.com/elsby_reporter/status/1764000000000000001?s=20", ("twitter", "elsby_reporter", "1764000000000000001")),
    ("https://mobile.twitter.com/Elsby_Reporter/statuses/17", ("twitter", "elsby_reporter", "17")),
    ("https://x.com/i/web/status/1764000000000000001", ("twitter", "", "1764000000000000001")),
    ("https://twitter.com/elsby_reporter", ("twitter", "elsby_reporter", "")),
    ("https://t.me/joinchat/AbCdEf", None), ("https://t.me/c/1700000001", None), ("https://x.com/home", None),
    ("https://x.com/search?q=fire", None), ("https://example.com/t.me/ostmark_watch/1", None),
    ("https://t.me.evil.example/ostmark_watch/1", None),
])
def test_post_references_in_links(url, ref):
    from claimgraph.corpus.postlinks import ref_of_url

    got = ref_of_url(url)
    assert (got[:3] if got else None) == ref


def test_references_from_an_articles_media_and_how_they_match_posts():
    from claimgraph.corpus.postlinks import matches, names_handle, refs_of_media
    from claimgraph.extract.media import extract_media

    text = ("A video (https://t.me/ostmark_watch/101) and a post by @Elsby_County were shared.\n"
            "— Mira Tallis (@elsby_reporter) March 3, 2024")
    refs = {r[:3] for r in refs_of_media([m.to_dict() for m in extract_media(text)])}
    assert refs == {("telegram", "ostmark_watch", "101"), ("", "elsby_county", ""), ("twitter", "elsby_reporter", "")}
    post = {"platform": "telegram", "handle_key": "ostmark_watch", "post_id": "101", "forwarded_from": None}
    assert matches(("telegram", "ostmark_watch", "101", ""), post)
    assert not matches(("telegram", "other_channel", "101", ""), post)  # Telegram ids are per channel
    tweet = {"platform": "twitter", "handle_key": "elsby_reporter", "post_id": "9", "forwarded_from": "@Elsby_County"}
    assert matches(("twitter", "", "9", ""), tweet)  # X ids are global: i/web/status/<id> finds it
    assert names_handle(("", "elsby_county", "", ""), tweet)  # the account it reposted
    assert names_handle(("twitter", "elsby_reporter", "", ""), tweet)
    assert not names_handle(("telegram", "elsby_reporter", "", ""), tweet)
