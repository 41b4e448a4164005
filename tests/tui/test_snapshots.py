"""What the screens look like at 80×24, on a fixed day, compared with reviewed SVGs.

Update with `pytest tests/tui --snapshot-update` only after reading the report's differences.
"""

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp

from .conftest import BROKEN, SIZE, decide, item, settle, started
from .test_review_screen import open_review, seed_year

SnapCompare = Callable[..., bool]


def after_start(
    then: Callable[[Pilot[None]], Awaitable[None]] = settle,
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """`then`, once the app has started (the form of a quick check is mounted then)."""

    async def run(pilot: Pilot[None]) -> None:
        await started(pilot)
        await then(pilot)

    return run


async def fill_in_a_check(pilot: Pilot[None]) -> None:
    screen = pilot.app.screen
    screen.query_one("#field-title Input", Input).value = "Workshop for Acme"
    screen.query_one("#field-fee Input").focus()
    await pilot.press(*"800")
    screen.query_one("#field-hours_per_week Input").focus()
    await pilot.press("4")
    screen.query_one("#rating-alignment").focus()
    await pilot.press("4")


def test_check_screen_with_a_verdict(
    make_app: Callable[..., LighthouseApp], snap_compare: SnapCompare
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start(fill_in_a_check))


def test_strategy_screen(make_app: Callable[..., LighthouseApp], snap_compare: SnapCompare) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start(show_strategy))


async def show_strategy(pilot: Pilot[None]) -> None:
    await pilot.app.run_action("show_strategy")


def test_strategy_screen_of_a_broken_file(
    make_app: Callable[..., LighthouseApp], strategy_file: Path, snap_compare: SnapCompare
) -> None:
    strategy_file.write_text(BROKEN, encoding="utf-8")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start())


def seed_inbox(log: DecisionLog) -> None:
    """Listed oldest first: the podcast, the webinar, the newsletter audit."""
    log.add(item("[bold]Podcast[/] guest", source="The Growth Show", fee=0.0))
    log.add(item("Co-host a webinar series", kind="partner_offer", source="ann@example.com"))
    log.add(item("Newsletter audit for a SaaS founder", fee=1200.0, hours_per_week=3.0))


def test_inbox(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, snap_compare: SnapCompare
) -> None:
    seed_inbox(log)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start(settle))


async def triage_to_the_verdict(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("down", "down", "enter", "n", "4")
    await settle(pilot)


def test_triage_verdict(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, snap_compare: SnapCompare
) -> None:
    seed_inbox(log)
    to_the_verdict = after_start(triage_to_the_verdict)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=to_the_verdict)


async def show_the_log(pilot: Pilot[None]) -> None:
    await pilot.app.run_action("show_log")
    await settle(pilot)


def test_log(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    loaded: LoadedStrategy,
    snap_compare: SnapCompare,
) -> None:
    fit = {"alignment": 5.0}
    decide(log, loaded, item("Retainer", fee=1000.0, hours_per_week=2.0, ratings=fit))
    unfit = {"alignment": 0.0}
    decide(
        log, loaded, item("Cold pitch", fee=0.0, ratings=unfit), default="decline", final="decline"
    )
    first = decide(
        log, loaded, item("Friend's launch", fee=0.0, ratings=unfit), final="accept", note="friend"
    )
    log.add_outcome(first, 2, "too long")
    decide(log, loaded, item("Maybe later", fee=500.0), default="unsure", final="defer")
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start(show_the_log))


def test_review_of_all_time(
    make_app: Callable[..., LighthouseApp],
    db_path: Path,
    loaded: LoadedStrategy,
    snap_compare: SnapCompare,
) -> None:
    seed_year(db_path, loaded)

    async def review_all(pilot: Pilot[None]) -> None:
        await open_review(pilot, "all")
        pilot.app.clear_notifications()  # the outcomes due, offered at start

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=after_start(review_all))
