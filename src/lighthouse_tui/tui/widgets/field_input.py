"""A labelled one-line input for an opportunity field, with room for its parse error."""

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.types import ValueType

PLACEHOLDERS = {
    ValueType.NUMBER: N_("number"),
    ValueType.TEXT: "",
    ValueType.BOOL: N_("yes / no"),
    ValueType.DATE: N_("YYYY-MM-DD"),
}
"""What each type of field takes, marked for the catalog and translated when shown."""


class FieldInput(Widget):
    """The input is named after the field, so a form tells its fields apart by `Input.name`.

    Nothing is selected when focus arrives: in triage the digit keys rate, and a digit typed
    one arrow too far would otherwise replace a whole imported title instead of adding to it.
    """

    def __init__(self, field_name: str, value_type: ValueType, text: str = "") -> None:
        super().__init__(id=f"field-{field_name}")
        self.field_name = field_name
        self.value_type = value_type
        self.initial_text = text
        self.error: str | None = None

    def compose(self) -> ComposeResult:
        placeholder = PLACEHOLDERS[self.value_type]
        with Horizontal():
            yield Label(Text(self.field_name))
            yield Input(
                self.initial_text,
                placeholder=_(placeholder),
                name=self.field_name,
                compact=True,
                select_on_focus=False,
            )
        yield Static(classes="field-error")

    def show_error(self, message: str | None) -> None:
        """Put `message` under the input, or take the previous one away.

        Called for every field on every keystroke: only a change costs a layout.
        """
        if message == self.error:
            return
        self.error = message
        self.set_class(message is not None, "-invalid")
        self.query_one(".field-error", Static).update(Text(message or ""))
