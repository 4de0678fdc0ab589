"""Shared test fixtures: the shared data folder (skip when absent) and one spaCy model per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a reason when the folder is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the evaluation data lives outside the repo; CI has it)")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str):
    from claimgraph import analyze

    return analyze(seed_text)


@pytest.fixture(scope="session")
def example_text() -> str:
    from importlib import resources

    return resources.files("claimgraph.examples").joinpath("harbour-fire.txt").read_text(encoding="utf-8")
