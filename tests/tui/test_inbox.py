"""The inbox: home when something waits, oldest first, and every action by key."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.add import AddScreen
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.widgets.paged_table import PagedTable

from .conftest import (
    BROKEN,
    NOW,
    SIZE,
    Clock,
    decide,
    drawn,
    item,
    notifications,
    screen_text,
    settle,
)

HOSTILE = "[bold red]x[/] \x1b[31mred [link=https://example.com]y[/link]"
SPELLED = "[bold red]x[/] \\x1b[31mred [link=https://example.com]y[/link]"


def titles(app: LighthouseApp) -> list[str]:
    table = app.screen.query_one("#inbox-table", PagedTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


async def test_an_empty_log_opens_on_the_quick_check(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, CheckScreen)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert "Nothing waits in the inbox" in screen_text(pilot.app)


async def test_the_inbox_is_home_when_items_wait_oldest_first(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Old", source="bob@example.com"))
    log.add(item("New", kind="partner_offer"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert titles(pilot.app) == ["Old", "New"]  # as `lighthouse inbox` lists them
        shown = drawn(pilot.app.screen.query_one("#inbox-table"))
        assert "partner_offer" in shown
        assert "bob@example.com" in shown
        assert "1h" in shown
        assert "2 waiting" in screen_text(pilot.app)


async def test_a_senders_name_is_shown_and_its_address_still_found(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Talk", source="Ann <ann@x.io>"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = drawn(pilot.app.screen.query_one("#inbox-table"))
        assert "Ann" in shown
        assert "<" not in shown  # the address is not drawn, not even cut
        await pilot.press("slash", *"ann@x")
        assert titles(pilot.app) == ["Talk"]


async def test_archive_then_undo_brings_the_item_back(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    for title in ("One", "Two", "Three"):
        log.add(item(title))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "x")
        await settle(pilot)
        assert titles(pilot.app) == ["One", "Three"]
        assert "Archived “Two”: u brings it back" in notifications(pilot.app)
        assert log.pending_count() == 2
        assert [i.status for i in log.inbox(include_archived=True) if i.title == "Two"] == [
            "archived"
        ]
        await pilot.press("u")
        await settle(pilot)
        assert titles(pilot.app) == ["One", "Two", "Three"]
        table = pilot.app.screen.query_one("#inbox-table", PagedTable)
        assert table.cursor_row == 1
        assert log.pending_count() == 3
        shown = notifications(pilot.app)
        await pilot.press("u")  # nothing left to bring back: nothing happens, nothing is said
        await settle(pilot)
        assert titles(pilot.app) == ["One", "Two", "Three"]
        assert notifications(pilot.app) == shown
        assert log.pending_count() == 3


async def test_a_adds_with_the_check_form(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Already there"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert isinstance(pilot.app.screen, AddScreen)
        assert not pilot.app.screen.query("#rating-alignment")
        await pilot.press(*"Gig", "down", "down", "x", "enter")
        assert isinstance(pilot.app.screen, AddScreen)
        assert any("fee: expected a number" in m for m in notifications(pilot.app))
        await pilot.press("backspace", "9", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert titles(pilot.app) == ["Already there", "Gig"]
        table = pilot.app.screen.query_one("#inbox-table", PagedTable)
        assert table.cursor_row == 1  # on the item just added
    added = log.inbox()[-1]
    assert (added.title, added.fields["fee"], added.kind) == ("Gig", 9.0, "opportunity")


async def test_slash_filters_by_title_source_or_kind(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Podcast", source="Ann"))
    log.add(item("Workshop", kind="partner_offer"))
    log.add(item("Audit", source="annie@example.com"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ANN")
        assert titles(pilot.app) == ["Podcast", "Audit"]
        assert "2 of 3 match “ANN”" in screen_text(pilot.app)
        await pilot.press("enter")
        assert pilot.app.focused is pilot.app.screen.query_one("#inbox-table")
        await pilot.press("escape")
        assert titles(pilot.app) == ["Podcast", "Workshop", "Audit"]
        await pilot.press("slash", *"par")
        assert titles(pilot.app) == ["Workshop"]
        await pilot.press("z")
        assert "Nothing matches “parz”" in screen_text(pilot.app)


async def test_slash_filters_without_accents_or_case(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Typed as people type on any keyboard: `regie` finds "Régie", `oeuvre` "Œuvre"; and an
    accent typed finds the title written without it."""
    log.add(item("Régie publicitaire", source="Hélène"))
    log.add(item("Chef-d'Œuvre"))
    log.add(item("Cafe du coin"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"REGIE")
        assert titles(pilot.app) == ["Régie publicitaire"]
        await pilot.press("escape", "slash", *"helene")
        assert titles(pilot.app) == ["Régie publicitaire"]
        await pilot.press("escape", "slash", *"oeuvre")
        assert titles(pilot.app) == ["Chef-d'Œuvre"]
        await pilot.press("escape", "slash", *"café")
        assert titles(pilot.app) == ["Cafe du coin"]
        assert "1 of 3 match “café”" in screen_text(pilot.app)


async def test_outcomes_due_are_counted_and_o_shows_them(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    db_path: Path,
) -> None:
    log.add(item("Waiting"))
    decide(log, loaded, item("Recent"))
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(days=40))) as earlier:
        decide(earlier, loaded, item("Old enough"))
        decide(earlier, loaded, item("Put off"), final="defer")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "1 outcome due (o)" in screen_text(pilot.app)
        await pilot.press("o")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LogScreen)
        table = screen.query_one("#log-table", PagedTable)
        assert [str(table.get_row_at(r)[1]) for r in range(table.row_count)] == ["Old enough"]


async def test_hostile_titles_are_shown_literally(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Markup stays text, and an escape sequence is spelled out (`\\x1b`), as in the CLI:
    what the title holds is seen, and nothing reaches the terminal as a command."""
    log.add(item(HOSTILE, source="[i]src[/i]"))
    async with make_app().run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        shown = drawn(pilot.app.screen.query_one("#inbox-table"))
        assert SPELLED in shown
        assert "[i]src[/i]" in shown
        assert "\x1b" not in shown
        await pilot.press("x")
        await settle(pilot)
        assert f"Archived “{SPELLED}”: u brings it back" in notifications(pilot.app)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("enter")
        view = drawn(pilot.app.screen.query_one("#opportunity Static"))
        assert SPELLED[:30] in view
        assert "\x1b" not in view


async def test_triage_waits_for_a_strategy_that_loads(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, strategy_file: Path
) -> None:
    log.add(item("Talk"))
    strategy_file.write_text(BROKEN, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        await pilot.press("enter", "a")
        assert isinstance(pilot.app.screen, InboxScreen)
        shown = notifications(pilot.app)
        assert any(m.startswith("Triage needs a strategy that loads") for m in shown)
        assert any(m.startswith("Adding to the inbox needs a strategy") for m in shown)


async def test_home_end_and_jkgG_move_through_the_whole_inbox(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """The table holds a page of 100: End and G show the last of all 150 items."""
    for n in range(150):
        log.add(item(f"Item {n}"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#inbox-table", PagedTable)
        assert table.row_count == 100
        await pilot.press("end")
        await settle(pilot)
        assert (table.row_count, table.cursor_row) == (150, 149)
        await pilot.press("k", "k", "j")
        assert table.cursor_row == 148
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("G")
        assert table.cursor_row == 149
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_an_item_added_from_the_shell_shows_in_the_inbox(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, db_path: Path
) -> None:
    log.add(item("First"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, InboxScreen)
        with DecisionLog.open(db_path) as shell:
            shell.add(item("From the shell"))
        assert screen.log_watch.check()
        await settle(pilot)
        assert sorted(titles(pilot.app)) == ["First", "From the shell"]


async def test_a_title_of_two_lines_is_one_line_in_a_notification(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Bonjour,\r\nNous"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert titles(pilot.app) == ["Bonjour, ⏎ Nous"]
        await pilot.press("x")
        await settle(pilot)
        assert "Archived “Bonjour, ⏎ Nous”: u brings it back" in notifications(pilot.app)
