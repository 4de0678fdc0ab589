"""Examples for every ``--help`` and words for options that had none, in one place.

Why one table instead of an epilog on each decorator: commands live in several modules
(``claimgraph.commands.*``) owned by different areas; keeping the examples together makes
them easy to review as a set and lets a test check that no command is left without one.
:func:`apply` runs once when the CLI is built; it only sets help text, never behaviour.
"""

from __future__ import annotations

import click

# command path (without "claimgraph") -> example lines; "\b" keeps click from rewrapping them
EXAMPLES: dict[str, tuple[str, ...]] = {
    "": ("claimgraph analyze --example", "claimgraph analyze article.txt --html report.html",
         "claimgraph ingest news/ --db corpus.db && claimgraph serve --db corpus.db"),
    "analyze": ("claimgraph analyze --example", "claimgraph analyze article.txt --published 2024-05-14",
                "claimgraph analyze https://example.org/story --html report.html --db claimgraph.db",
                "cat article.txt | claimgraph analyze - --json"),
    "show": ("claimgraph show 3f9a1c --db claimgraph.db", "claimgraph show 3f9a1c --html report.html"),
    "list": ("claimgraph list --db claimgraph.db --limit 20",),
    "ingest": ("claimgraph ingest news/ feeds/world.xml --db corpus.db",
               "claimgraph ingest archive.jsonl --db corpus.db --workers 2 --json"),
    "families": ("claimgraph families --db corpus.db", "claimgraph families --db corpus.db --min-size 3 --json"),
    "trace": ('claimgraph trace "the bridge will close for a year" --db corpus.db',
              "claimgraph trace --claim 42 --db corpus.db --graphml family.graphml --prov-json family.prov.json"),
    "sources": ("claimgraph sources --db corpus.db --limit 20",),
    "serve": ("claimgraph serve --db claimgraph.db", "claimgraph serve --team --host 0.0.0.0 --port 8080 --db team.db"),
    "users": ("claimgraph users add alice --role editor --db team.db",),
    "users add": ("claimgraph users add alice --role editor --db team.db",),
    "users list": ("claimgraph users list --db team.db",),
    "users token": ("claimgraph users token alice --revoke-old --db team.db",),
    "users disable": ("claimgraph users disable alice --db team.db", "claimgraph users disable alice --enable --db team.db"),
    "check": ('claimgraph check "Unemployment fell to 3.5 percent" --db claimgraph.db',
              'claimgraph check "The mayor resigned" --factchecks claimreviews.json --date 2024-05-14 --json'),
    "verify": ("claimgraph verify article.txt --db claimgraph.db", "claimgraph verify 3f9a1c --db claimgraph.db --save --html v.html"),
    "evidence": ("claimgraph evidence add wire-copy/ statements.jsonl --db claimgraph.db",),
    "evidence add": ("claimgraph evidence add wire-copy/ --db claimgraph.db",
                     "claimgraph evidence add statements.jsonl --db claimgraph.db --no-embeddings"),
    "factchecks": ("claimgraph factchecks import claimreviews.json --db claimgraph.db",),
    "factchecks import": ("claimgraph factchecks import claimreviews.json checkthat/ --db claimgraph.db",),
    "eval": ("claimgraph eval time --timeml ../shared/data/temporal/tbaq-cleaned/TimeBank",),
    "eval attribution": ("claimgraph eval attribution --polnear ../shared/data/attribution/polnear --limit 20",),
    "eval time": ("claimgraph eval time --timeml ../shared/data/temporal/tbaq-cleaned/TimeBank --json",),
    "eval findings": ("claimgraph eval findings --gold gold/findings --news ../shared/data/news --split test",),
    "eval checkworthy": ("claimgraph eval checkworthy --debates ../shared/data/checkworthy/clef2019-task1-debates/training",),
    "eval families": ("claimgraph eval families --clef ../shared/data/claim-matching/clef2022-task2a-en-tweets",),
    "eval match": ("claimgraph eval match --queries queries.tsv --qrels qrels.tsv --claims vclaims.jsonl",),
    "eval stance": ("claimgraph eval stance --wice WICE_FILE.jsonl",),
    "eval stories": ("claimgraph eval stories --basil ../shared/data/news/basil",),
}

# option name -> help, for options declared without one (same meaning in every command)
OPTION_HELP: dict[str, str] = {
    "--json": "Print the result as JSON on stdout (messages stay on stderr).",
    "--db": "Database: a SQLite file or a postgresql:// URL.",
    "--limit": "Show at most this many rows.",
    "-k": "How many candidates to show.",
    "--batch-size": "Articles handed to a worker at a time.",
    "--embedder": "Claim vectors: MiniLM when installed, else a lexical fallback.",
    "--port": "TCP port to listen on.",
    "--log-level": "Server log verbosity.",
    "--judge-model": "Model name sent to the judge server (with --judge-url).",
}


def _walk(cmd: click.Command, path: str = ""):
    yield path, cmd
    if isinstance(cmd, click.Group):
        for name, sub in cmd.commands.items():
            yield from _walk(sub, f"{path} {name}".strip())


def apply(root: click.Group) -> None:
    """Add an "Examples" epilog to every command and help to every option that lacks it."""
    for path, cmd in _walk(root):
        lines = EXAMPLES.get(path)
        if lines and not cmd.epilog:
            cmd.epilog = "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.help and not param.hidden:
                param.help = OPTION_HELP.get(param.opts[0])


def missing(root: click.Group) -> list[str]:
    """Commands without examples and options without help (for the test; empty when complete)."""
    out = []
    for path, cmd in _walk(root):
        if not cmd.epilog:
            out.append(f"claimgraph {path}: no examples".replace("  ", " "))
        out += [f"claimgraph {path} {p.opts[0]}: no help" for p in cmd.params
                if isinstance(p, click.Option) and not p.help and not p.hidden]
    return out
