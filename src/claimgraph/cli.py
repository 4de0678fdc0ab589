"""The command line: a thin layer that parses options, calls the library, formats results.

Every user-caused failure is a ClaimgraphError, printed as one line on stderr with exit code
2. Anything else is a bug: it is printed as one line too (exit 1), with the traceback only
under ``--debug`` or ``CLAIMGRAPH_DEBUG=1``.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from importlib import resources
from pathlib import Path

import click

from . import cli_help
from .errors import ClaimgraphError, InputError
from .clioptions import attribution_option
from .options import AnalyzeOptions, ReadOptions

EXAMPLE = "harbour-fire.txt"


def _example_text() -> str:
    return resources.files("claimgraph.examples").joinpath(EXAMPLE).read_text(encoding="utf-8")


def _emit_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="claimgraph")
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """claimgraph: who says so, where did it come from, does it hold."""
    ctx.obj = {"debug": debug}


@cli.command()
@click.argument("source", required=False)
@click.option("--example", is_flag=True, help="Analyse the bundled example article.")
@click.option("--json", "as_json", is_flag=True, help="Print the analysis as JSON (docs/json-schema.md).")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, writable=True), help="Write a self-contained HTML report.")
@click.option("--markdown", "as_markdown", is_flag=True, help="Print a Markdown report.")
@click.option("--db", type=click.Path(dir_okay=False), help="Also store the analysis in this SQLite file.")
@click.option("--title", help="Headline (default: the first line of a text file).")
@click.option("--url", "url_meta", help="Original URL of the article (metadata only, not fetched).")
@click.option("--published", help="Publication date, ISO 8601 (e.g. 2022-03-04).")
@click.option("--allow-non-english", is_flag=True, help="Analyse non-English text anyway (results will be poor).")
@click.option("--max-bytes", type=int, default=ReadOptions().max_bytes, show_default=True, help="Largest input accepted.")
@click.option("--timeout", type=float, default=ReadOptions().timeout, show_default=True, help="Seconds to wait for a URL.")
@attribution_option
def analyze(source: str | None, example: bool, as_json: bool, html_out: str | None, as_markdown: bool,
            db: str | None, title: str | None, url_meta: str | None, published: str | None,
            allow_non_english: bool, max_bytes: int, timeout: float, attribution: str) -> None:
    """Analyse one article: a file, '-' for stdin, or an http(s) URL.

    Shows, claim by claim, who says so: attributions with their sources typed, unattributed
    claims, time expressions, media references and findings.
    """
    from .pipeline import analyze_article
    from .read import article_from_text
    from .read.dates import check_published

    published = check_published(published, "--published")  # before reading: a bad flag costs nothing
    read_options = ReadOptions(max_bytes=max_bytes, timeout=timeout)
    if example:
        article = article_from_text(_example_text(), published="2024-05-14")
        article.url = "https://example.org/port-calder-fire"
        article.outlet = "Example Gazette (fictional)"
    elif source is None:
        raise InputError("give a file, '-' for stdin, or a URL to analyse (or --example)")
    else:
        from .read import read_input

        article = read_input(source, read_options)
    if title:
        article.title = title
    if url_meta:
        article.url = url_meta
    if published:
        article.published, article.published_source = published, "metadata"
    analysis = analyze_article(article, AnalyzeOptions(require_english=not allow_non_english, attribution=attribution))
    if db:
        from .store import open_store

        with open_store(db) as store:
            store.save(analysis)
    if html_out:
        _write_html(analysis, html_out, db)
    if as_json:
        _emit_json(analysis.to_dict())
    elif as_markdown:
        from .report.markdown import render_markdown

        click.echo(render_markdown(analysis))
    else:
        _print_terminal(analysis)
        if db:
            click.echo(f"stored as {analysis.article.id} in {db}", err=True)
        if html_out:
            click.echo(f"HTML report written to {html_out}", err=True)


def _write_html(analysis: object, path: str, db: str | None) -> None:
    """The HTML report; with a corpus database, each claim also shows where else it appeared."""
    from .report.html import render_html

    provenance = None
    if db:
        from .corpus.views import provenance_for_analysis
        from .store import open_store

        with open_store(db) as store:
            provenance = provenance_for_analysis(store, analysis) or None  # type: ignore[arg-type]
    Path(path).write_text(render_html(analysis, provenance=provenance), encoding="utf-8")  # type: ignore[arg-type]


def _print_terminal(analysis: object) -> None:
    from rich.console import Console

    from .report.terminal import render_terminal

    render_terminal(analysis, Console(highlight=False, soft_wrap=False))  # type: ignore[arg-type]


@cli.command()
@click.argument("article_id")
@click.option("--db", type=click.Path(dir_okay=False), default="claimgraph.db", show_default=True,
              help="SQLite file the analysis was stored in (analyze --db).")
@click.option("--json", "as_json", is_flag=True, help="Print the stored analysis as JSON.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, writable=True), help="Write an HTML report.")
def show(article_id: str, db: str, as_json: bool, html_out: str | None) -> None:
    """Show a stored analysis by article id (or a unique prefix of 6+ characters)."""
    from .store import open_store

    if not Path(db).exists():
        raise InputError(f"no database at {db}")
    with open_store(db) as store:
        analysis = store.get(article_id)
    if analysis is None:
        raise InputError(f"no stored article with id {article_id!r} in {db}")
    if html_out:
        _write_html(analysis, html_out, db)
    if as_json:
        _emit_json(analysis.to_dict())
    else:
        _print_terminal(analysis)


@cli.command(name="list")
@click.option("--db", type=click.Path(dir_okay=False), default="claimgraph.db", show_default=True,
              help="SQLite file of stored analyses.")
@click.option("--limit", type=int, default=50, show_default=True, help="Show at most this many articles.")
def list_articles(db: str, limit: int) -> None:
    """List stored articles, newest first.

    On a terminal, a table that fits its width; piped, one tab-separated line per article
    (id, published, language, headline) for scripts.
    """
    from .report import clean_controls
    from .store import open_store

    if not Path(db).exists():
        raise InputError(f"no database at {db}")
    with open_store(db) as store:
        rows = list(store.articles(limit))
    if not rows:
        click.echo(f"no stored articles in {db}", err=True)
        return
    if not sys.stdout.isatty():  # piped into a script: one tab-separated line per article, no header
        for r in rows:
            click.echo("\t".join(clean_controls(x or "") for x in (r["id"], r["published"], r["language"],
                                                                 r["title"])))
        return
    from rich.console import Console

    from .report.tables import Col, print_table

    print_table(Console(highlight=False),
                [Col("id"), Col("published", limit=10), Col("lang", optional=True),
                 Col("headline", wide=True, wrap=True, limit=160)],
                [[r["id"], r["published"] or "—", r["language"] or "?", r["title"] or ""] for r in rows])


@cli.group(name="eval")
def eval_group() -> None:
    """Measure accuracy on the evaluation data sets (see ../shared/data/README.md)."""


@eval_group.command(name="attribution")
@click.option("--polnear", "folder", type=click.Path(file_okay=False), help="A PolNeAR-style folder (text/, attributions/).")
@click.option("--gold", type=click.Path(), help="The real-news gold set (a .jsonl file or folder, e.g. gold/attribution).")
@click.option("--news", type=click.Path(file_okay=False), help="With --gold: the news data folder (../shared/data/news).")
@click.option("--split", type=click.Choice(["tune", "test"]), help="With --gold: score one half only.")
@click.option("--protocol", type=click.Choice(["project", "cofenet"]), default="project", show_default=True,
              help="With --polnear: the project's trimmed exact match, or CofeNet's (untrimmed fragments, every annotator's file).")
@click.option("--attribution", "method", type=click.Choice(["model", "rules"]), default="model", show_default=True,
              help="Which attribution extractor to score.")
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--json", "as_json", is_flag=True)
def eval_attribution(folder: str | None, gold: str | None, news: str | None, split: str | None, protocol: str,
                     method: str, limit: int | None, as_json: bool) -> None:
    """Attribution accuracy: PolNeAR exact F1 (source, cue, content) or the real-news gold set."""
    from . import nlp
    from .pipeline import analyze_doc, prepare
    from .read import article_from_text

    if bool(folder) == bool(gold):
        raise InputError("give exactly one of --polnear DIR or --gold FILE (with --news DIR)")
    model = nlp.load()
    options = AnalyzeOptions(require_english=False, attribution=method)

    def analyse(article) -> list[dict]:  # type: ignore[no-untyped-def]
        article.language = "en"
        prepare(article, options)
        return analyze_doc(article, model(article.text), options).to_dict()["attributions"]

    if gold:
        from .eval.newsgold import evaluate_news, format_news_report

        if not news:
            raise InputError("--gold needs --news DIR (the folder holding the news collections)")
        result = evaluate_news(Path(gold), Path(news), analyse, split)
        result.pop("_tallies", None)
        result["attribution"] = method
        _emit_json(result) if as_json else click.echo(format_news_report(result))
        return

    def predict(text: str) -> list[dict]:
        return analyse(article_from_text(text))

    if protocol == "cofenet":
        from .eval.cofenet import all_annotator_documents, evaluate_cofenet
        from .eval.polnear import load_polnear

        names = {d.name for d in load_polnear(Path(folder), limit)}  # type: ignore[arg-type]
        result = evaluate_cofenet(all_annotator_documents(Path(folder), names), predict)  # type: ignore[arg-type]
        result["attribution"] = method
        if as_json:
            _emit_json(result)
        else:
            click.echo(f"CofeNet protocol, {result['documents']} annotated files ({method}): exact F1 "
                       + " / ".join(f"{r} {100 * result[r]['f1']:.1f}" for r in ("source", "cue", "content"))
                       + "  (CofeNet 83.2 / 75.3 / 72.9)")
        return
    from .eval.attribution import format_attribution_report, run_attribution_eval

    result = run_attribution_eval(Path(folder), limit, predict)  # type: ignore[arg-type]
    _emit_json(result) if as_json else click.echo(format_attribution_report(result))


@eval_group.command(name="time")
@click.option("--timeml", "folder", required=True, type=click.Path(file_okay=False), help="A folder of TimeML .tml files.")
@click.option("--limit", type=int, help="Only the first N files.")
@click.option("--json", "as_json", is_flag=True)
def eval_time(folder: str, limit: int | None, as_json: bool) -> None:
    """TempEval-3 strict/relaxed extent F1, value F1 and type accuracy of time expressions."""
    from .eval.timeml import evaluate_timeml, format_time_report

    result = evaluate_timeml(Path(folder), limit=limit)
    _emit_json(result) if as_json else click.echo(format_time_report(result))


@eval_group.command(name="checkworthy")
@click.option("--debates", type=click.Path(file_okay=False), help="A folder of CLEF debate transcripts (TSV).")
@click.option("--tweets", type=click.Path(dir_okay=False), help="A CLEF tweets TSV file.")
@click.option("--model", "model_choice", default=None,
              help="clean (ClaimBuster only), checkthat (+CLEF, package claimgraph_checkthat) or a "
                   "model file; default: checkthat when installed, else clean.")
@click.option("--no-context", is_flag=True, help="Score each debate line alone (no speaker, no previous line).")
@click.option("--json", "as_json", is_flag=True)
def eval_checkworthy(debates: str | None, tweets: str | None, model_choice: str | None, no_context: bool,
                     as_json: bool) -> None:
    """Check-worthiness: MAP over debate transcripts, or F1 of the positive class on tweets."""
    from .eval.checkworthy import evaluate_debates, evaluate_tweets, format_checkworthy_report
    from .extract.checkworthy import CheckworthyModel

    if bool(debates) == bool(tweets):
        raise InputError("give exactly one of --debates DIR or --tweets FILE")
    model = CheckworthyModel.load(model_choice)
    result = (evaluate_debates(Path(debates), model, context=not no_context) if debates
              else evaluate_tweets(Path(tweets), model))  # type: ignore[arg-type]
    _emit_json(result) if as_json else click.echo(format_checkworthy_report(result))


def _register_area_commands() -> None:
    """Add the commands of every module in ``claimgraph.commands`` (cheap: click objects only)."""
    import importlib
    import pkgutil

    from . import commands

    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)
        for command in getattr(module, "EVAL_COMMANDS", []):
            eval_group.add_command(command)


_register_area_commands()
cli_help.apply(cli)


def quiet_libraries() -> None:
    """Silence the progress bars and advice that model libraries print while loading.

    "Loading weights 0%|…" from transformers/huggingface_hub on stderr of every command that
    embeds a claim says nothing to a fact-checker and clutters logs and ``--json`` runs; our
    own progress bar (``ingest``) is unaffected. ``setdefault``: a user who wants them back
    sets HF_HUB_DISABLE_PROGRESS_BARS=0. Must run before those libraries are imported.
    """
    for name, value in (("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TRANSFORMERS_VERBOSITY", "error"),
                        ("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)


def main(argv: list[str] | None = None) -> None:
    """Entry point: one line per error, never a traceback unless asked for."""
    quiet_libraries()
    debug = os.environ.get("CLAIMGRAPH_DEBUG") == "1" or "--debug" in (argv or sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="claimgraph", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("claimgraph: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        click.echo(f"claimgraph: error: {exc.format_message()}", err=True)
        sys.exit(2)
    except ClaimgraphError as exc:
        click.echo(f"claimgraph: error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("claimgraph: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if debug:
            traceback.print_exc()
        message = " ".join(str(exc).split()) or type(exc).__name__
        click.echo(f"claimgraph: internal error ({type(exc).__name__}): {message[:300]} "
                   "(please report it; rerun with CLAIMGRAPH_DEBUG=1 for details)", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
