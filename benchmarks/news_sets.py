"""Development news as a verification test bed: an evidence store and articles to verify.

Shared by ``bench_verify.py`` (seconds per article at 10,000 passages) and
``scripts/annotate_verdicts.py`` (the hand-judged verdict pairs), so both measure the same thing.

* **Articles to verify** (held out, never stored as evidence): the Guardian/NYT Russia-Ukraine
  2022 development articles with sha1("verify:" + key) % 6 == 0 (about 48 of 286).
* **Evidence**: the other Russia-Ukraine articles, then BASIL development articles (US politics,
  2010-2019: realistic distractors) in hash order, until the store holds ``passages`` passages.
  They enter through ``add_evidence`` (what ``claimgraph evidence add`` runs) from a JSONL file
  with title, text and publication date.
* **Self-check articles**: a few *stored* Russia-Ukraine articles, verified against a store
  that holds them (issue 15: "an article checked against evidence that contains the article
  itself got 6 'disputed' and 1 'contradicted'").

Article texts are read from ``../shared/data/news`` and written only to temporary files or the
caller's store, never into the repository.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news"
if not NEWS.exists():
    NEWS = Path("/work/shared/data/news")


@dataclass(frozen=True, slots=True)
class NewsArticle:
    """One development article as the package's news-gold loader reads it (``key`` is its
    ``Article.id``, the id gold files use; ``text`` starts with the title)."""

    key: str
    collection: str
    title: str
    text: str
    published: str | None
    outlet: str | None
    url: str | None = None

    def record(self) -> dict[str, str | None]:
        """The JSONL record ``evidence add`` / ``verify`` read."""
        return {"title": self.title, "text": self.text, "published": self.published, "outlet": self.outlet,
                "url": self.url}


def _h(s: str) -> int:
    return int(hashlib.sha1(s.encode("utf-8")).hexdigest(), 16)


def articles(collection: str, news: Path = NEWS) -> list[NewsArticle]:
    """A collection's articles (50 words or more) through ``eval.newsgold.collection_articles``."""
    from claimgraph.eval.newsgold import collection_articles

    return [NewsArticle(a.id, collection, a.title or "", a.text, a.published, a.outlet, a.url)
            for a in collection_articles(news, collection) if len(a.text.split()) >= 50]


RUUKR = "guardian-nyt-russia-ukraine-2022"


def is_held_out(article: NewsArticle, salt: str = "verify", fold: int = 0) -> bool:
    """One Russia-Ukraine article in six; another ``salt`` draws another sixth (a second sample),
    another ``fold`` (0-5) of the same salt the next sixth (folds 0-5 hold out every article once,
    each against a store of the other five sixths)."""
    return article.collection == RUUKR and _h(f"{salt}:" + article.key) % 6 == fold


def split(passages: int = 10_000, news: Path = NEWS, salt: str = "verify",
          fold: int = 0) -> tuple[list[NewsArticle], list[NewsArticle]]:
    """(evidence articles adding up to about ``passages`` passages, held-out articles to verify)."""
    from claimgraph.verify.evidence import split_passages

    ru = articles(RUUKR, news)
    held = [a for a in ru if is_held_out(a, salt, fold)]
    pool = [a for a in ru if not is_held_out(a, salt, fold)] + sorted(articles("basil", news), key=lambda a: _h(a.key))
    stored, total = [], 0
    for a in pool:
        if total >= passages + 150:  # the collection repeats a few texts (one document each): land above
            break
        stored.append(a)
        total += len(split_passages(a.text))
    return stored, held


ALLSIDES = "allsides-article-bias-2020"


def allsides_stories(news: Path = NEWS) -> dict[str, tuple[str, str]]:
    """AllSides article id -> (topic, date): AllSides pairs left/center/right outlets on one
    story, so a (topic, date) group of three or more is usually one story (its README)."""
    by_url = {}
    for f in sorted((news / ALLSIDES / "jsons").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        by_url[d.get("url")] = (d.get("topic") or "", d.get("date") or "")
    return {a.key: by_url[a.url] for a in articles(ALLSIDES, news) if a.url in by_url}


def story_split(passages: int = 10_000, news: Path = NEWS, salt: str = "verify5",
                fold: int = 0) -> tuple[list[NewsArticle], list[NewsArticle]]:
    """(stored, held out) from AllSides stories that no earlier verdict sample used (the fifth
    sample: the Russia-Ukraine articles are used up). Stories ((topic, date) groups of >= 3
    articles) are taken in salted hash order; within a story, in salted order, the first
    half (rounded up, at most 3) goes into the store and the rest (at most 3) is held out, so
    every held-out article has same-story coverage by other outlets in the store, as a
    Russia-Ukraine article had in the earlier samples; stories are added until the store holds
    ``passages`` passages; ``fold`` k takes the k-th run of stories that fills a store (the
    folds share no story). A held-out article is never stored (checked)."""
    from claimgraph.verify.evidence import split_passages

    if fold == BASIL_FOLD:
        return basil_split(passages, news, salt)
    stories = allsides_stories(news)
    groups: dict[tuple[str, str], list[NewsArticle]] = {}
    for a in articles(ALLSIDES, news):
        if a.key in stories:
            groups.setdefault(stories[a.key], []).append(a)
    stored: list[NewsArticle] = []
    held: list[NewsArticle] = []
    total, block = 0, 0
    for key in sorted((k for k, g in groups.items() if len(g) >= 3), key=lambda k: _h(f"{salt}:{k[0]}:{k[1]}")):
        if total >= passages:
            if block == fold:
                break
            stored, held, total, block = [], [], 0, block + 1
        group = sorted({a.key: a for a in groups[key]}.values(), key=lambda a: _h(f"{salt}:{a.key}"))
        n_store = min(3, (len(group) + 1) // 2)
        stored += group[:n_store]
        held += group[n_store:n_store + 3]
        total += sum(len(split_passages(a.text)) for a in group[:n_store])
    keys = {a.key for a in stored}
    held = [a for a in held if a.key not in keys]  # the collection repeats a few texts
    for a in sorted(articles("basil", news), key=lambda a: _h(a.key)):
        if total >= passages:  # the last fold's stories do not fill a store: BASIL distractors do
            break
        stored.append(a)
        total += len(split_passages(a.text))
    return stored, held


BASIL_FOLD = 3
"""``story_split``'s fold of BASIL triplets (folds 0-2 are AllSides stories)."""


def basil_split(passages: int = 10_000, news: Path = NEWS,
                salt: str = "verify5") -> tuple[list[NewsArticle], list[NewsArticle]]:
    """(stored, held out) for BASIL: one article of each triplet (one event told by Fox, NYT and
    HuffPost) held out in salted order, the other two stored, then AllSides articles of no
    story ((topic, date) groups of fewer than three) as distractors up to ``passages``."""
    from claimgraph.eval.stories import basil_articles
    from claimgraph.verify.evidence import split_passages

    triplet = {d["text"]: d["gold"] for d in basil_articles(news / "basil")}
    groups: dict[str, list[NewsArticle]] = {}
    for a in articles("basil", news):
        groups.setdefault(triplet.get(a.text, a.key), []).append(a)
    stored: list[NewsArticle] = []
    held: list[NewsArticle] = []
    for key in sorted(groups, key=lambda k: _h(f"{salt}:{k}")):
        group = sorted(groups[key], key=lambda a: _h(f"{salt}:{a.key}"))
        if len(group) >= 2:
            held.append(group[0])
            stored += group[1:]
    total = sum(len(split_passages(a.text)) for a in stored)
    stories = allsides_stories(news)
    size = Counter(stories.values())
    for a in sorted(articles(ALLSIDES, news), key=lambda a: _h(f"{salt}:{a.key}")):
        if total >= passages:
            break
        if size[stories.get(a.key, ("", ""))] < 3:
            stored.append(a)
            total += len(split_passages(a.text))
    return stored, held


def write_jsonl(articles: list[NewsArticle], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps(a.record(), ensure_ascii=False) + "\n")
    return path


def build_store(db: Path, passages: int = 10_000, salt: str = "verify",
                fold: int = 0, stories: bool = False) -> tuple[list[NewsArticle], list[NewsArticle]]:
    """The evidence store at ``db`` (built through ``add_evidence`` unless it already exists);
    ``stories``: the AllSides split of ``story_split`` instead of the Russia-Ukraine folds."""
    import tempfile

    from claimgraph.store import open_store
    from claimgraph.store import verify_ops as ops
    from claimgraph.verify.evidence import add_evidence

    stored, held = story_split(passages, salt=salt, fold=fold) if stories else split(passages, salt=salt, fold=fold)
    with open_store(str(db)) as store:
        if ops.passage_count(store) == 0:
            with tempfile.TemporaryDirectory() as tmp:
                add_evidence(store, [write_jsonl(stored, Path(tmp) / "evidence.jsonl")])
        print(f"evidence: {ops.passage_count(store)} passages from {len(stored)} articles; "
              f"{len(held)} held-out articles", file=sys.stderr)
    return stored, held
