"""What the app knows about the strategy file, in one value the screens can watch.

A reload either replaces the strategy or reports problems; in the second case the last good
strategy stays in use, so a typo made while editing never takes the check screen away.
"""

from dataclasses import dataclass

from lighthouse_tui.core.i18n import ngettext
from lighthouse_tui.core.loader import LoadedStrategy, load_strategy_file
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.core.problems import Problem, ProblemsError


@dataclass(frozen=True, slots=True)
class StrategyState:
    location: StrategyLocation
    loaded: LoadedStrategy | None = None
    """The last strategy that loaded, possibly from an earlier version of the file."""
    problems: tuple[Problem, ...] = ()
    """What is wrong with the file as it is on disk now; empty when it loaded."""

    @property
    def problem_count(self) -> str:
        count = len(self.problems)
        return ngettext("{count} problem", "{count} problems", count).format(count=count)

    @property
    def is_stale(self) -> bool:
        """True when checks run on an older version because the file on disk is broken."""
        return self.loaded is not None and bool(self.problems)


def read_strategy(
    location: StrategyLocation, previous: StrategyState | None = None
) -> StrategyState:
    """Load the file at `location`, keeping `previous`'s strategy when the file is broken."""
    keep = previous.loaded if previous is not None else None
    try:
        loaded = load_strategy_file(location.path)
    except ProblemsError as exc:
        return StrategyState(location, keep, tuple(exc.problems))
    return StrategyState(location, loaded)
