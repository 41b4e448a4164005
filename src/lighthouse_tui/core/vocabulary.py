"""The names a rule may read, and their types.

One definition shared by the loader (which type-checks every rule against it) and the filter
(which fills an environment with exactly these names), so a rule that loads can always run.
"""

from collections.abc import Iterable, Mapping

from lighthouse_tui.core.types import ValueType

CAPACITY_NAMES = (
    "capacity.hours_per_week",
    "capacity.committed",
    "capacity.available",
    "capacity.after",
)
SCORE = "score"


def rating_name(criterion_id: str) -> str:
    return f"rating.{criterion_id}"


def rule_names(
    field_types: Mapping[str, ValueType], rating_ids: Iterable[str]
) -> dict[str, ValueType]:
    names = dict(field_types)
    names.update((rating_name(ident), ValueType.NUMBER) for ident in rating_ids)
    names.update(dict.fromkeys(CAPACITY_NAMES, ValueType.NUMBER))
    names[SCORE] = ValueType.NUMBER
    return names
