"""CSV: spreadsheet exports and contact-form downloads.

Columns are matched to fields by name, leniently (a form calls it "Hours per week"); columns
nothing matches are named once, not reported on every row. A broken row is named and skipped,
and reading goes on: even an unclosed quote, which the csv module would let swallow the rest
of the file, only costs its own row, because parsing restarts on the next line.
"""

import csv
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.ingest.entries import Entry, Reader, Record, SourceError, failed, ready
from lighthouse_tui.ingest.options import ImportOptions, assign, normalise
from lighthouse_tui.ingest.text import decode_source

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
"""Physical lines as the csv module sees them: `str.splitlines` would also split on \\v,
\\x1c or U+2028, which are ordinary characters inside a cell."""
_DELIMITERS = {",": N_("','-separated"), ";": N_("';'-separated"), "\t": N_("tab-separated")}
_UNCLOSED = N_('unclosed quote: the value opened with " on this line never closes')


def read_csv(data: bytes, options: ImportOptions, *, delimiter: str | None = None) -> Reader:
    decoded = decode_source(data)
    lines = _LINES.findall(decoded.text)
    first = next(i for i, line in enumerate(lines) if line.strip())
    delimiter = delimiter or _sniff_delimiter(lines[first])
    line, span, header = next(_records(lines, first, delimiter, None))
    if isinstance(header, str):
        raise SourceError(
            _("the header row is not valid CSV: {problem}").format(problem=header), str(line)
        )
    columns = _columns(header, options)
    notices: list[tuple[str, str]] = []
    if columns.unknown:
        notices.append(("", _unknown_notice(columns.unknown, options)))
    entries = _entries(lines, first + span, delimiter, columns, notices)
    details = (decoded.encoding, _(_DELIMITERS[delimiter]))
    return Reader("CSV", "row", entries, details, notices)


def _sniff_delimiter(header: str) -> str:
    """The header line decides: the candidate that splits it into the most columns (names
    rarely hold a delimiter; values often do)."""
    return max(_DELIMITERS, key=lambda d: (header.count(d), d == ","))


@dataclass(frozen=True, slots=True)
class _Columns:
    targets: tuple[str | None, ...]
    unknown: tuple[tuple[int, str], ...]
    """(column number, name) of the columns nothing matches."""

    def data(self, cells: Sequence[str]) -> dict[str, Any]:
        """Empty cells are left out: a blank is "not given", never an empty title or 0."""
        data: dict[str, Any] = {}
        for target, cell in zip(self.targets, cells, strict=False):
            if target is not None and cell != "":
                assign(data, target, normalise(cell) if target == "kind" else cell)
        return data


def _columns(header: list[str], options: ImportOptions) -> _Columns:
    targets: list[str | None] = []
    unknown: list[tuple[int, str]] = []
    by_target: dict[str, str] = {}
    for number, name in enumerate(header, start=1):
        target = options.target(name) if name.strip() else None
        targets.append(target)
        if target is None:
            unknown.append((number, name))
        elif target in by_target:
            raise SourceError(
                _(
                    "columns {first} and {second} both fill {field}; rename one, or map it to "
                    "another field (COLUMN=FIELD)"
                ).format(first=repr(by_target[target]), second=repr(name), field=target),
                "1",
            )
        else:
            by_target[target] = name
    if "title" not in by_target:
        found = ", ".join(repr(n) for n in header)
        raise SourceError(
            _(
                "no title column (the columns are {columns}); name one 'title', or map one to it "
                "(COLUMN=title)"
            ).format(columns=found)
        )
    return _Columns(tuple(targets), tuple(unknown))


def _unknown_notice(unknown: Sequence[tuple[int, str]], options: ImportOptions) -> str:
    named = []
    for number, name in unknown:
        if not name.strip():
            named.append(_("column {number} (no name)").format(number=number))
        elif hint := options.suggestion(name):
            named.append(
                _("{column} (did you mean '{suggestion}'?)").format(
                    column=repr(name), suggestion=hint
                )
            )
        else:
            named.append(repr(name))
    return _(
        "columns not imported: {columns}; a mapping COLUMN=FIELD imports one into a field"
    ).format(columns=", ".join(named))


def _entries(
    lines: list[str],
    start: int,
    delimiter: str,
    columns: _Columns,
    notices: list[tuple[str, str]],
) -> Iterator[Entry]:
    width = len(columns.targets)
    rows = 0
    for line, _span, fields in _records(lines, start, delimiter, width):
        done = line / len(lines)
        if isinstance(fields, str):
            yield ready(str(line), failed(fields), done)
        elif not any(fields):
            continue
        elif not _fits(fields, width):
            problem = _("expected {expected} columns, got {found}").format(
                expected=width, found=len(fields)
            )
            yield ready(str(line), failed(problem), done)
        else:
            yield ready(str(line), Record(columns.data(fields)), done)
        rows += 1
    if not rows:
        notices.append(("", _("no rows below the header")))


def _fits(fields: list[str], width: int) -> bool:
    """Extra empty cells are padding some spreadsheets add, not a shifted row."""
    return len(fields) == width or (len(fields) > width and not any(fields[width:]))


def _records(
    lines: list[str], start: int, delimiter: str, width: int | None
) -> Iterator[tuple[int, int, list[str] | str]]:
    """(first line number, lines spanned, the cells or what is wrong), restarting on the next
    line after a record that cannot be right: a csv error, or — when `width` is given — a
    record spanning lines with the wrong number of cells. Either, on a record that spans
    lines, is the mark of a quote left open on its first line."""
    while start < len(lines):
        reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for fields in reader:
                line, span = start + consumed + 1, reader.line_num - consumed
                consumed = reader.line_num
                if span > 1 and width is not None and not _fits(fields, width):
                    yield line, span, _(_UNCLOSED)
                    start = line
                    break
                yield line, span, fields
            else:
                return
        except csv.Error as exc:
            line, span = start + consumed + 1, reader.line_num - consumed
            yield line, span, _(_UNCLOSED) if span > 1 else _csv_message(exc)
            start = line


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if text == "unexpected end of data":  # untranslated: the csv module's words, matched
        return _(_UNCLOSED)
    if text.startswith("field larger than field limit"):  # untranslated: the same
        return _("a value is over {limit} characters").format(
            limit=i18n.decimal(csv.field_size_limit())
        )
    return _("malformed CSV: {problem}").format(problem=text)
