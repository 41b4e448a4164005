"""From the log to decision facts: what each fact takes from a stored decision, and a review
over decisions scored by two versions of the strategy."""

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.period import all_time
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.review_source import read_facts, review_log, stored_criteria

from .support import GOOD, variant


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 4, 20, 30, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def log(tmp_path: Path, clock: Clock) -> Iterator[DecisionLog]:
    with DecisionLog.open(tmp_path / "data" / "lighthouse.db", clock=clock) as opened:
        yield opened


@pytest.fixture(scope="module")
def good() -> LoadedStrategy:
    return load_strategy_file(GOOD)


def record(
    log: DecisionLog,
    loaded: LoadedStrategy,
    opportunity: Opportunity,
    committed: float = 0.0,
    **choices: Any,
) -> int:
    return log.record(
        opportunity=opportunity,
        evaluation=evaluate(loaded, opportunity, committed=committed),
        strategy=loaded,
        default_choice=choices.get("default", "accept"),
        final_choice=choices.get("final", "accept"),
    )


AUDIT = Opportunity(
    "client_request",
    {
        "title": "Audit | *urgent*",
        "fee": 500.0,
        "hours_per_week": 2.0,
        "weeks": 4.0,
        "remote": True,
    },
    {"alignment": 4.0},
)


def test_a_fact_holds_what_the_review_and_rescore_need(
    log: DecisionLog, good: LoadedStrategy, clock: Clock, local_timezone: Callable[[str], None]
) -> None:
    local_timezone("Pacific/Auckland")  # 20:30 UTC on the 4th is the 5th there
    ident = record(log, good, AUDIT, committed=3.0, default="unsure", final="decline")
    log.add_outcome(ident, 2)
    log.add_outcome(ident, 4)  # a correction: the latest counts
    [fact] = read_facts(log)
    assert fact.id == ident
    assert fact.day == date(2027, 1, 5)
    assert (fact.kind, fact.title) == ("client_request", "Audit | *urgent*")
    assert (fact.reflex, fact.verdict, fact.final) == ("unsure", "accept", "decline")
    assert fact.score == pytest.approx(71)  # (5 × 0.8 + 3 × 0.5 + 2 × 0.8) / 10
    assert fact.outcome == 4
    assert dict(fact.criteria) == pytest.approx({"alignment": 0.8, "fee": 0.5, "load": 0.8})
    assert (fact.hours_per_week, fact.weeks, fact.committed) == (2.0, 4.0, 3.0)
    assert fact.fields == {
        "title": "Audit | *urgent*",
        "fee": 500.0,
        "hours_per_week": 2.0,
        "weeks": 4.0,
        "remote": True,
    }
    assert fact.ratings == {"alignment": 4.0}
    assert fact.strategy == good.fingerprint


def test_no_log_no_facts() -> None:
    assert read_facts(None) == []


def test_since_and_until_are_days_included(
    log: DecisionLog, good: LoadedStrategy, clock: Clock
) -> None:
    for _ in range(5):
        record(log, good, AUDIT)
        clock.now += timedelta(days=1)
    days = [f.day for f in read_facts(log, date(2027, 1, 5), date(2027, 1, 7))]
    assert days == [date(2027, 1, 5), date(2027, 1, 6), date(2027, 1, 7)]


@pytest.mark.parametrize(
    "evaluation",
    [
        {},
        {"criteria": None},
        {"criteria": "alignment"},
        {"criteria": [1, None, "x", []]},
        {"criteria": [{"id": 3, "value": 0.5}, {"id": "a"}, {"value": 0.5}]},
        {"criteria": [{"id": "a", "value": True}, {"id": "b", "value": "0.5"}]},
        {"criteria": [{"id": "a", "value": float("nan")}, {"id": "b", "value": None}]},
    ],
)
def test_stored_criteria_of_another_shape_give_no_values(evaluation: dict[str, Any]) -> None:
    assert stored_criteria(evaluation) == ()


def test_stored_criteria_keep_valued_ones() -> None:
    evaluation = {"criteria": [{"id": "a", "value": 1}, {"id": "b", "value": None}]}
    assert stored_criteria(evaluation) == (("a", 1.0),)


def test_old_criteria_keep_their_own_counts(
    log: DecisionLog, good: LoadedStrategy, clock: Clock
) -> None:
    """Decisions scored by an earlier version with a criterion since removed: the review
    lists it with the pairs its own evaluations stored, beside today's criteria."""
    earlier = variant(
        (
            "[[rules]]",
            '[[criteria]]\nid = "speed"\nlabel = "Fast"\nweight = 1\nrating = true\n\n[[rules]]',
        ),
        name="earlier.toml",
    )
    for n in range(10):
        opportunity = Opportunity(
            "client_request",
            {"title": f"Old {n}", "fee": 100.0 * n, "hours_per_week": 0.0},
            {"alignment": 3.0, "speed": float(n % 6)},
        )
        log.add_outcome(record(log, earlier, opportunity), 1 + n % 5)
        clock.now += timedelta(hours=1)
    for n in range(3):
        log.add_outcome(record(log, good, AUDIT), 3 + n % 2)
    result = review_log(log, good.strategy, all_time(), date(2027, 2, 1))
    stats = {s.id: s for s in result.criteria}
    assert list(stats) == ["alignment", "fee", "load", "posture", "speed"]
    assert (stats["speed"].label, stats["speed"].pairs) == (None, 10)
    assert stats["fee"].pairs == 13
    assert result.counts.strategy_versions == 2
