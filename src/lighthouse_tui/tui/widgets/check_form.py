"""The quick-check form: title, kind, fields, then the ratings that apply to the kind."""

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static

from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.core.strategy import DEFAULT_KIND, Criterion
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.render.evaluation import format_number
from lighthouse_tui.tui.draft import (
    Draft,
    Reading,
    computed_criteria,
    form_fields,
    rated_criteria,
    read_draft,
)
from lighthouse_tui.tui.widgets.field_input import FieldInput
from lighthouse_tui.tui.widgets.rating import RatingRow

ROWS = "CheckForm *"
"""What the arrow keys move between: anything focusable in the form."""


class KindSelect(Select[str], inherit_bindings=False):
    """A Select that leaves the arrow keys to the form: down moves on to the next field
    instead of opening the menu, which enter or space do."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,space",
            "show_overlay",
            "Choose kind",
            show=False,
            tooltip="Open the list of opportunity kinds",
            id="choose-kind",
        ),
    ]


class CheckForm(VerticalScroll, can_focus=False):
    """Owns the draft and reads it after every change, so the screen only has to evaluate.

    Not focusable itself: tab and the arrow keys go from field to field and row to row.
    """

    DEFAULT_CSS = """
    CheckForm {
        height: auto;
        padding: 0 1;
        & .form-section { text-style: bold; margin-top: 1; }
        & .form-hint { color: $text-muted; }
        & #ratings { height: auto; }
        & #kind-row { height: auto; }
        & #kind-row Label { width: 16; padding-right: 1; }
        & #kind-row Select { width: 1fr; }
    }
    """
    BINDING_GROUP_TITLE = "Moving through the form"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "next_row",
            "Next",
            show=False,
            tooltip="Move to the next field or criterion",
            id="next-row",
        ),
        Binding(
            "up",
            "previous_row",
            "Previous",
            show=False,
            tooltip="Move to the previous field or criterion",
            id="previous-row",
        ),
    ]

    class Changed(Message):
        """The form changed; `reading` is its contents parsed against `loaded`."""

        def __init__(self, loaded: LoadedStrategy, reading: Reading) -> None:
            super().__init__()
            self.loaded = loaded
            self.reading = reading

    def __init__(self, loaded: LoadedStrategy, draft: Draft) -> None:
        super().__init__(id="check-form")
        self.loaded = loaded
        self.strategy = loaded.strategy
        self._kind = draft.kind if draft.kind in self.strategy.all_kinds else DEFAULT_KIND
        self._texts = dict(draft.texts)
        self._ratings = dict(draft.ratings)

    @property
    def draft(self) -> Draft:
        return Draft(self._kind, dict(self._texts), dict(self._ratings))

    def compose(self) -> ComposeResult:
        yield self._field("title", ValueType.TEXT)
        with Horizontal(id="kind-row"):
            yield Label("kind")
            yield KindSelect(
                [(Text(kind), kind) for kind in self.strategy.all_kinds],
                value=self._kind,
                allow_blank=False,
                compact=True,
                id="kind",
            )
        for name, value_type in form_fields(self.strategy):
            yield self._field(name, value_type)
        yield Static("Ratings", classes="form-section")
        yield Static("0–5 on a row rates it; backspace clears.", classes="form-hint")
        with Vertical(id="ratings"):
            yield from self._criteria_widgets()

    def on_mount(self) -> None:
        self._changed()

    def action_next_row(self) -> None:
        """Like tab, but the arrows stay in the form (wrapping around), so pressing down once
        too often never moves focus into the explanation and scrolls the verdict away."""
        self.screen.focus_next(ROWS)

    def action_previous_row(self) -> None:
        self.screen.focus_previous(ROWS)

    def _field(self, name: str, value_type: ValueType) -> FieldInput:
        return FieldInput(name, value_type, self._texts.get(name, ""))

    def _criteria_widgets(self) -> list[Static | RatingRow]:
        rows: list[Static | RatingRow] = [
            RatingRow(c, self._ratings.get(c.id)) for c in rated_criteria(self.strategy, self._kind)
        ]
        computed = computed_criteria(self.strategy, self._kind)
        if computed:
            rows.append(Static(computed_text(computed), classes="form-hint"))
        return rows

    @on(Input.Changed)
    def _text_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.name is not None:
            self._texts[event.input.name] = event.value
            self._changed()

    @on(Select.Changed, "#kind")
    async def _kind_changed(self, event: Select.Changed) -> None:
        event.stop()
        if not isinstance(event.value, str) or event.value == self._kind:
            return
        self._kind = event.value
        ratings = self.query_one("#ratings", Vertical)
        await ratings.remove_children()
        await ratings.mount_all(self._criteria_widgets())
        self._changed()

    @on(RatingRow.Rated)
    def _rated(self, event: RatingRow.Rated) -> None:
        event.stop()
        if event.rating is None:
            self._ratings.pop(event.criterion_id, None)
        else:
            self._ratings[event.criterion_id] = event.rating
        self._changed()

    def _changed(self) -> None:
        reading = read_draft(self.strategy, self.draft)
        for field in self.query(FieldInput):
            field.show_error(reading.errors.get(field.field_name))
        self.post_message(self.Changed(self.loaded, reading))


def computed_text(criteria: list[Criterion]) -> Text:
    """Field criteria are not rated: say which field each one is computed from, and how."""
    text = Text("Computed from fields:")
    for c in criteria:
        text.append("\n  ")
        text.append(c.label)
        text.append(
            f"  ← {c.field} {format_number(c.worst or 0)} → {format_number(c.best or 0)}",
            style="dim",
        )
    return text
