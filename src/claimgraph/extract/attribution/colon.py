"""Headline attribution by colon: "Graham: Trump's rhetoric is destroying the party".

News headlines put the speaker before a colon. Only a line that *starts* with a single person
or organisation name (optionally a title word) counts, so "Ukraine Russia War: …" or
"Update: …" never becomes a source.
"""

from __future__ import annotations

import re

from ...model import Span
from .candidate import Candidate, Context
from .spans import make_span

TITLES = frozenset("sen senator rep gov governor president pm minister mayor dr mr mrs ms former "
                   "gen general adm prof judge chancellor secretary ag".split())
LINE = re.compile(r"^[^\S\n]*(?P<who>[^:\n]{2,60}?)[^\S\n]*:[^\S\n]+(?P<what>[^\n]{12,})$", re.MULTILINE)


def find_colon_headlines(ctx: Context) -> list[Candidate]:
    out: list[Candidate] = []
    for m in LINE.finditer(ctx.text):
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
