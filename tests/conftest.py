"""Shared fixtures: the gazetteer (reused, else built once), the seed report, a temp store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings as _hypothesis_settings

SHARED = Path(__file__).parents[1].parent / "shared"
# The CLI stamps events with the time of the run (ACLED's `timestamp`); a fixed one keeps
# runs comparable (engines, stores, re-ingests). Subprocesses inherit it.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

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


# -- PostgreSQL (issue 7): a throwaway server for the store tests ---------------------------
# $OUTPOSTS_TEST_PG (a URL whose user may CREATE DATABASE) is used when set; otherwise a
# server is started from the machine's binaries (pg_config --bindir, /usr/lib/postgresql/*/bin)
# in a temp dir, on a unix socket only, as the `postgres` user when we are root (initdb
# refuses root), and dropped at the end. Without either, PostgreSQL tests skip.

def _pg_bindir() -> Path | None:
    import glob
    import shutil
    import subprocess

    candidates = []
    if shutil.which("pg_config"):
        try:
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True,
                                 timeout=10).stdout.strip()
            candidates.append(Path(out))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                           key=lambda p: int(p.split("/")[-2]), reverse=True)
                   if p.split("/")[-2].isdigit()]
    if shutil.which("initdb"):
        candidates.append(Path(shutil.which("initdb")).parent)
    for d in candidates:
        if (d / "initdb").is_file() and (d / "pg_ctl").is_file():
            return d
    return None


class _PGServer:
    """A PostgreSQL server in a temp dir, reachable at ``url`` (unix socket)."""

    def __init__(self, durable: bool = False):
        import pwd
        import shutil
        import socket
        import subprocess
        import tempfile

        self.bindir = _pg_bindir()
        if self.bindir is None:
            raise RuntimeError("no PostgreSQL server binaries (initdb, pg_ctl) on this machine")
        self.prefix: list[str] = []
        owner = None
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError("running as root and there is no 'postgres' user to run "
                                   "the server as") from None
            runuser = shutil.which("runuser")
            self.prefix = ([runuser, "-u", "postgres", "--"] if runuser
                           else ["su", "postgres", "-s", "/bin/sh", "-c"])
        self.root = Path(tempfile.mkdtemp(prefix="opg-"))
        if owner is not None:
            os.chown(self.root, owner.pw_uid, owner.pw_gid)
        os.chmod(self.root, 0o755)
        with socket.socket() as s:  # a free port number (names the socket file)
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        data, log = self.root / "data", self.root / "server.log"
        self.data = data
        self._run([str(self.bindir / "initdb"), "-D", str(data), "-U", "outposts", "-A", "trust",
                   "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        # synchronous_commit off is fast, and a crash may lose the last commits
        # (by design): a test that crashes the server asks for it on
        opts = (f"-c listen_addresses='' -k {self.root} -p {self.port} -c fsync=off "
                f"-c synchronous_commit={'on' if durable else 'off'} -c full_page_writes=off "
                "-c max_connections=100")
        self._run([str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", opts,
                   "-w", "-t", "60", "start"])
        self.url = f"postgresql://outposts@/postgres?host={self.root}&port={self.port}"

    def _run(self, argv: list[str]) -> None:
        import shlex
        import subprocess

        cmd = self.prefix + ([shlex.join(argv)] if self.prefix[:1] == ["su"] else argv)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=self.root)
        if proc.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {(proc.stderr or proc.stdout).strip()[-500:]}")

    def stop(self) -> None:
        import shutil

        try:
            self._run([str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                       "-w", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class PGDatabases:
    """Makes fresh databases on one server: ``new(postgis=False)`` returns a URL."""

    def __init__(self, url: str):
        import psycopg

        self.url, self._n = url, 0
        self._admin = psycopg.connect(url, autocommit=True)
        self.postgis = False
        row = self._admin.execute(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'").fetchone()
        tag = f"{os.getpid()}"
        self._prefix = f"opt_{tag}_"
        self._template = f"{self._prefix}tpl_postgis"
        if row:
            self._admin.execute(f'DROP DATABASE IF EXISTS "{self._template}"')
            self._admin.execute(f'CREATE DATABASE "{self._template}" TEMPLATE template0')
            with psycopg.connect(self._url_of(self._template), autocommit=True) as c:
                c.execute("CREATE EXTENSION postgis")
            self.postgis = True
        self._made: list[str] = []

    def _url_of(self, name: str) -> str:
        from urllib.parse import urlsplit, urlunsplit

        return urlunsplit(urlsplit(self.url)._replace(path="/" + name))

    def new(self, postgis: bool = False) -> str:
        if postgis and not self.postgis:
            pytest.skip("PostGIS is not available on the test PostgreSQL server")
        self._n += 1
        name = f"{self._prefix}{self._n}"
        template = self._template if postgis else "template0"
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        self._made.append(name)
        return self._url_of(name)

    def drop(self, url: str) -> None:
        from urllib.parse import urlsplit

        name = urlsplit(url).path.lstrip("/")
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._made:
            self._made.remove(name)

    def close(self) -> None:
        for name in [*self._made, self._template]:
            self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin.close()


@pytest.fixture(scope="session")
def pg_databases():
    """A :class:`PGDatabases` on $OUTPOSTS_TEST_PG or a throwaway server; skips when
    neither can be had (one line saying why)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed (pip install -e '.[postgres]')")
    server = None
    url = os.environ.get("OUTPOSTS_TEST_PG")
    if not url:
        try:
            server = _PGServer()
        except (RuntimeError, OSError) as exc:
            if os.environ.get("CI"):  # .ci/run installs the server: there, not having one fails
                pytest.fail(f"no PostgreSQL server for the tests: {exc}")
            pytest.skip(f"PostgreSQL tests skipped: {exc}")
        url = server.url
    dbs = PGDatabases(url)
    try:
        yield dbs
    finally:
        dbs.close()
        if server is not None:
            server.stop()


@pytest.fixture
def pg_url(pg_databases):
    """A URL of a fresh, empty PostgreSQL database (dropped after the test)."""
    url = pg_databases.new()
    yield url
    pg_databases.drop(url)


@pytest.fixture(params=["sqlite", "postgresql", "postgis"])
def store_url(request, tmp_path):
    """The location of a fresh store on each backend: a SQLite file, a PostgreSQL
    database, and one with PostGIS (distance queries through it)."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    dbs = request.getfixturevalue("pg_databases")
    url = dbs.new(postgis=request.param == "postgis")
    yield url
    dbs.drop(url)
