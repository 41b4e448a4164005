"""The filter: a strategy and an opportunity in, an explained verdict out.

Exactly DESIGN §4. Pure: the same strategy, opportunity and committed hours always give the
same evaluation. Per-kind work (which criteria apply, their ranges) is planned once per
strategy and kind, because triage and rescoring evaluate thousands of opportunities.
"""

from dataclasses import dataclass
from typing import Literal

from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.core.opportunity import RATING_MAX, Opportunity, Value
from lighthouse_tui.core.vocabulary import SCORE, rating_name

Verdict = Literal["accept", "decline", "consider"]
RuleAction = Literal["decline", "accept", "flag"]


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    label: str
    weight: float
    value: float | None
    """0–1, or None when the rating or field is missing."""
    points: float
    """This criterion's share of the score: the points of all criteria add up to the score."""


@dataclass(frozen=True, slots=True)
class RuleResult:
    id: str
    then: RuleAction
    reason: str
    needs: tuple[str, ...] = ()
    """For a waiting rule, the names whose values are missing."""


@dataclass(frozen=True, slots=True)
class CapacityImpact:
    hours_per_week: float
    committed: float
    available: float
    after: float | None
    """Hours left if this is accepted; None when the opportunity gives no hours."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    kind: str
    verdict: Verdict
    score: float | None
    provisional: bool
    rated_weight: float
    criteria: tuple[CriterionResult, ...]
    rules: tuple[RuleResult, ...]
    """Rules that fired, in file order."""
    waiting: tuple[RuleResult, ...]
    """Rules that could not be decided because a value they read is missing."""
    missing: tuple[str, ...]
    capacity: CapacityImpact
    strategy_name: str
    fingerprint: str

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


@dataclass(frozen=True, slots=True)
class _Planned:
    id: str
    label: str
    weight: float
    rating: bool
    key: str
    """The rating's criterion id, or the field's name."""
    worst: float
    span: float


def _plan(loaded: LoadedStrategy, kind: str) -> tuple[_Planned, ...]:
    plan = loaded.plans.get(kind)
    if plan is None:
        plan = tuple(
            _Planned(c.id, c.label, c.weight, True, c.id, 0.0, float(RATING_MAX))
            if c.rating
            else _Planned(
                c.id,
                c.label,
                c.weight,
                False,
                str(c.field),
                float(c.worst or 0),
                float(c.best or 0) - float(c.worst or 0),
            )
            for c in loaded.strategy.criteria_for(kind)
        )
        loaded.plans[kind] = plan
    return plan


def evaluate(
    loaded: LoadedStrategy, opportunity: Opportunity, committed: float = 0.0
) -> Evaluation:
    strategy = loaded.strategy
    values = opportunity.values
    ratings = opportunity.ratings
    plan = _plan(loaded, opportunity.kind)

    scored: list[tuple[_Planned, float | None]] = []
    total_weight = rated_weight = weighted = 0.0
    for item in plan:
        total_weight += item.weight
        raw = ratings.get(item.key) if item.rating else values.get(item.key)
        if raw is None:
            scored.append((item, None))
            continue
        value = (float(raw) - item.worst) / item.span  # type: ignore[arg-type]
        value = 0.0 if value < 0.0 else 1.0 if value > 1.0 else value
        scored.append((item, value))
        rated_weight += item.weight
        weighted += item.weight * value

    score = 100.0 * weighted / rated_weight if rated_weight else None
    criteria = tuple(
        CriterionResult(
            item.id,
            item.label,
            item.weight,
            value,
            100.0 * item.weight * value / rated_weight if value is not None else 0.0,
        )
        for item, value in scored
    )

    hours = strategy.capacity.hours_per_week
    available = hours - committed
    asked = values.get("hours_per_week")
    capacity = CapacityImpact(
        hours,
        committed,
        available,
        available - float(asked) if asked is not None else None,  # type: ignore[arg-type]
    )

    env: dict[str, Value | None] = dict(values)
    env["kind"] = opportunity.kind
    for ident, rating in ratings.items():
        env[rating_name(ident)] = rating
    env["capacity.hours_per_week"] = hours
    env["capacity.committed"] = committed
    env["capacity.available"] = available
    env["capacity.after"] = capacity.after
    env[SCORE] = score

    fired: list[RuleResult] = []
    waiting: list[RuleResult] = []
    for rule, compiled in loaded.rules:
        outcome = compiled.evaluate(env)
        if outcome:
            fired.append(RuleResult(rule.id, rule.then, rule.reason))
        elif outcome is None:
            needs = tuple(sorted(n for n in compiled.names if env.get(n) is None))
            waiting.append(RuleResult(rule.id, rule.then, rule.reason, needs))

    verdict = _verdict(loaded, score, fired)
    missing = tuple(item.id for item, value in scored if value is None)
    return Evaluation(
        kind=opportunity.kind,
        verdict=verdict,
        score=score,
        provisional=bool(missing or waiting) or score is None,
        rated_weight=rated_weight / total_weight if total_weight else 0.0,
        criteria=criteria,
        rules=tuple(fired),
        waiting=tuple(waiting),
        missing=missing,
        capacity=capacity,
        strategy_name=strategy.name,
        fingerprint=loaded.fingerprint,
    )


def _verdict(loaded: LoadedStrategy, score: float | None, fired: list[RuleResult]) -> Verdict:
    if any(r.then == "decline" for r in fired):
        return "decline"
    if any(r.then == "accept" for r in fired):
        return "accept"
    if score is None:
        return "consider"
    thresholds = loaded.strategy.thresholds
    if score >= thresholds.accept:
        return "accept"
    if score < thresholds.decline:
        return "decline"
    return "consider"
