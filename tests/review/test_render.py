"""What a review looks like: at 80 columns, with hostile titles shown literally, and as
Markdown whose tables survive a `|` or a `*` in user text."""

import re
from datetime import date, timedelta

import pytest
from rich.console import Console, RenderableType

from lighthouse_tui.core.capacity import Commitment
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.period import all_time
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import Review, review
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.render.review import md, rescore_view, review_markdown, review_view, rho_bar

from .support import GOOD, TODAY, fact, variant

HOSTILE = "[bold red]x[/] \x1b[31mred | *bold* _it_ `code` <b>"


@pytest.fixture(scope="module")
def loaded() -> LoadedStrategy:
    return load_strategy_file(GOOD)


def show(renderable: RenderableType, width: int = 80) -> str:
    console = Console(record=True, width=width, color_system=None, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(renderable)
    return console.export_text()


def busy(loaded: LoadedStrategy) -> Review:
    facts = [
        fact(
            i,
            day=date(2026, 11, 2) + timedelta(days=i),
            reflex=("accept", "decline", "unsure")[i % 3],
            verdict=("accept", "decline", "consider", "decline")[i % 4],
            final=("accept", "decline", "decline", "defer", "accept")[i % 5],
            outcome=None if i % 3 == 0 else 1 + i % 5,
            criteria={"alignment": (i % 6) / 5, "fee": 0.3, "gone": i / 40},
            title=HOSTILE if i == 6 else f"Decision {i}",
            kind="client_request" if i % 2 else "partner_offer",
        )
        for i in range(1, 81)
    ]
    commitments = [Commitment(date(2026, 11, 10), 12.0, 3), Commitment(date(2026, 11, 3), 2.0)]
    return review(facts, loaded.strategy, all_time(), TODAY, commitments)


def test_full_review_fits_80_columns_and_shows_every_part(loaded: LoadedStrategy) -> None:
    text = show(review_view(busy(loaded)))
    assert max(len(line) for line in text.splitlines()) <= 80
    for heading in (
        "Findings",
        "Does following the filter pay off?",
        "Reflex against filter",
        "Choices",
        "Criteria that predict outcomes",
        "Capacity and pace, week by week",
        "Outcomes due",
    ):
        assert heading in text
    assert "gone (no longer in the" in text
    assert "week of" in text
    assert "… and" in text  # more outcomes due than the terminal lists


def test_user_text_is_shown_literally(loaded: LoadedStrategy) -> None:
    text = show(review_view(busy(loaded)), width=200)
    assert "[bold red]x[/]" in text
    assert "\\x1b[31mred" in text
    assert "\x1b" not in text


def test_empty_review_is_short_and_explained(loaded: LoadedStrategy) -> None:
    text = show(review_view(review([], loaded.strategy, all_time(), TODAY)))
    assert "No decisions in this period: nothing to review yet." in text
    assert "Does following" not in text


def test_rho_bar_grows_from_the_centre() -> None:
    assert rho_bar(1.0).plain == " " * 10 + "│" + "█" * 10
    assert rho_bar(-0.5).plain == " " * 5 + "█" * 5 + "│" + " " * 10
    assert rho_bar(None).plain == " " * 10 + "┆" + " " * 10


def test_md_escapes_what_means_something_mid_line() -> None:
    assert md("a|b *c* _d_ [e](f) `g` <h> ~i~ & \\") == (
        "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\`g\\` \\<h\\> \\~i\\~ \\& \\\\"
    )
    assert md("bell\x07") == "bell\\\\x07"


def _cells(row: str) -> list[str]:
    """A Markdown table row split on the pipes that are not escaped."""
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_tables_survive_user_text(loaded: LoadedStrategy) -> None:
    strategy = variant(('label = "Pays enough"', 'label = "Pays | enough *now*"')).strategy
    result = busy(loaded)
    report = review_markdown(
        review(
            [fact(1, title=HOSTILE, day=date(2026, 1, 1))],
            strategy,
            all_time(),
            TODAY,
        ),
        "Name | with *stars*",
    )
    assert "Name \\| with \\*stars\\*" in report
    assert f"#1 {md(HOSTILE)}" in report
    criteria = [line for line in report.splitlines() if line.startswith("| Pays")]
    assert criteria == [
        "| Pays \\| enough \\*now\\* | yes | 0 | – | not enough data: 0 rated accepts of 8 needed |"
    ]
    for line in review_markdown(result, "x").splitlines():
        if line.startswith("|"):
            assert len(_cells(line)) in (3, 4, 5), line


def test_markdown_report_has_its_sections(loaded: LoadedStrategy) -> None:
    report = review_markdown(busy(loaded), "Test coaching")
    assert report.startswith("# Lighthouse review: all time\n")
    for heading in (
        "## Findings",
        "## Does following the filter pay off?",
        "## Reflex against filter",
        "## Choices",
        "## Criteria that predict outcomes",
        "## Capacity and pace (capacity 10 h/week)",
        "## Outcomes due (",
    ):
        assert f"\n{heading}" in report
    assert "| filter said accept |" in report
    assert "(over)" in report


def test_markdown_of_an_empty_review(loaded: LoadedStrategy) -> None:
    report = review_markdown(review([], loaded.strategy, all_time(), TODAY), "x")
    assert "- No decisions in this period: nothing to review yet." in report
    assert "## Choices" not in report


def test_rescore_view(loaded: LoadedStrategy) -> None:
    from .test_rescore import history

    narrower = variant(('kinds = ["speaking"]\n', ""), ("accept = 65", "accept = 50"))
    facts = [*history(loaded)]
    text = show(rescore_view(rescore(facts, narrower)))
    assert "Replayed under Test coaching" in text
    assert "Not replayable" in text
    assert "1 × kind 'speaking' is not in this strategy" in text
    assert "Verdicts that would flip" in text
    assert "consider → accept" in text
    assert "55 → 55" in text
