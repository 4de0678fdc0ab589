"""``claimgraph users``: manage the accounts of a team server (same database as ``serve``).

Tokens are printed once, on creation, and never again: only their hash is stored.
"""

from __future__ import annotations

import click

DB_HELP = "The SQLite file the server uses (claimgraph serve --db)."


def _existing(db: str) -> str:
    """Only ``users add`` may create the database; a typo elsewhere should not."""
    from pathlib import Path

    from ..errors import InputError

    if not Path(db).exists():
        raise InputError(f"no database at {db} (create users with: claimgraph users add NAME --db {db})")
    return db


@click.group(name="users")
def users() -> None:
    """Users and API tokens of a team server (claimgraph serve --team)."""


@users.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "editor", "admin"]), default="viewer",
              show_default=True, help="viewer reads; editor also analyses; admin also manages.")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
def add(name: str, role: str, db: str) -> None:
    """Create a user and print their API token (shown only this once)."""
    from ..store import open_store
    from ..store.accounts_ops import add_user, audit

    with open_store(db) as store:
        user, token = add_user(store, name, role)
        audit(store, "cli", "user.add", user.name, {"role": role})
    click.echo(token)
    click.echo(f"created {role} {name!r}; keep the token above safe, it will not be shown again",
               err=True)


@users.command(name="token")
@click.argument("name")
@click.option("--revoke-old", is_flag=True, help="Revoke the user's existing tokens first.")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
def token(name: str, revoke_old: bool, db: str) -> None:
    """Issue a new API token for an existing user (printed once)."""
    from ..store import open_store
    from ..store.accounts_ops import audit, issue_token, revoke_tokens

    with open_store(_existing(db)) as store:
        revoked = revoke_tokens(store, name) if revoke_old else 0
        new = issue_token(store, name)
        audit(store, "cli", "user.token", name, {"revoked": revoked})
    click.echo(new)


@users.command(name="disable")
@click.argument("name")
@click.option("--enable", is_flag=True, help="Re-enable instead.")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
def disable(name: str, enable: bool, db: str) -> None:
    """Disable a user (their tokens stop working at once), or re-enable with --enable."""
    from ..store import open_store
    from ..store.accounts_ops import audit, set_disabled

    with open_store(_existing(db)) as store:
        set_disabled(store, name, not enable)
        audit(store, "cli", "user.enable" if enable else "user.disable", name)
    click.echo(f"{'enabled' if enable else 'disabled'} {name!r}")


@users.command(name="list")
@click.option("--db", default="claimgraph.db", show_default=True, help=DB_HELP)
def list_(db: str) -> None:
    """List users and their roles (never tokens)."""
    from ..store import open_store
    from ..store.accounts_ops import list_users

    with open_store(_existing(db)) as store:
        for u in list_users(store):
            state = "  (disabled)" if u.disabled else ""
            click.echo(f"{u.name:24} {u.role:7} created {u.created_at[:19]}{state}")


COMMANDS = [users]
