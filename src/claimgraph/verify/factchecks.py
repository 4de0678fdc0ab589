"""The fact-check library: earlier fact-checks, imported from what publishers and labs publish.

Two sources matter. Publishers embed schema.org ``ClaimReview`` JSON-LD in their pages
(``<script type="application/ld+json">``), and fact-check feeds ship many of them as a JSON
array, JSON lines or a ``DataFeed``. Research collections (CLEF CheckThat! Snopes and
PolitiFact claims) come as JSONL or TSV. Both become one :class:`FactCheck` record that keeps
what a fact-checker needs to cite it: the claim, the rating, who reviewed it, when, and where.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import html
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import DataError, InputError
from ..read.plain import clean_text

_LDJSON = re.compile(
    r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S)


@dataclass(slots=True)
class FactCheck:
    """One earlier fact-check. ``id`` is stable across re-imports (URL or collection id based)."""

    id: str
    claim: str
    rating: str | None = None
    reviewer: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    claimant: str | None = None
    rating_value: float | None = None
    collection: str = "claimreview"
    summary: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    body: str | None = None  # the fact-check article's text, when known: often quotes the claim verbatim

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "FactCheck":
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in d.items() if k in names})

    def search_text(self) -> str:
        """What retrieval indexes: the claim plus headline and summary, which often name it better."""
        parts = [self.claim]
        for extra in (self.title, self.summary):
            if extra and extra not in parts:
                parts.append(extra)
        return " ".join(p for p in parts if p)


def _stable_id(*parts: str | None) -> str:
    return "fc-" + hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:16]


def _name(value: Any) -> str | None:
    """schema.org lets author/publisher be a string, an object, or a list of either."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _name(value.get("name")) or _name(value.get("alternateName")) or _name(value.get("url"))
    return str(value)


def _types(node: dict[str, Any]) -> set[str]:
    t = node.get("@type", [])
    return {str(x).rsplit("/", 1)[-1] for x in (t if isinstance(t, list) else [t])}


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD document: @graph lists, DataFeed items and nesting included.

    Iterative, in document order: a hostile file nested a hundred thousand levels deep must
    not exhaust the interpreter's stack."""
    stack: list[Any] = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            yield node
            stack.extend(node[key] for key in reversed(_NESTED) if key in node)


_NESTED = ("@graph", "dataFeedElement", "item", "mainEntity", "hasPart", "review")


def _loads(text: str, where: str = "") -> Any:
    """``json.loads`` with depth bombs as a one-line error (the decoder recurses per level)."""
    try:
        return json.loads(text, object_pairs_hook=_clean_pairs)
    except RecursionError:
        raise InputError(f"{where}the JSON is nested too deeply to read") from None


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) if isinstance(v, str) else v for v in value]
    return value


def _clean_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Every decoded object's keys and strings made storable (lone surrogates, NULs → U+FFFD)
    before anything hashes or stores them."""
    return {clean_text(k): _clean_value(v) for k, v in pairs}


def _storable(fc: FactCheck) -> FactCheck:
    """Lone surrogates and NULs in a fact-check's text fields become U+FFFD (else the database
    refuses the row, and with it the whole import)."""
    for name in ("id", "claim", "rating", "reviewer", "date", "url", "title", "claimant", "collection",
                 "summary", "body"):
        value = getattr(fc, name)
        if isinstance(value, str):
            setattr(fc, name, clean_text(value))
    return fc


def claimreview_to_factcheck(node: dict[str, Any], collection: str = "claimreview") -> FactCheck | None:
    """A ``ClaimReview`` object → FactCheck; None when it names no claim (nothing to match)."""
    claim = node.get("claimReviewed")
    item = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    if not claim and isinstance(item, dict):
        claim = item.get("name") or item.get("text")
    if not isinstance(claim, str) or not claim.strip():
        return None
    claim = html.unescape(" ".join(claim.split()))
    rating = node.get("reviewRating") if isinstance(node.get("reviewRating"), dict) else {}
    label = _name(rating.get("alternateName")) or _name(rating.get("name"))
    value: float | None = None
    try:
        raw = rating.get("ratingValue")
        value = float(raw) if raw not in (None, "") else None
        best, worst = float(rating.get("bestRating", 5)), float(rating.get("worstRating", 1))
        if value is not None and best != worst:
            value = (value - worst) / (best - worst)  # 0 = false … 1 = true, whatever the scale
    except (TypeError, ValueError):
        value = None
    url = node.get("url") or node.get("@id")
    reviewer = _name(node.get("author")) or _name(node.get("publisher"))
    claimant = _name(item.get("author")) if isinstance(item, dict) else None
    date = node.get("datePublished") or node.get("dateCreated")
    body = node.get("reviewBody") or node.get("articleBody")
    return FactCheck(
        id=_stable_id(url if isinstance(url, str) else None, claim),
        claim=claim, rating=label, rating_value=value, reviewer=reviewer,
        date=str(date) if date else None, url=url if isinstance(url, str) else None,
        title=_name(node.get("headline")) or _name(node.get("name")), claimant=claimant,
        collection=collection, body=html.unescape(" ".join(body.split())) if isinstance(body, str) and body.strip() else None,
    )


def parse_claimreviews(text: str, collection: str = "claimreview") -> list[FactCheck]:
    """ClaimReviews in an HTML page (JSON-LD script blocks), a JSON document, or JSON lines."""
    docs: list[Any] = []
    stripped = text.lstrip()
    if stripped.startswith("<"):
        for block in _LDJSON.findall(text):
            try:
                docs.append(_loads(html.unescape(block) if "&quot;" in block else block))
            except (json.JSONDecodeError, InputError):
                continue  # a broken block on a page should not hide the others
    else:
        try:
            docs.append(_loads(text))
        except json.JSONDecodeError:
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    try:
                        docs.append(_loads(line, f"line {n}: "))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"line {n}: not JSON ({exc.msg})") from None
    out: list[FactCheck] = []
    seen: set[str] = set()
    for doc in docs:
        for node in _walk(doc):
            if "ClaimReview" in _types(node):
                fc = claimreview_to_factcheck(node, collection)
                fc = _storable(fc) if fc else None
                if fc and fc.id not in seen:
                    seen.add(fc.id)
                    out.append(fc)
    return out


def _open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace", newline="")


def read_checkthat_claims(path: str | Path) -> list[FactCheck]:
    """CheckThat! verified claims: 2022 Snopes/PolitiFact JSONL, or the 2020 ``docs.tsv``.

    The collection id (``vclaim_id``) is kept as the FactCheck id so qrels line up.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(f"no such file: {path}")
    out: list[FactCheck] = []
    if path.name.endswith((".jsonl", ".jsonl.gz", ".json")):
        with _open_text(path) as f:
            for n, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    d = _loads(line, f"{path} line {n}: ")
                    if not isinstance(d, dict):
                        raise DataError(f"{path} line {n}: expected a JSON object")
                    out.append(_storable(_from_vclaim(d)))
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path} line {n}: not JSON ({exc.msg})") from None
        _attach_bodies(path, out)
    elif path.name.endswith(".tsv"):
        with _open_text(path) as f:
            rows = csv.reader(f, delimiter="\t")
            header = next(rows, None)
            if header is None or len(header) < 2:
                raise DataError(f"{path}: expected a header 'id<TAB>vclaim<TAB>title'")
            for row in rows:
                if len(row) >= 2 and row[1].strip():
                    out.append(FactCheck(id=row[0], claim=row[1].strip(),
                                         title=row[2].strip() if len(row) > 2 and row[2].strip() else None,
                                         reviewer="Snopes", collection="checkthat"))
    else:
        raise DataError(f"{path}: claims must be .jsonl, .jsonl.gz or .tsv")
    if not out:
        raise DataError(f"{path}: no claims found")
    return out


def body_file(path: Path) -> Path | None:
    """The article texts that may sit beside a collection: ``X.jsonl`` → ``X-text.jsonl[.gz]``."""
    stem = path.name.split(".jsonl")[0].split(".json")[0]
    for name in (f"{stem}-text.jsonl.gz", f"{stem}-text.jsonl"):
        if (path.parent / name).is_file():
            return path.parent / name
    return None


def _attach_bodies(path: Path, found: list[FactCheck]) -> None:
    """Fill ``body`` from the collection's article-text file (``{"vclaim_id", "text"}`` lines).

    Why: a fact-check article usually quotes the statement it checks word for word, which is
    the best lexical evidence that a debate or speech sentence was checked (CheckThat 2B).
    A broken text file is reported, never fatal: the claims are still usable without it.
    """
    source = body_file(path)
    if source is None:
        return
    by_id = {fc.id: fc for fc in found}
    try:
        with _open_text(source) as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    fc = by_id.get(str(d.get("vclaim_id") or d.get("id")))
                    if fc is not None and isinstance(d.get("text"), str):
                        fc.body = " ".join(d["text"].split())
    except (OSError, ValueError, EOFError) as exc:
        import sys

        print(f"claimgraph: warning: {source}: article texts not used ({exc})", file=sys.stderr)


def _from_vclaim(d: dict[str, Any]) -> FactCheck:
    vid = str(d.get("vclaim_id") or d.get("id") or _stable_id(d.get("vclaim")))
    url = d.get("page_url") or d.get("url")
    reviewer = "PolitiFact" if vid.startswith("vclaim-pol") else ("Snopes" if vid.startswith("vclaim-sno") else None)
    if isinstance(url, str) and url.startswith("/factchecks/"):
        url = "https://www.politifact.com" + url
    date = d.get("date")
    claimant = d.get("speaker") or None
    return FactCheck(
        id=vid, claim=" ".join(str(d.get("vclaim", "")).split()), rating=d.get("truth_label"),
        reviewer=reviewer or _name(d.get("author")), date=date, url=url, title=d.get("title"),
        claimant=claimant, summary=d.get("subtitle") or None, collection="checkthat",
        extra={"author": d["author"]} if d.get("author") and reviewer else {},
    )


def load_factchecks(path: str | Path) -> list[FactCheck]:
    """Any supported fact-check file: CheckThat collections by shape, else ClaimReview."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    if path.name.endswith((".jsonl", ".jsonl.gz", ".tsv")):
        with _open_text(path) as f:
            first = f.readline()
        if "vclaim" in first:
            return read_checkthat_claims(path)
    return parse_claimreviews(_read_bounded(path).decode("utf-8", errors="replace"))


MAX_FACTCHECK_BYTES = 256 * 1024 * 1024  # a whole ClaimReview export; larger ones must be split


def _read_bounded(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes (decompressed when ``.gz``), refused past ``limit`` (default
    :data:`MAX_FACTCHECK_BYTES`) while reading: a small gzip can expand to gigabytes."""
    limit = MAX_FACTCHECK_BYTES if limit is None else limit
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rb") as fh:
            data = fh.read(limit + 1)
    except (OSError, EOFError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    if len(data) > limit:
        raise InputError(f"{path} holds more than {limit // (1024 * 1024)} MB of fact-checks; split it")
    return data


def read_queries(path: str | Path) -> dict[str, str]:
    """Query TSV ``id<TAB>text`` (an optional header line; CSV-style quotes allowed)."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"no such file: {path}")
    out: dict[str, str] = {}
    with _open_text(path) as f:
        for row in csv.reader(f, delimiter="\t"):
            if len(row) < 2 or row[0] in ("", "iclaim_id", "id", "tweet_id"):
                continue
            out.setdefault(row[0], " ".join(row[1].split()))  # duplicates (2B) keep the first
    return out


def read_qrels(path: str | Path) -> dict[str, set[str]]:
    """TREC qrels ``qid 0 docid rel``; only rel > 0 pairs count."""
    path = Path(path)
    if not path.exists():
        raise DataError(f"no such file: {path}")
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            out.setdefault(parts[0], set()).add(parts[2])
    return out


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files under the given paths (folders walked in sorted order, hidden files skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(p).parts):
                    yield child
        elif p.is_file():
            yield p
        else:
            raise InputError(f"no such file or folder: {p}")
