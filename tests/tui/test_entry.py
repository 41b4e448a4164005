"""`lighthouse` with no command opens the app on the log that `--db` or `$LIGHTHOUSE_DB`
names, as every other command does."""

from pathlib import Path

import pytest

from lighthouse_tui import entry
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.tui import app


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The log each app run was given, instead of running it."""
    logs: list[Path] = []

    def run(_location: StrategyLocation, db: Path) -> int:
        logs.append(db)
        return 0

    monkeypatch.setattr(app, "run", run)
    return logs


def test_db_flag_reaches_the_app(opened: list[Path]) -> None:
    assert entry.main(["--db", "/tmp/flag.db"]) == 0
    assert opened == [Path("/tmp/flag.db")]


def test_environment_reaches_the_app(opened: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIGHTHOUSE_DB", "/tmp/env.db")
    assert entry.main([]) == 0
    assert opened == [Path("/tmp/env.db")]


def test_a_crash_is_exit_70_not_a_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app, "run", lambda _location, _db: 1)
    assert entry.main([]) == 70
