"""Fixtures for the importers: the test strategy, a real decision log, and a way to run an
import in-process (fast) the way the CLI does."""

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.ingest import ImportSummary, Source, import_sources, make_options
from lighthouse_tui.store.log import DecisionLog

IMPORT_DATA = Path(__file__).parent.parent / "data" / "import"
MAIL_DIR = IMPORT_DATA / "mail"
Import = Callable[..., ImportSummary]


@pytest.fixture(scope="session")
def strategy(good_strategy_path: Path) -> Strategy:
    return load_strategy_file(good_strategy_path).strategy


@pytest.fixture
def log(tmp_path: Path) -> Iterator[DecisionLog]:
    with DecisionLog.open(tmp_path / "log" / "lighthouse.db") as opened:
        yield opened


@pytest.fixture
def run(strategy: Strategy, log: DecisionLog) -> Import:
    """Import into the test log; `dry_run=True` reads only."""

    def run(
        *sources: Source,
        kind: str | None = None,
        maps: Sequence[str] = (),
        dry_run: bool = False,
    ) -> ImportSummary:
        options = make_options(strategy, kind=kind, maps=maps)
        return import_sources(list(sources), options, inbox=None if dry_run else log)

    return run


def lines(issues: Sequence[object]) -> list[str]:
    return [str(issue) for issue in issues]
