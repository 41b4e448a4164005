"""The strategy file's schema: what a user may write, checked key by key.

Every model forbids unknown keys (a typo must not silently switch a rule off) and is strict
(TOML already carries types; `weight = "5"` is a mistake worth telling, not coercing). Field
docstrings double as the reference for strategy authors.
"""

from datetime import date
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from lighthouse_tui.core.types import ValueType

SCHEMA_VERSION = 1
BUILTIN_KINDS: tuple[str, ...] = ("client_request", "partner_offer", "opportunity")
DEFAULT_KIND = "opportunity"
BUILTIN_FIELDS: dict[str, ValueType] = {
    "title": ValueType.TEXT,
    "kind": ValueType.TEXT,
    "source": ValueType.TEXT,
    "notes": ValueType.TEXT,
    "fee": ValueType.NUMBER,
    "hours_per_week": ValueType.NUMBER,
    "weeks": ValueType.NUMBER,
}

Identifier = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
RuleId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*$", max_length=64)]
ONE_LINE = r"^[^\x00-\x1f\x7f\x85\u2028\u2029]*$"
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500, pattern=ONE_LINE),
]
"""Shown in headers, tables and one-line reasons: a newline or a control character in it would
break the layout (or, in a terminal, be an escape sequence)."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Horizon(_Section):
    """The period the strategy is a bet on (about six months)."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start > self.end:
            raise ValueError(f"start ({self.start}) is after end ({self.end})")
        return self


class Capacity(_Section):
    hours_per_week: float = Field(ge=0, le=168)
    """Hours per week free for new commitments: the scarce resource a yes spends."""


class Thresholds(_Section):
    accept: float = Field(default=65, ge=0, le=100)
    """A score at or above this is an accept."""
    decline: float = Field(default=40, ge=0, le=100)
    """A score below this is a decline; between the two, consider."""
    min_rated: float = Field(default=0.5, ge=0, le=1)
    """The share of the applicable weight (0–1) that must have a value before the score may
    accept or decline: a score from one criterion in ten is a sliver, not a verdict, so below
    it the verdict is consider (unless a decline or accept rule fired)."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.decline > self.accept:
            raise ValueError(f"decline ({self.decline:g}) is above accept ({self.accept:g})")
        return self


class Review(_Section):
    after_days: int = Field(default=30, ge=1, le=3650)
    """How long after a decision to ask how it turned out."""


class Criterion(_Section):
    """A weighted want: rated 0–5 by the user, or computed from a number field."""

    id: Identifier
    label: Text
    weight: float = Field(gt=0, le=1000)
    question: Text | None = None
    """What the user is asked when rating; defaults to the label."""
    rating: Literal[True] | None = None
    field: Identifier | None = None
    worst: float | None = None
    """The field value worth 0 points; may be above `best` when less is better."""
    best: float | None = None
    """The field value worth full points."""
    kinds: list[Identifier] | None = Field(default=None, min_length=1)
    """Opportunity kinds this criterion applies to; all kinds when left out."""

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if self.rating and self.field is not None:
            raise ValueError("set either `rating = true` or `field`, not both")
        if not self.rating and self.field is None:
            raise ValueError("set `rating = true` (the user rates it) or `field = NAME`")
        if self.field is not None:
            if self.worst is None or self.best is None:
                raise ValueError(f"a field criterion needs `worst` and `best` for `{self.field}`")
            if self.worst == self.best:
                raise ValueError(f"`worst` and `best` are both {self.worst:g}: no range to score")
        elif self.worst is not None or self.best is not None:
            raise ValueError("`worst` and `best` only go with `field`")
        return self

    @property
    def prompt(self) -> str:
        return self.question or self.label


class Rule(_Section):
    """A hard rule: a dealbreaker (decline), a hell-yes (accept) or a warning (flag)."""

    id: RuleId
    when: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    then: Literal["decline", "accept", "flag"]
    reason: Text


class Strategy(_Section):
    """A person's strategy: their direction and the filter it becomes."""

    schema_: int = Field(alias="schema", ge=1)
    name: Text
    lighthouse: Text
    """The one-sentence direction for the next months."""
    horizon: Horizon | None = None
    capacity: Capacity
    thresholds: Thresholds = Thresholds()
    review: Review = Review()
    kinds: list[Identifier] = Field(default_factory=list, max_length=50)
    """Opportunity kinds beside the built-in client_request, partner_offer and opportunity."""
    fields: dict[Identifier, Annotated[ValueType, Field(strict=False)]] = Field(
        default_factory=dict, max_length=100
    )
    """Extra opportunity fields and their type: number, text, bool or date."""
    criteria: list[Criterion] = Field(min_length=1, max_length=200)
    rules: list[Rule] = Field(default_factory=list, max_length=200)

    @property
    def all_kinds(self) -> tuple[str, ...]:
        return BUILTIN_KINDS + tuple(k for k in self.kinds if k not in BUILTIN_KINDS)

    @property
    def field_types(self) -> dict[str, ValueType]:
        return {**self.fields, **BUILTIN_FIELDS}

    def criteria_for(self, kind: str) -> list[Criterion]:
        return [c for c in self.criteria if c.kinds is None or kind in c.kinds]
