"""Corpus commands: ``ingest``, ``families``, ``trace``, ``sources``; ``eval stories``/``families``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from ..clioptions import attribution_option

from ..errors import InputError
from ..options import ReadOptions

DB_HELP = "SQLite database file of the corpus."


def _open(db: str, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from ..store import open_store

    if must_exist and not db.startswith(("postgres://", "postgresql://")) and not Path(db).exists():
        raise InputError(f"no database at {db} (run 'claimgraph ingest --db {db} PATH' first)")
    return open_store(db)


def _emit(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--workers", type=int, default=1, show_default=True, help="Parallel analysis processes (or Ray actors).")
@click.option("--executor", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Run the per-article work on local cores or on Ray (RAY_ADDRESS, else a local instance).")
@click.option("--batch-size", type=int, default=4, show_default=True)
@click.option("--embedder", type=click.Choice(["auto", "all-MiniLM-L6-v2", "hashed-lexical-v1"]), default="auto",
              show_default=True, help="Claim vectors: MiniLM when installed, else a lexical fallback.")
@click.option("--allow-non-english", is_flag=True, help="Analyse non-English articles anyway.")
@click.option("--no-progress", is_flag=True, help="No progress bar (logs stay on stderr).")
@click.option("--json", "as_json", is_flag=True, help="Print the ingest report as JSON.")
@click.option("--time-budget", type=click.FloatRange(min=0), default=300.0, show_default=True,
              help="Seconds one article may take to analyse; a longer one is reported and skipped (0: no limit).")
@click.option("--handle", default=None, metavar="NAME",
              help="Username of the channel or account of a post export that does not carry it "
                   "(a Telegram channel export; an X archive without account.js).")
@attribution_option
def ingest(paths: tuple[str, ...], db: str, workers: int, executor: str, batch_size: int, embedder: str,
           allow_non_english: bool, no_progress: bool, as_json: bool, time_budget: float, attribution: str,
           handle: str | None) -> None:
    """Ingest folders, JSONL files, RSS/Atom feeds, WARC files and social post exports
    (Telegram Desktop result.json, X/Twitter archive folder, zip or tweets.js) into a corpus.

    Idempotent and resumable: articles already stored are skipped, each article is written in
    one transaction, and a bad record is reported and skipped; when every input is bad it is a
    one-line error (exit 2). Feeds are read from their own entries only; no link is ever fetched.
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..corpus.ingest import IngestOptions, ingest as run_ingest
    from ..corpus.inputs import count_inputs

    options = IngestOptions(executor=executor, workers=workers, batch_size=batch_size, embedder=embedder,
                            require_english=not allow_non_english, read=ReadOptions(),
                            time_budget=time_budget or None, attribution=attribution, handle=handle)
    total = count_inputs(list(paths))
    console = Console(stderr=True)
    bad_lines = _BadLines()
    with _open(db, must_exist=False) as store:
        if no_progress:
            show = lambda line: console.print(f"skipped bad input {line}", highlight=False, markup=False)  # noqa: E731
            report = run_ingest(store, list(paths), options, lambda event, detail: bad_lines(event, detail, show))
        else:
            columns = (TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                       TextColumn("{task.fields[rate]:.2f} art/s"), TimeElapsedColumn(), TextColumn("ETA"),
                       TimeRemainingColumn())
            with Progress(*columns, console=console) as bar:
                task = bar.add_task("ingest", total=total, rate=0.0)

                def show(line: str) -> None:
                    bar.console.print(f"[yellow]skipped bad input[/] {escape(line)}", highlight=False)

                def note(event: str, detail: str | None) -> None:
                    bar.advance(task)
                    t = bar.tasks[0]
                    bar.update(task, rate=(t.completed / t.elapsed) if t.elapsed else 0.0)
                    bad_lines(event, detail, show)

                report = run_ingest(store, list(paths), options, note)
    if report.bad and not (report.stored or report.skipped or report.posts):
        label, error = report.bad[0]
        first = error if label in error else f"{label}: {error}"
        raise InputError(first if len(report.bad) == 1 else
                         f"nothing ingested: {len(report.bad)} inputs could not be read (first: {first})")
    bad_lines.flush(lambda line: console.print(f"skipped bad input {line}", highlight=False, markup=False))
    for line in report.notes:
        console.print(f"note: {line}", highlight=False, markup=False)
    if as_json:
        _emit(report.to_dict())
    else:
        posts = ""
        if report.posts:
            left = [f"{n} {what}" for n, what in ((report.posts_without_text, "without text"),
                                                 (report.posts_not_english, "not English")) if n]
            posts = f"; archived {report.posts} post(s)" + (f" ({', '.join(left)}: not analysed)" if left else "")
        click.echo(f"stored {report.stored} article(s) with {report.claims} claim(s) "
                   f"({report.copies} near-copies), skipped {report.skipped} already stored, "
                   f"{len(report.bad)} bad{posts}; claim vectors: {report.embedder}")


class _BadLines:
    """Bad inputs are shown once something was ingested, and at once from then on: when every
    input is bad the run ends in one line (the error, exit 2), not a line per input first."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.good = False

    def __call__(self, event: str, detail: str | None, show: Any) -> None:
        if event != "bad":
            if not self.good:
                self.good = True
                self.flush(show)
        elif self.good:
            show(detail or "")
        else:
            self.pending.append(detail or "")

    def flush(self, show: Any) -> None:
        for line in self.pending:
            show(line)
        self.pending.clear()


@click.command()
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--min-size", type=int, default=2, show_default=True,
              help="Only families with at least N appearances (articles; repeats in one article count once).")
@click.option("--limit", type=int, default=30, show_default=True, help="Show at most this many families.")
@click.option("--json", "as_json", is_flag=True, help="Print the families as JSON.")
def families(db: str, min_size: int, limit: int, as_json: bool) -> None:
    """List claim families (the same claim across articles), largest first."""
    from ..corpus.views import families_list

    with _open(db) as store:
        rows = families_list(store, min_size, limit)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo(f"no families with {min_size}+ claims")
        return
    from rich.console import Console

    from ..report.tables import Col, print_table

    print_table(Console(highlight=False),
                [Col("family"), Col("appearances", justify="right"), Col("claims", justify="right", optional=True),
                 Col("claim (as first stored)", wide=True, limit=160, wrap=True)],
                [[r["id"], r["appearances"], r["size"], r["core"]] for r in rows])


@click.command()
@click.argument("claim_text", required=False)
@click.option("--claim", "claim_ref", help="A stored claim: its number, or ARTICLE_ID:CLAIM_ID.")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the provenance graph as JSON.")
@click.option("--graphml", type=click.Path(dir_okay=False, writable=True), help="Write the graph as GraphML (Gephi).")
@click.option("--prov-json", type=click.Path(dir_okay=False, writable=True), help="Write the graph as W3C PROV-JSON.")
def trace(claim_text: str | None, claim_ref: str | None, db: str, as_json: bool, graphml: str | None,
          prov_json: str | None) -> None:
    """Where did a claim come from: timeline, earliest appearance, cites/repeats/mutates edges."""
    from ..corpus.export import prov_json_text, to_graphml
    from ..corpus.views import trace as trace_family, trace_dict

    if bool(claim_text) == bool(claim_ref):
        raise InputError("give a claim text or --claim ID (not both)")
    with _open(db) as store:
        prov, note = trace_family(store, claim_text=claim_text, claim_ref=claim_ref)
    if graphml:
        Path(graphml).write_text(to_graphml(prov), encoding="utf-8")
    if prov_json:
        Path(prov_json).write_text(prov_json_text(prov), encoding="utf-8")
    if as_json:
        _emit(trace_dict(prov, note))
        return
    from rich.console import Console

    from ..corpus.trace import render_trace

    render_trace(prov, note, Console(highlight=False))


@click.command()
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
@click.option("--limit", type=int, default=40, show_default=True, help="Show at most this many sources.")
@click.option("--json", "as_json", is_flag=True, help="Print the sources as JSON.")
def sources(db: str, limit: int, as_json: bool) -> None:
    """Sources across the corpus (one canonical name each): claims, source types, outlets."""
    from ..corpus.views import sources_list

    with _open(db) as store:
        rows = sources_list(store, limit)
    if as_json:
        _emit(rows)
        return
    if not rows:
        click.echo("no attributed sources yet: ingest a corpus first")
        return
    from rich.console import Console

    from ..report.tables import Col, print_table

    print_table(Console(highlight=False),
                [Col("source", limit=40, wrap=True), Col("kind", optional=True), Col("claims", justify="right"),
                 Col("as", wide=True, wrap=True), Col("in outlets", wide=True, wrap=True, optional=True)],
                [[r["name"], r["kind"], r["claims"], ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in r["types"].items()),
                  ", ".join(f"{k} {v}" for k, v in list(r["outlets"].items())[:4])] for r in rows])


@click.command(name="stories")
@click.option("--basil", "folder", required=True, type=click.Path(file_okay=False), help="The BASIL folder (articles/<year>/*.json).")
@click.option("--json", "as_json", is_flag=True)
def eval_stories(folder: str, as_json: bool) -> None:
    """Cluster BASIL articles into stories; pairwise and B-cubed P/R/F1 against the gold triplets."""
    from ..eval.stories import evaluate_basil, format_stories_report

    result = evaluate_basil(Path(folder))
    _emit(result) if as_json else click.echo(format_stories_report(result))


@click.command(name="families")
@click.option("--clef", "folder", type=click.Path(file_okay=False),
              help="A CLEF claim-matching folder (e.g. clef2022-task2b-en-debates): calibrate the matching decision.")
@click.option("--gold", type=click.Path(dir_okay=False, exists=True),
              help="A family gold file (gold/families/pairs.jsonl): score families and mutates edges on real news.")
@click.option("--news", type=click.Path(file_okay=False), default="../shared/data/news", show_default=True,
              help="With --gold: the folder of news collections the gold pairs point into.")
@click.option("--db", "db", type=click.Path(dir_okay=False),
              help="With --gold: build the corpus in this file (kept), or reuse it when it exists.")
@click.option("--split", type=click.Choice(["all", "tune", "test"]), default="all", show_default=True,
              help="With --gold: score only this half (tune while tuning; the test half once, at the end).")
@click.option("--round", "round_", type=int, help="With --gold: score only the pairs of this sampling round.")
@click.option("--embedder", type=click.Choice(["auto", "all-MiniLM-L6-v2", "hashed-lexical-v1"]), default="auto")
@click.option("--json", "as_json", is_flag=True)
def eval_families(folder: str | None, gold: str | None, news: str, db: str | None, split: str, round_: int | None,
                  embedder: str, as_json: bool) -> None:
    """Measure claim families: on hand-judged news claim pairs (--gold), or calibrate the matching
    decision on claim-matching pairs (--clef)."""
    if bool(folder) == bool(gold):
        raise InputError("give --gold FILE (news claim pairs) or --clef FOLDER (one of them)")
    if gold:
        from ..eval.families import evaluate_gold, format_gold_report

        result = evaluate_gold(Path(gold), Path(news), Path(db) if db else None, split, round_)
        _emit(result) if as_json else click.echo(format_gold_report(result))
        return
    from ..corpus.calibrate import calibrate, format_calibration

    assert folder is not None
    cal = calibrate(Path(folder), embedder)
    _emit(cal) if as_json else click.echo(format_calibration(cal))


COMMANDS = [ingest, families, trace, sources]
EVAL_COMMANDS = [eval_stories, eval_families]
