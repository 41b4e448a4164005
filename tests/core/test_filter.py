"""The filter, against verdicts computed by hand from tests/data/strategies/good.toml."""

import gc
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core import i18n
from lighthouse_tui.core.filter import PLANS, evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.strategy_file import load_strategy_file


@pytest.fixture(scope="module")
def loaded(good_strategy_path: Path) -> LoadedStrategy:
    return load_strategy_file(good_strategy_path)


def opp(
    kind: str = "client_request", ratings: dict[str, float] | None = None, **values: object
) -> Opportunity:
    return Opportunity(kind=kind, values={"title": "t", **values}, ratings=ratings or {})  # type: ignore[arg-type]


def test_score_exactly_at_accept_threshold_accepts(loaded: LoadedStrategy) -> None:
    # alignment 4/5 → 0.8 × 5; fee 500 of 1000 → 0.5 × 3; 5 h of worst 10 best 0 → 0.5 × 2
    result = evaluate(
        loaded, opp(ratings={"alignment": 4}, fee=500.0, hours_per_week=5.0, weeks=4.0)
    )
    assert result.score == pytest.approx(65.0)
    assert result.verdict == "accept"
    assert not result.provisional
    assert result.rated_weight == 1.0
    assert [(c.id, c.value) for c in result.criteria] == [
        ("alignment", pytest.approx(0.8)),
        ("fee", pytest.approx(0.5)),
        ("load", pytest.approx(0.5)),
    ]
    assert [c.points for c in result.criteria] == [
        pytest.approx(40),
        pytest.approx(15),
        pytest.approx(10),
    ]


def test_between_thresholds_is_consider(loaded: LoadedStrategy) -> None:
    result = evaluate(
        loaded, opp(ratings={"alignment": 3}, fee=500.0, hours_per_week=5.0, weeks=4.0)
    )
    assert result.score == pytest.approx(55.0)
    assert result.verdict == "consider"


def test_low_score_declines(loaded: LoadedStrategy) -> None:
    result = evaluate(
        loaded, opp(ratings={"alignment": 0}, fee=0.0, hours_per_week=10.0, weeks=1.0)
    )
    assert result.score == 0
    assert result.verdict == "decline"


def test_a_waiting_flag_cannot_change_the_verdict(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp(ratings={"alignment": 4}, fee=500.0, hours_per_week=5.0))
    assert result.verdict == "accept"
    assert [(r.id, r.needs) for r in result.waiting] == [("long", ("weeks",))]
    assert not result.provisional


def test_a_waiting_decline_rule_makes_the_verdict_provisional(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp(ratings={"alignment": 5}, fee=1000.0, weeks=2.0))
    assert result.verdict == "accept"
    assert [(r.id, r.then, r.needs) for r in result.waiting] == [
        ("no-capacity", "decline", ("hours_per_week",))
    ]
    assert result.provisional


def test_decline_rule_beats_a_high_score(loaded: LoadedStrategy) -> None:
    result = evaluate(
        loaded,
        opp(ratings={"alignment": 5}, fee=1000.0, hours_per_week=5.0, weeks=2.0),
        committed=6.0,
    )
    assert result.score == pytest.approx(90.0)
    assert result.verdict == "decline"
    assert [(r.id, r.reason) for r in result.rules] == [("no-capacity", "Not enough free hours")]
    assert result.capacity.available == 4.0
    assert result.capacity.after == -1.0


def test_accept_rule_and_kind_specific_criterion(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp("partner_offer", {"alignment": 4, "posture": 5}))
    # rated: alignment 0.8 × 5, posture 1.0 × 4 over weight 9; fee and load missing
    assert result.score == pytest.approx(800 / 9)
    assert result.missing == ("fee", "load")
    assert result.rated_weight == pytest.approx(9 / 14)
    assert [r.id for r in result.rules] == ["dream-partner"]
    assert result.verdict == "accept"
    assert result.provisional


def test_posture_does_not_apply_to_client_requests(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp(ratings={"alignment": 5, "posture": 0}))
    assert "posture" not in [c.id for c in result.criteria]
    assert result.score == 100


def test_nothing_rated_gives_null_score_and_consider(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp())
    assert result.score is None
    assert result.verdict == "consider"
    assert result.provisional
    assert result.rated_weight == 0
    assert result.capacity.after is None


def test_field_values_are_clamped(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp(fee=5000.0, hours_per_week=40.0))
    values = {c.id: c.value for c in result.criteria}
    assert values["fee"] == 1.0
    assert values["load"] == 0.0


def test_flag_rule_warns_without_changing_verdict(loaded: LoadedStrategy) -> None:
    base = {"fee": 500.0, "hours_per_week": 5.0}
    short = evaluate(loaded, opp(ratings={"alignment": 4}, weeks=4.0, **base))
    long = evaluate(loaded, opp(ratings={"alignment": 4}, weeks=30.0, **base))
    assert short.verdict == long.verdict == "accept"
    assert [r.id for r in long.flags] == ["long"]
    assert short.flags == ()


def test_json_shape(loaded: LoadedStrategy) -> None:
    data = evaluate(loaded, opp(ratings={"alignment": 4}, fee=500.0)).to_json()
    assert set(data) == {
        "verdict",
        "score",
        "min_rated",
        "under_rated",
        "reason",
        "provisional",
        "rated_weight",
        "kind",
        "criteria",
        "rules",
        "waiting",
        "missing",
        "capacity",
        "strategy",
    }
    assert set(data["criteria"][0]) == {"id", "label", "weight", "value", "points"}
    assert data["capacity"] == {
        "hours_per_week": 10.0,
        "committed": 0.0,
        "available": 10.0,
        "after": None,
    }
    assert data["strategy"] == {"name": "Test coaching", "fingerprint": loaded.fingerprint}


def test_evaluation_is_pure(loaded: LoadedStrategy) -> None:
    o = opp("partner_offer", {"alignment": 2, "posture": 3}, fee=300.0, weeks=40.0)
    assert evaluate(loaded, o, 3.0) == evaluate(loaded, o, 3.0)


ratings_st = st.fixed_dictionaries(
    {},
    optional={
        "alignment": st.integers(0, 5).map(float),
        "posture": st.floats(0, 5, allow_nan=False),
    },
)
numbers = st.floats(-1e6, 1e6, allow_nan=False)
values_st = st.fixed_dictionaries(
    {}, optional={"fee": numbers, "hours_per_week": numbers, "weeks": numbers}
)
kinds = st.sampled_from(["client_request", "partner_offer", "opportunity", "speaking"])


@settings(max_examples=300, deadline=None)
@given(kind=kinds, ratings=ratings_st, values=values_st, committed=st.floats(0, 100))
def test_score_bounded_and_points_sum_to_score(
    loaded: LoadedStrategy,
    kind: str,
    ratings: dict[str, float],
    values: dict[str, float],
    committed: float,
) -> None:
    result = evaluate(loaded, Opportunity(kind, values, ratings), committed)
    if result.score is None:
        assert all(c.value is None for c in result.criteria)
        return
    assert 0 <= result.score <= 100
    assert sum(c.points for c in result.criteria) == pytest.approx(result.score)
    assert 0 < result.rated_weight <= 1


@settings(max_examples=300, deadline=None)
@given(
    kind=kinds,
    ratings=ratings_st,
    values=values_st,
    criterion=st.sampled_from(["alignment", "posture"]),
    low=st.floats(0, 5),
    high=st.floats(0, 5),
)
def test_score_is_monotonic_in_each_rating(
    loaded: LoadedStrategy,
    kind: str,
    ratings: dict[str, float],
    values: dict[str, float],
    criterion: str,
    low: float,
    high: float,
) -> None:
    low, high = sorted((low, high))
    worse = evaluate(loaded, Opportunity(kind, values, {**ratings, criterion: low}))
    better = evaluate(loaded, Opportunity(kind, values, {**ratings, criterion: high}))
    assert worse.score is None or better.score is not None
    if worse.score is not None and better.score is not None:
        assert better.score >= worse.score - 1e-9


def test_plans_are_cached_per_kind(loaded: LoadedStrategy) -> None:
    first = evaluate(loaded, opp("partner_offer"))
    assert PLANS.of(loaded)["partner_offer"] is first.plan
    assert evaluate(loaded, opp("partner_offer")).plan is first.plan


def test_a_loaded_strategy_holds_nothing_mutable(loaded: LoadedStrategy) -> None:
    """`frozen` means it: the filter keeps its plans beside the strategy, not inside it."""
    evaluate(loaded, opp("partner_offer"))
    for part in fields(loaded):
        assert not isinstance(getattr(loaded, part.name), dict | list | set), part.name


def test_plans_go_with_their_strategy(good_strategy_path: Path) -> None:
    """A strategy reloaded again and again (the app does on every save) leaves no plans."""
    before = len(PLANS)
    reloaded = load_strategy_file(good_strategy_path)
    evaluate(reloaded, opp("partner_offer"))
    assert len(PLANS) == before + 1
    del reloaded
    gc.collect()
    assert len(PLANS) == before


def test_the_reason_names_the_threshold_crossed(loaded: LoadedStrategy) -> None:
    full = {"fee": 500.0, "hours_per_week": 5.0, "weeks": 4.0}
    reasons = [evaluate(loaded, opp(ratings={"alignment": a}, **full)).reason for a in (4, 3, 0)]
    assert reasons == ["score 65 ≥ 65", "score 55, between 40 and 65", "score 25 < 40"]


def test_a_sliver_of_rated_weight_cannot_decide(loaded: LoadedStrategy) -> None:
    """fee alone is 30% of the weight: a top fee is no accept, a zero fee no decline."""
    for fee in (1000.0, 0.0):
        result = evaluate(loaded, opp(fee=fee))
        assert (result.verdict, result.under_rated) == ("consider", True)
        assert result.reason == "only 30% of the weight rated (needs 50%)"
        data = result.to_json()
        assert (data["min_rated"], data["under_rated"], data["reason"]) == (
            0.5,
            True,
            result.reason,
        )
    half = evaluate(loaded, opp(ratings={"alignment": 5}))
    assert (half.verdict, half.under_rated, half.reason) == ("accept", False, "score 100 ≥ 65")


def test_a_rule_decides_however_little_is_rated(loaded: LoadedStrategy) -> None:
    result = evaluate(loaded, opp(hours_per_week=30.0))
    assert result.verdict == "decline"
    assert result.under_rated
    assert result.reason == "Not enough free hours"


def test_the_score_shown_never_contradicts_the_threshold(loaded: LoadedStrategy) -> None:
    from lighthouse_tui.core.filter import _digits, _plain

    assert [_plain(s, _digits(s, 65, 40)) for s in (64.6, 64.96, 65.0, 39.97, 52.4)] == [
        "64.6",
        "64.96",
        "65",
        "39.97",
        "52",
    ]


@settings(max_examples=500, deadline=None)
@given(
    score=st.floats(min_value=0, max_value=100) | st.sampled_from([39.995, 64.9995, 64.95]),
    bounds=st.lists(st.integers(min_value=0, max_value=100), min_size=2, max_size=2),
    language=st.sampled_from(i18n.LANGUAGES),
)
def test_the_score_as_shown_and_as_stored_stays_on_its_side_of_each_threshold(
    score: float, bounds: list[int], language: i18n.Language
) -> None:
    """A 39.995 must never be explained as "score 40 < 40": the number written, read back, is
    on the same side of each threshold as the score, in the log (`_plain`) and on screen."""
    from lighthouse_tui.core.filter import _digits, _localized, _plain

    digits = _digits(score, *bounds)
    i18n.activate(language)
    group, mark, _ = i18n.NUMBER_MARKS[language]
    for written in (_plain(score, digits), _localized(score, digits)):
        read = float(written.replace(group, "").replace(mark, "."))
        assert all((read >= bound) == (score >= bound) for bound in bounds), written
