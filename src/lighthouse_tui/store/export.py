"""Decisions as data for other tools: one JSON object (log --json, JSON Lines) or one CSV row
per decision, with the three choices, the score and the outcome."""

import csv
import json
from collections.abc import Iterable
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
        record.decided_at,
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
    decided_at: datetime,
    outcome: dict[str, Any] | None,
    fields: dict[str, Any],
    ratings: dict[str, float],
) -> dict[str, Any]:
    """The JSON object of one decision (`log --json`, JSONL), from a record or a row."""
    return {
        "id": record.id,
        "decided_at": decided_at.isoformat(),
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
        stored = datetime.fromisoformat(row.decided_at)
        data = _decision_object(row, stored, outcome, loads(row.fields), loads(row.ratings))
        out.write(encode(data) + "\n")
        count += 1
    return count


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote
    (the OWASP advice), so `=HYPERLINK(...)` in a title stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(rows: Iterable[ExportRow], out: IO[str]) -> int:
    """One row per decision, written as the rows come. Cells of a fixed vocabulary (choices,
    yes/no, dates, the fingerprint) cannot start like a formula; the others are made safe."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    safe = spreadsheet_safe
    count = 0
    for row in rows:
        score = row.score
        rated = row.rating is not None
        writer.writerow(
            (
                row.id,
                datetime.fromisoformat(row.decided_at).isoformat(),
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
        )
        count += 1
    return count
