"""Token features for the two CRF taggers of the trained attribution extractor.

Why CRFs over parse features rather than a transformer: on two CPU cores a transformer
tagger needs hours per epoch on PolNeAR and a second pass per cue, and cannot be cross-validated
in a working session; a linear-chain CRF over spaCy's own tokens, tags and dependencies trains
in minutes, runs in milliseconds, needs no torch, and learns the annotators' span conventions
(where a content starts and ends, whether the quote marks belong to it) from the data.

Stage 1 (cue tagger) labels each sentence's tokens ``B-CUE``/``I-CUE``/``O``. Stage 2 (role
tagger) is conditioned on one cue: over a window of sentences around it, each token gets
``B-SRC``/``I-SRC``/``B-CON``/``I-CON``/``O`` with features that say where the token stands
relative to that cue (left or right, how far, through which dependency it hangs from it).
This "mark the cue, tag its source and content" design links spans into relations by
construction, which the attribution pilot found to be the weak part of a single-pass tagger.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import cue_verb_forms

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

DOUBLE_QUOTES = frozenset('"“”„«»')
WINDOW_BEFORE = 1  # sentences before the cue's sentence in the role window
WINDOW_AFTER = 2  # sentences after it


def quote_flags(doc: "Doc") -> list[int]:
    """1 for tokens inside double quotation marks (per paragraph; marks themselves 2)."""
    return _quote_flags([t.text for t in doc])


def _quote_flags(texts: list[str]) -> list[int]:
    flags = [0] * len(texts)
    inside = False
    for i, text in enumerate(texts):
        if "\n" in text:
            inside = False
            continue
        if text in DOUBLE_QUOTES or (text == "''" or text == "``"):
            if text in "“«„``":
                inside = True
            elif text in "”»''":
                inside = False
            else:  # a straight quote toggles
                inside = not inside
            flags[i] = 2
            continue
        flags[i] = 1 if inside else 0
    return flags


def _shape(t: "Token") -> str:
    if t.is_title:
        return "Xx"
    if t.is_upper:
        return "XX"
    if t.is_lower:
        return "x"
    if t.like_num:
        return "d"
    return "o"


def sentence_spans(doc: "Doc") -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sents]


class DocFeatures:
    """What both taggers read of one document, computed once: quote flags, sentences, each
    token's own features (the per-cue features are added on top of these), and the token
    attributes the per-cue features read, as plain lists.

    Why lists: every ``doc[i]`` builds a new spaCy ``Token`` object, and the role features
    walk each window token's head chain for each of ~20 cues per article; reading the same
    attributes from lists made feature extraction several times faster with identical
    features (``tests/test_attribution_features.py`` checks them against a token-by-token
    reference)."""

    __slots__ = ("doc", "qf", "sents", "base", "lower", "tag", "dep", "pos", "head", "sent_start", "kids")

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        lower, tag, dep, pos, head, texts, shape, ent, start = [], [], [], [], [], [], [], [], []
        for t in doc:
            lower.append(t.lower_)
            tag.append(t.tag_)
            dep.append(t.dep_)
            pos.append(t.pos_)
            head.append(t.head.i)
            texts.append(t.text)
            shape.append(_shape(t))
            ent.append(t.ent_type_ or "-")
            start.append(bool(t.is_sent_start))
        self.lower, self.tag, self.dep, self.pos, self.head, self.sent_start = lower, tag, dep, pos, head, start
        # the dependency labels of each token's children (a root is its own head, not its child)
        kids: list[set[str]] = [set() for _ in lower]
        for i, h in enumerate(head):
            if h != i:
                kids[h].add(dep[i])
        self.kids = [sorted(k) for k in kids]
        self.qf = _quote_flags(texts)
        self.sents = sentence_spans(doc)
        verb_class = cue_verb_forms()
        base = []
        for i, low in enumerate(lower):
            # the product's pipeline runs without spaCy's lemmatizer (faster); suffixes and the
            # cue lexicon's verb classes stand in for lemmas
            h = head[i]
            feats = ["w=" + low, "x3=" + low[-3:], "p=" + tag[i], "d=" + dep[i], "s=" + shape[i],
                     "q=" + str(self.qf[i]), "e=" + ent[i], "hl=" + lower[h], "hd=" + dep[h]]
            klass = verb_class.get(low)
            if klass:
                feats.append("lex=" + klass)
            if start[i]:
                feats.append("BOS")
            base.append(feats)
        self.base = base


_KID_DEPS = frozenset(("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "agent", "advcl"))


def cue_features(df: DocFeatures, start: int, end: int) -> list[list[str]]:
    """Stage-1 features for the tokens ``start..end`` (one sentence)."""
    lower, tag, pos = df.lower, df.tag, df.pos
    out = []
    for i in range(start, end):
        f = list(df.base[i])
        kids = df.kids[i]
        f.extend("c:" + k for k in kids)
        lem = lower[i]
        for k in kids:
            if k in _KID_DEPS:
                f.append(f"lc={lem}|{k}")
        f.append(f"lp={lem}|{pos[i]}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if start <= j < end:
                f.append(f"{off}w={lower[j]}")
                f.append(f"{off}p={tag[j]}")
            else:
                f.append(f"{off}w=<pad>")
        if i + 1 < end:
            f.append(f"bi={lem}_{lower[i + 1]}")
        out.append(f)
    return out


def _bucket(n: int) -> str:
    if n <= 2:
        return str(n)
    if n <= 5:
        return "3-5"
    if n <= 10:
        return "6-10"
    if n <= 20:
        return "11-20"
    return ">20"


def role_window(doc: "Doc", sents: list[tuple[int, int]], cue_start: int) -> tuple[int, int, int]:
    """``(start, end, k)``: the token window around the cue and the index of its sentence."""
    k = next(n for n, (s, e) in enumerate(sents) if s <= cue_start < e)
    lo = sents[max(0, k - WINDOW_BEFORE)][0]
    hi = sents[min(len(sents) - 1, k + WINDOW_AFTER)][1]
    return lo, hi, k


def role_features(df: DocFeatures, cue: tuple[int, int]) -> tuple[int, int, list[list[str]]]:
    """Stage-2 features of the window around one cue (token indices ``cue[0]..cue[1]``)."""
    sents, qf, lower, tag, head, pos = df.sents, df.qf, df.lower, df.tag, df.head, df.pos
    cs, ce = cue
    lo, hi, k = role_window(df.doc, sents, cs)
    cue_toks = set(range(cs, ce))
    cue_head = max(range(cs, ce), key=lambda i: (pos[i] in ("VERB", "AUX", "NOUN"), -abs(i - cs)))
    cue_lem = " ".join(lower[i] for i in range(cs, ce))
    sent_of = {}
    for n in range(max(0, k - WINDOW_BEFORE), min(len(sents), k + WINDOW_AFTER + 1)):
        for i in range(*sents[n]):
            sent_of[i] = n - k
    # the cue head's ancestors (up to 40 steps): a window token among them governs the cue
    governors: set[int] = set()
    h = cue_head
    steps = 0
    while head[h] != h and steps < 40:
        h = head[h]
        steps += 1
        governors.add(h)
    # dependency relation of each window token to the cue head
    anc: dict[int, str] = {}
    for i in range(lo, hi):
        if i in cue_toks:
            anc[i] = "CUE"
            continue
        path = i
        label = "none"
        steps = 0
        while head[path] != path and steps < 40:
            if head[path] == cue_head:
                label = "sub:" + df.dep[path]
                break
            path = head[path]
            steps += 1
        if label == "none" and i in governors:
            label = "gov"  # the cue hangs below this token (the cue is parenthetical to its clause)
        anc[i] = label
    cue_q = qf[cs]
    feats = []
    for i in range(lo, hi):
        f = list(df.base[i])
        rel = "C" if i in cue_toks else ("L" if i < cs else "R")
        dist = 0 if i in cue_toks else (cs - i if i < cs else i - ce + 1)
        a = anc[i]
        sent = str(sent_of.get(i, 9))
        f += [
            "rel=" + rel,
            "dist=" + _bucket(dist),
            "rd=" + rel + _bucket(dist),
            "sent=" + sent,
            "anc=" + a,
            "ra=" + rel + a,
            "cue=" + cue_lem,
            "cr=" + cue_lem + "|" + rel,
            "cqa=" + f"{cue_q}|{qf[i]}",
            "sa=" + sent + a,
            "ap=" + a + "|" + tag[i],
        ]
        for off in (-1, 1):
            j = i + off
            if lo <= j < hi:
                f.append(f"{off}a={anc[j]}")
                f.append(f"{off}w={lower[j]}")
                f.append(f"{off}q={qf[j]}")
            else:
                f.append(f"{off}a=<pad>")
        feats.append(f)
    return lo, hi, feats
