"""Triage: the inbox's items one at a time, in the order that keeps the reflex honest.

1. The opportunity in full, and "your first reflex?" (y/n/u). Nothing of the verdict exists
   yet: not hidden, not built, so it cannot sway the answer — the contrast between the reflex
   and the strategy is what the log is for.
2. The ratings, then the fields, with the verdict forming as they change.
3. The final choice (a/d/l, or enter then the key) and a note; a line of why when it goes
   against a clear verdict. Recorded through the store; then the next item opens.

A record that fails (the log is busy, read-only) keeps everything on screen, the note
included, so the same keys try again.
"""

from collections.abc import Hashable, Sequence
from datetime import datetime
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.widgets import Input, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.decline import decline_message
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.render.literal import literal, title_text
from lighthouse_tui.render.log import choice, received
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import DefaultChoice, FinalChoice, InboxItem
from lighthouse_tui.tui.draft import draft_of, value_text
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.confirm import ConfirmScreen
from lighthouse_tui.tui.screens.correct import ask_correction
from lighthouse_tui.tui.screens.decide import DecideScreen, as_final, final_bindings
from lighthouse_tui.tui.screens.decline import DeclineMessageScreen
from lighthouse_tui.tui.screens.question import Answer, keys_text
from lighthouse_tui.tui.screens.reflex import reflex_bindings, reflex_question
from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.assessment import SHOWN_APART, Assessment


class TriageScreen(LighthouseScreen):
    BINDING_GROUP_TITLE = N_("Triage")
    APP_LETTERS = False
    BINDINGS: ClassVar[list[BindingType]] = [
        *reflex_bindings("reflex", "triage-reflex"),
        *final_bindings("decide", "triage"),
        Binding(
            "enter",
            "decide(None)",
            N_("Decide"),
            show=False,
            tooltip=N_("Choose accept, decline or later, with a note (a, d, l choose at once)"),
            id="triage-decide",
        ),
        Binding(
            "c",
            "decline_message",
            N_("Polite no"),
            tooltip=N_("A polite no in the words you chose to share (decline_reason), copied"),
            id="decline-message",
        ),
        Binding(
            "ctrl+z",
            "correct_last",
            N_("Correct last"),
            tooltip=N_(
                "Change the final choice of the decision just recorded (a slip of the "
                "key); the log keeps the one it replaces"
            ),
            id="triage-correct-last",
        ),
        Binding(
            "escape",
            "leave",
            N_("Inbox"),
            tooltip=N_("Back to the inbox; what was decided stays decided"),
            id="leave-triage",
        ),
    ]

    def __init__(self, queue: Sequence[InboxItem]) -> None:
        super().__init__()
        self.queue = list(queue)
        self.index = 0
        self.reflex: DefaultChoice | None = None
        """The reflex given for the current item; None while it is being asked."""
        self.note = ""
        """The note of a record that failed, offered again on the next try."""
        self.decided = 0
        self.recording = False
        self.last_decision: int | None = None
        """The decision recorded last in this triage, while the next item is on screen: what
        a correction of it would take back."""

    @property
    def item(self) -> InboxItem:
        return self.queue[self.index]

    @property
    def assessment(self) -> Assessment | None:
        found = self.query(Assessment)
        return found.first() if found else None

    def compose_body(self) -> ComposeResult:
        yield Static(id="triage-progress")
        yield Container(id="triage-stage")

    async def on_mount(self) -> None:
        super().on_mount()
        await self.open_item()

    async def open_item(self) -> None:
        """Step 1 for the current item: the opportunity, and the reflex question alone; or
        straight to step 2 when the reflex was given before (its verdict has been seen)."""
        self.reflex = None
        self.note = ""
        given = self.lighthouse.reflexes.get(self.item.id)
        if given is not None:
            await self.action_reflex(given)
            return
        stage = self.query_one("#triage-stage", Container)
        await stage.remove_children()
        view = VerticalScroll(
            Static(opportunity_view(self.item, self.lighthouse.logbook.clock())),
            id="opportunity",
        )
        question = reflex_question(self.item.title)
        question.append("   ")
        question.append_text(keys_text(self.app, reflex_bindings("reflex", "triage-reflex")))
        question.append("\n")
        question.append(
            _("Answer before the strategy speaks: your reflex is what it is compared to."), "dim"
        )
        await stage.mount(view, Static(question, id="reflex-question"))
        self.set_focus(view)
        self._show_progress()

    async def action_reflex(self, reflex: DefaultChoice) -> None:
        """Step 2: the reflex is kept, and only now is the verdict built."""
        loaded = self.lighthouse.state.loaded
        if self.reflex is not None or loaded is None:
            return
        self.reflex = self.lighthouse.reflexes[self.item.id] = reflex
        item = self.item
        stage = self.query_one("#triage-stage", Container)
        await stage.remove_children()
        assessment = Assessment(
            loaded, draft_of(item.kind, item.fields, item.ratings), ratings="first"
        )
        await stage.mount(assessment)
        if assessment.form is not None:
            assessment.form.focus_first()
        self._show_progress()

    def _show_progress(self) -> None:
        line = Text(
            _("Item {number} of {count}").format(
                number=i18n.decimal(self.index + 1), count=i18n.decimal(len(self.queue))
            ),
            style="bold",
        )
        if self.decided:
            line.append("  ·  ", style="dim")
            line.append(
                ngettext(
                    "{count} decided (ctrl+z corrects the last)",
                    "{count} decided (ctrl+z corrects the last)",
                    self.decided,
                ).format(count=i18n.decimal(self.decided)),
                style="dim",
            )
        if self.reflex is not None:
            line.append("  ·  ")
            line.append_text(sentence(_("your reflex: {choice}"), choice=choice(self.reflex)))
        self.query_one("#triage-progress", Static).update(line)
        self.update_keys()

    def keys_state(self) -> Hashable:
        return (self.reflex is None, self.recording, self.last_decision is None)

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        if action == "reflex":
            return self.reflex is None
        if action in ("decide", "decline_message"):
            return self.reflex is not None and not self.recording
        if action == "correct_last":
            return self.last_decision is not None and not self.recording
        return True

    @work(group="triage-correct", exclusive=True)
    async def action_correct_last(self) -> None:
        if self.last_decision is None:
            return
        try:
            record = await self.lighthouse.logbook.run(DecisionLog.decision, self.last_decision)
        except StoreError as error:
            self.store_failed(error)
            return
        ask_correction(self, record)

    async def show_state(self, state: StrategyState) -> None:
        assessment = self.assessment
        if assessment is not None and state.loaded is not None:
            await assessment.use_strategy(state.loaded)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        # Asked from the app, as a key's binding would be: the answer then comes back to the
        # app before the keys typed after it (`TypedAhead`).
        self.app.call_next(self.action_decide, None)

    async def action_decide(self, final: FinalChoice | None) -> None:
        """Step 3: the final choice (asked in the dialog when `final` is None) and a note."""
        assessment = self.assessment
        if self.reflex is None or assessment is None or assessment.evaluation is None:
            return
        if problem := assessment.problem():
            self.notify(problem, severity="warning", markup=False)
            return
        title = assessment.opportunity.title if assessment.opportunity else ""
        dialog = DecideScreen(
            title, self.reflex, assessment.evaluation, final=final, note=self.note
        )
        # Awaited: the keys typed after this one go to the dialog's note once it is there.
        await self.app.push_screen(dialog, self._record)

    def _record(self, answer: Answer | None) -> None:
        """Record in the background; the keys typed meanwhile are for the next item, so they
        wait until it is on screen."""
        if answer is None:
            return
        self.lighthouse.typed_ahead.hold()
        self._record_answer(answer)

    @work(group="triage-record")
    async def _record_answer(self, answer: Answer) -> None:
        try:
            await self._record_then_next(answer)
        finally:
            self.lighthouse.typed_ahead.release()

    async def _record_then_next(self, answer: Answer) -> None:
        assessment = self.assessment
        if assessment is None or self.reflex is None:
            return
        self.note = answer.note or ""
        self.recording = True
        self.update_keys()
        try:
            decision = await assessment.record(
                self.lighthouse.logbook,
                self.reflex,
                as_final(answer.choice),
                answer.note,
                item_id=self.item.id,
            )
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            self.recording = False
            self.update_keys()
        self.decided += 1
        self.last_decision = decision
        self.lighthouse.reflexes.pop(self.item.id, None)
        self.lighthouse.log_changed()
        await self.next_item()

    async def next_item(self) -> None:
        self.index += 1
        if self.index < len(self.queue):
            await self.open_item()
            return
        self.notify(
            ngettext(
                "That was the last item ({count} decided): back to the inbox",
                "That was the last item ({count} decided): back to the inbox",
                self.decided,
            ).format(count=i18n.decimal(self.decided)),
            markup=False,
        )
        self.dismiss()

    def action_decline_message(self) -> None:
        assessment = self.assessment
        if assessment is None or assessment.form is None:
            return
        evaluation, reading = assessment.evaluation, assessment.reading
        if evaluation is None or reading is None:
            return
        strategy = assessment.form.loaded.strategy
        message = decline_message(strategy, reading.opportunity.title, evaluation)
        self.app.push_screen(DeclineMessageScreen(message))

    def action_leave(self) -> None:
        """Back to the inbox; a confirmation first when ratings would be dropped."""
        if self.reflex is None:
            self.dismiss()
            return

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.dismiss()

        question = Text(_("Leave triage?"))
        question.append(" ")
        question.append_text(
            self._dropped(
                _("{title} stays in the inbox; its ratings are not kept (its reflex is).")
            )
        )
        self.app.push_screen(ConfirmScreen(question, _("Leave")), leave)

    def unsaved(self) -> Text | None:
        """The same as escape asks about: once the reflex is given, ratings may be lost."""
        if self.reflex is None:
            return None
        return self._dropped(
            _("{title} stays in the inbox; its ratings are not kept (nor its reflex).")
        )

    def _dropped(self, template: str) -> Text:
        return sentence(template, title=title_text(self.item.title, "bold"))


def opportunity_view(item: InboxItem, now: datetime) -> RenderableType:
    """The opportunity as it came, for the reflex: no score, no verdict, nothing rated."""
    title = title_text(item.title, "bold")
    facts = literal(item.kind, "cyan")
    if item.source:
        facts.append("  ")
        facts.append_text(sentence(_("from {source}"), source=item.source))
    facts.append("  ·  ", style="dim")
    facts.append(received(item.received, now), style="dim")
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="dim", no_wrap=True)
    fields.add_column()
    for name, value in item.fields.items():
        if name not in SHOWN_APART:
            fields.add_row(Text(name), literal(value_text(value)))
    parts: list[RenderableType] = [title, facts]
    if fields.row_count:
        parts += [Text(), fields]
    notes = item.fields.get("notes")
    if isinstance(notes, str) and notes.strip():
        parts += [Text(), Text(_("Notes"), style="bold"), literal(notes, keep_lines=True)]
    return Group(*parts)
