"""TOML: opportunities written by hand, one `[[opportunity]]` table each.

The same keys as `lighthouse add --from` takes for one opportunity; a file of many only adds
the table header. Keys outside any table are named and left, not guessed at.
"""

from collections.abc import Iterator
from typing import Any

from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.loader import parse_toml
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.ingest.entries import Entry, Reader, Record, SourceError, failed, ready
from lighthouse_tui.ingest.options import ImportOptions
from lighthouse_tui.ingest.text import decode_source

TABLE = "opportunity"


def read_toml(data: bytes, options: ImportOptions) -> Reader:
    decoded = decode_source(data)
    try:
        document = parse_toml(decoded.text, "")
    except ProblemsError as exc:
        problem = exc.problems[0]
        where = f"{problem.line}:{problem.col}" if problem.line is not None else ""
        raise SourceError(problem.message, where) from None
    entries = document.get(TABLE)
    if not isinstance(entries, list) or not entries:
        raise SourceError(
            _(
                "no [[{table}]] tables: write each opportunity as a [[{table}]] table of fields"
            ).format(table=TABLE)
        )
    reader = Reader("TOML", "entry", _entries(entries, options), (decoded.encoding,))
    if others := [key for key in document if key != TABLE]:
        reader.notices.append(
            (
                "",
                _("keys outside any [[{table}]] not imported: {keys}").format(
                    table=TABLE, keys=", ".join(map(repr, others))
                ),
            )
        )
    return reader


def _entries(entries: list[Any], options: ImportOptions) -> Iterator[Entry]:
    for index, entry in enumerate(entries):
        record = (
            Record(options.rename(entry))
            if isinstance(entry, dict)
            else failed(
                _("expected a table of fields, got {type}").format(type=type(entry).__name__)
            )
        )
        yield ready(f"[{index}]", record, (index + 1) / len(entries))
