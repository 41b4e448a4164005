"""Triage by keys alone: the reflex first, with nothing of the verdict in existence; then the
ratings and the verdict; then the final choice, recorded in the log."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.decide import DecideScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.triage import TriageScreen
from lighthouse_tui.tui.widgets.assessment import Assessment
from lighthouse_tui.tui.widgets.rating import RatingRow

from .conftest import (
    FOUR_RATED,
    SIZE,
    burst,
    flat,
    item,
    notifications,
    screen_text,
    settle,
    text_of,
)

VERDICT_WORDS = ("ACCEPT", "DECLINE", "CONSIDER", "score", "points", "dealbreaker", "/100")


def seed_three(log: DecisionLog) -> None:
    """In the inbox's order, oldest first: Keynote, Retainer, Audit."""
    notes = "\n".join(f"line {n}" for n in range(60))
    log.add(item("Keynote", fee=500.0, source="ann@example.com", notes=notes))
    log.add(item("Retainer", fee=1000.0, hours_per_week=2.0))
    log.add(item("Audit", fee=0.0, hours_per_week=2.0))


async def test_three_items_triaged_by_keys_alone_land_in_the_log(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, db_path: Path
) -> None:
    seed_three(log)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        await pilot.press("enter")
        # Keynote: reflex unsure; alignment 3 → consider; later, no note.
        await pilot.press("u", "3", "l", "enter")
        await settle(pilot)
        # Retainer: reflex decline; alignment 5 → accept; accepted with a note.
        await pilot.press("n", "5", "a", *"fits", "enter")
        await settle(pilot)
        # Audit: reflex accept; alignment 0 → decline; accepted anyway: why is asked.
        await pilot.press("y", "0", "a")
        prompt = text_of(pilot.app.screen.query_one("#note-prompt"))
        assert "The filter said decline and you accept: why, in one line?" in prompt
        await pilot.press(*"pal", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert "That was the last item (3 decided): back to the inbox" in notifications(pilot.app)
        assert "Nothing waits in the inbox" in screen_text(pilot.app)
    decisions = {d.title: d for d in log.decisions()}
    keynote, retainer, audit = decisions["Keynote"], decisions["Retainer"], decisions["Audit"]
    assert (keynote.default_choice, keynote.verdict, keynote.final_choice) == (
        "unsure",
        "consider",
        "defer",
    )
    assert keynote.note is None
    assert (retainer.default_choice, retainer.verdict, retainer.final_choice) == (
        "decline",
        "accept",
        "accept",
    )
    assert retainer.note == "fits"
    assert retainer.ratings == {"alignment": 5.0}
    assert (audit.default_choice, audit.verdict, audit.final_choice) == (
        "accept",
        "decline",
        "accept",
    )
    assert audit.note == "pal"
    assert audit.overrode
    assert log.pending_count() == 0


async def test_the_reflex_comes_first_and_cannot_be_changed_after_the_verdict(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Before the reflex, nothing of the verdict is built (no widget, no text), and the
    notes scroll; after it, the reflex keys are gone and the reflex stays as given."""
    seed_three(log)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert not screen.query(Assessment)
        assert not screen.query("#evaluation")
        shown = screen_text(pilot.app)
        assert "Keynote" in shown
        assert "Your first reflex on Keynote?" in shown
        for word in VERDICT_WORDS:
            assert word not in shown, word
        for widget in screen.query(Static):
            assert "score" not in str(widget.content)
        keys = {b.binding.description for b in screen.active_bindings.values()}
        assert {"accept", "decline", "unsure"} <= keys
        assert "later" not in keys
        notes = screen.query_one("#opportunity")
        assert pilot.app.focused is notes
        await pilot.press("pagedown")
        assert notes.scroll_y > 0
        await pilot.press("n")
        assert "CONSIDER" in text_of(screen.query_one("#verdict"))
        await pilot.press("y", "u")
        assert screen.reflex == "decline"
        keys = {b.binding.description for b in screen.active_bindings.values()}
        assert "unsure" not in keys
        await pilot.app.run_action("reflex('accept')", screen)
        assert screen.reflex == "decline"
        assert "your reflex: decline" in text_of(screen.query_one("#triage-progress"))
        await pilot.press("5", "a", "enter")
        await settle(pilot)
    assert log.decisions()[0].default_choice == "decline"


async def test_a_failed_record_keeps_the_triage_to_try_again(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, db_path: Path
) -> None:
    log.add(item("Retainer", fee=1000.0))
    async with make_app(busy_timeout=0.1).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "4")
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        await pilot.press("a", *"keep me", "enter")
        await settle(pilot)
        assert any("the log is busy" in message for message in notifications(pilot.app))
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert screen.reflex == "decline"
        assert screen.query_one("#rating-alignment", RatingRow).rating == 4
        locker.execute("ROLLBACK")
        locker.close()
        await pilot.press("a")
        assert pilot.app.screen.query_one("#note").value == "keep me"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
    recorded = log.decisions()[0]
    assert (recorded.default_choice, recorded.final_choice, recorded.note) == (
        "decline",
        "accept",
        "keep me",
    )


async def test_leaving_keeps_the_item_pending_and_its_reflex_asked_once(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Escape asks before dropping ratings; back in the same item, the verdict has been
    seen, so the reflex given then is kept rather than asked again."""
    seed_three(log)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "4", "escape", "y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert log.pending_count() == 3
        await pilot.press("enter")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert screen.reflex == "decline"
        assert screen.query(Assessment)
        await pilot.press("a", "enter")
        await settle(pilot)
    assert log.decisions()[0].default_choice == "decline"


async def test_fields_and_a_reloaded_strategy_rescore_and_keep_the_ratings(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    log.add(item("Talk", fee=0.0, hours_per_week=1.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "5")
        screen = pilot.app.screen
        assert text_of(screen.query_one("#verdict")).startswith("CONSIDER  score 62")
        screen.query_one("#field-fee Input", Input).value = "1000"
        await pilot.pause()
        assert text_of(screen.query_one("#verdict")).startswith("ACCEPT  score 100")
        strategy_file.write_text(
            strategy_file.read_text(encoding="utf-8").replace("accept = 65", "accept = 80"),
            encoding="utf-8",
        )
        pilot.app.reload_strategy()
        await pilot.pause()
        assert screen.query_one("#rating-alignment", RatingRow).rating == 5
        assert "accept ≥80" in text_of(screen.query_one("#evaluation"))
        screen.query_one("#field-fee Input").focus()
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, DecideScreen)
        await pilot.press("a", "enter")
        await settle(pilot)
    decision = log.decisions()[0]
    assert (decision.fields["fee"], decision.ratings) == (1000.0, {"alignment": 5.0})


async def test_a_digit_one_row_too_far_adds_to_the_title_rather_than_replacing_it(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Digits rate in triage; an arrow too many lands on the imported title, where a digit
    must not wipe it out."""
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "u")
        for _ in range(10):
            focused = pilot.app.focused
            if isinstance(focused, Input) and focused.name == "title":
                break
            await pilot.press("down")
        else:
            raise AssertionError("the title field was never reached")
        await pilot.press("7")
        assert focused.value == "Keynote7"


def ratings_shown(screen: Screen[None]) -> dict[str, float | None]:
    return {row.criterion.id: row.rating for row in screen.query(RatingRow)}


async def test_a_reflex_and_a_rating_typed_in_one_burst_both_count(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await burst(pilot, "y", "4")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert screen.reflex == "accept"
        assert ratings_shown(screen) == {"alignment": 4}


async def test_ratings_moves_and_a_choice_typed_ahead_land_in_order(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    strategy_file.write_text(FOUR_RATED, encoding="utf-8")
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await burst(pilot, "n", "2", "4", "up", "5", "3", "1", "a", *"ok", "enter")
        assert isinstance(pilot.app.screen, InboxScreen)
    decision = log.decisions()[0]
    assert decision.ratings == {"alignment": 2, "clarity": 5, "network": 3, "fun": 1}
    assert (decision.default_choice, decision.final_choice, decision.note) == (
        "decline",
        "accept",
        "ok",
    )


async def test_keys_typed_while_a_decision_is_recorded_go_to_the_next_item(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    seed_three(log)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await burst(pilot, "y", "4", "a", "enter", "n", "1", "d", *"no", "enter", "u", "2")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert screen.item.title == "Audit"
        assert screen.reflex == "unsure"
        assert ratings_shown(screen) == {"alignment": 2}
    keynote, retainer = sorted(log.decisions(), key=lambda d: d.title)
    assert (keynote.title, keynote.ratings, keynote.final_choice) == (
        "Keynote",
        {"alignment": 4},
        "accept",
    )
    assert (retainer.ratings, retainer.default_choice, retainer.final_choice) == (
        {"alignment": 1},
        "decline",
        "decline",
    )
    assert retainer.note == "no"


async def test_four_digits_rate_four_criteria(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    """Each digit moves on to the next criterion not rated yet; backspace clears the row
    focused, and the next digit rates it again."""
    strategy_file.write_text(FOUR_RATED, encoding="utf-8")
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "4", "3")
        screen = pilot.app.screen
        assert pilot.app.focused is screen.query_one("#rating-network")
        await pilot.press("2", "1")
        assert ratings_shown(screen) == {"alignment": 4, "clarity": 3, "network": 2, "fun": 1}
        assert pilot.app.focused is screen.query_one("#rating-fun")
        await pilot.press("up", "backspace")
        assert ratings_shown(screen)["network"] is None
        await pilot.press("5")
        assert ratings_shown(screen)["network"] == 5
        assert pilot.app.focused is screen.query_one("#rating-network")


def on_screen(app: LighthouseApp) -> str:
    """What the terminal shows, line by line, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_at_80_by_24_the_verdict_and_the_fields_stay_in_view_while_rating(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    strategy_file.write_text(FOUR_RATED, encoding="utf-8")
    log.add(item("Retainer", fee=1000.0, hours_per_week=2.0, weeks=6.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "5", "4", "3", "2")
        screen = pilot.app.screen
        assert pilot.app.focused is screen.query_one("#rating-fun")
        verdict = text_of(screen.query_one("#verdict")).strip()
        assert verdict.startswith("ACCEPT  score")
        shown = on_screen(pilot.app)
        assert verdict.splitlines()[0] in shown
        assert "fee 1000  ·  hours_per_week 2  ·  weeks 6" in shown
        explanation = screen.query_one("#explanation")
        assert explanation.scroll_y == 0
        await pilot.press("shift+down")
        assert explanation.scroll_y > 0
        assert pilot.app.focused is screen.query_one("#rating-fun")
        shown = on_screen(pilot.app)
        assert verdict.splitlines()[0] in shown
        assert "fee 1000" in shown


async def test_ctrl_q_asks_before_dropping_a_triage_as_escape_does(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "4", "ctrl+q")
        assert pilot.app.is_running
        question = text_of(pilot.app.screen.query_one("#confirm-dialog Static"))
        assert "Quit Lighthouse? Keynote stays in the inbox; its ratings are not kept" in flat(
            question
        )
        await pilot.press("n")
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert ratings_shown(screen) == {"alignment": 4}
        await pilot.press("escape")
        assert "Keynote stays in the inbox; its ratings are not kept" in flat(
            text_of(pilot.app.screen.query_one("#confirm-dialog Static"))
        )
        await pilot.press("n", "ctrl+q", "y")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_ctrl_q_quits_at_once_when_nothing_would_be_lost(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "ctrl+q")
        await pilot.pause()
        assert not pilot.app.is_running


async def test_o_for_oui_gives_the_reflex_accept_and_says_so(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """`o` is a second key for accept in the reflex step, shown with `y` on the question, in
    the footer and in `?`; one entry in the palette."""
    log.add(item("Keynote", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        question = flat(text_of(screen.query_one("#reflex-question")))
        assert "y/o accept · n decline · u unsure" in question
        footer = [str(key.render()) for key in screen.query_one(Footer).children if key.display]
        assert footer[:3] == ["y/o accept", "n decline", "u unsure"]
        commands = [c.title for c in pilot.app.get_system_commands(screen)]
        assert commands.count("accept") == 1
        await pilot.press("question_mark")
        await settle(pilot)
        assert "y/o accept Your reflex" in flat(text_of(pilot.app.screen.query_one("#help-keys")))
        await pilot.press("escape", "o")
        assert screen.reflex == "accept"
        await pilot.press("5", "a", "enter")
        await settle(pilot)
    (decision,) = log.decisions()
    assert (decision.default_choice, decision.final_choice) == ("accept", "accept")
