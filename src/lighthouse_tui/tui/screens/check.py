"""The quick check: describe an opportunity, rate it, read the verdict as it forms."""

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.widgets import Input, Static

from lighthouse_tui.core.filter import Evaluation, evaluate
from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.render.evaluation import evaluation_view
from lighthouse_tui.tui.draft import Draft
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.check_form import CheckForm

WIDE = 120
"""From this width the explanation (about 70 columns) fits beside the form."""


class CheckScreen(LighthouseScreen):
    """Evaluates on every change, synchronously: the filter takes microseconds, and a verdict
    that lags behind the keys would make the user wonder which rating it reflects."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (WIDE, "-wide"),
    ]
    BINDING_GROUP_TITLE = "Quick check"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+r",
            "new_check",
            "New check",
            tooltip="Clear the form for the next opportunity",
            id="new-check",
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.opportunity: Opportunity | None = None
        """The opportunity as last read from the form: what recording a decision will log."""
        self.evaluation: Evaluation | None = None
        """Its evaluation, as shown."""

    def compose_body(self) -> ComposeResult:
        loaded = self.lighthouse.state.loaded
        with Container(id="check-body"):
            if loaded is not None:
                yield CheckForm(loaded, Draft())
            with VerticalScroll(id="explanation"):
                yield Static(id="evaluation")

    async def show_state(self, state: StrategyState) -> None:
        forms = self.query(CheckForm)
        current = forms.first() if forms else None
        if state.loaded is None or (current is not None and current.loaded is state.loaded):
            return
        await self._replace_form(state.loaded, current.draft if current else Draft())

    async def action_new_check(self) -> None:
        await self._replace_form(self.query_one(CheckForm).loaded, Draft())

    async def _replace_form(self, loaded: LoadedStrategy, draft: Draft) -> None:
        """A new form for `draft`: the fields, kinds and criteria may all have changed."""
        await self.query(CheckForm).remove()
        form = CheckForm(loaded, draft)
        await self.query_one("#check-body", Container).mount(form, before="#explanation")
        form.query_one(Input).focus()

    @on(CheckForm.Changed)
    def _evaluate(self, event: CheckForm.Changed) -> None:
        self.opportunity = event.reading.opportunity
        self.evaluation = evaluate(event.loaded, self.opportunity)
        view = evaluation_view(self.evaluation, event.loaded.strategy.thresholds)
        self.query_one("#evaluation", Static).update(view)
