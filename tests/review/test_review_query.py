"""The review tallied in SQL gives the review of the decoded facts, whatever the log holds:
random logs in several time zones, corrected outcomes, criteria the strategy no longer has,
evaluations of other shapes; and the criteria of the logs written before the narrow table
are read back from their evaluations exactly as a review reads them."""

import json
import random
import sqlite3
from collections import Counter
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.period import Period, all_time
from lighthouse_tui.core.review import Review, review
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.days import LocalDays
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.records import valued_criteria
from lighthouse_tui.store.review_source import read_facts, review_log

from .support import GOOD, variant

TODAY = date(2027, 6, 1)
KINDS = ("client_request", "partner_offer", "speaking")
ODD_EVALUATIONS = (
    "{}",
    '{"criteria": {"a": 1}}',
    '{"criteria": [1, null, "x", {"id": 3, "value": 0.5}, {"id": "b", "value": true}]}',
    '{"criteria": [{"id": "c", "value": 2}, {"id": "d", "value": "0.5"}, {"id": "e"}]}',
    '{"criteria": [{"id": "f", "value": NaN}, {"id": "g", "value": 0.25}]}',
    '{"criteria": [{"id": "h", "value": 1e999}, {"id": "i", "value": -0.5}]}',
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _strategies() -> tuple[LoadedStrategy, LoadedStrategy]:
    earlier = variant(
        (
            "[[rules]]",
            '[[criteria]]\nid = "speed"\nlabel = "Fast"\nweight = 1\nrating = true\n\n[[rules]]',
        ),
        name="earlier.toml",
    )
    return earlier, load_strategy_file(GOOD)


def _random_log(path: Path, rng: random.Random, count: int) -> None:
    """`count` decisions at random moments over two years (several in one hour, some at the
    same microsecond), by two strategy versions, about half rated, some rated twice."""
    earlier, current = _strategies()
    clock = Clock(datetime(2025, 6, 1, tzinfo=UTC))
    with DecisionLog.open(path, clock=clock) as log:
        for n in range(count):
            if rng.random() > 0.1:
                clock.now += timedelta(minutes=rng.choice([1, 7, 50, 300, 1440, 4000]))
            loaded = earlier if n < count // 2 else current
            opportunity = Opportunity(
                rng.choice(KINDS),
                {
                    "title": f"Item {n}",
                    "fee": float(rng.randrange(0, 3000, 100)),
                    "hours_per_week": float(rng.choice([0, 1, 3])),
                    "weeks": float(rng.choice([1, 4, 12])),
                },
                {
                    c: float(rng.randint(0, 5))
                    for c in ("alignment", "posture", "speed")
                    if rng.random() < 0.8
                },
            )
            ident = log.record(
                opportunity=opportunity,
                evaluation=evaluate(loaded, opportunity, committed=rng.choice([0.0, 4.0])),
                strategy=loaded,
                default_choice=rng.choice(("accept", "decline", "unsure")),
                final_choice=rng.choice(("accept", "accept", "decline", "defer")),
            )
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                log.add_outcome(ident, rng.randint(1, 5))


def _slow(log: DecisionLog, period: Period) -> Review:
    """The review as every version before the tally computed it: from decoded facts."""
    current = load_strategy_file(GOOD)
    facts = read_facts(log, period.start, period.end)
    return review(facts, current.strategy, period, TODAY, log.commitments(period.start))


PERIODS = (
    all_time(),
    Period(date(2026, 1, 1), date(2026, 12, 31), "2026"),
    Period(date(2026, 3, 23), date(2026, 3, 29), "a week"),
    Period(date(2030, 1, 1), date(2030, 2, 1), "nothing"),
)


@pytest.mark.parametrize("zone", ["UTC", "Europe/Paris", "Asia/Kolkata", "America/St_Johns"])
@pytest.mark.parametrize("seed", [1, 2])
def test_the_tally_gives_the_review_of_the_facts(
    tmp_path: Path, local_timezone: Callable[[str], None], zone: str, seed: int
) -> None:
    local_timezone(zone)
    path = tmp_path / "log.db"
    _random_log(path, random.Random(seed), 300)
    current = load_strategy_file(GOOD)
    with DecisionLog.open(path, readonly=True) as log:
        for period in PERIODS:
            fast = review_log(log, current.strategy, period, TODAY)
            assert fast.to_json() == _slow(log, period).to_json()
            assert fast == _slow(log, period)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/St_Johns"])
def test_commitments_counted_in_sql_are_the_commitments(
    tmp_path: Path, local_timezone: Callable[[str], None], zone: str
) -> None:
    """What the review sweeps: each distinct commitment with how many times it was made, on
    the user's days, with or without the long-finished ones."""
    local_timezone(zone)
    path = tmp_path / "log.db"
    _random_log(path, random.Random(5), 200)
    with DecisionLog.open(path, readonly=True) as log:
        assert any(n > 1 for n in log.commitment_counts().values())
        for running_on in (None, date(2026, 1, 1), date(2026, 9, 14), TODAY):
            assert log.commitment_counts(running_on) == Counter(log.commitments(running_on))


def _downgrade(path: Path) -> None:
    """The log as Lighthouse left it before `decision_criteria`."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP TABLE decision_criteria")
        db.execute("DROP INDEX decisions_tally")
        db.execute("PRAGMA user_version = 4")
        db.commit()


def _criteria_rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT * FROM decision_criteria ORDER BY 1, 2").fetchall()


def test_the_upgrade_reads_the_criteria_as_recording_writes_them(tmp_path: Path) -> None:
    path = tmp_path / "log.db"
    _random_log(path, random.Random(3), 60)
    recorded = _criteria_rows(path)
    assert recorded
    with closing(sqlite3.connect(path)) as db:
        evaluations = db.execute("SELECT id, evaluation FROM decisions ORDER BY id").fetchall()
    _downgrade(path)
    DecisionLog.open(path).close()
    assert _criteria_rows(path) == recorded
    assert recorded == [
        (ident, *valued)
        for ident, text in evaluations
        for valued in valued_criteria(json.loads(text))
    ]


@pytest.mark.parametrize("evaluation", ODD_EVALUATIONS)
def test_the_upgrade_skips_entries_of_another_shape_as_the_review_does(
    tmp_path: Path, evaluation: str
) -> None:
    path = tmp_path / "log.db"
    _random_log(path, random.Random(4), 3)
    _downgrade(path)
    with closing(sqlite3.connect(path)) as db:
        db.execute("UPDATE decisions SET evaluation = ? WHERE id = 2", (evaluation,))
        db.commit()
    DecisionLog.open(path).close()
    rows = [row[1:] for row in _criteria_rows(path) if row[0] == 2]
    expected = valued_criteria(json.loads(evaluation))
    if "NaN" in evaluation:  # not JSON to SQLite: the whole evaluation is left out
        expected = []
    assert rows == expected


def test_a_log_opened_read_only_before_its_upgrade_is_reviewed_from_its_evaluations(
    tmp_path: Path,
) -> None:
    path = tmp_path / "log.db"
    _random_log(path, random.Random(5), 80)
    with DecisionLog.open(path, readonly=True) as log:
        expected = review_log(log, load_strategy_file(GOOD).strategy, all_time(), TODAY)
    _downgrade(path)
    with DecisionLog.open(path, readonly=True) as log:
        assert review_log(log, load_strategy_file(GOOD).strategy, all_time(), TODAY) == expected


@pytest.mark.parametrize(
    "zone", ["UTC", "Europe/Paris", "Asia/Kolkata", "Australia/Lord_Howe", "America/St_Johns"]
)
def test_local_days_are_those_of_astimezone(
    local_timezone: Callable[[str], None], zone: str
) -> None:
    """Every 17 minutes over a year, across the changes of offset."""
    local_timezone(zone)
    local = LocalDays()
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    for _ in range(365 * 24 * 60 // 17):
        stored = moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        assert local(stored) == moment.astimezone().date(), stored
        moment += timedelta(minutes=17, microseconds=1)
