"""The house's seams: stages chosen by name from entry points, contracts, one-way imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import pytest

from outposts import registry
from outposts.config import Settings
from outposts.errors import ConfigError

ROOT = Path(__file__).parents[1]

PLUGIN = '''
"""A coder from outside the project: one event per report, saying which process coded it."""
import os
from outposts.records import Coding, Event


class ProbeCoder:
    def wants(self, text):
        return False  # nothing needs the parse

    def code(self, article):
        report = article.report
        return Coding(events=(Event(
            event_id_cnty=f"XXX-{report.id}", event_date=article.report_date, time_precision=1,
            event_type="Strategic developments", sub_event_type="Other", actor1="Probe Coder",
            report_id=report.id, evidence=report.text[:40], evidence_start=0,
            evidence_end=min(40, len(report.text)), confidence=0.5, notes=f"pid {os.getpid()}"),))


def make_coder(resources):
    return ProbeCoder()
'''


@pytest.fixture(scope="module")
def plugin_path(tmp_path_factory) -> Path:
    """A plugin installed the way pip installs one: a module and a dist-info folder
    whose entry_points.txt declares ``probe`` in ``outposts.coders``."""
    root = tmp_path_factory.mktemp("plugin")
    (root / "outposts_probe.py").write_text(PLUGIN, encoding="utf-8")
    info = root / "outposts_probe-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: outposts-probe\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[outposts.coders]\nprobe = outposts_probe:make_coder\n", encoding="utf-8")
    return root


def _cli(args: list[str], plugin: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(plugin), env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "outposts", *args], capture_output=True,
                          text=True, timeout=300, cwd=cwd, env=env, check=False)


def _reports(tmp: Path, n: int = 40) -> Path:
    path = tmp / "reports.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"r{i}", "published": "2021-03-01",
                                 "text": f"Report {i}\n\nNothing happened in town {i} today."}) + "\n")
    return path


def test_builtins_are_declared_as_entry_points_exactly():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["entry-points"]
    assert declared == registry.BUILTINS
    for kind, group in registry.GROUPS.items():
        for name in registry.BUILTINS[group]:
            assert callable(registry.get(kind, name))


def test_unknown_stage_names_are_one_config_error():
    with pytest.raises(ConfigError, match="no coder named 'nope'.*rules"):
        registry.get("coder", "nope")
    with pytest.raises(ConfigError, match="no stage kind"):
        registry.get("gadget", "x")


def test_settings_pick_the_coder_by_name(gazetteer):
    from outposts import Pipeline, Report

    @registry.register("coder", "in-process-probe")
    def make(resources):
        ns: dict = {}
        exec(compile(PLUGIN, "probe", "exec"), ns)  # the plugin's own source, as a module would run
        return ns["make_coder"](resources)

    try:
        pipe = Pipeline(Settings(coder="in-process-probe"))
        ex = pipe.extract(Report(id="x", text="Title\n\nShelling hit the town."),
                          published=date(2021, 1, 2))
        assert [(e.actor1, e.sub_event_type) for e in ex.events] == [("Probe Coder", "Other")]
    finally:
        registry.unregister("coder", "in-process-probe")


@pytest.mark.slow
@pytest.mark.parametrize("engine", [["--jobs", "2"], ["--engine", "dask", "--jobs", "2"]],
                         ids=["jobs2", "dask"])
def test_a_plugin_coder_runs_in_every_worker(engine, plugin_path, tmp_path, gazetteer):
    src = _reports(tmp_path)
    proc = _cli(["extract", str(src), "--coder", "probe", "--chunk", "5", *engine],
                plugin_path, tmp_path)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [e["report_id"] for e in events] == [f"r{i}" for i in range(40)]
    assert {e["actor1"] for e in events} == {"Probe Coder"}
    pids = {e["notes"] for e in events}
    assert len(pids) == 2  # both workers coded with the plugin, none fell back to the rules


def test_a_wrong_coder_name_is_one_line_and_exit_1(plugin_path, tmp_path):
    proc = _cli(["extract", str(_reports(tmp_path, 2)), "--coder", "nope"], plugin_path, tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no coder named 'nope'" in proc.stderr
    assert "probe" in proc.stderr  # the plugin's name is listed among the known ones


def test_imports_run_one_way():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import imports
    finally:
        sys.path.pop(0)
    edges, _ = imports.graph()
    assert imports.cycles(edges) == []
    assert imports.back_imports(edges) == []
