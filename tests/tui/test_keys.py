"""Keys are discoverable: the footer, `?` for all of them, and the command palette."""

from collections.abc import Callable

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import Input, OptionList

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.add import AddScreen
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.decide import DecideScreen
from lighthouse_tui.tui.screens.decline import DeclineMessageScreen
from lighthouse_tui.tui.screens.help import HelpScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.outcome import OutcomeScreen
from lighthouse_tui.tui.screens.reflex import ReflexScreen
from lighthouse_tui.tui.screens.strategy import StrategyScreen
from lighthouse_tui.tui.screens.triage import TriageScreen

from .conftest import SIZE, decide, drawn, item, settle, text_of


async def test_question_mark_lists_the_keys_of_the_screen_and_the_app(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        pilot.app.screen.query_one("#rating-alignment").focus()
        await pilot.press("question_mark")
        assert isinstance(pilot.app.screen, HelpScreen)
        keys = text_of(pilot.app.screen.query_one("#help-keys"))
        for expected in (
            "Rating a criterion",
            "0 1 2 3 4 5  Rate",
            "⌫  Clear",
            "Moving through the form",
            "Quick check",
            "^r  New check",
            "Everywhere",
            "s  Strategy",
            "f3  Strategy",
            "? f1  Help",
            "^q  Quit",
        ):
            assert expected in keys, expected
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, CheckScreen)


async def test_function_keys_work_even_while_typing(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.press("?", "s", "f1")
        assert isinstance(pilot.app.screen, HelpScreen)
        keys = text_of(pilot.app.screen.query_one("#help-keys"))
        assert "Input" not in keys
        assert "Rating a criterion (when focused)" in keys
        assert "0 1 2 3 4 5  Rate" in keys
        await pilot.press("escape", "f3")
        assert isinstance(pilot.app.screen, StrategyScreen)
        await pilot.press("f2")
        assert isinstance(pilot.app.screen, CheckScreen)
        assert pilot.app.screen.query_one("#field-title Input", Input).value == "?s"


async def test_the_command_palette_finds_the_strategy_screen(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"strategy")
        await settle(pilot)  # the palette searches in a worker
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        options = palette.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Strategy" in prompt for prompt in prompts)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StrategyScreen)


async def test_screen_actions_are_in_the_palette_too(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["New check"] == "Clear the form for the next opportunity"
        assert "Strategy" in commands
        assert "Check" not in commands
        await app.run_action("show_strategy")
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Reload", "Edit", "Check", "Help"} <= commands


SCREENS = (
    InboxScreen,
    TriageScreen,
    CheckScreen,
    LogScreen,
    StrategyScreen,
    AddScreen,
    ReflexScreen,
    DecideScreen,
    OutcomeScreen,
    DeclineMessageScreen,
)


@pytest.mark.parametrize("screen", SCREENS, ids=lambda screen: screen.__name__)
def test_every_binding_has_an_id_a_description_and_a_tooltip(screen: type[Screen[object]]) -> None:
    for binding in Binding.make_bindings(screen.BINDINGS):
        assert binding.id, binding
        assert binding.description, binding
        assert binding.tooltip, binding


async def test_every_inbox_action_is_in_the_palette(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Talk"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        app = pilot.app
        commands = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Triage", "Add", "Filter", "Archive", "Check", "Log", "Strategy"} <= commands
        assert "Undo" not in commands
        await pilot.press("x")
        await settle(pilot)
        assert "Undo" in {c.title for c in app.get_system_commands(app.screen)}


async def test_the_app_follows_the_terminal_size(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("A title long enough to be cut at eighty columns, not at 200"))
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_log")
        await settle(pilot)
        screen = pilot.app.screen
        table, detail = screen.query_one("#log-table"), screen.query_one("#log-detail")
        assert screen.has_class("-narrow")
        assert detail.region.y > table.region.y
        assert "…" in drawn(table)
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        assert screen.has_class("-wide")
        assert detail.region.x > table.region.x
        assert "not at 200" in drawn(table)
        await pilot.resize_terminal(60, 16)
        await settle(pilot)
        assert pilot.app.is_running
        assert "A title" in drawn(table)


async def test_the_palette_offers_only_what_works_now(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Triage's keys take arguments (`reflex('accept')`): the palette asks each the same
    question the keys do, so the reflex is not offered once the verdict is on screen."""
    log.add(item("Talk"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        app = pilot.app
        helps = {c.help for c in app.get_system_commands(app.screen)}
        assert "Your reflex, before the strategy speaks: unsure" in helps
        assert "Say yes: logged as accepted" not in helps
        await pilot.press("u")
        helps = {c.help for c in app.get_system_commands(app.screen)}
        assert "Your reflex, before the strategy speaks: unsure" not in helps
        assert "Say yes: logged as accepted" in helps


def footer_keys(screen: Screen[object]) -> set[str]:
    return {
        key
        for key, active in screen.active_bindings.items()
        if active.binding.show and active.enabled
    }


async def test_in_triage_the_app_letters_are_inert_and_the_function_keys_work(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """`l` is "later" and `c` "polite no" in triage: before the reflex as after it, they
    never go to the log or the check; f5 and f2 do, and the palette still lists them."""
    log.add(item("Talk", fee=500.0))
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert not {"i", "c", "l", "v", "s"} & footer_keys(screen)
        await pilot.press("l", "c", "i", "v", "s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.reflex is None
        commands = {c.title for c in pilot.app.get_system_commands(screen)}
        assert {"Log", "Check", "Strategy", "Review"} <= commands
        await pilot.press("n", "4", "i", "v", "s")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert {"l", "c"} <= footer_keys(screen)
        await pilot.press("f5")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LogScreen)
        assert {"i", "c", "s"} <= footer_keys(pilot.app.screen)
        await pilot.press("i")
        await settle(pilot)
        assert pilot.app.screen is screen
        await pilot.press("l", "enter")
        await settle(pilot)
        assert (pilot.app.screen, screen.index) == (screen, 1)
    assert log.decisions()[0].final_choice == "defer"
