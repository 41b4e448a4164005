"""The final choice, and a line of note: asked for why when the choice goes against a clear
verdict, because those are the decisions a review of the strategy learns most from."""

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from lighthouse_tui.core.filter import Evaluation
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.render.evaluation import verdict_line
from lighthouse_tui.render.literal import title_text
from lighthouse_tui.render.log import choice
from lighthouse_tui.store.records import DefaultChoice, FinalChoice
from lighthouse_tui.tui.screens.question import (
    CHOOSE,
    ENTER_RECORDS,
    QuestionScreen,
    choice_bindings,
)

FINAL_KEYS: dict[str, FinalChoice] = {"a": "accept", "d": "decline", "l": "defer"}
FINAL_WORDS: dict[str, str] = {
    "accept": N_("accept"),
    "decline": N_("decline"),
    "defer": N_("later"),
}
"""The keys' words, marked for the catalog: translated where shown."""
FINAL_TIPS: dict[FinalChoice, str] = {
    "accept": N_("Say yes: logged as accepted"),
    "decline": N_("Say no: logged as declined"),
    "defer": N_("Decide later: logged as deferred, and out of the inbox"),
}
AGAINST: dict[str, str] = {
    "accept": N_("The filter said decline and you accept:"),
    "decline": N_("The filter said accept and you decline:"),
}
"""By final choice, when it goes against the verdict: a whole sentence each, for the
catalog."""


def as_final(value: str) -> FinalChoice:
    """The final choice a dialog answered, typed again (its keys only give these values)."""
    return {final: final for final in FINAL_KEYS.values()}[value]


def final_bindings(action: str, prefix: str) -> list[Binding]:
    """a/d/l bound to `action('accept')`…, for this dialog and for triage's last step."""
    return choice_bindings(FINAL_KEYS, FINAL_WORDS, FINAL_TIPS, action, prefix)


def goes_against(verdict: str, final: str) -> bool:
    """Accepting a clear decline or declining a clear accept; `consider` and `defer` leave
    the choice open, so neither goes against anything (as `DecisionRecord.overrode`)."""
    return {verdict, final} == {"accept", "decline"}


class DecideScreen(QuestionScreen):
    BINDING_GROUP_TITLE = N_("Your decision")
    ASK = N_("Your decision?")
    BINDINGS: ClassVar[list[BindingType]] = [
        *QuestionScreen.BINDINGS,
        *final_bindings(CHOOSE, "final"),
    ]

    def __init__(
        self,
        title: str,
        reflex: DefaultChoice,
        evaluation: Evaluation,
        *,
        final: FinalChoice | None = None,
        note: str = "",
    ) -> None:
        self.verdict = evaluation.verdict
        question = title_text(title, "bold")
        question.append("\n" + _("Your reflex:") + " ")
        question.append_text(choice(reflex))
        question.append("   " + _("The filter:") + " ")
        question.append_text(verdict_line(evaluation))
        super().__init__(question, choice=final, note=note)

    def note_prompt(self, choice: str) -> Text:
        if goes_against(self.verdict, choice):
            prompt = Text(f"{_(AGAINST[choice])} ", style="bold")
            prompt.append(_("why, in one line?") + " ")
        else:
            prompt = Text(f"{_(FINAL_WORDS[choice]).capitalize()}. ", style="bold")
            prompt.append(_("A note, if you want one.") + " ")
        prompt.append(_(ENTER_RECORDS), style="dim")
        return prompt
