"""What the log screen shows, as data: its filters, and pages of decisions read through them.

Kept apart from the screen because the reading runs on the log's thread and is worth testing
without an app: a page is a hundred decisions, never the whole log, which may hold years.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.store.records import DecisionRecord

T = TypeVar("T")

PAGE = 100
MAX_SCAN = 50 * PAGE
"""How many decisions one page may read through to find the outcomes due among them: the
store cannot select them itself yet, and a page must stay quick whatever the log holds."""
PERIODS: tuple[int | None, ...] = (None, 7, 30, 90, 365)
"""The periods `p` goes through, in days back from today; None is all time."""
VERDICTS: tuple[str | None, ...] = (None, "accept", "decline", "consider")


@dataclass(frozen=True, slots=True)
class LogView:
    """The log screen's filters; each key of the screen changes one of them."""

    kind: str | None = None
    verdict: str | None = None
    overrode: bool = False
    period: int | None = None
    text: str = ""
    due: bool = False
    """Only the decisions waiting for their outcome: old enough, not deferred, not rated."""

    def where(self, today: date, after_days: int) -> LogFilter:
        since = today - timedelta(days=self.period) if self.period is not None else None
        until = today - timedelta(days=after_days + 1) if self.due else None
        return LogFilter(
            since=since,
            until=until,
            kind=self.kind,
            verdict=self.verdict,
            overrode=self.overrode,
            text=self.text or None,
        )

    @property
    def is_filtered(self) -> bool:
        return self != LogView()

    def next_kind(self, kinds: tuple[str, ...]) -> "LogView":
        return replace(self, kind=following((None, *kinds), self.kind))

    def next_verdict(self) -> "LogView":
        return replace(self, verdict=following(VERDICTS, self.verdict))

    def next_period(self) -> "LogView":
        return replace(self, period=following(PERIODS, self.period))


def following(values: tuple[T, ...], current: T) -> T:
    """The value after `current`, wrapping around; the first when `current` is not there."""
    position = values.index(current) if current in values else -1
    return values[(position + 1) % len(values)]


@dataclass(frozen=True, slots=True)
class Page:
    records: list[DecisionRecord]
    before: int | None
    """The id of the last decision read: where the next page starts."""
    more: bool
    """Whether decisions may exist after this page."""


def is_due(record: DecisionRecord) -> bool:
    return record.outcome is None and record.final_choice != "defer"


def read_page(log: DecisionLog, where: LogFilter, *, due: bool, before: int | None = None) -> Page:
    """The next `PAGE` decisions through `where`, newest first, after the one `before`.

    For outcomes due, decisions are read a page at a time and those already rated or
    deferred are dropped, until a page is full or `MAX_SCAN` were read.
    """
    records: list[DecisionRecord] = []
    read = 0
    while True:
        batch = log.decisions(where, limit=PAGE, before=before)
        read += len(batch)
        more = len(batch) == PAGE
        if batch:
            before = batch[-1].id
        records += [r for r in batch if is_due(r)] if due else batch
        if not due or len(records) >= PAGE or not more or read >= MAX_SCAN:
            return Page(records, before, more)
