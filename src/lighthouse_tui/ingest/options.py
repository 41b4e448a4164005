"""What the user says about a whole run: the kind for items that do not name one, and how
columns with other names map to fields (`--map "E-mail subject=title"`).

Checked once, before any file is read: a typo in `-k` or `--map` is a usage error with a
suggestion, not the same problem repeated on every row.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.problems import Problem, ProblemsError
from lighthouse_tui.core.strategy import DEFAULT_KIND, Strategy
from lighthouse_tui.core.suggest import closest

RATINGS = "ratings"
_SEPARATORS = re.compile(r"[\s\-]+")
_RATING_PREFIXES = ("ratings.", "rating_")


def normalise(name: str) -> str:
    """Column names as people write them ("E-mail Subject", "Hours per week") matched against
    field names: case-insensitive, spaces and dashes as underscores."""
    return _SEPARATORS.sub("_", name.strip().lower())


@dataclass(frozen=True, slots=True)
class ImportOptions:
    strategy: Strategy
    kind: str = DEFAULT_KIND
    """The kind of items that do not name one: every e-mail, rows without a kind column."""
    renames: Mapping[str, str] = field(default_factory=dict)
    """Normalised column name → target, from `--map`."""

    def target(self, column: str) -> str | None:
        """What a column fills: a field name, `kind`, or `ratings.<criterion>`; None when it
        is not something the strategy knows."""
        name = normalise(column)
        return self.renames.get(name) or _target(self.strategy, name)

    def suggestion(self, column: str) -> str | None:
        return closest(normalise(column), _targets(self.strategy))

    def rename(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """A JSON or TOML object with `--map` applied; its other keys are left for
        `build_opportunity` to check (those formats use field names already)."""
        renamed: dict[str, Any] = {}
        for key, value in record.items():
            assign(renamed, self.renames.get(normalise(key), key), value)
        return renamed


def assign(data: dict[str, Any], target: str, value: object) -> None:
    """Put a value where a target says: a field (or `kind`), or `ratings.<criterion>`, which
    `build_opportunity` takes as a table. A `ratings` that is not a table is left for it to
    report."""
    _, dot, criterion = target.partition(".")
    if not dot:
        data[target] = value
    elif isinstance(ratings := data.setdefault(RATINGS, {}), dict):
        ratings[criterion] = value


def make_options(
    strategy: Strategy, *, kind: str | None = None, maps: Iterable[str] = ()
) -> ImportOptions:
    """Raises ProblemsError naming every bad `-k` and `--map` at once."""
    problems: list[Problem] = []
    if kind is not None and kind not in strategy.all_kinds:
        problems.append(
            Problem(
                _("unknown kind {kind}").format(kind=repr(kind)),
                path="-k",
                suggestion=closest(kind, strategy.all_kinds),
            )
        )
    renames: dict[str, str] = {}
    for text in maps:
        column, sep, wanted = text.rpartition("=")
        if not sep or not column.strip() or not wanted.strip():
            problems.append(
                Problem(_("{map}: expected COLUMN=FIELD").format(map=repr(text)), path="--map")
            )
            continue
        target = _target(strategy, normalise(wanted))
        if target is None:
            problems.append(
                Problem(
                    _(
                        "{map}: {field} is not a field, kind or rated criterion of the strategy"
                    ).format(map=repr(text), field=repr(wanted.strip())),
                    path="--map",
                    suggestion=closest(normalise(wanted), _targets(strategy)),
                )
            )
            continue
        renames[normalise(column)] = target
    if problems:
        raise ProblemsError(problems)
    return ImportOptions(strategy, kind or DEFAULT_KIND, renames)


def _target(strategy: Strategy, name: str) -> str | None:
    if name in strategy.field_types:
        return name
    for prefix in _RATING_PREFIXES:
        if name.startswith(prefix) and name[len(prefix) :] in _rated(strategy):
            return f"{RATINGS}.{name[len(prefix) :]}"
    return None


def _rated(strategy: Strategy) -> list[str]:
    return [c.id for c in strategy.criteria if c.rating]


def _targets(strategy: Strategy) -> list[str]:
    return [*strategy.field_types, *(f"{RATINGS}.{c}" for c in _rated(strategy))]
