"""Closest-name suggestions for every "unknown X" message the user can meet.

difflib is imported on the first suggestion: a strategy that loads never needs it, and
`lighthouse check` counts its milliseconds.
"""

from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The valid name the user most likely meant, or None when nothing is close.

    Case is ignored when matching (people type `Fee` for `fee`) but the suggestion keeps the
    spelling the user has to write.
    """
    import difflib

    by_folded: dict[str, str] = {}
    for choice in choices:
        by_folded.setdefault(choice.casefold(), choice)
    matches = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[matches[0]] if matches else None
