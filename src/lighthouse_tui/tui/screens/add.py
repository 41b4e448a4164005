"""A new opportunity for the inbox: the quick check's form, without ratings (those come in
triage, after the reflex) and without a verdict."""

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.tui.draft import Draft, Reading
from lighthouse_tui.tui.widgets.check_form import CheckForm


class AddScreen(ModalScreen[Opportunity | None]):
    """Dismissed with the opportunity to add, or None. Enter in any field adds, so a quick
    note of a request is a title and enter."""

    BINDING_GROUP_TITLE = N_("Adding to the inbox")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "add",
            N_("Add"),
            tooltip=N_("Put the opportunity in the inbox (enter in a field does too)"),
            id="add-to-inbox",
        ),
        Binding("escape", "dismiss_none", N_("Cancel"), tooltip=N_("Add nothing"), id="cancel-add"),
    ]

    def __init__(self, loaded: LoadedStrategy) -> None:
        super().__init__()
        self.loaded = loaded
        self.reading: Reading | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-dialog"):
            yield Static(Text(_("Add to the inbox"), style="bold"))
            yield CheckForm(self.loaded, Draft(), on_change=self._read, ratings="none")
            yield Static(
                Text(_("Enter or ctrl+s adds it; escape cancels."), style="dim"), id="add-hint"
            )

    def on_mount(self) -> None:
        self.query_one(CheckForm).focus_first()

    def _read(self, reading: Reading) -> None:
        self.reading = reading

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_add()

    def action_add(self) -> None:
        reading = self.reading
        if reading is None:
            return
        if reading.errors:
            name, error = next(iter(reading.errors.items()))
            self.notify(
                _("{field}: {error}").format(field=name, error=error),
                severity="warning",
                markup=False,
            )
        elif not reading.opportunity.title.strip():
            self.notify(_("Give it a title first"), severity="warning", markup=False)
        else:
            self.dismiss(reading.opportunity)

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
