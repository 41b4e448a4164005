"""The quick check, driven with keys at 80×24, asserting on what the screen shows; and
recording it as a decision."""

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Footer, Input, Select

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.decide import DecideScreen
from lighthouse_tui.tui.screens.reflex import ReflexScreen
from lighthouse_tui.tui.widgets.header import StrategyHeader
from lighthouse_tui.tui.widgets.paged_table import PagedTable
from lighthouse_tui.tui.widgets.rating import RatingRow

from .conftest import (
    FOUR_RATED,
    SIZE,
    STRATEGY,
    burst,
    decide,
    drawn,
    flat,
    item,
    notifications,
    settle,
    text_of,
)


async def type_into(pilot: Pilot[None], field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#field-{field} Input").focus()
    await pilot.press(*text)


async def rate(pilot: Pilot[None], criterion: str, key: str) -> None:
    pilot.app.screen.query_one(f"#rating-{criterion}", RatingRow).focus()
    await pilot.press(key)


def verdict(app: LighthouseApp) -> str:
    """The verdict line above the explanation: the verdict, the score, provisional or not."""
    lines = text_of(app.screen.query_one("#verdict")).splitlines()
    return " ".join(line.rstrip() for line in lines if line.strip())


def explained(app: LighthouseApp) -> str:
    """The verdict line, then the explanation under it."""
    return text_of(app.screen.query_one("#verdict")) + text_of(app.screen.query_one("#evaluation"))


async def test_opens_on_the_check_screen_under_the_strategy_header(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        assert isinstance(pilot.app.screen, CheckScreen)
        header = text_of(pilot.app.screen.query_one("#header-name")) + text_of(
            pilot.app.screen.query_one("#header-lighthouse")
        )
        assert "Test coaching" in header
        assert "Be the coach B2B consultants think of first" in header
        assert pilot.app.screen.query_one("#header-notice").display is False
        assert verdict(pilot.app).startswith("CONSIDER  no score yet")


async def test_ratings_and_fee_decide_the_verdict(make_app: Callable[..., LighthouseApp]) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "1000")
        await rate(pilot, "alignment", "5")
        assert verdict(pilot.app).startswith("ACCEPT  score 100 ≥ 65")
        await pilot.press("0")
        assert verdict(pilot.app).startswith("DECLINE  score 38 < 40")
        assert pilot.app.screen.query_one("#rating-alignment", RatingRow).rating == 0


async def test_a_decline_rule_fires_when_hours_exceed_capacity(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "1000")
        await type_into(pilot, "hours_per_week", "12")
        await rate(pilot, "alignment", "5")
        shown = explained(pilot.app)
        assert shown.startswith("DECLINE  score 100/100")
        assert "dealbreaker: Not enough free hours  [no-capacity]" in shown
        assert "after: -2 h/week" in shown


async def test_partner_offers_ask_about_posture(make_app: Callable[..., LighthouseApp]) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = pilot.app.screen
        assert not screen.query("#rating-posture")
        await rate(pilot, "alignment", "4")
        screen.query_one("#kind", Select).value = "partner_offer"
        await pilot.pause()
        posture = screen.query_one("#rating-posture", RatingRow)
        assert "How open and cooperative is this partner?" in text_of(posture)
        assert screen.query_one("#rating-alignment", RatingRow).rating == 4
        assert "Partner is open and cooperative" in text_of(screen.query_one("#evaluation"))


async def test_backspace_clears_a_rating(make_app: Callable[..., LighthouseApp]) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "1000")
        await type_into(pilot, "hours_per_week", "2")
        await rate(pilot, "alignment", "5")
        assert verdict(pilot.app) == "ACCEPT  score 100 ≥ 65"
        await pilot.press("backspace")
        assert verdict(pilot.app).startswith("ACCEPT  score 100 ≥ 65  provisional")
        assert "Missing  alignment" in text_of(pilot.app.screen.query_one("#evaluation"))


async def test_an_invalid_value_is_explained_under_its_input(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "lots")
        field = pilot.app.screen.query_one("#field-fee")
        assert field.has_class("-invalid")
        assert "expected a number, got 'lots'" in text_of(field.query_one(".field-error"))
        assert verdict(pilot.app).startswith("CONSIDER")
        await pilot.press("backspace", "backspace", "backspace", "backspace", "9")
        assert not field.has_class("-invalid")


async def test_a_sliver_of_the_weight_gives_consider_and_says_what_is_missing(
    make_app: Callable[..., LighthouseApp], tmp_path: Path
) -> None:
    strict = tmp_path / "strict.toml"
    strict.write_text(STRATEGY.replace("min_rated = 0 ", "min_rated = 0.5 "), encoding="utf-8")
    async with make_app(strict).run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "1000")
        await type_into(pilot, "hours_per_week", "2")
        assert verdict(pilot.app) == (
            "CONSIDER  score 100/100 · only 37% of the weight rated (needs 50%)"
        )
        await rate(pilot, "alignment", "5")
        assert verdict(pilot.app) == "ACCEPT  score 100 ≥ 65"


async def test_fields_read_numbers_as_people_type_them(
    make_app: Callable[..., LighthouseApp],
) -> None:
    """`6 000` and `12,5` as typed in the form, read by the same reader as `-f` and CSV."""
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "6 000")
        await type_into(pilot, "hours_per_week", "1,5")
        await rate(pilot, "alignment", "5")
        for name in ("fee", "hours_per_week"):
            assert not pilot.app.screen.query_one(f"#field-{name}").has_class("-invalid")
        assert "after: 8.5 h/week" in text_of(pilot.app.screen.query_one("#evaluation"))


async def test_arrows_move_between_rows_and_ctrl_r_starts_over(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await type_into(pilot, "notes", "x")
        await pilot.press("down")
        assert app.focused is app.screen.query_one("#rating-alignment")
        await pilot.press("3", "up")
        assert app.focused is app.screen.query_one("#field-notes Input")
        await pilot.press("down", "down")
        assert app.focused is app.screen.query_one("#field-title Input")
        await pilot.press("ctrl+r")
        assert app.screen.query_one("#field-notes Input").value == ""
        assert app.screen.query_one("#rating-alignment", RatingRow).rating is None
        assert verdict(app).startswith("CONSIDER  no score yet")


async def test_the_verdict_stays_on_screen_at_80_by_24(
    make_app: Callable[..., LighthouseApp],
) -> None:
    """Above the explanation, which scrolls under it by keys from the rating row."""
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "fee", "1000")
        await rate(pilot, "alignment", "5")
        await pilot.press("shift+down")
        assert pilot.app.screen.query_one("#explanation").scroll_y > 0
        verdict_line = pilot.app.screen.query_one("#verdict")
        top = verdict_line.region
        assert top.height > 0
        assert pilot.app.screen.region.contains(top.x, top.y)
        assert drawn(verdict_line).strip().startswith("ACCEPT")
        assert top.y >= pilot.app.screen.query_one(StrategyHeader).region.bottom
        assert top.bottom <= pilot.app.screen.query_one(Footer).region.y
        await pilot.press("shift+up")
        assert pilot.app.screen.query_one("#explanation").scroll_y == 0


async def test_record_asks_the_reflex_honestly_then_the_final_choice(
    make_app: Callable[..., LighthouseApp], db_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_log")
        await settle(pilot)
        await pilot.app.run_action("show_check")
        screen = pilot.app.screen
        screen.query_one("#field-title Input", Input).value = "Talk"
        screen.query_one("#field-fee Input", Input).value = "1000"
        await rate(pilot, "alignment", "5")
        assert verdict(pilot.app).startswith("ACCEPT")
        await pilot.press("ctrl+s", "escape", "ctrl+s", "y", "escape")
        assert isinstance(pilot.app.screen, CheckScreen)
        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, ReflexScreen)
        question = flat(text_of(pilot.app.screen.query_one("#question")))
        assert "what would you have said before you saw it?" in question
        await pilot.press("n")
        assert isinstance(pilot.app.screen, DecideScreen)
        await pilot.press("d")
        assert "why, in one line?" in text_of(pilot.app.screen.query_one("#note-prompt"))
        await pilot.press(*"full", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckScreen)
        assert "Recorded as decision 1: Talk" in notifications(pilot.app)
        assert pilot.app.screen.query_one("#field-title Input", Input).value == ""
        await pilot.press("f5")
        await settle(pilot)
        log_table = pilot.app.screen.query_one("#log-table", PagedTable)
        assert str(log_table.get_row_at(0)[1]) == "Talk"
    with DecisionLog.open(db_path, readonly=True) as log:
        (decision,) = log.decisions()
    assert (decision.title, decision.default_choice, decision.verdict) == (
        "Talk",
        "decline",
        "accept",
    )
    assert (decision.final_choice, decision.note) == ("decline", "full")


async def test_o_for_oui_answers_the_reflex_accept_when_recording(
    make_app: Callable[..., LighthouseApp], db_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_check")
        await settle(pilot)
        screen = pilot.app.screen
        screen.query_one("#field-title Input", Input).value = "Talk"
        await rate(pilot, "alignment", "5")
        await pilot.press("ctrl+s")
        assert isinstance(pilot.app.screen, ReflexScreen)
        keys = flat(text_of(pilot.app.screen.query_one("#question-keys")))
        assert "y/o accept · n decline · u unsure" in keys
        assert keys.count("y/o") == 1
        await pilot.press("o")
        assert isinstance(pilot.app.screen, DecideScreen)
        await pilot.press("a", "enter")
        await settle(pilot)
    with DecisionLog.open(db_path, readonly=True) as log:
        (decision,) = log.decisions()
    assert (decision.default_choice, decision.final_choice) == ("accept", "accept")


async def test_hours_committed_in_the_log_count_against_capacity(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, loaded: LoadedStrategy
) -> None:
    decide(log, loaded, item("Retainer", fee=1000.0, hours_per_week=8.0))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "hours_per_week", "4")
        shown = explained(pilot.app)
        assert "2 h/week free (of 10, 8 committed)" in shown
        assert "dealbreaker: Not enough free hours" in shown


async def test_four_digits_in_a_burst_rate_four_criteria(
    make_app: Callable[..., LighthouseApp], strategy_file: Path
) -> None:
    strategy_file.write_text(FOUR_RATED, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        pilot.app.screen.query_one("#rating-alignment", RatingRow).focus()
        await burst(pilot, "4", "3", "2", "1")
        rows = pilot.app.screen.query(RatingRow)
        assert {row.criterion.id: row.rating for row in rows} == {
            "alignment": 4,
            "clarity": 3,
            "network": 2,
            "fun": 1,
        }


async def test_ctrl_q_asks_before_dropping_a_check_typed_in(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await type_into(pilot, "title", "Talk")
        await pilot.press("ctrl+q")
        assert pilot.app.is_running
        assert "The quick check's form, not recorded, is not kept." in flat(
            text_of(pilot.app.screen.query_one("#confirm-dialog Static"))
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not pilot.app.is_running
