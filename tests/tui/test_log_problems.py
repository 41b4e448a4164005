"""A log that cannot be used never stops the app: it says what is wrong, once, in words, and
the rest keeps working; a write the log refuses is said, and nothing the user did is lost."""

import sqlite3
from collections.abc import Callable
from pathlib import Path

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.log import LogScreen

from .conftest import SIZE, item, notifications, screen_text, settle


async def test_a_file_that_is_not_a_log_gets_a_clear_screen(
    make_app: Callable[..., LighthouseApp], db_path: Path
) -> None:
    with sqlite3.connect(db_path) as other:
        other.execute("CREATE TABLE songs (title TEXT)")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        shown = screen_text(pilot.app)
        assert "✗ The decision log cannot be used" in shown
        assert "is an SQLite file, but not a Lighthouse decision log" in shown
        assert "The quick check (c) and the strategy (s) still work" in shown
        await pilot.press("a", "x", "enter")
        assert isinstance(pilot.app.screen, InboxScreen)
        await pilot.press("l")
        assert isinstance(pilot.app.screen, LogScreen)
        assert "not a Lighthouse decision log" in screen_text(pilot.app)
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CheckScreen)
        pilot.app.screen.query_one("#field-title Input").value = "Talk"
        await pilot.press("ctrl+s", "y", "a", "enter")
        await settle(pilot)
        assert any("not a Lighthouse decision log" in m for m in notifications(pilot.app))
        assert pilot.app.is_running
    with sqlite3.connect(db_path) as other:
        assert other.execute("SELECT name FROM sqlite_schema").fetchall() == [("songs",)]


async def test_garbage_bytes_are_not_a_log_either(
    make_app: Callable[..., LighthouseApp], db_path: Path
) -> None:
    db_path.write_bytes(b"\x00garbage" * 512)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "not a Lighthouse decision log" in screen_text(pilot.app)
        assert pilot.app.is_running


async def test_a_locked_log_is_said_and_the_archive_can_be_tried_again(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, db_path: Path
) -> None:
    log.add(item("Keep me"))
    async with make_app(busy_timeout=0.1).run_test(size=SIZE) as pilot:
        await settle(pilot)
        locker = sqlite3.connect(db_path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")
        await pilot.press("x")
        await settle(pilot)
        assert any("the log is busy" in m for m in notifications(pilot.app))
        assert "1 waiting" in screen_text(pilot.app)
        locker.execute("ROLLBACK")
        locker.close()
        await pilot.press("x")
        await settle(pilot)
        assert "Inbox empty" in screen_text(pilot.app)
    assert log.pending_count() == 0


async def test_a_read_only_log_is_shown_and_says_nothing_can_be_recorded(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, read_only_log: None
) -> None:
    log.add(item("Look only"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("read-only, nothing can be recorded" in m for m in notifications(pilot.app))
        assert "1 waiting" in screen_text(pilot.app)
        assert "read-only" in screen_text(pilot.app)
        await pilot.press("x")
        await settle(pilot)
        assert any("the log is read-only" in m for m in notifications(pilot.app))
        assert "1 waiting" in screen_text(pilot.app)
    assert log.pending_count() == 1
