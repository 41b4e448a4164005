"""The inbox: what waits for a decision, oldest first (as `lighthouse inbox`), and the way
into triage.

Every pending item is read (a few thousand at most: the inbox is emptied daily), but the
table holds only the pages scrolled through. Archiving is undone exactly: the store only
changes the item's status, nothing is deleted.
"""

from collections.abc import Hashable
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.text import fold
from lighthouse_tui.render.literal import literal, one_line, title_text
from lighthouse_tui.render.log import age, age_width, sender
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import InboxItem
from lighthouse_tui.tui.log_watch import LogWatch, reload_binding
from lighthouse_tui.tui.logbook import LogSummary
from lighthouse_tui.tui.screens.add import AddScreen
from lighthouse_tui.tui.screens.base import LighthouseScreen, log_problem
from lighthouse_tui.tui.screens.triage import TriageScreen
from lighthouse_tui.tui.widgets.paged_table import Column, PagedTable, Row, cell

PAGE = 100


def columns() -> tuple[Column, ...]:
    """Built when the table is, so the headers speak the language chosen at start."""
    return (
        Column("title", _("title")),
        Column("kind", _("kind"), 14),
        Column("source", _("source"), 16),
        Column("age", _("age"), age_width()),
    )


class InboxScreen(LighthouseScreen):
    AUTO_FOCUS = "#inbox-table"
    BINDING_GROUP_TITLE = N_("Inbox")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "triage",
            N_("Triage"),
            tooltip=N_("Decide the selected opportunity, then the ones below it"),
            id="triage",
        ),
        Binding("a", "add", N_("Add"), tooltip=N_("Put a new opportunity in the inbox"), id="add"),
        Binding(
            "slash",
            "filter",
            N_("Filter"),
            tooltip=N_("Show only the items whose title, source or kind hold a text"),
            id="filter-inbox",
        ),
        Binding(
            "x",
            "archive",
            N_("Archive"),
            tooltip=N_("Put the selected item away undecided (nothing is deleted; u undoes)"),
            id="archive",
        ),
        Binding(
            "u", "undo", N_("Undo"), tooltip=N_("Bring back the item archived last"), id="undo"
        ),
        Binding(
            "o",
            "outcomes",
            N_("Outcomes due"),
            tooltip=N_("The log, showing the decisions to tell how they turned out"),
            id="outcomes-due",
        ),
        Binding(
            "escape",
            "clear_filter",
            N_("Clear filter"),
            tooltip=N_("Show every item again"),
            id="clear-inbox-filter",
        ),
        reload_binding(
            N_(
                "Read the inbox again from the log; done by itself when another lighthouse "
                "(the shell) writes to it"
            ),
            "inbox-reload",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.items: list[InboxItem] = []
        """Every pending item, oldest first: what waited longest comes first."""
        self.shown: list[InboxItem] = []
        """The items the filter lets through, in the same order; the table holds a prefix."""
        self.archived: list[InboxItem] = []
        """Archived from this screen, last one last: what `u` brings back."""
        self.loaded_once = False
        """Whether the inbox was read: the first read shows a loading indicator, the next
        ones (after triage, a dialog) keep the rows on screen until the new ones arrive."""

    def compose_body(self) -> ComposeResult:
        yield Static(id="inbox-status")
        yield Input(placeholder=_("text in the title, source or kind"), id="inbox-filter")
        yield PagedTable(columns(), id="inbox-table")
        yield Static(id="inbox-empty")
        yield Static(id="log-problem")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "summary", self._summary_changed)
        self.log_watch = LogWatch(self, self.lighthouse, self.load)
        self.log_watch.start()
        self.load()

    def action_reload_log(self) -> None:
        self.load()

    def on_screen_resume(self) -> None:
        """Back from triage, another screen or a dialog: the inbox may have changed."""
        if self.loaded_once:
            self.load()

    @property
    def table(self) -> PagedTable:
        return self.query_one("#inbox-table", PagedTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#inbox-filter", Input).value.strip()

    def _summary_changed(self, _summary: LogSummary) -> None:
        self._show_status()
        self.update_keys()

    @work(exclusive=True, group="inbox")
    async def load(self, select: int | None = None) -> None:
        """Read the inbox again; the cursor stays on its item, or goes to `select`'s."""
        logbook = self.lighthouse.logbook
        if not logbook.usable:
            self._show_problem(logbook.problem or "")
            return
        table = self.table
        table.loading = not self.loaded_once
        self.log_watch.read()
        try:
            items = await logbook.run(DecisionLog.inbox)
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            table.loading = False
        if not self.loaded_once and self.focused is None:
            table.focus()
        self.loaded_once = True
        self.items = items
        self._show(select)

    def _show(self, select: int | None = None) -> None:
        """Refill the table from `items` through the filter, keeping the cursor on the same
        item (or `select`'s), else on the same row."""
        table = self.table
        keep = str(select) if select is not None else table.cursor_key
        row = table.cursor_row
        needle = fold(self.filter_text)
        self.shown = [item for item in self.items if matches(item, needle)]
        keys = [str(item.id) for item in self.shown]
        if keep in keys:
            row = keys.index(keep)
        end = max(PAGE, row + 1)
        now = self.lighthouse.logbook.clock()
        table.replace_all(
            [item_row(item, now) for item in self.shown[:end]], more=len(self.shown) > end
        )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        self._show_status()
        table.display = bool(self.shown)
        empty = self.query_one("#inbox-empty", Static)
        empty.display = not self.shown
        if self.filter_text:
            empty.update(
                sentence(
                    _("Nothing matches “{text}”. Escape clears the filter."), text=self.filter_text
                )
            )
        else:
            empty.update(
                Text(
                    _(
                        "Nothing waits in the inbox. a adds an opportunity, ctrl+o imports them "
                        "from CSV, JSON, TOML or mail files; from the shell, `lighthouse add` and "
                        "`lighthouse import` do too."
                    )
                )
            )
        self.update_keys()

    def _show_status(self) -> None:
        summary = self.lighthouse.summary
        status = Text()
        count = len(self.items)
        if self.filter_text:
            status.append_text(
                sentence(
                    _("{shown} of {count} match “{text}”"),
                    shown=i18n.decimal(len(self.shown)),
                    count=i18n.decimal(count),
                    text=self.filter_text,
                )
            )
        elif count:
            status.append(_("{count} waiting").format(count=i18n.decimal(count)))
        else:
            status.append(_("Inbox empty"))
        if summary.due:
            status.append("  ·  ")
            status.append(
                ngettext("{count} outcome due", "{count} outcomes due", summary.due).format(
                    count=i18n.decimal(summary.due)
                ),
                "bold",
            )
            status.append(" (o)", "dim")
        if self.lighthouse.logbook.problem:
            status.append("  ·  ")
            status.append(_("read-only"), "bold yellow")
        self.query_one("#inbox-status", Static).update(status)

    def _show_problem(self, problem: str) -> None:
        for selector in ("#inbox-status", "#inbox-table", "#inbox-empty"):
            self.query_one(selector).display = False
        problem_view = self.query_one("#log-problem", Static)
        problem_view.update(log_problem(problem))
        problem_view.display = True

    @on(PagedTable.NearEnd)
    def _more(self) -> None:
        table = self.table
        start = table.row_count
        now = self.lighthouse.logbook.clock()
        page = self.shown[start : start + PAGE]
        table.append([item_row(item, now) for item in page], more=start + PAGE < len(self.shown))

    def keys_state(self) -> Hashable:
        return (
            self.table.cursor_key is not None,
            bool(self.archived),
            self.query_one("#inbox-filter").display,
            self.lighthouse.summary.due > 0,
        )

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        usable = self.lighthouse.logbook.usable
        if action in ("triage", "archive"):
            return usable and self.table.cursor_key is not None
        if action == "undo":
            return bool(self.archived)
        if action == "clear_filter":
            return self.query_one("#inbox-filter").display
        if action == "outcomes":
            return usable and self.lighthouse.summary.due > 0
        if action in ("add", "filter"):
            return usable
        return True

    def selected(self) -> InboxItem | None:
        key = self.table.cursor_key
        return next((item for item in self.shown if str(item.id) == key), None)

    def action_triage(self) -> None:
        item = self.selected()
        if item is None or self.lighthouse.needs_strategy("triage"):
            return
        queue = self.shown[self.shown.index(item) :]
        self.app.push_screen(TriageScreen(queue))

    def action_add(self) -> None:
        loaded = self.lighthouse.state.loaded
        if loaded is None:
            self.lighthouse.needs_strategy("add")
            return
        self.app.push_screen(AddScreen(loaded), self._add)

    @work(group="inbox-write")
    async def _add(self, opportunity: Opportunity | None) -> None:
        if opportunity is None:
            return
        try:
            item_id = await self.lighthouse.logbook.run(DecisionLog.add, opportunity)
        except StoreError as error:
            self.store_failed(error)
            return
        self.notify(
            _("Added “{title}” to the inbox").format(title=one_line(opportunity.title)),
            markup=False,
        )
        self.lighthouse.log_changed()
        self.load(select=item_id)

    def action_filter(self) -> None:
        field = self.query_one("#inbox-filter", Input)
        field.display = True
        self.set_focus(field)  # now, not after the queue: the next key typed is the filter's
        self.update_keys()

    @on(Input.Changed, "#inbox-filter")
    def _filter_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#inbox-filter")
    def _filter_done(self) -> None:
        self.table.focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#inbox-filter", Input)
        field.value = ""
        field.display = False
        self.table.focus()
        self._show()

    @work(group="inbox-write")
    async def action_archive(self) -> None:
        item = self.selected()
        if item is None:
            return
        try:
            await self.lighthouse.logbook.run(DecisionLog.set_archived, item.id, True)
        except StoreError as error:
            self.store_failed(error)
            return
        self.archived.append(item)
        self.items.remove(item)
        self._show()
        self.notify(
            _("Archived “{title}”: u brings it back").format(title=one_line(item.title)),
            markup=False,
        )
        self.lighthouse.log_changed()

    @work(group="inbox-write")
    async def action_undo(self) -> None:
        if not self.archived:
            return
        item = self.archived.pop()
        try:
            await self.lighthouse.logbook.run(DecisionLog.set_archived, item.id, False)
        except StoreError as error:
            self.archived.append(item)
            self.store_failed(error)
            return
        self.notify(
            _("“{title}” is back in the inbox").format(title=one_line(item.title)), markup=False
        )
        self.lighthouse.log_changed()
        self.load(select=item.id)

    async def action_outcomes(self) -> None:
        await self.lighthouse.show_due_outcomes()


def matches(item: InboxItem, needle: str) -> bool:
    """ "Contains" on the title, the source and the kind, all `fold`ed as `needle` is: case and
    accents aside, `regie` finds "Régie"."""
    if not needle:
        return True
    return any(needle in fold(text or "") for text in (item.title, item.source, item.kind))


def item_row(item: InboxItem, now: datetime) -> Row:
    return (
        str(item.id),
        (
            cell(title_text(item.title)),
            cell(literal(item.kind)),
            cell(literal(sender(item.source), "dim")),
            Text(age(item.received, now), justify="right"),
        ),
    )
