"""Keys are discoverable: the footer, `?` for all of them, and the command palette."""

from collections.abc import Callable

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.help import HelpScreen
from lighthouse_tui.tui.screens.strategy import StrategyScreen

from .conftest import SIZE, text_of


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
            "s f3  Strategy",
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
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        await pilot.pause(0.1)
        options = palette.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Strategy" in prompt for prompt in prompts)
        await pilot.press("enter")
        await pilot.pause()
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
