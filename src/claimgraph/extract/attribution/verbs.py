"""Attribution by a reporting verb: "X says (that) …", "…, X said", "X confirmed these claims".

The verb's grammatical subject is the source; its clausal complement (or, for verbs like
"confirm" and "deny", its object) is the content. When the content sits inside quotation
marks the attribution is direct and the content is the quoted words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...model import Span
from .boundaries import cut_at_participle
from .candidate import Candidate, Context
from .lexicon import IMPERSONAL_PARTICIPLES, ORG_HEADS, REPORT_NOUNS, cue_verb_forms
from .quotes import Quote, quote_at
from .sources import PERSON_ROLES
from .spans import contiguous_subtree, make_span, span_of_tokens

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Verbs whose direct object can itself be the content ("confirmed these claims").
OBJECT_CONTENT_VERBS = frozenset(
    "confirm confirms confirmed confirming deny denies denied denying report reports reported "
    "reporting announce announces announced announcing reveal reveals revealed revealing "
    "allege alleges alleged alleging dispute disputes disputed disputing reject rejects "
    "rejected rejecting acknowledge acknowledges acknowledged acknowledging admit admits "
    "admitted admitting claim claims claimed claiming predict predicts predicted predicting "
    "estimate estimates estimated estimating endorse endorses endorsed endorsing support supports "
    "supported supporting praise praises praised praising criticize criticizes criticized "
    "criticizing criticise criticises criticised criticising condemn condemns condemned condemning "
    "dismiss dismisses dismissed dismissing cite cites cited citing blame blames blamed blaming "
    "welcome welcomes welcomed welcoming oppose opposes opposed opposing accuse accuses accused "
    "accusing propose proposes proposed proposing".split()
)
# Verbs whose to-infinitive is content ("promised to cut taxes"); "tell"/"ask" have objects.
# "denied taking money", "admitted lying": a gerund the parser hangs as xcomp is what is denied.
XCOMP_CONTENT_VERBS = frozenset(
    "say says said saying promise promises promised promising vow vows vowed vowing "
    "threaten threatens threatened threatening pledge pledges pledged pledging "
    "urge urges urged urging deny denies denied denying admit admits admitted admitting".split()
)
SUBJECT_DEPS = ("nsubj", "nsubjpass")
QUESTION_VERBS = frozenset("ask asks asked asking wonder wonders wondered wondering question questioned".split())
WH_WORDS = frozenset("why how whether if what when where who whom which".split())
# Verbs whose subject is often a thing ("the incident shows"): only reports and agents count.
EVIDENCE_VERBS = frozenset(
    "show shows showed shown showing indicate indicates indicated indicating suggest suggests "
    "suggested suggesting demonstrate demonstrates demonstrated demonstrating find finds found "
    "finding reveal reveals revealed revealing signal signals signaled signalled imply implies "
    "implied mean means meant prove proves proved proven".split()
)
PERSON_NOUNS = frozenset(
    "man woman men women official officials spokesman spokeswoman spokesperson expert experts "
    "analyst analysts witness witnesses resident residents researcher researchers scientist "
    "scientists doctor doctors lawyer lawyers minister president leader leaders soldier soldiers "
    "citizen citizens voter voters critic critics aide aides adviser advisers advisor advisors "
    "candidate candidates lawmaker lawmakers senator senators investigator investigators".split()
)
CONTENT_DEPS = ("ccomp", "parataxis")

# prepositions that say where or when something was said, not what was done: "reports in an article"
WHERE_SAID = frozenset({"in", "at", "during", "via"})


CLOSING_QUOTES = frozenset({"”", "’’", "''", '"'})


def _subject(verb: "Token") -> "Token | None":
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) == 2 and subjects[1].i == subjects[0].i + 1 and subjects[1].pos_ == "PROPN":
        return subjects[1]  # "The Russian news agency Interfax claimed": two subjects for one name
    for child in verb.children:
        if child.dep_ in ("nsubj",):
            # "Trump called it “the very definition of totalitarianism,” and Obama said …": the
            # parser coordinates the quoted words with the real subject after the closing mark
            conj = [c for c in child.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
            if conj and any(t.text in CLOSING_QUOTES for t in child.doc[child.i:conj[0].i]):
                return conj[0]
            return child
    # "…, saying that …" / "He smiled and said that …": the subject of the governing verb
    if verb.dep_ in ("conj",) or (verb.dep_ in ("advcl", "xcomp") and verb.tag_ == "VBG"):
        if verb.head.pos_ not in ("VERB", "AUX"):
            return None
        # "Trump said America is at war, saying, “…”": the parser hangs "saying" on the reported
        # clause, but the one saying it is the subject of the reporting verb, not "America"
        outer = verb.head.head
        if verb.dep_ == "advcl" and verb.head.dep_ == "ccomp" and cue_verb_forms().get(outer.lower_) == "speech":
            verb = outer
        # "LePage offered more comments that have drawn fire, saying, “…”": hung on the relative
        # clause, the participle still belongs to the subject of the clause the noun sits in
        elif verb.dep_ == "advcl" and verb.head.dep_ == "relcl" and outer.head.pos_ in ("VERB", "AUX"):
            verb = outer.head
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                return child
    # "Bausman interrupted to say that …", "took to Twitter to push back on …": an infinitive of
    # the subject's own (not "asked him to say", whose object is the one to say it)
    if verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.head.pos_ == "VERB" and verb.head.lemma_ not in NOT_SAYING_GOVERNORS \
            and not any(c.dep_ in ("dobj", "dative", "neg") for c in verb.head.children):
        subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        return subj if subj is not None and _plausible_speaker(subj) else None
    return None


# "seems to confirm", "refused to apologize", "failed to say": the infinitive is not said
NOT_SAYING_GOVERNORS = frozenset(
    "seem appear happen tend refuse decline fail hesitate forget neglect cease".split())


def _trailing_appositive(verb: "Token") -> "Token | None":
    """"Four rockets hit the base, the regional governor, Maksym Kozytskyy, said.": the parser
    gives "said" no subject and hangs the speaker as an apposition at the end of the reported
    clause. The speaker is that apposition (from its first comma), when it ends right before
    the verb."""
    if not any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    i = verb.i - 1
    while i > 0 and verb.doc[i].is_punct:
        i -= 1
    last = verb.doc[i]
    if last.dep_ != "appos" or last.pos_ not in ("PROPN", "NOUN") or last.i == verb.i - 1:
        return None  # needs the comma before the verb: "…, Maksym Kozytskyy, said"
    top = last
    while top.head.dep_ == "appos" and top.head.i < top.i:
        top = top.head
    if top.left_edge.i == 0 or verb.doc[top.left_edge.i - 1].text != ",":
        return None
    return top


def _trailing_clause(ctx: Context, verb: "Token", subj: "Token") -> Span | None:
    """"If people have to worry …, ideas won't be fully examined, they argue.": a reporting
    clause closing the sentence after a comma, which the parser leaves with no complement; the
    words before the comma are what is reported."""
    sent = verb.sent
    if not _only_circumstances_after(verb) or subj.i > verb.i:
        return None
    comma = subj.left_edge.i - 1
    if comma <= sent.start or ctx.doc[comma].text != ",":
        return None
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.head.i == verb.i and t.i != subj.i for t in ctx.doc[sent.start:comma]):
        return None
    content = span_of_tokens(ctx.doc, ctx.text, sent.start, comma - 1)
    if content is None or len(content.text.split()) < 4 or "\n" in content.text:
        return None
    return content


CIRCUMSTANCE_DEPS = frozenset({"prep", "npadvmod", "advmod", "punct"})


def _only_circumstances_after(verb: "Token") -> bool:
    """Nothing but where, when or how follows the verb in its sentence ("…, the minister said
    on Friday", "… said in a statement"): no object or complement of its own."""
    after = [t for t in verb.doc[verb.i + 1:verb.sent.end] if not t.is_punct and not t.is_space]
    if not after:
        return True
    allowed = {t.i for a in verb.children if a.i > verb.i and a.dep_ in CIRCUMSTANCE_DEPS for t in a.subtree}
    return all(t.i in allowed for t in after)


def _content_head(verb: "Token", forms: dict[str, str]) -> tuple["Token | None", str]:
    """The token heading the content, and which relation found it."""
    clauses = [c for c in verb.children if c.dep_ in CONTENT_DEPS and _is_clause(c)]
    if clauses:
        after = [c for c in clauses if c.i > verb.i]
        marked = [c for c in after if any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
        # an unmarked reporting verb after ours, with its own subject, is the next attribution
        plain = [c for c in after if not (c.lower_ in forms and _subject(c) is not None)]
        obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
        if not (marked or plain) and obj is not None and verb.lower_ in OBJECT_CONTENT_VERBS:
            # "‘It’s tense’: soldiers dismiss any suggestion that …": the object after the verb,
            # not a quotation before it, is what is dismissed
            return obj, "object of the verb"
        return (marked or plain or [c for c in clauses if c.i < verb.i] or after)[0], "clausal complement"
    if verb.lower_ in OBJECT_CONTENT_VERBS:
        for c in verb.children:
            if c.dep_ == "dobj":
                return c, "object of the verb"
    if verb.lower_ in XCOMP_CONTENT_VERBS:
        for c in verb.children:
            if c.dep_ == "xcomp" and c.i > verb.i:
                return c, "infinitive complement"
    return None, ""


def _is_clause(head: "Token") -> bool:
    """A real proposition: a verb with a subject or a "that", not an indirect question or small clause.

    Questions count only as what someone asked ("asked whether …").
    """
    first = min(head.subtree, key=lambda t: t.i)
    if first.lower_ in WH_WORDS and head.head.lower_ not in QUESTION_VERBS:
        return False
    if head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark", "csubj") for c in head.children)


def _plausible_speaker(subj: "Token") -> bool:
    """Evidence verbs ("shows", "suggests") need a report, a person or an institution as subject."""
    if subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or subj.pos_ in ("PROPN", "PRON"):
        return True
    return subj.lower_ in REPORT_NOUNS or subj.lower_ in ORG_HEADS or subj.lower_ in PERSON_NOUNS


NOBODY_SUBJECTS = frozenset({"you", "what", "whatever"})
CONTINUE_FORMS = frozenset("continue continues continued continuing".split())


def _continues_speaking(verb: "Token", subj: "Token") -> bool:
    """"“…,” she continued" goes on speaking; "leaders continue to pray", "as the war continues"
    do not: no complement of its own, and a subject that can speak."""
    if any(c.dep_ in ("xcomp", "dobj", "prep", "ccomp") for c in verb.children):
        return False
    return _plausible_speaker(subj)


def _nested_exclusions(head: "Token", verb: "Token", forms: dict[str, str]) -> set[int]:
    """Tokens of reporting verbs (with subjects) coordinated after the content, not inside it."""
    banned: set[int] = {verb.i}
    for t in head.subtree:
        if t is head:
            continue
        # "…, adding that …" / "…, saying, “…”" hung on the content: the next attribution, not its words
        # ("…, showing that …" is evidence the clause cites, still its words)
        participle = t.dep_ == "advcl" and t.tag_ == "VBG" and t.i > head.i and t.lower_ not in EVIDENCE_VERBS
        if forms.get(t.lower_) == "speech" and (t.dep_ in ("conj", "parataxis") or participle) and _subject(t) is not None:
            banned.update(x.i for x in t.subtree)
    return banned


def _adjacent_quote(ctx: Context, verb: "Token") -> Quote | None:
    """A quotation in the verb's sentence ending just before it or starting just after it."""
    sent = verb.sent
    best: Quote | None = None
    for q in ctx.quotes:
        if q.end < sent.start_char - 3 or q.start > sent.end_char + 3:
            continue
        gap_before = ctx.text[q.end : verb.idx]
        gap_after = ctx.text[verb.idx + len(verb.text) : q.start]
        if q.end <= verb.idx and len(gap_before) <= 60 and "\n" not in gap_before.strip(" "):
            best = q
        elif q.start >= verb.idx and len(gap_after) <= 40 and "\n" not in gap_after:
            return best or q
    return best


def _relative_report(ctx: Context, verb: "Token") -> tuple[Span, list[Span]] | None:
    """"a project Democratic lawmakers say is a deal-breaker", "the plan, which officials say will
    cost $5bn": what the speakers say is the noun plus the clause after the verb, a content in
    two pieces around the source and cue. Only when the reported clause's subject is the gap
    (none, or the relative pronoun)."""
    comp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    noun = verb.head
    if comp is None or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    subj = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subj and not (len(subj) == 1 and subj[0].lower_ in ("which", "that", "who") and subj[0].i < verb.i):
        return None
    first = span_of_tokens(ctx.doc, ctx.text, noun.left_edge.i, noun.i)
    rest = span_of_tokens(ctx.doc, ctx.text, verb.i + 1, comp.right_edge.i)
    if first is None or rest is None or len(rest.text.split()) < 2:
        return None
    return Span(ctx.text[first.start:rest.end], first.start, rest.end), [first, rest]


def _but_clause(verb: "Token", head: "Token", hi: int, forms: dict[str, str]) -> int:
    """"added that infrastructures were hit, but no casualties had been reported": the parser
    coordinates the second clause with the reporting verb, yet it is the rest of what was said
    (the annotators include it). Only after a "that"-clause, only with "but", and only when the
    new clause's subject is a thing, not someone who could be speaking or acting on their own
    ("…, but the minister left")."""
    if not any(m.dep_ == "mark" and m.lower_ == "that" for m in head.children):
        return hi
    kids = [c for c in verb.children if c.i > hi]
    if not any(c.dep_ == "cc" and c.lower_ == "but" for c in kids):
        return hi
    conj = next((c for c in kids if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")), None)
    if conj is None:
        return hi
    subj = next((c for c in conj.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ in ("PRON", "PROPN") or subj.ent_type_ or {subj.lower_, subj.lemma_} & (
            PERSON_NOUNS | PERSON_ROLES | ORG_HEADS):
        return hi
    if subj.dep_ == "nsubj" and conj.lower_ in forms:
        return hi  # "…, but analysts say …": an attribution of its own
    return conj.right_edge.i


SUBJECT_PRONOUNS = frozenset("he she they it we i".split())


def _clause_around_quote(ctx: Context, verb: "Token", quote: Quote) -> Span | None:
    """"told him he’d “like to shoot” his father": a subject between the verb and a quotation
    after it opens an indirect clause that only quotes a phrase; the content is that clause, to
    the end of the sentence, not the quoted words alone (the parser loses such clauses around
    contractions and quotation marks)."""
    if quote.start < verb.idx:
        return None
    gap = ctx.text[verb.idx + len(verb.text):quote.start]
    words = list(re.finditer(r"[^\s“”\"]+", gap))
    for m in words[1:]:  # the first word may be the one told ("told him")
        if re.split(r"[’']", m.group().lower())[0] in SUBJECT_PRONOUNS:
            start = verb.idx + len(verb.text) + m.start()
            return make_span(ctx.text, start, max(quote.end, verb.sent.end_char))
    return None


def _cue_span(ctx: Context, verb: "Token") -> Span:
    """The verb with its auxiliaries and negation when they stand right before it."""
    lo = verb.i
    while lo - 1 >= verb.sent.start and ctx.doc[lo - 1].dep_ in ("aux", "auxpass", "neg") and (
        ctx.doc[lo - 1].head.i == verb.i
    ):
        lo -= 1
    start = ctx.doc[lo].idx
    end = verb.idx + len(verb.text)
    return Span(ctx.text[start:end], start, end)


def find_verb_attributions(ctx: Context) -> list[Candidate]:
    forms = cue_verb_forms()
    out: list[Candidate] = []
    for verb in ctx.doc:
        low = verb.lower_
        if low not in forms or not verb.tag_.startswith("VB"):
            continue
        if low in IMPERSONAL_PARTICIPLES and any(c.dep_ == "auxpass" for c in verb.children):
            continue  # "it is said that …" belongs to the anonymous rule
        subj = _subject(verb)
        if subj is None and forms[low] == "speech":
            subj = _trailing_appositive(verb)
        if subj is None:
            continue
        if low in EVIDENCE_VERBS and not _plausible_speaker(subj):
            continue
        if subj.lower_ in ("it", "there") and subj.dep_ in ("expl",):
            continue
        if subj.lower_ in NOBODY_SUBJECTS:
            continue  # "you might think …", "what voters know": nobody in particular says it
        if low in CONTINUE_FORMS and not _continues_speaking(verb, subj):
            continue
        head, how = _content_head(verb, forms)
        quote = None
        parts: list[Span] = []
        # "…, as he told reporters": an aside; "on the same day as the senator called on …" is not
        # ("as The Times reports in a new article", "as he said at a briefing": where it was said)
        as_aside = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children) and not any(
            c.dep_ in ("prep", "dobj", "xcomp", "oprd") and c.i > verb.i and c.lower_ not in WHERE_SAID
            for c in verb.children)
        relative = _relative_report(ctx, verb) if verb.dep_ == "relcl" else None
        if relative is not None:
            whole, parts = relative
            out.append(Candidate(
                source=source_span(ctx, subj, verb), cue=_cue_span(ctx, verb), content=whole,
                mode="indirect", content_parts=parts, source_head=subj.i, priority=2,
                rule=f"reporting verb “{verb.text}” inside a relative clause: the noun it hangs on and "
                     "the clause it reports are the content",
            ))
            continue
        if head is None and (verb.dep_ == "parataxis" or as_aside) and verb.head.pos_ in ("VERB", "AUX"):
            # "Many of the closures, he said, have involved …": the clause around the aside
            whole, parts = _around_aside(ctx, verb)
            if whole is not None and quote_at(ctx.quotes, whole.start, whole.end) is None:
                out.append(Candidate(
                    source=source_span(ctx, subj, verb),
                    cue=_cue_span(ctx, verb), content=whole, mode="indirect",
                    rule=f"reporting verb “{verb.text}” set in the sentence it reports: its subject is the source",
                    source_head=subj.i, content_parts=parts, priority=2,
                ))
                continue
        if head is None:
            quote = _adjacent_quote(ctx, verb)
            trailing = _trailing_clause(ctx, verb, subj) if quote is None and forms[low] == "speech" else None
            if trailing is not None:
                content, how = trailing, "the sentence before the closing reporting clause"
            elif quote is None:
                continue
            else:
                content = _clause_around_quote(ctx, verb, quote)
                if content is not None:
                    quote, how = None, "indirect clause holding a quoted phrase"
                else:
                    content = make_span(ctx.text, quote.inner_start, quote.inner_end)
                    how = "quotation next to the verb"
        else:
            lo, hi = contiguous_subtree(head, _nested_exclusions(head, verb, forms) | _subtree_ids(subj))
            if how == "object of the verb":
                # "announced a plan …, so that talks may go on": a clause with its own conjunction
                # gives the writer's reason or time, not the object's words
                hi = max([hi] + [c.right_edge.i for c in verb.children
                                 if c.i > head.i and c.dep_ in ("prep", "oprd", "advcl", "xcomp")
                                 and not any(m.dep_ == "mark" for m in c.children)])
                # "rejected the claim, accusing Russia of …": the participle is a statement of its own
                hi = cut_at_participle(ctx.doc, lo, hi)
            elif how == "clausal complement":
                hi = _but_clause(verb, head, hi, forms)
            content = span_of_tokens(ctx.doc, ctx.text, lo, hi)
            if content is not None:
                content = _trim_conjunction(ctx.text, content)
                quote = quote_at(ctx.quotes, content.start, content.end)
                if quote is not None and quote.inner_start <= subj.idx < quote.inner_end:
                    quote = None  # a third party reported inside a quotation: their clause, not the quotation
                if quote is not None:
                    content = _with_quote(ctx.text, content, quote)
        if content is not None and content.start == ctx.doc[verb.sent.start].idx:
            content = _drop_dateline(ctx.text, content)
        if content is None or len(content.text.split()) < 2 and how != "object of the verb":
            continue
        source = source_span(ctx, subj, verb)
        if source is None:
            continue
        mode = "direct" if quote is not None else "indirect"
        if quote is not None and content is not None:
            content, parts = _join_split_quote(ctx, quote, content, verb)
        out.append(
            Candidate(
                source=source,
                cue=_cue_span(ctx, verb),
                content=content,
                mode=mode,
                rule=f"reporting verb “{verb.text}”: subject is the source, {how} is the content"
                + (" (in quotation marks)" if mode == "direct" else ""),
                source_head=subj.i,
                content_parts=parts,
                priority=2,
            )
        )
    return out


DATELINE = re.compile(r"^(?:[A-Z][\w .'-]{1,40},\s*)?[A-Z][\w ,.()'-]{0,60}?(?:\d{4}\)?|[A-Z]{2,})\s*[:—–-]+\s+")


def _drop_dateline(text: str, content: Span) -> Span | None:
    """"PORT CALDER, Tuesday (May 14, 2024): A fire …" — the dateline is not what was said."""
    m = DATELINE.match(content.text)
    if not m or len(content.text) - m.end() < 10:
        return content
    return make_span(text, content.start + m.end(), content.end)


def _around_aside(ctx: Context, verb: "Token") -> tuple[Span | None, list[Span]]:
    """The governing clause with the "he said" aside inside it, and the pieces either side."""
    head = verb.head
    aside = {t.i for t in verb.subtree}
    # "…still exists, he said, especially among …": the parser hangs what follows the aside's
    # closing comma on "said"; it is the rest of the reported clause
    close = next((t.i for t in verb.doc[verb.i + 1:max(aside) + 1] if t.text in (",", "—", "–")), None)
    if close is not None:
        aside = {i for i in aside if i <= close}
    members = sorted(t.i for t in head.subtree)
    lo, hi = members[0], members[-1]
    whole = span_of_tokens(ctx.doc, ctx.text, lo, hi)
    if whole is None:
        return None, []
    a_lo, a_hi = min(aside), max(aside)
    pieces = []
    if a_lo > lo:
        pieces.append(span_of_tokens(ctx.doc, ctx.text, lo, a_lo - 1))
    if a_hi < hi:
        pieces.append(span_of_tokens(ctx.doc, ctx.text, a_hi + 1, hi))
    parts = [p for p in pieces if p is not None]
    if sum(len(p.text.split()) for p in parts) < 3:
        return None, []
    if len(parts) == 1:  # the aside opens or closes the sentence: the rest is the content
        return parts[0], []
    return whole, parts


TRAILING_CONJ = re.compile(r"[\s,;]+(?:and|or|but|while|as)$", re.IGNORECASE)


def source_span(ctx: Context, subj: "Token", verb: "Token") -> Span | None:
    """The subject phrase, without a non-restrictive relative clause (", who also said …")
    or a dateline before a dash ("CLEVELAND, July 19 (UPI) — Former …")."""
    banned = {verb.i}
    for c in subj.children:
        if c.dep_ == "relcl" and c.i > subj.i and ctx.doc[c.left_edge.i - 1].text in (",", "—", "–", "("):
            banned.update(t.i for t in c.subtree)
            banned.add(c.left_edge.i - 1)
    lo, hi = contiguous_subtree(subj, banned)
    twin = ctx.doc[lo - 1] if lo > 0 else None
    if twin is not None and twin.dep_ == "nsubj" and twin.head.i == subj.head.i:
        lo = twin.left_edge.i  # "The Russian news agency Interfax": the description belongs to the name
    span = span_of_tokens(ctx.doc, ctx.text, lo, hi)
    if span is not None:
        cut = max(span.text.rfind(" — "), span.text.rfind(" – "))
        if cut > 0 and span.start + cut < subj.idx:
            span = make_span(ctx.text, span.start + cut + 3, span.end) or span
    return span


def _trim_conjunction(text: str, content: Span) -> Span:
    m = TRAILING_CONJ.search(content.text)
    if not m:
        return content
    return make_span(text, content.start, content.start + m.start()) or content


def _with_quote(text: str, content: Span, quote: Quote) -> Span:
    """Wholly quoted content is the quotation; a clause that only ends in a quotation keeps its
    own words ("Kasich “has a track record …”") and runs to the end of the quotation."""
    lead = text[content.start : quote.inner_start]
    if not lead.strip(" \t\n\"'“”‘’,:") or lead.strip().lower() in ("that",):
        return make_span(text, quote.inner_start, quote.inner_end) or content
    return make_span(text, content.start, max(content.end, quote.inner_end)) or content


def _join_split_quote(ctx: Context, quote: Quote, content: Span, verb: "Token") -> tuple[Span, list[Span]]:
    """“A,” he said, “B.” — one content from A to B, with the two quoted parts listed."""
    if quote.end > verb.idx:
        return content, []
    nxt = next((q for q in ctx.quotes if q.start > verb.idx), None)
    if nxt is None:
        return content, []
    gap = ctx.text[quote.end : nxt.start]
    if "\n" in gap or len(gap) > 80 or not gap.rstrip().endswith((",", ":", ".", "—", "–")):
        return content, []
    second = make_span(ctx.text, nxt.inner_start, nxt.inner_end)
    if second is None:
        return content, []
    whole = Span(ctx.text[content.start : second.end], content.start, second.end)
    return whole, [content, second]


def _subtree_ids(tok: "Token") -> set[int]:
    return {t.i for t in tok.subtree}
