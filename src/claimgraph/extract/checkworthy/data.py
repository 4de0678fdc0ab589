"""Training data for check-worthiness: ClaimBuster sentences and CLEF transcripts, with the
grouping that keeps evaluation honest.

Why groups and overlap removal live here: the CLEF-2020 task 5 training set re-annotates most
CLEF-2019 training debates (and two CLEF-2019 *test* debates), and ClaimBuster shares about a
thousand sentences with the 2016 general-election debates. A transcript scored in cross-validation
must not have its sentences (under another file name, or as ClaimBuster rows) in the training
fold, or the numbers look far better than the blind test. :func:`transcript_groups` joins
transcripts that share sentences into one group, and :func:`normalise` is the key used to drop
ClaimBuster rows that occur in a held-out transcript.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import DataError

#: CLEF-2020 task 5 training transcripts that are re-annotated CLEF-2019 task 1 *test*
#: transcripts (shared/data/checkworthy README): never trained on, so that the CLEF-2019 blind
#: test stays blind for the shipped model.
CLEF2019_TEST_COPIES = frozenset({"20181015_60_min.tsv", "20160311_GOP_miami.tsv"})

_NORM_RE = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case alphanumerics only: the same sentence in two releases maps to one key."""
    return _NORM_RE.sub(" ", text.lower()).strip()


def text_key(text: str) -> str:
    """A short stable key of a sentence's exact text (embedding cache)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Line:
    """One sentence of a transcript with what a scorer may know about its context."""

    text: str
    label: int
    speaker: str | None = None
    previous: str | None = None  # the sentence before (same transcript), None at the start


@dataclass(frozen=True, slots=True)
class Transcript:
    """A CLEF debate/speech transcript: ``dataset`` (``clef2019``/``clef2020``) and file name."""

    dataset: str
    name: str
    lines: tuple[Line, ...]

    @property
    def key(self) -> str:
        return f"{self.dataset}/{self.name}"


def read_transcripts(folder: Path, dataset: str) -> list[Transcript]:
    """All transcripts of a CLEF debates folder (``line <TAB> speaker <TAB> text <TAB> label``)."""
    from ...eval.checkworthy import read_transcript, transcript_files

    out = []
    for path in transcript_files(folder):
        rows = read_transcript(path)
        lines, prev = [], None
        for _, speaker, text, label in rows:
            lines.append(Line(text=text, label=label, speaker=speaker, previous=prev))
            prev = text
        out.append(Transcript(dataset=dataset, name=path.name, lines=tuple(lines)))
    if not out:
        raise DataError(f"no transcripts in {folder}")
    return out


def transcript_groups(transcripts: list[Transcript], min_shared: int = 20) -> list[int]:
    """Group id per transcript: transcripts sharing ≥ ``min_shared`` distinct sentences of
    ≥ 6 words are one group (union-find), so a debate and its re-annotation never sit on both
    sides of a fold. Short generic lines ("Thank you.") are ignored: they link everything."""
    parent = list(range(len(transcripts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owners: dict[str, set[int]] = {}
    for i, t in enumerate(transcripts):
        for line in t.lines:
            norm = normalise(line.text)
            if norm.count(" ") >= 5:
                owners.setdefault(norm, set()).add(i)
    shared: dict[tuple[int, int], int] = {}
    for ids in owners.values():
        ordered = sorted(ids)
        for a_pos, a in enumerate(ordered):
            for b in ordered[a_pos + 1:]:
                shared[(a, b)] = shared.get((a, b), 0) + 1
    for (a, b), n in shared.items():
        if n >= min_shared:
            parent[find(a)] = find(b)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(transcripts))]
