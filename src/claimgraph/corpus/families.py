"""Claim families: the same claim in other words, across articles and outlets.

A new claim joins the family of its best match among stored claims when the match is close
enough, else it founds a family. Candidates come from the ANN index (cosine of sentence
vectors); the decision uses two signals because each alone fails differently: embeddings
call "troops abandoned vehicles" and "troops abandoned positions" near-identical topics,
word overlap misses paraphrase. A pair is accepted when

* cosine ≥ ``strong`` (near-paraphrase, whatever the words), or
* cosine ≥ ``weak`` and content-word overlap ≥ ``lexical`` (same claim, some words changed —
  this is how a mutated retelling stays in its family so the diff can flag it).

The overlap coefficient lets a short telling match a long one, but a fragment of four words
("Russia's invasion of Ukraine") is "contained" in hundreds of sentences; so the weak path
also needs the shared words to cover ``coverage`` of the *longer* claim's words.

Two more gates, because sounding alike is not being the same claim (issue 15):

* only self-contained claims take part, and only check-worthy ones found a family
  (``claimfit.py``; the worker marks self-contained claims ``indexed`` and stores each claim's
  check-worthiness; ``found`` is the score a founder needs);
* a match whose event facts contradict the claim's (different days, places, counts of the same
  thing on different dates, different people: ``events.py``) — or contradict those of the
  family's founder — is not taken; the next best match is tried, else the claim founds its own
  family.

The numbers are calibrated on real claim pairs (``docs/calibration.md``,
``claimgraph eval families``), not guessed. Assignment is incremental (greedy, in ingest
order): a claim never moves once placed, so families are stable across reruns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..store import corpus_ops as ops
from ..store.corpus_ops import Membership
from ..store.sqlite import Store
from .ann import VectorIndex, file_lock, index_paths
from .embed import LEXICAL, MINILM, Embedder
from .events import conflict
from .text import content_word_set, content_words, coverage, lexical_overlap


@dataclass(frozen=True, slots=True)
class Thresholds:
    strong: float
    weak: float
    lexical: float
    coverage: float = 0.0
    found: float = 0.0  # check-worthiness a claim needs to found a family (joining needs none)
    strong_coverage: float = 0.0  # shared words the strong (cosine-only) path still needs

    def accept(self, cosine: float, overlap: float, coverage: float = 1.0) -> bool:
        if cosine >= self.strong and coverage >= self.strong_coverage:
            return True
        return cosine >= self.weak and overlap >= self.lexical and coverage >= self.coverage

    def founds(self, facts: dict, source_type: str | None = None) -> bool:
        """May this claim found a family? When it is check-worthy enough, or when a source (named,
        described or a post; not an anonymous one) is said to have said it: the check-worthiness model, trained on debates, scores plain news
        announcements ("the council will meet on Monday, a post said") near zero, while the
        boilerplate this gate is for ("subscribe now", "we will keep following the story") is
        never attributed to anyone."""
        score = facts.get("checkworthiness")
        return score is None or score >= self.found or source_type not in (None, "anonymous")


# Calibrated in docs/calibration.md (CLEF CheckThat! 2022 task 2b pairs, F0.5 on a dev split).
THRESHOLDS: dict[str, Thresholds] = {
    MINILM: Thresholds(strong=0.75, weak=0.45, lexical=0.70, coverage=0.4, found=0.15, strong_coverage=0.3),
    LEXICAL: Thresholds(strong=0.85, weak=0.45, lexical=0.60, coverage=0.4, found=0.15, strong_coverage=0.3),
}
NEIGHBOURS = 10


def family_id_for(n: int) -> str:
    return f"f{n}"


def _founder(family_id: str | None) -> int | None:
    """The claim number that founded a family (``family_id_for`` inverted)."""
    if family_id and family_id.startswith("f") and family_id[1:].isdigit():
        return int(family_id[1:])
    return None


class FamilyLinker:
    """Owns the ANN index of one store; decides memberships for each new article's claims."""

    def __init__(self, store: Store, embedder_name: str, thresholds: Thresholds | None = None) -> None:
        self.store = store
        self.embedder_name = embedder_name
        self.thresholds = thresholds or THRESHOLDS[embedder_name]
        self.paths = index_paths(store)
        self.index = self._open_index()
        # every claim numbered up to here is in the index (numbers only grow: corpus_ops.write_article)
        self.synced = self.index.max_key
        self._pending: list[tuple[int, np.ndarray]] = []
        self._embedder: Embedder | None = None

    def _open_index(self) -> VectorIndex:
        index = VectorIndex.load(self.embedder_name, *self.paths) if self.paths else None
        if index is None:
            index = VectorIndex(self.embedder_name)
        missing = list(ops.indexed_claims_after(self.store, index.max_key))
        if missing:  # the database is ahead of the saved index (crash, or another embedder): catch up
            embedder = Embedder(self.embedder_name)
            for i in range(0, len(missing), 256):
                chunk = missing[i : i + 256]
                index.add([n for n, _ in chunk], embedder.encode([t for _, t in chunk]))
        return index

    def catch_up(self) -> set[str]:
        """Add claims other writers committed since the last call; returns their article ids.

        Called under the database write lock, so nothing can commit between this and the write
        that follows: the index then holds every stored claim and families span processes.
        """
        rows = ops.claims_since(self.store, self.synced)
        if not rows:
            return set()
        self.synced = max(self.synced, rows[-1][0])
        theirs = [(n, a, core, indexed) for n, a, core, indexed in rows if n not in self.index.index]
        new = [(n, core) for n, _, core, indexed in theirs if indexed]
        if new:
            self._embedder = self._embedder or Embedder(self.embedder_name)
            for i in range(0, len(new), 256):
                chunk = new[i : i + 256]
                self.index.add([n for n, _ in chunk], self._embedder.encode([t for _, t in chunk]))
        return {a for _, a, _, _ in theirs}

    def link(self, claims: list[dict], ns: list[int], vectors: np.ndarray) -> list[Membership]:
        """Memberships for one article's indexed claims (``vectors`` rows match indexed claims).

        A claim that may not found a family (not check-worthy, said by nobody) and matches none
        gets no membership for now; when a later claim close to it founds a family, it joins that
        family then, so the order of ingest does not decide whether it is ever placed."""
        out: list[Membership] = []
        local: list[tuple[int, np.ndarray, str, dict | None]] = []  # earlier claims of this article
        family_of_local: dict[int, str] = {}
        adopted: dict[int, str] = {}  # unplaced stored claims given a family by this article
        rows = [(n, c) for n, c in zip(ns, claims) if c["indexed"]]
        hits = [self.index.search(vectors[i], NEIGHBOURS) for i in range(len(rows))]
        known = ops.claims_by_n(self.store, {k for h in hits for k, _ in h})
        # the founders of the candidates' families: a claim must agree with the founder too, or a
        # chain of matches (A close to B, B close to C) puts two events in one family
        founder_ns = {_founder(c["family_id"]) for c in known.values() if c["family_id"]} - {None} - set(known)
        founders = {k: c["facts"] for k, c in ops.claims_by_n(self.store, founder_ns).items()}
        founders.update({k: c["facts"] for k, c in known.items()})
        for i, (n, claim) in enumerate(rows):
            vec = vectors[i]
            words = content_word_set(claim["core"])
            facts = claim.get("facts") or {}
            best: tuple[float, int, str, float, float] | None = None  # (score, n, family, cos, lex)
            refused: tuple[int, str] | None = None
            candidates = [(k, cos, known[k]["core"], known[k]["family_id"], known[k]["facts"])
                          for k, cos in hits[i] if k in known]
            candidates += [(k, float(np.dot(vec, v)), core, family_of_local.get(k), f) for k, v, core, f in local]
            orphans: list[tuple[int, float, float]] = []  # close claims that could found no family
            for k, cos, core, fam, other in candidates:
                if k in adopted:
                    fam = adopted[k]
                theirs = content_word_set(core)
                lex = lexical_overlap(words, theirs)
                if self.thresholds.accept(cos, lex, coverage(words, theirs)):
                    why = conflict(facts.get("event"), (other or {}).get("event"))
                    founder = _founder(fam)
                    if not why and founder is not None and founder != k:
                        why = conflict(facts.get("event"), (founders.get(founder) or {}).get("event"))
                    if why:
                        refused = refused or (k, why)
                        continue
                    if fam is None:
                        orphans.append((k, cos, lex))
                        continue
                    score = cos + 0.25 * lex
                    # equal scores (identical texts have identical vectors): the earliest telling,
                    # not whichever the ANN index happened to return first
                    if best is None or score > best[0] or (score == best[0] and k < best[1]):
                        best = (score, k, fam, cos, lex)
            if best is None:
                if not self.thresholds.founds(facts, claim.get("source_type")):
                    founders[n] = facts
                    local.append((n, vec, claim["core"], facts))
                    continue
                fam = family_id_for(n)
                reason = "founds the family: no stored claim close enough"
                if refused:
                    reason = f"founds the family: claim {refused[0]} is close but tells another event ({refused[1]})"
                out.append(Membership(n, fam, None, None, None, reason, True))
                for k, cos, lex in orphans:  # stored first, they could not found it: they join now
                    adopted[k] = fam
                    family_of_local[k] = fam
                    out.append(Membership(k, fam, n, round(cos, 4), round(lex, 4),
                                          f"joins the family claim {n} founded (cosine {cos:.2f}, overlap {lex:.2f}); "
                                          "stored earlier, it could not found one itself"))
            else:
                _, k, fam, cos, lex = best
                how = "embedding cosine" if cos >= self.thresholds.strong else "embedding cosine and word overlap"
                out.append(Membership(n, fam, k, round(cos, 4), round(lex, 4),
                                      f"matches claim {k} ({how}: cosine {cos:.2f}, overlap {lex:.2f})"))
            family_of_local[n] = fam
            founders[n] = facts
            local.append((n, vec, claim["core"], facts))
        self._pending.extend((n, vectors[i]) for i, (n, _) in enumerate(rows))
        return out

    def committed(self) -> None:
        """The article's transaction committed: its vectors may now enter the index."""
        if self._pending:
            self.index.add([n for n, _ in self._pending], np.stack([v for _, v in self._pending]))
            self._pending.clear()

    def rolled_back(self) -> None:
        self._pending.clear()

    def save(self) -> None:
        """Write the index files, merged with what other writers committed: under a file lock,
        first catch up from the database (the source of truth), then replace the files
        atomically, so a concurrent ingest's saved entries are never overwritten by fewer."""
        if not self.paths:
            return
        with file_lock(self.paths[0].with_name(self.paths[0].name + ".lock")):
            self.catch_up()
            self.index.save(*self.paths)


def lookup(store: Store, text: str, embedder: Embedder, k: int = 5) -> list[tuple[int, float, float, str | None]]:
    """Stored claims closest to a free-text claim: (n, cosine, overlap, family) best first."""
    linker_index = _cached_index(store, embedder.name)
    vec = embedder.encode([text])[0]
    hits = linker_index.search(vec, max(k, NEIGHBOURS))
    known = ops.claims_by_n(store, [n for n, _ in hits])
    words = content_words(text)
    out = [(n, cos, lexical_overlap(words, content_words(known[n]["core"])), known[n]["family_id"])
           for n, cos in hits if n in known]
    return out[:k]


_INDEX_CACHE: dict[tuple[str, str], tuple[float, int, VectorIndex]] = {}


def _cached_index(store: Store, embedder_name: str) -> VectorIndex:
    """The store's saved index, loaded once per process and reloaded only when the file changes
    (a long-running reader such as the web app must not reload 1M vectors per query)."""
    paths = index_paths(store)
    if paths is None or not paths[0].exists():
        return FamilyLinker(store, embedder_name).index
    stat = paths[0].stat()
    key = (str(paths[0]), embedder_name)
    hit = _INDEX_CACHE.get(key)
    if hit and hit[0] == stat.st_mtime and hit[1] == stat.st_size:
        return hit[2]
    index = VectorIndex.load(embedder_name, *paths) or FamilyLinker(store, embedder_name).index
    _INDEX_CACHE.clear()  # one index at a time: they can be large
    _INDEX_CACHE[key] = (stat.st_mtime, stat.st_size, index)
    return index
