"""The filter: a strategy and an opportunity in, an explained verdict out.

Exactly DESIGN §4. Pure: the same strategy, opportunity and committed hours always give the
same evaluation. Per-kind work (which criteria apply, their ranges) is planned once per
strategy and kind, because triage and rescoring evaluate thousands of opportunities.
"""

import math
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import RATING_MAX, Opportunity
from lighthouse_tui.core.strategy import Thresholds
from lighthouse_tui.core.vocabulary import SCORE

Verdict = Literal["accept", "decline", "consider"]
RuleAction = Literal["decline", "accept", "flag"]

NOTHING_RATED = N_("nothing rated")
UNDER_RATED = N_("only {rated} of the weight rated (needs {needed})")
ACCEPTED_BY_SCORE = N_("score {score} ≥ {accept}")
DECLINED_BY_SCORE = N_("score {score} < {decline}")
CONSIDERED_BY_SCORE = N_("score {score}, between {decline} and {accept}")
"""The reasons the score gives, kept as message ids: the evaluation shows them translated and
stores them in English (`Evaluation._reason`)."""


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    label: str
    weight: float
    value: float | None
    """0–1, or None when the rating or field is missing."""
    points: float
    """This criterion's share of the score: the points of all criteria add up to the score."""


@dataclass(slots=True)
class RuleResult:
    id: str
    then: RuleAction
    reason: str
    needs: tuple[str, ...] = ()
    """For a waiting rule, the names whose values are missing."""


@dataclass(slots=True)
class CapacityImpact:
    """Like the other parts of an evaluation, a value nobody changes; not frozen because
    freezing makes every evaluation measurably slower (see Evaluation)."""

    hours_per_week: float
    committed: float
    available: float
    after: float | None
    """Hours left if this is accepted; None when the opportunity gives no hours."""


@dataclass(frozen=True, slots=True)
class _Plan:
    """What evaluating one kind needs, worked out once per strategy and kind."""

    criteria: tuple[tuple[str, str, float], ...]
    """(id, label, weight) of each applicable criterion, in file order."""
    rated: tuple[tuple[int, float, str], ...]
    """(position, weight, criterion id) of the rating criteria."""
    computed: tuple[tuple[int, float, str, float, float], ...]
    """(position, weight, field name, worst, best − worst) of the field criteria."""
    total_weight: float
    rule_ratings: tuple[tuple[str, str], ...]
    """(rule name, criterion id) of each rating some rule reads: only those enter a rule's
    environment, rather than every rating given."""


@dataclass
class Evaluation:
    """The filter's answer. Treat it as a value: nothing changes it after `evaluate`. (Not a
    frozen dataclass only because freezing costs a microsecond per evaluation, a tenth of
    the budget for scoring a year of decisions.)"""

    kind: str
    verdict: Verdict
    score: float | None
    provisional: bool
    rated_weight: float
    rules: tuple[RuleResult, ...]
    """Rules that fired, in file order."""
    waiting: tuple[RuleResult, ...]
    """Rules that could not be decided because a value they read is missing. A waiting
    decline or accept rule makes the verdict provisional; a waiting flag cannot change it."""
    missing: tuple[str, ...]
    capacity: CapacityImpact
    strategy_name: str
    fingerprint: str
    values: tuple[float | None, ...] = field(repr=False)
    """Each applicable criterion's value, in plan order; `criteria` explains them."""
    plan: _Plan = field(repr=False, compare=False)
    thresholds: Thresholds = field(repr=False, compare=False)

    @property
    def deciding_rule(self) -> RuleResult | None:
        """The decline rule that fired first, else the accept rule, as `_verdict` ranks them;
        None when the score (or the lack of one) decided."""
        for action in ("decline", "accept"):
            for rule in self.rules:
                if rule.then == action:
                    return rule
        return None

    @property
    def under_rated(self) -> bool:
        """Too little of the weight has a value for the score to decide (`min_rated`)."""
        return self.rated_weight < self.thresholds.min_rated

    @property
    def reason(self) -> str:
        """Why the verdict is what it is, in a phrase short enough to sit beside it on an 80
        column line: the deciding rule's reason, the missing weight, or the score against the
        threshold it crossed. In the user's language; `to_json` keeps the English."""
        return self._reason(shown=True)

    def _reason(self, *, shown: bool) -> str:
        """`shown`: translated, with the language's numbers; else the English of the source
        with plain numbers, which the log stores, so that a stored evaluation reads the same
        whatever language the decision was made in."""
        rule = self.deciding_rule
        if rule is not None:
            return rule.reason
        words = _ if shown else str
        if self.score is None:
            return words(NOTHING_RATED)
        if self.under_rated:
            rated = math.floor(self.rated_weight * 100)
            needed = math.ceil(self.thresholds.min_rated * 100)
            share = (lambda n: i18n.percent(n / 100)) if shown else (lambda n: f"{n}%")
            return words(UNDER_RATED).format(rated=share(rated), needed=share(needed))
        accept, decline = self.thresholds.accept, self.thresholds.decline
        number = _localized if shown else _plain
        score = number(self.score, _digits(self.score, accept, decline))
        bounds = {"score": score, "accept": number(accept, None), "decline": number(decline, None)}
        message = {"accept": ACCEPTED_BY_SCORE, "decline": DECLINED_BY_SCORE}.get(
            self.verdict, CONSIDERED_BY_SCORE
        )
        return words(message).format(**bounds)

    @cached_property
    def criteria(self) -> tuple[CriterionResult, ...]:
        """Built on first use: batch scoring (triage lists, rescoring years of decisions)
        needs verdicts and scores, not twenty explanation objects per opportunity."""
        pairs = list(zip(self.plan.criteria, self.values, strict=True))
        rated = sum(weight for (_, _, weight), value in pairs if value is not None)
        return tuple(
            CriterionResult(
                ident,
                label,
                weight,
                value,
                100.0 * weight * value / rated if value is not None else 0.0,
            )
            for (ident, label, weight), value in pairs
        )

    @property
    def flags(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if r.then == "flag")

    def to_json(self) -> dict[str, object]:
        """The `--json` contract of `lighthouse check` (README documents every key)."""
        return {
            "verdict": self.verdict,
            "score": self.score,
            "provisional": self.provisional,
            "rated_weight": self.rated_weight,
            "min_rated": self.thresholds.min_rated,
            "under_rated": self.under_rated,
            "reason": self._reason(shown=False),
            "kind": self.kind,
            "criteria": [
                {
                    "id": c.id,
                    "label": c.label,
                    "weight": c.weight,
                    "value": c.value,
                    "points": c.points,
                }
                for c in self.criteria
            ],
            "rules": [{"id": r.id, "then": r.then, "reason": r.reason} for r in self.rules],
            "waiting": [
                {"id": r.id, "then": r.then, "reason": r.reason, "needs": list(r.needs)}
                for r in self.waiting
            ],
            "missing": list(self.missing),
            "capacity": {
                "hours_per_week": self.capacity.hours_per_week,
                "committed": self.capacity.committed,
                "available": self.capacity.available,
                "after": self.capacity.after,
            },
            "strategy": {"name": self.strategy_name, "fingerprint": self.fingerprint},
        }


class _Plans:
    """The plans worked out so far, per loaded strategy and kind: the filter's memo, kept
    beside the strategy rather than inside it, so a `LoadedStrategy` stays the value its
    `frozen` says. Keyed by the strategy's identity (hashing its fields would cost more than
    a plan saves) and held no longer than the strategy: a reloaded file's plans go with it."""

    def __init__(self) -> None:
        self._by_strategy: dict[int, dict[str, _Plan]] = {}

    def of(self, loaded: LoadedStrategy) -> dict[str, _Plan]:
        plans = self._by_strategy.get(id(loaded))
        if plans is None:
            # Finalizers run before the object's id can be reused by another.
            plans = self._by_strategy[id(loaded)] = {}
            weakref.finalize(loaded, self._by_strategy.pop, id(loaded), None)
        return plans

    def __len__(self) -> int:
        return len(self._by_strategy)


PLANS = _Plans()


def _digits(score: float, *bounds: float) -> int | None:
    """The decimals `score` is shown with: as many as it takes to stay on the same side of
    each threshold, since "score 65 ≥ 65" must never explain a 64.6. None: as `:g` shows it."""
    for digits in range(4):
        if all((round(score, digits) >= bound) == (score >= bound) for bound in bounds):
            return digits
    return None


def _localized(value: float, digits: int | None) -> str:
    """`_plain` in the language's marks, rounded as `_digits` rounds (`{:.2f}`): a score of
    39.995 is 39.99 against a threshold of 40, on screen as in the log."""
    return i18n.decimal(value, 6) if digits is None else i18n.fixed(value, digits)


def _plain(value: float, digits: int | None) -> str:
    """A number as the log stores it in a reason: `.` decimals, no grouping."""
    return f"{value:g}" if digits is None else f"{value:.{digits}f}"


def _plan(loaded: LoadedStrategy, kind: str) -> _Plan:
    plans = PLANS.of(loaded)
    plan = plans.get(kind)
    if plan is None:
        applicable = loaded.strategy.criteria_for(kind)
        plan = _Plan(
            criteria=tuple((c.id, c.label, c.weight) for c in applicable),
            rated=tuple((i, c.weight, c.id) for i, c in enumerate(applicable) if c.rating),
            computed=tuple(
                (i, c.weight, str(c.field), c.worst or 0.0, (c.best or 0.0) - (c.worst or 0.0))
                for i, c in enumerate(applicable)
                if not c.rating
            ),
            total_weight=sum(c.weight for c in applicable),
            rule_ratings=tuple(
                (name, name.removeprefix("rating."))
                for name in sorted({n for _, r in loaded.rules for n in r.names})
                if name.startswith("rating.")
            ),
        )
        plans[kind] = plan
    return plan


def evaluate(
    loaded: LoadedStrategy, opportunity: Opportunity, committed: float = 0.0
) -> Evaluation:
    strategy = loaded.strategy
    values = opportunity.values
    ratings = opportunity.ratings
    plan = _plan(loaded, opportunity.kind)

    scored: list[float | None] = [None] * len(plan.criteria)
    rated_weight = weighted = 0.0
    for position, weight, key in plan.rated:
        rating = ratings.get(key)
        if rating is not None:
            value = rating / RATING_MAX
            value = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
            scored[position] = value
            rated_weight += weight
            weighted += weight * value
    for position, weight, key, worst, span in plan.computed:
        raw = values.get(key)
        if raw is not None:
            value = (raw - worst) / span  # type: ignore[operator]
            value = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
            scored[position] = value
            rated_weight += weight
            weighted += weight * value
    score = 100.0 * weighted / rated_weight if rated_weight else None
    missing = ()
    if None in scored:
        missing = tuple(
            c[0] for c, value in zip(plan.criteria, scored, strict=True) if value is None
        )

    hours = strategy.capacity.hours_per_week
    available = hours - committed
    asked = values.get("hours_per_week")
    after = None if asked is None else available - asked  # type: ignore[operator]

    env: dict[str, object] = {
        **values,
        "kind": opportunity.kind,
        "capacity.hours_per_week": hours,
        "capacity.committed": committed,
        "capacity.available": available,
        "capacity.after": after,
        SCORE: score,
    }
    for name, ident in plan.rule_ratings:
        env[name] = ratings.get(ident)

    fired: list[RuleResult] = []
    waiting: list[RuleResult] = []
    for rule, compiled in loaded.rules:
        outcome = compiled.evaluate(env)
        if outcome:
            fired.append(RuleResult(rule.id, rule.then, rule.reason))
        elif outcome is None:
            needs = tuple(sorted(n for n in compiled.names if env.get(n) is None))
            waiting.append(RuleResult(rule.id, rule.then, rule.reason, needs))

    share = rated_weight / plan.total_weight if plan.total_weight else 0.0
    thresholds = strategy.thresholds
    return Evaluation(
        kind=opportunity.kind,
        verdict=_verdict(thresholds, None if share < thresholds.min_rated else score, fired),
        score=score,
        provisional=score is None or bool(missing) or any(rule.then != "flag" for rule in waiting),
        rated_weight=share,
        rules=tuple(fired),
        waiting=tuple(waiting),
        missing=missing,
        capacity=CapacityImpact(hours, committed, available, after),
        strategy_name=strategy.name,
        fingerprint=loaded.fingerprint,
        values=tuple(scored),
        plan=plan,
        thresholds=thresholds,
    )


def _verdict(thresholds: Thresholds, score: float | None, fired: list[RuleResult]) -> Verdict:
    """`score` is None when it may not decide: nothing rated, or less than `min_rated`."""
    if fired:
        actions = {r.then for r in fired}
        if "decline" in actions:
            return "decline"
        if "accept" in actions:
            return "accept"
    if score is None:
        return "consider"
    if score >= thresholds.accept:
        return "accept"
    if score < thresholds.decline:
        return "decline"
    return "consider"
