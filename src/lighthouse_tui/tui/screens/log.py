"""The decision log: what the reflex said, what the strategy said, what was decided and how
it turned out — newest first, a page at a time, with the selected decision re-explained by
the strategy version that scored it."""

import asyncio
from collections.abc import Hashable
from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widgets import DataTable, Input, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext, pgettext
from lighthouse_tui.core.text import visible
from lighthouse_tui.render.evaluation import VERDICT_STYLES
from lighthouse_tui.render.literal import one_line, title_text
from lighthouse_tui.render.log import (
    choice,
    choice_word,
    decision_header,
    outcome_text,
    replay_view,
)
from lighthouse_tui.store.log import DecisionLog, LogFilter, StoreError
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.store.replay import replay
from lighthouse_tui.tui.log_pages import LogView, read_page
from lighthouse_tui.tui.log_watch import LogWatch, reload_binding
from lighthouse_tui.tui.logbook import LogSummary
from lighthouse_tui.tui.screens.base import LighthouseScreen, log_problem, wide_from
from lighthouse_tui.tui.screens.correct import ask_correction
from lighthouse_tui.tui.screens.outcome import OutcomeScreen
from lighthouse_tui.tui.screens.question import Answer
from lighthouse_tui.tui.widgets.key_scroll import KeyScroll
from lighthouse_tui.tui.widgets.paged_table import Column, PagedTable, Row, cell


def columns() -> tuple[Column, ...]:
    """At 80 columns the reflex and the score go (the detail pane shows both), so that titles
    are read; the date goes too when narrower still. Built when the table is, so the headers
    speak the language chosen at start; a translation fits its column's width (the widths
    are the English ones, and the title needs every cell left at 80 columns)."""
    return (
        Column("date", _("date"), 10, hide_first=3),
        Column("title", _("title")),
        Column("reflex", _("reflex"), 7, hide_first=1),
        Column("filter", _("filter"), 8),
        Column("final", _("final"), 9),
        Column("score", _("score"), 5, hide_first=2),
        Column("outcome", pgettext("log column, 7 cells", "outcome"), 7),
    )


FILTERS = Binding.Group(N_("Filters"))
"""One place in the footer for the keys that filter; `?` lists each with what it does."""
LOG_WIDE = 160
"""From this width the detail pane (72 columns and its border) goes beside the table rather
than below it: the table's fixed columns take about 60, and a title needs 24 to be read."""
DETAIL_DELAY_S = 0.05
"""The detail waits this long for the cursor to settle: holding an arrow key down must not
queue a replay per row on the log's thread, ahead of the pages."""


class LogScreen(LighthouseScreen):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = wide_from(LOG_WIDE)
    AUTO_FOCUS = "#log-table"
    BINDING_GROUP_TITLE = N_("Log")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "o",
            "outcome",
            N_("Outcome"),
            tooltip=N_("Rate how the selected decision turned out, 1 to 5, with a note"),
            id="rate-outcome",
        ),
        Binding(
            "u",
            "correct",
            N_("Correct"),
            tooltip=N_(
                "Change the selected decision's final choice; the log keeps the one it replaces"
            ),
            id="correct-decision",
        ),
        # Not k nor v: k moves up in every list, v opens the review on every screen.
        Binding(
            "t",
            "kind",
            N_("Kind"),
            tooltip=N_("Show one kind (type) of opportunity, the next, then all"),
            id="log-kind",
            group=FILTERS,
        ),
        Binding(
            "f",
            "verdict",
            N_("Verdict"),
            tooltip=N_("Show one verdict of the filter, the next, then all"),
            id="log-verdict",
            group=FILTERS,
        ),
        Binding(
            "w",
            "overrode",
            N_("Overrides"),
            tooltip=N_("Show only the decisions that went against a clear verdict, or all"),
            id="log-overrides",
            group=FILTERS,
        ),
        Binding(
            "p",
            "period",
            N_("Period"),
            tooltip=N_("Last 7, 30, 90, 365 days, then all time"),
            id="log-period",
            group=FILTERS,
        ),
        Binding(
            "d",
            "due",
            N_("Due"),
            tooltip=N_("Only the decisions waiting for their outcome, or all"),
            id="log-due",
            group=FILTERS,
        ),
        Binding(
            "slash",
            "search",
            N_("Search"),
            tooltip=N_("Show only the decisions whose title holds a text"),
            id="log-search",
            group=FILTERS,
        ),
        Binding(
            "r",
            "reset",
            N_("All"),
            tooltip=N_("Take every filter off"),
            id="log-reset",
        ),
        Binding(
            "escape",
            "close_search",
            N_("Close search"),
            tooltip=N_("Take the title search off"),
            id="log-close-search",
        ),
        reload_binding(
            N_(
                "Read the decisions again from the log; done by itself when another lighthouse "
                "(the shell) writes to it"
            ),
            "log-reload",
            show=False,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view = LogView()
        self.records: dict[str, DecisionRecord] = {}
        """The decisions the table holds, by row key."""
        self.total: int | None = None
        self.generation = 0
        """Counts the filter changes; a page read for an older one is dropped."""
        self.next_before: int | None = None
        self.fetching = False
        self.seen_changes = 0
        """The app's count of writes when the log was last read."""

    @property
    def table(self) -> PagedTable:
        return self.query_one("#log-table", PagedTable)

    def compose_body(self) -> ComposeResult:
        yield Static(id="log-filters")
        yield Input(placeholder=_("text in the title"), id="log-search-input")
        with Container(id="log-body"):
            yield PagedTable(columns(), id="log-table")
            with KeyScroll(id="log-detail"):
                yield Static(id="log-detail-view")
        yield Static(id="log-problem")

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "summary", self._summary_changed)
        self.log_watch = LogWatch(self, self.lighthouse, self.action_reload_log)
        self.log_watch.start()
        logbook = self.lighthouse.logbook
        if not logbook.usable:
            self.query_one("#log-body").display = False
            problem = self.query_one("#log-problem", Static)
            problem.update(log_problem(logbook.problem or ""))
            problem.display = True
            return
        self.reload()

    def on_screen_resume(self) -> None:
        """Back from triage or a quick check that recorded: show the new decisions."""
        if self.seen_changes != self.lighthouse.changes:
            self.reload()

    def _summary_changed(self, _summary: LogSummary) -> None:
        self._show_filters()

    def show_due(self) -> None:
        """Only the outcomes due, as the inbox's `o` asks."""
        self._set_view(LogView(due=True))

    def _set_view(self, view: LogView) -> None:
        if view != self.view:
            self.view = view
            self.reload()
        self.update_keys()

    def _where(self) -> LogFilter:
        return self.view.where(self.lighthouse.today, self.lighthouse.after_days)

    def action_reload_log(self) -> None:
        """Read again, the cursor staying on its decision when that is still listed."""
        self.reload(keep=self.table.cursor_key)

    def reload(self, keep: str | None = None) -> None:
        if not self.lighthouse.logbook.usable:
            return
        self.seen_changes = self.lighthouse.changes
        self.log_watch.read()
        self.generation += 1
        self.table.more = False  # no next page of the old view while the new one loads
        self._show_filters()
        self._load_first(self.generation, self._where(), keep)

    @work(exclusive=True, group="log-page")
    async def _load_first(self, generation: int, where: LogFilter, keep: str | None) -> None:
        table = self.table
        table.loading = not self.records
        try:
            page = await self.lighthouse.logbook.run(read_page, where)
            total = await self.lighthouse.logbook.run(DecisionLog.count, where)
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            table.loading = False
        if self.focused is None:
            table.focus()
        if generation != self.generation:
            return
        self.total = total
        self.next_before = page.before
        self.records = {str(r.id): r for r in page.records}
        table.replace_all([decision_row(r) for r in page.records], more=page.more)
        if keep in self.records:
            table.move_cursor(row=table.keys.index(keep), animate=False)
        self._show_filters()
        self._show_detail()

    @on(PagedTable.NearEnd)
    def _near_end(self) -> None:
        if not self.fetching:
            self._load_more(self.generation, self._where())

    @work(group="log-more")
    async def _load_more(self, generation: int, where: LogFilter) -> None:
        self.fetching = True
        try:
            page = await self.lighthouse.logbook.run(read_page, where, before=self.next_before)
        except StoreError as error:
            self.store_failed(error)
            return
        finally:
            self.fetching = False
        if generation != self.generation:
            return
        self.next_before = page.before
        self.records.update((str(r.id), r) for r in page.records)
        self.table.append([decision_row(r) for r in page.records], more=page.more)

    def _show_filters(self) -> None:
        view = self.view
        line = Text()
        every = pgettext("kind or verdict filter", "all")
        overrides = (
            pgettext("overrides filter", "only")
            if view.overrode
            else pgettext("overrides filter", "all")
        )
        verdict = choice_word(view.verdict) if view.verdict else every
        parts = [
            (_("kind"), view.kind or every, view.kind is not None),
            (_("verdict"), verdict, view.verdict is not None),
            (_("overrides"), overrides, view.overrode),
            (
                _("period"),
                ngettext("last {days} day", "last {days} days", view.period).format(
                    days=i18n.decimal(view.period)
                )
                if view.period
                else pgettext("log period filter", "all time"),
                bool(view.period),
            ),
        ]
        if view.text:
            parts.append((_("title has"), visible(view.text), True))
        for name, value, chosen in parts:
            line.append(f"{name} ", style="dim")
            line.append(value, style="bold" if chosen else "")
            line.append("  ")
        total = self.total
        if total is not None:
            count = i18n.decimal(total)
            if view.due:
                line.append(
                    ngettext("{count} outcome due", "{count} outcomes due", total).format(
                        count=count
                    ),
                    style="bold yellow",
                )
            else:
                line.append(
                    ngettext("{count} decision", "{count} decisions", total).format(count=count),
                    style="dim",
                )
        self.query_one("#log-filters", Static).update(line)

    @on(DataTable.RowHighlighted, "#log-table")
    def _highlighted(self) -> None:
        self._show_detail()
        self.update_keys()

    def selected(self) -> DecisionRecord | None:
        key = self.table.cursor_key
        return None if key is None else self.records.get(key)

    def _show_detail(self) -> None:
        record = self.selected()
        view = self.query_one("#log-detail-view", Static)
        if record is None:
            if self.view.is_filtered:
                empty = _("No decision matches these filters; r takes them off.")
            else:
                empty = _("No decision yet: triage the inbox, or record a quick check (ctrl+s).")
            view.update(Text(empty, style="italic"))
            return
        view.update(decision_header(record))
        self._replay(record)

    @work(exclusive=True, group="log-detail")
    async def _replay(self, record: DecisionRecord) -> None:
        await asyncio.sleep(DETAIL_DELAY_S)
        current = self.lighthouse.state.loaded
        try:
            replayed = await self.lighthouse.logbook.run(replay, record, current)
        except StoreError as error:
            self.store_failed(error)
            return
        if self.selected() is record:
            self.query_one("#log-detail-view", Static).update(replay_view(replayed, current))

    def keys_state(self) -> Hashable:
        record = self.selected()
        return (
            record is not None,
            record is not None and record.final_choice != "defer",
            self.view.is_filtered,
            self.query_one("#log-search-input").display,
        )

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        if action == "outcome":
            record = self.selected()
            return record is not None and record.final_choice != "defer"
        if action == "correct":
            return self.selected() is not None
        if action == "reset":
            return self.view.is_filtered
        if action == "close_search":
            return self.query_one("#log-search-input").display
        return self.lighthouse.logbook.usable

    def action_kind(self) -> None:
        loaded = self.lighthouse.state.loaded
        kinds = loaded.strategy.all_kinds if loaded is not None else ()
        self._set_view(self.view.next_kind(kinds))

    def action_verdict(self) -> None:
        self._set_view(self.view.next_verdict())

    def action_overrode(self) -> None:
        self._set_view(replace(self.view, overrode=not self.view.overrode))

    def action_period(self) -> None:
        self._set_view(self.view.next_period())

    def action_due(self) -> None:
        self._set_view(replace(self.view, due=not self.view.due))

    def action_reset(self) -> None:
        search = self.query_one("#log-search-input", Input)
        search.value = ""
        search.display = False
        self.table.focus()
        self._set_view(LogView())

    def action_search(self) -> None:
        search = self.query_one("#log-search-input", Input)
        search.display = True
        self.set_focus(search)  # now, not after the queue: the next key typed is the search's
        self.update_keys()

    @on(Input.Changed, "#log-search-input")
    def _search_changed(self, event: Input.Changed) -> None:
        self._set_view(replace(self.view, text=event.value.strip()))

    @on(Input.Submitted, "#log-search-input")
    def _search_done(self) -> None:
        self.table.focus()

    def action_close_search(self) -> None:
        search = self.query_one("#log-search-input", Input)
        search.value = ""
        search.display = False
        self.table.focus()
        self.update_keys()

    def action_outcome(self) -> None:
        record = self.selected()
        if record is not None:
            self.app.push_screen(OutcomeScreen(record), lambda answer: self._rate(record, answer))

    @work(group="log-write")
    async def _rate(self, record: DecisionRecord, answer: Answer | None) -> None:
        if answer is None:
            return
        logbook = self.lighthouse.logbook
        try:
            await logbook.run(DecisionLog.add_outcome, record.id, int(answer.choice), answer.note)
            updated = await logbook.run(DecisionLog.decision, record.id)
        except StoreError as error:
            self.store_failed(error)
            return
        key = str(record.id)
        if self.view.due and key in self.records:
            self._leave_due(key)
        else:
            self._show_updated(updated)
        self.notify(
            _("Outcome recorded for “{title}”").format(title=one_line(record.title)),
            markup=False,
        )
        self.lighthouse.log_changed()
        self.seen_changes = self.lighthouse.changes

    def action_correct(self) -> None:
        record = self.selected()
        if record is not None:
            ask_correction(self, record, self._corrected)

    def _corrected(self, updated: DecisionRecord) -> None:
        self._show_updated(updated)
        self.seen_changes = self.lighthouse.changes

    def _show_updated(self, updated: DecisionRecord) -> None:
        """The row and the detail of a decision just changed, where the table holds it."""
        key = str(updated.id)
        if key in self.records:
            self.records[key] = updated
            self.table.replace(key, decision_row(updated)[1])
            self._show_detail()

    def _leave_due(self, key: str) -> None:
        """A rated decision is no longer due: its row goes, and the cursor stays on the row
        that took its place, the next one due, so outcomes are rated one after the other."""
        table = self.table
        row = table.cursor_row
        del self.records[key]
        table.remove(key)
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1), animate=False)
        if self.total:
            self.total -= 1
        self._show_filters()
        self._show_detail()
        self.update_keys()


def decision_row(record: DecisionRecord) -> Row:
    """One decision as a table row; an override is flagged ⚑, visible without colour too."""
    final = choice(record.final_choice)
    if record.overrode:
        final.append(" ⚑", style="bold magenta")
    return (
        str(record.id),
        (
            Text(record.decided_at.astimezone().date().isoformat()),
            cell(title_text(record.title)),
            choice(record.default_choice),
            Text(choice_word(record.verdict), style=VERDICT_STYLES[record.verdict]),
            final,
            Text("–" if record.score is None else f"{record.score:.0f}", justify="right"),
            outcome_text(record.outcome),
        ),
    )
