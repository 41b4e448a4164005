"""NO_COLOR: what colour told apart is still read and told apart, by words and by the
styles a monochrome terminal keeps (bold, reverse), never drawn in its background's grey."""

from collections.abc import Callable

import pytest
from rich.segment import Segment
from textual.color import Color
from textual.widget import Widget
from textual.widgets import Checkbox

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.no_color import MIN_CONTRAST

from .conftest import SIZE, decide, drawn, item, settle


@pytest.fixture(autouse=True)
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read by Textual when the app is made."""
    monkeypatch.setenv("NO_COLOR", "1")


def segments(widget: Widget) -> list[Segment]:
    """What the terminal is sent for a widget, after the app's line filters."""
    return [seg for strip in widget.render_lines(widget.region.reset_offset) for seg in strip]


def contrast(segment: Segment) -> float:
    style = segment.style
    assert style is not None
    assert style.color is not None
    assert style.bgcolor is not None
    text, behind = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    return abs(text.brightness - behind.brightness)


async def test_a_decline_is_read_and_stands_out_without_colour(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("Cold pitch", fee=0.0, ratings={"alignment": 0.0}), final="accept")
    decide(log, loaded, item("Retainer", fee=1000.0, ratings={"alignment": 5.0}))
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_log")
        await settle(pilot)
        table = pilot.app.screen.query_one("#log-table")
        words = {seg.text.strip(): seg for seg in segments(table) if seg.text.strip()}
        decline, accept = words["decline"], words["accept"]
        assert decline.style is not None
        assert decline.style.reverse
        assert decline.style.bold
        assert contrast(decline) >= MIN_CONTRAST
        assert contrast(accept) >= MIN_CONTRAST
        assert accept.style is not None
        assert not accept.style.reverse


async def test_the_dry_run_box_shows_its_state_without_colour(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.app.run_action("import")
        await settle(pilot)
        box = pilot.app.screen.query_one("#import-dry-run", Checkbox)
        assert "X" not in drawn(box)
        box.value = True
        await settle(pilot)
        assert "X" in drawn(box)
