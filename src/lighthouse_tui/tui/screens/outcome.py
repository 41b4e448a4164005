"""How a decision turned out, rated 1–5 with a line of note: what a review of the strategy
compares with the reflex and the verdict."""

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.render.literal import title_text
from lighthouse_tui.render.log import choice_word, outcome_text, stars
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.tui.screens.question import (
    CHOOSE,
    ENTER_RECORDS,
    QuestionScreen,
    choice_bindings,
)

OUTCOME_KEYS = {rating: rating for rating in "12345"}
OUTCOME_WORDS = {
    "1": N_("bad"),
    "2": N_("poor"),
    "3": N_("so-so"),
    "4": N_("good"),
    "5": N_("great"),
}
"""The keys' words, marked for the catalog: translated where shown."""
OUTCOME_TIPS = {
    "1": N_("It turned out bad (1 of 5)"),
    "2": N_("It turned out poor (2 of 5)"),
    "3": N_("It turned out so-so (3 of 5)"),
    "4": N_("It turned out good (4 of 5)"),
    "5": N_("It turned out great (5 of 5)"),
}


class OutcomeScreen(QuestionScreen):
    BINDING_GROUP_TITLE = N_("Outcome")
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *choice_bindings(OUTCOME_KEYS, OUTCOME_WORDS, OUTCOME_TIPS, CHOOSE, "outcome"),
    ]

    def __init__(self, record: DecisionRecord) -> None:
        question = sentence(
            _("How did {title} turn out?"),
            "bold",
            title=title_text(record.title, "bold"),
        )
        decided = _("Decided {day}: {choice}").format(
            day=i18n.day(record.decided_at.astimezone().date()),
            choice=choice_word(record.final_choice),
        )
        question.append(f"\n{decided}", style="dim")
        if record.outcome is not None:
            question.append("\n" + _("Rated before:") + " ", style="dim")
            question.append_text(outcome_text(record.outcome))
            question.append("  " + _("(a new rating is kept beside it)"), style="dim")
        super().__init__(question)

    def note_prompt(self, choice: str) -> Text:
        rating = int(choice)
        prompt = stars(rating)
        prompt.append(f" {_(OUTCOME_WORDS[choice])}. ", style="bold")
        prompt.append(_("What happened, in a line?") + " ")
        prompt.append(_(ENTER_RECORDS), style="dim")
        return prompt
