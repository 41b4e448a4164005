"""Seed a decision log with a realistic stretch of decisions, for trying `lighthouse review`,
`lighthouse strategy rescore`, the app's review screen and its screenshots.

    .venv/bin/python benchmarks/seed_log.py --db PATH --strategy FILE --days 365
        [--earlier OLD.toml] [--end DATE] [--seed N]

The story it tells: each opportunity has a hidden fit (how far it leads toward the lighthouse)
and a hidden ease (how well it suits the person). The first two rated criteria of the strategy
are the user's noisy reading of those two; the other ratings are guesses. The reflex chases
fees, the filter reads the criteria, the person mostly follows the filter. Outcomes follow fit
and ease, not fees, and suffer when the week is over capacity; a decline turns out well when
what was declined was poor. So the review has something true to find.

Every decision goes through `DecisionLog.record` and `add_outcome` with a clock set to its
day, exactly as the CLI and the app write them. Refuses to touch an existing file.
"""

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from lighthouse_tui.core.capacity import committed_in_week
from lighthouse_tui.core.filter import Evaluation, evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity, Value
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.records import DefaultChoice, FinalChoice

TITLES = {
    "client_request": [
        "Email sequence for {who}",
        "Newsletter relaunch for {who}",
        "Copy review of {who}'s landing page",
        "Half-day workshop for {who}'s sales team",
        "Urgent website rewrite for {who}",
        "Six-week coaching for {who}",
    ],
    "partner_offer": [
        "Co-hosted webinar with {who}",
        "Affiliate deal with {who}",
        "Joint programme with {who}",
        "Referral partnership with {who}",
    ],
    "opportunity": [
        "Guest article for {who}",
        "Podcast interview with {who}",
        "Free audit requested by {who}",
        "Beta access to {who}'s new tool",
    ],
    "speaking": [
        "Talk at {who}'s annual meetup",
        "Keynote for {who}",
        "Panel seat at {who}'s conference",
    ],
    "tool_offer": ["Free year of {who}'s e-mail tool", "Sponsored review of {who}'s app"],
}
FALLBACK_TITLES = ["Proposal from {who}", "Request from {who}"]
WHO = [
    "Atelier Nord",
    "Bergamot & Co",
    "Clara Moss",
    "Delta Advisory",
    "Eloise Martin",
    "Fjord Consulting",
    "Gaspard | Partners",
    "Helio*Studio",
    "Ines Duarte",
    "Juniper HR",
    "Kestrel Labs",
    "Lumen Collective",
]


@dataclass(frozen=True)
class Hidden:
    """What the person cannot see at decision time, and what the outcome depends on."""

    fit: float
    ease: float


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _clip(value: float, low: float, high: float) -> float:
    return low if value < low else high if value > high else value


def _rating(rng: random.Random, truth: float) -> float:
    return float(round(_clip(truth * 5 + rng.gauss(0, 0.7), 0, 5)))


def opportunity(rng: random.Random, strategy: Strategy, hidden: Hidden) -> Opportunity:
    kind = rng.choices(strategy.all_kinds, weights=[5, 3, 2, *[1] * len(strategy.kinds)])[0]
    templates = TITLES.get(kind, FALLBACK_TITLES)
    title = rng.choice(templates).format(who=rng.choice(WHO))
    values: dict[str, Value] = {
        "title": title,
        "fee": float(round(rng.lognormvariate(7, 0.8), -1)) if kind != "partner_offer" else 0.0,
        "hours_per_week": float(rng.choice([0.5, 1, 1, 1, 2, 2, 3])),
        "weeks": float(rng.choice([1, 1, 2, 2, 3, 4, 6, 12])),
        "source": rng.choice(["email", "linkedin", "referral", "event"]),
    }
    for name, kind_of in strategy.fields.items():
        if kind_of is ValueType.NUMBER:
            values[name] = float(rng.randrange(0, 400, 10))
        elif kind_of is ValueType.BOOL:
            values[name] = rng.random() < 0.7
    rated = [c for c in strategy.criteria_for(kind) if c.rating]
    truths = [hidden.fit, hidden.ease]
    ratings = {
        c.id: _rating(rng, truths[i] if i < len(truths) else rng.random())
        for i, c in enumerate(rated)
        if rng.random() < 0.95
    }
    return Opportunity(kind, values, ratings)


def reflex(rng: random.Random, fee: float) -> DefaultChoice:
    """Yes by default, more so when money is on the table."""
    draw = rng.random()
    if draw < 0.12:
        return "unsure"
    return "accept" if draw < 0.5 + 0.35 * _clip(fee / 3000, 0, 1) else "decline"


def final(rng: random.Random, default: DefaultChoice, evaluation: Evaluation) -> FinalChoice:
    verdict = evaluation.verdict
    if verdict == "consider":
        if default != "unsure" and rng.random() < 0.6:
            return default
        return "defer" if rng.random() < 0.4 else rng.choice(["accept", "decline"])
    if default not in ("unsure", verdict) and rng.random() < 0.3:
        return default
    return verdict


def outcome(rng: random.Random, choice: FinalChoice, hidden: Hidden, overloaded: bool) -> int:
    quality = 0.6 * hidden.fit + 0.4 * hidden.ease
    if choice == "accept":
        value = 1 + 4 * quality - (1.0 if overloaded else 0.0)
    else:
        value = 5 - 3 * quality
    return round(_clip(value + rng.gauss(0, 0.5), 1, 5))


@dataclass
class Pending:
    """A decision waiting for its review date, with what its outcome will depend on."""

    day: date
    ident: int
    chosen: FinalChoice
    hidden: Hidden
    overloaded: bool


class Seeder:
    """Writes one day at a time: the day's decisions, then the outcomes that fall due."""

    def __init__(self, log: DecisionLog, clock: Clock, rng: random.Random) -> None:
        self.log = log
        self.clock = clock
        self.rng = rng
        self.pending: list[Pending] = []
        self.decisions = self.outcomes = 0

    def at(self, day: date, hour: int, minute: int = 0) -> None:
        self.clock.now = datetime.combine(day, time(hour, minute)).astimezone().astimezone(UTC)

    def decide(self, loaded: LoadedStrategy, day: date) -> None:
        rng = self.rng
        hidden = Hidden(rng.random(), rng.random())
        opp = opportunity(rng, loaded.strategy, hidden)
        committed = committed_in_week(self.log.commitments(), day)
        evaluation = evaluate(loaded, opp, committed=committed)
        default = reflex(rng, float(opp.values.get("fee", 0.0)))  # type: ignore[arg-type]
        chosen = final(rng, default, evaluation)
        hours = float(opp.values.get("hours_per_week", 0.0))  # type: ignore[arg-type]
        ident = self.log.record(
            opportunity=opp,
            evaluation=evaluation,
            strategy=loaded,
            default_choice=default,
            final_choice=chosen,
        )
        overloaded = committed + hours > loaded.strategy.capacity.hours_per_week
        self.pending.append(Pending(day, ident, chosen, hidden, overloaded))
        self.decisions += 1

    def rate_due(self, today: date, after_days: int) -> None:
        """Rate, on `today`, three in four of the decisions that reached their review date;
        the rest stay due, as in real life."""
        after = timedelta(days=after_days)
        while self.pending and self.pending[0].day + after <= today:
            item = self.pending.pop(0)
            if item.chosen == "defer" or self.rng.random() > 0.75:
                continue
            self.at(today, 18)
            rating = outcome(self.rng, item.chosen, item.hidden, item.overloaded)
            self.log.add_outcome(item.ident, rating, happened_on=today)
            self.outcomes += 1


def seed(
    path: Path,
    strategies: tuple[LoadedStrategy | None, LoadedStrategy],
    days: int,
    end: date,
    rng: random.Random,
) -> Seeder:
    """Decisions over `days` days up to `end`, then five items left in the inbox; the
    earlier strategy (if any) scores the first half."""
    earlier, current = strategies
    clock = Clock()
    with DecisionLog.open(path, clock=clock) as log:
        seeder = Seeder(log, clock, rng)
        for offset in range(days, 0, -1):
            day = end - timedelta(days=offset - 1)
            loaded = earlier if earlier is not None and offset > days // 2 else current
            count = rng.choice([0, 1, 1, 2, 3]) if day.weekday() < 5 else rng.choice([0, 0, 1])
            for minute in sorted(rng.randrange(8 * 60, 19 * 60) for _ in range(count)):
                seeder.at(day, minute // 60, minute % 60)
                seeder.decide(loaded, day)
            seeder.rate_due(day, current.strategy.review.after_days)
        for _ in range(5):
            log.add(opportunity(rng, current.strategy, Hidden(rng.random(), rng.random())))
    return seeder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="the log to create")
    parser.add_argument("--strategy", required=True, type=Path, help="the strategy of today")
    parser.add_argument("--earlier", type=Path, help="an earlier strategy for the first half")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--end", type=date.fromisoformat, default=date.today())
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    if args.db.exists():
        print(f"{args.db} exists; seed_log only creates new logs", file=sys.stderr)
        return 2
    try:
        current = load_strategy_file(args.strategy)
        earlier = load_strategy_file(args.earlier) if args.earlier else None
    except ProblemsError as exc:
        print(exc, file=sys.stderr)
        return 2
    done = seed(args.db, (earlier, current), args.days, args.end, random.Random(args.seed))
    print(
        f"{args.db}: {done.decisions} decisions over {args.days} days, "
        f"{done.outcomes} outcomes rated, 5 items left in the inbox"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
