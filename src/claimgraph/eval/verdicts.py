"""Precision of verdicts on hand-judged claim–passage pairs from development news.

Issue 15: "a supported/contradicted verdict only when the calibrated stance and the rules
agree (report precision of verdicts on a hand-judged sample)". The gold file
(``gold/verdicts/pairs.jsonl``, written by ``scripts/annotate_verdicts.py``) holds pairs that a
version of ``claimgraph verify`` turned into verdicts: a claim of a held-out Guardian/NYT
article and the evidence passage of *another* development article that decided it, with a
fact-checker's label. Like the other news gold sets it holds offsets and SHA-256 hashes only,
never text; the texts are read from the news folder and checked against the hashes. One JSON
object per line::

    {"pair": "<id>", "article": "<id>", "collection": "...", "sha256": "<hash of Article.text>",
     "claim": [s, e], "claim_sha256": "...",
     "evidence_article": "<id>", "evidence_collection": "...", "evidence_sha256": "...",
     "passage": [s, e], "passage_sha256": "...",
     "before": {"verdict": "supported", "stance": "supports"} | null,
     "label": "supports" | "refutes" | "not enough info" | "unrelated", "reason": "...",
     "stratum": "default" | "all"}  (optional)

``before`` is what the product said when the pair was drawn (the code before issue 15's verdict
work). The current product is asked again, pair by pair (``current_stance``): is the claim
verified by default (check-worthy), is the passage independent of the article, and do the
stance model and the rules agree on it? Precision is the share of pairs given *supports* whose
label is ``supports`` plus those given *contradicts* labelled ``refutes``, over all pairs given
either. A pair the product no longer turns into a verdict is not counted against precision
(it is counted as "withdrawn"). ``stratum`` (fourth sample on) says how the pair was drawn:
``default`` from the check-worthy claims ``verify`` checks by default, ``all`` only from
``verify --all``; an ``all`` pair is asked again with ``all_claims`` and precision is also
reported per stratum.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..model import Analysis, Article

LABELS = ("supports", "refutes", "not enough info", "unrelated")
AGREES = {"supports": "supports", "contradicts": "refutes"}


@dataclass(slots=True)
class VerdictPair:
    pair: str
    article: str
    collection: str
    sha256: str
    claim: tuple[int, int]
    evidence_article: str
    evidence_collection: str
    evidence_sha256: str
    passage: tuple[int, int]
    label: str
    reason: str
    before: dict[str, Any] | None
    claim_sha256: str = ""
    passage_sha256: str = ""
    stratum: str = ""


def load_pairs(path: Path) -> list[VerdictPair]:
    pairs = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            pair = VerdictPair(d["pair"], d["article"], d["collection"], d["sha256"], tuple(d["claim"]),
                               d["evidence_article"], d["evidence_collection"], d["evidence_sha256"],
                               tuple(d["passage"]), d["label"], d.get("reason", ""), d.get("before"),
                               d.get("claim_sha256", ""), d.get("passage_sha256", ""), d.get("stratum") or "")
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"{path}:{n}: not a verdict pair ({exc})") from None
        if pair.label not in LABELS:
            raise DataError(f"{path}:{n}: label {pair.label!r} is not one of {', '.join(LABELS)}")
        pairs.append(pair)
    if not pairs:
        raise DataError(f"{path}: no pairs")
    return pairs


def precision(stances: list[tuple[str | None, str]]) -> dict[str, Any]:
    """Precision over (product stance or None, gold label) pairs, overall and per stance."""
    given = [(s, g) for s, g in stances if s in AGREES]
    right = [1 for s, g in given if AGREES[s] == g]
    by = {}
    for stance in AGREES:
        mine = [(s, g) for s, g in given if s == stance]
        by[stance] = {"verdicts": len(mine), "right": sum(1 for s, g in mine if AGREES[s] == g),
                      "precision": round(sum(1 for s, g in mine if AGREES[s] == g) / len(mine), 4) if mine else None}
    return {"verdicts": len(given), "right": len(right),
            "precision": round(len(right) / len(given), 4) if given else None, **by}


def _articles(pairs: list[VerdictPair], news_dir: Path) -> dict[str, Article]:
    from .newsgold import load_articles, text_sha256

    wanted: dict[str, set[str]] = {}
    for p in pairs:
        wanted.setdefault(p.collection, set()).add(p.article)
        wanted.setdefault(p.evidence_collection, set()).add(p.evidence_article)
    arts = load_articles(news_dir, wanted)
    for p in pairs:
        for aid, digest, span, span_digest in ((p.article, p.sha256, p.claim, p.claim_sha256),
                                               (p.evidence_article, p.evidence_sha256, p.passage, p.passage_sha256)):
            text = arts[aid].text
            if text_sha256(text) != digest or (span_digest and text_sha256(text[span[0]:span[1]]) != span_digest):
                raise DataError(f"pair {p.pair}: the text of article {aid} changed (hash mismatch); "
                                "re-draw the pairs with scripts/annotate_verdicts.py")
    return arts


def current_stances(pairs: list[VerdictPair], news_dir: Path, options: Any = None) -> list[tuple[str | None, str]]:
    """What the current product makes of each pair: (stance it would decide a verdict with, or
    None; which step kept or stopped it: ``kept``, ``not extracted``, ``not check-worthy``,
    ``not independent: …``, ``no agreement: …``), through the functions ``verify_analysis`` calls."""
    from ..pipeline import analyze_article
    from ..verify.embed import encode
    from ..verify.independence import SourceFilter, evidence_doc_id
    from ..verify.textnorm import day_number
    from ..verify.options import VerifyOptions
    from ..verify.verdict import claims_to_verify, independent_passages, judge_passages

    options = options or VerifyOptions()
    every = replace(options, all_claims=True)
    arts = _articles(pairs, news_dir)
    analyses: dict[str, Analysis] = {}
    out: list[tuple[str | None, str]] = []
    for p in pairs:
        art, ev = arts[p.article], arts[p.evidence_article]
        if p.article not in analyses:
            analyses[p.article] = analyze_article(art)
        analysis = analyses[p.article]
        claim = next((c for c in analysis.claims if (c.start, c.end) == p.claim), None)
        if claim is None:
            out.append((None, "not extracted"))
            continue
        if claim not in claims_to_verify(analysis, every if p.stratum == "all" else options):
            out.append((None, "not check-worthy"))
            continue
        text = ev.text[p.passage[0]:p.passage[1]]
        doc_id = evidence_doc_id(ev.text)
        row = {"id": f"{doc_id}:{p.passage[0]}", "doc_id": doc_id, "source": p.evidence_article, "text": text,
               "start": p.passage[0], "end": p.passage[1], "url": ev.url, "published": ev.published}
        docs = {doc_id: ev.text}
        kept, excluded = independent_passages([row], SourceFilter(art.text, art.url, docs.get), 1)
        if excluded:
            out.append((None, f"not independent: {excluded[0].kind}"))
            continue
        vecs = encode([claim.text, text])
        kept[0]["cosine"] = float(vecs[0] @ vecs[1])
        item = judge_passages(claim, kept, claim.start, every if p.stratum == "all" else options,
                              day_number(art.published))[0]
        if item.agreed:
            out.append((item.stance, "kept"))
        elif item.stance == "neutral":
            out.append((None, "no stance"))
        else:
            out.append((None, f"no agreement on {item.stance}"))
    return out


def evaluate_verdicts(gold: Path, news_dir: Path) -> dict[str, Any]:
    """Precision before (as recorded) and now (the current product, pair by pair)."""
    pairs = load_pairs(gold)
    before = [((p.before or {}).get("stance"), p.label) for p in pairs]
    now = current_stances(pairs, news_dir)
    withdrawn = Counter(why for (_, why), (old, _) in zip(now, before) if old in AGREES)
    result = {"pairs": len(pairs), "labels": dict(Counter(p.label for p in pairs)),
              "before": precision(before), "after": precision([(s, p.label) for (s, _), p in zip(now, pairs)]),
              "before_pairs_now": dict(withdrawn)}
    if any(p.stratum for p in pairs):
        result["after_by_stratum"] = by_stratum(pairs, [s for s, _ in now])
        result["after_not_kept"] = dict(Counter(why for _, why in now if why != "kept"))
    return result


def by_stratum(pairs: list[VerdictPair], stances: list[str | None]) -> dict[str, Any]:
    """Precision of the current product per stratum (how the pairs were drawn), with the labels."""
    out = {}
    for stratum in sorted({p.stratum or "-" for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if (p.stratum or "-") == stratum]
        out[stratum] = {"pairs": len(idx), "labels": dict(Counter(pairs[i].label for i in idx)),
                        **precision([(stances[i], pairs[i].label) for i in idx])}
    return out
