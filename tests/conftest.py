"""Shared fixtures: the hand-made strategies every layer's tests compute verdicts from."""

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from lighthouse_tui.core import i18n

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
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("LIGHTHOUSE_STRATEGY", raising=False)
    monkeypatch.delenv("LIGHTHOUSE_DB", raising=False)
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    for variable in ("LIGHTHOUSE_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.activate("en")


@pytest.fixture
def french() -> Iterator[None]:
    """The rest of the test speaks French, as after `--lang fr`; English again afterwards."""
    i18n.activate("fr")
    yield
    i18n.activate("en")


def pytest_sessionstart(session: pytest.Session) -> None:
    """The catalogs compiled from the `.po` files as they are now, so that a test never reads a
    stale `.mo` (the translations are compiled at test time, as at build time). Once, by the
    process that starts the test processes (pytest-xdist), before it starts them."""
    if not hasattr(session.config, "workerinput"):
        i18n.compile_catalogs()


@pytest.fixture
def local_timezone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Switch the process (and subprocesses) to another time zone for one test."""

    def switch(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield switch
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
