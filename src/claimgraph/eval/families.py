"""``claimgraph eval families --gold``: are claim families and ``mutates`` edges right on real news?

The CLEF pairs (``corpus/calibrate.py``) measure the matching decision on debate sentences;
a fact-checker meets families in news, where the failures are different (a fragment founding
a family, casualty counts of four different strikes chained as "changed number"). So the gold
set here is claim pairs from the development news, judged by hand (``docs/gold-families.md``)
as ``same_claim``, ``same_topic`` or ``unrelated``. The gold file holds only article ids,
character offsets, labels, a one-line reason and each article's SHA-256 — never text, which is
read from ``../shared/data/news`` at evaluation time (a changed text is an error, not shifted
offsets).

One JSON object per line::

    {"pair": "<key>", "split": "tune" | "test", "sampled_as": "member" | "mutates" | "near_miss",
     "collection": "guardian-nyt-russia-ukraine-2022",
     "a": {"article": "<id>", "sha256": "<hash>", "start": 10, "end": 80},
     "b": {"article": "<id>", "sha256": "<hash>", "start": 5, "end": 70},
     "label": "same_claim" | "same_topic" | "unrelated", "reason": "...", "annotator": "...",
     "round": 2}

``round`` (1 when absent) says which blind round drew the pair: round 1 was sampled from the
product before issue 15, round 2 from the families of the product after it, so each measures
what a different product joined (``--round`` scores one of them).

Scoring builds a corpus from every article of the named collections with the product's own
``ingest`` (one worker, the collection's order, so the greedy families are reproducible),
finds each side's stored claim (the one overlapping the gold span most), and counts:

* membership: predicted positive when both claims are in one family; correct when the gold
  says ``same_claim``. Precision, recall (over ``same_claim`` pairs) and F1.
* ``mutates``: predicted when the family's provenance graph has a ``mutates`` edge between
  the two claims' appearances; correct when the gold says ``same_claim`` (a retelling of the
  same event that changed a detail, not a different event). Precision, and how many.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..model import Article
from .newsgold import collection_articles, text_sha256

LABELS = ("same_claim", "same_topic", "unrelated")
SPLITS = ("tune", "test")


@dataclass(frozen=True, slots=True)
class Side:
    article: str
    sha256: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldPair:
    pair: str
    split: str
    sampled_as: str
    collection: str
    a: Side
    b: Side
    label: str
    reason: str
    round: int = 1


def load_pairs(path: Path) -> list[GoldPair]:
    """Read and validate a pairs file; a bad line is a :class:`DataError` naming it."""
    out: list[GoldPair] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataError(f"cannot read the family gold file {path}: {exc}") from None
    for i, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            sides = [Side(d[k]["article"], d[k]["sha256"], int(d[k]["start"]), int(d[k]["end"])) for k in ("a", "b")]
            pair = GoldPair(d["pair"], d["split"], d.get("sampled_as", ""), d["collection"], sides[0], sides[1],
                            d["label"], d.get("reason", ""), int(d.get("round", 1)))
        except (ValueError, KeyError, TypeError) as exc:
            raise DataError(f"{path}:{i}: not a family gold pair ({exc})") from None
        if pair.label not in LABELS or pair.split not in SPLITS:
            raise DataError(f"{path}:{i}: label must be one of {LABELS} and split one of {SPLITS}")
        out.append(pair)
    if not out:
        raise DataError(f"{path} holds no gold pairs")
    return out


def collection_texts(news_dir: Path, collections: set[str]) -> list[Article]:
    """Every article of the collections, once each, in the collections' own order."""
    seen: set[str] = set()
    out: list[Article] = []
    for coll in sorted(collections):
        for art in collection_articles(Path(news_dir), coll):
            if art.id not in seen:
                seen.add(art.id)
                out.append(art)
    return out


def check_hashes(pairs: list[GoldPair], articles: dict[str, Article]) -> None:
    for p in pairs:
        for side in (p.a, p.b):
            art = articles.get(side.article)
            if art is None:
                raise DataError(f"pair {p.pair}: article {side.article} is not in the news folder")
            if text_sha256(art.text) != side.sha256:
                raise DataError(f"pair {p.pair}: the text of article {side.article} changed (SHA-256 differs); "
                                "the offsets no longer point at the judged claim")


def build_corpus(articles: list[Article], db: Path) -> None:
    """Ingest ``articles`` into the store at ``db`` with the product's own ingest (one worker)."""
    from ..corpus.ingest import IngestOptions, ingest
    from ..store import open_store

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "articles.jsonl"
        with src.open("w", encoding="utf-8") as fh:
            for a in articles:
                fh.write(json.dumps({"text": a.text, "title": a.title, "published": a.published,
                                     "outlet": a.outlet, "url": a.url}, ensure_ascii=False) + "\n")
        with open_store(str(db)) as store:
            ingest(store, [str(src)], IngestOptions(workers=1, batch_size=4))


def _claim_at(rows: list[dict[str, Any]], side: Side) -> dict[str, Any] | None:
    """The stored claim overlapping the gold span most (at least half of the shorter one)."""
    best, best_overlap = None, 0
    for r in rows:
        overlap = min(r["end_offset"], side.end) - max(r["start_offset"], side.start)
        if overlap > best_overlap:
            best, best_overlap = r, overlap
    if best is None:
        return None
    shorter = min(best["end_offset"] - best["start_offset"], side.end - side.start)
    return best if best_overlap * 2 >= shorter else None


def predict(db: Path, pairs: list[GoldPair]) -> list[dict[str, Any]]:
    """For each pair: the two stored claims, whether they share a family, and the edge kinds
    between their appearances in that family's provenance graph."""
    from ..corpus.provenance import build, resolver_for
    from ..store import open_store

    out: list[dict[str, Any]] = []
    with open_store(str(db)) as store:
        claims: dict[str, list[dict[str, Any]]] = {}
        for r in store.conn.execute("SELECT c.n, c.article_id, c.start_offset, c.end_offset, m.family_id "
                                    "FROM corpus_claims c LEFT JOIN corpus_family_members m ON m.claim_n = c.n"):
            claims.setdefault(r["article_id"], []).append(dict(r))
        resolver, outlets = resolver_for(store)
        graphs: dict[str, Any] = {}
        for p in pairs:
            ca, cb = _claim_at(claims.get(p.a.article, []), p.a), _claim_at(claims.get(p.b.article, []), p.b)
            fam = ca["family_id"] if ca and cb and ca["family_id"] and ca["family_id"] == cb["family_id"] else None
            kinds: set[str] = set()
            if fam:
                prov = graphs.get(fam) or graphs.setdefault(fam, build(store, fam, resolver, outlets))
                na, nb = _node_of(prov, ca["n"]), _node_of(prov, cb["n"])
                kinds = {e["kind"] for e in prov.edges if {e["src"], e["dst"]} == {na, nb}}
            out.append({"pair": p.pair, "found": bool(ca and cb), "same_family": fam is not None,
                        "edges": sorted(kinds)})
    return out


def _node_of(prov: Any, n: int) -> str | None:
    for node in prov.nodes:
        if node["kind"] == "claim" and (node["n"] == n or n in node.get("also", ())):
            return str(node["id"])
    return None


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score(pairs: list[GoldPair], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Membership P/R/F1 and ``mutates`` precision, overall and per split."""
    by_pair = {p["pair"]: p for p in predictions}
    out: dict[str, Any] = {}
    for split in ("all", *SPLITS):
        chosen = [p for p in pairs if split == "all" or p.split == split]
        tp = fp = fn = m_ok = m_bad = 0
        missing = 0
        wrong: list[dict[str, Any]] = []
        for p in chosen:
            pred = by_pair[p.pair]
            missing += not pred["found"]
            gold = p.label == "same_claim"
            same = pred["same_family"]
            tp += same and gold
            fp += same and not gold
            fn += gold and not same
            if "mutates" in pred["edges"]:
                m_ok += gold
                m_bad += not gold
            if same != gold:
                wrong.append({"pair": p.pair, "label": p.label, "predicted": "same family" if same else "apart",
                              "edges": pred["edges"], "reason": p.reason})
        prec, rec = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        f1 = round(2 * prec * rec / (prec + rec), 4) if prec and rec else None
        out[split] = {"pairs": len(chosen), "same_claim": sum(p.label == "same_claim" for p in chosen),
                      "claims_not_found": missing,
                      "membership": {"precision": prec, "recall": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn},
                      "mutates": {"precision": _ratio(m_ok, m_ok + m_bad), "edges": m_ok + m_bad, "correct": m_ok},
                      "errors": wrong}
    return out


def evaluate_gold(gold: Path, news_dir: Path, db: Path | None = None, split: str = "all",
                  round_: int | None = None) -> dict[str, Any]:
    """Score the product's families against ``gold``; ``db``: reuse (or keep) the built corpus;
    ``split``: only the pairs of one half, ``round_``: only one sampling round (the corpus is
    still built from every article)."""
    pairs = [p for p in load_pairs(gold) if (split == "all" or p.split == split)
             and (round_ is None or p.round == round_)]
    if not pairs:
        raise DataError(f"{gold}: no gold pairs in split {split!r}" + (f", round {round_}" if round_ else ""))
    articles = collection_texts(news_dir, {p.collection for p in pairs})
    check_hashes(pairs, {a.id: a for a in articles})
    if db is not None and db.exists():
        predictions = predict(db, pairs)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            target = db or Path(tmp) / "families.db"
            build_corpus(articles, target)
            predictions = predict(target, pairs)
    result = score(pairs, predictions)
    result["articles"] = len(articles)
    result["split"] = split
    result["round"] = round_
    if split != "all":
        result = {k: v for k, v in result.items() if k not in SPLITS or k == split}
        result.pop("all")
    return result


def format_gold_report(result: dict[str, Any]) -> str:
    shown = [s for s in ("all", *SPLITS) if s in result]
    total = sum(result[s]["pairs"] for s in shown if s != "all" or len(shown) == 1)
    lines = [f"family gold: {total} pairs over {result['articles']} articles"
             + (f" (round {result['round']})" if result.get("round") else "")]
    for split in shown:
        r = result[split]
        m, mu = r["membership"], r["mutates"]

        def f(x: float | None) -> str:
            return "  -  " if x is None else f"{x:.3f}"

        lines.append(f"  {split:4} pairs {r['pairs']:3} (same claim {r['same_claim']:3})  membership "
                     f"P {f(m['precision'])} R {f(m['recall'])} F1 {f(m['f1'])} (tp {m['tp']} fp {m['fp']} "
                     f"fn {m['fn']})  mutates P {f(mu['precision'])} ({mu['correct']}/{mu['edges']})"
                     + (f"  [{r['claims_not_found']} claim(s) not found]" if r["claims_not_found"] else ""))
    return "\n".join(lines)
