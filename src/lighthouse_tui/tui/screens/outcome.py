"""How a decision turned out, rated 1–5 with a line of note: what a review of the strategy
compares with the reflex and the verdict."""

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from lighthouse_tui.render.literal import literal
from lighthouse_tui.render.log import outcome_text, stars
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.tui.screens.question import CHOOSE, QuestionScreen, value_binding

OUTCOME_WORDS = {1: "bad", 2: "poor", 3: "so-so", 4: "good", 5: "great"}


class OutcomeScreen(QuestionScreen):
    BINDING_GROUP_TITLE = "Outcome"
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *(
            value_binding(
                str(rating),
                CHOOSE,
                str(rating),
                word,
                tooltip=f"It turned out {word} ({rating} of 5)",
                ident=f"outcome-{rating}",
            )
            for rating, word in OUTCOME_WORDS.items()
        ),
    ]

    def __init__(self, record: DecisionRecord) -> None:
        question = Text("How did ", style="bold")
        question.append_text(literal(record.title or "(untitled)"))
        question.append(" turn out?", style="bold")
        question.append(
            f"\nDecided {record.decided_at:%Y-%m-%d}: {record.final_choice}", style="dim"
        )
        if record.outcome is not None:
            question.append("\nRated before: ", style="dim")
            question.append_text(outcome_text(record.outcome))
            question.append("  (a new rating is kept beside it)", style="dim")
        super().__init__(question)

    def note_prompt(self, choice: str) -> Text:
        rating = int(choice)
        prompt = stars(rating)
        prompt.append(f" {OUTCOME_WORDS[rating]}. ", style="bold")
        prompt.append("What happened, in a line? ")
        prompt.append("Enter records; escape goes back.", style="dim")
        return prompt
