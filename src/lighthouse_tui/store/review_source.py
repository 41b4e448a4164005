"""Logged decisions as the plain facts that reviews and rescoring work on.

Core never sees SQLite or a `DecisionRecord`: this is the one place a stored decision becomes
a `DecisionFact`. Stored evaluations are read with care, since every version of Lighthouse and
of the strategy wrote its own: a criterion entry of another shape gives no value, not an error.
"""

import math
from datetime import date
from typing import Any

from lighthouse_tui.core.period import Period
from lighthouse_tui.core.review import DecisionFact, Review, review
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.store.replay import committed_then

_NUMBERS = (int, float)


def decision_fact(record: DecisionRecord) -> DecisionFact:
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
        criteria=stored_criteria(record.evaluation),
        hours_per_week=record.hours_per_week,
        weeks=record.weeks,
        fields=record.fields,
        ratings=record.ratings,
        committed=committed_then(record),
        strategy=record.fingerprint,
    )


def stored_criteria(evaluation: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """(id, value) of each criterion the evaluation valued, as it was valued that day."""
    entries = evaluation.get("criteria")
    if not isinstance(entries, list):
        return ()
    found = []
    for entry in entries:
        if type(entry) is not dict:
            continue
        ident, value = entry.get("id"), entry.get("value")
        # Exact types, as JSON decodes them: a bool is an int to isinstance, not a value.
        if type(ident) is str and type(value) in _NUMBERS and math.isfinite(value):
            found.append((ident, float(value)))
    return tuple(found)


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
    hours in it: what `lighthouse review` and the app's review screen show."""
    facts = read_facts(log, period.start, period.end)
    commitments = log.commitments(period.start) if log is not None else []
    return review(facts, strategy, period, today, commitments)
