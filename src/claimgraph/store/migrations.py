"""Named, ordered schema migrations, collected from one schema module per concept.

Each concept owns its tables in its own module (``schema_core``, later ``schema_corpus``,
``schema_accounts``, ``schema_verify``) and appends migrations there; never edit one that has
shipped. Names carry the concept as prefix so they sort and never collide. SQL is kept
portable (TEXT/INTEGER/REAL/BLOB, timestamps written by Python, ``?`` placeholders) so the same
migrations can run on PostgreSQL.
"""

from __future__ import annotations

import importlib
import pkgutil

from . import schema_core


def all_migrations() -> list[tuple[str, str]]:
    """Every migration of every schema module in this package, in name order."""
    found: list[tuple[str, str]] = list(schema_core.MIGRATIONS)
    package = __name__.rsplit(".", 1)[0]
    for info in pkgutil.iter_modules(importlib.import_module(package).__path__):
        if info.name.startswith("schema_") and info.name != "schema_core":
            module = importlib.import_module(f"{package}.{info.name}")
            found.extend(getattr(module, "MIGRATIONS", []))
    names = [n for n, _ in found]
    if len(names) != len(set(names)):
        raise RuntimeError(f"duplicate migration names: {sorted(n for n in names if names.count(n) > 1)}")
    return sorted(found, key=lambda m: m[0])
