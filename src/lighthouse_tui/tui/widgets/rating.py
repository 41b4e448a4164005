"""One criterion to rate: its question, its current rating, and the keys that set it.

A rating is handed to the form by a call, not a message: the new dots and the new verdict
then reach the screen in one frame. With a message in between, Textual painted the dots
first and the verdict waited for the next frame: 35–40 ms from key to verdict, against
10–14 (`benchmarks/app_bench.py`).
"""

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_
from lighthouse_tui.core.opportunity import RATING_MAX
from lighthouse_tui.core.strategy import Criterion

RATE = Binding.Group(N_("Rate"), compact=True)
RATE_DESCRIPTIONS = (
    N_("Rate 0"),
    N_("Rate 1"),
    N_("Rate 2"),
    N_("Rate 3"),
    N_("Rate 4"),
    N_("Rate 5"),
)
"""One per rating from 0 to `RATING_MAX`, whole for the catalog."""


class RatingRow(Widget, can_focus=True):
    """A focusable row rated with the digit keys, so a whole check needs no mouse and no Enter."""

    BINDING_GROUP_TITLE = N_("Rating a criterion")
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(value),
                f"rate({value})",
                RATE_DESCRIPTIONS[value],
                tooltip=N_("Rate the criterion from 0 (not at all) to 5 (fully)"),
                id=f"rate-{value}",
                group=RATE,
            )
            for value in range(RATING_MAX + 1)
        ),
        Binding(
            "backspace",
            "clear",
            N_("Clear"),
            tooltip=N_("Take the rating back: the criterion counts as missing"),
            id="clear-rating",
            show=False,  # the ratings' own hint says it, and triage's footer needs the room
        ),
    ]

    rating: reactive[float | None] = reactive(None)
    """Whole numbers from the keys; a fraction only when the item came with one."""

    def __init__(
        self,
        criterion: Criterion,
        rating: float | None = None,
        *,
        on_rate: Callable[[str, int | None], None],
    ) -> None:
        """`on_rate(criterion_id, rating)` is called on every change; None clears."""
        super().__init__(id=f"rating-{criterion.id}")
        self.criterion = criterion
        self._rate_handler = on_rate
        self.set_reactive(RatingRow.rating, rating)

    def render(self) -> Table:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1)
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(Text(self.criterion.prompt), rating_text(self.rating))
        return grid

    def action_rate(self, value: int) -> None:
        self._rate(value)

    def action_clear(self) -> None:
        self._rate(None)

    def _rate(self, value: int | None) -> None:
        self.rating = value
        self._rate_handler(self.criterion.id, value)


def rating_text(rating: float | None) -> Text:
    """Dots for the eye, the number for the record: `●●●○○ 3`, or a dim `○○○○○ –`."""
    if rating is None:
        return Text("○" * RATING_MAX + " –", style="dim")
    dots = round(rating)
    text = Text("●" * dots, style="bold")
    text.append("○" * (RATING_MAX - dots), style="dim")
    text.append(f" {i18n.decimal(rating)}")
    return text
