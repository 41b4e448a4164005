"""What every reader hands the run: entries, read lazily, and the errors that stop a source.

An entry is cheap to make and may carry its key already (a Message-ID read from the headers
alone); reading it in full is deferred, so a re-import can skip what the log already holds
before paying for MIME parsing.
"""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from lighthouse_tui.core.i18n import _


class SourceError(Exception):
    """A whole source cannot be imported (missing, binary, not valid JSON…); `where` locates
    the fault inside it when that helps (a line and column)."""

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where


@dataclass(frozen=True, slots=True)
class Record:
    """One item read: the opportunity's data (fields by name, `kind`, `ratings`) or what made
    it unreadable."""

    data: Mapping[str, Any] | None
    problem: str = ""
    notices: tuple[str, ...] = ()
    received: datetime | None = None
    key: str | None = None
    """Known from the source (mail); None to derive it from the parsed values."""


def cannot_read(exc: OSError) -> str:
    """Says why in the user's words ("permission denied"), without the errno and the path
    that `str(exc)` repeats: the path already starts the line."""
    return _("cannot be read: {reason}").format(reason=(exc.strerror or str(exc)).lower())


def failed(problem: str) -> Record:
    return Record(None, problem)


@dataclass(frozen=True, slots=True)
class Entry:
    where: str
    """The ROW or MESSAGE part of `SOURCE:ROW`; empty for a source that is one item."""
    read: Callable[[], Record]
    done: float
    """How much of its source is read once this entry is, 0 to 1 (for the progress bar)."""
    key: str | None = None
    """The import key when it is known before `read` (a Message-ID)."""


@dataclass(slots=True)
class Reader:
    format: str
    unit: str
    """What one entry is called, for "7 messages", "5 rows"."""
    entries: Iterator[Entry]
    details: tuple[str, ...] = ()
    notices: list[tuple[str, str]] = field(default_factory=list)
    """(where, message) said about the source as a whole or found while reading it."""


def ready(where: str, record: Record, done: float) -> Entry:
    """An entry for formats that must parse an item to know anything about it."""
    return Entry(where, lambda: record, done)
