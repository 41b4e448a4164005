"""What the screens look like at 80×24, on a fixed day, compared with reviewed SVGs.

Update with `pytest tests/tui --snapshot-update` only after reading the report's differences.
"""

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from lighthouse_tui.tui.app import LighthouseApp

from .conftest import BROKEN, SIZE

SnapCompare = Callable[..., bool]


async def fill_in_a_check(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    screen.query_one("#field-title Input", Input).value = "Workshop for Acme"
    screen.query_one("#field-fee Input").focus()
    await pilot.press(*"800")
    screen.query_one("#field-hours_per_week Input").focus()
    await pilot.press("4")
    screen.query_one("#rating-alignment").focus()
    await pilot.press("4")


def test_check_screen_with_a_verdict(
    make_app: Callable[..., LighthouseApp], snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=fill_in_a_check)


def test_strategy_screen(make_app: Callable[..., LighthouseApp], snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_strategy)


async def show_strategy(pilot: Pilot[None]) -> None:
    await pilot.app.run_action("show_strategy")


def test_strategy_screen_of_a_broken_file(
    make_app: Callable[..., LighthouseApp], strategy_file: Path, snap_compare: SnapCompare
) -> None:
    strategy_file.write_text(BROKEN, encoding="utf-8")
    assert snap_compare(make_app(), terminal_size=SIZE)
