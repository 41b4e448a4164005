"""The review: did following the strategy pay off, which criteria matter, what would another
strategy have changed — the same statistics as `lighthouse review`, for a period typed in.

The log is read on its own thread and the statistics computed there (a year of decisions is
a few seconds on a big log); the screen shows a loading indicator meanwhile and keeps the
last review on screen when a period cannot be read.
"""

import asyncio
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.core.period import Period, PeriodError, parse_period
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import Review
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.render.literal import literal
from lighthouse_tui.render.review import rescore_view, review_columns
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.review_source import read_facts, review_log
from lighthouse_tui.tui.log_watch import LogWatch, reload_binding
from lighthouse_tui.tui.screens.base import LighthouseScreen, log_problem, wide_from
from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.key_scroll import KeyScroll

DEFAULT_PERIOD = "horizon"


@dataclass(frozen=True, slots=True)
class Reviewed:
    review: Review
    logged: int
    """Decisions in the whole log: tells "nothing logged yet" from "nothing in this period"."""


def read_review(log: DecisionLog, strategy: Strategy, period: Period, today: date) -> Reviewed:
    """On the log's thread: the review of `period`, and how many decisions the log holds."""
    return Reviewed(review_log(log, strategy, period, today), log.count())


def empty_hint(logged: int, label: str) -> Text:
    if not logged:
        return Text(
            _(
                "No decision is logged yet: triage a few opportunities from the inbox (i), or "
                "record a quick check (c, then ctrl+s), and review them here."
            ),
            style="italic",
        )
    return Text(
        ngettext(
            "The log holds {count} decision, none in {period}: try the period all.",
            "The log holds {count} decisions, none in {period}: try the period all.",
            logged,
        ).format(count=i18n.decimal(logged), period=label),
        style="italic",
    )


REVIEW_WIDE = 130
"""From this width the review's two columns fit side by side: the grids need about 50
columns, the weekly bars about 76."""


class ReviewScreen(LighthouseScreen):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = wide_from(REVIEW_WIDE)
    AUTO_FOCUS = "#review-body"
    """The review, not the period: arrows scroll it and the letter keys work at once."""
    BINDING_GROUP_TITLE = N_("Review")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "p",
            "period",
            N_("Period"),
            tooltip=N_(
                "Choose the period to review: horizon (the strategy's, the default), all, 30d, "
                "12w, 6m (days, weeks or calendar months back from today), 2026, 2026-03, "
                "2026-01-01..2026-06-30"
            ),
            id="review-period",
        ),
        Binding(
            "o",
            "outcomes_due",
            N_("Outcomes due"),
            tooltip=N_("Rate how the decisions old enough turned out (in the log)"),
            id="review-due",
        ),
        Binding(
            "r",
            "rescore",
            N_("Rescore…"),
            tooltip=N_(
                "Replay this period's decisions under another strategy file: which verdicts "
                "would flip, and how those turned out"
            ),
            id="review-rescore",
        ),
        Binding(
            "escape",
            "close_rescore",
            N_("Close rescore"),
            tooltip=N_("Hide the rescore panel"),
            id="review-close-rescore",
        ),
        reload_binding(
            N_(
                "Read the review again from the log; done by itself when another lighthouse "
                "(the shell) writes to it"
            ),
            "review-reload",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period: Period | None = None
        """The period on screen; None until a review was shown."""
        self.shown_changes = -1
        """The app's count of log writes when the review was read: a newer one reads again."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="review-period-row"):
            yield Label(_("period"))
            yield Input(
                DEFAULT_PERIOD,
                placeholder=_("horizon, all, 30d, 6m, 2027, 2027-03, 2027-01-01..2027-03-31"),
                id="review-period-input",
                compact=True,
            )
        yield Static(id="review-error")
        with Vertical(id="rescore-panel"):
            with Horizontal(id="rescore-row"):
                yield Label(_("rescore with"))
                yield Input(
                    placeholder=_("another strategy file, e.g. strategy-next.toml"),
                    id="rescore-file",
                    compact=True,
                )
            with KeyScroll(id="rescore-scroll"):
                yield Static(id="rescore-view")
        with KeyScroll(id="review-body"), Horizontal(id="review-columns"):
            yield Static(id="review-answer")
            yield Static(id="review-evidence")

    def on_mount(self) -> None:
        super().on_mount()
        self.log_watch = LogWatch(self, self.lighthouse, self.load)
        self.log_watch.start()

    def action_reload_log(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        """Decisions or outcomes recorded elsewhere since: the review is read again."""
        if self.period is not None and self.shown_changes != self.lighthouse.changes:
            self.load()

    async def show_state(self, _state: StrategyState) -> None:
        """A (re)loaded strategy: its horizon, criteria and findings may all differ."""
        self.load()

    @property
    def panel_open(self) -> bool:
        return self.has_class("-rescoring")

    def keys_state(self) -> bool:
        return self.panel_open

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        if action == "close_rescore":
            return self.panel_open
        return True

    def action_period(self) -> None:
        self.set_focus(self.query_one("#review-period-input", Input))

    async def action_outcomes_due(self) -> None:
        await self.lighthouse.show_due_outcomes()

    def action_rescore(self) -> None:
        self.set_class(True, "-rescoring")
        self.update_keys()
        self.set_focus(self.query_one("#rescore-file", Input))

    def action_close_rescore(self) -> None:
        self.set_class(False, "-rescoring")
        self.update_keys()
        self.query_one("#review-body").focus()

    @on(Input.Submitted, "#review-period-input")
    def _period_submitted(self) -> None:
        self.load()

    @on(Input.Submitted, "#rescore-file")
    def _rescore_submitted(self, event: Input.Submitted) -> None:
        if self.period is not None and event.value.strip():
            self.run_rescore(Path(event.value.strip()).expanduser(), self.period)

    def _show_error(self, message: str | None) -> None:
        error = self.query_one("#review-error", Static)
        error.update(Text(message or "", style="bold red"))
        error.display = message is not None

    def _show(self, answer: Text | Review, logged: int = 0) -> None:
        answer_view = self.query_one("#review-answer", Static)
        evidence_view = self.query_one("#review-evidence", Static)
        if isinstance(answer, Text):
            answer_view.update(answer)
            evidence_view.update("")
            return
        main, side = review_columns(answer)
        if not answer.counts.decisions:
            main = Group(main, Text(), empty_hint(logged, answer.period.label))
        answer_view.update(main)
        evidence_view.update(side)

    @work(exclusive=True, group="review")
    async def load(self) -> None:
        """Read the period typed and the log; a period that cannot be read is said on its
        line and the review on screen stays."""
        app = self.lighthouse
        loaded = app.state.loaded
        if loaded is None:
            self._show(
                Text(_("The review needs a strategy that loads: see the strategy screen (s)."))
            )
            return
        if not app.logbook.usable:
            self._show(log_problem(app.logbook.problem or ""))
            return
        text = self.query_one("#review-period-input", Input).value.strip() or DEFAULT_PERIOD
        try:
            period = parse_period(text, today=app.today, horizon=loaded.strategy.horizon)
        except PeriodError as exc:
            self._show_error(str(exc))
            return
        self._show_error(None)
        body = self.query_one("#review-body")
        body.loading = True
        changes = app.changes
        self.log_watch.read()
        try:
            reviewed = await app.logbook.run(read_review, loaded.strategy, period, app.today)
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            body.loading = False
            if self.focused is None or self.focused.id == "review-period-input":
                body.focus()
        self.period = period
        self.shown_changes = changes
        self._show(reviewed.review, reviewed.logged)

    @work(exclusive=True, group="rescore")
    async def run_rescore(self, path: Path, period: Period) -> None:
        """Load the other strategy and replay the period's decisions under it; its problems,
        if it does not load, are listed with their lines."""
        view = self.query_one("#rescore-view", Static)
        try:
            other = await asyncio.to_thread(load_strategy_file, path)
        except ProblemsError as exc:
            lines = sentence(_("{path} cannot be used for a rescore:"), path=str(path))
            lines.stylize("bold red")
            lines.append("\n")
            lines.append("\n".join(str(problem) for problem in exc.problems))
            view.update(lines)
            return
        view.update(
            literal(
                _("Replaying {period} under {path}…").format(period=period.label, path=path),
                style="dim",
            )
        )
        view.loading = True
        try:
            facts = await self.lighthouse.logbook.run(read_facts, period.start, period.end)
            result = await asyncio.to_thread(rescore, facts, other)
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            view.loading = False
        view.update(rescore_view(result))
        self.query_one("#rescore-scroll").focus()
