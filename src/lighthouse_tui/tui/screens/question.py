"""A question answered with one key and, for some, a line of note: the reflex, the final
choice, an outcome. Keys rather than buttons and menus, so triage never needs the mouse and
a decision costs two key presses: the choice, then enter."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from lighthouse_tui.core.i18n import N_, _

CHOOSE = "choose"
ENTER_RECORDS = N_("Enter records; escape goes back.")
"""The end of every prompt for a note."""


@dataclass(frozen=True, slots=True)
class Answer:
    choice: str
    """The value of the key pressed (`accept`, `defer`, `4`...)."""
    note: str | None = None
    """The line typed after it; None when left empty or not asked."""


def keys_text(app: App[object], bindings: Iterable[Binding]) -> Text:
    """The keys that answer a question, from their bindings: `y accept · n decline`."""
    line = Text()
    for binding in bindings:
        if line:
            line.append(" · ", style="dim")
        line.append(app.get_key_display(binding), style="bold")
        line.append(f" {_(binding.description)}")
    return line


def choice_bindings(
    keys: Mapping[str, str],
    words: Mapping[str, str],
    tips: Mapping[str, str],
    action: str,
    prefix: str,
) -> list[Binding]:
    """Each answer's keys bound to `action` with its value: `y` → `reflex('accept')`. Keys
    giving the same answer (`y` and `o`) are one binding shown `y/o`, so one entry in the
    footer, the help and the palette. `words` and `tips`, by value, are marked `N_`."""
    by_value: dict[str, list[str]] = {}
    for key, value in keys.items():
        by_value.setdefault(value, []).append(key)
    return [
        Binding(
            ",".join(value_keys),
            f"{action}('{value}')",
            words[value],
            tooltip=tips[value],
            id=f"{prefix}-{value}",
            key_display="/".join(value_keys) if len(value_keys) > 1 else None,
        )
        for value, value_keys in by_value.items()
    ]


class QuestionScreen(ModalScreen[Answer | None]):
    """Subclasses bind their keys to `choose('value')` and say, in `note_prompt`, whether a
    note follows. Dismissed with the answer, or None when escaped: nothing happens then.

    With `choice` given, the question opens on its note: the key was pressed on the screen
    below (triage's a/d/l), and the dialog only asks the line that goes with it.
    """

    AUTO_FOCUS = ""
    """Nothing focused until the note is asked: the keys that answer go to the screen, not
    into the (hidden) note."""
    BINDING_GROUP_TITLE = N_("Question")
    ASK = ""
    """Put before the keys: the question they answer, when the dialog's text does not end
    with it; marked `N_`."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", N_("Cancel"), tooltip=N_("Answer nothing"), id="cancel"),
        # Handled as the key arrives (priority), not after it has been through the note: the
        # screen below then holds the keys typed next before any reaches this dialog's note.
        Binding(
            "enter",
            "answer",
            N_("Answer"),
            show=False,
            priority=True,
            tooltip=N_("Answer with the key chosen and the note typed"),
            id="answer",
        ),
    ]

    def __init__(self, question: Text, *, choice: str | None = None, note: str = "") -> None:
        super().__init__()
        self.question = question
        self.chosen = choice
        self.first_note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog question-dialog"):
            yield Static(self.question, id="question")
            yield Static(self.keys_line(), id="question-keys")
            yield Static(id="note-prompt")
            yield Input(
                self.first_note,
                placeholder=_("type a line, or enter alone"),
                id="note",
                compact=True,
            )

    def on_mount(self) -> None:
        if self.chosen is not None:
            self.choose_value(self.chosen)

    def answers(self) -> list[Binding]:
        """The keys that answer, as the dialog shows them: once per answer, as a binding of
        two keys (`y,o`) comes out of `make_bindings` once per key."""
        found: dict[str, Binding] = {}
        for binding in Binding.make_bindings(self.BINDINGS):
            if binding.action.startswith(CHOOSE):
                found.setdefault(binding.action, binding)
        return list(found.values())

    def keys_line(self) -> Text:
        line = Text(f"{_(self.ASK)}  " if self.ASK else "", style="bold")
        line.append_text(keys_text(self.app, self.answers()))
        line.append("   " + _("escape cancels"), style="dim")
        return line

    def note_prompt(self, _choice: str) -> Text | None:
        """What to ask after the choice; None answers at once, with no note."""
        return None

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        """Once a key has answered, letters belong to the note, and enter sends it."""
        if action == "answer":
            return self.chosen is not None
        return not (action == CHOOSE and self.chosen is not None)

    def action_choose(self, value: str) -> None:
        self.choose_value(value)

    def choose_value(self, value: str) -> None:
        prompt = self.note_prompt(value)
        if prompt is None:
            self.dismiss(Answer(value))
            return
        self.chosen = value
        self.query_one("#note-prompt", Static).update(prompt)
        self.set_class(True, "-noting")
        # At once, not after the messages queued: a note typed ahead goes into the note.
        self.set_focus(self.query_one("#note", Input))
        self.refresh_bindings()

    def action_answer(self) -> None:
        if self.chosen is not None:
            note = self.query_one("#note", Input).value
            self.dismiss(Answer(self.chosen, note.strip() or None))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
