"""Decisions as data for other tools: one JSON object (log --json, JSON Lines) or one CSV row
per decision, with the three choices, the score and the outcome.

An export of years is built by SQLite, a line per decision, and streamed from the cursor:
no Python object per row, so 100,000 decisions take well under a second in constant memory.
Python only formats what SQLite would format otherwise (a score's digits: SQLite's own float
text is not Python's and can lose digits), and builds the rare line SQLite cannot build
exactly as Python would (see `_jsonl_line` and `_csv_line`). The lines hold the same content
as the decoded records give (`decision_json`; the CSV module over the cells): tests compare
both on hostile text.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from lighthouse_tui.store.records import OVERRODE_SQL, DecisionRecord

if TYPE_CHECKING:
    from lighthouse_tui.store.log import DecisionLog, LogFilter

CSV_COLUMNS = (
    "id",
    "decided_at",
    "kind",
    "title",
    "source",
    "default",
    "strategic",
    "score",
    "provisional",
    "final",
    "overrode",
    "note",
    "outcome",
    "outcome_note",
    "outcome_date",
    "strategy",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def decision_json(record: DecisionRecord) -> dict[str, Any]:
    """The JSON object of one decision (`log --json`, `log show --json`, a JSON Lines line)."""
    outcome = record.outcome
    return {
        "id": record.id,
        "decided_at": record.decided_at.isoformat(),
        "kind": record.kind,
        "title": record.title,
        "source": record.source,
        "default": record.default_choice,
        "strategic": record.verdict,
        "score": record.score,
        "provisional": record.provisional,
        "final": record.final_choice,
        "overrode": record.overrode,
        "note": record.note,
        "outcome": None
        if outcome is None
        else {
            "rating": outcome.rating,
            "note": outcome.note,
            "happened_on": outcome.happened_on.isoformat(),
            "corrected": record.outcomes_recorded > 1,
        },
        "strategy": record.fingerprint,
        "fields": record.fields,
        "ratings": record.ratings,
    }


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote
    (the OWASP advice), so `=HYPERLINK(...)` in a title stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


# SQL over the decision `d`, its opportunity `o` and its latest outcome `x` (`x.recorded`
# counts its outcomes), as `DecisionLog.export_rows` reads them.

_MOMENT = (
    "iif(length(d.decided_at) = 27 AND substr(d.decided_at, 20, 1) = '.'"
    " AND substr(d.decided_at, 27, 1) = 'Z', substr(d.decided_at, 1, 19)"
    " || iif(substr(d.decided_at, 20, 7) = '.000000', '', substr(d.decided_at, 20, 7))"
    " || '+00:00', lh_moment(d.decided_at))"
)
"""`datetime.fromisoformat(d.decided_at).isoformat()`: sliced from the form the log writes
(`YYYY-MM-DDTHH:MM:SS.ffffffZ`, UTC; isoformat drops a zero fraction), parsed otherwise."""


def _moment(stored: str) -> str:
    return datetime.fromisoformat(stored).isoformat()


def _day(stored: str) -> str:
    return date.fromisoformat(stored).isoformat()


def _score_cell(score: float) -> str:
    return spreadsheet_safe(f"{score:.1f}")


FUNCTIONS: dict[str, Callable[[Any], str]] = {
    "lh_moment": _moment,
    "lh_day": _day,
    "lh_repr": float.__repr__,
    "lh_score": _score_cell,
}
"""The Python the export's SQL calls: the rare moment or day not in the stored form, and the
digits of a score (SQLite's float text differs from Python's, and loses digits)."""

_JSONL_LINE = f"""iif(
    json_valid(o.fields) AND json_valid(o.ratings)
    AND (d.score IS NULL OR abs(d.score) <= 1.7976931348623157e308),
    json_object(
        'id', d.id, 'decided_at', {_MOMENT}, 'kind', d.kind, 'title', o.title,
        'source', o.source, 'default', d.default_choice, 'strategic', d.verdict,
        'score', iif(d.score IS NULL, NULL, json(lh_repr(d.score))),
        'provisional', json(iif(d.provisional, 'true', 'false')),
        'final', d.final_choice, 'overrode', json(iif({OVERRODE_SQL}, 'true', 'false')),
        'note', d.note,
        'outcome', iif(x.rating IS NULL OR x.happened_on IS NULL, NULL, json_object(
            'rating', x.rating, 'note', x.note,
            'happened_on', iif(x.happened_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]',
                x.happened_on, lh_day(x.happened_on)),
            'corrected', json(iif(x.recorded > 1, 'true', 'false')))),
        'strategy', d.strategy, 'fields', json(o.fields), 'ratings', json(o.ratings)
    ) || char(10),
    NULL), d.id"""
"""A JSON Lines line, or NULL where SQLite would not read the stored values as Python does
(values that are not strict JSON, such as NaN; a score that is not finite)."""


def jsonl_lines(log: "DecisionLog", where: "LogFilter") -> Iterator[str]:
    """`decision_json` of each decision, oldest first, a line each (compact separators)."""
    for line, ident in log.export_rows(_JSONL_LINE, FUNCTIONS, where):
        yield line if line is not None else _jsonl_line(log.decision(ident))


def _jsonl_line(record: DecisionRecord) -> str:
    return json.dumps(decision_json(record), ensure_ascii=False, separators=(",", ":")) + "\n"


def _safe(text: str) -> str:
    """`spreadsheet_safe` in SQL."""
    formula = "('=', '+', '-', '@', char(9), char(13))"
    return f"iif(substr({text}, 1, 1) IN {formula}, '''' || {text}, {text})"


def _quoted(delimiter: str) -> Callable[[str], str]:
    """A safe cell quoted as the CSV module quotes it: in quotes, its quotes doubled, when
    it holds the delimiter, a quote or a line break (the leading quote `_safe` may add is
    none of these, so the raw text is looked at; `instr` is a third faster than GLOB)."""

    def cell(text: str) -> str:
        marks = (f"'{delimiter}'", "'\"'", "char(10)", "char(13)")
        needs = " OR ".join(f"instr({text}, {mark})" for mark in marks)
        return f"""iif({needs}, '"' || replace({_safe(text)}, '"', '""') || '"', {_safe(text)})"""

    return cell


_TEXTS = ("d.kind", "o.title", "coalesce(o.source, '')", "coalesce(d.note, '')", "x.note")
"""The cells of free text: the only ones that can need quotes, or hold a NUL."""


def _csv_cells(excel: bool, cell: Callable[[str], str]) -> list[str]:
    """The cells of a CSV row in SQL, each text made a cell by `cell`."""
    kind, title, source, note = map(cell, _TEXTS[:4])
    score = "iif(d.score IS NULL, '', lh_score(d.score))"
    outcome_note = cell("coalesce(x.note, '')")
    return [
        "d.id",
        _MOMENT,
        kind,
        title,
        source,
        "d.default_choice",
        "d.verdict",
        f"replace({score}, '.', ',')" if excel else score,
        "iif(d.provisional, 'yes', 'no')",
        "d.final_choice",
        f"iif({OVERRODE_SQL}, 'yes', 'no')",
        note,
        "x.rating",
        f"iif(x.rating IS NULL, NULL, {outcome_note})",
        "iif(x.rating IS NULL, NULL, x.happened_on)",
        "substr(d.strategy, 1, 12)",
    ]


def _csv_line_sql(excel: bool) -> str:
    """A CSV line, as the CSV module would write it, or NULL for a row with a NUL in its
    text: SQLite's printf stops at a NUL, the CSV module does not (`||` does not, but takes
    longer than this test and printf together)."""
    delimiter = _delimiter(excel)
    cells = _csv_cells(excel, _quoted(delimiter))
    line = f"printf('{delimiter.join(['%s'] * len(cells))}' || char(13, 10), {', '.join(cells)})"
    nul = " OR ".join(f"instr({text}, char(0))" for text in _TEXTS)
    return f"iif({nul}, NULL, {line}), d.id"


def csv_lines(log: "DecisionLog", where: "LogFilter", *, excel: bool = False) -> Iterator[str]:
    """The CSV of each decision, oldest first: one row per decision, CRLF line ends. Cells
    of a fixed vocabulary (choices, yes/no, dates, the fingerprint) cannot start like a
    formula; the others are made safe.

    With `excel`, the file a spreadsheet in a French locale opens right with a double click:
    semicolons between cells (a comma is the decimal mark there) and the score with a
    decimal comma (`72,5`: `72.5` would be text, or a date)."""
    for line, ident in log.export_rows(_csv_line_sql(excel), FUNCTIONS, where):
        yield line if line is not None else _csv_line(log, ident, excel)


def _csv_line(log: "DecisionLog", ident: int, excel: bool) -> str:
    """The line of one decision, quoted by the CSV module."""
    (cells,) = log.export_rows(", ".join(_csv_cells(excel, _safe)), FUNCTIONS, decision=ident)
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=_delimiter(excel), lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def _delimiter(excel: bool) -> str:
    return ";" if excel else ","


def write_csv(lines: Iterable[str], out: IO[str], *, excel: bool = False) -> int:
    """The header, then `lines` as they come; with `excel`, a UTF-8 byte order mark first
    (without it, Excel reads "é" as "Ã©"). Returns the number of rows."""
    if excel:
        out.write(BOM)
    out.write(_delimiter(excel).join(CSV_COLUMNS) + "\r\n")
    return write_lines(lines, out)


def write_lines(lines: Iterable[str], out: IO[str]) -> int:
    """`lines` written as they come: constant memory however long the log. Returns how many."""
    count = 0
    write = out.write
    for line in lines:
        write(line)
        count += 1
    return count
