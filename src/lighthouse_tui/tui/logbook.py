"""The decision log as the app shares it: opened once, and used from one thread of its own.

An SQLite connection belongs to the thread that opened it, and Textual starts a new thread for
every thread worker; so the app gives the log one long-lived thread, opens it there, and every
screen hands its calls over (`await logbook.run(...)`). The UI thread only awaits: a slow page
or a lock held by another process never freezes a key. Calls run one after the other, in the
order they were made, so a screen's writes land in the order the user made them.
"""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from lighthouse_tui.core.capacity import committed_in_week
from lighthouse_tui.core.i18n import _
from lighthouse_tui.store.log import BUSY_TIMEOUT_S, Clock, DecisionLog, StoreError, utc_now

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class LogSummary:
    """The counts every screen may show, read together after each change to the log."""

    due: int = 0
    """Decisions old enough to be asked how they turned out, not rated yet."""
    committed: float = 0.0
    """Hours per week already promised by accepted decisions: what the filter's capacity
    subtracts, so a check in the app answers as `lighthouse check` does."""


def read_summary(log: DecisionLog, *, after_days: int, today: date) -> LogSummary:
    return LogSummary(
        log.outcomes_due(after_days, today), committed_in_week(log.commitments(today), today)
    )


class Logbook:
    def __init__(
        self, path: Path, *, clock: Clock = utc_now, busy_timeout: float = BUSY_TIMEOUT_S
    ) -> None:
        self.path = path
        self.clock = clock
        """The store's clock; the app counts ages with it too, so both agree in tests."""
        self._busy_timeout = busy_timeout
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="decision-log")
        self._log: DecisionLog | None = None
        self.problem: str | None = None
        """Why the log cannot be written (or used at all); None when all is well."""

    @property
    def usable(self) -> bool:
        """True when the log opened, for writing or at least for reading."""
        return self._log is not None

    async def open(self) -> None:
        """Open for writing or, failing that, for reading: a read-only file still shows its
        history. Never raises: `problem` says what is wrong, `usable` whether it opened."""
        self._log, self.problem = await self._in_thread(self._open)

    def _open(self) -> tuple[DecisionLog | None, str | None]:
        try:
            return self._open_as(readonly=False), None
        except StoreError as exc:
            problem = str(exc)
        if not self.path.is_file():
            return None, problem
        try:
            return self._open_as(readonly=True), problem
        except StoreError:
            return None, problem

    def _open_as(self, *, readonly: bool) -> DecisionLog:
        return DecisionLog.open(
            self.path, readonly=readonly, clock=self.clock, busy_timeout=self._busy_timeout
        )

    async def run(self, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """`call(log, *args, **kwargs)` on the log's thread. Raises `StoreError`, one line for
        the user, when the log could not be opened or the call fails in a way they can fix."""
        log = self._log
        if log is None:
            raise StoreError(
                self.problem or _("{path}: the decision log is not open").format(path=self.path)
            )
        return await self._in_thread(lambda: call(log, *args, **kwargs))

    async def _in_thread(self, call: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, call)

    async def close(self) -> None:
        log, self._log = self._log, None
        if log is not None:
            await self._in_thread(log.close)
        self._thread.shutdown(wait=False)
