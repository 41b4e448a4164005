"""Correcting a decision's final choice: a slip of the key in triage, or a client who came
back. The log keeps the choice it replaces (`DecisionLog.correct`), so a correction is never
a silent rewrite, and the review counts what was really decided."""

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from lighthouse_tui.render.literal import literal, one_line
from lighthouse_tui.render.log import choice
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.decide import FINAL_WORDS, as_final, final_bindings
from lighthouse_tui.tui.screens.question import CHOOSE, Answer, QuestionScreen


class CorrectScreen(QuestionScreen):
    BINDING_GROUP_TITLE = "Correct a decision"
    ASK = "Correct it to?  "
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *final_bindings(CHOOSE, "correct"),
    ]

    def __init__(self, record: DecisionRecord) -> None:
        self.current = record.final_choice
        question = Text("Correct ", style="bold")
        question.append_text(literal(record.title or "(untitled)", "bold"))
        question.append(f"\nDecided {record.decided_at.astimezone():%Y-%m-%d %H:%M}: reflex ")
        question.append_text(choice(record.default_choice))
        question.append(f" → filter {record.verdict} → final ")
        question.append_text(choice(record.final_choice))
        question.append(
            "\nThe log keeps the choice it replaces, with the time and your note.", style="dim"
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
            f"{FINAL_WORDS[self.current].capitalize()} → {FINAL_WORDS[choice]}. ", style="bold"
        )
        prompt.append("Why, in one line? ")
        prompt.append("Enter records; escape goes back.", style="dim")
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
            f"Corrected “{one_line(record.title or '(untitled)')}”: "
            f"{FINAL_WORDS[done.previous]} → {FINAL_WORDS[done.final]}",
            markup=False,
        )
        screen.lighthouse.log_changed()
        if corrected is not None:
            corrected(updated)

    def answered(answer: Answer | None) -> None:
        if answer is not None:
            screen.run_worker(record_it(answer), group="correct", exclusive=True)

    screen.app.push_screen(CorrectScreen(record), answered)
