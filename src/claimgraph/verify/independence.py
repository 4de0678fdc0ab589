"""Independent evidence only: no verdict from the article itself or a copy of it.

A claim checked against a passage of its own article is "supported" by itself, and a live
blog's earlier entry "disputes" its later one; a syndicated copy or an updated version of the
article does the same under another id. Issue 15 saw it: an article checked against evidence
that contained the article got 6 "disputed" and 1 "contradicted". So before any stance is
taken, each retrieved passage is tested against the article being verified, and dropped, with
its reason kept in the verdict (``Verdict.excluded``), when

* its document *is* the article: the same text (the evidence id is a hash of it) or the same
  URL (scheme, ``www.``, query and trailing slash ignored);
* its document is a **near-duplicate** of the article: word 5-gram shingles with Jaccard
  similarity >= ``NEAR_DUPLICATE_JACCARD``, or one text nearly contained in the other
  (>= ``CONTAINED`` of the smaller one's shingles in the larger: an excerpt, an extended
  version, a live blog grown since it was stored);
* the passage's own words are in the article: >= ``CONTAINED`` of its shingles (a short
  passage: its normalised text as a substring). Copied text (a quote lifted from the same wire
  copy, a paragraph reused) is not a second witness.

Shingles are sets of hashed lower-cased word 5-grams, computed once per article and once per
evidence document (cached by the document's content-hash id), so the test costs a few set
intersections.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..corpus.text import words as text_words

SHINGLE = 5
NEAR_DUPLICATE_JACCARD = 0.5
"""Word 5-gram Jaccard from which two documents are one story in two copies. Different
reports of the same event share names and phrases, but rarely half of their 5-grams; edited
copies of one report (a headline changed, a paragraph added) stay far above it."""
CONTAINED = 0.8
"""Share of the smaller text's 5-grams found in the larger from which it counts as contained
(an excerpt of the article, or a passage copied from it, allowing small edits)."""
_DOC_CACHE = 2048
# evidence ids are hashes of the document text, so a document's shingles never change: kept
# across articles (oldest first out), they are computed once per process, not once per article
_DOC_SHINGLES: dict[str, frozenset[int]] = {}


def shingles(text: str, n: int = SHINGLE) -> frozenset[int]:
    """Hashed word n-grams of ``text`` (a text shorter than n words gives one shingle of all of it)."""
    words = text_words(text)
    if len(words) < n:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(n)))))  # tuples: no string joins


def normalise_url(url: str | None) -> str | None:
    """``https://www.x.com/a/b/?utm=1`` and ``http://x.com/a/b`` are one address."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if not host:
        return None
    return host + parts.path.rstrip("/")


def evidence_doc_id(text: str) -> str:
    """The id ``add_evidence`` gives a document of this text (kept in step with it)."""
    return "ev-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A retrieved passage left out of a verdict, and why (shown with the verdict)."""

    passage_id: str
    doc_id: str
    source: str
    start: int
    end: int
    kind: str  # same_article | near_duplicate | copied_text
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"passage_id": self.passage_id, "doc_id": self.doc_id, "source": self.source,
                "start": self.start, "end": self.end, "kind": self.kind, "reason": self.reason}


class SourceFilter:
    """Tests passages against one article: built once per article, asked once per passage.

    ``doc_text`` looks up an evidence document's full text by id (the store's), needed for the
    near-duplicate test; each document is read and shingled at most once per article.
    """

    def __init__(self, article_text: str, article_url: str | None,
                 doc_text: Callable[[str], str | None]) -> None:
        self.doc_id = evidence_doc_id(article_text)
        self.url = normalise_url(article_url)
        self.shingles = shingles(article_text)
        self.flat = " ".join(text_words(article_text))
        self._doc_text = doc_text
        self._docs: dict[str, tuple[str, str] | None] = {}

    def exclusion(self, passage: dict[str, Any]) -> Exclusion | None:
        """Why ``passage`` (a row of ``EvidenceIndex.search``) is not independent of the article,
        or None when it is."""
        found = self._document(passage)
        if found is None:
            found = self._copied(passage["text"])
        if found is None:
            return None
        kind, why = found
        return Exclusion(passage["id"], passage["doc_id"], passage.get("source") or "", passage["start"],
                         passage["end"], kind, why)

    def _document(self, passage: dict[str, Any]) -> tuple[str, str] | None:
        doc_id = passage["doc_id"]
        if doc_id not in self._docs:
            self._docs[doc_id] = self._judge_document(doc_id, passage.get("url"))
        return self._docs[doc_id]

    def _judge_document(self, doc_id: str, url: str | None) -> tuple[str, str] | None:
        if doc_id == self.doc_id:
            return "same_article", "from the article itself (same text)"
        if self.url and normalise_url(url) == self.url:
            return "same_article", f"from the article itself (same URL {url})"
        other = _DOC_SHINGLES.get(doc_id)
        if other is None:
            text = self._doc_text(doc_id)
            if not text:
                return None
            other = shingles(text)
            if len(_DOC_SHINGLES) >= _DOC_CACHE:
                _DOC_SHINGLES.pop(next(iter(_DOC_SHINGLES)))
            _DOC_SHINGLES[doc_id] = other
        if not other or not self.shingles:
            return None
        shared = len(other & self.shingles)
        jaccard = shared / len(other | self.shingles)
        contained = shared / min(len(other), len(self.shingles))
        if jaccard >= NEAR_DUPLICATE_JACCARD:
            return "near_duplicate", f"from a near-duplicate of the article ({jaccard:.0%} of 5-word sequences shared)"
        if contained >= CONTAINED:
            return "near_duplicate", (f"from a copy of the article or an excerpt of it ({contained:.0%} of the "
                                      "shorter text's 5-word sequences are in the other)")
        return None

    def _copied(self, text: str) -> tuple[str, str] | None:
        words = text_words(text)
        if len(words) < SHINGLE:
            flat = " ".join(words)
            if flat and f" {flat} " in f" {self.flat} ":
                return "copied_text", "the passage appears word for word in the article (not an independent source)"
            return None
        mine = shingles(text)
        share = len(mine & self.shingles) / len(mine)
        if share >= CONTAINED:
            return "copied_text", (f"the passage's words are in the article ({share:.0%} of its 5-word sequences): "
                                   "copied text is not an independent source")
        return None
