"""Run the two trained CRF taggers over a parsed document: cues, then each cue's source and content.

The weights are CRFsuite files trained on PolNeAR (``scripts/train_attribution.py``). They ship
apart from the Apache-2.0 code, in the ``claimgraph_polnear`` package, because PolNeAR's
authors state no licence (see that package's LICENCE-NOTE.md); when it is absent the product
falls back to the rule extractor and says so.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .features import DocFeatures, cue_features, role_features

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

TokenSpan = tuple[int, int]  # token indices, end exclusive


@dataclass(slots=True)
class Relation:
    """One attribution in token indices: a cue, its source (maybe none), its content pieces."""

    cue: TokenSpan
    source: TokenSpan | None
    content: list[TokenSpan] = field(default_factory=list)
    score: float = 0.0


def chunks(tags: list[str], label: str) -> list[TokenSpan]:
    """BIO chunks of one label; an ``I-`` without a ``B-`` starts a chunk (CRF output is lenient)."""
    out: list[TokenSpan] = []
    start = None
    for i, t in enumerate(tags + ["O"]):
        if t == f"B-{label}" or (t == f"I-{label}" and start is None):
            if start is not None:
                out.append((start, i))
            start = i
        elif t != f"I-{label}":
            if start is not None:
                out.append((start, i))
            start = None
    return out


def _within_sentences(df: DocFeatures, cue: TokenSpan, piece: TokenSpan) -> list[TokenSpan]:
    """A content piece that runs on past the end of a sentence is cut there, unless a quotation
    carries it over: the tagger sometimes lets an indirect content swallow the next sentence
    ("… said the Kremlin was responsible. Rescue workers scoured …"), which a reader would
    never attribute to the speaker. A piece in a sentence before the cue's is kept whole."""
    s, e = piece
    qf = df.qf
    starts = df.sent_start
    for i in range(s + 1, e):
        if starts[i] and not (qf[i] and qf[i - 1]):
            if i <= cue[0]:
                return [(s, e)] if e <= cue[0] else [(s, i), *_within_sentences(df, cue, (i, e))]
            return [(s, i)]
    return [(s, e)]


class AttributionModel:
    """The cue tagger and the cue-conditioned role tagger, loaded once per process."""

    def __init__(self, cue_model: Path, role_model: Path, meta: dict | None = None) -> None:
        import pycrfsuite

        self.cue = pycrfsuite.Tagger()
        self.cue.open(str(cue_model))
        self.role = pycrfsuite.Tagger()
        self.role.open(str(role_model))
        self.meta = meta or {}

    @classmethod
    def from_folder(cls, folder: Path) -> "AttributionModel":
        meta_file = folder / "meta.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
        return cls(folder / "cue.crfsuite", folder / "role.crfsuite", meta)

    def cues(self, df: DocFeatures) -> list[TokenSpan]:
        found: list[TokenSpan] = []
        for s, e in df.sents:
            if e - s < 2:
                continue
            tags = self.cue.tag(cue_features(df, s, e))
            found.extend((s + a, s + b) for a, b in chunks(tags, "CUE"))
        return found

    def roles(self, df: DocFeatures, cue: TokenSpan) -> Relation:
        lo, hi, feats = role_features(df, cue)
        tags = self.role.tag(feats)
        sources = [(lo + a, lo + b) for a, b in chunks(tags, "SRC")]
        contents = [c for a, b in chunks(tags, "CON") for c in _within_sentences(df, cue, (lo + a, lo + b))]
        source = min(sources, key=lambda s: min(abs(s[0] - cue[1]), abs(cue[0] - s[1]))) if sources else None
        return Relation(cue=cue, source=source, content=contents, score=self.role.probability(tags))

    def relations(self, doc: "Doc", cues: list[TokenSpan] | None = None) -> list[Relation]:
        """Every attribution the model finds (or, given ``cues``, the roles of those cues)."""
        df = DocFeatures(doc)
        out = []
        for cue in self.cues(df) if cues is None else cues:
            rel = self.roles(df, cue)
            if rel.content:
                out.append(rel)
        return out


def model_folder() -> Path | None:
    """Where the PolNeAR-trained weights are installed, or None."""
    try:
        import claimgraph_polnear
    except ImportError:
        return None
    folder = Path(claimgraph_polnear.__file__).parent / "attribution"
    return folder if (folder / "cue.crfsuite").exists() else None


@functools.lru_cache(maxsize=1)
def load_model() -> AttributionModel | None:
    folder = model_folder()
    if folder is None:
        return None
    try:
        import pycrfsuite  # noqa: F401
    except ImportError:
        return None
    return AttributionModel.from_folder(folder)
