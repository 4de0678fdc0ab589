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
    flags = [0] * len(doc)
    inside = False
    for t in doc:
        if "\n" in t.text:
            inside = False
            continue
        if t.text in DOUBLE_QUOTES or (t.text == "''" or t.text == "``"):
            if t.text in "“«„``":
                inside = True
            elif t.text in "”»''":
                inside = False
            else:  # a straight quote toggles
                inside = not inside
            flags[t.i] = 2
            continue
        flags[t.i] = 1 if inside else 0
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


def _base(t: "Token", q: int) -> list[str]:
    # the product's pipeline runs without spaCy's lemmatizer (faster); suffixes and the cue
    # lexicon's verb classes stand in for lemmas
    low = t.lower_
    feats = [
        "w=" + low,
        "x3=" + low[-3:],
        "p=" + t.tag_,
        "d=" + t.dep_,
        "s=" + _shape(t),
        "q=" + str(q),
        "e=" + (t.ent_type_ or "-"),
        "hl=" + t.head.lower_,
        "hd=" + t.head.dep_,
    ]
    klass = cue_verb_forms().get(low)
    if klass:
        feats.append("lex=" + klass)
    if t.is_sent_start:
        feats.append("BOS")
    return feats


def sentence_spans(doc: "Doc") -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.sents]


class DocFeatures:
    """What both taggers read of one document, computed once: quote flags, sentences and each
    token's own features (the per-cue features are added on top of these)."""

    __slots__ = ("doc", "qf", "sents", "base")

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.qf = quote_flags(doc)
        self.sents = sentence_spans(doc)
        self.base = [_base(t, self.qf[t.i]) for t in doc]


def cue_features(df: DocFeatures, start: int, end: int) -> list[list[str]]:
    """Stage-1 features for the tokens ``start..end`` (one sentence)."""
    doc = df.doc
    out = []
    for i in range(start, end):
        t = doc[i]
        f = list(df.base[i])
        kids = sorted({c.dep_ for c in t.children})
        f.extend("c:" + k for k in kids)
        lem = t.lower_
        for k in kids:
            if k in ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "agent", "advcl"):
                f.append(f"lc={lem}|{k}")
        f.append(f"lp={lem}|{t.pos_}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if start <= j < end:
                n = doc[j]
                f.append(f"{off}w={n.lower_}")
                f.append(f"{off}p={n.tag_}")
            else:
                f.append(f"{off}w=<pad>")
        if i + 1 < end:
            f.append(f"bi={t.lower_}_{doc[i + 1].lower_}")
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
    doc, sents, qf = df.doc, df.sents, df.qf
    cs, ce = cue
    lo, hi, k = role_window(doc, sents, cs)
    cue_toks = set(range(cs, ce))
    cue_head = max((doc[i] for i in cue_toks), key=lambda t: (t.pos_ in ("VERB", "AUX", "NOUN"), -abs(t.i - cs)))
    cue_lem = " ".join(doc[i].lower_ for i in range(cs, ce))
    sent_of = {}
    for n in range(max(0, k - WINDOW_BEFORE), min(len(sents), k + WINDOW_AFTER + 1)):
        for i in range(*sents[n]):
            sent_of[i] = n - k
    # dependency relation of each window token to the cue head
    anc: dict[int, str] = {}
    for i in range(lo, hi):
        t = doc[i]
        if i in cue_toks:
            anc[i] = "CUE"
            continue
        path = t
        label = "none"
        steps = 0
        while path.head.i != path.i and steps < 40:
            if path.head.i == cue_head.i:
                label = "sub:" + path.dep_
                break
            path = path.head
            steps += 1
        if label == "none":
            # the cue hangs below this token (the cue is parenthetical to its clause)
            h = cue_head
            steps = 0
            while h.head.i != h.i and steps < 40:
                h = h.head
                steps += 1
                if h.i == t.i:
                    label = "gov"
                    break
        anc[i] = label
    cue_q = qf[cs]
    feats = []
    for i in range(lo, hi):
        t = doc[i]
        f = list(df.base[i])
        rel = "C" if i in cue_toks else ("L" if i < cs else "R")
        dist = 0 if i in cue_toks else (cs - i if i < cs else i - ce + 1)
        a = anc[i]
        f += [
            "rel=" + rel,
            "dist=" + _bucket(dist),
            "rd=" + rel + _bucket(dist),
            "sent=" + str(sent_of.get(i, 9)),
            "anc=" + a,
            "ra=" + rel + a,
            "cue=" + cue_lem,
            "cr=" + cue_lem + "|" + rel,
            "cqa=" + f"{cue_q}|{qf[i]}",
            "sa=" + str(sent_of.get(i, 9)) + a,
            "ap=" + a + "|" + t.tag_,
        ]
        for off in (-1, 1):
            j = i + off
            if lo <= j < hi:
                f.append(f"{off}a={anc[j]}")
                f.append(f"{off}w={doc[j].lower_}")
                f.append(f"{off}q={qf[j]}")
            else:
                f.append(f"{off}a=<pad>")
        feats.append(f)
    return lo, hi, feats
