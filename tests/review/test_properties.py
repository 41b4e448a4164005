"""Whatever the history: the statistics never crash, means stay within 1–5, correlations
within −1..1 or "not enough data", and the counts add up. The same for rescoring."""

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.capacity import Commitment
from lighthouse_tui.core.period import Period, all_time
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import Cell, DecisionFact, review
from lighthouse_tui.core.strategy_file import load_strategy_file

from .support import GOOD

LOADED = load_strategy_file(GOOD)
START = date(2026, 1, 1)
TODAY = date(2027, 1, 1)

criteria = st.dictionaries(
    st.sampled_from(["alignment", "fee", "load", "posture", "retired", "é|*"]),
    st.floats(0, 1, allow_nan=False),
    max_size=6,
)
json_value = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
)
facts = st.lists(
    st.builds(
        DecisionFact,
        id=st.integers(1, 10**6),
        day=st.dates(START, TODAY + timedelta(days=30)),
        kind=st.sampled_from(["client_request", "partner_offer", "speaking", "gone"]),
        title=st.text(max_size=10),
        reflex=st.sampled_from(["accept", "decline", "unsure"]),
        verdict=st.sampled_from(["accept", "decline", "consider"]),
        final=st.sampled_from(["accept", "decline", "defer"]),
        score=st.one_of(st.none(), st.floats(0, 100)),
        outcome=st.one_of(st.none(), st.integers(1, 5)),
        criteria=criteria.map(lambda d: tuple(d.items())),
        hours_per_week=st.one_of(st.none(), st.floats(0, 40)),
        fields=st.dictionaries(
            st.sampled_from(["fee", "hours_per_week", "weeks", "remote", "title", "gone"]),
            json_value,
            max_size=4,
        ),
        ratings=st.dictionaries(
            st.sampled_from(["alignment", "posture", "fee", "gone"]),
            st.one_of(st.floats(-2, 8, allow_nan=False), st.text(max_size=2)),
            max_size=3,
        ),
        committed=st.floats(0, 50),
        strategy=st.sampled_from(["a", "b"]),
    ),
    max_size=60,
)
commitments = st.lists(
    st.builds(
        Commitment,
        start=st.dates(START, TODAY),
        hours_per_week=st.floats(0, 20),
        weeks=st.one_of(st.none(), st.floats(0, 60)),
    ),
    max_size=20,
)
periods = st.one_of(
    st.just(all_time()),
    st.tuples(st.dates(START, TODAY), st.integers(0, 400)).map(
        lambda p: Period(p[0], p[0] + timedelta(days=p[1]), "some days")
    ),
)


def _mean_ok(cell: Cell) -> bool:
    return cell.mean is None or 1 <= cell.mean <= 5


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(facts, commitments, periods)
def test_review_never_crashes_and_adds_up(
    history: list[DecisionFact], promised: list[Commitment], period: Period
) -> None:
    result = review(history, LOADED.strategy, period, TODAY, promised)
    kept = [f for f in history if period.contains(f.day)]
    n = len(kept)
    c = result.counts
    assert c.decisions == n
    assert c.rated == sum(f.outcome is not None for f in kept)
    for tally in (c.by_kind, c.by_reflex, c.by_verdict, c.by_final):
        assert sum(tally.values()) == n
    a = result.agreement
    assert a.agreed + a.disagreed + a.reflex_unsure + a.filter_consider == n
    o = result.overrides
    assert o.followed + o.accept_declined + o.decline_accepted <= o.clear_verdicts <= n

    grid = result.outcomes
    cells = [grid.cell(r, col) for r in grid.rows for col in grid.columns]
    clear = [f for f in kept if f.verdict in ("accept", "decline") and f.final != "defer"]
    assert sum(cell.count for cell in cells) == len(clear)
    assert grid.diagonal().count == o.followed
    conflicts = result.reflex_vs_filter
    assert sum(conflicts.column(f).count for f in conflicts.columns) <= a.disagreed
    for cell in [
        *cells,
        *(conflicts.cell(r, f) for r in conflicts.rows for f in conflicts.columns),
    ]:
        assert 0 <= cell.rated <= cell.count
        assert _mean_ok(cell)

    for stat in result.criteria:
        assert 0 <= stat.pairs <= n
        if stat.rho is None:
            assert stat.note is not None
            assert stat.note.startswith("not enough data")
        else:
            assert -1 <= stat.rho <= 1

    assert sum(w.decisions for w in result.capacity.weeks) <= n
    assert all(w.committed >= 0 for w in result.capacity.weeks)
    assert {d.id for d in result.due} <= {f.id for f in kept if f.outcome is None}
    assert result.findings
    assert all(line.strip() for line in result.findings)
    json.dumps(result.to_json())


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(facts)
def test_rescore_never_crashes_and_adds_up(history: list[DecisionFact]) -> None:
    result = rescore(history, LOADED)
    assert result.replayed + sum(result.not_replayable.values()) == len(history)
    assert len(result.flips) + result.stayed.count == result.replayed
    assert result.flipped.count == len(result.flips)
    assert result.more_accepting + result.more_declining == len(result.flips)
    assert _mean_ok(result.flipped)
    assert _mean_ok(result.stayed)
    assert all(flip.then != flip.now for flip in result.flips)
    assert result.findings()
    json.dumps(result.to_json())
