"""Committed hours over time, from accepted decisions.

An accepted opportunity with `hours_per_week` takes those hours from the day it was decided,
for `weeks` weeks, or with no end when `weeks` is not given.

Capacity is a weekly budget, so the one question everything asks is "how many hours are
committed in week W" (Monday to Sunday): the commitments active on at least one day of that
week. A yes given on a Thursday counts for that whole week, and a commitment ending on a
Tuesday still counts for its last week. `lighthouse capacity`, `check` (and its rules'
`capacity.*`) and the review's weeks all use this one definition, so they cannot disagree.
Pure: the store lists the commitments, this module does the arithmetic.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

WEEK = timedelta(weeks=1)


@dataclass(frozen=True, slots=True)
class Commitment:
    start: date
    hours_per_week: float
    weeks: float | None = None

    @property
    def end(self) -> date | None:
        """The first day it no longer counts, or None when open-ended."""
        if self.weeks is None:
            return None
        return self.start + timedelta(days=round(self.weeks * 7))

    def active_on(self, day: date) -> bool:
        end = self.end
        return self.start <= day and (end is None or day < end)

    def in_week(self, monday: date) -> bool:
        """Whether it is active on a day of the week starting `monday`."""
        span = self.weeks_span
        return span is not None and span[0] <= monday and (span[1] is None or monday < span[1])

    @property
    def weeks_span(self) -> tuple[date, date | None] | None:
        """The Monday of its first week and the Monday after its last week (None when
        open-ended); None when it has no active day at all."""
        end = self.end
        if end is not None and end <= self.start:
            return None
        return week_of(self.start), None if end is None else week_of(end - timedelta(days=1)) + WEEK


def week_of(day: date) -> date:
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def committed_in_week(commitments: Iterable[Commitment], day: date) -> float:
    """Hours committed in the week (Monday to Sunday) holding `day`."""
    monday = week_of(day)
    return sum(c.hours_per_week for c in commitments if c.in_week(monday))


def weekly_load(
    commitments: Iterable[Commitment], start: date, weeks: int
) -> list[tuple[date, float]]:
    """Committed hours in each of `weeks` weeks, from the week holding `start`: (Monday,
    hours) pairs."""
    items = list(commitments)
    monday = week_of(start)
    return [
        (day, committed_in_week(items, day)) for day in (monday + i * WEEK for i in range(weeks))
    ]


def sweep(commitments: Mapping[Commitment, int], mondays: Iterable[date]) -> list[float]:
    """`committed_in_week` for each of `mondays` (ascending), given how many times each
    commitment was made, in one sweep over their first and last weeks: a year of weeks over
    100,000 commitments costs a sort, not 5 million `in_week` calls. Each one's hours are
    still added one at a time, in sorted order, so the loads do not depend on the counting."""
    changes: list[tuple[date, float]] = []
    for c, times in commitments.items():
        span = c.weeks_span
        if span is None:
            continue
        changes.extend([(span[0], c.hours_per_week)] * times)
        if span[1] is not None:
            changes.extend([(span[1], -c.hours_per_week)] * times)
    changes.sort()
    loads: list[float] = []
    committed = 0.0
    index = 0
    for monday in mondays:
        while index < len(changes) and changes[index][0] <= monday:
            committed += changes[index][1]
            index += 1
        loads.append(round(committed, 6) + 0.0)
    return loads
