"""Faults a user can meet with the log file: each is one exact line (`StoreError`), and the
file is left exactly as it was — a wrong `--db` must never damage someone else's data."""

import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.schema import APPLICATION_ID, LATEST, MIGRATIONS

from .support import FakeClock, counts, decide, integrity, opp, reader

HERE = Path(__file__).parent
V1_SCRIPT = HERE / "data" / "v1_log.sql"


def snapshot(path: Path) -> tuple[bytes, list[str]]:
    """A foreign file's bytes and its directory's listing (no stray -wal or -journal)."""
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def log_state(path: Path) -> tuple[bytes, bytes]:
    """A log's bytes, and the changes its write-ahead log holds. Reading a WAL log leaves an
    empty -wal and an -shm index behind (SQLite's own doing, even read-only): no data."""
    wal = Path(f"{path}-wal")
    return path.read_bytes(), wal.read_bytes() if wal.exists() else b""


def refused(path: Path, *, readonly: bool = False) -> str:
    with pytest.raises(StoreError) as caught:
        DecisionLog.open(path, readonly=readonly)
    return str(caught.value)


@pytest.fixture
def real_log(db_path: Path, clock: FakeClock, loaded: LoadedStrategy) -> Path:
    """A closed log holding a decision, an inbox item and an outcome."""
    with DecisionLog.open(db_path, clock=clock) as log:
        log.add(opp("Pending"))
        log.add_outcome(decide(log, loaded, opp("Decided")), 4)
    return db_path


@pytest.mark.parametrize(
    "content",
    [random.Random(7).randbytes(4096), b"title,fee\nAudit,900\n" * 40, b"hello\n"],
    ids=["random-bytes", "csv-text", "short-text"],
)
@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, content: bytes, readonly: bool
) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(content)
    before = snapshot(path)
    message = refused(path, readonly=readonly)
    assert message == f"{path}: not a Lighthouse decision log (file is not a database)"
    assert snapshot(path) == before


@pytest.mark.parametrize(
    "setup",
    [
        "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');",
        "PRAGMA application_id = 1234;",
        "PRAGMA application_id = 1234; PRAGMA user_version = 1;",
    ],
    ids=["tables-without-id", "another-id", "another-id-and-version"],
)
def test_another_apps_sqlite_file_is_refused_untouched(tmp_path: Path, setup: str) -> None:
    path = tmp_path / "other.sqlite"
    with closing(sqlite3.connect(path)) as db:
        db.executescript(setup)
    before = snapshot(path)
    for readonly in (False, True):
        message = refused(path, readonly=readonly)
        assert message == f"{path}: is an SQLite file, but not a Lighthouse decision log"
    assert snapshot(path) == before


def test_a_log_from_a_newer_lighthouse_is_refused_untouched(real_log: Path) -> None:
    with closing(sqlite3.connect(real_log)) as db:
        db.execute("PRAGMA user_version = 99")
    before = log_state(real_log)
    for readonly in (False, True):
        assert refused(real_log, readonly=readonly) == (
            f"{real_log}: written by a newer Lighthouse (log version 99; this one reads up to "
            f"{LATEST}): upgrade Lighthouse"
        )
    assert log_state(real_log) == before


@pytest.mark.parametrize("readonly", [False, True], ids=["read-write", "read-only"])
def test_a_directory_is_not_a_log(tmp_path: Path, readonly: bool) -> None:
    before = sorted(tmp_path.iterdir())
    assert refused(tmp_path, readonly=readonly) == f"{tmp_path}: is a directory, not a decision log"
    assert sorted(tmp_path.iterdir()) == before


def test_a_log_under_a_file_cannot_be_created(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    path = tmp_path / "file" / "lighthouse.db"
    assert refused(path) == f"{path}: cannot open the decision log: not a directory"
    assert (tmp_path / "file").read_text() == "x"


def test_reading_a_log_that_does_not_exist_creates_nothing(db_path: Path) -> None:
    assert refused(db_path, readonly=True) == (
        f"{db_path}: no decision log yet (record a decision first)"
    )
    assert not db_path.parent.exists()


WRITES: dict[str, Callable[[DecisionLog, LoadedStrategy], object]] = {
    "add": lambda log, _: log.add(opp("New")),
    "add_many": lambda log, _: log.add_many([(opp("New"), None, "k")]),
    "record": lambda log, loaded: decide(log, loaded, opp("New")),
    "record-item": lambda log, loaded: decide(log, loaded, opp("Pending"), item_id=1),
    "archive": lambda log, _: log.set_archived(1, True),
    "outcome": lambda log, _: log.add_outcome(1, 2),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_log_opened_read_only_refuses_writes_and_keeps_reading(
    real_log: Path,
    clock: FakeClock,
    loaded: LoadedStrategy,
    write: Callable[[DecisionLog, LoadedStrategy], object],
) -> None:
    real_log.chmod(0o444)  # as a user would; root ignores it, hence `readonly=True`
    before = log_state(real_log), counts(real_log)
    with DecisionLog.open(real_log, readonly=True, clock=clock) as log:
        with pytest.raises(StoreError) as caught:
            write(log, loaded)
        assert str(caught.value) == f"{real_log}: the log is read-only; nothing was recorded"
        # The failed write left no transaction open: reading still works.
        assert [r.title for r in log.decisions()] == ["Decided"]
        assert [i.title for i in log.inbox()] == ["Pending"]
        assert log.decision(1).outcomes_recorded == 1
    assert (log_state(real_log), counts(real_log)) == before


def test_a_log_locked_by_another_process_is_busy_then_usable(
    real_log: Path, loaded: LoadedStrategy
) -> None:
    before = counts(real_log)
    locker = subprocess.Popen(
        [sys.executable, str(HERE / "locker.py"), str(real_log)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None
        assert locker.stdout.readline() == "locked\n"
        with DecisionLog.open(real_log, busy_timeout=0.2) as log:
            assert [r.title for r in log.decisions()] == ["Decided"]  # readers are not blocked
            started = time.monotonic()
            with pytest.raises(StoreError) as caught:
                decide(log, loaded, opp("While locked"))
            waited = time.monotonic() - started
            assert str(caught.value) == (
                f"{real_log}: the log is busy: another program has held it for over 0.2 s;"
                " try again"
            )
            # It waited for the lock, for the time it was given (the default is 5 s).
            assert 0.15 <= waited < 3
            assert counts(real_log) == before
            assert locker.stdin is not None
            locker.stdin.close()
            assert locker.wait(timeout=10) == 0
            ident = decide(log, loaded, opp("After the lock"))
            assert log.decision(ident).title == "After the lock"
    finally:
        locker.kill()
        locker.wait()
    assert counts(real_log) == {**before, "opportunities": 3, "decisions": 2}


def build_v1_log(path: Path) -> None:
    """A log as version 1 wrote it: only the first migration, then rows in v1's shape."""
    with closing(sqlite3.connect(path)) as db:
        db.executescript(";\n".join(MIGRATIONS[0]))
        db.executescript(V1_SCRIPT.read_text(encoding="utf-8"))


def test_an_old_log_is_migrated_to_the_latest_version(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    build_v1_log(path)
    with DecisionLog.open(path) as log:
        workshop, webinar = log.decision(1), log.decision(2)
        assert (workshop.kind, workshop.hours_per_week, workshop.weeks) == (
            "client_request",
            6.0,
            8.0,
        )
        assert (webinar.kind, webinar.hours_per_week, webinar.weeks) == (
            "partner_offer",
            None,
            None,
        )
        assert workshop.note == "fits the lighthouse"
        assert workshop.evaluation == {"verdict": "accept", "score": 71.5, "provisional": False}
        assert (webinar.outcome, webinar.outcomes_recorded) == (None, 0)
        assert [(c.start.isoformat(), c.hours_per_week, c.weeks) for c in log.commitments()] == [
            ("2026-06-01", 6.0, 8.0)
        ]
        assert [i.title for i in log.inbox()] == ["Conference booth"]
        source, content = log.strategy_version(workshop.fingerprint)
        assert source == "strategy.toml"
        assert content.startswith(b'schema = 1\nname = "Coaching 2026"\n')
        # What version 2 added works on the migrated log.
        log.add_outcome(1, 5, "renewed")
        assert log.decision(1).outcomes_recorded == 1
    with reader(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert integrity(path) == ["ok"]


def test_a_migration_whose_statements_hold_semicolons_applies(
    db_path: Path, clock: FakeClock, loaded: LoadedStrategy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A trigger's body and a string literal hold `;`: a migration is run statement by
    statement as written, never split on it."""
    later = (
        "CREATE TABLE outcome_notes (note TEXT NOT NULL CHECK (note <> ';'))",
        """CREATE TRIGGER outcome_noted AFTER INSERT ON outcomes BEGIN
            INSERT INTO outcome_notes (note) VALUES ('rated; ' || NEW.rating);
            INSERT INTO outcome_notes (note) VALUES ('twice; really');
        END""",
    )
    monkeypatch.setattr("lighthouse_tui.store.log.MIGRATIONS", (*MIGRATIONS, later))
    monkeypatch.setattr("lighthouse_tui.store.log.LATEST", LATEST + 1)
    with DecisionLog.open(db_path, clock=clock) as log:
        log.add_outcome(decide(log, loaded, opp("Decided")), 4)
    with reader(db_path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST + 1
        notes = db.execute("SELECT note FROM outcome_notes ORDER BY rowid").fetchall()
    assert notes == [("rated; 4",), ("twice; really",)]


def test_every_migration_is_a_tuple_of_statements() -> None:
    """A migration written as one script would be run character by character."""
    for migration in MIGRATIONS:
        assert isinstance(migration, tuple), migration
        assert all(isinstance(statement, str) and statement.strip() for statement in migration)


def test_an_old_log_opened_read_only_asks_for_an_upgrade_untouched(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    build_v1_log(path)
    before = snapshot(path)
    assert refused(path, readonly=True) == (
        f"{path}: needs an upgrade (log version 1 → {LATEST}); run a command that writes, such"
        " as `lighthouse inbox`, with write access"
    )
    assert snapshot(path) == before


def test_a_log_missing_only_new_indexes_is_read_as_it_is_then_migrated_by_a_writer(
    tmp_path: Path,
) -> None:
    """Version 3 only adds an index: `check` and `log` must not refuse a version-2 log, nor
    touch it; the next command that writes brings it up to date."""
    path = tmp_path / "v2.db"
    build_v1_log(path)
    with closing(sqlite3.connect(path)) as db:
        db.executescript(";\n".join([*MIGRATIONS[1], "PRAGMA user_version = 2"]))
    before = snapshot(path)
    with DecisionLog.open(path, readonly=True) as log:
        running = log.commitments(date(2026, 6, 10))
        assert [(c.start.isoformat(), c.hours_per_week) for c in running] == [("2026-06-01", 6.0)]
    assert snapshot(path) == before
    with DecisionLog.open(path) as log:
        assert log.commitments(date(2026, 9, 1)) == []
    with reader(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST
        columns = [row[2] for row in db.execute("PRAGMA index_info(decisions_commitments)")]
        assert columns == ["final_choice", "decided_at", "weeks", "hours_per_week"]
