"""An opportunity's form beside the verdict it gets: the body of the quick check and of triage."""

from collections.abc import Hashable
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Static

from lighthouse_tui.core.filter import Evaluation, evaluate
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.render.evaluation import capacity_line, explanation_view, verdict_line
from lighthouse_tui.render.literal import literal
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import DefaultChoice, FinalChoice
from lighthouse_tui.tui.draft import Draft, Reading, value_text
from lighthouse_tui.tui.logbook import Logbook, LogSummary
from lighthouse_tui.tui.widgets.check_form import CheckForm, RatingsPlace

SHOWN_APART = ("title", "kind", "source", "notes")
"""Fields an opportunity's views show in their own place rather than in a list of fields."""


class Assessment(Container):
    """Evaluates on every change, synchronously: the filter takes microseconds, and a verdict
    that lags behind the keys would make the user wonder which rating it reflects.

    Capacity counts the hours the log says are already committed, and the verdict is worked
    out again when they change (a decision accepted elsewhere, the log read at start).

    The verdict line (with its deciding reason) stays above the explanation, which scrolls
    under it: at 80×24 the explanation has a few lines, and the answer must not be one of
    the lines scrolled away. When the ratings come first (triage), the fields they are
    weighed with are below them, off screen while rating: one line of them stays on show.
    """

    BINDING_GROUP_TITLE = N_("The verdict")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "shift+down",
            "scroll_explanation(1)",
            N_("Explanation ↓"),
            show=False,
            tooltip=N_("Scroll the explanation under the verdict down a page, from any row"),
            id="explanation-down",
        ),
        Binding(
            "shift+up",
            "scroll_explanation(-1)",
            N_("Explanation ↑"),
            show=False,
            tooltip=N_("Scroll the explanation under the verdict up a page, from any row"),
            id="explanation-up",
        ),
    ]

    def __init__(
        self, loaded: LoadedStrategy | None, draft: Draft, *, ratings: RatingsPlace = "last"
    ) -> None:
        super().__init__(id="assessment")
        self._first = (loaded, draft)
        self._ratings_place: RatingsPlace = ratings
        self._committed = 0.0
        self._shape: Hashable = None
        self._fields_shown: str | None = None
        self.reading: Reading | None = None
        """The form as last read; None until a strategy has loaded."""
        self.evaluation: Evaluation | None = None
        """Its evaluation, as shown."""
        self.form: CheckForm | None = None
        """The form on show; kept rather than queried, as every key reads it."""

    @property
    def opportunity(self) -> Opportunity | None:
        return None if self.reading is None else self.reading.opportunity

    def compose(self) -> ComposeResult:
        loaded, draft = self._first
        if loaded is not None:
            self.form = self._new_form(loaded, draft)
            yield self.form
        with Vertical(id="verdict-pane"):
            yield Static(id="verdict")
            if self._ratings_place == "first":
                yield Static(id="key-fields")
            with VerticalScroll(id="explanation"):
                yield Static(id="evaluation")

    def on_mount(self) -> None:
        self.watch(self.app, "summary", self._summary_changed)

    def action_scroll_explanation(self, pages: int) -> None:
        explanation = self.query_one("#explanation", VerticalScroll)
        step = max(1, explanation.scrollable_content_region.height - 1)
        explanation.scroll_relative(y=pages * step, animate=False)

    def problem(self) -> str | None:
        """Why what is on screen cannot be recorded yet, in the user's words; None when it
        can: every field reads, and it has a title (the log lists decisions by title)."""
        if self.reading is None or self.evaluation is None:
            return _("No strategy loaded: nothing to record")
        if self.reading.errors:
            name, error = next(iter(self.reading.errors.items()))
            return _("Fix {field} first: {error}").format(field=name, error=error)
        if not self.reading.opportunity.title.strip():
            return _("Give it a title first: the log lists decisions by title")
        return None

    async def record(
        self,
        logbook: Logbook,
        reflex: DefaultChoice,
        final: FinalChoice,
        note: str | None,
        *,
        item_id: int | None = None,
    ) -> int:
        """Log the opportunity and the evaluation on screen, with the strategy that made it;
        returns the decision's id. Raises `StoreError`, and then nothing on screen changes,
        so the same keys try again."""
        form, reading, evaluation = self.form, self.reading, self.evaluation
        if form is None or reading is None or evaluation is None:
            raise StoreError(_("nothing to record: no strategy loaded"))
        return await logbook.run(
            DecisionLog.record,
            opportunity=reading.opportunity,
            evaluation=evaluation,
            strategy=form.loaded,
            default_choice=reflex,
            final_choice=final,
            note=note,
            item_id=item_id,
        )

    def _summary_changed(self, summary: LogSummary) -> None:
        if summary.committed != self._committed:
            self._committed = summary.committed
            self._show()

    async def use_strategy(self, loaded: LoadedStrategy) -> None:
        """A new form for a (re)loaded strategy, carrying over what was typed: the fields,
        kinds and criteria may all have changed."""
        form = self.form
        if form is None or form.loaded is not loaded:
            await self._replace_form(loaded, form.draft if form else Draft())

    async def start_over(self) -> None:
        form = self.form
        if form is not None:
            await self._replace_form(form.loaded, Draft())

    async def _replace_form(self, loaded: LoadedStrategy, draft: Draft) -> None:
        if self.form is not None:
            await self.form.remove()
        self.form = self._new_form(loaded, draft)
        await self.mount(self.form, before="#verdict-pane")
        self.form.focus_first()

    def _new_form(self, loaded: LoadedStrategy, draft: Draft) -> CheckForm:
        return CheckForm(loaded, draft, on_change=self._read, ratings=self._ratings_place)

    def _read(self, reading: Reading) -> None:
        self.reading = reading
        self._show()

    def _show(self) -> None:
        form = self.form
        if form is None or self.reading is None:
            return
        self.evaluation = evaluate(form.loaded, self.reading.opportunity, self._committed)
        view = explanation_view(self.evaluation, form.loaded.strategy.thresholds)
        shape = explanation_shape(self.evaluation)
        layout = shape != self._shape
        self.query_one("#verdict", Static).update(verdict_line(self.evaluation), layout=layout)
        fields = key_fields(self.reading)
        if fields.plain != self._fields_shown:  # a rating leaves them as they were
            self._fields_shown = fields.plain
            for line in self.query("#key-fields").results(Static):
                line.update(fields, layout=False)
        self.query_one("#evaluation", Static).update(view, layout=layout)
        self._shape = shape


def key_fields(reading: Reading) -> Text:
    """The opportunity's fields on one line, `fee 800 · hours_per_week 4`, from the form as
    typed (a field being fixed shows what was typed, not the last value that read)."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for name, value in reading.opportunity.values.items():
        if name in SHOWN_APART or value in (None, ""):
            continue
        if line:
            line.append("  ·  ", style="dim")
        line.append(name, style="dim")
        line.append(" ")
        line.append_text(literal(value_text(value)))
    return line or Text(_("no fields"), style="dim")


def explanation_shape(evaluation: Evaluation) -> Hashable:
    """What decides how many lines the explanation takes: the rows of each part and the
    length of the lines that may wrap. While it stays the same, a new rating repaints the
    explanation without laying the screen out again — the layout was most of the time a
    key took."""
    return (
        len(verdict_line(evaluation).plain),
        tuple(c.value is None for c in evaluation.criteria),
        tuple(r.id for r in evaluation.rules),
        tuple(r.id for r in evaluation.waiting),
        evaluation.missing,
        len(capacity_line(evaluation).plain),
    )
