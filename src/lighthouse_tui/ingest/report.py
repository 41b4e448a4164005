"""What an import run hands back: the counts, one line per problem, and what each source was.

The CLI prints it and the app shows it; both get the same object from `import_sources`, so the
two can never disagree about what an import did.
"""

from dataclasses import dataclass
from typing import Any

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import ngettext
from lighthouse_tui.core.problems import visible

MAX_MESSAGE = 300
"""A message quotes what the user wrote (a 1 MB cell, in the worst case); a problem stays a
line someone reads, so the quote is shortened."""


def shorten(text: str, limit: int = MAX_MESSAGE) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem (the item was skipped) or a notice (it was kept, but something is worth
    knowing), located as `SOURCE:ITEM`: a line, an array index, a message number or file."""

    source: str
    item: str
    """Where in the source; empty when it concerns the whole source."""
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.item}" if self.item else self.source
        return visible(f"{where}: {self.message}")

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "item": self.item, "message": self.message}


@dataclass(frozen=True, slots=True)
class SourceReport:
    source: str
    format: str
    """"CSV", "JSON", "JSON Lines", "TOML", "e-mail", "mbox", "Maildir"; empty when the
    source could not be recognised or opened."""
    details: tuple[str, ...]
    """How it was read, for the user to check: the encoding, the delimiter."""
    items: int
    """Rows, entries or messages found (good, duplicate or not)."""
    unit: str
    """What an item is called: row, line, item, entry, message."""
    read: bool

    @property
    def counted(self) -> str:
        """`12 rows`, `1 message`, in the user's language. `unit` stays the English word of
        `--json`; its translation lives here, beside the readers that name it."""
        count = i18n.decimal(self.items)
        if self.unit == "row":
            text = ngettext("{count} row", "{count} rows", self.items)
        elif self.unit == "line":
            text = ngettext("{count} line", "{count} lines", self.items)
        elif self.unit == "entry":
            text = ngettext("{count} entry", "{count} entries", self.items)
        elif self.unit == "message":
            text = ngettext("{count} message", "{count} messages", self.items)
        else:
            text = ngettext("{count} item", "{count} items", self.items)
        return text.format(count=count)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "format": self.format,
            "details": list(self.details),
            "items": self.items,
            "unit": self.unit,
            "read": self.read,
        }


@dataclass(frozen=True, slots=True)
class ImportSummary:
    new: int
    """Added to the inbox (on a dry run: would have been)."""
    duplicates: int
    """Already in the inbox or the log, or seen earlier in the same run."""
    skipped: int
    """Items not imported because of a problem."""
    problems: tuple[Issue, ...]
    notices: tuple[Issue, ...]
    sources: tuple[SourceReport, ...]
    ids: tuple[int, ...]
    """The inbox ids of the new items, in source order; empty on a dry run."""
    saved: bool
    """False on a dry run: nothing was written."""

    @property
    def nothing_read(self) -> bool:
        """Not one source could be read: the run did nothing at all, which a script must be
        able to tell from a run where some items had problems."""
        return not any(s.read for s in self.sources)

    def to_json(self) -> dict[str, Any]:
        return {
            "new": self.new,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "problems": [p.to_json() for p in self.problems],
            "notices": [n.to_json() for n in self.notices],
            "sources": [s.to_json() for s in self.sources],
            "ids": list(self.ids),
            "saved": self.saved,
        }
