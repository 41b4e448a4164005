"""The header's words about the horizon and the file, in English and in French, with the
plural each count asks for."""

from datetime import date

import pytest

from lighthouse_tui.core.strategy import Horizon
from lighthouse_tui.tui.widgets.header import days_left_text, horizon_warning

HORIZON = Horizon(start=date(2027, 1, 1), end=date(2027, 6, 30))


@pytest.mark.parametrize(
    ("today", "left", "warning"),
    [
        (
            date(2027, 6, 29),
            "1 day left",
            "⚠ The horizon ends in 1 day: time to review the strategy",
        ),
        (date(2027, 6, 30), "0 days left", "⚠ The horizon ends today: time to review the strategy"),
        (date(2027, 7, 2), "", "⚠ The horizon ended 2 days ago: time to review"),
    ],
)
def test_the_horizon_in_english(today: date, left: str, warning: str) -> None:
    assert days_left_text(HORIZON, today).plain == left
    assert horizon_warning(HORIZON, today) == warning


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("today", "left", "warning"),
    [
        (
            date(2027, 6, 29),
            "1 jour restant",
            "⚠ L'horizon se termine dans 1 jour : il est temps de revoir la stratégie",
        ),
        (
            date(2027, 6, 20),
            "10 jours restants",
            "⚠ L'horizon se termine dans 10 jours : il est temps de revoir la stratégie",
        ),
        (
            date(2027, 7, 1),
            "",
            "⚠ L'horizon est terminé depuis 1 jour : il est temps de revoir la stratégie",
        ),
    ],
)
def test_the_horizon_in_french(today: date, left: str, warning: str) -> None:
    assert days_left_text(HORIZON, today).plain == left
    assert horizon_warning(HORIZON, today) == warning
