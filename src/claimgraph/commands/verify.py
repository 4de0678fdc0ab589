"""Verification commands: ``factchecks import``, ``check``, ``evidence add``, ``verify``;
``eval match``, ``eval stance`` and ``eval verdicts``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..clioptions import attribution_option

from ..errors import InputError

DB_HELP = "SQLite database holding the fact-check library and the trusted evidence."


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _open(db: str, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from ..store import open_store

    if must_exist and not Path(db).exists():
        raise InputError(f"no database at {db} (add fact-checks or evidence to it first)")
    return open_store(db)


@click.group()
def factchecks() -> None:
    """The library of earlier fact-checks (ClaimReview JSON-LD, feeds, CheckThat collections)."""


@factchecks.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
def factchecks_import(paths: tuple[str, ...], db: str) -> None:
    """Import fact-checks: HTML pages with ClaimReview, JSON/JSONL feeds, CheckThat claims."""
    from ..store import verify_ops as ops
    from ..verify.factchecks import iter_files, load_factchecks

    total = 0
    with _open(db, must_exist=False) as store:
        for path in iter_files(paths):
            found = load_factchecks(path)
            total += ops.add_factchecks(store, found)
            click.echo(f"{path}: {len(found)} fact-check(s)", err=True)
        click.echo(f"{total} fact-check(s) imported; library holds {ops.factcheck_count(store)}")


@click.command()
@click.argument("claim_text")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--factchecks", "fc_file", type=click.Path(exists=True, dir_okay=False),
              help="Match against this fact-check file instead of the database.")
@click.option("-k", "top_k", type=int, default=5, show_default=True)
@click.option("--threshold", type=float, help="Match probability needed (default: the calibrated one).")
@click.option("--no-embeddings", is_flag=True, help="Lexical matching only (no MiniLM).")
@click.option("--date", "claim_date", metavar="YYYY-MM-DD",
              help="When the claim was made (fact-checks from the same weeks rank higher); "
                   "a pasted post's signature date is used when this is not given.")
@click.option("--json", "as_json", is_flag=True)
def check(claim_text: str, db: str, fc_file: str | None, top_k: int, threshold: float | None,
          no_embeddings: bool, claim_date: str | None, as_json: bool) -> None:
    """Earlier fact-checks that address a free-text claim, ranked, with a score and why."""
    from ..verify.textnorm import day_number

    when = day_number(claim_date) if claim_date else None
    if claim_date and when is None:
        raise InputError(f"--date {claim_date!r} is not a date like 2022-03-03")
    from ..verify.factchecks import load_factchecks
    from ..verify.match import FactCheckIndex, MatchOptions

    if fc_file:
        library = load_factchecks(fc_file)
    else:
        from ..store import verify_ops as ops

        with _open(db) as store:
            library = ops.factchecks(store)
    if not library:
        raise InputError("the fact-check library is empty ('claimgraph factchecks import' first)")
    from ..verify.check import check_claim

    index = FactCheckIndex(library, MatchOptions(top_k=top_k, threshold=threshold, use_embeddings=not no_embeddings))
    if as_json:
        _emit(check_claim(index, claim_text, when))
        return
    matches = index.search(" ".join(claim_text.split()), when=when)
    answered = [m for m in matches if m.above_threshold]
    if not answered:
        best = f" (best score {matches[0].score:.2f} < threshold {index.threshold:.2f})" if matches else ""
        click.echo(f"no earlier fact-check found{best}")
    for n, m in enumerate(matches, 1):
        fc = m.factcheck
        mark = "*" if m.above_threshold else " "
        click.echo(f"{mark}{n}. [{m.score:.2f}] {fc.claim}")
        click.echo(f"     rating: {fc.rating or '-'} | {fc.reviewer or '-'} | {fc.date or '-'} | {fc.url or fc.id}")
        click.echo(f"     why: {m.why}")


@click.group()
def evidence() -> None:
    """The user's trusted evidence: wire copy, official statements, reports."""


@evidence.command("add")
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--no-embeddings", is_flag=True, help="Full-text index only (no MiniLM vectors).")
def evidence_add(paths: tuple[str, ...], db: str, no_embeddings: bool) -> None:
    """Index documents into searchable passages: every format ingest reads (text, HTML, JSON,
    JSONL records, feeds, WARC; folders are walked); a bad record is reported and skipped."""
    from ..store import verify_ops as ops
    from ..verify.evidence import add_evidence

    with _open(db, must_exist=False) as store:
        for s in add_evidence(store, paths, embed=not no_embeddings):
            if "error" in s:
                click.echo(f"{s['source']}: skipped: {s['error']}", err=True)
            else:
                click.echo(f"{s['source']}: {s['passages']} passage(s){'' if s['new'] else ' (replaced)'}", err=True)
        click.echo(f"evidence holds {ops.passage_count(store)} passage(s)")


@click.command()
@click.argument("source")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Verdicts and ClaimReview JSON-LD as JSON.")
@click.option("--save", is_flag=True, help="Also store the analysis and its verdicts in the database.")
@click.option("--min-checkworthiness", type=float,
              help="Only verify claims scored at least this (default: the calibrated check-worthiness threshold).")
@click.option("--all", "all_claims", is_flag=True,
              help="Verify every claim that asserts something, not only the check-worthy ones (fragments never).")
@click.option("--judge-url", help="OpenAI-compatible endpoint of an optional LLM judge (off by default).")
@click.option("--judge-model", default="local", show_default=True)
@click.option("--published", help="Publication date of the article, ISO 8601.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, writable=True),
              help="Write the HTML report with the verdicts, their evidence and ClaimReview JSON-LD.")
@attribution_option
def verify(source: str, db: str, as_json: bool, save: bool, min_checkworthiness: float | None,
           all_claims: bool, judge_url: str | None, judge_model: str, published: str | None, html_out: str | None,
           attribution: str) -> None:
    """Verify the check-worthy claims of an article (every claim that asserts something with --all) against trusted
    evidence and earlier fact-checks; passages of the article itself or of a copy never count."""
    from ..options import AnalyzeOptions, ReadOptions
    from ..pipeline import analyze_article
    from ..read import read_input
    from ..store import verify_ops as ops
    from ..verify.export import claimreview
    from ..verify.options import JudgeOptions, VerifyOptions
    from ..verify.verdict import verify_analysis

    article = read_input(source, ReadOptions())
    if published:
        from ..read.dates import check_published

        article.published, article.published_source = check_published(published, "--published"), "metadata"
    analysis = analyze_article(article, AnalyzeOptions(attribution=attribution))
    options = VerifyOptions(min_checkworthiness=min_checkworthiness, all_claims=all_claims,
                            judge=JudgeOptions(url=judge_url, model=judge_model))
    with _open(db) as store:
        verdicts = verify_analysis(analysis, store, options)
        reviews = [claimreview(v, analysis, options.reviewer) for v in verdicts]
        analysis.verdicts = [dict(v.to_dict(), claimreview=r) for v, r in zip(verdicts, reviews, strict=True)]
        if save:
            store.save(analysis)
            ops.save_verdicts(store, analysis.article.id, [v.to_dict() for v in verdicts])
    if html_out:
        from ..report.html import render_html

        Path(html_out).write_text(render_html(analysis), encoding="utf-8")
    if as_json:
        # the analysis JSON contract, whose "verdicts" carry their ClaimReview, plus the reviews alone
        _emit({**analysis.to_dict(), "claimreview": reviews})
        return
    for v in verdicts:
        click.echo(f"[{v.label}] {v.claim_text} ({v.start}-{v.end})")
        click.echo(f"    {v.reason}")
        for e in v.evidence[:3]:
            if e.stance != "neutral":
                decisive = "" if e.agreed else " (not decisive)"
                click.echo(f"    {e.stance}{decisive}: {e.text[:160]} [{Path(e.source).name} {e.start}-{e.end}]")
        if v.excluded:
            click.echo(f"    left out {len(v.excluded)} passage(s): {v.excluded[0].reason}")


@click.command("match")
@click.option("--queries", required=True, type=click.Path(exists=True, dir_okay=False), help="TSV id<TAB>text.")
@click.option("--qrels", required=True, type=click.Path(exists=True, dir_okay=False), help="TREC qrels.")
@click.option("--claims", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Fact-check collection: CheckThat JSONL/TSV or ClaimReview.")
@click.option("--no-embeddings", is_flag=True, help="Lexical only (BM25 features).")
@click.option("--json", "as_json", is_flag=True)
def eval_match(queries: str, qrels: str, claims: str, no_embeddings: bool, as_json: bool) -> None:
    """Fact-check matching: MAP@5, MRR, P@1 over queries with qrels."""
    from ..verify.evaluate import evaluate_match
    from ..verify.match import MatchOptions

    result = evaluate_match(queries, qrels, claims, MatchOptions(use_embeddings=not no_embeddings))
    if as_json:
        _emit(result)
    else:
        for k, v in result.items():
            click.echo(f"{k}: {v}")


@click.command("stance")
@click.option("--fever-symmetric", "fever", type=click.Path(exists=True, dir_okay=False),
              help="FEVER-Symmetric JSONL (claim, evidence, gold_label).")
@click.option("--wice", type=click.Path(exists=True, dir_okay=False), help="WiCE claim JSONL.")
@click.option("--json", "as_json", is_flag=True)
def eval_stance(fever: str | None, wice: str | None, as_json: bool) -> None:
    """Stance model: two-way FEVER-Symmetric accuracy; WiCE claim-level accuracy and macro-F1."""
    from ..verify.evaluate import evaluate_fever_symmetric, evaluate_wice

    if not fever and not wice:
        raise InputError("give --fever-symmetric FILE and/or --wice FILE")
    result: dict[str, Any] = {}
    if fever:
        result["fever_symmetric"] = evaluate_fever_symmetric(fever)
        result["accuracy"] = result["fever_symmetric"]["accuracy"]
    if wice:
        result["wice"] = evaluate_wice(wice)
    if as_json:
        _emit(result)
    else:
        for name, part in result.items():
            if isinstance(part, dict):
                click.echo(f"{name}: " + ", ".join(f"{k} {v}" for k, v in part.items()))
            elif name == "accuracy":
                click.echo(f"accuracy: {part}")


@click.command("verdicts")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Judged claim-passage pairs (gold/verdicts/pairs.jsonl).")
@click.option("--news", "news_dir", required=True, type=click.Path(exists=True, file_okay=False),
              help="The development news folder the pairs were drawn from (../shared/data/news).")
@click.option("--json", "as_json", is_flag=True)
def eval_verdicts(gold: str, news_dir: str, as_json: bool) -> None:
    """Verdict precision on judged pairs: as recorded before issue 15, and the current product's."""
    from ..eval.verdicts import evaluate_verdicts

    result = evaluate_verdicts(Path(gold), Path(news_dir))
    if as_json:
        _emit(result)
        return
    click.echo(f"pairs: {result['pairs']} {result['labels']}")
    for when in ("before", "after"):
        r = result[when]
        click.echo(f"{when}: precision {r['precision']} ({r['right']}/{r['verdicts']}); supports "
                   f"{r['supports']['right']}/{r['supports']['verdicts']}, contradicts "
                   f"{r['contradicts']['right']}/{r['contradicts']['verdicts']}")
    click.echo(f"the before-verdict pairs now: {result['before_pairs_now']}")
    for stratum, r in result.get("after_by_stratum", {}).items():
        click.echo(f"after, stratum {stratum}: {r['pairs']} pairs {r['labels']}; precision {r['precision']} "
                   f"({r['right']}/{r['verdicts']}); supports {r['supports']['right']}/{r['supports']['verdicts']}, "
                   f"contradicts {r['contradicts']['right']}/{r['contradicts']['verdicts']}")
    if "after_not_kept" in result:
        click.echo(f"pairs the current product no longer turns into a verdict: {result['after_not_kept']}")


COMMANDS = [factchecks, check, evidence, verify]
EVAL_COMMANDS = [eval_match, eval_stance, eval_verdicts]
