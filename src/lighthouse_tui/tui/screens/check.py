"""The quick check: describe an opportunity, rate it, read the verdict as it forms — and,
when it was a real request, record the decision.

Often the first screen: its form, and the filter and strategy models behind it, are imported
and mounted once the strategy has loaded, after the first frame (`LighthouseApp`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.text import visible
from lighthouse_tui.store.log import StoreError
from lighthouse_tui.store.records import DefaultChoice
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.question import Answer
from lighthouse_tui.tui.screens.reflex import ReflexScreen, as_reflex
from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.header import StrategyHeader

if TYPE_CHECKING:
    from lighthouse_tui.core.filter import Evaluation
    from lighthouse_tui.core.loaded import LoadedStrategy
    from lighthouse_tui.core.opportunity import Opportunity
    from lighthouse_tui.tui.widgets.assessment import Assessment


class CheckScreen(LighthouseScreen):
    BINDING_GROUP_TITLE = N_("Quick check")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+r",
            "new_check",
            N_("New check"),
            tooltip=N_("Clear the form for the next opportunity"),
            id="new-check",
        ),
        Binding(
            "ctrl+s",
            "record",
            N_("Record"),
            tooltip=N_("Record this decision in the log: your reflex, then your final choice"),
            id="record-check",
        ),
    ]

    @property
    def assessment(self) -> Assessment:
        from lighthouse_tui.tui.widgets.assessment import Assessment

        return self.query_one(Assessment)

    @property
    def opportunity(self) -> Opportunity | None:
        """The opportunity as last read from the form: what recording a decision will log."""
        return self.assessment.opportunity

    @property
    def evaluation(self) -> Evaluation | None:
        """Its evaluation, as shown."""
        return self.assessment.evaluation

    def compose_body(self) -> ComposeResult:
        loaded = self.lighthouse.state.loaded
        if loaded is not None:
            yield new_assessment(loaded)

    async def show_state(self, state: StrategyState) -> None:
        if state.loaded is None:
            return
        if self.query("#assessment"):
            await self.assessment.use_strategy(state.loaded)
            return
        await self.mount(new_assessment(state.loaded), after=self.query_one(StrategyHeader))
        if self.assessment.form is not None:
            self.assessment.form.focus_first()

    def unsaved(self) -> Text | None:
        if not self.query("#assessment"):
            return None
        draft = self.assessment.form.draft if self.assessment.form else None
        if draft is None or not (draft.ratings or any(t.strip() for t in draft.texts.values())):
            return None
        return Text(_("The quick check's form, not recorded, is not kept."))

    async def action_new_check(self) -> None:
        await self.assessment.start_over()

    def action_record(self) -> None:
        """Asks the reflex first, honestly labelled: here the verdict was on screen while the
        form was filled, unlike in triage."""
        assessment = self.assessment
        if problem := assessment.problem():
            self.notify(problem, severity="warning", markup=False)
            return
        title = self.opportunity.title if self.opportunity else ""

        def then_decide(answer: Answer | None) -> None:
            evaluation = self.evaluation
            if answer is None or evaluation is None:
                return
            from lighthouse_tui.tui.screens.decide import DecideScreen

            reflex = as_reflex(answer.choice)
            self.app.push_screen(
                DecideScreen(title, reflex, evaluation),
                lambda final: self._record(reflex, final),
            )

        self.app.push_screen(ReflexScreen(title), then_decide)

    @work(group="check-record")
    async def _record(self, reflex: DefaultChoice, answer: Answer | None) -> None:
        if answer is None:
            return
        from lighthouse_tui.tui.screens.decide import as_final

        assessment = self.assessment
        title = self.opportunity.title if self.opportunity else ""
        try:
            decision = await assessment.record(
                self.lighthouse.logbook, reflex, as_final(answer.choice), answer.note
            )
        except StoreError as error:
            self.store_failed(error)
            return
        self.notify(
            _("Recorded as decision {id}: {title}").format(id=decision, title=visible(title)),
            markup=False,
        )
        self.lighthouse.log_changed()
        await assessment.start_over()


def new_assessment(loaded: LoadedStrategy) -> Assessment:
    """The form and its verdict, for a strategy that has loaded: imported here, so that the
    filter and the strategy's models stay off the path of the first frame."""
    from lighthouse_tui.tui.draft import Draft
    from lighthouse_tui.tui.widgets.assessment import Assessment

    return Assessment(loaded, Draft())
