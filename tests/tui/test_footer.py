"""The footer shows whole keys only, and always `? Help`: at 80 columns it used to end in a
key cut mid-word under the palette key (`s Str▏`)."""

from collections.abc import Callable

import pytest
from textual.widget import Widget

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.widgets.footer import KeysFooter
from lighthouse_tui.tui.widgets.rating import RatingRow

from .conftest import decide, item, settle


def shown_keys(footer: KeysFooter) -> list[Widget]:
    return [
        child
        for child in footer.children
        if child.display and not child.has_class("-command-palette")
    ]


@pytest.mark.parametrize(
    ("action", "width"),
    [("show_review", 80), ("show_inbox", 80), ("show_log", 80), ("show_inbox", 50)],
)
async def test_keys_that_do_not_fit_are_left_out_whole_and_help_stays(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    action: str,
    width: int,
) -> None:
    log.add(item("Waiting"))
    decide(log, loaded, item("Done"))
    async with make_app().run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        await pilot.app.run_action(action)
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeysFooter)
        palette = footer.query_one(".-command-palette")

        def fitted() -> bool:
            keys = shown_keys(footer)
            return bool(keys) and all(key.region.right <= palette.region.x for key in keys)

        assert fitted()
        assert "help" in [getattr(key, "action", None) for key in shown_keys(footer)]


async def test_a_wider_terminal_shows_the_keys_left_out(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.app.run_action("show_review")
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeysFooter)
        actions = [getattr(key, "action", None) for key in shown_keys(footer)]
        assert "letter('show_strategy')" not in actions
        await pilot.resize_terminal(160, 24)
        await settle(pilot)
        actions = [getattr(key, "action", None) for key in shown_keys(footer)]
        assert "letter('show_strategy')" in actions


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize("action", ["show_check", "show_inbox", "show_log", "show_review"])
async def test_french_keys_are_translated_and_still_fit_whole(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, action: str
) -> None:
    """The French words are longer: the footer measures them as shown, not as declared."""
    log.add(item("Waiting"))
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.app.run_action(action)
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeysFooter)
        palette = footer.query_one(".-command-palette")
        keys = shown_keys(footer)
        assert keys
        assert all(key.region.right <= palette.region.x for key in keys)
        words = " ".join(getattr(key, "description", "") for key in footer.children)
        assert "Aide" in words
        assert "Help" not in words
        assert getattr(palette, "tooltip", None) == "Ouvrir la palette de commandes"


@pytest.mark.usefixtures("french")
async def test_the_check_screen_keys_and_the_rating_group_speak_french(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pilot.app.screen.query(RatingRow).first().focus()
        await settle(pilot)
        footer = pilot.app.screen.query_one(KeysFooter)
        shown = [
            str(getattr(child, "description", "") or getattr(child, "content", ""))
            for child in footer.query("*")
        ]
        assert {"Recommencer", "Enregistrer", "Noter"} <= set(shown), shown
        tooltips = {str(child.tooltip) for child in footer.query("*") if child.tooltip}
        assert "Noter le critère de 0 (pas du tout) à 5 (pleinement)" in tooltips
