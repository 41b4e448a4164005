"""Logged decisions as the plain facts that reviews and rescoring work on.

Core never sees SQLite or a `DecisionRecord`: this is the one place a stored decision becomes
a `DecisionFact`. Stored evaluations are read with care, since every version of Lighthouse and
of the strategy wrote its own: a criterion entry of another shape gives no value, not an error.
"""

from datetime import date

from lighthouse_tui.core.period import Period
from lighthouse_tui.core.review import DecisionFact, Review, due_cutoff, review, review_of
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.store.records import DecisionRecord, stored_criteria
from lighthouse_tui.store.replay import committed_in


def decision_fact(record: DecisionRecord) -> DecisionFact:
    evaluation = record.evaluation
    return DecisionFact(
        id=record.id,
        day=record.decided_at.astimezone().date(),
        kind=record.kind,
        title=record.title,
        reflex=record.default_choice,
        verdict=record.verdict,
        final=record.final_choice,
        score=record.score,
        outcome=None if record.outcome is None else record.outcome.rating,
        criteria=stored_criteria(evaluation),
        hours_per_week=record.hours_per_week,
        weeks=record.weeks,
        fields=record.fields,
        ratings=record.ratings,
        committed=committed_in(evaluation),
        strategy=record.fingerprint,
    )


def read_facts(
    log: DecisionLog | None, since: date | None = None, until: date | None = None
) -> list[DecisionFact]:
    """Every decision between `since` and `until` (days where the user is, both included),
    oldest first; none when there is no log yet."""
    if log is None:
        return []
    return [decision_fact(r) for r in log.all_decisions(LogFilter(since=since, until=until))]


def review_log(log: DecisionLog | None, strategy: Strategy, period: Period, today: date) -> Review:
    """The review of `period` straight from the log, with every commitment that still takes
    hours in it: what `lighthouse review` and the app's review screen show. Tallied in SQL;
    a log opened read-only before its upgrade has its evaluations decoded instead."""
    if log is None:
        return review([], strategy, period, today)
    commitments = log.commitment_counts(period.start)
    counted = log.review_tally(
        period.start,
        period.end,
        due_cutoff(strategy, today),
        [c.id for c in strategy.criteria],
    )
    if counted is None:
        facts = read_facts(log, period.start, period.end)
        return review(facts, strategy, period, today, commitments.elements())
    return review_of(counted, strategy, period, today, commitments)
