"""Word-level diff of two tellings of a claim, flagging the changes that alter its meaning.

"Russian soldiers are abandoning their vehicles" → "Russian troops are harming their warships":
the diff aligns words (difflib over lower-cased tokens) and looks at what was replaced,
inserted or deleted, using the token annotations stored at ingest (part of speech, dependency,
entity type — the claim is never re-parsed):

* ``number``   – a number changed, appeared or vanished ("14" → "40", "dozens")
* ``negation`` – a negation appeared or vanished ("not", "never", "n't", "no")
* ``entity``   – a named person, organisation, place … changed
* ``object``   – what the action is done to changed (direct/prepositional object, attribute)
* ``action``   – the main verb changed ("abandoning" → "harming")

Other content-word changes ("soldiers" → "troops") are listed as ``wording`` but do not make
a mutation: precision matters more than recall, and rewording is what outlets do.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from .text import STOPWORDS

MEANINGFUL = ("number", "negation", "entity", "object", "action")
NEGATIONS = {"not", "no", "never", "n't", "none", "nobody", "nothing", "neither", "nor", "without", "cannot", "denied", "denies"}
NUMBER_WORDS = set("""zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million
billion trillion dozen dozens hundreds thousands millions half""".split())
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
OBJECT_DEPS = {"dobj", "pobj", "attr", "dative", "oprd", "obj", "iobj"}
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|n't", re.I)


@dataclass(slots=True)
class Tok:
    text: str
    pos: str = ""
    dep: str = ""
    ent: str = ""

    @property
    def low(self) -> str:
        return self.text.lower().replace("’", "'")


@dataclass(slots=True)
class Diff:
    ops: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)

    @property
    def mutation(self) -> bool:
        return any(f in MEANINGFUL for f in self.flags)

    def to_dict(self) -> dict[str, Any]:
        return {"flags": list(self.flags), "ops": list(self.ops)}

    def render(self) -> str:
        """``[-old-]{+new+}`` inline form for terminals and edge labels."""
        parts = []
        for op in self.ops:
            if op["op"] == "equal":
                parts.append(op["a"])
            else:
                if op["a"]:
                    parts.append(f"[-{op['a']}-]")
                if op["b"]:
                    parts.append(f"{{+{op['b']}+}}")
        return " ".join(parts)


def tokens(text: str, annotations: list[list[Any]] | None = None) -> list[Tok]:
    """Tokens of a claim with the stored annotations ``[start, end, pos, dep, ent]`` when given."""
    if annotations:
        return [Tok(text[s:e], pos, dep, ent) for s, e, pos, dep, ent in annotations if _TOKEN.fullmatch(text[s:e])]
    return [Tok(m.group(0)) for m in _TOKEN.finditer(text)]


def _is_number(t: Tok) -> bool:
    return t.pos == "NUM" or any(ch.isdigit() for ch in t.text) or t.low in NUMBER_WORDS


def _content(t: Tok) -> bool:
    return t.low not in STOPWORDS and t.low not in ("the", "a", "an") and t.pos not in ("DET", "PUNCT", "AUX", "PART", "PRON", "CCONJ", "SCONJ", "ADP")


def diff_claims(a_text: str, b_text: str, a_ann: list | None = None, b_ann: list | None = None) -> Diff:
    a, b = tokens(a_text, a_ann), tokens(b_text, b_ann)
    matcher = difflib.SequenceMatcher(a=[t.low for t in a], b=[t.low for t in b], autojunk=False)
    result = Diff()
    flags: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        old, new = a[i1:i2], b[j1:j2]
        result.ops.append({"op": op, "a": " ".join(t.text for t in old), "b": " ".join(t.text for t in new)})
        if op == "equal":
            continue
        changed = old + new
        if any(_is_number(t) for t in changed):
            flags.append("number")
        if any(t.low in NEGATIONS or t.dep == "neg" for t in changed):
            if {t.low for t in old if t.low in NEGATIONS} != {t.low for t in new if t.low in NEGATIONS}:
                flags.append("negation")
        if any(t.ent in ENTITY_TYPES for t in changed) and not _same_words(old, new):
            flags.append("entity")
        if any(t.dep in OBJECT_DEPS and t.pos in ("NOUN", "PROPN") for t in changed) and not _same_words(old, new):
            flags.append("object")
        if any(t.pos == "VERB" and _content(t) for t in changed) and not _same_words(old, new):
            flags.append("action")
        if any(_content(t) and not _is_number(t) and t.low not in NEGATIONS for t in changed):
            flags.append("wording")
    result.flags = [f for f in ("number", "negation", "entity", "object", "action", "wording") if f in flags]
    return result


def _same_words(old: list[Tok], new: list[Tok]) -> bool:
    """Equal after dropping case and a plural 's' (a reordering, not a change)."""
    norm = lambda ts: sorted(t.low.rstrip("s") for t in ts if _content(t))  # noqa: E731
    return norm(old) == norm(new)
