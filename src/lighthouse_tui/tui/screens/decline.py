"""The polite no, shown in full: copied to the clipboard too, but not every terminal lets an
app do that, so it must also be there to select and copy by hand."""

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from lighthouse_tui.core.i18n import N_, _


class DeclineMessageScreen(ModalScreen[None]):
    BINDING_GROUP_TITLE = N_("Decline message")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,enter,c",
            "dismiss",
            N_("Close"),
            tooltip=N_("Back to the opportunity"),
            id="close-decline-message",
        ),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="decline-dialog"):
            yield Static(Text(_("A polite no, in the words you chose to share"), style="bold"))
            yield Static(Text(self.message), id="decline-message")
            yield Static(
                Text(
                    _(
                        "Copied to the clipboard where the terminal allows it; otherwise "
                        "select it with the mouse. Escape closes."
                    ),
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        self.app.copy_to_clipboard(self.message)
