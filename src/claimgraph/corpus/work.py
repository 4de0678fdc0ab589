"""The per-article work of an ingest: parse, analyse, embed claims, sign for near-duplicates.

This is the one function every executor runs (in-process, a multiprocessing worker, a Ray
actor), so they give identical results. It takes and returns plain dicts (picklable, JSON-able)
and holds its models in a :class:`Worker`, created once per process or actor: one spaCy
pipeline and one sentence-embedding model each, never one per article. Nothing here touches
the database; the single writer in the parent stores the results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..budget import time_budget
from ..checks.nearby import ByStart
from ..errors import ClaimgraphError
from ..extract.liveblog import entry_stamps, entry_time_at
from ..model import Analysis, Article
from ..options import AnalyzeOptions
from .claimfit import fitness
from .dedup import signature
from .embed import CACHE_SIZE, Embedder
from .events import event_facts
from .sources import source_key
from .text import content_words

# Shorter claims ("We acted quickly") say too little to be matched across outlets. Headlines are
# not indexed either: they compress the body's claim, and as separate occurrences they would
# double every article in a provenance graph.
MIN_CONTENT_WORDS = 3


@dataclass(frozen=True, slots=True)
class WorkOptions:
    """What each worker does: which embedder, and whether non-English text is analysed."""

    embedder: str = "auto"
    require_english: bool = True
    attribution: str = "model"
    time_budget: float | None = 300.0  # seconds per article (None: no limit); see budget.py


def article_to_dict(article: Article) -> dict[str, Any]:
    d = article.to_dict(with_text=True)
    d["language_score"] = article.language_score
    return d


def article_from_dict(d: dict[str, Any]) -> Article:
    return Article(id=d["id"], text=d["text"], title=d.get("title"), url=d.get("url"),
                   outlet=d.get("outlet"), published=d.get("published"),
                   published_source=d.get("published_source"), language=d.get("language"),
                   language_score=d.get("language_score"), format=d.get("format", "text"))


def claim_core(text: str) -> str:
    """The claim without a leading complementiser ("that the ferry sank" → "the ferry sank")."""
    stripped = text.strip().strip('"“”\'')
    for lead in ("that ", "That "):
        if stripped.startswith(lead):
            return stripped[len(lead):]
    return stripped


def claim_rows(analysis: Analysis, doc: Any = None) -> list[dict[str, Any]]:
    """One row per claim: text, offsets, attributed source (as written and canonical), entities,
    and the claim's tokens ``[start, end, pos, dep, ent_type]`` (offsets relative to the claim)
    so provenance diffs can tell objects, actions and entities apart without re-parsing.

    ``facts`` says whether the claim can be read alone (``claimfit.py``), its check-worthiness
    (the linker decides who may found a family), its event facts (``events.py``) and its
    live-blog entry time; only self-contained claims are ``indexed`` for families;
    ``core`` is the text matched across articles, with a speaker pronoun replaced by the name."""
    rows = []
    art = analysis.article
    title_end = 0
    if art.title and art.text.lstrip().startswith(art.title):
        title_end = art.text.find(art.title) + len(art.title)
    entities = ByStart(analysis.entities)  # a lookup per claim, not a scan of every entity
    stamps = entry_stamps(art.text)
    for c in analysis.claims:
        att = analysis.attribution(c.attribution)
        name = None
        stype = None
        if att is not None:
            name = att.source_name or (att.source.text if att.source else None)
            if att.source_type == "social_post" and att.handle:
                name = name or att.handle
            stype = att.source_type
        core = claim_core(c.text)
        ents = [{"text": e.text, "label": e.label} for e in entities.inside(c.start, c.end)]
        toks = []
        span_tokens: list[Any] = []
        if doc is not None:
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            for t in span if span is not None else []:
                if not t.is_space and t.idx >= c.start and t.idx + len(t) <= c.end:
                    toks.append([t.idx - c.start, t.idx + len(t) - c.start, t.pos_, t.dep_, t.ent_type_])
                    span_tokens.append(t)
        entry = entry_time_at(stamps, c.start)
        facts: dict[str, Any] = {"entry_time": entry}
        self_contained = True
        if span_tokens:
            fit = fitness(span_tokens, core, c.start + c.text.find(core), name, stype)
            core, self_contained = fit.core, fit.self_contained
            times = [{"value": t.value, "type": t.type} for t in analysis.times if c.start <= t.start and t.end <= c.end]
            facts.update(fit=fit.why, event=event_facts(span_tokens, ents, times, entry or art.published))
        indexed = len(content_words(core)) >= MIN_CONTENT_WORDS and c.start >= title_end and self_contained
        facts["checkworthiness"] = c.checkworthiness
        rows.append({
            "claim_id": c.id, "text": c.text, "core": core, "start": c.start, "end": c.end,
            "attribution_id": c.attribution, "source_name": name, "source_type": stype,
            "source_key": source_key(name) if stype not in (None, "anonymous") else None,
            "entities": ents, "tokens": toks, "indexed": indexed, "facts": facts,
        })
    return rows


class Worker:
    """Holds the models of one process; ``run`` maps article dicts to result dicts."""

    def __init__(self, options: WorkOptions | None = None) -> None:
        self.options = options or WorkOptions()
        self.embedder = Embedder(self.options.embedder, cache_size=CACHE_SIZE)
        self._nlp: Any = None

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from .. import nlp as nlp_mod

            self._nlp = nlp_mod.load()
        return self._nlp

    def run(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Analyse a batch; a bad article gives ``{"id", "label", "error"}`` and the rest go on."""
        from .. import nlp as nlp_mod
        from ..pipeline import analyze_doc, prepare

        opts = AnalyzeOptions(require_english=self.options.require_english,
                              attribution=self.options.attribution)
        ready: list[tuple[dict[str, Any], Article, list[str]]] = []
        results: list[dict[str, Any]] = []
        for item in batch:
            try:
                article = article_from_dict(item)
                ready.append((item, article, prepare(article, opts)))
            except ClaimgraphError as exc:
                results.append({"id": item.get("id"), "label": item.get("label"), "error": str(exc)})
        done: list[tuple[dict[str, Any], dict[str, Any]]] = []
        if ready:  # models load outside any article's time budget
            from ..extract.checkworthy import CheckworthyModel

            nlp_mod.load()
            CheckworthyModel.load()
        for item, article, warnings in ready:
            try:
                with time_budget(self.options.time_budget, "the analysis of this article"):
                    doc = nlp_mod.parse(article.text)
                    analysis = analyze_doc(article, doc, opts)
                    analysis.warnings[:0] = warnings
                    rows = claim_rows(analysis, doc)
                done.append((item, {"id": article.id, "label": item.get("label"),
                                    "analysis": analysis.to_dict(with_text=True), "claims": rows,
                                    "signature": signature(article.text)}))
            except ClaimgraphError as exc:
                results.append({"id": item.get("id"), "label": item.get("label"), "error": str(exc)})
            except Exception as exc:  # noqa: BLE001 - one article's bug must not lose the batch
                results.append({"id": item.get("id"), "label": item.get("label"),
                                "error": f"internal error ({type(exc).__name__}) while analysing it; "
                                         "please report it"})
        texts = [r["core"] for _, res in done for r in res["claims"] if r["indexed"]]
        vectors = self.embedder.encode(texts)
        pos = 0
        for _, res in done:
            n = sum(1 for r in res["claims"] if r["indexed"])
            res["vectors"] = np.ascontiguousarray(vectors[pos : pos + n], dtype=np.float32).tobytes()
            res["embedder"] = self.embedder.name
            pos += n
            results.append(res)
        return results
