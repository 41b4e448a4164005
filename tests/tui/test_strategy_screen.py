"""The strategy screen: a broken file never crashes the app, and a fixed one is picked up."""

import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from lighthouse_tui.core.locations import user_strategy_path
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.confirm import ConfirmScreen
from lighthouse_tui.tui.screens.strategy import StrategyScreen
from lighthouse_tui.tui.widgets.rating import RatingRow

from .conftest import BROKEN, SIZE, STRATEGY, drawn, notifications, text_of


async def test_a_broken_strategy_opens_on_its_problems(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    strategy_file.write_text(BROKEN, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, StrategyScreen)
        shown = text_of(screen.query_one("#strategy-view"))
        assert "strategy.toml: 2 problems" in shown
        assert "strategy.toml:24:1: criteria[1].colour: unknown key 'colour'" in shown
        assert "strategy.toml:39:9: rules[0].when: unknown name 'hours_per_wek'" in shown
        assert "(did you mean 'hours_per_week'?)" in shown
        assert "Checks open once it loads." in shown
        assert "No strategy loaded" in text_of(screen.query_one("#header-name"))
        await pilot.press("c")
        assert isinstance(pilot.app.screen, StrategyScreen)
        assert pilot.app.is_running


async def test_a_missing_file_is_a_problem_not_a_crash(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app(Path("nowhere.toml")).run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, StrategyScreen)
        shown = text_of(pilot.app.screen.query_one("#strategy-view"))
        assert "nowhere.toml: no such file" in shown
        assert "`lighthouse strategy init` writes one, r reloads it." in shown


async def test_reloading_a_fixed_file_makes_the_check_available(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    strategy_file.write_text(BROKEN, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        strategy_file.write_text(STRATEGY, encoding="utf-8")
        await pilot.press("r")
        assert "Test coaching" in text_of(pilot.app.screen.query_one("#header-name"))
        assert "Rules" in text_of(pilot.app.screen.query_one("#strategy-view"))
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CheckScreen)


async def test_a_broken_reload_keeps_the_last_good_strategy_and_the_check(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        pilot.app.screen.query_one("#rating-alignment", RatingRow).focus()
        await pilot.press("4", "s")
        strategy_file.write_text(BROKEN, encoding="utf-8")
        await pilot.press("r")
        shown = text_of(pilot.app.screen.query_one("#strategy-view"))
        assert "2 problems" in shown
        assert "Checks use the last good version, below." in shown
        notice = pilot.app.screen.query_one("#header-notice")
        assert notice.display
        assert "checks use the last version that loaded" in text_of(notice)
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CheckScreen)
        assert pilot.app.screen.query_one("#rating-alignment", RatingRow).rating == 4


async def test_a_reload_carries_the_check_over_to_the_new_strategy(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        pilot.app.screen.query_one("#field-fee Input").focus()
        await pilot.press("8", "0", "0")
        strategy_file.write_text(
            STRATEGY.replace("Pays enough", "Pays well").replace("accept = 65", "accept = 60"),
            encoding="utf-8",
        )
        pilot.app.reload_strategy()
        await pilot.pause()
        assert pilot.app.screen.query_one("#field-fee Input").value == "800"
        assert "Pays well" in text_of(pilot.app.screen.query_one("#evaluation"))


MARKUP = "[bold red]x[/] [link=https://example.com]y[/link]"


async def test_markup_in_user_text_is_shown_literally(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    strategy_file.write_text(
        STRATEGY.replace("Be the coach B2B consultants think of first", MARKUP)
        .replace("Moves me toward the lighthouse", MARKUP)
        .replace("How much does this move you toward your lighthouse?", MARKUP),
        encoding="utf-8",
    )
    async with make_app().run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        screen.query_one("#rating-alignment").focus()
        await pilot.press("5")
        for selector in ("#header-lighthouse", "#evaluation", "#rating-alignment"):
            assert MARKUP in drawn(screen.query_one(selector)), selector
        await pilot.press("s")
        assert MARKUP in drawn(pilot.app.screen.query_one("#strategy-view"))


async def test_escape_sequences_never_reach_the_terminal(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    """The schema refuses control characters in a strategy's text, but a problem message
    quotes what it refuses: here a key, which TOML lets a user spell with `\\u001b`."""
    strategy_file.write_text('"\\u001b[31mred" = 1\n' + STRATEGY, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        shown = drawn(pilot.app.screen.query_one("#strategy-view"))
        assert "\\x1b[31mred" in shown
        assert "\x1b" not in shown


async def test_editing_the_example_copies_it_first(
    make_app: Callable[..., LighthouseApp],
    strategy_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    async with make_app(is_example=True).run_test(size=SIZE) as pilot:
        assert "example strategy" in text_of(pilot.app.screen.query_one("#header-notice"))
        await pilot.app.run_action("show_strategy")
        await pilot.press("e")
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("y")
        copy = user_strategy_path()
        assert copy.read_bytes() == strategy_file.read_bytes()
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700
        assert pilot.app.state.location.path == copy
        assert not pilot.app.state.location.is_example
        assert pilot.app.screen.query_one("#header-notice").display is False
        assert any("cannot hand over to an editor" in m for m in notifications(pilot.app))


async def test_editing_the_example_never_overwrites_an_existing_copy(
    make_app: Callable[..., LighthouseApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    copy = user_strategy_path()
    copy.parent.mkdir(parents=True)
    copy.write_text(STRATEGY.replace("Test coaching", "Mine"), encoding="utf-8")
    async with make_app(is_example=True).run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_strategy")
        await pilot.press("e", "y")
        assert "Mine" in copy.read_text(encoding="utf-8")
        assert "Mine" in text_of(pilot.app.screen.query_one("#header-name"))
        assert any("already exists" in m for m in notifications(pilot.app))


async def test_declining_the_copy_changes_nothing(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app(is_example=True).run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_strategy")
        await pilot.press("e", "n")
        assert isinstance(pilot.app.screen, StrategyScreen)
        assert not user_strategy_path().exists()
        assert pilot.app.state.location.is_example
