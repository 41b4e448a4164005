"""An opportunity as the filter sees it, and the parsing of values users type or import.

Values arrive as text (`-f fee=1500`, a CSV cell) or already typed (JSON, TOML); both go
through `parse_value`, so "1500" from the shell and 1500 from a file mean the same thing.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.numbers import parse_number, shown
from lighthouse_tui.core.problems import Problem, ProblemsError
from lighthouse_tui.core.strategy import DEFAULT_KIND, Strategy
from lighthouse_tui.core.suggest import closest
from lighthouse_tui.core.types import ValueType

Value = float | str | bool | date
RATING_MAX = 5
MAX_TEXT = 1_000_000
_TRUE = {"true", "yes", "y", "1", "on", "oui", "o", "vrai"}
_FALSE = {"false", "no", "n", "0", "off", "non", "faux"}
"""A yes/no field takes English and French words in either language, as `o` is taken for
accept wherever `y` is: one file or command line then reads the same for everyone."""


@dataclass(frozen=True, slots=True)
class Opportunity:
    kind: str = DEFAULT_KIND
    values: Mapping[str, Value] = field(default_factory=dict)
    """Field name → typed value, for the fields that are known (title included)."""
    ratings: Mapping[str, float] = field(default_factory=dict)
    """Criterion id → the user's 0–5 rating."""

    @property
    def title(self) -> str:
        return str(self.values.get("title", ""))


def parse_value(kind: ValueType, raw: object) -> Value:
    """Raises ValueError with a message in the user's words."""
    if kind is ValueType.TEXT:
        if not isinstance(raw, str):
            raise ValueError(_("expected text, got {value}").format(value=_as_typed(raw)))
        if len(raw) > MAX_TEXT:
            raise ValueError(
                _("text is over {limit} characters").format(limit=i18n.decimal(MAX_TEXT))
            )
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(_("text holds bytes that are not UTF-8")) from None
        return raw
    if kind is ValueType.NUMBER:
        return _parse_number(raw)
    if kind is ValueType.BOOL:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
            return raw.strip().lower() in _TRUE
        raise ValueError(_("expected true or false, got {value}").format(value=_as_typed(raw)))
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise ValueError(_("expected a date like 2027-01-31, got {value}").format(value=_as_typed(raw)))


def _parse_number(raw: object) -> float:
    if isinstance(raw, bool):
        raise ValueError(_("expected a number, got {value}").format(value=str(raw).lower()))
    if isinstance(raw, int | float):
        number = float(raw)
    elif isinstance(raw, str):
        number = parse_number(raw)
    else:
        raise ValueError(_("expected a number, got {value}").format(value=_as_typed(raw)))
    if not math.isfinite(number):
        raise ValueError(_("expected a finite number, got {value}").format(value=_as_typed(raw)))
    return number


def _as_typed(raw: object) -> str:
    return shown(raw) if isinstance(raw, str) else repr(raw)


def parse_rating(raw: object) -> float:
    try:
        value = _parse_number(raw)
    except ValueError:
        raise ValueError(
            _("a rating is a number from 0 to {most}, got {value}").format(
                most=RATING_MAX, value=_as_typed(raw)
            )
        ) from None
    if not 0 <= value <= RATING_MAX:
        raise ValueError(
            _("a rating is from 0 to {most}, got {value}").format(
                most=RATING_MAX, value=i18n.decimal(value, 6)
            )
        )
    return value


def build_opportunity(strategy: Strategy, data: Mapping[str, Any], *, origin: str) -> Opportunity:
    """Check every key of `data` against the strategy and collect all problems at once.

    `data` holds fields by name plus `kind` and `ratings`; `origin` names where it came from
    (a file, or "command line") for the messages.
    """
    problems: list[Problem] = []
    types = strategy.field_types
    kinds = strategy.all_kinds

    kind = data.get("kind", DEFAULT_KIND)
    if not isinstance(kind, str) or kind not in kinds:
        suggestion = closest(kind, kinds) if isinstance(kind, str) else None
        problems.append(
            Problem(
                _("unknown kind {kind}").format(kind=repr(kind)),
                path="kind",
                file=origin,
                suggestion=suggestion,
            )
        )

    values: dict[str, Value] = {}
    for name, raw in data.items():
        if name in ("kind", "ratings"):
            continue
        if name not in types:
            problems.append(
                Problem(
                    _("unknown field {name}").format(name=repr(name)),
                    path=name,
                    file=origin,
                    suggestion=closest(name, types),
                )
            )
            continue
        if raw is None or raw == "":
            continue
        try:
            values[name] = parse_value(types[name], raw)
        except ValueError as exc:
            problems.append(Problem(str(exc), path=name, file=origin))

    ratings = _ratings(strategy, data.get("ratings", {}), origin, problems)
    if problems:
        raise ProblemsError(problems)
    return Opportunity(kind=str(kind), values=values, ratings=ratings)


def _ratings(
    strategy: Strategy, raw: object, origin: str, problems: list[Problem]
) -> dict[str, float]:
    if not isinstance(raw, Mapping):
        problems.append(
            Problem(_("expected a table of criterion = 0..5"), path="ratings", file=origin)
        )
        return {}
    by_id = {c.id: c for c in strategy.criteria}
    rated = [c.id for c in strategy.criteria if c.rating]
    ratings: dict[str, float] = {}
    for ident, value in raw.items():
        path = f"ratings.{ident}"
        criterion = by_id.get(ident)
        if criterion is None:
            problems.append(
                Problem(
                    _("unknown criterion {criterion}").format(criterion=repr(ident)),
                    path=path,
                    file=origin,
                    suggestion=closest(ident, rated),
                )
            )
        elif not criterion.rating:
            problems.append(
                Problem(
                    _("{criterion} is computed from the field {field}; set that field").format(
                        criterion=repr(ident), field=repr(criterion.field)
                    ),
                    path=path,
                    file=origin,
                )
            )
        elif value is not None and value != "":
            try:
                ratings[ident] = parse_rating(value)
            except ValueError as exc:
                problems.append(Problem(str(exc), path=path, file=origin))
    return ratings


def rebuild_opportunity(
    strategy: Strategy, kind: str, fields: Mapping[str, Any], ratings: Mapping[str, Any]
) -> tuple[Opportunity | None, list[str]]:
    """An opportunity logged under one version of a strategy, as another version reads it.

    Strategies change; the log does not. What this version no longer knows (a field, a
    criterion, a value of the wrong type) is left out and named, not an error; an unknown kind
    gives no opportunity at all, since no criterion set applies to it.
    """
    if kind not in strategy.all_kinds:
        return None, [_("kind '{kind}' is not in this strategy").format(kind=kind)]
    dropped: list[str] = []
    types = strategy.field_types
    values: dict[str, Value] = {}
    for name, raw in fields.items():
        if name not in types:
            dropped.append(_("field '{name}' is not in this strategy").format(name=name))
            continue
        try:
            values[name] = parse_value(types[name], raw)
        except ValueError as exc:
            dropped.append(_("field '{name}': {problem}").format(name=name, problem=exc))
    rated = {c.id for c in strategy.criteria if c.rating}
    kept: dict[str, float] = {}
    for ident, raw in ratings.items():
        if ident not in rated:
            dropped.append(
                _("rating '{criterion}' is not a rated criterion of this strategy").format(
                    criterion=ident
                )
            )
            continue
        try:
            kept[ident] = parse_rating(raw)
        except ValueError as exc:
            dropped.append(
                _("rating '{criterion}': {problem}").format(criterion=ident, problem=exc)
            )
    return Opportunity(kind=kind, values=values, ratings=kept), dropped
