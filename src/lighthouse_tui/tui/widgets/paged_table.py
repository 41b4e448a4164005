"""A table that holds a page or a few of a long list, and asks for the next page before the
cursor reaches the end.

A DataTable pays for every row it holds (10,000 rows take over a second to show), and a log
of years has a hundred thousand: so the inbox and the log never put more than the pages the
user has scrolled through in it.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, ngettext

NEAR_END = 20
"""How many rows before the last one the next page is asked for: scrolling never waits."""
MOST_HELD_FOR_END = 5_000
"""How many rows end and G read their way to at most: past that, the pages of a log of years
would fill the table with 100,000 rows (15 s and 160 MB), so they stop there and say so."""

Row = tuple[str, Sequence[Text]]
"""A row's key (an id in the log) and its cells."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    width: int | None = None
    """Cells; None for the one column that takes the width the others leave (the title)."""
    hide_first: int | None = None
    """When the flexible column would be narrower than `READABLE`, the columns with a rank
    here go, the lowest rank first, until it is not; None keeps the column at every width."""


READABLE = 32
"""The flexible column (the title) gets this many cells before the columns that may go."""


def cell(text: Text) -> Text:
    """A cell cut at its column's width with an ellipsis, rather than wrapped onto a line the
    one-line row cannot show."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class PagedTable(DataTable[Text], inherit_bindings=False):
    """Rows are keyed, so a screen can replace or remove the one it acted on. Enter is left to
    the screen (it means "triage" in the inbox), unlike in a plain DataTable; home and end
    go to the first and last row (a plain DataTable scrolls sideways with them), and so do
    g and G, with j and k for down and up, as in every list of the app."""

    BINDING_GROUP_TITLE = N_("Moving in a list")
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            binding
            for binding in DataTable.BINDINGS
            if not (
                isinstance(binding, Binding)
                and binding.action in ("select_cursor", "scroll_home", "scroll_end")
            )
        ),
        Binding(
            "j",
            "cursor_down",
            N_("Down"),
            show=False,
            tooltip=N_("The next row (down does too)"),
            id="list-down",
        ),
        Binding(
            "k",
            "cursor_up",
            N_("Up"),
            show=False,
            tooltip=N_("The row above (up does too)"),
            id="list-up",
        ),
        Binding(
            "home,g",
            "first",
            N_("First"),
            show=False,
            tooltip=N_("The first row"),
            id="list-first",
        ),
        Binding(
            "end,G",
            "last",
            N_("Last"),
            show=False,
            tooltip=N_("The last row, reading the pages before it"),
            id="list-last",
        ),
    ]

    class NearEnd(Message):
        """The cursor came near the last row while more rows exist: load the next page."""

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, PagedTable.NearEnd)

    def __init__(self, columns: Sequence[Column], *, id: str) -> None:
        super().__init__(id=id, cursor_type="row")
        self.spec = tuple(columns)
        self.more = False
        """Whether rows exist beyond the last one held; the screen that loads them says."""
        self._rows: dict[str, Sequence[Text]] = {}
        self._layout: tuple[tuple[int, ...], int] = ((), 0)
        """The columns shown (their places in `spec`) and the flexible column's width."""
        self._to_last = False
        """End was pressed while pages were left: each page that arrives asks for the next,
        and the last one puts the cursor on its last row."""

    @property
    def keys(self) -> list[str]:
        return list(self._rows)

    @property
    def cursor_key(self) -> str | None:
        keys = self.keys
        return keys[self.cursor_row] if 0 <= self.cursor_row < len(keys) else None

    def on_resize(self, _event: events.Resize) -> None:
        layout = self._fit()
        if layout != self._layout:
            self._rebuild(layout)

    def _fit(self) -> tuple[tuple[int, ...], int]:
        """The columns that fit with the title readable, and the title's width."""
        padding = 2 * self.cell_padding
        room = self.scrollable_content_region.width
        if not room:
            # Not laid out yet (the first page is often read before the first layout), or
            # hidden: the screen's width less the scrollbar, right for a table across the
            # screen. Built at a guess of 10, the first frame showed titles of 10 columns
            # until the Resize rebuilt them; a wrong guess is still corrected there.
            room = self.app.size.width - self.styles.scrollbar_size_vertical
        shown = list(range(len(self.spec)))
        hidable = sorted(
            (column.hide_first, place)
            for place, column in enumerate(self.spec)
            if column.hide_first is not None
        )
        while True:
            fixed = sum((self.spec[place].width or 0) + padding for place in shown)
            width = room - fixed - padding
            if width >= READABLE or not hidable:
                return tuple(shown), max(10, width)
            shown.remove(hidable.pop(0)[1])

    def _cells(self, cells: Sequence[Text]) -> list[Text]:
        return [cells[place] for place in self._layout[0]]

    def _rebuild(self, layout: tuple[tuple[int, ...], int]) -> None:
        """Columns again at the new width; the rows and the cursor stay where they were."""
        self._layout = layout
        shown, width = layout
        row = self.cursor_row
        self.clear(columns=True)
        for place in shown:
            column = self.spec[place]
            self.add_column(Text(column.label), key=column.key, width=column.width or width)
        for key, cells in self._rows.items():
            self.add_row(*self._cells(cells), key=key)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), animate=False)

    def action_first(self) -> None:
        self._to_last = False
        self.action_scroll_top()

    def action_last(self) -> None:
        """The true last row: the pages not read yet are asked for, one after the other, up to
        `MOST_HELD_FOR_END` rows; past them, the last row read, and a word on how to go on."""
        if self.more and self.row_count < MOST_HELD_FOR_END:
            self._to_last = True
            self.post_message(self.NearEnd())
            return
        self._to_last = False
        self.action_scroll_bottom()
        if self.more:
            self.notify(
                ngettext(
                    "The last of the {count} row read; more follow: narrow the list "
                    "(a filter, a period) to reach them, or go on down",
                    "The last of the {count} rows read; more follow: narrow the list "
                    "(a filter, a period) to reach them, or go on down",
                    self.row_count,
                ).format(count=i18n.decimal(self.row_count)),
                markup=False,
            )

    def replace_all(self, rows: Iterable[Row], *, more: bool) -> None:
        self._to_last = False
        self._rows = dict(rows)
        self.more = more
        self._rebuild(self._fit())
        self.move_cursor(row=0, animate=False)

    def append(self, rows: Sequence[Row], *, more: bool) -> None:
        self.more = more
        fresh = [(key, cells) for key, cells in rows if key not in self._rows]
        self._rows.update(fresh)
        for key, cells in fresh:
            self.add_row(*self._cells(cells), key=key)
        if self._to_last:
            self.action_last()

    def replace(self, key: str, cells: Sequence[Text]) -> None:
        if key not in self._rows:
            return
        self._rows[key] = cells
        for place in self._layout[0]:
            self.update_cell(key, self.spec[place].key, cells[place])

    def remove(self, key: str) -> None:
        if self._rows.pop(key, None) is not None:
            self.remove_row(key)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.more and event.cursor_row >= self.row_count - NEAR_END:
            self.post_message(self.NearEnd())
