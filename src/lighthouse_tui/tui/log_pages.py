"""What the log screen shows, as data: its filters, and pages of decisions read through them.

Kept apart from the screen because the reading runs on the log's thread and is worth testing
without an app: a page is a hundred decisions, never the whole log, which may hold years.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from lighthouse_tui.store.log import DecisionLog, LogFilter, due_filter
from lighthouse_tui.store.records import DecisionRecord

T = TypeVar("T")

PAGE = 100
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
        return replace(
            due_filter(after_days, today) if self.due else LogFilter(),
            since=since,
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


def read_page(log: DecisionLog, where: LogFilter, *, before: int | None = None) -> Page:
    """The next `PAGE` decisions through `where`, newest first, after the one `before`."""
    records = log.decisions(where, limit=PAGE, before=before)
    more = len(records) == PAGE
    return Page(records, records[-1].id if records else before, more)
