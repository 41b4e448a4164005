"""The default choice: what the user would answer by reflex. Triage asks it on its own screen
before anything of the verdict exists; this dialog asks it on the quick check, where the
verdict is already on screen, and says so."""

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.render.literal import literal
from lighthouse_tui.render.log import CHOICE_WORDS
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.records import DefaultChoice
from lighthouse_tui.tui.screens.question import CHOOSE, QuestionScreen, choice_bindings

REFLEX_KEYS: dict[str, DefaultChoice] = {
    "y": "accept",
    "o": "accept",
    "n": "decline",
    "u": "unsure",
}
"""`o` is "oui": a second key for accept whatever the language shown, as `o` means nothing
else where the reflex is asked (triage's first step, the check's record dialog)."""
REFLEX_TIPS: dict[DefaultChoice, str] = {
    "accept": N_("Your reflex, before the strategy speaks: accept"),
    "decline": N_("Your reflex, before the strategy speaks: decline"),
    "unsure": N_("Your reflex, before the strategy speaks: unsure"),
}


def as_reflex(value: str) -> DefaultChoice:
    """The reflex a dialog answered, typed again (its keys only ever give these values)."""
    return {choice: choice for choice in REFLEX_KEYS.values()}[value]


def reflex_bindings(action: str, prefix: str) -> list[Binding]:
    """y or o, n, u bound to `action('accept')`…, for this dialog and triage's first step."""
    return choice_bindings(REFLEX_KEYS, CHOICE_WORDS, REFLEX_TIPS, action, prefix)


def reflex_question(title: str) -> Text:
    if not title:
        return Text(_("Your first reflex on this opportunity?"), style="bold")
    return sentence(_("Your first reflex on {title}?"), "bold", title=literal(title, "bold"))


class ReflexScreen(QuestionScreen):
    BINDING_GROUP_TITLE = N_("Your reflex")
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *reflex_bindings(CHOOSE, "record-reflex"),
    ]

    def __init__(self, title: str) -> None:
        question = Text(
            _(
                "The verdict is already on screen, so answer honestly: "
                "what would you have said before you saw it?"
            ),
            style="italic",
        )
        question.append("\n\n")
        question.append_text(reflex_question(title))
        super().__init__(question)
