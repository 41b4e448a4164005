"""Shared fixtures: the hand-made strategies every layer's tests compute verdicts from."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOOD_STRATEGY = DATA / "strategies" / "good.toml"
BAD_STRATEGIES = DATA / "strategies" / "bad"


@pytest.fixture(scope="session")
def good_strategy_path() -> Path:
    return GOOD_STRATEGY


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may read or write the real user's strategy or data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.delenv("LIGHTHOUSE_STRATEGY", raising=False)
