"""A yes/no question before doing something the user may not expect."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from lighthouse_tui.core.i18n import N_, _


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True for yes, False for no; the question is user text, shown literally.
    `o` says yes too: "oui", whatever the language shown, as in the reflex's keys."""

    BINDING_GROUP_TITLE = N_("Question")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "y,o",
            "answer(True)",
            N_("Yes"),
            tooltip=N_("Answer yes"),
            id="confirm-yes",
            key_display="y/o",
        ),
        Binding("n,escape", "answer(False)", N_("No"), tooltip=N_("Answer no"), id="confirm-no"),
    ]

    def __init__(self, question: Text, yes_label: str) -> None:
        """`yes_label` is shown as it is given: translated by the caller."""
        super().__init__()
        self.question = question
        self.yes_label = yes_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(self.question)
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    _("{label} (y)").format(label=self.yes_label), variant="primary", id="yes"
                )
                yield Button(_("Cancel (n)"), id="no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
