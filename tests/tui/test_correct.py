"""A decision's final choice corrected from the app: the last one from triage (ctrl+z, since
`u` is the reflex "unsure" there), any one from the log (u). The log keeps the choice it
replaces; nothing is rewritten silently."""

from collections.abc import Callable

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.correct import CorrectScreen
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.triage import TriageScreen

from .conftest import SIZE, decide, flat, item, notifications, settle, text_of


async def test_ctrl_z_in_triage_corrects_the_decision_just_recorded(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Retainer", fee=1000.0))
    log.add(item("Audit", fee=0.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        await pilot.press("ctrl+z")  # nothing recorded yet: nothing to correct
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CorrectScreen)
        await pilot.press("y", "5", "a", "enter")
        await settle(pilot)
        assert screen.item.title == "Audit"
        assert "ctrl+z corrects the last" in text_of(screen.query_one("#triage-progress"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, CorrectScreen)
        keys = flat(text_of(dialog.query_one("#question-keys")))
        assert "d decline" in keys
        assert "a accept" not in keys  # already accepted: no correction
        await pilot.press("a")  # the current choice does nothing
        await settle(pilot)
        assert pilot.app.screen is dialog
        await pilot.press("d", *"slip of the key", "enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.item.title == "Audit"  # the triage goes on where it was
        assert "Corrected “Retainer”: accept → decline" in notifications(pilot.app)
    (decision,) = log.decisions()
    assert (decision.title, decision.final_choice) == ("Retainer", "decline")
    (correction,) = log.corrections(decision.id)
    assert (correction.previous, correction.final, correction.note) == (
        "accept",
        "decline",
        "slip of the key",
    )
    assert log.pending_count() == 1


async def test_u_in_the_log_corrects_the_selected_decision_and_shows_the_history(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    first = decide(log, loaded, item("Keynote", fee=800.0, ratings={"alignment": 4.0}))
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_log")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LogScreen)
        await pilot.press("u", "l", *"client came back later", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, LogScreen)
        assert screen.records[str(first)].final_choice == "defer"
        detail = flat(text_of(screen.query_one("#log-detail-view")))
        assert "Corrected" in detail
        assert "client came back later" in detail
        await pilot.press("u", "escape")  # escaped: nothing changes
        await settle(pilot)
    assert log.decision(first).final_choice == "defer"
    assert [c.final for c in log.corrections(first)] == ["defer"]
