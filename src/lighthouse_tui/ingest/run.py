"""An import run: every source read, every item checked against the strategy, duplicates
dropped, and the good items saved together or not at all.

The inbox is a parameter (anything with `add_many`): ingest sits below the store and never
imports it, and the app can call this same function with its log and its own progress
callback, and show exactly the summary and problems the CLI prints.
"""

import itertools
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.opportunity import Opportunity, build_opportunity
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.ingest.entries import Entry, Reader, SourceError, cannot_read
from lighthouse_tui.ingest.keys import row_key
from lighthouse_tui.ingest.options import ImportOptions
from lighthouse_tui.ingest.report import ImportSummary, Issue, SourceReport, shorten
from lighthouse_tui.ingest.sources import Planned, Source, Unreadable, plan

Row = tuple[Opportunity, datetime | None, str | None]
KnownKeys = Callable[[Collection[str]], Collection[str]]
"""Which of these import keys the log already holds."""
ProgressHook = Callable[[float, int], None]
"""Called as items are read: the fraction of all sources read (by bytes), items so far."""
CHUNK = 256
"""Keys looked up in the log at a time: few queries, and little held in memory."""


class Inbox(Protocol):
    def add_many(self, items: list[Row]) -> list[int | None]:
        """Save all items in one transaction; None for each key already there."""
        ...


def import_sources(
    sources: Sequence[Source],
    options: ImportOptions,
    *,
    inbox: Inbox | None = None,
    known: KnownKeys | None = None,
    progress: ProgressHook | None = None,
) -> ImportSummary:
    """Read every source and save its good items in `inbox` in one transaction; with no
    inbox (a dry run), read and count only.

    `known` lets a re-import skip what the log holds before parsing it (a message whose
    Message-ID is known is never MIME-parsed); without it, the log still refuses duplicates
    when saving, at the cost of parsing them first.
    """
    run = _Run(options, known, progress)
    planned: list[Planned | Unreadable] = []
    for source in sources:
        found, notices = plan(source)
        planned.extend(found)
        run.notices.extend(notices)
    run.total = sum(p.size for p in planned if isinstance(p, Planned))
    for source_plan in planned:
        if isinstance(source_plan, Unreadable):
            run.unreadable(source_plan.label, "", source_plan.problem)
        else:
            run.read(source_plan)
    return run.finish(inbox)


@dataclass(frozen=True, slots=True)
class _Pending:
    opportunity: Opportunity
    received: datetime | None
    key: str
    source: str
    where: str
    notices: tuple[str, ...]
    """Said only if the item is new: a duplicate was reported on the run that saved it."""
    checked: bool
    """Its key was already looked up in the log."""


@dataclass(slots=True)
class _Run:
    options: ImportOptions
    lookup: KnownKeys | None
    progress: ProgressHook | None
    total: int = 0
    pending: list[_Pending] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    duplicates: int = 0
    skipped: int = 0
    items: int = 0
    bytes_done: int = 0
    problems: list[Issue] = field(default_factory=list)
    notices: list[Issue] = field(default_factory=list)
    sources: list[SourceReport] = field(default_factory=list)

    def unreadable(self, label: str, where: str, problem: str) -> None:
        self.problems.append(Issue(label, where, problem))
        self.sources.append(SourceReport(label, "", (), 0, "item", read=False))

    def read(self, planned: Planned) -> None:
        items_before = self.items
        try:
            with ExitStack() as stack:
                reader = planned.open(planned.origin, self.options, stack)
                self._take(planned, reader)
        except SourceError as exc:
            self.unreadable(planned.label, exc.where, exc.message)
            return
        except OSError as exc:
            self.unreadable(planned.label, "", cannot_read(exc))
            return
        finally:
            self.bytes_done += planned.size
        self.notices.extend(Issue(planned.label, where, text) for where, text in reader.notices)
        self.sources.append(
            SourceReport(
                planned.label,
                reader.format,
                reader.details,
                self.items - items_before,
                reader.unit,
                read=True,
            )
        )

    def _take(self, planned: Planned, reader: Reader) -> None:
        for chunk in _chunks(reader.entries, CHUNK):
            early = {e.key for e in chunk if e.key is not None} - self.seen
            known = self._known(early)
            loaded: list[_Pending] = []
            for entry in chunk:
                self.items += 1
                if entry.key is not None and (entry.key in self.seen or entry.key in known):
                    self.seen.add(entry.key)
                    self.duplicates += 1
                elif item := self._load(planned.label, entry):
                    loaded.append(item)
                if self.progress is not None:
                    size = planned.size * entry.done
                    self.progress((self.bytes_done + size) / (self.total or 1), self.items)
            known = self._known({p.key for p in loaded if not p.checked})
            for item in loaded:
                if item.key in known:
                    self.duplicates += 1
                else:
                    self.pending.append(item)

    def _load(self, label: str, entry: Entry) -> _Pending | None:
        record = entry.read()
        problems = [record.problem] if record.problem else []
        opportunity = None
        if record.data is not None:
            data = dict(record.data)
            data.setdefault("kind", self.options.kind)
            try:
                opportunity = build_opportunity(self.options.strategy, data, origin="")
            except ProblemsError as exc:
                problems.extend(str(p) for p in exc.problems)
        if opportunity is not None and not opportunity.title.strip():
            problems.append(_("no title: every opportunity needs one"))
        if problems or opportunity is None:
            self.skipped += 1
            self.problems.extend(Issue(label, entry.where, shorten(p)) for p in problems)
            return None
        key = record.key or row_key(opportunity)
        if key in self.seen:
            self.duplicates += 1
            return None
        self.seen.add(key)
        return _Pending(
            opportunity,
            record.received,
            key,
            label,
            entry.where,
            record.notices,
            checked=key == entry.key,
        )

    def _known(self, keys: set[str]) -> Collection[str]:
        return self.lookup(keys) if keys and self.lookup is not None else ()

    def finish(self, inbox: Inbox | None) -> ImportSummary:
        rows: list[Row] = [(p.opportunity, p.received, p.key) for p in self.pending]
        ids: tuple[int, ...] = ()
        added = [True] * len(rows)
        if inbox is not None and rows:
            results = inbox.add_many(rows)
            ids = tuple(i for i in results if i is not None)
            added = [i is not None for i in results]
        for item, new in zip(self.pending, added, strict=True):
            if new:
                self.notices.extend(Issue(item.source, item.where, n) for n in item.notices)
        return ImportSummary(
            new=sum(added),
            duplicates=self.duplicates + added.count(False),
            skipped=self.skipped,
            problems=tuple(self.problems),
            notices=tuple(self.notices),
            sources=tuple(self.sources),
            ids=ids,
            saved=inbox is not None,
        )


def _chunks(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    iterator = iter(entries)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
