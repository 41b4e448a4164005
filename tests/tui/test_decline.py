"""The triage's `c`: the polite no of the shared core builder, shown in a dialog and copied to
the clipboard; only the strategy's public words in it, in its language and tone."""

from collections.abc import Callable
from pathlib import Path

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.decline import DeclineMessageScreen
from lighthouse_tui.tui.screens.triage import TriageScreen

from .conftest import SIZE, STRATEGY, flat, item, screen_text, settle, text_of

FRENCH = STRATEGY.replace(
    "[capacity]", 'language = "fr"\n\n[decline]\ntone = "tu"\nsignature = "Camille"\n\n[capacity]'
).replace(
    'reason = "Not enough free hours"\n',
    'reason = "Not enough free hours"\ndecline_reason = "mon agenda est complet jusqu\'en mars"\n',
)


async def test_c_shows_and_copies_an_honest_no_without_private_reasons(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Big retainer", fee=1000.0, hours_per_week=20.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "5", "c")
        assert isinstance(pilot.app.screen, DeclineMessageScreen)
        message = pilot.app.clipboard
        assert "Thank you for thinking of me for “Big retainer”." in message
        assert "I'm afraid I can't take this on right now." in message
        assert "not enough free hours" not in message.lower()
        assert flat(message) in flat(text_of(pilot.app.screen.query_one("#decline-message")))
        assert "Copied to the clipboard" in flat(screen_text(pilot.app))
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, TriageScreen)


async def test_c_writes_in_french_with_tu_from_the_public_words(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    strategy_file.write_text(FRENCH, encoding="utf-8")
    log.add(item("Atelier", fee=1000.0, hours_per_week=20.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "5", "c")
        assert isinstance(pilot.app.screen, DeclineMessageScreen)
        message = pilot.app.clipboard
        assert message.startswith("Bonjour,\n\nMerci d'avoir pensé à moi pour « Atelier ».")
        assert "te suivre sur ce projet : mon agenda est complet jusqu'en mars." in message
        assert message.endswith("Bien à toi,\nCamille")
        assert flat(message) in flat(text_of(pilot.app.screen.query_one("#decline-message")))
