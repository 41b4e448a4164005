"""Where the strategy comes from: flag, then environment, then the user's config, then the
bundled example — the same order for the CLI and the app."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from lighthouse_tui.core.i18n import active_language

APP_NAME = "lighthouse"
STRATEGY_ENV = "LIGHTHOUSE_STRATEGY"
EXAMPLE_NAME = "coach.en.toml"
EXAMPLE_IN = {"fr": "consultant.fr.toml"}
"""The example for a user who speaks this language, stood in until they write their own and
written by `strategy init --no-input`; English's is `EXAMPLE_NAME`."""


@dataclass(frozen=True, slots=True)
class StrategyLocation:
    path: Path
    is_example: bool
    """True when no strategy of the user's was found and the bundled example stands in."""


def user_strategy_path() -> Path:
    return user_config_path(APP_NAME) / "strategy.toml"


def bundled_example(name: str = EXAMPLE_NAME) -> Path:
    """importlib.resources is loaded here, not at import: `check -s FILE` never needs it."""
    from importlib.resources import files

    return Path(str(files("lighthouse_tui") / "strategies" / name))


def example_in(language: str) -> Path:
    """The bundled example in `language`, so that the one shown before the user has their own,
    and the one `strategy init --no-input` writes, are one they can read."""
    return bundled_example(EXAMPLE_IN.get(language, EXAMPLE_NAME))


def bundled_examples() -> list[Path]:
    return sorted(bundled_example().parent.glob("*.toml"))


def find_strategy(
    explicit: str | os.PathLike[str] | None, environ: Mapping[str, str] = os.environ
) -> StrategyLocation:
    if explicit:
        return StrategyLocation(Path(explicit).expanduser(), is_example=False)
    if from_env := environ.get(STRATEGY_ENV):
        return StrategyLocation(Path(from_env).expanduser(), is_example=False)
    own = user_strategy_path()
    if own.exists():
        return StrategyLocation(own, is_example=False)
    return StrategyLocation(example_in(active_language()), is_example=True)
