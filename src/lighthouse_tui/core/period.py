"""The stretch of time a review looks at, from what a user types after `--period`.

A strategy is a bet over its horizon, so the horizon is the default period; the other forms
answer the questions people actually ask ("the last 30 days", "March", "this year"). Parsing
needs `today` and the horizon passed in, so it stays pure and testable on any date.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lighthouse_tui.core.i18n import N_

if TYPE_CHECKING:  # the CLI builds its --help from PERIOD_FORMS: no pydantic for that
    from lighthouse_tui.core.strategy import Horizon

PERIOD_FORMS = N_(
    "horizon (the strategy's, the default), all, 30d, 12w, 6m (days, weeks or calendar "
    "months back from today), 2026, 2026-03, 2026-01-01..2026-06-30"
)
_RELATIVE = re.compile(r"(\d{1,5})([dwm])")
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_MAX_DAYS = 100 * 366
"""A relative period reaching further back than this is a typo, not a review."""


class PeriodError(ValueError):
    """The period text cannot be read; the message names the accepted forms."""


@dataclass(frozen=True, slots=True)
class Period:
    """Both ends included; None for an end that is open (all time)."""

    start: date | None
    end: date | None
    label: str
    """How the period reads in a title: "horizon 2026-12-01 → 2027-05-31", "last 30 days"."""
    is_horizon: bool = False

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


ALL_TIME = Period(None, None, "all time")


def parse_period(text: str, *, today: date, horizon: "Horizon | None") -> Period:
    """Raises PeriodError for anything but the forms in PERIOD_FORMS."""
    given = text.strip().lower()
    if given == "horizon":
        if horizon is None:
            return Period(None, None, "all time (the strategy sets no horizon)")
        return Period(horizon.start, horizon.end, f"horizon {horizon.start} → {horizon.end}", True)
    if given == "all":
        return ALL_TIME
    try:
        return _dated(given, today)
    except ValueError as exc:
        detail = f" ({exc})" if str(exc) else ""
        raise PeriodError(f"cannot read the period {text!r}{detail}; use {PERIOD_FORMS}") from None


def _dated(given: str, today: date) -> Period:
    if match := _RELATIVE.fullmatch(given):
        count, unit = int(match.group(1)), match.group(2)
        if count < 1:
            raise ValueError("count from 1")
        start = _months_back(today, count) if unit == "m" else _days_back(today, count, unit)
        word = {"d": "day", "w": "week", "m": "month"}[unit]
        return Period(start, today, f"last {count} {word}{'s' if count > 1 else ''}")
    if _YEAR.fullmatch(given):
        year = int(given)
        return Period(date(year, 1, 1), date(year, 12, 31), given)
    if match := _MONTH.fullmatch(given):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month:02d}")
        last = calendar.monthrange(year, month)[1]
        return Period(date(year, month, 1), date(year, month, last), given)
    if ".." in given:
        first, _, second = given.partition("..")
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(second.strip())
        if start > end:
            raise ValueError(f"{start} is after {end}")
        return Period(start, end, f"{start} → {end}")
    raise ValueError("")


def _days_back(today: date, count: int, unit: str) -> date:
    days = count * (7 if unit == "w" else 1)
    if days > _MAX_DAYS:
        raise ValueError("over a hundred years back")
    return today - timedelta(days=days)


def _months_back(today: date, count: int) -> date:
    """The same day of the month `count` calendar months ago, or that month's last day when
    it is shorter (31 March, one month back, is 28 or 29 February)."""
    if count > 1200:
        raise ValueError("over a hundred years back")
    index = today.year * 12 + today.month - 1 - count
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def horizon_note(period: Period, horizon: "Horizon | None", today: date) -> str:
    """Where the review stands against the strategy's horizon: a strategy is judged over the
    period it bet on, and its end is the moment to write the next one."""
    if horizon is None:
        return "The strategy sets no horizon: add one to review it as a bet over a set period."
    span = (horizon.end - horizon.start).days + 1
    if today < horizon.start:
        state = (
            f"The horizon {horizon.start} → {horizon.end} starts in {_days(horizon.start - today)}"
        )
    elif today > horizon.end:
        state = (
            f"The horizon {horizon.start} → {horizon.end} ended {_days(today - horizon.end)} ago: "
            "time to review the strategy and set the next one"
        )
    else:
        day = (today - horizon.start).days + 1
        state = (
            f"Day {day} of {span} of the horizon {horizon.start} → {horizon.end}; "
            f"{_days(horizon.end - today)} left"
        )
    if period.is_horizon:
        return f"{state}."
    return f"{state}; this period {_overlap(period, horizon)}."


def _days(delta: timedelta) -> str:
    return "1 day" if delta.days == 1 else f"{delta.days} days"


def _overlap(period: Period, horizon: "Horizon") -> str:
    starts_before = period.start is None or period.start < horizon.start
    ends_after = period.end is None or period.end > horizon.end
    if (period.end is not None and period.end < horizon.start) or (
        period.start is not None and period.start > horizon.end
    ):
        return "lies outside it (decisions made under another bet)"
    if starts_before and ends_after:
        return "covers all of it and more"
    if starts_before:
        return "starts before it (earlier decisions were made under another bet)"
    if ends_after:
        return "runs past its end"
    return "lies within it"
