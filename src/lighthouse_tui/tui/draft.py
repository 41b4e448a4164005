"""The quick-check form's contents, kept apart from its widgets.

The form is rebuilt whenever the strategy is reloaded or the form is cleared; keeping what the
user typed as plain data lets a reload carry it over to the new strategy (fields and ratings
that still exist keep their values) instead of throwing the check away.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.numbers import parse_number
from lighthouse_tui.core.opportunity import Opportunity, Value, parse_value
from lighthouse_tui.core.strategy import BUILTIN_FIELDS, DEFAULT_KIND, Criterion, Strategy
from lighthouse_tui.core.types import ValueType

FORM_FIELDS = ("fee", "hours_per_week", "weeks", "source", "notes")
"""The built-in fields the form asks for after title and kind: money and time first."""


@dataclass(frozen=True, slots=True)
class Draft:
    kind: str = DEFAULT_KIND
    texts: Mapping[str, str] = field(default_factory=dict)
    """Field name → the text as typed, valid or not."""
    ratings: Mapping[str, float] = field(default_factory=dict)
    """Criterion id → 0–5, kept for every criterion rated so far, whatever the kind. The keys
    give whole numbers; an item added from the shell may carry a fraction (`-r alignment=3.5`)."""


@dataclass(frozen=True, slots=True)
class Reading:
    """A draft as the filter sees it, plus what could not be read."""

    opportunity: Opportunity
    errors: Mapping[str, str]
    """Field name → why its text is not a valid value; such fields count as missing."""


def form_fields(strategy: Strategy) -> list[tuple[str, ValueType]]:
    """The fields the form asks for after title and kind: built-in first, then declared."""
    return [(name, BUILTIN_FIELDS[name]) for name in FORM_FIELDS] + list(strategy.fields.items())


def rated_criteria(strategy: Strategy, kind: str) -> list[Criterion]:
    return [c for c in strategy.criteria_for(kind) if c.rating]


def computed_criteria(strategy: Strategy, kind: str) -> list[Criterion]:
    return [c for c in strategy.criteria_for(kind) if not c.rating]


def read_draft(strategy: Strategy, draft: Draft) -> Reading:
    """Parse every field on its own, so one bad value never hides the verdict of the rest."""
    types = strategy.field_types
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for name, text in draft.texts.items():
        if name not in types or not text.strip():
            continue
        try:
            values[name] = parse_value(types[name], text)
        except ValueError as exc:
            errors[name] = str(exc)
    kind = draft.kind if draft.kind in strategy.all_kinds else DEFAULT_KIND
    applicable = {c.id for c in rated_criteria(strategy, kind)}
    ratings = {ident: float(r) for ident, r in draft.ratings.items() if ident in applicable}
    return Reading(Opportunity(kind=kind, values=values, ratings=ratings), errors)


def draft_of(kind: str, fields: Mapping[str, Any], ratings: Mapping[str, float]) -> Draft:
    """A stored opportunity (fields as the log keeps them: JSON types, dates as ISO text) as
    the text a user would have typed, so triage opens it in the same form as a quick check."""
    return Draft(kind, {name: value_text(value) for name, value in fields.items()}, ratings)


def value_text(value: object) -> str:
    """The text a user would type for `value`, in the language shown (`3,5` and `oui` in
    French), which parses back to `value`: `1500`, not `1500.0` or `1,500`."""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        written = i18n.decimal(value, None, grouped=False)
        # `1,125` reads as 1125 (a comma before three digits groups thousands): that one shape
        # is put back with a decimal point, which always reads as one.
        return written if parse_number(written) == value else written.replace(",", ".")
    return str(value)
