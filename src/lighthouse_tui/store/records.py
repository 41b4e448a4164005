"""What the log hands back: plain records, decoded once, that the CLI and the app can show."""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

DefaultChoice = Literal["accept", "decline", "unsure"]
FinalChoice = Literal["accept", "decline", "defer"]
DEFAULT_CHOICES: tuple[DefaultChoice, ...] = ("accept", "decline", "unsure")
FINAL_CHOICES: tuple[FinalChoice, ...] = ("accept", "decline", "defer")


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
    evaluation: dict[str, Any]
    fields: dict[str, Any]
    ratings: dict[str, float]
    hours_per_week: float | None
    weeks: float | None
    outcome: Outcome | None
    outcomes_recorded: int
    """How many outcomes were recorded; more than one means it was corrected."""

    @property
    def overrode(self) -> bool:
        """The user went against a clear verdict (accept ↔ decline). `consider` leaves the
        choice open and `defer` makes none, so neither counts as overriding."""
        return {self.verdict, self.final_choice} == {"accept", "decline"}
