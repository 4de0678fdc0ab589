"""The findings gold set: every finding the product emitted on real articles, judged by hand.

A fact-checker's tool is judged on what it shows: a false alarm costs trust, trivia cost time,
and a miss costs the story. ``gold/findings/*.jsonl`` holds, per article, the judgments of the
findings the product emitted (useful / trivial / wrong, with a one-line reason) and the findings
a fact-checker would have wanted but did not get (misses). Offsets, labels and a text hash only,
never article text (guidelines: ``docs/gold-findings.md``)::

    {"article": "<16-hex id>", "sha256": "...", "collection": "...", "split": "tune" | "test",
     "annotator": "...",
     "judged": [{"kind": "vague_source", "start": s, "end": e, "label": "useful", "reason": "...",
                 "round": 1}],
     "missing": [{"kind": "unverified_media", "start": s, "end": e, "reason": "..."}]}

Scoring runs the product again and matches each finding to a judgment of the same kind whose
span overlaps it; a finding over a place the judge listed as a miss counts as useful (the
judge asked for it). A finding no judgment covers is *unjudged*: it is counted and listed, never
guessed, so a changed product is re-judged (``scripts/annotate_findings.py dump --gold``) before
its numbers are trusted. A miss is covered when any finding overlaps its span. Findings of
severity ``note`` (quiet bookkeeping such as wire-agency credits) are reported apart: they are
listed, not raised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from ..model import Article, Finding
from .newsgold import gold_files, load_articles, text_sha256

LABELS = ("useful", "trivial", "wrong")
QUIET = frozenset({"note"})
# A kind renamed since a judgment was made is still the same finding.
KIND_ALIASES: dict[str, str] = {}


@dataclass(slots=True)
class Judgment:
    kind: str
    start: int
    end: int
    label: str
    reason: str = ""
    round: int = 1


@dataclass(slots=True)
class Miss:
    kind: str
    start: int
    end: int
    reason: str = ""


@dataclass(slots=True)
class FindingsGold:
    article: str
    sha256: str
    collection: str
    split: str
    annotator: str = ""
    judged: list[Judgment] = field(default_factory=list)
    missing: list[Miss] = field(default_factory=list)


def _kind(kind: str) -> str:
    return KIND_ALIASES.get(kind, kind)


def matches(kind: str, start: int, end: int, j: Judgment) -> bool:
    """The same finding: the same kind (after renames) over overlapping text."""
    return _kind(kind) == _kind(j.kind) and start < j.end and j.start < end


def _parse(line: str, where: str) -> FindingsGold:
    import json

    try:
        d = json.loads(line)
        judged = [Judgment(j["kind"], int(j["start"]), int(j["end"]), j["label"], j.get("reason", ""),
                           int(j.get("round", 1))) for j in d.get("judged", [])]
        missing = [Miss(m["kind"], int(m["start"]), int(m["end"]), m.get("reason", ""))
                   for m in d.get("missing", [])]
        g = FindingsGold(d["article"], d["sha256"], d["collection"], d["split"], d.get("annotator", ""),
                         judged, missing)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataError(f"{where}: not a findings gold record ({exc})") from None
    for j in judged:
        if j.label not in LABELS:
            raise DataError(f"{where}: label {j.label!r} is not one of {', '.join(LABELS)}")
    if g.split not in ("tune", "test"):
        raise DataError(f"{where}: split must be tune or test")
    return g


def load_findings_gold(path: Path) -> list[FindingsGold]:
    out: list[FindingsGold] = []
    seen: set[str] = set()
    for f in gold_files(Path(path)):
        for no, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            g = _parse(line, f"{f.name}:{no}")
            if g.article in seen:
                raise DataError(f"{f.name}:{no}: article {g.article} is judged twice")
            seen.add(g.article)
            out.append(g)
    return out


@dataclass(slots=True)
class FindingsTally:
    articles: int = 0
    shown: int = 0
    labels: Counter = field(default_factory=Counter)
    unjudged: int = 0
    notes: int = 0
    gold_missing: int = 0
    missing_covered: int = 0
    by_kind: dict[str, Counter] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        judged = sum(self.labels.values())
        per100 = (lambda n: round(100.0 * n / self.articles, 2)) if self.articles else (lambda n: 0.0)
        missed = self.gold_missing - self.missing_covered
        return {
            "articles": self.articles, "findings": self.shown, "judged": judged, "unjudged": self.unjudged,
            "useful": self.labels["useful"], "trivial": self.labels["trivial"], "wrong": self.labels["wrong"],
            "false_alarms_per_100": per100(self.labels["wrong"]),
            "useful_share": round(self.labels["useful"] / judged, 4) if judged else 0.0,
            "misses": missed, "misses_per_100": per100(missed), "gold_missing": self.gold_missing,
            "notes": self.notes,
            "by_kind": {k: dict(c) for k, c in sorted(self.by_kind.items())},
        }


def score_findings(gold: FindingsGold, findings: list[Finding], tally: FindingsTally,
                   unjudged_out: list[dict[str, Any]] | None = None) -> None:
    tally.articles += 1
    tally.gold_missing += len(gold.missing)
    covered = [False] * len(gold.missing)
    for f in findings:
        places = [(f.start, f.end)] + [(s, e) for s, e in f.also]
        for i, m in enumerate(gold.missing):
            if any(s < m.end and m.start < e for s, e in places):
                covered[i] = True
        if f.severity in QUIET:
            tally.notes += 1
            continue
        tally.shown += 1
        hits = [j for j in gold.judged if matches(f.kind, f.start, f.end, j)]
        kind = tally.by_kind.setdefault(f.kind, Counter())
        if not hits and any(s < m.end and m.start < e for m in gold.missing for s, e in places):
            # the judge listed this place as a finding a fact-checker wants: useful
            tally.labels["useful"] += 1
            kind["useful"] += 1
            continue
        if not hits:
            tally.unjudged += 1
            kind["unjudged"] += 1
            if unjudged_out is not None:
                unjudged_out.append({"article": gold.article, "split": gold.split, "kind": f.kind,
                                     "start": f.start, "end": f.end, "message": f.message})
            continue
        # the latest round's judgment of the closest span decides
        best = max(hits, key=lambda j: (j.round, -abs(j.start - f.start) - abs(j.end - f.end)))
        tally.labels[best.label] += 1
        kind[best.label] += 1
    tally.missing_covered += sum(covered)


Predict = Callable[[Article], list[Finding]]


def evaluate_findings(gold_path: Path, news_dir: Path, predict: Predict,
                      split: str | None = None) -> dict[str, Any]:
    gold = load_findings_gold(gold_path)
    if split:
        gold = [g for g in gold if g.split == split]
    if not gold:
        raise DataError("no judged articles to score" + (f" in split {split!r}" if split else ""))
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.collection, set()).add(g.article)
    articles = load_articles(Path(news_dir), wanted)
    tallies = {"tune": FindingsTally(), "test": FindingsTally(), "all": FindingsTally()}
    unjudged: list[dict[str, Any]] = []
    for g in gold:
        art = articles[g.article]
        if text_sha256(art.text) != g.sha256:
            raise DataError(f"article {g.article}: its text changed since judging (hash differs)")
        found = predict(art)
        score_findings(g, found, tallies[g.split], unjudged)
        score_findings(g, found, tallies["all"])
    out: dict[str, Any] = {k: t.summary() for k, t in tallies.items() if t.articles}
    out["unjudged_findings"] = unjudged
    return out


def format_findings_report(result: dict[str, Any], show_unjudged: bool = False) -> str:
    lines = [f"{'split':6} {'arts':>4} {'shown':>5} {'useful':>6} {'trivial':>7} {'wrong':>5} {'unjudged':>8}"
             f"  {'FA/100':>6} {'useful%':>7} {'miss/100':>8} {'notes':>5}"]
    for key in ("tune", "test", "all"):
        s = result.get(key)
        if not s:
            continue
        lines.append(f"{key:6} {s['articles']:>4} {s['findings']:>5} {s['useful']:>6} {s['trivial']:>7} "
                     f"{s['wrong']:>5} {s['unjudged']:>8}  {s['false_alarms_per_100']:>6.1f} "
                     f"{100 * s['useful_share']:>6.1f}% {s['misses_per_100']:>8.1f} {s['notes']:>5}")
    lines.append("FA/100 = findings judged wrong per 100 articles; useful% = useful / judged; "
                 "miss/100 = wanted findings no finding covers, per 100 articles")
    every = result.get("all", {})
    if every.get("unjudged"):
        lines.append(f"{every['unjudged']} finding(s) have no judgment yet: judge them before trusting these "
                     f"numbers (scripts/annotate_findings.py dump --gold …)")
    if show_unjudged:
        for u in result.get("unjudged_findings", []):
            lines.append(f"  {u['article']} [{u['split']}] {u['kind']} {u['start']}-{u['end']}: {u['message'][:110]}")
    return "\n".join(lines)
