"""Rescoring: the logged opportunities replayed under another strategy, with what they were
scored with then, and only the strategy changed."""

from collections.abc import Mapping
from datetime import date

import pytest

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import Cell, DecisionFact
from lighthouse_tui.core.strategy_file import load_strategy_file

from .support import GOOD, variant


@pytest.fixture(scope="module")
def good() -> LoadedStrategy:
    return load_strategy_file(GOOD)


def logged(
    loaded: LoadedStrategy,
    ident: int,
    fields: Mapping[str, object],
    ratings: Mapping[str, float],
    *,
    kind: str = "client_request",
    committed: float = 0.0,
    final: str = "accept",
    outcome: int | None = None,
) -> DecisionFact:
    """A decision as `loaded` scored it, stored the way the log stores it (JSON values)."""
    evaluation = evaluate(
        loaded, Opportunity(kind, dict(fields), dict(ratings)), committed=committed
    )  # type: ignore[arg-type]
    return DecisionFact(
        id=ident,
        day=date(2027, 1, ident),
        kind=kind,
        title=f"#{ident}",
        reflex="accept",
        verdict=evaluation.verdict,
        final=final,
        score=evaluation.score,
        outcome=outcome,
        fields=dict(fields),
        ratings=dict(ratings),
        committed=committed,
    )


def history(good: LoadedStrategy) -> list[DecisionFact]:
    return [
        # score 55: consider under good.toml (accept at 65)
        logged(good, 1, {"fee": 500.0, "hours_per_week": 5.0}, {"alignment": 3}, outcome=4),
        # score 100: accept whatever the thresholds
        logged(good, 2, {"fee": 1000.0, "hours_per_week": 0.0}, {"alignment": 5}, outcome=5),
        # declined by the capacity rule: 5 h asked, 10 − 8 free
        logged(
            good,
            3,
            {"fee": 1000.0, "hours_per_week": 5.0},
            {"alignment": 5},
            committed=8.0,
            final="decline",
            outcome=2,
        ),
        # a kind only good.toml has, and a field only good.toml has
        logged(good, 4, {"fee": 900.0, "remote": True}, {"alignment": 4}, kind="speaking"),
        logged(good, 5, {"fee": 100.0, "remote": False}, {"alignment": 1}, final="decline"),
    ]


def test_the_same_strategy_flips_nothing(good: LoadedStrategy) -> None:
    result = rescore(history(good), good)
    assert (result.replayed, result.flips, result.not_replayable) == (5, (), {})
    assert result.stayed.count == 5
    assert result.findings()[0] == (
        "0 of 5 replayed decisions would get another verdict (0 more accepting, 0 more declining)."
    )


def test_lower_accept_threshold_flips_the_consider(good: LoadedStrategy) -> None:
    result = rescore(history(good), variant(("accept = 65", "accept = 50")))
    [flip] = result.flips
    assert (flip.id, flip.then, flip.now, flip.final, flip.outcome) == (
        1,
        "consider",
        "accept",
        "accept",
        4,
    )
    assert flip.score_then == flip.score_now == pytest.approx(55)
    assert flip.more_accepting
    assert result.changes == {("consider", "accept"): Cell.of(4)}
    assert result.stayed.count == 4
    assert result.stayed.mean == pytest.approx((5 + 2) / 2)


def test_replay_uses_the_committed_hours_of_the_day(good: LoadedStrategy) -> None:
    roomier = variant(("hours_per_week = 10", "hours_per_week = 20"))
    result = rescore(history(good), roomier)
    [flip] = result.flips
    assert (flip.id, flip.then, flip.now) == (3, "decline", "accept")
    # 8 h were committed that day: with 10 h, 5 more did not fit; with 20 h they do.
    assert result.to_json()["flips"][0]["outcome"] == 2


def test_what_cannot_be_replayed_is_counted_with_the_reason(good: LoadedStrategy) -> None:
    narrower = variant(('kinds = ["speaking"]\n', ""), ('remote = "bool"\n', ""))
    result = rescore(history(good), narrower)
    assert result.replayed == 4
    assert result.not_replayable == {"kind 'speaking' is not in this strategy": 1}
    assert result.left_out == {"field 'remote' is not in this strategy": 1}


def test_new_criterion_nobody_rated_is_counted(good: LoadedStrategy) -> None:
    added = variant(
        (
            "[[rules]]",
            '[[criteria]]\nid = "speed"\nlabel = "Fast"\nweight = 1\nrating = true\n\n[[rules]]',
        )
    )
    result = rescore(history(good), added)
    assert result.missing["speed"] == 5


def test_accepts_the_new_strategy_would_decline(good: LoadedStrategy) -> None:
    """Ten accepted decisions: those with low alignment went badly. A strategy that weighs
    alignment alone would decline them, and the finding says it picks out the weaker ones."""
    facts = [
        logged(good, i, {"fee": 1000.0, "hours_per_week": 0.0}, {"alignment": a}, outcome=o)
        for i, (a, o) in enumerate(
            [(0, 1), (1, 2), (0, 1), (1, 1), (0, 2), (5, 5), (5, 4), (4, 5), (5, 5), (4, 4)],
            start=1,
        )
    ]
    strict = variant(
        ("weight = 3\nfield", "weight = 0.01\nfield"), ("weight = 2\nfield", "weight = 0.01\nfield")
    )
    result = rescore(facts, strict)
    line = result.findings()[1]
    assert line.startswith(
        "Of the 10 replayed decisions you accepted, this strategy would decline 5"
    )
    assert "(the strategies of the day declined 0)" in line
    assert (
        "those averaged 1.4 vs 4.6 for the rest (5 vs 5 rated): it picks out the weaker ones."
        in line
    )


def test_nothing_to_replay(good: LoadedStrategy) -> None:
    result = rescore([], good)
    assert result.replayed == 0
    assert result.findings() == (
        "Nothing to replay: no decision could be scored by this strategy.",
    )
    assert result.to_json()["flipped"] == {"decisions": 0, "rated": 0, "mean": None}
