"""Loader for PolNeAR (Newell et al., LREC 2018) attribution annotations in BRAT standoff.

The folder holds ``text/<doc>.txt`` and ``attributions/<doc>_<annotator>.ann``. A few
documents were annotated by several people; the gold file is the one with the
lexicographically first annotator id, so every run scores against the same annotations (the
upstream helper picks one at random). Only ``E`` lines are relations: ``Discuss`` and
``Discard`` spans are annotator flags, ``AnnotatorNotes`` are comments, and the handful of
stray continuation lines are skipped. Offsets are code-point offsets into the ``.txt``; the
surface column of a ``T`` line is ignored because BRAT cuts it at newlines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataError
from .spans import Fragment, contains_quote, is_quoted, outer

RELATION_TYPES = ("Attribution", "Attribution-no-source")
_ROLE_SUFFIX = re.compile(r"\d+$")
_FRAGMENT = re.compile(r"^(\d+) (\d+)$")
_SPAN_LINE = re.compile(r"^T\d+\t")
_RELATION_LINE = re.compile(r"^E\d+\t")


@dataclass(frozen=True, slots=True)
class GoldRelation:
    """One gold attribution; each role is a list of ``(start, end)`` fragments (maybe empty).

    ``kind`` is ``Attribution`` or ``Attribution-no-source`` (no source written in the text).
    A role listed twice in the ``E`` line (``Content`` and ``Content2``, two cues) is merged
    into one fragment list, because the parts belong to one statement.
    """

    kind: str
    source: list[Fragment] = field(default_factory=list)
    cue: list[Fragment] = field(default_factory=list)
    content: list[Fragment] = field(default_factory=list)


@dataclass(slots=True)
class GoldDocument:
    """One article: its text and the gold relations of its chosen annotator."""

    name: str
    text: str
    relations: list[GoldRelation]
    annotator: str = ""


def _layout(folder: Path) -> tuple[Path, Path]:
    """``(text_dir, ann_dir)`` for a split folder, or for the corpus root holding ``dev/``."""
    for base in (folder, folder / "dev"):
        if (base / "text").is_dir() and (base / "attributions").is_dir():
            return base / "text", base / "attributions"
    raise DataError(
        f"not a PolNeAR folder: {folder} (expected text/ and attributions/ subfolders)"
    )


def _gold_files(text_dir: Path, ann_dir: Path) -> list[tuple[str, Path, Path, str]]:
    """``(doc, txt, ann, annotator)`` per document, first annotator id, sorted by name."""
    first: dict[str, str] = {}
    for ann in ann_dir.glob("*.ann"):
        doc, sep, annotator = ann.stem.rpartition("_")
        if not sep or not doc:
            raise DataError(f"unexpected annotation file name (want <doc>_<annotator>.ann): {ann}")
        if doc not in first or annotator < first[doc]:
            first[doc] = annotator
    if not first:
        raise DataError(f"no .ann files in {ann_dir}")
    rows = []
    for doc in sorted(first):
        txt = text_dir / f"{doc}.txt"
        if not txt.is_file():
            raise DataError(f"annotations without text: {txt} is missing")
        rows.append((doc, txt, ann_dir / f"{doc}_{first[doc]}.ann", first[doc]))
    return rows


def _spread(n: int, limit: int | None) -> list[int]:
    """Indices of ``limit`` items spread evenly over ``n`` sorted ones.

    Files sort by publisher, so the first N would all come from one outlet; an even stride
    keeps a small sample representative and still deterministic.
    """
    if limit is None or limit >= n:
        return list(range(n))
    if limit <= 0:
        return []
    return sorted({(i * n) // limit for i in range(limit)})


def parse_ann(path: Path, text: str) -> list[GoldRelation]:
    """Relations of one BRAT ``.ann`` file, ordered by where their content starts."""
    spans: dict[str, tuple[str, list[Fragment]]] = {}
    events: list[tuple[int, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"cannot read {path}: {exc}") from exc
    for no, line in enumerate(lines, 1):
        if _SPAN_LINE.match(line):
            cols = line.split("\t")
            if len(cols) < 2 or " " not in cols[1]:
                raise DataError(f"{path}:{no}: malformed span line")
            kind, _, offsets = cols[1].partition(" ")
            frags: list[Fragment] = []
            for part in offsets.split(";"):
                m = _FRAGMENT.match(part.strip())
                if not m:
                    raise DataError(f"{path}:{no}: malformed offsets {offsets!r}")
                s, e = int(m.group(1)), int(m.group(2))
                if not 0 <= s <= e <= len(text):
                    raise DataError(f"{path}:{no}: offsets {s}-{e} outside the text")
                frags.append((s, e))
            spans[cols[0]] = (kind, frags)
        elif _RELATION_LINE.match(line):
            events.append((no, line))
        # '#' notes and stray continuation lines (some start with a T) carry no relation.
    relations = [_relation(path, no, line, spans) for no, line in events]
    kept = [r for r in relations if r is not None]
    kept.sort(key=lambda r: (outer(r.content) or outer(r.cue) or (0, 0)))
    return kept


def _relation(
    path: Path, no: int, line: str, spans: dict[str, tuple[str, list[Fragment]]]
) -> GoldRelation | None:
    cols = line.split("\t")
    if len(cols) < 2 or ":" not in cols[1]:
        raise DataError(f"{path}:{no}: malformed relation line")
    args = cols[1].split()
    kind = args[0].split(":", 1)[0]
    if kind not in RELATION_TYPES:
        return None
    roles: dict[str, list[Fragment]] = {"Source": [], "Cue": [], "Content": []}
    for arg in args[1:]:
        role, _, tid = arg.partition(":")
        role = _ROLE_SUFFIX.sub("", role)
        if tid not in spans:
            raise DataError(f"{path}:{no}: relation refers to unknown span {tid}")
        if role in roles:
            roles[role].extend(spans[tid][1])
    return GoldRelation(
        kind=kind,
        source=sorted(roles["Source"]),
        cue=sorted(roles["Cue"]),
        content=sorted(roles["Content"]),
    )


def load_polnear(folder: Path, limit: int | None = None) -> list[GoldDocument]:
    """Gold documents of a PolNeAR split folder (or the corpus root, meaning its ``dev/``).

    ``limit`` keeps that many documents spread evenly over the sorted list (see
    :func:`_spread`). Raises :class:`DataError` for a missing or malformed folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"PolNeAR folder not found: {folder}")
    rows = _gold_files(*_layout(folder))
    docs = []
    for i in _spread(len(rows), limit):
        doc, txt, ann, annotator = rows[i]
        try:
            text = txt.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"cannot read {txt}: {exc}") from exc
        docs.append(GoldDocument(doc, text, parse_ann(ann, text), annotator))
    return docs


def describe_gold(docs: list[GoldDocument], top: int = 60) -> dict[str, Any]:
    """Counts that help tune an extractor: cue strings and how often content is quoted.

    Cue strings are the lower-cased, whitespace-normalised text of all cue fragments.
    ``quoted`` counts contents opened and closed by double quotes; ``partly_quoted`` those
    holding a double quote somewhere (a quoted phrase inside indirect speech, or a quote).
    """
    cues: Counter[str] = Counter()
    relations = quoted = partly = no_source = 0
    for doc in docs:
        for rel in doc.relations:
            relations += 1
            no_source += rel.kind == "Attribution-no-source"
            cue = " ".join(" ".join(doc.text[s:e] for s, e in rel.cue).lower().split())
            cues[cue or "<none>"] += 1
            quoted += is_quoted(doc.text, rel.content)
            partly += contains_quote(doc.text, rel.content)
    return {
        "documents": len(docs),
        "relations": relations,
        "no_source": no_source,
        "quoted": quoted,
        "partly_quoted": partly,
        "quoted_share": round(quoted / relations, 4) if relations else 0.0,
        "partly_quoted_share": round(partly / relations, 4) if relations else 0.0,
        "distinct_cues": len(cues),
        "top_cues": cues.most_common(top),
    }
