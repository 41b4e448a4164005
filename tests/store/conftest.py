"""Fixtures for the decision log: the good strategy, a log in a not-yet-existing private
directory, and a clock the test controls."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog

from .support import FakeClock


@pytest.fixture(scope="session")
def loaded(good_strategy_path: Path) -> LoadedStrategy:
    return load_strategy_file(good_strategy_path)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "private" / "lighthouse" / "lighthouse.db"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2027, 1, 4, 9, 0, tzinfo=UTC))


@pytest.fixture
def log(db_path: Path, clock: FakeClock) -> Iterator[DecisionLog]:
    with DecisionLog.open(db_path, clock=clock) as opened:
        yield opened
