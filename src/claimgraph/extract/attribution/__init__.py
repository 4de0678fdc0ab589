"""Who says what: attribution extraction from a parsed article.

Rules propose candidates independently (embedded posts, "according to", reporting verbs,
anonymous constructions); overlapping proposals are settled by rule priority; sources are
then typed and resolved in text order; hedges and back-references are added last. Every
attribution's ``reason`` names the rule and the resolution steps that produced it.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import TYPE_CHECKING

from ...model import Attribution, Span
from ...nlp import doc_text
from .according import find_according_to
from .anonymous import find_anonymous
from .boundaries import tidy_contents
from .candidate import Candidate, Context
from .colon import find_colon_headlines
from .learned.candidates import model_candidates
from .nouns import NOUN_PRIORITY, find_content_nouns
from .lexicon import HEDGE_WORDS, PRONOUNS_SPEAKER, _inflect
from .social import find_social_posts
from .stances import find_stances
from .sources import resolve
from .spans import make_span, overlap, paragraph_bounds
from .verbs import find_verb_attributions

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["extract_attributions", "METHODS"]

METHODS = ("model", "rules")

BACKREF = re.compile(
    r"^(?:these|those|the|such|this|that)\s+(?:\w+\s+)?(claims?|reports?|allegations?|statements?|"
    r"accounts?|findings|remarks|comments|reporting)\b(?:\s+(?:of|by|from)\s+(?P<who>.+))?",
    re.IGNORECASE,
)


# who, inside someone's quotation, is that speaker or everybody rather than a third party
_NOT_THIRD_PARTIES = PRONOUNS_SPEAKER | frozenset(
    "you one people everyone everybody nobody someone somebody anyone anybody both all "
    "that this which what who it".split())


# words of saying proper: "a company can find someone else" or "the data show" inside a quote
# are the quoted speaker's reasoning, not a third party's statement
NESTED_SPEECH_BASES = ("say tell add write report announce state explain argue claim insist declare "
                       "tweet post warn deny accuse allege assert testify confirm urge predict promise "
                       "vow threaten reveal disclose acknowledge admit").split()


@functools.lru_cache(maxsize=1)
def _nested_speech() -> frozenset[str]:
    return frozenset(f for base in NESTED_SPEECH_BASES for f in _inflect(base))


def _nested_report(c: Candidate, ctx: Context) -> bool:
    """A third party's attribution inside a quotation: "The Post reports, “Fauci warned of …
    and said …”", "Kovac told the radio: “They said that if you don't sign …”". The gold
    guidelines record it as its own relation ("X said that Y had told him Z" gives two), since a
    fact-checker checks what Fauci said, not only that the Post printed it. Only when the source,
    the cue and the content all lie inside the one quotation and the source is someone else
    ("I think", "you know", "people say" are the quoted speaker's own voice; an "according to
    preliminary data" with no source is part of the speaker's content)."""
    if c.source is None or c.source_head is None or c.source_type is not None:
        return False
    q = ctx.quote_holding(c.cue.start)
    if q is None or c.cue.end > q.inner_end:
        return False
    inside = all(q.inner_start <= s.start and s.end <= q.inner_end for s in (c.source, c.content))
    # the content is what the third party says, not the quotation around them
    own = c.content.start >= c.cue.end or c.content.end <= c.source.start
    head = ctx.doc[c.source_head]
    # a named or described speaker who *says* something: "he said …" or "they think …" inside a
    # speaker's quote is that speaker's account of others, which neither PolNeAR nor the
    # resolver (its pronoun pool lies outside the quote) can pin on anyone
    said = any(w.lower() in _nested_speech() for w in c.cue.text.split())
    return inside and own and said and head.lower_ not in _NOT_THIRD_PARTIES and head.pos_ != "PRON"


def _inside_quote(c: Candidate, ctx: Context) -> bool:
    """A cue inside quotation marks is the quoted speaker's wording, not a new attribution —
    unless it reports a third party (:func:`_nested_report`)."""
    if c.source_type == "social_post":
        return False
    q = ctx.quote_holding(c.cue.start)
    return q is not None and c.cue.end <= q.inner_end and not _nested_report(c, ctx)


_BUCKET = 2000  # characters; candidates are only compared with kept ones in the same stretches


def _buckets(c: Candidate) -> range:
    lo = min(c.cue.start, c.content.start)
    hi = max(c.cue.end, c.content.end)
    return range(lo // _BUCKET, hi // _BUCKET + 1)


def _holds(outer: Candidate, inner: Candidate) -> bool:
    """``inner`` is reported inside ``outer``'s content ("The Post reports, “Fauci warned …”")."""
    return outer.content.start <= inner.cue.start and inner.cue.end <= outer.content.end and (
        inner.source is None or outer.content.start <= inner.source.start)


def _clashes(c: Candidate, k: Candidate, nested: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
    if overlap((c.cue.start, c.cue.end), (k.cue.start, k.cue.end)):
        return True
    if id(c) in nested and _holds(k, c) or id(k) in nested and _holds(c, k):
        return False  # a report and the third party's words it quotes both stand
    if k.source_type == "social_post" and overlap((c.content.start, c.content.end),
                                                  (k.content.start, k.content.end)):
        return True  # the post is the unit; words inside it belong to its author
    # against the pieces of a content in parts ("a project lawmakers say is …"), not the source
    # and cue between them
    pieces = k.content_parts or [k.content]
    if c.priority < k.priority and sum(
        overlap((c.content.start, c.content.end), (p.start, p.end)) for p in pieces
    ) > 0.5 * (c.content.end - c.content.start):
        if c.hedged:  # "X reportedly said": keep the hedge on the stronger attribution
            k.hedged = True
            k.hedges.extend(c.hedges)
        return True
    return False


def _settle(cands: list[Candidate], ctx: Context) -> list[Candidate]:
    """Keep one attribution per stretch of text: higher-priority rules win overlaps.

    Two candidates can only clash when their spans overlap, so each is compared with the kept
    candidates registered in the same 2,000-character stretches (in the order they were kept),
    which keeps settling linear in article length.
    """
    kept: list[Candidate] = []
    index: dict[int, list[int]] = {}
    cands = [c for c in cands if not _inside_quote(c, ctx)]
    # a third party inside a quotation, and a content noun ("voiced skepticism about claims that
    # …") inside another attribution's content, are reported within it: both stand
    nested = {id(c) for c in cands if _nested_report(c, ctx) or c.priority == NOUN_PRIORITY}
    for c in sorted(cands, key=lambda c: (-c.priority, c.cue.start)):
        near = sorted({i for b in _buckets(c) for i in index.get(b, ())})
        if any(_clashes(c, kept[i], nested) for i in near):
            continue
        for b in _buckets(c):
            index.setdefault(b, []).append(len(kept))
        kept.append(c)
    kept.sort(key=lambda c: (c.content.start if c.mode == "direct" and c.content.start < c.cue.start
                             else c.cue.start))
    return kept


OPENING_QUOTES = ("“", '"', "‘", "«")


def _continue_quotes(cands: list[Candidate], ctx: Context) -> None:
    """A paragraph that is only a quotation, right after a speaker's last attribution, is that
    speaker going on ("… he said.¶ “And we will win.”"): it joins the content as a new part."""
    text = ctx.text
    for i, c in enumerate(cands):
        nxt = cands[i + 1].cue.start if i + 1 < len(cands) else len(text)
        end = c.content.end
        para_end = text.find("\n", max(end, c.cue.end))
        if para_end < 0 or c.source_type == "social_post" or ctx.quote_holding(c.cue.start) is not None:
            continue
        parts = list(c.content_parts) or [c.content]
        pos = para_end
        while True:
            while pos < len(text) and text[pos] in "\n \t":
                pos += 1
            if pos >= len(text) or not text.startswith(OPENING_QUOTES, pos):
                break
            stop = text.find("\n", pos)
            stop = len(text) if stop < 0 else stop
            if stop > nxt:  # the paragraph has an attribution of its own
                break
            part = make_span(text, pos, stop)
            if part is None:
                break
            parts.append(part)
            pos = stop
        if len(parts) > max(1, len(c.content_parts)):
            last = parts[-1]
            c.content = Span(text[c.content.start : last.end], c.content.start, last.end)
            c.content_parts = parts
            c.rule += "; the quotation continues in the following paragraph"


SENTENCE_GAP = re.compile(r"^[.!?]?[”\"’)]?\s+$")
SENTENCE_END = re.compile(r"[.!?](?=[”\"’)]?\s)")


def _quote_goes_on(cands: list[Candidate], ctx: Context) -> list[Candidate]:
    """A quotation that opens the next sentence of the same paragraph, with no cue of its own,
    is the speaker of the sentence before going on ("Logan said his team had found a dozen. “Most
    new opioids we see once,”"): a direct attribution of its own, to the same source and cue."""
    text = ctx.text
    out: list[Candidate] = []
    for i, c in enumerate(cands):
        out.append(c)
        if c.source is None or c.source_type == "social_post" or ctx.quote_holding(c.cue.start) is not None:
            continue  # a third party reported inside a quotation does not go on after it
        end = max(c.content.end, c.cue.end)
        stop = SENTENCE_END.search(text, end)  # the content may end before its sentence does
        if stop is not None and "\n" not in text[end:stop.start()]:
            end = stop.start() + 1
        j = bisect.bisect_left(ctx.quote_starts, end)
        if j >= len(ctx.quotes_by_start):
            continue
        q = ctx.quotes_by_start[j]
        gap = text[end:q.start]
        ended = any(ch in ".!?" for ch in gap) or text[end - 1:end] in (".", "!", "?")
        if not ended or not SENTENCE_GAP.match(gap) or "\n" in gap or len(text[q.inner_start:q.inner_end].split()) < 4:
            continue
        after = text[q.end:q.end + 2]
        if after and not (after[0] == "\n" or after[0].isspace() and after[1:2].isupper()) and text[q.inner_end - 1] not in ".!?":
            continue  # "“…,” he added": the quotation has a cue of its own after it
        para_end = text.find("\n", q.end)
        reach = min(q.end + 60, len(text) if para_end < 0 else para_end)
        if any(k is not c and k.cue.start < reach and k.cue.end > q.start for k in cands[i + 1:i + 4]):
            continue
        content = make_span(text, q.inner_start, q.inner_end)
        if content is None:
            continue
        out.append(Candidate(
            source=c.source, cue=c.cue, content=content, mode="direct",
            rule=f"quotation opening the next sentence with no cue of its own: “{c.source.text}” goes on",
            source_head=c.source_head, source_type=c.source_type, source_name=c.source_name,
            priority=c.priority,
        ))
    return out


def _split_coordinated(cands: list[Candidate], ctx: Context) -> list[Candidate]:
    """"Robert Jenrick, the MP for Newark, and Richard Fuller, the MP for …, have called for …":
    two named people make the same claim, so each is a speaker of their own (the fact-checker's
    sources list and the corpus count both)."""
    out: list[Candidate] = []
    for c in cands:
        out.append(c)
        if c.source is None or c.source_head is None or c.source_type is not None:
            continue
        head = ctx.doc[c.source_head]
        if head.ent_type_ != "PERSON":
            continue
        others = [t for t in head.subtree if t.dep_ == "conj" and t.ent_type_ == "PERSON" and t.i > head.i
                  and c.source.start <= t.idx < c.source.end]
        if not others:
            continue
        # the first speaker keeps the whole phrase as its source (resolved to the first name)
        for t in others:
            before = [x.i for x in t.subtree if x.idx < c.cue.start]
            if not before:
                continue
            hi = max(before)
            span = make_span(ctx.text, t.left_edge.idx, ctx.doc[hi].idx + len(ctx.doc[hi].text), chars=" ,")
            if span is None:
                continue
            out.append(Candidate(
                source=span, cue=c.cue, content=c.content, mode=c.mode,
                rule=c.rule + f"; “{span.text}” is one of the speakers named together",
                source_head=t.i, content_parts=c.content_parts, priority=c.priority,
            ))
    return out


def _hedges(doc: "Doc", cand: Candidate) -> list[Span]:
    found = list(cand.hedges)
    lo = min(cand.cue.start, cand.content.start)
    hi = max(cand.cue.end, cand.content.end)
    seen = {h.start for h in found}
    for tok in doc.char_span(lo, hi, alignment_mode="expand") or []:
        if tok.lower_ in HEDGE_WORDS and tok.pos_ != "PROPN" and tok.idx not in seen:
            found.append(Span(tok.text, tok.idx, tok.idx + len(tok.text)))
            seen.add(tok.idx)
    return sorted(found, key=lambda h: h.start)


def _norm(name: str | None) -> str:
    name = (name or "").lower().strip()
    return name[4:] if name.startswith("the ") else name


def _back_references(attrs: list[Attribution], text: str) -> None:
    """"… confirmed these claims of the New York Times" points to the NYT attributions before it."""
    for a in attrs:
        m = BACKREF.match(a.content.text)
        if not m:
            continue
        para = paragraph_bounds(text, a.content.start)
        earlier = [b for b in attrs if b.content.end <= a.cue.start and b is not a]
        same_para = [b for b in earlier if para[0] <= b.content.start < para[1]]
        pool = same_para or earlier[-1:]
        who = _norm(m.group("who"))
        if who:
            pool = [b for b in pool if who and (who in _norm(b.source_name) or who in _norm(b.source.text if b.source else ""))]
        a.refers_to = [b.id for b in pool]
        if a.refers_to:
            a.reason += f"; “{m.group(0)}” refers back to {', '.join(a.refers_to)}"


def propose(doc: "Doc", ctx: Context, method: str = "model") -> list[Candidate]:
    """Candidates of one extractor.

    ``model``: the trained cue and role taggers, with the rules for what they were never
    trained on (embedded posts, anonymous "news is coming" constructions) and as a fallback
    where the model proposes nothing for a stretch of text (settling keeps the model's
    relation wherever both claim the same words). Falls back to ``rules`` when the model's
    weights are not installed. ``rules``: the licence-clean rule extractor alone.
    """
    if method not in METHODS:
        raise ValueError(f"unknown attribution method {method!r} (choose from {', '.join(METHODS)})")
    rules = (find_social_posts(ctx) + find_according_to(ctx) + find_verb_attributions(ctx)
             + find_stances(ctx) + find_anonymous(ctx) + find_colon_headlines(ctx) + find_content_nouns(ctx))
    if method == "model":
        learned = model_candidates(doc)
        if learned is not None:
            return learned + rules
    return rules


def extract_attributions(doc: "Doc", method: str = "model") -> list[Attribution]:
    """All attributions in a parsed article, in reading order, with ids a1, a2, …"""
    ctx = Context.build(doc)
    proposed = propose(doc, ctx, method)
    cands = _settle(proposed, ctx)
    tidy_contents(cands, ctx)
    _continue_quotes(cands, ctx)
    cands = _split_coordinated(_quote_goes_on(cands, ctx), ctx)
    typed = resolve(cands, ctx)
    out: list[Attribution] = []
    for n, (cand, (stype, name, why, mention)) in enumerate(zip(cands, typed, strict=True), start=1):
        hedges = _hedges(doc, cand)
        reason = cand.rule + (f"; {why}" if why else "")
        out.append(
            Attribution(
                id=f"a{n}",
                source=cand.source,
                source_type=stype,
                source_name=name if name is not None else (cand.source.text if cand.source else None),
                cue=cand.cue,
                content=cand.content,
                mode=cand.mode,
                hedged=cand.hedged or bool(hedges),
                hedges=hedges,
                platform=cand.platform,
                handle=cand.handle,
                date=cand.date,
                content_parts=cand.content_parts,
                speaker_mention=mention,
                reason=reason,
            )
        )
    _back_references(out, doc_text(doc))
    return out
