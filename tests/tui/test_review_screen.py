"""The review screen: the period typed, the grids and criteria read from the log, the outcomes
due one key away, and a rescore under another strategy file — bad input said on its line,
the review on screen kept."""

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.review import ReviewScreen

from .conftest import (
    NOW,
    SIZE,
    STRATEGY,
    Clock,
    decide,
    flat,
    item,
    notifications,
    settle,
    text_of,
)


def review_text(app: LighthouseApp) -> str:
    screen = app.screen
    return flat(
        " ".join(
            text_of(screen.query_one(f"#{name}"))
            for name in ("review-error", "review-answer", "review-evidence", "rescore-view")
        )
    )


def seed_year(db_path: Path, loaded: LoadedStrategy) -> None:
    """Forty decisions over the months before the app's today: high alignment accepted, and
    the higher the better it turned out; low alignment declined; the reflex said yes to all."""
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(days=120))) as log:
        for n in range(40):
            alignment = float(n % 6)
            final = "accept" if alignment >= 3 else "decline"
            ident = decide(
                log,
                loaded,
                item(f"Deal {n}", ratings={"alignment": alignment}, fee=500.0),
                default="accept",
                final=final,  # type: ignore[arg-type]
            )
            if n % 4:
                log.add_outcome(ident, max(1, int(alignment)) if final == "accept" else 3)


async def open_review(pilot: Pilot[None], period: str | None = None) -> None:
    await settle(pilot)
    await pilot.press("f6")  # v works too, where no text field has the focus
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReviewScreen)
    if period is not None:
        await pilot.press("p")
        field = pilot.app.screen.query_one("#review-period-input", Input)
        assert pilot.app.focused is field
        field.value = period
        await pilot.press("enter")
        await settle(pilot)


async def test_a_year_of_decisions_answers_the_three_questions(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    seed_year(db_path, loaded)
    async with make_app().run_test(size=(140, 60)) as pilot:
        await open_review(pilot, "all")
        shown = review_text(pilot.app)
        assert "Review all time 40 decisions, 30 with an outcome" in shown
        assert "Does following the filter pay off?" in shown
        assert "Reflex against filter" in shown
        assert "Moves me toward the" in shown
        assert "predicts outcomes" in shown
        assert "Outcomes due (10," in shown
        assert pilot.app.screen.has_class("-wide")


async def test_a_bad_period_is_said_and_the_review_stays(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    seed_year(db_path, loaded)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        await open_review(pilot, "last tuesday")
        shown = review_text(pilot.app)
        assert "cannot read the period 'last tuesday'" in shown
        assert "Review all time 40 decisions" in shown
        await open_review(pilot, "30d")
        assert "cannot read the period" not in review_text(pilot.app)


async def test_an_empty_log_explains_what_to_do(make_app: Callable[..., LighthouseApp]) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot)
        shown = review_text(pilot.app)
        assert "No decisions in this period" in shown
        assert "No decision is logged yet" in shown


async def test_o_goes_to_the_outcomes_due_in_the_log(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    seed_year(db_path, loaded)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        await pilot.press("o")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LogScreen)
        assert "10 outcomes due" in flat(text_of(screen.query_one("#log-filters")))


async def test_rescore_lists_the_flips_and_a_broken_file_its_lines(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    seed_year(db_path, loaded)
    Path("stricter.toml").write_text(
        STRATEGY.replace("accept = 65", "accept = 90"), encoding="utf-8"
    )
    Path("broken.toml").write_text(STRATEGY.replace("weight = 5", "weight = -5"), encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        await pilot.press("r")
        field = pilot.app.screen.query_one("#rescore-file", Input)
        assert pilot.app.focused is field
        field.value = "broken.toml"
        await pilot.press("enter")
        await settle(pilot)
        shown = review_text(pilot.app)
        assert "broken.toml cannot be used for a rescore" in shown
        assert "broken.toml:" in shown
        field.value = "stricter.toml"
        await pilot.press("enter")
        await settle(pilot)
        shown = review_text(pilot.app)
        assert "Replayed under" in shown
        assert "Would flip" in shown
        assert "Verdicts that would flip" in shown
        await pilot.press("escape")
        assert not pilot.app.screen.has_class("-rescoring")


async def test_a_decision_recorded_elsewhere_shows_when_coming_back(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        assert "0 decisions" in review_text(pilot.app)
        decide(log, loaded, item("Late one", ratings={"alignment": 4.0}))
        pilot.app.log_changed()
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "1 decision, 0 with an outcome" in review_text(pilot.app)


async def test_the_outcomes_due_are_offered_at_start_when_the_inbox_is_not_shown(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    seed_year(db_path, loaded)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        offered = [n for n in notifications(pilot.app) if "old enough" in n]
        assert offered == [
            "10 decisions old enough to say how they turned out: the log (l, then d) lists them"
        ]
        pilot.app.log_changed()
        await settle(pilot)
        assert len([n for n in notifications(pilot.app) if "old enough" in n]) == 1


async def test_an_outcome_recorded_from_the_shell_shows_without_leaving_the_review(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    """The screen looks at the log's files on a timer (its tick is called here, not waited
    for) and reads again when another process wrote; ctrl+r reads again at once."""
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(days=40))) as earlier:
        first = decide(earlier, loaded, item("Deal A", fee=500.0))
        second = decide(earlier, loaded, item("Deal B", fee=500.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        assert "2 decisions, 0 with an outcome" in review_text(pilot.app)
        assert not screen.log_watch.check()
        with DecisionLog.open(db_path, clock=Clock(NOW)) as shell:
            shell.add_outcome(first, 4, None)
        assert screen.log_watch.check()
        await settle(pilot)
        assert "2 decisions, 1 with an outcome" in review_text(pilot.app)
        with DecisionLog.open(db_path, clock=Clock(NOW)) as shell:
            shell.add_outcome(second, 2, None)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "2 decisions, 2 with an outcome" in review_text(pilot.app)
        assert not screen.log_watch.check()


async def test_the_review_scrolls_with_the_list_keys(
    make_app: Callable[..., LighthouseApp], db_path: Path, loaded: LoadedStrategy
) -> None:
    """j and k, g and G, as in every list; home and end as before."""
    seed_year(db_path, loaded)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_review(pilot, "all")
        body = pilot.app.screen.query_one("#review-body")
        assert pilot.app.focused is body
        assert body.max_scroll_y > 3
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert body.scroll_y == 3
        await pilot.press("k")
        await settle(pilot)
        assert body.scroll_y == 2
        await pilot.press("G")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert body.scroll_y == 0
        await pilot.press("end")
        await settle(pilot)
        assert body.scroll_y == body.max_scroll_y
