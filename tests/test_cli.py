"""The command line, end to end: help, the seed report, formats, bad inputs, the store,
info, gazetteer lookups, stdin, and the generated docs/cli.md.

Most calls go through click's CliRunner (stdout and stderr apart, click >= 8.2); a few run
the real process (``python -m outposts``) to check what a shell user sees.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import outposts
from outposts.cli import cli
from outposts.read import iter_reports
from outposts.records import ACLED_COLUMNS, EXTRA_COLUMNS

pytestmark = pytest.mark.usefixtures("gazetteer")

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = "2020-12-18"
ABU_KAMAL = (34.45, 40.92)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}

PINNED_KEYS = (
    "event_date", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2",
    "assoc_actor_2", "inter2", "interaction", "iso", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities",
    "report_id", "source_kind", "evidence", "evidence_start", "evidence_end", "confidence",
)
# ACLED's export columns, in ACLED's order (written out, not imported, so a change shows).
ACLED_ORDER = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
INSULTS = ("idiot", "scum", "chump", "dull witted", "racist", "fuck")


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def invoke(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False,
                              prog_name="outposts")


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    """The real process, with the session's environment (OUTPOSTS_GAZETTEER included)."""
    return subprocess.run([sys.executable, "-m", "outposts", *map(str, args)], input=input,
                          capture_output=True, timeout=300, env=dict(os.environ), cwd=ROOT,
                          check=False)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr


# -- help -----------------------------------------------------------------------------

def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if isinstance(cmd, click.Group):
            yield from _command_paths(cmd, prefix + (name,))
        else:
            yield prefix + (name,)


def _command(path: tuple[str, ...]) -> click.Command:
    cmd = cli
    for name in path:
        cmd = cmd.get_command(click.Context(cmd), name)
    return cmd


COMMAND_PATHS = list(_command_paths(cli))


def test_every_command_is_found():
    names = {" ".join(p) for p in COMMAND_PATHS}
    assert {"", "extract", "geoparse", "ingest", "events", "stats", "info", "gazetteer",
            "gazetteer build", "gazetteer import", "gazetteer lookup"} <= names


@pytest.mark.parametrize("path", COMMAND_PATHS, ids=lambda p: " ".join(p) or "outposts")
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(path, flag):
    result = invoke(*path, flag)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.startswith("Usage: outposts")
    cmd = _command(path)
    for param in cmd.params:
        if isinstance(param, click.Option) and not param.hidden:
            for opt in param.opts + param.secondary_opts:
                assert opt in out, f"{' '.join(path)} --help does not mention {opt}"
        elif isinstance(param, click.Argument):
            assert param.name.upper() in out
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(click.Context(cmd)):
            assert name in out


# -- extract on the seed ------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_run(gazetteer, seed_path):
    result = invoke("extract", seed_path, "--published", PUBLISHED)
    return result, jsonl(result.stdout)


@pytest.fixture(scope="module")
def seed_report(seed_path):
    (report,) = list(iter_reports([str(seed_path)]))
    return report


def _one(events: list[dict], sub_event_type: str) -> dict:
    found = [e for e in events if e["sub_event_type"] == sub_event_type]
    assert len(found) == 1, f"{len(found)} {sub_event_type!r} events in {events}"
    return found[0]


def test_extract_seed_prints_only_json_lines(seed_run):
    result, events = seed_run
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stderr)
    assert events, "no events coded from the seed report"
    for line in result.stdout.splitlines():
        assert isinstance(json.loads(line), dict), line
    for ev in events:
        missing = [k for k in PINNED_KEYS if k not in ev]
        assert not missing, f"event lacks {missing}"
        date.fromisoformat(ev["event_date"])
        assert ev["source_kind"] in ("article", "comment")


def test_seed_transfer_of_territory(seed_run):
    ev = _one(seed_run[1], "Non-violent transfer of territory")
    assert ev["event_type"] == "Strategic developments"
    assert "5th" in ev["actor1"] and "Syria" in ev["actor1"]
    assert ev["actor2"] == "Militia (Pro-Iran)"
    assert ev["country"] == "Syria"
    assert km(ev["latitude"], ev["longitude"], *ABU_KAMAL) <= 30
    assert ev["source"] == "SOHR"
    assert ev["source_kind"] == "article"
    assert ev["fatalities"] == 0


def test_seed_headquarters_established(seed_run):
    ev = _one(seed_run[1], "Headquarters or base established")
    assert "Russia" in ev["actor1"] and "Military Police" in ev["actor1"]
    assert date(2020, 12, 7) <= date.fromisoformat(ev["event_date"]) <= date(2020, 12, 13)
    assert ev["time_precision"] == 2  # "Last week"
    assert km(ev["latitude"], ev["longitude"], *ABU_KAMAL) <= 10
    assert ev["source_kind"] == "article"


def test_seed_no_abusive_or_hypothetical_comment_events(seed_run, seed_report):
    for ev in seed_run[1]:
        if ev["source_kind"] != "comment":
            continue
        comment = seed_report.comments[ev["comment_index"]].text
        evidence = ev["evidence"]
        assert not any(w in evidence.lower() for w in INSULTS), evidence
        assert not evidence.lstrip().startswith("If"), evidence
        assert not comment.lstrip().startswith("If"), comment


def test_seed_evidence_offsets(seed_run, seed_report):
    for ev in seed_run[1]:
        start, end = ev["evidence_start"], ev["evidence_end"]
        if ev["source_kind"] == "article":
            assert seed_report.text[start:end] == ev["evidence"]
        else:
            assert seed_report.comments[ev["comment_index"]].text[start:end] == ev["evidence"]


def test_extract_seed_real_process(seed_path, seed_run):
    proc = run("extract", seed_path, "--published", PUBLISHED)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 0, stderr
    assert stderr == ""
    events = jsonl(proc.stdout.decode("utf-8"))
    assert [e["event_id_cnty"] for e in events] == [e["event_id_cnty"] for e in seed_run[1]]


def test_geoparse_offsets(seed_path, seed_report):
    result = invoke("geoparse", seed_path)
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert any(r["country_code"] == "SY" and r["name"] for r in rows)
    for r in rows:
        text = seed_report.text if r["comment"] is None else seed_report.comments[r["comment"]].text
        assert text[r["start"]:r["end"]] == r["text"]


# -- formats ------------------------------------------------------------------------------

def test_csv_bom_and_acled_order(seed_path, seed_run):
    proc = run("extract", seed_path, "--published", PUBLISHED, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8-sig"))))
    header = rows[0]
    assert tuple(header[:len(ACLED_ORDER)]) == ACLED_ORDER == ACLED_COLUMNS
    assert tuple(header) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert len(rows) - 1 == len(seed_run[1])


def test_geojson(seed_path, seed_run):
    result = invoke("extract", seed_path, "--published", PUBLISHED, "--format", "geojson")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(seed_run[1])
    by_id = {e["event_id_cnty"]: e for e in seed_run[1]}
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        ev = by_id[feature["properties"]["event_id_cnty"]]
        assert (lon, lat) == pytest.approx((ev["longitude"], ev["latitude"]))
        assert km(lat, lon, *ABU_KAMAL) <= 30  # [lon, lat], not [lat, lon]


def test_kml(seed_path, seed_run):
    result = invoke("extract", seed_path, "--published", PUBLISHED, "--format", "kml")
    assert result.exit_code == 0, result.stderr
    root = ET.fromstring(result.stdout_bytes)
    marks = root.findall(".//k:Placemark", KML_NS)
    assert len(marks) == len(seed_run[1])
    whens = sorted(m.find("k:TimeStamp/k:when", KML_NS).text for m in marks)
    assert whens == sorted(e["event_date"] for e in seed_run[1])
    for m in marks:
        lon, lat = map(float, m.find(".//k:Point/k:coordinates", KML_NS).text.split(",")[:2])
        assert km(lat, lon, *ABU_KAMAL) <= 30


def test_table(seed_path, seed_run):
    result = invoke("extract", seed_path, "--published", PUBLISHED, "--format", "table")
    assert result.exit_code == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split()[:2] == ["date", "sub_event_type"]
    assert sorted(r.split()[0] for r in rows) == sorted(e["event_date"] for e in seed_run[1])


# -- bad inputs -------------------------------------------------------------------------

GOOD_JSONL = [
    {"id": "good-1", "title": "Clashes near Palmyra", "published": "2021-03-10",
     "text": "Syrian army forces clashed with ISIS fighters near Palmyra on Monday."},
    {"id": "good-2", "title": "Protest in Idlib", "published": "2021-03-12",
     "text": "Protesters gathered in Idlib city on Friday to demand the release of detainees."},
]
BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary\x00\xff",
    "latin1.txt": "Title\n\nCafé in Aleppo.\n".encode("latin-1"),
    "report.docx": b"PK\x03\x04 not a report",
}


@pytest.fixture
def mixed_jsonl(tmp_path) -> Path:
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(GOOD_JSONL[0]), '{"id": "broken", "text": ', json.dumps(GOOD_JSONL[1])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _seed_events_present(stdout: str) -> None:
    types = {e["sub_event_type"] for e in jsonl(stdout)}
    assert {"Non-violent transfer of territory", "Headquarters or base established"} <= types


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_one_line_and_go_on(name, tmp_path, seed_path):
    bad = tmp_path / name
    bad.write_bytes(BAD_FILES[name])
    result = invoke("extract", bad, seed_path, "--published", PUBLISHED)
    assert result.exit_code == 1
    assert_clean(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0]
    _seed_events_present(result.stdout)


def test_bad_jsonl_line_names_file_and_line(mixed_jsonl, seed_path):
    result = invoke("extract", mixed_jsonl, seed_path, "--published", PUBLISHED)
    assert result.exit_code == 1
    assert_clean(result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{mixed_jsonl}:2" in lines[0]
    ids = {e["report_id"] for e in jsonl(result.stdout)}
    assert {"good-1", "good-2"} <= ids
    _seed_events_present(result.stdout)


def test_missing_file(tmp_path, seed_path):
    missing = tmp_path / "missing.txt"
    result = invoke("extract", missing, seed_path, "--published", PUBLISHED)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [line for line in result.stderr.splitlines()
                                          if str(missing) in line] != []
    _seed_events_present(result.stdout)


def test_bad_published_is_usage_error(seed_path):
    result = invoke("extract", seed_path, "--published", "2020-13-45")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--published" in result.stderr
    assert_clean(result.stderr)


def test_strict_stops_at_first_bad_input(tmp_path, seed_path):
    first, second = tmp_path / "empty.txt", tmp_path / "report.docx"
    first.write_bytes(b"")
    second.write_bytes(b"x")
    result = invoke("extract", "--strict", first, second, seed_path, "--published", PUBLISHED)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and str(first) in lines[0], result.stderr
    assert result.stdout == ""


def test_bad_inputs_real_process(tmp_path, seed_path, mixed_jsonl):
    bad = []
    for name, data in sorted(BAD_FILES.items()):
        (tmp_path / name).write_bytes(data)
        bad.append(tmp_path / name)
    proc = run("extract", *bad, mixed_jsonl, seed_path, "--published", PUBLISHED)
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1
    assert_clean(stderr)
    lines = stderr.splitlines()
    assert len(lines) == len(bad) + 1, stderr
    for path, line in zip(bad + [mixed_jsonl], lines):
        assert str(path) in line
    assert f"{mixed_jsonl}:2" in lines[-1]
    _seed_events_present(proc.stdout.decode("utf-8"))


# -- stdin ------------------------------------------------------------------------------

STDIN_REPORT = {
    "id": "stdin-1", "title": "Arrests in Jasim", "published": "2021-03-12",
    "text": "Syrian government forces arrested 15 young men in the town of Jasim on Sunday.",
}


def test_stdin_json_report():
    result = invoke("extract", "-", input=json.dumps(STDIN_REPORT).encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    (ev,) = [e for e in jsonl(result.stdout) if e["report_id"] == "stdin-1"]
    assert ev["sub_event_type"] == "Arrests"
    assert ev["event_date"] == "2021-03-07"


def test_stdin_real_process():
    proc = run("extract", "-", input=json.dumps(STDIN_REPORT).encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    events = jsonl(proc.stdout.decode("utf-8"))
    assert [e["report_id"] for e in events] == ["stdin-1"]


# -- the store ----------------------------------------------------------------------------

def _stats(db: Path) -> dict:
    result = invoke("stats", "--db", db, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_ingest_is_idempotent_and_queryable(tmp_db, seed_path, seed_run, tmp_path):
    first = invoke("ingest", seed_path, "--db", tmp_db, "--published", PUBLISHED)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == ""
    stats = _stats(tmp_db)
    assert stats["reports"] == 1
    assert stats["events"] == len(seed_run[1])
    assert stats["comments"] > 0

    again = invoke("ingest", seed_path, "--db", tmp_db, "--published", PUBLISHED)
    assert again.exit_code == 0, again.stderr
    assert "1 already stored" in again.stderr
    assert _stats(tmp_db) == stats

    near = invoke("events", "--db", tmp_db, "--near", "Abu Kamal", "--km", "30",
                  "--format", "jsonl")
    assert near.exit_code == 0, near.stderr
    assert sorted(e["event_id_cnty"] for e in jsonl(near.stdout)) == \
        sorted(e["event_id_cnty"] for e in seed_run[1])
    far = invoke("events", "--db", tmp_db, "--near", "Damascus", "--km", "30", "--format", "jsonl")
    assert far.exit_code == 0, far.stderr
    assert far.stdout == ""

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    result = invoke("events", "--db", tmp_db, "--format", "parquet", "-o", out)
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.num_rows == len(seed_run[1])
    assert set(ACLED_COLUMNS) <= set(table.column_names)

    no_output = invoke("events", "--db", tmp_db, "--format", "parquet")
    assert no_output.exit_code == 2
    assert "--output" in no_output.stderr


# -- info and the gazetteer ---------------------------------------------------------------

def test_info_json(gazetteer):
    result = invoke("info", "--format", "json")
    assert result.exit_code == 0, result.stderr
    facts = json.loads(result.stdout)
    assert facts["version"] == outposts.__version__
    assert facts["spacy_model"]
    assert facts["gazetteer"] == str(gazetteer)
    assert facts["gazetteer_bytes"] > 0
    assert facts["store"]


def test_gazetteer_lookup():
    result = invoke("gazetteer", "lookup", "Deir ez-Zor", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert rows[0]["country_code"] == "SY"
    assert km(rows[0]["latitude"], rows[0]["longitude"], 35.33, 40.14) <= 10
    table = invoke("gazetteer", "lookup", "Deir ez-Zor")
    assert table.exit_code == 0 and " SY " in table.stdout.splitlines()[0]


def test_gazetteer_lookup_accepts_iso3():
    result = invoke("gazetteer", "lookup", "Deir ez-Zor", "--country", "SYR", "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert jsonl(result.stdout)[0]["country_code"] == "SY"


def test_gazetteer_lookup_unknown_real_process():
    proc = run("gazetteer", "lookup", "Nowhereville Xyz")
    stderr = proc.stderr.decode("utf-8")
    assert proc.returncode == 1
    assert proc.stdout == b""
    assert len(stderr.splitlines()) == 1 and "Nowhereville Xyz" in stderr, stderr


# -- docs/cli.md ---------------------------------------------------------------------------

def test_cli_docs_up_to_date():
    script = ROOT / "scripts" / "gen_cli_docs.py"
    spec = importlib.util.spec_from_file_location("gen_cli_docs", script)
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == gen.render(), "docs/cli.md is stale: run `python scripts/gen_cli_docs.py`"


# -- --actors ----------------------------------------------------------------------------------

def test_extract_reads_extra_actor_files(tmp_path):
    mine = tmp_path / "mine.json"
    mine.write_text(json.dumps([{"id": "blue-brigade", "name": "Blue Brigade", "inter": 3, "country": "KE",
                                 "kind": "militia", "aliases": ["Blue Brigade"]}]), encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("Post Attacked\n\nOn 8 March 2021, the Blue Brigade attacked a police post in "
                      "Garissa, Kenya, killing two policemen.\n", encoding="utf-8")
    plain = invoke("extract", report, "--published", "2021-03-10")
    assert plain.exit_code == 0, plain.stderr
    assert all(row["actor1"] != "Blue Brigade" for row in jsonl(plain.stdout))
    result = invoke("extract", report, "--published", "2021-03-10", "--actors", mine)
    assert result.exit_code == 0, result.stderr
    rows = jsonl(result.stdout)
    assert rows and rows[0]["actor1"] == "Blue Brigade" and rows[0]["inter1"] == 3
    missing = invoke("extract", report, "--actors", tmp_path / "nope.json")
    assert missing.exit_code == 2


def test_events_near_shows_a_first_page_and_says_how_many_there_are(tmp_db):
    """`events --near` prints the first NEAR_LIMIT incidents (oldest first) and, on
    stderr, how many there are and how to see more; --limit N and --limit 0 (all)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import extractions

    from outposts.cli.store import NEAR_LIMIT
    from outposts.places import Gazetteer
    from outposts.store import open_store

    with Gazetteer.open() as gaz:
        place = gaz.lookup("Abu Kamal", limit=1)[0]
    with open_store(tmp_db) as store:
        batch = list(extractions(40_000, per_report=10, control_every=0))
        for i in range(0, len(batch), 500):
            store.add_many(batch[i:i + 500])
        total = store.incident_count(near=(place.latitude, place.longitude, 30.0))
        oldest = [m.event.event_id_cnty for m in store.incidents(
            near=(place.latitude, place.longitude, 30.0), limit=NEAR_LIMIT)]
    assert total > NEAR_LIMIT
    near = invoke("events", "--db", tmp_db, "--near", "Abu Kamal", "--km", "30",
                  "--format", "jsonl")
    assert near.exit_code == 0, near.stderr
    assert [e["event_id_cnty"] for e in jsonl(near.stdout)] == oldest
    assert f"showing {NEAR_LIMIT} of {total:,} incidents within 30 km of Abu Kamal" in near.stderr
    assert "--limit" in near.stderr
    every = invoke("events", "--db", tmp_db, "--near", "Abu Kamal", "--km", "30",
                   "--format", "jsonl", "--limit", "0")
    assert len(jsonl(every.stdout)) == total and "showing" not in every.stderr
    some = invoke("events", "--db", tmp_db, "--near", "Abu Kamal", "--km", "30",
                  "--format", "jsonl", "--limit", "7")
    assert len(jsonl(some.stdout)) == 7 and "showing" not in some.stderr
    unmerged = invoke("events", "--db", tmp_db, "--near", "Abu Kamal", "--km", "30",
                      "--format", "jsonl", "--unmerged")
    assert len(jsonl(unmerged.stdout)) == NEAR_LIMIT and "events within 30 km" in unmerged.stderr
