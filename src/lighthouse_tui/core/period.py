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

from lighthouse_tui.core.i18n import N_, _, ngettext

if TYPE_CHECKING:  # the CLI builds its --help from PERIOD_FORMS: no pydantic for that
    from lighthouse_tui.core.strategy import Horizon

PERIOD_FORMS = N_(
    "horizon (the strategy's, the default), all, 30d, 12w, 6m (days, weeks or calendar "
    "months back from today), 2026, 2026-03, 2026-01-01..2026-06-30"
)
"""For `--help` and error messages: translated where shown (`_(PERIOD_FORMS)`)."""
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


def all_time() -> Period:
    """Every decision; a function, not a constant, so that its label speaks the language
    chosen after this module is imported."""
    return Period(None, None, _("all time"))


def parse_period(text: str, *, today: date, horizon: "Horizon | None") -> Period:
    """Raises PeriodError for anything but the forms in PERIOD_FORMS."""
    given = text.strip().lower()
    if given == "horizon":
        if horizon is None:
            return Period(None, None, _("all time (the strategy sets no horizon)"))
        label = _("horizon {start} → {end}").format(start=horizon.start, end=horizon.end)
        return Period(horizon.start, horizon.end, label, True)
    if given == "all":
        return all_time()
    try:
        return _dated(given, today)
    except ValueError as exc:
        message = (
            _("cannot read the period {text} ({detail}); use {forms}")
            if str(exc)
            else _("cannot read the period {text}; use {forms}")
        )
        raise PeriodError(
            message.format(text=repr(text), detail=exc, forms=_(PERIOD_FORMS))
        ) from None


def _dated(given: str, today: date) -> Period:
    if match := _RELATIVE.fullmatch(given):
        count, unit = int(match.group(1)), match.group(2)
        if count < 1:
            raise ValueError(_("count from 1"))
        start = _months_back(today, count) if unit == "m" else _days_back(today, count, unit)
        return Period(start, today, _last(count, unit).format(count=count))
    if _YEAR.fullmatch(given):
        year = int(given)
        return Period(date(year, 1, 1), date(year, 12, 31), given)
    if match := _MONTH.fullmatch(given):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(_("there is no month {month}").format(month=f"{month:02d}"))
        last = calendar.monthrange(year, month)[1]
        return Period(date(year, month, 1), date(year, month, last), given)
    if ".." in given:
        first, _dots, second = given.partition("..")
        start, end = date.fromisoformat(first.strip()), date.fromisoformat(second.strip())
        if start > end:
            raise ValueError(_("{start} is after {end}").format(start=start, end=end))
        return Period(start, end, _("{start} → {end}").format(start=start, end=end))
    raise ValueError("")


def _last(count: int, unit: str) -> str:
    if unit == "d":
        return ngettext("last {count} day", "last {count} days", count)
    if unit == "w":
        return ngettext("last {count} week", "last {count} weeks", count)
    return ngettext("last {count} month", "last {count} months", count)


def _days_back(today: date, count: int, unit: str) -> date:
    days = count * (7 if unit == "w" else 1)
    if days > _MAX_DAYS:
        raise ValueError(_("over a hundred years back"))
    return today - timedelta(days=days)


def _months_back(today: date, count: int) -> date:
    """The same day of the month `count` calendar months ago, or that month's last day when
    it is shorter (31 March, one month back, is 28 or 29 February)."""
    if count > 1200:
        raise ValueError(_("over a hundred years back"))
    index = today.year * 12 + today.month - 1 - count
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def horizon_note(period: Period, horizon: "Horizon | None", today: date) -> str:
    """Where the review stands against the strategy's horizon: a strategy is judged over the
    period it bet on, and its end is the moment to write the next one."""
    if horizon is None:
        return _("The strategy sets no horizon: add one to review it as a bet over a set period.")
    span = (horizon.end - horizon.start).days + 1
    dates = {"start": horizon.start, "end": horizon.end}
    if today < horizon.start:
        state = _("The horizon {start} → {end} starts in {days}").format(
            days=_days(horizon.start - today), **dates
        )
    elif today > horizon.end:
        state = _(
            "The horizon {start} → {end} ended {days} ago: time to review the strategy and set "
            "the next one"
        ).format(days=_days(today - horizon.end), **dates)
    else:
        day = (today - horizon.start).days + 1
        state = _("Day {day} of {span} of the horizon {start} → {end}; {days} left").format(
            day=day, span=span, days=_days(horizon.end - today), **dates
        )
    if period.is_horizon:
        return f"{state}."
    return _("{state}; {period}.").format(state=state, period=_overlap(period, horizon))


def _days(delta: timedelta) -> str:
    return ngettext("{count} day", "{count} days", delta.days).format(count=delta.days)


def _overlap(period: Period, horizon: "Horizon") -> str:
    """How the period sits against the horizon, as the second half of `horizon_note`."""
    starts_before = period.start is None or period.start < horizon.start
    ends_after = period.end is None or period.end > horizon.end
    if (period.end is not None and period.end < horizon.start) or (
        period.start is not None and period.start > horizon.end
    ):
        return _("this period lies outside it (decisions made under another bet)")
    if starts_before and ends_after:
        return _("this period covers all of it and more")
    if starts_before:
        return _("this period starts before it (earlier decisions were made under another bet)")
    if ends_after:
        return _("this period runs past its end")
    return _("this period lies within it")
