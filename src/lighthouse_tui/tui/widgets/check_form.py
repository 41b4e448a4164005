"""The quick-check form: title, kind, fields, then the ratings that apply to the kind."""

from collections.abc import Callable
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.strategy import DEFAULT_KIND, Criterion
from lighthouse_tui.core.types import ValueType
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

RatingsPlace = Literal["first", "last", "none"]
"""Where the ratings go: after the fields for a quick check, first in triage (the fields came
with the item), nowhere when adding an item to the inbox (it is rated when triaged)."""

ROWS = "CheckForm *"
"""What the arrow keys move between: anything focusable in the form."""


class KindSelect(Select[str], inherit_bindings=False):
    """A Select that leaves the arrow keys to the form: down moves on to the next field
    instead of opening the menu, which enter or space do."""

    BINDING_GROUP_TITLE = N_("The kind select")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter,space",
            "show_overlay",
            N_("Choose kind"),
            show=False,
            tooltip=N_("Open the list of opportunity kinds"),
            id="choose-kind",
        ),
    ]


class CheckForm(VerticalScroll, can_focus=False):
    """Owns the draft and reads it after every change, so the screen only has to evaluate.
    The quick check, triage and the inbox's "add" all use it: one form, one way to type.

    Not focusable itself: tab and the arrow keys go from field to field and row to row.

    Each reading is handed over by calling `on_change`, not by a message, for the reason
    `RatingRow` gives: a rating's dots and its verdict reach the screen in one frame.
    """

    BINDING_GROUP_TITLE = N_("Moving through the form")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "down",
            "next_row",
            N_("Next"),
            show=False,
            tooltip=N_("Move to the next field or criterion"),
            id="next-row",
        ),
        Binding(
            "up",
            "previous_row",
            N_("Previous"),
            show=False,
            tooltip=N_("Move to the previous field or criterion"),
            id="previous-row",
        ),
    ]

    def __init__(
        self,
        loaded: LoadedStrategy,
        draft: Draft,
        *,
        on_change: Callable[[Reading], None],
        ratings: RatingsPlace = "last",
    ) -> None:
        """`on_change(reading)` gets the form's contents parsed against `loaded`: once
        mounted, then after every change."""
        super().__init__(id="check-form")
        self.loaded = loaded
        self._change_handler = on_change
        self.ratings_place = ratings
        self.strategy = loaded.strategy
        self._kind = draft.kind if draft.kind in self.strategy.all_kinds else DEFAULT_KIND
        self._texts = dict(draft.texts)
        self._ratings = dict(draft.ratings)
        self._fields: list[FieldInput] = []
        """The field inputs, found once: every key in the form shows or clears their errors."""

    @property
    def draft(self) -> Draft:
        return Draft(self._kind, dict(self._texts), dict(self._ratings))

    def compose(self) -> ComposeResult:
        if self.ratings_place == "first":
            yield from self._ratings_section()
            yield Static(_("The opportunity"), classes="form-section")
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
        if self.ratings_place == "last":
            yield from self._ratings_section()

    def _ratings_section(self) -> ComposeResult:
        yield Static(_("Ratings"), classes="form-section")
        yield Static(
            _("0–5 rates a row and moves to the next unrated; backspace clears."),
            classes="form-hint",
        )
        with Vertical(id="ratings"):
            yield from self._criteria_widgets()

    def on_mount(self) -> None:
        self._fields = list(self.query(FieldInput))
        self._changed()

    def focus_first(self) -> None:
        """Focus the first row: the title, or the first criterion when ratings come first.

        Without scrolling: the first row of a new form is on screen, and a scroll asked for
        before the form's first layout would move it by a guess at its height. At once, not
        after the messages queued: a key typed ahead goes to this row (`TypedAhead`)."""
        first = next((widget for widget in self.query("*") if widget.focusable), None)
        if first is not None:
            self.screen.set_focus(first, scroll_visible=False)

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
            RatingRow(c, self._ratings.get(c.id), on_rate=self._rated)
            for c in rated_criteria(self.strategy, self._kind)
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
        for ratings in self.query("#ratings").results(Vertical):
            await ratings.remove_children()
            await ratings.mount_all(self._criteria_widgets())
        self._changed()

    def _rated(self, criterion_id: str, rating: int | None) -> None:
        if rating is None:
            self._ratings.pop(criterion_id, None)
        else:
            self._ratings[criterion_id] = rating
        self._changed()
        if rating is not None:
            self._next_unrated(criterion_id)

    def _next_unrated(self, criterion_id: str) -> None:
        """On to the next criterion not rated yet, wrapping round: rating four criteria is
        four digits. Once all are rated the focus stays, so a digit too many rates the row
        again rather than landing in a field, and triage's a/d/l still choose."""
        rows = list(self.query(RatingRow))
        rated = next(i for i, row in enumerate(rows) if row.criterion.id == criterion_id)
        for row in rows[rated + 1 :] + rows[:rated]:
            if row.rating is None:
                self.screen.set_focus(row)
                return

    def _changed(self) -> None:
        reading = read_draft(self.strategy, self.draft)
        for field in self._fields:
            field.show_error(reading.errors.get(field.field_name))
        self._change_handler(reading)


def computed_text(criteria: list[Criterion]) -> Text:
    """Field criteria are not rated: say which field each one is computed from, and how."""
    text = Text(_("Computed from fields:"))
    for c in criteria:
        text.append("\n  ")
        text.append(c.label)
        text.append(
            f"  ← {c.field} {i18n.decimal(c.worst or 0)} → {i18n.decimal(c.best or 0)}",
            style="dim",
        )
    return text
