"""Did following the strategy pay off? Statistics over the decisions of a period.

Pure functions over `DecisionFact`s, plain values the store builds from the log, so every
number can be checked on a hand-made history and shown the same way by the CLI and the app.
Each figure carries the count behind it, and a finding is only written when the numbers carry
it: a review that draws a lesson from three outcomes would teach the wrong one.
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from operator import attrgetter, mul
from typing import Literal, Self

from lighthouse_tui.core import i18n
from lighthouse_tui.core.capacity import WEEK, Commitment, sweep, week_of
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.core.period import Period, horizon_note
from lighthouse_tui.core.strategy import Strategy

SIDES = ("accept", "decline")
"""The clear answers: only these can agree, disagree or be overridden."""
FOLLOWED = ("filter", "reflex")
MIN_PAIRS = 8
"""Below this many (value, outcome) pairs a rank correlation is noise."""
MIN_GROUP = 5
"""Rated outcomes each side needs before two groups' means are compared."""
MIN_RHO = 0.2
"""A weaker correlation may be real on thousands of decisions, but it predicts too little to
change a weight for."""
MIN_GAP = 0.25
"""A gap under a quarter of a star between two mean outcomes is no lesson, however many
decisions back it."""
Signal = Literal["predicts", "against", "unclear"]


@dataclass(frozen=True, slots=True)
class DecisionFact:
    """One logged decision, as much of it as a review or a rescore needs."""

    id: int
    day: date
    """The day it was decided, where the user is."""
    kind: str
    title: str
    reflex: str
    """The default choice: accept, decline or unsure."""
    verdict: str
    """The strategic choice: accept, decline or consider."""
    final: str
    """What was decided: accept, decline or defer."""
    score: float | None = None
    outcome: int | None = None
    """The latest outcome rating, 1–5, or None when not rated."""
    criteria: tuple[tuple[str, float], ...] = ()
    """(criterion id, value 0–1) as the evaluation of the day stored them, valued ones only."""
    hours_per_week: float | None = None
    weeks: float | None = None
    fields: Mapping[str, object] = field(default_factory=dict)
    """The opportunity's field values as logged (JSON types), for replaying it."""
    ratings: Mapping[str, float] = field(default_factory=dict)
    committed: float = 0.0
    """Hours per week already committed when it was decided."""
    strategy: str = ""
    """Fingerprint of the strategy version that scored it."""


@dataclass(frozen=True, slots=True)
class Cell:
    """Some decisions and how those with an outcome turned out."""

    count: int = 0
    rated: int = 0
    total: int = 0
    """Sum of the outcome ratings."""
    squares: int = 0
    """Sum of their squares, so two cells can be compared for spread, not only mean."""

    @property
    def mean(self) -> float | None:
        return self.total / self.rated if self.rated else None

    @classmethod
    def of(cls, outcome: int | None, count: int = 1) -> Self:
        """`count` decisions that all turned out `outcome`."""
        if outcome is None:
            return cls(count)
        return cls(count, count, count * outcome, count * outcome * outcome)

    def __add__(self, other: "Cell") -> "Cell":
        return Cell(
            self.count + other.count,
            self.rated + other.rated,
            self.total + other.total,
            self.squares + other.squares,
        )

    def to_json(self) -> dict[str, object]:
        return {"decisions": self.count, "rated": self.rated, "mean": self.mean}


@dataclass(frozen=True, slots=True)
class Grid:
    """A 2×2 of cells: `rows` and `columns` name the keys, in display order."""

    rows: tuple[str, str]
    columns: tuple[str, str]
    cells: Mapping[tuple[str, str], Cell]

    def cell(self, row: str, column: str) -> Cell:
        return self.cells.get((row, column), Cell())

    def column(self, column: str) -> Cell:
        return sum((self.cell(row, column) for row in self.rows), Cell())

    def diagonal(self) -> Cell:
        return self.cell(self.rows[0], self.columns[0]) + self.cell(self.rows[1], self.columns[1])

    def off_diagonal(self) -> Cell:
        return self.cell(self.rows[0], self.columns[1]) + self.cell(self.rows[1], self.columns[0])

    def to_json(self) -> dict[str, dict[str, object]]:
        return {r: {c: self.cell(r, c).to_json() for c in self.columns} for r in self.rows}


@dataclass(frozen=True, slots=True)
class Counts:
    decisions: int
    rated: int
    by_kind: Mapping[str, int]
    """Most frequent first."""
    by_reflex: Mapping[str, int]
    by_verdict: Mapping[str, int]
    by_final: Mapping[str, int]
    strategy_versions: int


@dataclass(frozen=True, slots=True)
class Agreement:
    """Reflex against filter. Unsure and consider are no answer, so neither agreement nor
    disagreement: they are counted apart, and the four add up to the decisions."""

    agreed: int
    disagreed: int
    reflex_unsure: int
    filter_consider: int
    """The reflex was clear but the filter said consider."""


@dataclass(frozen=True, slots=True)
class Overrides:
    clear_verdicts: int
    """Decisions where the filter said accept or decline."""
    followed: int
    accept_declined: int
    """The filter said accept, you declined."""
    decline_accepted: int
    """The filter said decline, you accepted."""


@dataclass(frozen=True, slots=True)
class CriterionStat:
    id: str
    label: str | None
    """From the current strategy; None when it no longer has this criterion."""
    pairs: int
    """Accepted decisions with both a value for this criterion and an outcome."""
    rho: float | None
    """Spearman's rank correlation with the outcome of accepted decisions; None when there is
    not enough data."""
    note: str | None
    """Why there is no rho."""
    signal: Signal | None

    @property
    def in_strategy(self) -> bool:
        return self.label is not None


@dataclass(frozen=True, slots=True)
class Week:
    start: date
    """The week's Monday."""
    committed: float
    """Hours committed in that week (`capacity.committed_in_week`)."""
    decisions: int


@dataclass(frozen=True, slots=True)
class CapacityReview:
    hours_per_week: float
    weeks: tuple[Week, ...]

    @property
    def peak(self) -> float:
        return max((w.committed for w in self.weeks), default=0.0)

    @property
    def weeks_over(self) -> int:
        return sum(w.committed > self.hours_per_week for w in self.weeks)


@dataclass(frozen=True, slots=True)
class DueOutcome:
    id: int
    title: str
    day: date


@dataclass(frozen=True, slots=True)
class Review:
    period: Period
    today: date
    horizon: str
    """Where the period stands against the strategy's horizon, in a sentence."""
    counts: Counts
    agreement: Agreement
    overrides: Overrides
    outcomes: Grid
    """Rows: what the filter said (accept, decline); columns: what you did."""
    reflex_vs_filter: Grid
    """Decisions where reflex and filter disagreed. Rows: what the reflex said (the filter
    said the other); columns: which one the final choice followed (filter, reflex)."""
    criteria: tuple[CriterionStat, ...]
    capacity: CapacityReview
    after_days: int
    due: tuple[DueOutcome, ...]
    """Decisions older than `after_days` with no outcome, oldest first."""
    findings: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The `lighthouse review --json` contract."""
        c = self.counts
        return {
            "period": {
                "label": self.period.label,
                "start": _iso(self.period.start),
                "end": _iso(self.period.end),
            },
            "today": self.today.isoformat(),
            "horizon": self.horizon,
            "counts": {
                "decisions": c.decisions,
                "rated": c.rated,
                "by_kind": dict(c.by_kind),
                "by_reflex": dict(c.by_reflex),
                "by_verdict": dict(c.by_verdict),
                "by_final": dict(c.by_final),
                "strategy_versions": c.strategy_versions,
            },
            "agreement": {
                "agreed": self.agreement.agreed,
                "disagreed": self.agreement.disagreed,
                "reflex_unsure": self.agreement.reflex_unsure,
                "filter_consider": self.agreement.filter_consider,
            },
            "overrides": {
                "clear_verdicts": self.overrides.clear_verdicts,
                "followed": self.overrides.followed,
                "accept_declined": self.overrides.accept_declined,
                "decline_accepted": self.overrides.decline_accepted,
            },
            "outcomes": self.outcomes.to_json(),
            "reflex_vs_filter": {
                **self.reflex_vs_filter.to_json(),
                "followed": {f: self.reflex_vs_filter.column(f).to_json() for f in FOLLOWED},
            },
            "criteria": [
                {
                    "id": s.id,
                    "label": s.label,
                    "in_strategy": s.in_strategy,
                    "pairs": s.pairs,
                    "rho": s.rho,
                    "signal": s.signal,
                    "note": s.note,
                }
                for s in self.criteria
            ],
            "capacity": {
                "hours_per_week": self.capacity.hours_per_week,
                "peak": self.capacity.peak,
                "weeks_over": self.capacity.weeks_over,
                "weeks": [
                    {
                        "week_of": w.start.isoformat(),
                        "committed": w.committed,
                        "decisions": w.decisions,
                    }
                    for w in self.capacity.weeks
                ],
            },
            "outcomes_due": {
                "after_days": self.after_days,
                "count": len(self.due),
                "decisions": [
                    {"id": d.id, "title": d.title, "date": d.day.isoformat()} for d in self.due
                ],
            },
            "findings": list(self.findings),
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


Combo = tuple[str, str, str, int | None]
"""(reflex, verdict, final, outcome): a review's counts and grids all read off how many
decisions share each combination (a few dozen), not off 100,000 decisions one by one."""


@dataclass(frozen=True, slots=True)
class Tally:
    """What a review reads off a period's decisions, a few hundred values however many there
    are: the store computes it in SQL from narrow columns, `tally` from facts in memory, and
    both give the same review."""

    combos: Mapping[Combo, int]
    """Decisions per (reflex, verdict, final, outcome)."""
    kinds: Mapping[str, int]
    """Decisions per kind, in order of first appearance (ties keep it once sorted)."""
    strategies: int
    """Distinct strategy versions that scored them."""
    days: Mapping[date, int]
    """Decisions per day, where the user is."""
    pairs: Mapping[str, Sequence[tuple[float, int]]]
    """(value, outcome) per criterion, of rated accepted decisions."""
    seen: frozenset[str]
    """Criteria valued in any of them, so a retired one is listed even without pairs; those
    of today's strategy may be left out (they are listed anyway)."""
    due: tuple[DueOutcome, ...]
    """Oldest first."""


def tally(facts: Sequence[DecisionFact], cutoff: date) -> Tally:
    """The tally of `facts` (the period's, oldest first); outcomes are due before `cutoff`."""
    pairs: dict[str, list[tuple[float, int]]] = defaultdict(list)
    seen: set[str] = set()
    for f in facts:
        outcome = f.outcome
        for ident, value in f.criteria:
            seen.add(ident)
            if outcome is not None and f.final == "accept":
                pairs[ident].append((value, outcome))
    return Tally(
        combos=Counter(map(attrgetter("reflex", "verdict", "final", "outcome"), facts)),
        kinds=Counter(map(attrgetter("kind"), facts)),
        strategies=len(set(map(attrgetter("strategy"), facts))),
        days=Counter(map(attrgetter("day"), facts)),
        pairs=pairs,
        seen=frozenset(seen),
        due=tuple(
            DueOutcome(f.id, f.title, f.day)
            for f in facts
            if f.outcome is None and f.final != "defer" and f.day < cutoff
        ),
    )


def due_cutoff(strategy: Strategy, today: date) -> date:
    """Decisions of days before this one wait for an outcome."""
    return today - timedelta(days=strategy.review.after_days)


def review(
    facts: Iterable[DecisionFact],
    strategy: Strategy,
    period: Period,
    today: date,
    commitments: Iterable[Commitment] = (),
) -> Review:
    """The review of the decisions of `period`, judged against `strategy` (today's: its
    criteria labels, capacity and review delay). `commitments` are every accepted decision
    with hours, in or before the period, since a yes from last quarter still takes hours now."""
    kept = [f for f in facts if period.contains(f.day)]
    counted = tally(kept, due_cutoff(strategy, today))
    return review_of(counted, strategy, period, today, Counter(commitments))


def review_of(
    counted: Tally,
    strategy: Strategy,
    period: Period,
    today: date,
    commitments: Mapping[Commitment, int] | None = None,
) -> Review:
    """`review`, from the tally of the period's decisions; `commitments` with how many times
    each was made."""
    combos = counted.combos
    built = Review(
        period=period,
        today=today,
        horizon=horizon_note(period, strategy.horizon, today),
        counts=_counts(counted),
        agreement=_agreement(combos),
        overrides=_overrides(combos),
        outcomes=Grid(
            SIDES,
            SIDES,
            _cells(((v, f), o, n) for (_, v, f, o), n in combos.items() if _clear(v, f)),
        ),
        reflex_vs_filter=Grid(
            SIDES,
            FOLLOWED,
            _cells(
                ((r, "filter" if f == v else "reflex"), o, n)
                for (r, v, f, o), n in combos.items()
                if _clear(r, v, f) and r != v
            ),
        ),
        criteria=criteria_stats(counted, {c.id: c.label for c in strategy.criteria}),
        capacity=CapacityReview(
            strategy.capacity.hours_per_week,
            weekly(counted.days, commitments or {}, period, today),
        ),
        after_days=strategy.review.after_days,
        due=counted.due,
        findings=(),
    )
    return replace(built, findings=findings_for(built))


def _clear(*choices: str) -> bool:
    return all(c in SIDES for c in choices)


def _cells(items: Iterable[tuple[tuple[str, str], int | None, int]]) -> dict[tuple[str, str], Cell]:
    cells: dict[tuple[str, str], Cell] = {}
    for key, outcome, n in items:
        cells[key] = cells.get(key, Cell()) + Cell.of(outcome, n)
    return cells


def _counts(counted: Tally) -> Counts:
    combos = counted.combos
    return Counts(
        decisions=sum(combos.values()),
        rated=sum(n for (_, _, _, o), n in combos.items() if o is not None),
        by_kind=dict(Counter(counted.kinds).most_common()),
        by_reflex=_tally(combos, 0, ("accept", "decline", "unsure")),
        by_verdict=_tally(combos, 1, ("accept", "decline", "consider")),
        by_final=_tally(combos, 2, ("accept", "decline", "defer")),
        strategy_versions=counted.strategies,
    )


def _tally(combos: Mapping[Combo, int], part: int, known: tuple[str, ...]) -> dict[str, int]:
    """One choice counted, every known value first, even at zero, so "0 declines" shows
    rather than disappears."""
    counted: Counter[str] = Counter()
    for combo, n in combos.items():
        counted[str(combo[part])] += n
    return {**{k: counted.get(k, 0) for k in known}, **counted}


def _agreement(combos: Mapping[Combo, int]) -> Agreement:
    agreed = disagreed = unsure = consider = 0
    for (reflex, verdict, _final, _outcome), n in combos.items():
        if reflex not in SIDES:
            unsure += n
        elif verdict not in SIDES:
            consider += n
        elif reflex == verdict:
            agreed += n
        else:
            disagreed += n
    return Agreement(agreed, disagreed, unsure, consider)


def _overrides(combos: Mapping[Combo, int]) -> Overrides:
    clear = followed = accept_declined = decline_accepted = 0
    for (_reflex, verdict, final, _outcome), n in combos.items():
        if verdict not in SIDES:
            continue
        clear += n
        followed += n if final == verdict else 0
        accept_declined += n if (verdict, final) == ("accept", "decline") else 0
        decline_accepted += n if (verdict, final) == ("decline", "accept") else 0
    return Overrides(clear, followed, accept_declined, decline_accepted)


def criteria_stats(counted: Tally, labels: Mapping[str, str]) -> tuple[CriterionStat, ...]:
    """One row per criterion: today's strategy's in file order, then those only older
    evaluations hold, each with the pairs its own evaluations stored.

    Only accepted decisions count. A criterion is a bet on how a yes will turn out; the
    outcome of a decline rates the decline (a good opportunity declined turns out badly), so
    mixing the two would make every useful criterion look useless or backwards."""
    pairs = counted.pairs
    retired = sorted((counted.seen | pairs.keys()) - labels.keys())
    return tuple(
        _criterion(ident, labels.get(ident), list(pairs.get(ident, ())))
        for ident in [*labels, *retired]
    )


def _criterion(ident: str, label: str | None, pairs: list[tuple[float, int]]) -> CriterionStat:
    n = len(pairs)
    if n < MIN_PAIRS:
        note = _("not enough data: {count} rated accepts of {needed} needed").format(
            count=n, needed=MIN_PAIRS
        )
        return CriterionStat(ident, label, n, None, note, None)
    values = [value for value, _ in pairs]
    rho = spearman(values, [outcome for _, outcome in pairs])
    if rho is None:
        note = (
            _("not enough data: its value is always the same")
            if len(set(values)) == 1
            else _("not enough data: the outcome is always the same")
        )
        return CriterionStat(ident, label, n, None, note, None)
    signal: Signal = "unclear"
    if significant(rho, n):
        signal = "predicts" if rho > 0 else "against"
    return CriterionStat(ident, label, n, rho, None, signal)


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of the ranks they span. Ranked per
    distinct value, so the five outcome ratings of 100,000 decisions cost five steps."""
    counts = Counter(values)
    rank_of: dict[float, float] = {}
    below = 0
    for value in sorted(counts):
        rank_of[value] = below + (counts[value] + 1) / 2
        below += counts[value]
    return [rank_of[v] for v in values]


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's ρ: Pearson's correlation of the ranks. None when either side is constant
    (no order, nothing to correlate)."""
    if len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    rx, ry = ranks(xs), ranks(ys)
    middle = (len(rx) + 1) / 2  # the mean rank, ties or not
    shift = len(rx) * middle * middle
    sxy = sum(map(mul, rx, ry)) - shift
    sxx = sum(map(mul, rx, rx)) - shift
    syy = sum(map(mul, ry, ry)) - shift
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


# fmt: off
_T975 = (
    12.7063, 4.3027, 3.1825, 2.7765, 2.5706, 2.4470, 2.3647, 2.3061, 2.2622, 2.2282,
    2.2010, 2.1789, 2.1604, 2.1448, 2.1315, 2.1200, 2.1099, 2.1010, 2.0931, 2.0860,
    2.0797, 2.0739, 2.0687, 2.0639, 2.0596, 2.0556, 2.0519, 2.0485, 2.0453, 2.0423,
)
# fmt: on
"""Student's t at 0.975 for 1 to 30 degrees of freedom, rounded up at the fourth decimal so
the bar is never lower than the exact one."""


def _critical_t(df: int) -> float:
    """The two-sided 95 % point of Student's t. Above the table, 1.96 + 2.47/df: t − z shrinks
    like (z³ + z)/4df ≈ 2.37/df plus positive terms in 1/df², so a constant that covers df 30
    (2.47) covers every larger df too — never looser than the exact value, at most 0.003
    stricter. A looser bar would call chance a lesson."""
    if df <= len(_T975):
        return _T975[max(df, 1) - 1]
    return 1.96 + 2.47 / df


def significant(rho: float, n: int) -> bool:
    """Whether a correlation is strong enough to matter and, on n pairs, unlikely to be
    chance (t-test)."""
    if n < MIN_PAIRS or abs(rho) < MIN_RHO:
        return False
    if abs(rho) >= 1.0:
        return True
    return abs(rho) * math.sqrt((n - 2) / (1 - rho * rho)) >= _critical_t(n - 2)


def differ(a: Cell, b: Cell) -> bool:
    """Whether two cells' mean outcomes differ by enough to matter and by more than chance
    would explain (Welch's t, with the smaller group's degrees of freedom to stay careful)."""
    if a.mean is None or b.mean is None or min(a.rated, b.rated) < MIN_GROUP:
        return False
    spread = _variance(a) / a.rated + _variance(b) / b.rated
    gap = abs(a.mean - b.mean)
    if gap < MIN_GAP:
        return False
    if spread <= 0:
        return True
    return gap / math.sqrt(spread) >= _critical_t(min(a.rated, b.rated) - 1)


def _variance(cell: Cell) -> float:
    return max(0.0, (cell.squares - cell.total**2 / cell.rated) / (cell.rated - 1))


def weekly(
    days: Mapping[date, int],
    commitments: Mapping[Commitment, int],
    period: Period,
    today: date,
) -> tuple[Week, ...]:
    """Committed hours (`capacity.committed_in_week` of `commitments`, made so many times
    each) and decisions (`days`: how many per day), week by week (Monday to Sunday) over the
    period, up to today. Weeks before anything was ever logged are left out: an empty log
    says nothing about them."""
    known = [*days, *(c.start for c in commitments)]
    if not known:
        return ()
    first = max(period.start or date.min, min(known))
    last = min(period.end or today, today)
    if first > last:
        return ()
    per_week: Counter[date] = Counter()
    for day, count in days.items():
        per_week[week_of(day)] += count
    mondays = [week_of(first)]
    while mondays[-1] + WEEK <= last:
        mondays.append(mondays[-1] + WEEK)
    return tuple(
        Week(monday, load, per_week.get(monday, 0))
        for monday, load in zip(mondays, sweep(commitments, mondays), strict=True)
    )


def findings_for(built: Review) -> tuple[str, ...]:
    """A few sentences a person can act on, each backed by the figures beside it."""
    if built.counts.decisions == 0:
        return (_("No decisions in this period: nothing to review yet."),)
    found = [
        _filter_finding(built.outcomes),
        _reflex_finding(built.reflex_vs_filter),
        *_criteria_findings(built.criteria),
        _agreement_finding(built.agreement),
        _capacity_finding(built.capacity),
        _outcomes_finding(built),
    ]
    return tuple(line for line in found if line)


def _count(n: int) -> str:
    return i18n.decimal(n)


def _mean(cell: Cell) -> str:
    return i18n.fixed(cell.mean or 0.0)


def _comparison(sentence: str, strategic: Cell, other: Cell) -> str:
    """`sentence` (marked with `N_`) with both means and their counts, then what the numbers
    allow saying: better or worse only when the gap is larger than chance would make it."""
    what = _("too close to call on these numbers")
    if differ(strategic, other):
        better = (strategic.mean or 0) > (other.mean or 0)
        what = _("the filter did better") if better else _("the filter did worse")
    return _(sentence).format(
        mean=_mean(strategic),
        other_mean=_mean(other),
        rated=_count(strategic.rated),
        other_rated=_count(other.rated),
        conclusion=what,
    )


def _too_few(sentence: str, a: Cell, b: Cell) -> str:
    """`sentence` (marked with `N_`) with the rated outcomes of both groups."""
    return _(sentence).format(rated=_count(a.rated), other_rated=_count(b.rated), needed=MIN_GROUP)


def _filter_finding(grid: Grid) -> str | None:
    followed, against = grid.diagonal(), grid.off_diagonal()
    if against.count == 0:
        if followed.count == 0:
            return None
        return _("You followed every clear verdict of the filter: nothing to compare it with yet.")
    if min(followed.rated, against.rated) < MIN_GROUP:
        return _too_few(
            N_(
                "Too few rated outcomes to compare following the filter with going against it "
                "yet ({rated} and {other_rated}; {needed} each needed)."
            ),
            followed,
            against,
        )
    return _comparison(
        N_(
            "When you followed the filter, outcomes averaged {mean} vs {other_mean} when you "
            "went against it ({rated} vs {other_rated} rated): {conclusion}."
        ),
        followed,
        against,
    )


def _reflex_finding(grid: Grid) -> str | None:
    strategic, reflex = grid.column("filter"), grid.column("reflex")
    if strategic.count + reflex.count == 0:
        return None
    if min(strategic.rated, reflex.rated) < MIN_GROUP:
        return _too_few(
            N_(
                "Too few rated outcomes to compare your reflex with the filter where they "
                "disagreed yet ({rated} and {other_rated}; {needed} each needed)."
            ),
            strategic,
            reflex,
        )
    return _comparison(
        N_(
            "When you followed the filter against your reflex, outcomes averaged {mean} vs "
            "{other_mean} when you followed your reflex ({rated} vs {other_rated} rated): "
            "{conclusion}."
        ),
        strategic,
        reflex,
    )


_CRITERION_FINDINGS = {
    ("predicts", True): N_("Criterion '{id}' predicts how a yes turns out (ρ = {rho}, n = {n})."),
    ("predicts", False): N_(
        "Criterion '{id}' (no longer in the strategy) predicts how a yes turns out "
        "(ρ = {rho}, n = {n})."
    ),
    ("against", True): N_(
        "Criterion '{id}' runs against outcomes (ρ = {rho}, n = {n}): accepts that scored high "
        "on it turned out worse; check its weight or direction."
    ),
    ("against", False): N_(
        "Criterion '{id}' (no longer in the strategy) runs against outcomes (ρ = {rho}, "
        "n = {n}): accepts that scored high on it turned out worse; check its weight or "
        "direction."
    ),
}
"""(signal, still in the strategy) → the finding, translated where it is written."""


def _criteria_findings(stats: Sequence[CriterionStat]) -> list[str]:
    lines = []
    unclear = []
    for s in stats:
        if s.rho is None:
            continue
        sentence = _CRITERION_FINDINGS.get((s.signal, s.in_strategy))
        if sentence is not None:
            rho = i18n.fixed(s.rho, 2)
            lines.append(_(sentence).format(id=s.id, rho=rho, n=_count(s.pairs)))
        elif s.signal == "unclear" and s.in_strategy:
            unclear.append(s.id)
    if unclear:
        lines.append(
            _(
                "No clear link with outcomes yet for {criteria}: more rated outcomes will tell, "
                "or they matter less than their weight says."
            ).format(criteria=", ".join(repr(i) for i in unclear))
        )
    return lines


def _agreement_finding(agreement: Agreement) -> str | None:
    clear = agreement.agreed + agreement.disagreed
    if not clear:
        return None
    return _(
        "Your reflex agreed with the filter on {agreed} of {clear} clear calls ({share})."
    ).format(
        agreed=_count(agreement.agreed),
        clear=_count(clear),
        share=i18n.percent(agreement.agreed / clear),
    )


def _capacity_finding(capacity: CapacityReview) -> str | None:
    weeks = len(capacity.weeks)
    if not weeks:
        return None
    hours = _("{hours} h/week").format(hours=i18n.decimal(capacity.hours_per_week, 6))
    peak = i18n.hours(round(capacity.peak, 1))
    if capacity.weeks_over:
        return ngettext(
            "Commitments went over your {hours} in {over} of {weeks} week (peak {peak}).",
            "Commitments went over your {hours} in {over} of {weeks} weeks (peak {peak}).",
            weeks,
        ).format(hours=hours, over=_count(capacity.weeks_over), weeks=_count(weeks), peak=peak)
    return _("Commitments stayed within your {hours} every week (peak {peak}).").format(
        hours=hours, peak=peak
    )


def _outcomes_finding(built: Review) -> str | None:
    due = len(built.due)
    rated = built.counts.rated
    counts = {"rated": _count(rated), "decisions": _count(built.counts.decisions)}
    if rated < MIN_PAIRS:
        if due:
            return _(
                "Not enough rated outcomes yet ({rated} of {decisions}): rate the {due} due."
            ).format(due=_count(due), **counts)
        return _("Not enough rated outcomes yet ({rated} of {decisions}).").format(**counts)
    if due:
        return ngettext(
            "{count} outcome due (decided over {days} days ago): rating them sharpens this review.",
            "{count} outcomes due (decided over {days} days ago): rating them sharpens this "
            "review.",
            due,
        ).format(count=_count(due), days=built.after_days)
    return None
