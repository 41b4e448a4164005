"""Decisions as data for other tools: one JSON object (log --json, JSON Lines) or one CSV row
per decision, with the three choices, the score and the outcome."""

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import IO, Any, NamedTuple

from lighthouse_tui.store.records import DecisionRecord

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
_SCORE = CSV_COLUMNS.index("score")
BOM = "\ufeff"


class ExportRow(NamedTuple):
    """A decision as an export reads it: the stored columns, nothing decoded yet, so 100,000
    of them stream in a second. `fields` and `ratings` are JSON text, empty for CSV."""

    id: int
    decided_at: str
    """Stored form (UTC, `…Z`)."""
    kind: str
    title: str
    source: str | None
    default_choice: str
    verdict: str
    score: float | None
    provisional: int
    final_choice: str
    note: str | None
    fingerprint: str
    rating: int | None
    outcome_note: str | None
    happened_on: str | None
    outcomes_recorded: int
    fields: str
    ratings: str


def decision_json(record: DecisionRecord) -> dict[str, Any]:
    outcome = record.outcome
    return _decision_object(
        record,
        record.decided_at.isoformat(),
        None
        if outcome is None
        else _outcome_object(
            outcome.rating, outcome.note, outcome.happened_on, record.outcomes_recorded
        ),
        record.fields,
        record.ratings,
    )


def _decision_object(
    record: DecisionRecord | ExportRow,
    decided_at: str,
    outcome: dict[str, Any] | None,
    fields: dict[str, Any],
    ratings: dict[str, float],
) -> dict[str, Any]:
    """The JSON object of one decision (`log --json`, JSONL), from a record or a row."""
    return {
        "id": record.id,
        "decided_at": decided_at,
        "kind": record.kind,
        "title": record.title,
        "source": record.source,
        "default": record.default_choice,
        "strategic": record.verdict,
        "score": record.score,
        "provisional": bool(record.provisional),
        "final": record.final_choice,
        "overrode": _overrode(record.verdict, record.final_choice),
        "note": record.note,
        "outcome": outcome,
        "strategy": record.fingerprint,
        "fields": fields,
        "ratings": ratings,
    }


def _outcome_object(rating: int, note: str | None, day: date, recorded: int) -> dict[str, Any]:
    return {
        "rating": rating,
        "note": note,
        "happened_on": day.isoformat(),
        "corrected": recorded > 1,
    }


def _overrode(verdict: str, final: str) -> bool:
    return {verdict, final} == {"accept", "decline"}


def write_jsonl(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """One object per line, written as the rows come: constant memory however long the log."""
    encode = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps would build each time
    loads = json.loads
    count = 0
    for row in rows:
        outcome = None
        if row.rating is not None and row.happened_on is not None:
            outcome = _outcome_object(
                row.rating,
                row.outcome_note,
                date.fromisoformat(row.happened_on),
                row.outcomes_recorded,
            )
        moment = _moment(row.decided_at)
        data = _decision_object(row, moment, outcome, loads(row.fields), loads(row.ratings))
        out.write(encode(data) + "\n")
        count += 1
    return count


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote
    (the OWASP advice), so `=HYPERLINK(...)` in a title stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(rows: Iterable[ExportRow], out: IO[str], *, excel: bool = False) -> int:
    """One row per decision, written as the rows come. Cells of a fixed vocabulary (choices,
    yes/no, dates, the fingerprint) cannot start like a formula; the others are made safe.

    With `excel`, the file a spreadsheet in a French locale opens right with a double click:
    a UTF-8 byte order mark first (without it, Excel reads "é" as "Ã©"), semicolons between
    cells (a comma is the decimal mark there) and the score with a decimal comma (`72,5`:
    `72.5` would be text, or a date). Lines end in CRLF either way.
    """
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    if excel:
        out.write(BOM)
    writer.writerow(CSV_COLUMNS)
    counted = _Counted(rows)
    cells = map(_csv_row, counted)
    writer.writerows(map(_decimal_comma, cells) if excel else cells)
    return counted.count


def _decimal_comma(cells: tuple[object, ...]) -> tuple[object, ...]:
    """The row with its one decimal number, the score, written with a comma."""
    score = cells[_SCORE]
    assert isinstance(score, str)
    return (*cells[:_SCORE], score.replace(".", ","), *cells[_SCORE + 1 :])


def _csv_row(row: ExportRow) -> tuple[object, ...]:
    safe = spreadsheet_safe
    score = row.score
    rated = row.rating is not None
    return (
        row.id,
        _moment(row.decided_at),
        safe(row.kind),
        safe(row.title),
        safe(row.source or ""),
        row.default_choice,
        row.verdict,
        "" if score is None else safe(f"{score:.1f}"),
        "yes" if row.provisional else "no",
        row.final_choice,
        "yes" if _overrode(row.verdict, row.final_choice) else "no",
        safe(row.note or ""),
        row.rating if rated else "",
        safe(row.outcome_note or "") if rated else "",
        row.happened_on if rated else "",
        row.fingerprint[:12],
    )


class _Counted:
    """The rows, counted as they go by."""

    def __init__(self, rows: Iterable[ExportRow]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[ExportRow]:
        for row in self._rows:
            self.count += 1
            yield row


def _moment(stored: str) -> str:
    """`datetime.fromisoformat(stored).isoformat()`, by slicing the form the log writes
    (`YYYY-MM-DDTHH:MM:SS.ffffffZ`, UTC; no fraction when it is zero), a microsecond a row
    less; any other form is parsed."""
    if len(stored) == 27 and stored[19] == "." and stored[26] == "Z":
        fraction = stored[19:26]
        return stored[:19] + ("" if fraction == ".000000" else fraction) + "+00:00"
    return datetime.fromisoformat(stored).isoformat()
