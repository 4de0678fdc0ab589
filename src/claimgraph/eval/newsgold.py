"""A hand-annotated gold set of attributions in real news, and its scorer.

PolNeAR measures span boundaries on political news of 2016; a fact-checker meets the output
on today's articles, where what matters is whether each attribution was found and given to
the right speaker. The gold files (``gold/attribution/*.jsonl``) hold, per article, only
offsets, labels and a hash of the article text: never the text, which stays in
``../shared/data/news`` and is read at evaluation time. The hash makes a changed reader or a
changed data file an error instead of silently shifted offsets.

One JSON object per line::

    {"article": "<16-hex id>", "sha256": "<hash of Article.text>",
     "collection": "guardian-nyt-russia-ukraine-2022" | "allsides-article-bias-2020" | "basil",
     "split": "tune" | "test", "annotator": "...",
     "attributions": [{"source": [[s, e]] | [], "cue": [[s, e], ...], "content": [[s, e], ...],
                       "type": "named_person" | ..., "speaker": "Volodymyr Zelenskiy" | null,
                       "speaker_mention": [s, e] | null, "mode": "direct" | "indirect"}]}

Scoring (``score_news``): a predicted and a gold attribution match when their contents share
at least half of the longer one's characters (after trimming quotes and edge punctuation) and
they name the same speaker (:func:`same_speaker`). Matching is one-to-one, best overlap
first. Reported: relation precision/recall/F1, the same ignoring the speaker (content only),
speaker accuracy and source-type accuracy among content matches, per split.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..model import SOURCE_TYPES, Article
from .spans import Fragment, prf, trim

if TYPE_CHECKING:  # pragma: no cover
    from .polnear import GoldDocument

COLLECTIONS = ("guardian-nyt-russia-ukraine-2022", "allsides-article-bias-2020", "basil")
GOLD_TYPES = SOURCE_TYPES
PRONOUNS = frozenset(
    "he she it they him her them his its their i we you who which that this these those one"
    " himself herself themselves".split()
)
_TITLES = re.compile(
    r"^(?:the |a |an )?(?:(?:mr|mrs|ms|dr|prof|gen|sen|rep|gov|col|lt|sgt|capt|president|"
    r"prime minister|minister|secretary|senator|governor|mayor|general|chancellor|king|queen|"
    r"pope|judge|justice|spokesman|spokeswoman|spokesperson)\.?\s+)+",
    re.IGNORECASE,
)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- articles


def collection_articles(news_dir: Path, collection: str) -> Iterator[Article]:
    from .corpora import allsides_articles, guardian_nyt_articles
    from .stories import basil_articles
    from ..read.plain import article_from_text

    folder = news_dir / collection
    if not folder.is_dir():
        raise DataError(f"news collection not found: {folder}")
    if collection == "guardian-nyt-russia-ukraine-2022":
        yield from guardian_nyt_articles(folder)
    elif collection == "allsides-article-bias-2020":
        yield from allsides_articles(folder)
    elif collection == "basil":
        for d in basil_articles(folder):
            title = d["text"].split("\n", 1)[0].strip() or None
            yield article_from_text(d["text"], title=title, published=d.get("date"),
                                    outlet=d.get("outlet") or None)
    else:
        raise DataError(f"unknown news collection {collection!r} (known: {', '.join(COLLECTIONS)})")


def load_articles(news_dir: Path, wanted: dict[str, set[str]]) -> dict[str, Article]:
    """Articles by id for ``{collection: {ids}}``; a missing id is a :class:`DataError`."""
    out: dict[str, Article] = {}
    for collection, ids in wanted.items():
        for art in collection_articles(Path(news_dir), collection):
            if art.id in ids:
                out[art.id] = art
        missing = ids - out.keys()
        if missing:
            raise DataError(f"{len(missing)} gold article(s) not found in {news_dir / collection}: "
                            f"{', '.join(sorted(missing)[:5])}")
    return out


# --------------------------------------------------------------------------- gold records


@dataclass(slots=True)
class GoldAttribution:
    source: list[Fragment]
    cue: list[Fragment]
    content: list[Fragment]
    type: str
    speaker: str | None
    speaker_mention: Fragment | None = None
    mode: str = "indirect"


@dataclass(slots=True)
class GoldArticle:
    article: str
    sha256: str
    collection: str
    split: str
    annotator: str = ""
    attributions: list[GoldAttribution] = field(default_factory=list)


def _frags(value: Any, where: str) -> list[Fragment]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(
        isinstance(f, list) and len(f) == 2 and all(isinstance(x, int) for x in f) and f[0] < f[1]
        for f in value
    ):
        raise DataError(f"{where}: expected a list of [start, end] offsets, got {value!r}")
    return [(f[0], f[1]) for f in value]


def parse_gold_line(line: str, where: str) -> GoldArticle:
    try:
        d = json.loads(line)
    except ValueError as exc:
        raise DataError(f"{where}: not JSON ({exc})") from None
    for key in ("article", "sha256", "collection", "split", "attributions"):
        if key not in d:
            raise DataError(f"{where}: missing key {key!r}")
    if d["split"] not in ("tune", "test"):
        raise DataError(f"{where}: split must be 'tune' or 'test'")
    if d["collection"] not in COLLECTIONS:
        raise DataError(f"{where}: unknown collection {d['collection']!r}")
    atts = []
    for i, a in enumerate(d["attributions"]):
        w = f"{where} attribution {i}"
        if a.get("type") not in GOLD_TYPES:
            raise DataError(f"{w}: type must be one of {', '.join(GOLD_TYPES)}")
        mention = a.get("speaker_mention")
        atts.append(GoldAttribution(
            source=_frags(a.get("source"), w), cue=_frags(a.get("cue"), w),
            content=_frags(a.get("content"), w), type=a["type"], speaker=a.get("speaker"),
            speaker_mention=tuple(mention) if mention else None,  # type: ignore[arg-type]
            mode=a.get("mode", "indirect"),
        ))
        if not atts[-1].content:
            raise DataError(f"{w}: an attribution needs a content span")
    return GoldArticle(d["article"], d["sha256"], d["collection"], d["split"],
                       d.get("annotator", ""), atts)


def gold_files(path: Path) -> list[Path]:
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.glob("*.jsonl") if p.name != "manifest.jsonl")
    elif path.is_file():
        files = [path]
    else:
        raise DataError(f"gold file or folder not found: {path}")
    if not files:
        raise DataError(f"no .jsonl gold files in {path}")
    return files


def load_gold(path: Path) -> list[GoldArticle]:
    """Every gold article in a file or a folder of ``.jsonl`` files (duplicates are an error)."""
    out: list[GoldArticle] = []
    seen: set[str] = set()
    for f in gold_files(path):
        for no, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            g = parse_gold_line(line, f"{f.name}:{no}")
            if g.article in seen:
                raise DataError(f"{f.name}:{no}: article {g.article} is annotated twice")
            seen.add(g.article)
            out.append(g)
    return out


def check_against(gold: GoldArticle, article: Article) -> None:
    """The article text must be the one annotated, and every offset must lie inside it."""
    if text_sha256(article.text) != gold.sha256:
        raise DataError(f"article {gold.article}: its text changed since annotation (hash differs)")
    n = len(article.text)
    for a in gold.attributions:
        for s, e in a.source + a.cue + a.content:
            if not 0 <= s < e <= n:
                raise DataError(f"article {gold.article}: offsets {s}-{e} outside the text")


# --------------------------------------------------------------------------- matching


def _norm_name(name: str | None) -> str:
    name = re.sub(r"[’']s\b", "", (name or "").lower())
    name = _TITLES.sub("", name.strip())
    name = re.sub(r"[^\w\s]", " ", name)
    return " ".join(name.split())


def _surname_match(g: str, p: str) -> bool:
    gt, pt = g.split(), p.split()
    return bool(gt and pt) and (gt[-1] == pt[-1] and len(gt[-1]) > 2)


def same_speaker(gold: GoldAttribution, pred: dict[str, Any]) -> bool:
    """Whether a prediction names the gold speaker.

    No gold speaker (anonymous or impersonal): the prediction must have no source or be typed
    anonymous. Otherwise the prediction's resolved name (or its source text) must equal, contain
    or be contained in the gold speaker's name once titles and possessives are dropped, or share
    its surname; a bare pronoun never names anyone.
    """
    src = pred.get("source") or None
    if not gold.speaker:
        return src is None or pred.get("source_type") == "anonymous"
    if src is None and not pred.get("source_name"):
        return False
    p = _norm_name(pred.get("source_name") or (src or {}).get("text"))
    g = _norm_name(gold.speaker)
    if not p or not g or p in PRONOUNS:
        return False
    if p == g or (len(p) >= 4 and p in g) or (len(g) >= 4 and g in p):
        return True
    return _surname_match(g, p)


def _trimmed(text: str, frags: Iterable[Fragment]) -> set[int]:
    chars: set[int] = set()
    for s, e in frags:
        t = trim(text, s, e)
        if t:
            chars.update(range(*t))
    return chars


def _pred_content(pred: dict[str, Any]) -> list[Fragment]:
    parts = pred.get("content_parts") or []
    if parts:
        return [(p["start"], p["end"]) for p in parts]
    c = pred["content"]
    return [(c["start"], c["end"])]


def content_overlap(a: set[int], b: set[int]) -> float:
    """Shared characters over the longer span: both must cover at least half of each other."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


@dataclass(slots=True)
class NewsTally:
    gold: int = 0
    pred: int = 0
    matched: int = 0  # content and speaker
    content_matched: int = 0
    speaker_right: int = 0
    type_right: int = 0
    types: Counter = field(default_factory=Counter)  # (gold type, predicted type) among content matches
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    wrong_speaker: list[dict[str, Any]] = field(default_factory=list)


def score_article(text: str, gold: GoldArticle, preds: list[dict[str, Any]], tally: NewsTally,
                  threshold: float = 0.5) -> None:
    """Add one article's counts to ``tally`` (matching is one-to-one, best overlap first)."""
    gsets = [_trimmed(text, g.content) for g in gold.attributions]
    psets = [_trimmed(text, _pred_content(p)) for p in preds]
    pairs = sorted(
        ((content_overlap(gs, ps), i, j) for i, gs in enumerate(gsets) for j, ps in enumerate(psets)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    for ov, i, j in pairs:
        if ov < threshold:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        g, p = gold.attributions[i], preds[j]
        tally.content_matched += 1
        speaker = same_speaker(g, p)
        tally.speaker_right += speaker
        tally.matched += speaker
        tally.type_right += g.type == p.get("source_type")
        tally.types[(g.type, p.get("source_type"))] += 1
        if not speaker:
            tally.wrong_speaker.append({"article": gold.article, "content": g.content,
                                        "gold": g.speaker, "pred": p.get("source_name")
                                        or (p.get("source") or {}).get("text")})
    tally.gold += len(gold.attributions)
    tally.pred += len(preds)
    for i, g in enumerate(gold.attributions):
        if i not in used_g:
            tally.misses.append({"article": gold.article, "content": g.content, "cue": g.cue,
                                 "speaker": g.speaker})
    for j, p in enumerate(preds):
        if j not in used_p:
            tally.false_alarms.append({"article": gold.article, "content": _pred_content(p),
                                       "cue": [p["cue"]["start"], p["cue"]["end"]]})


def summarize_news(t: NewsTally) -> dict[str, Any]:
    rel = prf(t.matched, t.pred, t.gold)
    content = prf(t.content_matched, t.pred, t.gold)
    cm = t.content_matched
    return {
        "articles_gold_relations": t.gold,
        "predicted": t.pred,
        "relation": rel,
        "content_only": content,
        "speaker_accuracy": round(t.speaker_right / cm, 4) if cm else 0.0,
        "type_accuracy": round(t.type_right / cm, 4) if cm else 0.0,
        "type_confusions": [
            {"gold": g, "pred": p, "count": n}
            for (g, p), n in t.types.most_common() if g != p
        ][:12],
    }


Predict = Callable[[Article], list[dict[str, Any]]]


def evaluate_news(gold_path: Path, news_dir: Path, predict: Predict,
                  split: str | None = None) -> dict[str, Any]:
    """Score ``predict`` (article → attribution dicts as in ``Analysis.to_dict``) per split."""
    gold = load_gold(gold_path)
    if split:
        gold = [g for g in gold if g.split == split]
    if not gold:
        raise DataError("no gold articles to score" + (f" in split {split!r}" if split else ""))
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.collection, set()).add(g.article)
    articles = load_articles(Path(news_dir), wanted)
    tallies = {"tune": NewsTally(), "test": NewsTally(), "all": NewsTally()}
    counts: Counter = Counter()
    for g in gold:
        art = articles[g.article]
        check_against(g, art)
        preds = predict(art)
        counts[g.split] += 1
        for key in (g.split, "all"):
            score_article(art.text, g, preds, tallies[key])
    out: dict[str, Any] = {"articles": dict(counts)}
    for key, t in tallies.items():
        if t.gold or t.pred:
            out[key] = summarize_news(t)
    out["_tallies"] = tallies
    return out


def format_news_report(result: dict[str, Any]) -> str:
    lines = [f"real-news attribution gold: {result['articles']} articles"]
    lines.append(f"{'split':6} {'gold':>5} {'pred':>5}  {'rel P':>6} {'rel R':>6} {'rel F1':>6}"
                 f"  {'cont P':>6} {'cont R':>6}  {'speaker':>7} {'type':>6}")
    for key in ("tune", "test", "all"):
        s = result.get(key)
        if not s:
            continue
        r, c = s["relation"], s["content_only"]
        lines.append(
            f"{key:6} {s['articles_gold_relations']:>5} {s['predicted']:>5}  {r['precision']:>6.3f} "
            f"{r['recall']:>6.3f} {r['f1']:>6.3f}  {c['precision']:>6.3f} {c['recall']:>6.3f}  "
            f"{s['speaker_accuracy']:>7.3f} {s['type_accuracy']:>6.3f}"
        )
    lines.append("relation = content overlap ≥ 0.5 of the longer span and the same speaker; "
                 "speaker/type accuracy among content matches")
    return "\n".join(lines)


# --------------------------------------------------------------------------- training data

TRAINABLE_SPLIT = "tune"


def training_documents(gold_path: Path, news_dir: Path, exclude: Iterable[str] = ()) -> list[GoldDocument]:
    """The **tune** half of the real-news gold as PolNeAR-shaped training documents.

    Why: the CRFs learned PolNeAR's 2016 US-politics conventions; our own annotations of war
    coverage and today's news teach the tagger the cues and spans a fact-checker records
    there (domain adaptation). Only the tune half is ever returned — the test half is what
    the project reports, and a model that saw it would report nothing — so the split is not
    a parameter. ``exclude`` drops articles by id (cross-validation inside the tune half).
    Relations without a cue (a quotation continued with no word of saying) teach the cue
    tagger nothing and are left out. Document names are ``news:<article id>``.
    """
    from .polnear import GoldDocument, GoldRelation  # noqa: F811 (runtime import)

    skip = set(exclude)
    gold = [g for g in load_gold(gold_path) if g.split == TRAINABLE_SPLIT and g.article not in skip]
    wanted: dict[str, set[str]] = {}
    for g in gold:
        wanted.setdefault(g.collection, set()).add(g.article)
    articles = load_articles(Path(news_dir), wanted)
    docs = []
    for g in gold:
        art = articles[g.article]
        check_against(g, art)
        rels = [GoldRelation("Attribution" if a.source else "Attribution-no-source",
                             list(a.source), list(a.cue), list(a.content))
                for a in g.attributions if a.cue]
        docs.append(GoldDocument(f"news:{g.article}", art.text, rels, g.annotator))
    return docs
