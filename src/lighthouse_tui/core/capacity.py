"""Committed hours over time, from accepted decisions.

An accepted opportunity with `hours_per_week` takes those hours from the day it was decided,
for `weeks` weeks, or with no end when `weeks` is not given. Pure: the store lists the
commitments, this module does the arithmetic for `check`, rules and `lighthouse capacity`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta


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


def committed_on(commitments: Iterable[Commitment], day: date) -> float:
    return sum(c.hours_per_week for c in commitments if c.active_on(day))


def weekly_load(
    commitments: Iterable[Commitment], start: date, weeks: int
) -> list[tuple[date, float]]:
    """Committed hours at the start of each of the next `weeks` weeks."""
    items = list(commitments)
    days = [start + timedelta(weeks=i) for i in range(weeks)]
    return [(day, committed_on(items, day)) for day in days]
