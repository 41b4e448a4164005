"""The log screen: pages, never the whole log; filters; the detail re-explained; outcomes."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.filter import Monochrome

from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.outcome import OutcomeScreen
from lighthouse_tui.tui.widgets.paged_table import PagedTable

from .conftest import SIZE, STRATEGY, decide, drawn, flat, item, settle, text_of

SEEDED = 250


@pytest.fixture
def seeded(log: DecisionLog, loaded: LoadedStrategy) -> DecisionLog:
    """250 decisions, oldest first: every 5th a partner offer, every 7th declined against a
    clear accept (an override)."""
    for n in range(SEEDED):
        kind = "partner_offer" if n % 5 == 0 else "client_request"
        fee = 1000.0 if n % 2 else 0.0
        opportunity = item(f"Decision {n}", kind=kind, fee=fee, hours_per_week=1.0)
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


def column(app: LighthouseApp, index: int) -> list[str]:
    table = table_of(app)
    return [str(table.get_row_at(row)[index]) for row in range(table.row_count)]


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
        assert column(pilot.app, 1)[0] == f"Decision {SEEDED - 1}"
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
        assert column(pilot.app, 1)[-1] == "Decision 0"


async def test_filters_by_kind_verdict_override_period_and_title(
    make_app: Callable[..., LighthouseApp], seeded: DecisionLog
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_log_screen(pilot.app)
        await settle(pilot)

        def filters() -> str:
            return flat(text_of(screen.query_one("#log-filters")))

        await pilot.press("k", "k")
        await settle(pilot)
        assert "kind partner_offer" in filters()
        assert "50 decisions" in filters()
        assert all(screen.records[key].kind == "partner_offer" for key in table_of(pilot.app).keys)
        await pilot.press("r", "w")
        await settle(pilot)
        overrides = [screen.records[key] for key in table_of(pilot.app).keys]
        assert overrides
        assert all(r.overrode for r in overrides)
        assert all(cell.endswith("⚑") for cell in column(pilot.app, 4))
        await pilot.press("r", "v", "v", "p")
        await settle(pilot)
        assert set(column(pilot.app, 3)) == {"decline"}
        assert "period last 7 days" in filters()
        assert "125 decisions" in filters()
        await pilot.press("r", "slash", *"n 24")
        await settle(pilot)
        assert set(column(pilot.app, 1)) == {
            "Decision 24",
            *(f"Decision {n}" for n in range(240, 250)),
        }
        await pilot.press("escape")
        await settle(pilot)
        assert table_of(pilot.app).row_count == 100


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
        assert column(pilot.app, 1) == ["Deferred", "Retainer"]
        keys = {b.binding.action for b in screen.active_bindings.values()}
        assert "outcome" not in keys
        await pilot.press("down", "o")
        assert isinstance(pilot.app.screen, OutcomeScreen)
        await pilot.press("4", *"paid on time", "enter")
        await settle(pilot)
        assert column(pilot.app, 6)[1] == "★★★★☆"
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
    decide(log, loaded, item("Cold pitch", fee=0.0), final="accept")
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
