"""Correcting a decision's final choice: a slip of the key in triage, or a client who came
back. The log keeps the choice it replaces (`DecisionLog.correct`), so a correction is never
a silent rewrite, and the review counts what was really decided."""

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.render.literal import title_line, title_text
from lighthouse_tui.render.log import choice
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.decide import FINAL_WORDS, as_final, final_bindings
from lighthouse_tui.tui.screens.question import (
    CHOOSE,
    ENTER_RECORDS,
    Answer,
    QuestionScreen,
)


class CorrectScreen(QuestionScreen):
    BINDING_GROUP_TITLE = N_("Correct a decision")
    ASK = N_("Correct it to?")
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *final_bindings(CHOOSE, "correct"),
    ]

    def __init__(self, record: DecisionRecord) -> None:
        self.current = record.final_choice
        decided = record.decided_at.astimezone()
        question = sentence(_("Correct {title}"), "bold", title=title_text(record.title, "bold"))
        question.append("\n")
        question.append_text(
            sentence(
                _("Decided {day} {time}: reflex {reflex} → filter {verdict} → final {final}"),
                "bold",
                day=i18n.day(decided.date()),
                time=f"{decided:%H:%M}",
                reflex=choice(record.default_choice),
                verdict=choice(record.verdict),
                final=choice(record.final_choice),
            )
        )
        question.append(
            "\n" + _("The log keeps the choice it replaces, with the time and your note."),
            style="dim",
        )
        super().__init__(question)

    def answers(self) -> list[Binding]:
        """The choices it can change to: the current one would be no correction."""
        return [b for b in super().answers() if b.action != f"{CHOOSE}('{self.current}')"]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == CHOOSE and parameters == (self.current,):
            return False
        return super().check_action(action, parameters)

    def note_prompt(self, choice: str) -> Text:
        prompt = Text(
            f"{_(FINAL_WORDS[self.current]).capitalize()} → {_(FINAL_WORDS[choice])}. ",
            style="bold",
        )
        prompt.append(_("Why, in one line?") + " ")
        prompt.append(_(ENTER_RECORDS), style="dim")
        return prompt


def ask_correction(
    screen: LighthouseScreen,
    record: DecisionRecord,
    corrected: Callable[[DecisionRecord], None] | None = None,
) -> None:
    """Ask for the new final choice and a note, then record the correction on the log's
    thread; `corrected` gets the decision as it now stands. The triage (its last decision)
    and the log (the selected one) correct through here, with the same dialog and words."""
    logbook = screen.lighthouse.logbook

    async def record_it(answer: Answer) -> None:
        try:
            done = await logbook.run(
                DecisionLog.correct, record.id, as_final(answer.choice), answer.note
            )
            updated = await logbook.run(DecisionLog.decision, record.id)
        except StoreError as error:
            screen.store_failed(error)
            return
        screen.notify(
            _("Corrected “{title}”: {previous} → {final}").format(
                title=title_line(record.title),
                previous=_(FINAL_WORDS[done.previous]),
                final=_(FINAL_WORDS[done.final]),
            ),
            markup=False,
        )
        screen.lighthouse.log_changed()
        if corrected is not None:
            corrected(updated)

    def answered(answer: Answer | None) -> None:
        if answer is not None:
            screen.run_worker(record_it(answer), group="correct", exclusive=True)

    screen.app.push_screen(CorrectScreen(record), answered)
