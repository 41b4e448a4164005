"""The log screen: pages, never the whole log; filters; the detail re-explained; outcomes."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.filter import Monochrome

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.outcome import OutcomeScreen
from lighthouse_tui.tui.widgets import paged_table
from lighthouse_tui.tui.widgets.paged_table import PagedTable

from .conftest import (
    NOW,
    SIZE,
    STRATEGY,
    Clock,
    decide,
    drawn,
    flat,
    item,
    notifications,
    settle,
    text_of,
)

SEEDED = 250


@pytest.fixture
def seeded(log: DecisionLog, loaded: LoadedStrategy) -> DecisionLog:
    """250 decisions, oldest first: every 5th a partner offer, every 7th declined against a
    clear accept (an override)."""
    for n in range(SEEDED):
        kind = "partner_offer" if n % 5 == 0 else "client_request"
        fee = 1000.0 if n % 2 else 0.0
        opportunity = item(
            f"Decision {n}",
            kind=kind,
            fee=fee,
            hours_per_week=1.0,
            ratings={"alignment": 5.0 if fee else 0.0},  # enough rated for a firm verdict
        )
        final = "decline" if n % 7 == 0 and fee else "accept"
        decide(log, loaded, opportunity, final=final)
    return log


@pytest.fixture
def pages_read(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The `limit` of every page the store was asked for."""
    read: list[int] = []
    original = DecisionLog.decisions

    def spy(self: DecisionLog, *args: Any, **kwargs: Any) -> Any:
        read.append(kwargs["limit"])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(DecisionLog, "decisions", spy)
    return read


def table_of(app: LighthouseApp) -> PagedTable:
    return app.screen.query_one("#log-table", PagedTable)


def column(app: LighthouseApp, key: str) -> list[str]:
    """A column's cells, by its key: which columns show depends on the width."""
    return [str(cell) for cell in table_of(app).get_column(key)]


def selected_title(screen: LogScreen) -> str | None:
    record = screen.selected()
    return None if record is None else record.title


async def open_log_screen(app: LighthouseApp) -> LogScreen:
    await app.run_action("show_log")
    screen = app.screen
    assert isinstance(screen, LogScreen)
    return screen


async def test_pages_load_as_the_cursor_nears_the_end(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog, pages_read: list[int]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_log_screen(pilot.app)
        await settle(pilot)
        assert table_of(pilot.app).row_count == 100
        assert pages_read == [100]
        assert column(pilot.app, "title")[0] == f"Decision {SEEDED - 1}"
        assert "250 decisions" in text_of(pilot.app.screen.query_one("#log-filters"))
        table_of(pilot.app).move_cursor(row=75)
        await settle(pilot)
        assert table_of(pilot.app).row_count == 100
        await pilot.press("pagedown")
        await settle(pilot)
        assert table_of(pilot.app).row_count == 200
        assert pages_read == [100, 100]
        assert table_of(pilot.app).cursor_row > 80
        await pilot.press("ctrl+end")
        await settle(pilot)
        assert table_of(pilot.app).row_count == SEEDED
        assert not table_of(pilot.app).more
        assert column(pilot.app, "title")[-1] == "Decision 0"


async def test_list_keys_reach_the_true_last_row_and_back(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog
) -> None:
    """End and G read the pages not read yet; j and k move, home and g go back up."""
    async with make_app().run_test(size=SIZE) as pilot:
        await open_log_screen(pilot.app)
        await settle(pilot)
        table = table_of(pilot.app)
        assert table.more
        await pilot.press("end")
        await settle(pilot)
        assert table.row_count == SEEDED
        assert table.cursor_row == SEEDED - 1
        assert column(pilot.app, "title")[table.cursor_row] == "Decision 0"
        await pilot.press("k", "k", "j")
        assert table.cursor_row == SEEDED - 2
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("G")
        assert table.cursor_row == SEEDED - 1
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_log_keys_mean_one_thing(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog
) -> None:
    """v opens the review on every screen and k moves up in every list: the log's filters by
    verdict and kind have keys of their own, and `?` says so."""
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        keys = {key: active.binding.action for key, active in screen.active_bindings.items()}
        assert keys["v"] == "letter('show_review')"
        assert keys["k"] == "cursor_up"
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = flat(text_of(pilot.app.screen.query_one("#help-keys")))
        assert "f Verdict" in help_text
        assert "t Kind" in help_text
        assert "k Up" in help_text


async def test_filters_by_kind_verdict_override_period_and_title(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)

        def filters() -> str:
            return flat(text_of(screen.query_one("#log-filters")))

        await pilot.press("t", "t")
        await settle(pilot)
        assert "kind partner_offer" in filters()
        assert "50 decisions" in filters()
        assert all(screen.records[key].kind == "partner_offer" for key in table_of(pilot.app).keys)
        await pilot.press("r", "w")
        await settle(pilot)
        overrides = [screen.records[key] for key in table_of(pilot.app).keys]
        assert overrides
        assert all(r.overrode for r in overrides)
        assert all(cell.endswith("⚑") for cell in column(pilot.app, "final"))
        await pilot.press("r", "f", "f", "p")
        await settle(pilot)
        assert set(column(pilot.app, "filter")) == {"decline"}
        assert "period last 7 days" in filters()
        assert "125 decisions" in filters()
        await pilot.press("r", "slash", *"n 24")
        await settle(pilot)
        assert set(column(pilot.app, "title")) == {
            "Decision 24",
            *(f"Decision {n}" for n in range(240, 250)),
        }
        await pilot.press("escape")
        await settle(pilot)
        assert table_of(pilot.app).row_count == 100


async def test_the_title_search_ignores_accents_and_case(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    for title in ("Régie publicitaire", "Chef-d'Œuvre", "Audit"):
        decide(log, loaded, item(title))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        await pilot.press("slash", *"REGIE")
        await settle(pilot)
        assert column(pilot.app, "title") == ["Régie publicitaire"]
        assert "title has REGIE" in flat(text_of(screen.query_one("#log-filters")))
        await pilot.press("escape", "slash", *"oeuvre")
        await settle(pilot)
        assert column(pilot.app, "title") == ["Chef-d'Œuvre"]


async def test_the_detail_replays_the_decision_and_compares_with_today(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    strategy_file: Path,
) -> None:
    retainer = item("Retainer", fee=600.0, hours_per_week=1.0, ratings={"alignment": 4.0})
    decide(log, loaded, retainer, note="why not")
    strategy_file.write_text(STRATEGY.replace("accept = 65", "accept = 90"), encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        detail = text_of(screen.query_one("#log-detail-view"))
        assert "reflex accept  →  filter accept  →  final accept" in detail
        assert "Note  why not" in detail
        assert "As scored by strategy.toml (as of decision 1):" in detail
        assert "ACCEPT  score 72 ≥ 65" in detail
        assert "Today's strategy would now say CONSIDER (score 72)" in detail


async def test_o_records_an_outcome_with_a_note(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("Retainer", fee=600.0))
    decide(log, loaded, item("Deferred"), final="defer")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        assert column(pilot.app, "title") == ["Deferred", "Retainer"]
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert "outcome" not in keys
        await pilot.press("down", "o")
        assert isinstance(pilot.app.screen, OutcomeScreen)
        await pilot.press("4", *"paid on time", "enter")
        await settle(pilot)
        assert column(pilot.app, "outcome")[1] == "★★★★☆"
        assert "paid on time" in text_of(screen.query_one("#log-detail-view"))
    outcome = log.decisions()[1].outcome
    assert outcome is not None
    assert (outcome.rating, outcome.note) == (4, "paid on time")


async def test_no_color_keeps_overrides_visible(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """NO_COLOR turns the app monochrome (Textual's filter, kept beside ours); an override is
    still told by its mark, not only by its colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    decide(log, loaded, item("Cold pitch", fee=0.0, ratings={"alignment": 0.0}), final="accept")
    async with make_app().run_test(size=SIZE) as pilot:
        assert any(isinstance(f, Monochrome) for f in pilot.app.get_line_filters())
        await open_log_screen(pilot.app)
        await settle(pilot)
        assert "accept ⚑" in drawn(table_of(pilot.app))
        assert "⚑ overrode the filter" in text_of(pilot.app.screen.query_one("#log-detail-view"))


@pytest.mark.parametrize(("width", "beside"), [(140, False), (170, True)])
async def test_the_detail_goes_beside_the_table_only_when_titles_stay_readable(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    width: int,
    beside: bool,
) -> None:
    """Beside the table, the pane's 72 columns left the title 10 at 120 to 150 columns."""
    title = "Quarterly newsletter audit for a B2B agency"
    decide(log, loaded, item(title))
    async with make_app().run_test(size=(width, 40)) as pilot:
        await open_log_screen(pilot.app)
        await settle(pilot)
        table = pilot.app.screen.query_one("#log-table")
        detail = pilot.app.screen.query_one("#log-detail")
        assert (detail.region.x > table.region.x) is beside
        assert (detail.region.y > table.region.y) is not beside
        assert title[:24] in drawn(table)
        assert "outcome" in drawn(table)


async def test_outcomes_are_rated_one_after_the_other(
    make_app: Callable[..., LighthouseApp], loaded: LoadedStrategy, db_path: Path
) -> None:
    """In the outcomes due, a rated decision leaves the list and the cursor is on the next
    one due: rating three is `o 4 enter` three times, no arrow key."""
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(days=40))) as earlier:
        for title in ("First", "Second", "Third"):
            decide(earlier, loaded, item(title))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        screen.show_due()
        await settle(pilot)
        assert column(pilot.app, "title") == ["Third", "Second", "First"]
        await pilot.press("down", "o", "4", "enter")
        await settle(pilot)
        assert column(pilot.app, "title") == ["Third", "First"]
        assert table_of(pilot.app).cursor_row == 1
        assert selected_title(screen) == "First"
        assert "2 outcomes due" in flat(text_of(screen.query_one("#log-filters")))
        await pilot.press("o", "5", "enter")
        await settle(pilot)
        assert column(pilot.app, "title") == ["Third"]
        assert selected_title(screen) == "Third"


async def test_titles_get_the_room_first_at_80_columns(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    """The reflex and the score (both in the detail) go before the title is cut."""
    title = "Quarterly newsletter audit for a B2B agency"[:40]
    decide(log, loaded, item(title))
    async with make_app().run_test(size=SIZE) as pilot:
        await open_log_screen(pilot.app)
        await settle(pilot)
        table = drawn(table_of(pilot.app))
        assert title[:30] in table
        assert "outcome" in table
        assert "final" in table


async def test_a_decision_recorded_from_the_shell_shows_and_the_cursor_stays(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("Older"))
    decide(log, loaded, item("Newer"))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        await pilot.press("j")
        assert selected_title(screen) == "Older"
        decide(log, loaded, item("From the shell"))
        assert screen.log_watch.check()
        await settle(pilot)
        assert column(pilot.app, "title") == ["From the shell", "Newer", "Older"]
        assert selected_title(screen) == "Older"
        assert "3 decisions" in flat(text_of(screen.query_one("#log-filters")))


async def test_notes_keep_their_lines_and_one_line_views_mark_them(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    """An e-mail's lines were glued (`Bonjour,Nous`) or spelled (`\\x0d`)."""
    decide(log, loaded, item("Webinar\nswap"), note="Bonjour,\r\nNous")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)
        assert "Webinar ⏎ swap" in drawn(table_of(pilot.app))
        detail = text_of(screen.query_one("#log-detail-view"))
        assert "Note  Bonjour,\nNous\n" in detail
        assert "\\x0d" not in detail


async def test_end_stops_reading_pages_at_a_bound_and_says_so(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A log of years is not read whole into the table by one key: end reads pages up to a
    bound (here the first page), lands on the last row read and says more follow. (Landing
    there reads the next page, as going down does.)"""
    monkeypatch.setattr(paged_table, "MOST_HELD_FOR_END", 100)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_log_screen(pilot.app)
        await settle(pilot)
        table = table_of(pilot.app)
        await pilot.press("end")
        await settle(pilot)
        assert table.cursor_row == 99
        assert table.row_count == 200 < SEEDED
        assert table.more
        shown = notifications(pilot.app)
        assert any("The last of the 100 rows read; more follow" in n for n in shown)
