"""Ingest rate of social posts (a synthetic Telegram export and X archive) against the same texts
ingested as JSON Lines articles, in the same run, same options, one core.

    nice .venv/bin/python benchmarks/bench_posts.py --posts 10000 [--embedder all-MiniLM-L6-v2]

The posts are invented (``synthetic_news``: one to three sentences each, invented names and
places), half in a Telegram Desktop ``result.json``, half in an X archive ``data/tweets.js``.
The same texts are then written as JSONL records and ingested into a second fresh database, so
the ratio (per stored item) isolates what the post path adds (reading the export, archiving the post rows,
storing references) from the analysis that both share. Also reported: the time to read the
exports alone (parse + Post objects, no analysis) and the time to build the provenance of
every family.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_news import _sentence

from claimgraph.corpus.ingest import IngestOptions, ingest
from claimgraph.corpus.inputs import iter_inputs
from claimgraph.store import Store

START = datetime(2024, 3, 1, tzinfo=UTC)


def texts(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct post texts (a repeated text would be one article but two posts)."""
    r = random.Random(seed)
    out: dict[str, None] = {}
    while len(out) < n:
        out[" ".join(_sentence(r) for _ in range(r.randint(1, 3)))] = None
    return list(out)


def write_exports(folder: Path, posts: list[str]) -> None:
    half = len(posts) // 2
    tg = folder / "telegram"
    tg.mkdir()
    messages = [{"id": i + 1, "type": "message", "date": (START + timedelta(minutes=7 * i)).isoformat()[:19],
                 "date_unixtime": str(int((START + timedelta(minutes=7 * i)).timestamp())),
                 "from": "Bench Channel", "from_id": "channel1", "text": t + "\n\n@bench_channel"}
                for i, t in enumerate(posts[:half])]
    (tg / "result.json").write_text(json.dumps({"name": "Bench Channel", "type": "public_channel", "id": 1,
                                                "messages": messages}), encoding="utf-8")
    data = folder / "x" / "data"
    data.mkdir(parents=True)
    (data / "account.js").write_text('window.YTD.account.part0 = [{"account": {"username": "bench_account", '
                                     '"accountId": "2"}}]', encoding="utf-8")
    tweets = [{"tweet": {"id_str": str(10**18 + i),
                         "created_at": (START + timedelta(minutes=5 * i)).strftime("%a %b %d %H:%M:%S +0000 %Y"),
                         "full_text": t, "entities": {"urls": [], "user_mentions": []}}}
              for i, t in enumerate(posts[half:])]
    (data / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(tweets), encoding="utf-8")


def run(store_path: Path, paths: list[Path], embedder: str) -> tuple[float, object]:
    with Store(store_path) as store:
        t0 = time.perf_counter()
        report = ingest(store, [str(p) for p in paths], IngestOptions(embedder=embedder, batch_size=8))
        return time.perf_counter() - t0, report


def provenance_time(db: Path) -> tuple[int, float]:
    """(families of 2+, seconds to build the provenance of all of them)."""
    from claimgraph.corpus.provenance import build, resolver_for

    with Store(db) as store:
        fams = [r[0] for r in store.conn.execute("SELECT id FROM corpus_families WHERE size >= 2")]
        resolver, outlets = resolver_for(store)
        t0 = time.perf_counter()
        for fid in fams:
            build(store, fid, resolver, outlets)
        return len(fams), time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--embedder", default="all-MiniLM-L6-v2")
    args = ap.parse_args()
    posts = texts(args.posts)
    with tempfile.TemporaryDirectory(prefix="bench-posts-") as tmp:
        root = Path(tmp)
        (root / "exports").mkdir()
        write_exports(root / "exports", posts)
        records = root / "articles.jsonl"
        records.write_text("".join(json.dumps({"text": t + "\n\n@bench_channel" if i < len(posts) // 2 else t,
                                               "published": (START + timedelta(minutes=i)).isoformat()}) + "\n"
                                   for i, t in enumerate(posts)), encoding="utf-8")
        warm = root / "warm.jsonl"  # models load once per process: not in either timed run
        warm.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts(16, seed=99)), encoding="utf-8")
        run(root / "warm.db", [warm], args.embedder)
        t0 = time.perf_counter()
        read = sum(1 for _ in iter_inputs([str(root / "exports")]))
        read_s = time.perf_counter() - t0
        post_s, post_report = run(root / "posts.db", [root / "exports"], args.embedder)
        art_s, art_report = run(root / "articles.db", [records], args.embedder)
        prov = {name: provenance_time(root / f"{name}.db") for name in ("posts", "articles")}
    result = {
        "posts": args.posts, "embedder": post_report.embedder,
        "read_exports_s": round(read_s, 2), "read_per_s": round(read / read_s, 1),
        "posts_ingest_s": round(post_s, 1), "posts_per_s": round(args.posts / post_s, 2),
        "posts_stored": post_report.stored, "posts_claims": post_report.claims,
        "articles_ingest_s": round(art_s, 1), "articles_per_s": round(args.posts / art_s, 2),
        "articles_stored": art_report.stored, "articles_claims": art_report.claims,
        "ratio_posts_to_articles": round((post_report.stored / post_s) / (art_report.stored / art_s), 3),
        "families_ge2": {k: v[0] for k, v in prov.items()},
        "provenance_all_families_s": {k: round(v[1], 2) for k, v in prov.items()},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
