"""What the app knows about the strategy file, in one value the screens can watch.

A reload either replaces the strategy or reports problems; in the second case the last good
strategy stays in use, so a typo made while editing never takes the check screen away.

At start, the file is first only previewed: its name, lighthouse and horizon read with
tomllib, for the header of the first frame. Loading it comes after the first frame
(`LighthouseApp`): from the cache, a few milliseconds; validating an edited file imports
pydantic, a fifth of the start-up.
"""

import tomllib
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from lighthouse_tui.core.i18n import ngettext
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.core.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from lighthouse_tui.core.loaded import LoadedStrategy


@dataclass(frozen=True, slots=True)
class Span:
    """A horizon as the file gives it, before validation."""

    start: date
    end: date


@dataclass(frozen=True, slots=True)
class Preview:
    """What the header shows of a strategy file not validated yet."""

    name: str
    lighthouse: str
    horizon: Span | None


@dataclass(frozen=True, slots=True)
class StrategyState:
    location: StrategyLocation
    loaded: "LoadedStrategy | None" = None
    """The last strategy that loaded, possibly from an earlier version of the file."""
    problems: tuple[Problem, ...] = ()
    """What is wrong with the file as it is on disk now; empty when it loaded."""
    preview: Preview | None = None
    """Set while the file has only been previewed, not validated yet."""

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
    from lighthouse_tui.core.strategy_file import load_strategy_file

    keep = previous.loaded if previous is not None else None
    try:
        loaded = load_strategy_file(location.path)
    except ProblemsError as exc:
        return StrategyState(location, keep, tuple(exc.problems))
    return StrategyState(location, loaded)


def preview_strategy(location: StrategyLocation) -> StrategyState | None:
    """The file's name, lighthouse and horizon, read without validating it; None when they
    cannot be read so (a file missing or not TOML, a name that is not text...): its problems
    are then to be shown at once, as only validation words them."""
    try:
        with location.path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    name, lighthouse, horizon = data.get("name"), data.get("lighthouse"), data.get("horizon")
    if not (isinstance(name, str) and isinstance(lighthouse, str)):
        return None
    span = None
    if isinstance(horizon, dict):
        start, end = horizon.get("start"), horizon.get("end")
        if type(start) is date and type(end) is date:
            span = Span(start, end)
    return StrategyState(location, preview=Preview(name, lighthouse, span))
