"""Every CLI command is documented in the README (a new command without docs fails here)."""

from __future__ import annotations

from pathlib import Path

import click

from claimgraph.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "claimgraph") -> list[str]:
    names = []
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands(cli) if c not in README]
    assert not missing, f"document these in README.md: {missing}"


def test_quickstart_is_two_commands_that_ci_runs():
    quick = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    block = quick.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
