"""A key that opens a text field, and the letters typed right after it in one burst (as a
terminal sends them): the letters go into the field, the first one included."""

from collections.abc import Callable

from textual.widgets import Input

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp

from .conftest import SIZE, burst, decide, item, settle


async def test_the_inbox_filter_keeps_the_first_letter_typed(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Régie chez Acme"))
    log.add(item("Podcast"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await burst(pilot, "slash", *"regie")
        await settle(pilot)
        assert pilot.app.screen.query_one("#inbox-filter", Input).value == "regie"


async def test_the_log_search_keeps_the_first_letter_typed(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("Retainer", fee=900.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.app.run_action("show_log")
        await settle(pilot)
        await burst(pilot, "slash", *"ret")
        await settle(pilot)
        assert pilot.app.screen.query_one("#log-search-input", Input).value == "ret"
