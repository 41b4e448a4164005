"""What the log hands back: plain records, decoded once, that the CLI and the app can show."""

import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

DefaultChoice = Literal["accept", "decline", "unsure"]
FinalChoice = Literal["accept", "decline", "defer"]
DEFAULT_CHOICES: tuple[DefaultChoice, ...] = ("accept", "decline", "unsure")
FINAL_CHOICES: tuple[FinalChoice, ...] = ("accept", "decline", "defer")
_NUMBERS = (int, float)


def encode_values(values: dict[str, Any]) -> str:
    """Field values as JSON; dates become ISO text (the strategy's field types read them back)."""
    return json.dumps(
        {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()},
        ensure_ascii=False,
        separators=(",", ":"),
    )


@dataclass(frozen=True, slots=True)
class InboxItem:
    id: int
    kind: str
    title: str
    source: str | None
    fields: dict[str, Any]
    """Field values as stored: JSON types, dates as ISO text."""
    ratings: dict[str, float]
    received: datetime
    status: Literal["pending", "decided", "archived"]


@dataclass(frozen=True, slots=True)
class Outcome:
    rating: int
    note: str | None
    happened_on: date
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class Correction:
    """A decision's final choice changed after the fact (`DecisionLog.correct`)."""

    previous: FinalChoice
    final: FinalChoice
    note: str | None
    recorded_at: datetime

    def to_json(self) -> dict[str, str | None]:
        """As `decide --correct --json` and `log show --json` give it."""
        return {
            "previous": self.previous,
            "final": self.final,
            "note": self.note,
            "recorded_at": self.recorded_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: int
    opportunity_id: int
    decided_at: datetime
    kind: str
    title: str
    source: str | None
    default_choice: DefaultChoice
    verdict: Literal["accept", "decline", "consider"]
    score: float | None
    provisional: bool
    final_choice: FinalChoice
    note: str | None
    fingerprint: str
    evaluation_json: str
    """The evaluation as stored; `evaluation` decodes it, so the reads that never look at
    it (an export, a page of the log) do not pay for the largest column."""
    fields: dict[str, Any]
    ratings: dict[str, float]
    hours_per_week: float | None
    weeks: float | None
    outcome: Outcome | None
    outcomes_recorded: int
    """How many outcomes were recorded; more than one means it was corrected."""

    @property
    def evaluation(self) -> dict[str, Any]:
        """The evaluation of the day, decoded at each call."""
        decoded: dict[str, Any] = json.loads(self.evaluation_json)
        return decoded

    @property
    def overrode(self) -> bool:
        """The user went against a clear verdict (accept ↔ decline). `consider` leaves the
        choice open and `defer` makes none, so neither counts as overriding."""
        return {self.verdict, self.final_choice} == {"accept", "decline"}


OVERRODE_SQL = (
    "((d.verdict = 'accept' AND d.final_choice = 'decline')"
    " OR (d.verdict = 'decline' AND d.final_choice = 'accept'))"
)
"""`DecisionRecord.overrode` in SQL, over a decision `d`: the log filters on it, exports write
it."""


def valued_criteria(evaluation: dict[str, Any]) -> list[tuple[int, str, float]]:
    """(position, id, value) of each criterion the evaluation valued, as it was valued that
    day. Stored evaluations are read with care, since every version of Lighthouse and of the
    strategy wrote its own: a criterion entry of another shape gives no value, not an error.
    Migration 4 applies the same test in SQL to the evaluations logged before it."""
    entries = evaluation.get("criteria")
    if not isinstance(entries, list):
        return []
    found = []
    for position, entry in enumerate(entries):
        if type(entry) is not dict:
            continue
        ident, value = entry.get("id"), entry.get("value")
        # Exact types, as JSON decodes them: a bool is an int to isinstance, not a value.
        if type(ident) is str and type(value) in _NUMBERS and math.isfinite(value):
            found.append((position, ident, float(value)))
    return found


def stored_criteria(evaluation: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """(id, value) of each criterion the evaluation valued."""
    return tuple((ident, value) for _, ident, value in valued_criteria(evaluation))
