"""Shared fixtures: the gazetteer (reused, else built once), the seed report, a temp store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

SHARED = Path(__file__).parents[1].parent / "shared"

# Hypothesis profiles: "dev" (the default: 200 examples per property, random),
# "ci" (the same examples every run: derandomized, selected when $CI is set)
# and "thorough" (10x the examples, for a long local run). Tests set only their
# deadline (the bound on time per example), never max_examples, so the profile
# decides. Pick one with HYPOTHESIS_PROFILE=thorough.
_hypothesis_settings.register_profile("dev", max_examples=200)
_hypothesis_settings.register_profile("ci", max_examples=200, derandomize=True,
                                      print_blob=True)
_hypothesis_settings.register_profile("thorough", max_examples=2000)
_hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory) -> Path:
    """Points ``OUTPOSTS_GAZETTEER`` at a built gazetteer for the whole session
    (subprocesses inherit it): the user's cached one when it exists, else one
    built once (~15 s) into a session temp dir. The variable is restored after."""
    from outposts.places.gazetteer import default_path

    saved = os.environ.get("OUTPOSTS_GAZETTEER")
    path = default_path()
    if not path.exists():
        from outposts.places.build import build_gazetteer

        path = tmp_path_factory.mktemp("gazetteer") / "gazetteer-v1.sqlite"
        build_gazetteer(path)
    os.environ["OUTPOSTS_GAZETTEER"] = str(path)
    yield path
    if saved is None:
        os.environ.pop("OUTPOSTS_GAZETTEER", None)
    else:
        os.environ["OUTPOSTS_GAZETTEER"] = saved


@pytest.fixture(scope="session")
def seed_path() -> Path:
    path = SHARED / "examples" / "seed-report-5th-corps.txt"
    if not path.is_file():
        pytest.skip(f"seed report not found at {path} (the shared/ checkout is absent)")
    return path


@pytest.fixture
def tmp_db(tmp_path) -> Path:
    """A path for a fresh SQLite event store (not created yet)."""
    return tmp_path / "events.db"
