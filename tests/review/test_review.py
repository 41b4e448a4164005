"""Review statistics on hand-made histories, each number worked out by hand in the comments."""

import json
import math
import random
from collections import Counter
from datetime import date, timedelta

import pytest

from lighthouse_tui.core.capacity import Commitment, weekly_load
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.period import Period, all_time, parse_period
from lighthouse_tui.core.review import (
    MIN_PAIRS,
    Cell,
    DecisionFact,
    Review,
    _critical_t,
    differ,
    ranks,
    review,
    significant,
    spearman,
)
from lighthouse_tui.core.strategy_file import load_strategy_file

from .support import GOOD, TODAY, fact


@pytest.fixture(scope="module")
def loaded() -> LoadedStrategy:
    return load_strategy_file(GOOD)


def run(
    loaded: LoadedStrategy,
    facts: list[DecisionFact],
    period: Period | None = None,
    commitments: list[Commitment] | None = None,
) -> Review:
    return review(facts, loaded.strategy, period or all_time(), TODAY, commitments or [])


# (reflex, verdict, final, outcome) of eight decisions covering every combination that matters.
SMALL = [
    ("accept", "accept", "accept", 5),  # agreed, followed
    ("accept", "decline", "accept", 2),  # disagreed, overrode: accepted a decline (reflex)
    ("accept", "decline", "decline", 4),  # disagreed, followed the filter
    ("decline", "accept", "decline", 1),  # disagreed, overrode: declined an accept (reflex)
    ("unsure", "accept", "accept", None),  # unsure: neither agreed nor disagreed
    ("decline", "consider", "defer", None),  # consider: counted apart
    ("decline", "decline", "decline", 3),  # agreed, followed
    ("accept", "consider", "accept", 4),  # consider: counted apart
]


@pytest.fixture
def small(loaded: LoadedStrategy) -> Review:
    facts = [
        fact(i, reflex=r, verdict=v, final=f, outcome=o, kind="partner_offer" if i % 3 else "x")
        for i, (r, v, f, o) in enumerate(SMALL, start=1)
    ]
    return run(loaded, facts)


def test_counts(small: Review) -> None:
    c = small.counts
    assert (c.decisions, c.rated) == (8, 6)
    assert c.by_kind == {"partner_offer": 6, "x": 2}
    assert c.by_final == {"accept": 4, "decline": 3, "defer": 1}
    assert c.by_reflex == {"accept": 4, "decline": 3, "unsure": 1}
    assert c.by_verdict == {"accept": 3, "decline": 3, "consider": 2}
    assert c.strategy_versions == 1


def test_agreement_counts_unsure_and_consider_apart(small: Review) -> None:
    a = small.agreement
    assert (a.agreed, a.disagreed, a.reflex_unsure, a.filter_consider) == (2, 3, 1, 2)
    assert a.agreed + a.disagreed + a.reflex_unsure + a.filter_consider == 8


def test_overrides_each_way(small: Review) -> None:
    o = small.overrides
    assert (o.clear_verdicts, o.followed, o.accept_declined, o.decline_accepted) == (6, 4, 1, 1)


def test_outcome_grid(small: Review) -> None:
    grid = small.outcomes
    assert grid.cell("accept", "accept") == Cell.of(5) + Cell.of(None)
    assert (grid.cell("accept", "accept").count, grid.cell("accept", "accept").rated) == (2, 1)
    assert grid.cell("accept", "accept").mean == 5
    assert grid.cell("accept", "decline").mean == 1
    assert grid.cell("decline", "accept").mean == 2
    assert grid.cell("decline", "decline").mean == 3.5
    assert grid.diagonal().count == 4  # followed the filter
    assert grid.off_diagonal().count == 2  # went against it


def test_reflex_against_filter(small: Review) -> None:
    grid = small.reflex_vs_filter
    assert grid.cell("accept", "reflex").mean == 2  # decision 2
    assert grid.cell("accept", "filter").mean == 4  # decision 3
    assert grid.cell("decline", "reflex").mean == 1  # decision 4
    assert grid.cell("decline", "filter").count == 0
    assert grid.column("filter") == Cell.of(4)
    assert (grid.column("reflex").count, grid.column("reflex").mean) == (2, 1.5)


def test_small_review_is_explained_not_overclaimed(small: Review) -> None:
    text = " ".join(small.findings)
    assert "Too few rated outcomes to compare following the filter" in text
    assert "Not enough rated outcomes yet (6 of 8)" in text
    assert "did better" not in text
    assert "Your reflex agreed with the filter on 2 of 5 clear calls (40%)" in text


def test_period_filters_and_json_round_trips(loaded: LoadedStrategy) -> None:
    facts = [fact(1, day=date(2026, 12, 31)), fact(2, day=date(2027, 1, 1)), fact(3)]
    result = run(loaded, facts, parse_period("2027-01", today=TODAY, horizon=None))
    assert result.counts.decisions == 2
    data = json.loads(json.dumps(result.to_json()))
    assert data["period"] == {"label": "2027-01", "start": "2027-01-01", "end": "2027-01-31"}
    assert data["counts"]["decisions"] == 2
    assert data["outcomes"]["accept"]["accept"] == {"decisions": 2, "rated": 0, "mean": None}
    assert set(data) == {
        "period",
        "today",
        "horizon",
        "counts",
        "agreement",
        "overrides",
        "outcomes",
        "reflex_vs_filter",
        "criteria",
        "capacity",
        "outcomes_due",
        "findings",
    }


def _conflicts(filter_outcomes: list[int], reflex_outcomes: list[int]) -> list[DecisionFact]:
    """Reflex accept, filter decline; followed the filter (declined) or the reflex."""
    made = [
        fact(i, reflex="accept", verdict="decline", final="decline", outcome=o)
        for i, o in enumerate(filter_outcomes)
    ]
    made += [
        fact(100 + i, reflex="accept", verdict="decline", final="accept", outcome=o)
        for i, o in enumerate(reflex_outcomes)
    ]
    return made


def test_filter_against_reflex_finding(loaded: LoadedStrategy) -> None:
    result = run(loaded, _conflicts([4, 4, 5, 4, 4], [2, 3, 2, 2, 3]))
    assert (
        "When you followed the filter against your reflex, outcomes averaged 4.2 vs 2.4 when "
        "you followed your reflex (5 vs 5 rated): the filter did better." in result.findings
    )


def test_close_means_are_not_called(loaded: LoadedStrategy) -> None:
    result = run(loaded, _conflicts([3, 4, 2, 5, 3], [4, 2, 3, 3, 5]))
    assert any("too close to call" in line for line in result.findings)
    assert not any("did better" in line or "did worse" in line for line in result.findings)


def test_thin_comparison_says_so(loaded: LoadedStrategy) -> None:
    result = run(loaded, _conflicts([5, 5, 5], [1, 1]))
    assert any(
        "Too few rated outcomes to compare your reflex with the filter" in line
        and "(3 and 2; 5 each needed)" in line
        for line in result.findings
    )


def test_following_every_verdict_says_nothing_to_compare(loaded: LoadedStrategy) -> None:
    result = run(loaded, [fact(1, outcome=4), fact(2, verdict="decline", final="decline")])
    assert "You followed every clear verdict of the filter" in result.findings[0]


def test_ranks_average_ties() -> None:
    assert ranks([10, 20, 20, 30]) == [1, 2.5, 2.5, 4]
    assert ranks([3, 1, 2]) == [3, 1, 2]
    assert ranks([7, 7, 7]) == [2, 2, 2]
    assert ranks([]) == []


def test_spearman_matches_the_textbook_formula_without_ties() -> None:
    rng = random.Random(4)
    for _ in range(50):
        n = rng.randrange(3, 30)
        xs = rng.sample(range(1000), n)
        ys = rng.sample(range(1000), n)
        rx, ry = ranks(xs), ranks(ys)
        textbook = 1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry, strict=True)) / (
            n * (n * n - 1)
        )
        assert spearman(xs, ys) == pytest.approx(textbook)


def test_spearman_with_ties_and_constants() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1
    # Pearson on average ranks: x ranks 1,2.5,2.5,4 vs y ranks 1,2,3,4 → 0.9486…
    assert spearman([1, 2, 2, 3], [1, 2, 3, 4]) == pytest.approx(0.9486832980505138)
    assert spearman([1, 1, 1], [1, 2, 3]) is None
    assert spearman([1, 2, 3], [5, 5, 5]) is None


def test_significance_needs_strength_and_numbers() -> None:
    assert significant(1.0, MIN_PAIRS)
    assert not significant(0.99, MIN_PAIRS - 1)
    assert not significant(0.5, 10)  # t ≈ 1.63
    assert significant(0.5, 40)  # t ≈ 3.56
    assert not significant(0.1, 100_000)  # real, perhaps, but too weak to act on


def _t_cdf(x: float, df: int, steps: int = 4000) -> float:
    """Student's t distribution function by Simpson's rule over its density: exact to far
    below the fourth decimal the table is written to, with no statistics library."""
    scale = math.exp(math.lgamma((df + 1) / 2) - math.lgamma(df / 2)) / math.sqrt(df * math.pi)

    def density(t: float) -> float:
        return scale * (1 + t * t / df) ** (-(df + 1) / 2)

    h = x / steps
    inner = sum((4 if i % 2 else 2) * density(i * h) for i in range(1, steps))
    return 0.5 + (density(0) + inner + density(x)) * h / 3


@pytest.mark.parametrize("df", [*range(1, 41), 50, 100, 120, 1000, 100_000])
def test_critical_t_is_never_looser_than_students_t(df: int) -> None:
    bar = _critical_t(df)
    assert _t_cdf(bar, df) >= 0.975  # a lower bar would call chance a difference
    tight = 0.0002 if df <= 30 else 0.003  # the table; the bound above it
    assert _t_cdf(bar - tight, df) < 0.975


def test_differ_holds_what_a_t_test_would_not() -> None:
    """At 4 and 5 degrees of freedom the old bar (1.96 + 2.4/df: 2.56, 2.44) was under
    Student's t (2.776, 2.571); these pairs sit in between."""

    def cell(*outcomes: int) -> Cell:
        return sum((Cell.of(o) for o in outcomes), Cell())

    assert not differ(cell(1, 1, 1, 1, 2), cell(1, 2, 3, 3, 3))  # t ≈ 2.68, df 4
    assert not differ(cell(3, 3, 3, 3, 3, 5), cell(2, 2, 2, 2, 3, 3))  # t ≈ 2.54, df 5
    assert differ(cell(1, 1, 1, 1, 1), cell(2, 3, 3, 3, 4))  # t ≈ 6.32, df 4


def test_differ_needs_a_real_gap() -> None:
    five = [Cell.of(o) for o in (4, 4, 5, 4, 4)]
    low = [Cell.of(o) for o in (2, 3, 2, 2, 3)]
    assert differ(sum(five, Cell()), sum(low, Cell()))
    assert not differ(sum(five[:4], Cell()), sum(low, Cell()))  # 4 rated: under MIN_GROUP
    assert not differ(Cell.of(4, 1000), Cell.of(4, 1000) + Cell.of(5))  # gap too small
    assert differ(Cell.of(4, 5), Cell.of(2, 5))  # no spread at all, clear gap


def _accepted(ident: int, outcome: int, **criteria: float) -> DecisionFact:
    return fact(ident, outcome=outcome, criteria=criteria)


def test_criteria_that_predict(loaded: LoadedStrategy) -> None:
    outcomes = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
    facts = [
        _accepted(i, o, alignment=o / 5, fee=0.5, speed=1 - o / 5, load=0.1 * (i % 2))
        for i, o in enumerate(outcomes)
    ]
    # A declined decision's outcome rates the decline: it must not count for the criterion.
    facts.append(fact(99, final="decline", outcome=1, criteria={"alignment": 1.0}))
    # Rated too few times, and without outcomes: listed, with no ρ.
    facts += [fact(200 + i, criteria={"posture": 0.4}) for i in range(3)]
    result = run(loaded, facts)
    stats = {s.id: s for s in result.criteria}
    assert [s.id for s in result.criteria] == ["alignment", "fee", "load", "posture", "speed"]

    assert (stats["alignment"].pairs, stats["alignment"].rho) == (10, 1.0)
    assert stats["alignment"].signal == "predicts"
    assert stats["alignment"].label == "Moves me toward the lighthouse"
    assert stats["fee"].rho is None
    assert stats["fee"].note == "not enough data: its value is always the same"
    assert stats["load"].signal == "unclear"
    assert stats["posture"].pairs == 0
    assert stats["posture"].note == "not enough data: 0 rated accepts of 8 needed"
    # A criterion the strategy no longer has keeps the pairs its own evaluations stored.
    assert (stats["speed"].label, stats["speed"].pairs, stats["speed"].rho) == (None, 10, -1.0)
    assert not stats["speed"].in_strategy

    text = "\n".join(result.findings)
    assert "Criterion 'alignment' predicts how a yes turns out (ρ = 1.00, n = 10)." in text
    assert "Criterion 'speed' (no longer in the strategy) runs against outcomes" in text
    assert "No clear link with outcomes yet for 'load'" in text


def test_constant_outcome_is_not_enough_data(loaded: LoadedStrategy) -> None:
    facts = [_accepted(i, 3, alignment=i / 10) for i in range(10)]
    [alignment] = [s for s in run(loaded, facts).criteria if s.id == "alignment"]
    assert alignment.note == "not enough data: the outcome is always the same"


def test_weekly_capacity_matches_weekly_load() -> None:
    """The sweep gives what `committed_in_week` gives, week by week, commitments starting
    and ending mid-week included."""
    from lighthouse_tui.core.review import weekly

    rng = random.Random(7)
    start = date(2026, 1, 5)  # a Monday
    commitments = [
        Commitment(
            start + timedelta(days=rng.randrange(200)),
            rng.choice([0.5, 1.0, 2.5, 4.0]),
            rng.choice([None, 0.5, 1.0, 3.0, 10.0]),
        )
        for _ in range(300)
    ]
    days = {start + timedelta(days=i): 1 for i in range(7 * 30)}
    period = Period(start, start + timedelta(weeks=30) - timedelta(days=1), "30 weeks")
    weeks = weekly(days, Counter(commitments), period, date(2030, 1, 1))
    expected = weekly_load(commitments, start, 30)
    assert [w.start for w in weeks] == [day for day, _ in expected]
    assert [w.committed for w in weeks] == pytest.approx([hours for _, hours in expected])
    assert all(w.decisions == 7 for w in weeks)


def test_capacity_over_the_period(loaded: LoadedStrategy) -> None:
    facts = [fact(1, day=date(2027, 2, 1)), fact(2, day=date(2027, 2, 17))]
    commitments = [
        Commitment(date(2026, 12, 1), 6.0),  # before the period, still running
        Commitment(date(2027, 2, 8), 8.0, weeks=1),  # over 10 h in the week of 8 February
    ]
    result = run(loaded, facts, parse_period("2027-02", today=TODAY, horizon=None), commitments)
    weeks = [(w.start, w.committed, w.decisions) for w in result.capacity.weeks]
    assert weeks == [
        (date(2027, 2, 1), 6.0, 1),
        (date(2027, 2, 8), 14.0, 0),
        (date(2027, 2, 15), 6.0, 1),
        (date(2027, 2, 22), 6.0, 0),
    ]
    assert (result.capacity.weeks_over, result.capacity.peak) == (1, 14.0)
    assert "Commitments went over your 10 h/week in 1 of 4 weeks (peak 14 h)." in result.findings


def test_weeks_start_when_the_log_does(loaded: LoadedStrategy) -> None:
    """A long period shows no empty weeks from before anything was logged."""
    facts = [fact(1, day=date(2027, 2, 24))]
    result = run(loaded, facts, parse_period("2000", today=date(2000, 6, 1), horizon=None))
    assert result.capacity.weeks == ()
    result = run(loaded, facts, all_time())
    assert [w.start for w in result.capacity.weeks] == [date(2027, 2, 22), date(2027, 3, 1)]


def test_outcomes_due(loaded: LoadedStrategy) -> None:
    cutoff = TODAY - timedelta(days=30)
    facts = [
        fact(1, day=cutoff - timedelta(days=1), title="due"),
        fact(2, day=cutoff, title="not yet: exactly 30 days"),
        fact(3, day=cutoff - timedelta(days=5), final="defer", title="deferred"),
        fact(4, day=cutoff - timedelta(days=5), outcome=3, title="rated"),
        fact(5, day=cutoff - timedelta(days=9), final="decline", title="declines are due too"),
    ]
    result = run(loaded, facts)
    assert [(d.id, d.title) for d in result.due] == [(1, "due"), (5, "declines are due too")]
    assert result.to_json()["outcomes_due"] == {
        "after_days": 30,
        "count": 2,
        "decisions": [
            {"id": 1, "title": "due", "date": "2027-01-29"},
            {"id": 5, "title": "declines are due too", "date": "2027-01-21"},
        ],
    }
    assert "Not enough rated outcomes yet (1 of 5): rate the 2 due." in result.findings


def test_empty_history(loaded: LoadedStrategy) -> None:
    result = run(loaded, [])
    assert result.counts.decisions == 0
    assert result.findings == ("No decisions in this period: nothing to review yet.",)
    assert result.capacity.weeks == ()
    assert result.outcomes.diagonal() == Cell()
    assert all(s.rho is None and s.pairs == 0 for s in result.criteria)
    json.dumps(result.to_json())


def test_period_without_decisions(loaded: LoadedStrategy) -> None:
    result = run(loaded, [fact(1)], parse_period("2020", today=TODAY, horizon=None))
    assert result.counts.decisions == 0
    assert result.findings == ("No decisions in this period: nothing to review yet.",)


def test_outcomes_missing_everywhere(loaded: LoadedStrategy) -> None:
    rng = random.Random(3)
    facts = [
        fact(
            i,
            day=date(2026, 6, 1) + timedelta(days=i),
            reflex=rng.choice(["accept", "decline", "unsure"]),
            verdict=rng.choice(["accept", "decline", "consider"]),
            final=rng.choice(["accept", "decline"]),
            criteria={"alignment": rng.random()},
        )
        for i in range(60)
    ]
    result = run(loaded, facts)
    assert result.counts.rated == 0
    assert all(
        result.outcomes.cell(r, c).mean is None
        for r in ("accept", "decline")
        for c in ("accept", "decline")
    )
    assert (
        f"Not enough rated outcomes yet (0 of 60): rate the {len(result.due)} due."
        in result.findings
    )
    assert any(line.startswith("Too few rated outcomes") for line in result.findings)
    json.dumps(result.to_json())


def test_several_strategy_versions_are_counted(loaded: LoadedStrategy) -> None:
    facts = [fact(1, strategy="aaa"), fact(2, strategy="bbb"), fact(3, strategy="aaa")]
    assert run(loaded, facts).counts.strategy_versions == 2
