"""The CofeNet scoring protocol for PolNeAR, beside the project's own (``eval.attribution``).

CofeNet (Wang et al., COLING 2022; 83.2 / 75.3 / 72.9 exact F1 for source / cue / content)
scores BIO chunks over tokenised *paragraphs*: a span must match exactly, punctuation and
quotation marks included; each fragment of a split quote is its own span; a span that runs over
a paragraph break is one chunk per paragraph; every annotator's file of a doubly annotated
document is kept. The project's own protocol instead trims quotes and edge punctuation and
compares a split quote as one interval, which is kinder to boundary conventions; a claim to
beat CofeNet has to be made on CofeNet's terms, so both are reported.

Here spans are compared in characters: a fragment is cut at line breaks, stripped of edge
whitespace only, and the sets of fragments per document and role are compared exactly
(micro-averaged). For spaCy tokens this equals token-index matching whenever gold boundaries
fall on token boundaries (they do in all but a handful of PolNeAR spans).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from .polnear import GoldDocument, _layout, parse_ann
from .spans import Fragment, prf

ROLES = ("source", "cue", "content")


def pieces(text: str, frags: Iterable[Fragment]) -> set[Fragment]:
    """Fragments cut at line breaks and stripped of edge whitespace (empty ones dropped)."""
    out: set[Fragment] = set()
    for s, e in frags:
        pos = s
        while pos < e:
            nl = text.find("\n", pos, e)
            stop = e if nl < 0 else nl
            a, b = pos, stop
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b:
                out.add((a, b))
            pos = stop + 1
    return out


def _pred_frags(pred: dict[str, Any], role: str) -> list[Fragment]:
    if role == "content" and pred.get("content_parts"):
        return [(p["start"], p["end"]) for p in pred["content_parts"]]
    span = pred.get(role)
    return [(span["start"], span["end"])] if span else []


@dataclass(slots=True)
class CofenetTally:
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ROLES, 0))
    documents: int = 0

    def add(self, doc: GoldDocument, predictions: list[dict[str, Any]]) -> None:
        self.documents += 1
        for role in ROLES:
            g: set[Fragment] = set()
            for rel in doc.relations:
                g |= pieces(doc.text, getattr(rel, role))
            p: set[Fragment] = set()
            for pr in predictions:
                p |= pieces(doc.text, _pred_frags(pr, role))
            self.tp[role] += len(g & p)
            self.gold[role] += len(g)
            self.pred[role] += len(p)

    def summary(self) -> dict[str, Any]:
        return {role: prf(self.tp[role], self.pred[role], self.gold[role]) for role in ROLES} | {
            "documents": self.documents
        }


def all_annotator_documents(folder: Path, names: set[str] | None = None) -> list[GoldDocument]:
    """Every ``.ann`` file as its own gold document (doubly annotated texts count twice)."""
    text_dir, ann_dir = _layout(Path(folder))
    docs = []
    for ann in sorted(ann_dir.glob("*.ann")):
        name, _, annotator = ann.stem.rpartition("_")
        if names is not None and name not in names:
            continue
        txt = text_dir / f"{name}.txt"
        if not txt.is_file():
            raise DataError(f"annotations without text: {txt} is missing")
        text = txt.read_text(encoding="utf-8")
        docs.append(GoldDocument(name, text, parse_ann(ann, text), annotator))
    return docs


def evaluate_cofenet(docs: list[GoldDocument], predict: Callable[[str], list[dict[str, Any]]]) -> dict[str, Any]:
    """Score ``predict`` on every annotator's file; each distinct text is predicted once."""
    tally = CofenetTally()
    cache: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        if doc.name not in cache:
            cache[doc.name] = predict(doc.text)
        tally.add(doc, cache[doc.name])
    return tally.summary()
