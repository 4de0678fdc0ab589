"""Headline attribution by colon: "Graham: Trump's rhetoric is destroying the party".

News headlines put the speaker before a colon. Only a line that *starts* with a single person
or organisation name (optionally a title word) counts, so "Ukraine Russia War: …" or
"Update: …" never becomes a source.

Interview transcripts put the speaker's surname in capitals before each turn ("BAIER: You
mentioned …", "BARR: Well, the argument is …"). The recogniser often misses a capitalised
surname, so a line opening with a capitalised label counts as a speaker's turn when the
article holds at least two such turns by at least two speakers: the turn is that speaker's
own words (verbatim, so direct), and what it passes on is theirs (a half-11 false alarm: "it's
always been understood" inside a turn read as the article's anonymous hearsay).
"""

from __future__ import annotations

import re

from ...model import Span
from .candidate import Candidate, Context
from .spans import make_span

TITLES = frozenset("sen senator rep gov governor president pm minister mayor dr mr mrs ms former "
                   "gen general adm prof judge chancellor secretary ag".split())
TURN = re.compile(r"^[^\S\n]*(?P<who>(?:[A-Z][A-Z.'’-]+[^\S\n]+){0,2}[A-Z][A-Z'’-]{2,})[^\S\n]*:[^\S\n]+"
                  r"(?P<what>[^\n]{12,})$", re.MULTILINE)
# capitalised labels that head a line but are not speakers
NOT_SPEAKERS = frozenset("update updated breaking editor note watch read related correction warning caution "
                         "photo video source sources transcript q a".split())
TURN_PRIORITY = 5
LINE = re.compile(r"^[^\S\n]*(?P<who>[^:\n]{2,60}?)[^\S\n]*:[^\S\n]+(?P<what>[^\n]{12,})$", re.MULTILINE)


def find_colon_headlines(ctx: Context) -> list[Candidate]:
    out = _transcript_turns(ctx)
    turns = {c.cue.start for c in out}
    for m in LINE.finditer(ctx.text):
        if ctx.text.find(":", m.start("who")) in turns:
            continue
        who_start, who_end = m.start("who"), m.end("who")
        ents = [e for e in ctx.doc.ents if e.start_char >= who_start and e.end_char <= who_end
                and e.label_ in ("PERSON", "ORG")]
        if len(ents) != 1:
            continue
        ent = ents[0]
        before = ctx.text[who_start:ent.start_char].strip().lower().rstrip(".").split()
        after = ctx.text[ent.end_char:who_end].strip()
        if after or any(w.rstrip(".") not in TITLES for w in before):
            continue
        content = make_span(ctx.text, m.start("what"), m.end("what"))
        if content is None or len(content.text.split()) < 3:
            continue
        colon = ctx.text.index(":", who_end)
        out.append(Candidate(
            source=Span(ctx.text[who_start:who_end], who_start, who_end),
            cue=Span(":", colon, colon + 1), content=content,
            mode="direct" if content.text[:1] in "‘'“\"" else "indirect",
            rule="headline “Name: words”: the name before the colon is the source",
            source_head=ent.root.i, priority=1,
        ))
    return out


def _transcript_turns(ctx: Context) -> list[Candidate]:
    """Speaker turns of an interview transcript ("BARR: …"), when there are at least two turns
    by at least two speakers; one label alone may be a heading."""
    found = [m for m in TURN.finditer(ctx.text)
             if not set(re.split(r"[\s.]+", m.group("who").lower())) & NOT_SPEAKERS]
    if len(found) < 2 or len({m.group("who") for m in found}) < 2:
        return []
    out = []
    for m in found:
        content = make_span(ctx.text, m.start("what"), m.end("what"))
        if content is None or len(content.text.split()) < 3:
            continue
        who_start, who_end = m.start("who"), m.end("who")
        label = ctx.doc.char_span(who_start, who_end, alignment_mode="contract")
        words = [t.i for t in label or () if t.is_alpha]
        if not words:
            continue
        head = words[-1]  # the surname is the last word of the label ("SEN. GRAHAM")
        colon = ctx.text.index(":", who_end)
        out.append(Candidate(
            source=Span(ctx.text[who_start:who_end], who_start, who_end),
            cue=Span(":", colon, colon + 1), content=content, mode="direct",
            rule="interview transcript: the capitalised name before the colon speaks this turn",
            # above every other rule: like a quotation, a turn holds its speaker's words, and
            # what the speaker passes on inside it is part of the turn, not a claim of the article
            source_head=head, priority=TURN_PRIORITY,
        ))
    return out
