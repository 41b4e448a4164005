"""Decisions as data for other tools: one JSON object (log --json, JSON Lines) or one CSV row
per decision, with the three choices, the score and the outcome."""

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

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


def decision_json(record: DecisionRecord) -> dict[str, Any]:
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


def write_jsonl(records: Iterable[DecisionRecord], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(decision_json(record), ensure_ascii=False) + "\n")
        count += 1
    return count


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run: text starting like a formula gets a leading quote
    (the OWASP advice), so `=HYPERLINK(...)` in a title stays text."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(records: Iterable[DecisionRecord], out: IO[str]) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        outcome = record.outcome
        row: list[object] = [
            record.id,
            record.decided_at.isoformat(),
            record.kind,
            record.title,
            record.source or "",
            record.default_choice,
            record.verdict,
            "" if record.score is None else f"{record.score:.1f}",
            "yes" if record.provisional else "no",
            record.final_choice,
            "yes" if record.overrode else "no",
            record.note or "",
            outcome.rating if outcome else "",
            (outcome.note or "") if outcome else "",
            outcome.happened_on.isoformat() if outcome else "",
            record.fingerprint[:12],
        ]
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in row])
        count += 1
    return count
