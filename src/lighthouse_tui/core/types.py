"""The value types an opportunity field, a rule name or a literal can have.

One enum shared by the strategy schema (declared `[fields]`), the rule language's type checker
and the opportunity parser, so the three can never disagree about what a "number" is.
"""

from enum import StrEnum


class ValueType(StrEnum):
    NUMBER = "number"
    TEXT = "text"
    BOOL = "bool"
    DATE = "date"
