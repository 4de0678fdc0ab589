"""``nlp.add_pipe("claimgraph_attributions")``: claimgraph's attribution extraction as a spaCy component.

For people who already have a spaCy pipeline and want "who says what" in it, without the rest
of claimgraph. Registered through the ``spacy_factories`` entry point, so after
``pip install claimgraph`` no import is needed::

    nlp = spacy.load("en_core_web_sm"); nlp.add_pipe("claimgraph_attributions")
    [(a["source_name"], a["source_type"], a["content"]["text"]) for a in nlp(text)._.attributions]

What it sets on each Doc:

- ``doc._.attributions``: one dict per attribution, exactly as ``claimgraph analyze --json``
  lists them (character offsets, source type, mode, hedges, reason) — plain data, so the Doc
  still serialises (``Doc.to_bytes``, ``DocBin``, ``nlp.pipe(n_process=2)``);
- ``doc.spans["attributions"]``: the content of each attribution, labelled with its source type,
  and ``doc.spans["attribution_sources"]`` / ``doc.spans["attribution_cues"]``: the source and
  cue words, so displaCy's span visualiser and ``Span`` code work as usual.

Why it only calls :func:`claimgraph.extract.attribution.extract_attributions`: that function is
the public contract; the rules behind it change, this adapter does not. The rules read the
dependency parse, so a pipeline without a parser (``spacy.blank("en")``) is parsed a second time
with claimgraph's own English pipeline and the results are mapped back by character offsets
(``parse="auto"``; ``"own"`` always uses it, ``"doc"`` never does and fails clearly instead).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, SpanGroup

from .errors import ModelError

NAME = "claimgraph_attributions"
PARSE_MODES = ("auto", "doc", "own")

if not Doc.has_extension("attributions"):
    Doc.set_extension("attributions", default=None)


class AttributionComponent:
    """The pipeline component; ``parse`` decides which parse the rules read (see module doc)."""

    def __init__(self, nlp: Language, name: str = NAME, parse: str = "auto") -> None:
        if parse not in PARSE_MODES:
            raise ValueError(f"{name}: parse must be one of {', '.join(PARSE_MODES)}, not {parse!r}")
        self.name, self.parse = name, parse

    def _parsed(self, doc: Doc) -> Doc:
        has_parse = doc.has_annotation("DEP")
        if self.parse == "doc" or (self.parse == "auto" and has_parse):
            if not has_parse:
                raise ModelError(f"{self.name} needs a dependency parse: add a parser before it, "
                                 "or use parse='auto' to let claimgraph parse the text itself")
            return doc
        from . import nlp as claimgraph_nlp

        return claimgraph_nlp.load()(doc.text)

    def __call__(self, doc: Doc) -> Doc:
        from .extract.attribution import extract_attributions

        attributions = extract_attributions(self._parsed(doc))
        doc._.attributions = [a.to_dict() for a in attributions]
        groups: dict[str, list[Any]] = {"attributions": [], "attribution_sources": [], "attribution_cues": []}
        for a in attributions:
            for key, part, label in (("attributions", a.content, a.source_type),
                                     ("attribution_sources", a.source, a.source_type),
                                     ("attribution_cues", a.cue, a.mode)):
                if part is None:
                    continue
                span = doc.char_span(part.start, part.end, label=label, alignment_mode="expand")
                if span is not None:
                    groups[key].append(span)
        for key, spans in groups.items():
            doc.spans[key] = SpanGroup(doc, name=key, spans=spans)
        return doc


@Language.factory(NAME, default_config={"parse": "auto"})
def make_attributions(nlp: Language, name: str, parse: str) -> AttributionComponent:
    """Factory for ``nlp.add_pipe("claimgraph_attributions", config={"parse": "auto"})``."""
    return AttributionComponent(nlp, name, parse)
