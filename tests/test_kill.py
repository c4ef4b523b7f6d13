"""`outposts ingest` against a real SQLite store: SIGKILL mid-run, re-runs, concurrent runs.

The promise under test (cli ``ingest`` and :meth:`Store.add`): ingest is
idempotent (the same report twice adds nothing), each report is stored in one
transaction, and nothing is half-written after an error or a kill.

The corpus is generated here from a few sentence templates. It has to be a few
hundred reports, not a few dozen: the pipeline parses reports in batches of 64
and then stores a whole batch in well under a second, so a 60-report ingest is
mostly start-up time and there is no reliable moment to kill it mid-write.
"""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

N_REPORTS = 256  # four pipeline batches of 64
PUBLISHED = "2021-03-10"

TOWNS = ["Tafas", "Daraa", "Idlib", "Saraqib", "Manbij", "Raqqa", "Deir ez-Zor", "Maarat al-Numan",
         "Mosul", "Tal Afar", "Kirkuk", "Ramadi", "Fallujah", "Tikrit", "Baiji", "Samarra"]
SIDES = [("the Syrian army", "rebel fighters"), ("Hayat Tahrir al-Sham", "government forces"),
         ("Islamic State militants", "Iraqi security forces"), ("the SDF", "Turkish-backed factions"),
         ("Popular Mobilisation Forces", "Islamic State militants")]
EVENT_SENTENCES = [
    ("Clashes broke out between {a} and {b} near {town} on Tuesday, killing {n} fighters, "
     "local sources said."),
    ("{A} shelled the outskirts of {town} on Monday, killing {n} civilians, according to a "
     "local monitor."),
    "A roadside bomb exploded in {town} on Wednesday, wounding {n} people, police said.",
    "{A} attacked a checkpoint held by {b} west of {town} on Sunday; {n} attackers were killed.",
]
QUIET_SENTENCES = [
    "The local council in {town} met on Sunday to discuss repairs to the water network.",
    "Schools in {town} reopened this week after the winter holiday, officials said.",
]
COMMENTS = ["I heard {n} people died in {town} yesterday.", "Terrible news.",
            "My cousin lives in {town}, everyone there is scared."]


def make_reports(n: int = N_REPORTS) -> list[dict]:
    """``n`` distinct small reports: one to three event sentences, sometimes a
    quiet sentence, sometimes no event at all, some with reader comments, most
    with an ``id`` and some identified by their content instead."""
    out = []
    for i in range(n):
        a, b = SIDES[i % len(SIDES)]
        town = TOWNS[i % len(TOWNS)]
        sentences = []
        if i % 11 != 5:  # every 11th report (from the 6th) states no event
            for k in range(1 + i % 3):
                template = EVENT_SENTENCES[(i + k) % len(EVENT_SENTENCES)]
                sentences.append(template.format(a=a, A=a[0].upper() + a[1:], b=b,
                                                 town=TOWNS[(i + 3 * k) % len(TOWNS)],
                                                 n=2 + (i + k) % 9))
        if i % 3 == 0 or not sentences:
            sentences.append(QUIET_SENTENCES[i % 2].format(town=TOWNS[(i + 5) % len(TOWNS)]))
        report: dict = {"title": f"Dispatch {i} from {town}", "text": " ".join(sentences)}
        if i % 5 != 4:
            report["id"] = f"kill-{i:04d}"
        if i % 4 == 0:
            report["comments"] = [c.format(n=1 + i % 6, town=TOWNS[(i + 7) % len(TOWNS)])
                                  for c in COMMENTS[: 1 + i % 3]]
        out.append(report)
    return out


def write_jsonl(path: Path, reports: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


def ingest_cmd(src: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "outposts", "ingest", str(src), "--db", str(db),
            "--published", PUBLISHED]


def start_ingest(src: Path, db: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen(ingest_cmd(src, db), stdout=subprocess.DEVNULL,
                            stderr=log.open("wb"), cwd=db.parent)


def run_ingest(src: Path, db: Path, log: Path) -> str:
    proc = start_ingest(src, db, log)
    rc = proc.wait(timeout=120)
    err = log.read_text(encoding="utf-8", errors="replace")
    assert rc == 0, err
    return err


def summary(stderr: str) -> tuple[int, int, int]:
    """(added, events, already stored) from ingest's last stderr line."""
    m = re.search(r"ingested (\d+) reports? \((\d+) events?\); (\d+) already stored; 0 errors", stderr)
    assert m, stderr
    return int(m[1]), int(m[2]), int(m[3])


def stored_reports(db: Path) -> int:
    """Reports committed so far, read over a read-only connection (WAL readers
    never block the writer); 0 while the file or its schema does not exist yet."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0
    try:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        con.close()


# Columns that legitimately differ between two ingests of the same report.
_VOLATILE = {"ingested_at", "event_id", "cluster"}  # cluster: an event_id of its neighbourhood


def _rows(con: sqlite3.Connection, sql: str, *args) -> list[tuple]:
    return sorted((tuple(r) for r in con.execute(sql, args)), key=repr)


def _columns(con: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]


def _tables(con: sqlite3.Connection) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name")]


def _child_tables(con: sqlite3.Connection) -> list[str]:
    """Every table holding rows of a report (comments, events, place mentions,
    and whatever later migrations add), found from the schema itself."""
    return [t for t in _tables(con) if "report_id" in _columns(con, t)]


# Incidents are merged across reports: with only some reports stored (mid-run)
# they legitimately differ from the full reference; once all are stored they must not.
_DERIVED_TABLES = {"incidents"}
_DERIVED_COLUMNS = {"incident_id"}


def snapshot(db: Path, ignore: frozenset[str] = frozenset(),
             derived: bool = True) -> dict[str, dict]:
    """Everything stored, per report: its row and its rows in every child
    table, minus the columns that differ between two ingests (``ingested_at``,
    the ``event_id`` rowid) and those in ``ignore`` (and, ``derived=False``, the
    incidents merged across reports)."""
    con = sqlite3.connect(db)
    try:
        skip = _VOLATILE | ignore | (set() if derived else _DERIVED_COLUMNS)
        tables = [t for t in _child_tables(con) if derived or t not in _DERIVED_TABLES]
        select = {t: ", ".join(f'"{c}"' for c in _columns(con, t) if c not in skip)
                  for t in ["reports", *tables]}
        out = {}
        for (rid,) in con.execute("SELECT id FROM reports"):
            stored = {"reports": con.execute(f"SELECT {select['reports']} FROM reports"
                                             " WHERE id = ?", (rid,)).fetchone()}
            for table in tables:
                stored[table] = _rows(con, f"SELECT {select[table]} FROM {table}"
                                           " WHERE report_id = ?", rid)
            out[rid] = stored
        return out
    finally:
        con.close()


def assert_sound(db: Path) -> None:
    """SQLite's own checks pass and nothing hangs off a report that is not there."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        children = _child_tables(con)
        assert {"comments", "events", "place_mentions"} <= set(children)
        for table in children:
            orphans = con.execute(f"SELECT count(*) FROM {table} WHERE report_id NOT IN"
                                  " (SELECT id FROM reports)").fetchone()[0]
            assert orphans == 0, f"{orphans} orphan rows in {table}"
    finally:
        con.close()


def totals(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in _tables(con) if t != "sqlite_sequence"
                and not re.search(r"_rtree_(node|rowid|parent)$", t)}  # R*Tree internals
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, gazetteer):
    """The generated reports as JSONL, and the reference: one complete,
    uninterrupted ingest of them into a fresh store."""
    root = tmp_path_factory.mktemp("kill")
    reports = make_reports()
    src = write_jsonl(root / "reports.jsonl", reports)
    ref_db = root / "reference.db"
    t0 = time.monotonic()
    err = run_ingest(src, ref_db, root / "reference.log")
    elapsed = time.monotonic() - t0
    added, events, skipped = summary(err)
    assert (added, skipped) == (N_REPORTS, 0)
    ref = snapshot(ref_db)
    assert len(ref) == N_REPORTS
    # The corpus exercises what it should: events, event-less reports, comments.
    assert events == totals(ref_db)["events"] > N_REPORTS
    assert any(not r["events"] for r in ref.values())
    assert any(r["comments"] for r in ref.values())
    assert_sound(ref_db)
    return {"root": root, "reports": reports, "src": src, "ref_db": ref_db, "ref": ref,
            "elapsed": elapsed}


def kill_after(src: Path, db: Path, log: Path, at_least: int) -> int:
    """Start an ingest, SIGKILL it once ``at_least`` reports are committed;
    return how many were stored at the kill."""
    proc = start_ingest(src, db, log)
    try:
        deadline = time.monotonic() + 120
        while stored_reports(db) < at_least:
            assert proc.poll() is None, (
                f"the ingest ended (rc {proc.returncode}) before {at_least} reports were "
                f"stored; make the corpus larger:\n{log.read_text(errors='replace')}")
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.002)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        rc = proc.wait(timeout=30)
    assert rc == -signal.SIGKILL
    return stored_reports(db)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_ingest_leaves_only_whole_reports_and_rerun_completes(corpus, tmp_path):
    src, ref = corpus["src"], corpus["ref"]
    db = tmp_path / "killed.db"

    # Kill early (a few reports in), then again past halfway through the re-run
    # (off a batch boundary, so while the pipeline is storing, not parsing).
    for at_least in (3, N_REPORTS // 2 + 9):
        count = kill_after(src, db, tmp_path / f"killed-{at_least}.log", at_least)
        assert at_least <= count < N_REPORTS, "killed too late to be mid-run"
        assert (db.parent / (db.name + "-wal")).exists()  # a real crash: no clean close
        assert_sound(db)
        got = snapshot(db, derived=False)
        assert len(got) == count
        assert totals(db)["events"] == sum(len(r["events"]) for r in got.values())
        own = snapshot(corpus["ref_db"], derived=False)
        for rid, stored in got.items():
            # Each stored report is exactly what an uninterrupted ingest stores.
            assert stored == own[rid], f"report {rid} differs from the reference"

    # Re-run on the killed store: it completes, skips what is there, adds the rest.
    err = run_ingest(src, db, tmp_path / "rerun.log")
    added, _, skipped = summary(err)
    assert (added, skipped) == (N_REPORTS - count, count)
    assert_sound(db)
    assert snapshot(db) == ref
    assert totals(db) == totals(corpus["ref_db"])

    # And once more (a batch of them, to save time): the same reports add nothing.
    again = write_jsonl(tmp_path / "again.jsonl", corpus["reports"][:64])
    err = run_ingest(again, db, tmp_path / "again.log")
    assert summary(err) == (0, 0, 64)
    assert totals(db) == totals(corpus["ref_db"])


def test_concurrent_overlapping_ingests_store_each_report_once(corpus, tmp_path):
    """Two ingests at once into the same new store, their inputs sharing a third
    of the reports: both succeed (no "database is locked"; that includes both
    creating and switching the new file to WAL together), and the store ends up
    equal to the reference, nothing twice."""
    reports = corpus["reports"]
    third = N_REPORTS // 3
    first = write_jsonl(tmp_path / "first.jsonl", reports[: 2 * third])
    second = write_jsonl(tmp_path / "second.jsonl", reports[third:])
    db = tmp_path / "shared.db"
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = [start_ingest(first, db, logs[0]), start_ingest(second, db, logs[1])]
    rcs = [p.wait(timeout=120) for p in procs]
    errs = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    for rc, err in zip(rcs, errs):
        assert rc == 0, err
        assert "locked" not in err and "busy" not in err.lower(), err
    (added1, _, skipped1), (added2, _, skipped2) = (summary(e) for e in errs)
    assert added1 + added2 == N_REPORTS
    assert skipped1 + skipped2 == third  # each shared report stored once, skipped once
    assert_sound(db)
    # The reports' origin (FILE:LINE) differs: they came from other files.
    origin = frozenset({"origin"})
    assert snapshot(db, origin) == snapshot(corpus["ref_db"], origin)
    assert totals(db) == totals(corpus["ref_db"])


# A writer whose transactions are long: each report carries BIG events, so a
# kill at the middle of Store.add lands inside its open write transaction.
BIG = 6000
_WRITER = f"""
import sys, time
from datetime import date
from outposts.records import Comment, Event, Extraction, PlaceMention, Report
from outposts.store import open_store

with open_store(sys.argv[1]) as store:
    for i in range(int(sys.argv[2])):
        rid = f"big-{{i}}"
        report = Report(id=rid, text="Body text.",
                        comments=tuple(Comment(j, f"comment {{j}}") for j in range({BIG // 10})))
        events = tuple(Event(
            event_id_cnty=f"SYR-{{i}}-{{j}}", event_date=date(2021, 3, 1), time_precision=1,
            event_type="Battles", sub_event_type="Armed clash", actor1="Someone", report_id=rid,
            evidence="Body text.", evidence_start=0, evidence_end=10, confidence=0.5,
            country="Syria", location="Tafas", latitude=32.74, longitude=35.97)
            for j in range({BIG}))
        places = tuple(PlaceMention("Body", 0, 4, None) for _ in range({BIG // 10}))
        print("adding", i, time.monotonic(), flush=True)
        added = store.add(Extraction(report=report, events=events, places=places))
        print("added" if added else "skipped", i, time.monotonic(), flush=True)
"""


def _write_locked(db: Path) -> bool:
    """Does another connection hold the store's write lock right now?"""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc) or "busy" in str(exc), exc
        return True
    else:
        con.execute("ROLLBACK")
        return False
    finally:
        con.close()


def test_sigkill_inside_the_write_transaction_stores_nothing_of_that_report(tmp_path):
    """Store.add killed while its transaction is open (checked: the write lock is
    held at the kill): that report is absent, the earlier ones are whole, and
    a re-run completes the rest."""
    script = tmp_path / "writer.py"
    script.write_text(_WRITER, encoding="utf-8")
    db = tmp_path / "big.db"
    n = 4

    def stored() -> dict[str, tuple[int, int, int]]:
        con = sqlite3.connect(db)
        try:
            return {rid: tuple(con.execute(f"SELECT count(*) FROM {t} WHERE report_id = ?",
                                           (rid,)).fetchone()[0]
                               for t in ("comments", "events", "place_mentions"))
                    for (rid,) in con.execute("SELECT id FROM reports")}
        finally:
            con.close()

    whole = (BIG // 10, BIG, BIG // 10)
    for round_, fraction in enumerate((0.3, 0.6)):
        proc = subprocess.Popen([sys.executable, str(script), str(db), str(n)],
                                stdout=subprocess.PIPE, text=True)
        try:
            lines = iter(proc.stdout.readline, "")
            # Time one whole add, then kill the next at `fraction` of that.
            start = {}
            duration = None
            for line in lines:
                what, i, at = line.split()
                if what == "adding":
                    start[i] = float(at)
                    if duration is not None:
                        target = int(i)
                        break
                elif what == "added":
                    duration = float(at) - start[i]
            else:
                pytest.fail(f"the writer ended before a report could be killed (round {round_})")
            time.sleep(duration * fraction)
            deadline = time.monotonic() + duration
            while not _write_locked(db):
                assert time.monotonic() < deadline, "never saw the add's write lock"
                time.sleep(0.001)
            proc.send_signal(signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)
            proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL
        assert_sound(db)
        got = stored()
        assert f"big-{target}" not in got, "the report being written at the kill is there"
        assert got == {f"big-{i}": whole for i in range(target)}

    proc = subprocess.run([sys.executable, str(script), str(db), str(n)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert [ln.split()[0] for ln in proc.stdout.splitlines()].count("skipped") == target
    assert_sound(db)
    assert stored() == {f"big-{i}": whole for i in range(n)}


# -- the same promises on PostgreSQL (issue 7): a throwaway server from conftest.py ------------

def pg_snapshot(url: str, ignore: frozenset[str] = frozenset(),
                derived: bool = True) -> dict[str, dict]:
    """:func:`snapshot` of a PostgreSQL store (its explicit ``rowid`` is volatile too):
    the same values as the SQLite reference, report by report."""
    import psycopg

    skip = _VOLATILE | {"rowid"} | ignore | (set() if derived else _DERIVED_COLUMNS)
    with psycopg.connect(url) as con:
        def cols(table):
            return [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                " 'public' AND table_name = %s ORDER BY ordinal_position", (table,))]

        children = [t for (t,) in con.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'"
            " AND column_name = 'report_id' ORDER BY table_name")
            if derived or t not in _DERIVED_TABLES]
        select = {t: ", ".join(f'"{c}"' for c in cols(t) if c not in skip)
                  for t in ["reports", *children]}
        out = {}
        for (rid,) in con.execute("SELECT id FROM reports").fetchall():
            stored = {"reports": tuple(con.execute(
                f"SELECT {select['reports']} FROM reports WHERE id = %s", (rid,)).fetchone())}
            for table in children:
                stored[table] = sorted((tuple(r) for r in con.execute(
                    f"SELECT {select[table]} FROM {table} WHERE report_id = %s", (rid,))),
                    key=repr)
            out[rid] = stored
        return out


def pg_count(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=2) as con:
            return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    except psycopg.Error:
        return 0  # the schema is not there yet


def test_postgres_concurrent_overlapping_ingests_match_the_sqlite_reference(corpus, pg_url,
                                                                            tmp_path):
    """Two ingests at once into one PostgreSQL database, sharing a third of the
    reports: each report stored once, and what is stored equals, value for
    value, what the uninterrupted SQLite ingest stored."""
    reports = corpus["reports"]
    third = N_REPORTS // 3
    first = write_jsonl(tmp_path / "first.jsonl", reports[: 2 * third])
    second = write_jsonl(tmp_path / "second.jsonl", reports[third:])
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    procs = [subprocess.Popen(ingest_cmd(src, pg_url), stdout=subprocess.DEVNULL,
                              stderr=log.open("wb"), cwd=tmp_path)
             for src, log in zip((first, second), logs)]
    rcs = [p.wait(timeout=180) for p in procs]
    errs = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    assert rcs == [0, 0], errs
    (added1, _, skipped1), (added2, _, skipped2) = (summary(e) for e in errs)
    assert (added1 + added2, skipped1 + skipped2) == (N_REPORTS, third)
    origin = frozenset({"origin"})
    assert pg_snapshot(pg_url, origin) == snapshot(corpus["ref_db"], origin)


def test_postgres_sigkill_mid_ingest_then_rerun_completes(corpus, pg_url, tmp_path):
    src, ref = corpus["src"], corpus["ref"]
    log = tmp_path / "killed.log"
    proc = subprocess.Popen(ingest_cmd(src, pg_url), stdout=subprocess.DEVNULL,
                            stderr=log.open("wb"), cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while pg_count(pg_url) < N_REPORTS // 2 + 9:
            assert proc.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, "no progress"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    got = pg_snapshot(pg_url, derived=False)
    assert N_REPORTS // 2 + 9 <= len(got) < N_REPORTS, "killed too late to be mid-run"
    own = snapshot(corpus["ref_db"], derived=False)
    for rid, stored in got.items():
        assert stored == own[rid], f"report {rid} differs from the reference"
    count = len(got)
    rerun = subprocess.run(ingest_cmd(src, pg_url), capture_output=True, text=True, timeout=180,
                           cwd=tmp_path, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun.stderr)[::2] == (N_REPORTS - count, count)
    assert pg_snapshot(pg_url) == ref


def test_postgres_server_crash_mid_ingest_then_restart_and_rerun_completes(corpus, tmp_path):
    """The PostgreSQL server itself dies mid-ingest (`pg_ctl stop -m immediate`: no
    shutdown checkpoint, crash recovery at the next start), on a server of its own: the
    ingest stops with a one-line store error (no traceback), the restarted server holds
    only whole reports equal to the reference, and a re-run completes the rest."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[postgres]')")
    from conftest import PGDatabases, _PGServer

    try:
        server = _PGServer(durable=True)  # a commit the ingest saw must survive the crash
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"PostgreSQL server crash test skipped: {exc}")
    opts = (f"-c listen_addresses='' -k {server.root} -p {server.port} -c fsync=off "
            "-c synchronous_commit=on -c full_page_writes=off -c max_connections=100")
    pg_ctl = str(server.bindir / "pg_ctl")
    try:
        dbs = PGDatabases(server.url)
        url = dbs.new()
        dbs._admin.close()  # the crash would break it; the server is dropped whole below
        src, ref = corpus["src"], corpus["ref"]
        log = tmp_path / "crashed.log"
        proc = subprocess.Popen(ingest_cmd(src, url), stdout=subprocess.DEVNULL,
                                stderr=log.open("wb"), cwd=tmp_path)
        try:
            deadline = time.monotonic() + 120
            while pg_count(url) < N_REPORTS // 3:
                assert proc.poll() is None, log.read_text(errors="replace")
                assert time.monotonic() < deadline, "no progress"
                time.sleep(0.005)
            server._run([pg_ctl, "-D", str(server.data), "-m", "immediate", "-w", "stop"])
            rc = proc.wait(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
        err = log.read_text(encoding="utf-8", errors="replace")
        assert rc == 1, err
        assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("outposts: "), err
        server._run([pg_ctl, "-D", str(server.data), "-l", str(server.root / "server.log"),
                     "-o", opts, "-w", "-t", "60", "start"])
        got = pg_snapshot(url, derived=False)
        own = snapshot(corpus["ref_db"], derived=False)
        assert N_REPORTS // 3 <= len(got) < N_REPORTS, "crashed too late to be mid-run"
        for rid, stored in got.items():
            assert stored == own[rid], f"report {rid} differs from the reference"
        rerun = subprocess.run(ingest_cmd(src, url), capture_output=True, text=True,
                               timeout=180, cwd=tmp_path, check=False)
        assert rerun.returncode == 0, rerun.stderr
        assert summary(rerun.stderr)[::2] == (N_REPORTS - len(got), len(got))
        assert pg_snapshot(url) == ref
    finally:
        server.stop()


# -- the Dask engine: a worker process killed while it runs a partition ---------------------

def _dask_workers(ingest_pid: int) -> list:
    """The Dask worker processes of an `ingest --engine dask` (its LocalCluster's nannies
    live in the ingest process and spawn each worker as a child with multiprocessing)."""
    import psutil

    out = []
    for p in psutil.Process(ingest_pid).children():
        try:
            if "spawn_main" in " ".join(p.cmdline()):
                out.append(p)
        except psutil.Error:
            continue
    return out


def _busy(proc, window: float = 0.1) -> bool:
    """Is this process computing (CPU time going up) right now?"""
    import psutil

    try:
        before = sum(proc.cpu_times()[:2])
        time.sleep(window)
        return sum(proc.cpu_times()[:2]) - before > window / 3
    except psutil.Error:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_dask_worker_killed_mid_partition_run_completes(corpus, tmp_path):
    """`ingest --engine dask --jobs 2`: one worker process is SIGKILLed while it is
    computing a partition (its CPU time is rising; reports are being stored). Dask
    reschedules the lost partition and the nanny restarts the worker: the ingest
    completes (exit 0, every report added, none skipped), the store is sound and equals
    the local engine's reference; a re-run adds nothing."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    psutil = pytest.importorskip("psutil")
    src, ref = corpus["src"], corpus["ref"]
    db = tmp_path / "dask.db"
    log = tmp_path / "dask.log"
    cmd = ingest_cmd(src, db) + ["--engine", "dask", "--jobs", "2", "--chunk", "4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log.open("wb"), cwd=tmp_path)
    killed = None
    try:
        deadline = time.monotonic() + 240
        while killed is None:
            assert proc.poll() is None, (
                f"the ingest ended (rc {proc.returncode}) before a worker could be killed:\n"
                + log.read_text(errors="replace"))
            assert time.monotonic() < deadline, "no worker was seen computing"
            count = stored_reports(db)
            if 4 <= count < N_REPORTS - 32:  # mid-run, partitions still to come
                for worker in _dask_workers(proc.pid):
                    if _busy(worker):
                        at = stored_reports(db)
                        worker.send_signal(signal.SIGKILL)
                        killed = (worker.pid, at)
                        break
            else:
                time.sleep(0.01)
        rc = proc.wait(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    err = log.read_text(encoding="utf-8", errors="replace")
    print(f"killed Dask worker {killed[0]} with {killed[1]} reports stored; ingest said:\n{err}")
    assert not psutil.pid_exists(killed[0]) or psutil.Process(killed[0]).status() == "zombie"
    assert killed[1] < N_REPORTS, "killed too late to be mid-run"
    assert rc == 0, err
    assert summary(err)[::2] == (N_REPORTS, 0), err
    assert_sound(db)
    assert snapshot(db) == ref
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path,
                           check=False)
    assert again.returncode == 0 and summary(again.stderr)[::2] == (0, N_REPORTS), again.stderr
