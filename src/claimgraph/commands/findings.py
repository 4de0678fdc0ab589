"""``eval findings``: the product's findings scored against the hand-judged findings gold set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..clioptions import attribution_option
from ..errors import InputError


@click.command("findings")
@click.option("--gold", required=True, type=click.Path(), help="The findings gold set (gold/findings or one .jsonl file).")
@click.option("--news", required=True, type=click.Path(file_okay=False), help="The news data folder (../shared/data/news).")
@click.option("--split", type=click.Choice(["tune", "test"]), help="Score one half only.")
@click.option("--show-unjudged", is_flag=True, help="List findings that no judgment covers yet.")
@attribution_option
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def eval_findings(gold: str, news: str, split: str | None, show_unjudged: bool, attribution: str,
                  as_json: bool) -> None:
    """Findings on real articles: false alarms per 100 articles, useful share, misses per 100."""
    from .. import nlp
    from ..eval.findings import evaluate_findings, format_findings_report
    from ..options import AnalyzeOptions
    from ..pipeline import analyze_doc, prepare

    if not Path(news).is_dir():
        raise InputError(f"news folder not found: {news}")
    model = nlp.load()
    options = AnalyzeOptions(require_english=False, attribution=attribution)

    def predict(article):  # type: ignore[no-untyped-def]
        article.language = "en"
        prepare(article, options)
        return analyze_doc(article, model(article.text), options).findings

    result = evaluate_findings(Path(gold), Path(news), predict, split)
    result["attribution"] = attribution
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_findings_report(result, show_unjudged))


EVAL_COMMANDS = [eval_findings]
