"""What the scorer may know around a sentence: the sentence before it and, in a transcript, who
speaks.

Why speaker *statistics* and not speaker names: names do not carry over from one debate to the
next (nor to articles), but roles do — a moderator asks most of the questions, the candidates
hold most of the lines, "SYSTEM" lines are audience reactions. So a transcript line is described
by its speaker's share of the lines and share of questions, and by whether it opens a turn.
An article sentence has no speaker: ``Context()`` (all unknown), the same as a ClaimBuster
training sentence, so articles are scored in the mode the ClaimBuster calibration describes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Speakers that are stage directions, not people, in the CLEF transcripts.
_NON_SPEAKERS = frozenset({"SYSTEM", "", "AUDIENCE", "UNIDENTIFIED", "(UNKNOWN)", "CROWD"})

#: Names of the numeric context features, in the model file's order.
CONTEXT_FEATURES = ("s:known", "s:share", "s:questions", "s:system", "s:turn")


@dataclass(frozen=True, slots=True)
class Context:
    """Context of one sentence. ``speaker_share is None`` means "no speaker known"."""

    previous: str | None = None
    speaker_share: float | None = None  # share of the transcript's lines spoken by this speaker
    speaker_questions: float = 0.0  # share of this speaker's lines that are questions
    system: bool = False  # an audience reaction or stage direction
    turn_start: bool = False  # first line of a speaker's turn

    @property
    def has_speaker(self) -> bool:
        return self.speaker_share is not None


def transcript_contexts(speakers: list[str], texts: list[str]) -> list[Context]:
    """Contexts of every line of a transcript, in order (``speakers[i]`` said ``texts[i]``)."""
    n = len(texts)
    lines: dict[str, int] = {}
    questions: dict[str, int] = {}
    for speaker, text in zip(speakers, texts):
        key = speaker.strip().upper()
        lines[key] = lines.get(key, 0) + 1
        if text.rstrip(" \"'”’)").endswith("?"):
            questions[key] = questions.get(key, 0) + 1
    out = []
    for i, (speaker, text) in enumerate(zip(speakers, texts)):
        key = speaker.strip().upper()
        out.append(Context(
            previous=texts[i - 1] if i else None,
            speaker_share=lines[key] / n,
            speaker_questions=questions.get(key, 0) / lines[key],
            system=key in _NON_SPEAKERS,
            turn_start=i == 0 or speakers[i - 1].strip().upper() != key,
        ))
    return out


def sentence_contexts(texts: list[str]) -> list[Context]:
    """Contexts of consecutive sentences without speakers (an article): only the previous one."""
    return [Context(previous=texts[i - 1] if i else None) for i in range(len(texts))]


def context_vector(ctx: Context) -> list[float]:
    """The numeric context features (:data:`CONTEXT_FEATURES` order); zeros when unknown."""
    if ctx.speaker_share is None:
        return [0.0] * len(CONTEXT_FEATURES)
    return [1.0, ctx.speaker_share, ctx.speaker_questions, float(ctx.system), float(ctx.turn_start)]


def claim_contexts(doc: Doc, claims: Sequence[Any]) -> list[Context]:
    """For each claim (``start``/``end`` character offsets in ``doc``) the text of the sentence
    before the one the claim starts in; ``None`` at the start of the article."""
    out = []
    for claim in claims:
        span = doc.char_span(claim.start, max(claim.start + 1, claim.end), alignment_mode="expand")
        previous = None
        if span is not None and len(span):
            sent = span[0].sent
            if sent.start > 0:
                previous = doc[sent.start - 1].sent.text.strip() or None
        out.append(Context(previous=previous))
    return out
