"""A problem the user can fix, located in their file.

Every user-facing error (a strategy key, a rule, an opportunity field, a command-line value)
becomes one `Problem`, printed as one line: `FILE:LINE:COL: field.path: message (did you mean
'x'?)`. Parts that do not apply are left out rather than printed empty.
"""

from dataclasses import dataclass

from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.text import visible


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    path: str = ""
    file: str = ""
    line: int | None = None
    col: int | None = None
    suggestion: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.col is not None:
                    where += f":{self.col}"
            where += ": "
        path = f"{self.path}: " if self.path else ""
        said = f"{path}{self.message}"
        if self.suggestion:
            said = _("{message} (did you mean '{suggestion}'?)").format(
                message=said, suggestion=self.suggestion
            )
        return visible(where + said)


class ProblemsError(Exception):
    """Raised with every problem found, never just the first: fixing a file one error per run
    is the experience we refuse to give."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def file_problem(source: str, message: str) -> ProblemsError:
    """A problem with the whole file, which no line or key locates."""
    return ProblemsError([Problem(message=message, file=source)])
