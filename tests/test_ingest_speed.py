"""Issue 15 item 4 (ingest speed): the faster code paths give exactly what the slow ones gave.

The attribution tagger's features now read token attributes from lists built once per Doc
instead of spaCy ``Token`` objects; the check-worthiness cues of a text are computed once;
``Doc.text`` is built once per Doc; the family linker keeps the content words of recent texts.
Each test compares the fast path with a straightforward reference on invented text.
"""

from __future__ import annotations

import gc

import pytest

from claimgraph.corpus.text import content_word_set, content_words, coverage, lexical_overlap, words
from claimgraph.extract.attribution.learned import features
from claimgraph.extract.checkworthy.cues import sentence_cues
from claimgraph.nlp import doc_text, load

TEXT = (
    "Harbour Town Tribune\n\n"
    "The mayor of Eastbrook said on Tuesday that the new ferry line would carry 4,000 people a day, "
    "a figure the port authority disputed.\n"
    "“We will not raise fares this year,” said Dana Whitlock, who chairs the transit board. "
    "Officials, according to a council memo, expect the line to open in May.\n"
    "Critics warned, however, that the pier, which was built in 1962, needs repairs first. "
    "It was not clear who would pay. Residents told the Tribune they had heard nothing.\n"
)


@pytest.fixture(scope="module")
def doc():  # type: ignore[no-untyped-def]
    return load()(TEXT)


# -- the reference: the token-by-token features the tagger was trained with ---------------------

def _ref_base(t, q: int) -> list[str]:  # type: ignore[no-untyped-def]
    low = t.lower_
    feats = ["w=" + low, "x3=" + low[-3:], "p=" + t.tag_, "d=" + t.dep_, "s=" + features._shape(t),
             "q=" + str(q), "e=" + (t.ent_type_ or "-"), "hl=" + t.head.lower_, "hd=" + t.head.dep_]
    klass = features.cue_verb_forms().get(low)
    if klass:
        feats.append("lex=" + klass)
    if t.is_sent_start:
        feats.append("BOS")
    return feats


def _ref_cue_features(doc, qf: list[int], start: int, end: int) -> list[list[str]]:  # type: ignore[no-untyped-def]
    out = []
    for i in range(start, end):
        t = doc[i]
        f = _ref_base(t, qf[i])
        kids = sorted({c.dep_ for c in t.children})
        f.extend("c:" + k for k in kids)
        for k in kids:
            if k in ("ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "prep", "agent", "advcl"):
                f.append(f"lc={t.lower_}|{k}")
        f.append(f"lp={t.lower_}|{t.pos_}")
        for off in (-2, -1, 1, 2):
            j = i + off
            if start <= j < end:
                f += [f"{off}w={doc[j].lower_}", f"{off}p={doc[j].tag_}"]
            else:
                f.append(f"{off}w=<pad>")
        if i + 1 < end:
            f.append(f"bi={t.lower_}_{doc[i + 1].lower_}")
        out.append(f)
    return out


def _ref_anc(doc, lo: int, hi: int, cue: tuple[int, int]) -> dict[int, str]:  # type: ignore[no-untyped-def]
    cs, ce = cue
    cue_head = max((doc[i] for i in range(cs, ce)), key=lambda t: (t.pos_ in ("VERB", "AUX", "NOUN"), -abs(t.i - cs)))
    anc = {}
    for i in range(lo, hi):
        if cs <= i < ce:
            anc[i] = "CUE"
            continue
        path, label, steps = doc[i], "none", 0
        while path.head.i != path.i and steps < 40:
            if path.head.i == cue_head.i:
                label = "sub:" + path.dep_
                break
            path, steps = path.head, steps + 1
        if label == "none":
            h, steps = cue_head, 0
            while h.head.i != h.i and steps < 40:
                h, steps = h.head, steps + 1
                if h.i == i:
                    label = "gov"
                    break
        anc[i] = label
    return anc


def test_token_lists_match_spacy_tokens(doc) -> None:  # type: ignore[no-untyped-def]
    df = features.DocFeatures(doc)
    assert df.qf == features.quote_flags(doc)
    assert df.base == [_ref_base(t, df.qf[t.i]) for t in doc]
    assert df.kids == [sorted({c.dep_ for c in t.children}) for t in doc]
    assert df.sent_start == [bool(t.is_sent_start) for t in doc]
    assert any(q == 1 for q in df.qf), "the invented text has a quotation"


def test_cue_features_match_reference(doc) -> None:  # type: ignore[no-untyped-def]
    df = features.DocFeatures(doc)
    for s, e in df.sents:
        assert features.cue_features(df, s, e) == _ref_cue_features(doc, df.qf, s, e)


def test_role_features_match_reference_for_every_cue(doc) -> None:  # type: ignore[no-untyped-def]
    """Every one- and two-token window as the cue, so that ``sub:``, ``gov`` and ``none``
    ancestors all occur and are computed as walking spaCy's heads computes them."""
    df = features.DocFeatures(doc)
    seen = set()
    for cue in [(i, i + 1) for i in range(len(doc))] + [(i, i + 2) for i in range(len(doc) - 1)]:
        lo, hi, feats = features.role_features(df, cue)
        anc = _ref_anc(doc, lo, hi, cue)
        seen |= {a.split(":")[0] for a in anc.values()}
        assert [next(x for x in f if x.startswith("anc="))[4:] for f in feats] == [anc[i] for i in range(lo, hi)]
        assert [f[: len(df.base[i])] for i, f in zip(range(lo, hi), feats)] == df.base[lo:hi]
    assert {"CUE", "sub", "gov", "none"} <= seen


def test_sentence_cues_are_a_fresh_copy_each_time() -> None:
    text = "The council said fares will rise by 12 percent because fuel costs doubled."
    first = sentence_cues(text)
    assert first["f:cause"] == "because" and first["f:predict"] == "will" and first["f:percent"]
    first["f:cause"] = "changed by a caller"
    first["f:extra"] = "x"
    assert sentence_cues(text)["f:cause"] == "because"
    assert "f:extra" not in sentence_cues(text)


def test_phrases_need_whole_words() -> None:
    """The substring pre-check must not let a phrase inside a longer word fire."""
    assert "f:predict" not in sentence_cues("The willow by the pier was planted in spring.")
    assert "f:source" not in sentence_cues("Sturdy reporters stood on the quay.")
    assert sentence_cues("The pier reports were filed late.")["f:source"] == "reports"


def test_doc_text_is_built_once_and_freed_with_the_doc() -> None:
    doc = load().make_doc("Boats left the harbour. The tide turned.")
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first  # the same string, not a second join over the tokens
    from claimgraph import nlp as nlp_module

    size = len(nlp_module._TEXTS)
    del doc
    gc.collect()
    assert len(nlp_module._TEXTS) == size - 1
    assert not load().make_doc("x").user_data  # nothing is added to the Doc itself


def test_content_word_set_matches_content_words() -> None:
    a = "Ferry fares rose sharply in Eastbrook after the fuel tax doubled."
    b = "Eastbrook ferry fares rose after fuel taxes were doubled."
    assert content_word_set(a) == content_words(a)
    assert content_word_set(a) is content_word_set(a)
    assert lexical_overlap(content_word_set(a), content_word_set(b)) == lexical_overlap(a, b)
    assert coverage(content_word_set(a), content_word_set(b)) == coverage(a, b)
    assert 0 < coverage(a, b) < 1


def test_words_lower_case_each_match_only() -> None:
    """Words feed the MinHash signatures stored in the database: they must not change. A
    Kelvin sign lower-cases to an ASCII "k" and must stay outside words, as before."""
    assert words("The \u212aelvin scale, 1,200 Harbour’s masts") == ["the", "elvin", "scale", "1,200", "harbour's", "masts"]
