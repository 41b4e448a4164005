"""`--period`: every accepted form, the month arithmetic, the errors, and where a period
stands against the horizon."""

from datetime import date

import pytest

from lighthouse_tui.core.period import (
    PERIOD_FORMS,
    Period,
    PeriodError,
    all_time,
    horizon_note,
    parse_period,
)
from lighthouse_tui.core.strategy import Horizon

TODAY = date(2027, 3, 31)
HORIZON = Horizon(start=date(2026, 12, 1), end=date(2027, 5, 31))


def parse(text: str, horizon: Horizon | None = HORIZON) -> Period:
    return parse_period(text, today=TODAY, horizon=horizon)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("horizon", date(2026, 12, 1), date(2027, 5, 31), "horizon 2026-12-01 → 2027-05-31"),
        ("all", None, None, "all time"),
        ("30d", date(2027, 3, 1), TODAY, "last 30 days"),
        ("1d", date(2027, 3, 30), TODAY, "last 1 day"),
        ("12w", date(2027, 1, 6), TODAY, "last 12 weeks"),
        ("1m", date(2027, 2, 28), TODAY, "last 1 month"),
        ("6m", date(2026, 9, 30), TODAY, "last 6 months"),
        ("13m", date(2026, 2, 28), TODAY, "last 13 months"),
        ("2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (
            "2026-01-01..2026-06-30",
            date(2026, 1, 1),
            date(2026, 6, 30),
            "2026-01-01 → 2026-06-30",
        ),
        (" Horizon ", date(2026, 12, 1), date(2027, 5, 31), "horizon 2026-12-01 → 2027-05-31"),
        ("2026-03-05..2026-03-05", date(2026, 3, 5), date(2026, 3, 5), "2026-03-05 → 2026-03-05"),
    ],
)
def test_accepted_forms(text: str, start: date | None, end: date | None, label: str) -> None:
    period = parse(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.is_horizon == (text.strip().lower() == "horizon")


def test_horizon_without_one_is_all_time_and_says_why() -> None:
    period = parse("horizon", horizon=None)
    assert (period.start, period.end) == (None, None)
    assert "no horizon" in period.label


def test_contains_includes_both_ends() -> None:
    period = parse("2026-03")
    assert period.contains(date(2026, 3, 1))
    assert period.contains(date(2026, 3, 31))
    assert not period.contains(date(2026, 4, 1))
    assert all_time().contains(date(1, 1, 1))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "last month",
        "0d",
        "30x",
        "-3d",
        "2026-13",
        "2026-00",
        "2026-02-30..2026-03-01",
        "2026-06-30..2026-01-01",
        "26",
        "999999d",
        "2000m",
        "2026-01-01..",
        "0000",
    ],
)
def test_errors_name_the_accepted_forms(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse(text)
    message = str(caught.value)
    assert repr(text) in message
    assert PERIOD_FORMS in message


def test_reversed_range_says_which_end() -> None:
    with pytest.raises(PeriodError, match="2026-06-30 is after 2026-01-01"):
        parse("2026-06-30..2026-01-01")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 20), "starts in 11 days"),
        (date(2027, 1, 1), "Day 32 of 182 of the horizon 2026-12-01 → 2027-05-31; 150 days left"),
        (date(2027, 6, 10), "ended 10 days ago: time to review the strategy"),
    ],
)
def test_horizon_note_for_the_horizon(today: date, expected: str) -> None:
    period = parse_period("horizon", today=today, horizon=HORIZON)
    note = horizon_note(period, HORIZON, today)
    assert expected in note
    assert "this period" not in note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30d", "lies within it"),
        ("6m", "starts before it"),
        ("2025", "lies outside it"),
        ("all", "covers all of it and more"),
        ("2027-01-01..2027-12-31", "runs past its end"),
    ],
)
def test_horizon_note_for_other_periods(text: str, expected: str) -> None:
    note = horizon_note(parse(text), HORIZON, TODAY)
    assert note.startswith("Day 121 of 182")
    assert f"this period {expected}" in note


def test_horizon_note_without_a_horizon() -> None:
    assert "sets no horizon" in horizon_note(all_time(), None, TODAY)
