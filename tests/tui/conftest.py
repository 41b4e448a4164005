"""Strategies and logs written into tmp_path, and the helpers the app tests read the screen
with."""

import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from functools import partial
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console, RenderableType
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Static

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.core.opportunity import Opportunity, Value
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import DefaultChoice, FinalChoice
from lighthouse_tui.tui.app import LighthouseApp

TODAY = date(2027, 1, 15)
NOW = datetime(2027, 1, 15, 9, 30, tzinfo=UTC)
SIZE = (80, 24)


class Clock:
    """The store's clock in tests: a fixed morning, moving a second per reading, so each
    decision gets its own moment and screenshots never age."""

    def __init__(self, start: datetime = NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


STRATEGY = """\
schema = 1
name = "Test coaching"
lighthouse = "Be the coach B2B consultants think of first"
horizon = { start = 2026-12-01, end = 2027-05-31 }

[capacity]
hours_per_week = 10

[thresholds]
accept = 65
decline = 40
min_rated = 0  # the screens' tests rate a criterion or two; min_rated has its own tests
[[criteria]]
id = "alignment"
label = "Moves me toward the lighthouse"
question = "How much does this move you toward your lighthouse?"
weight = 5
rating = true

[[criteria]]
id = "fee"
label = "Pays enough"
weight = 3
field = "fee"
worst = 0
best = 1000

[[criteria]]
id = "posture"
label = "Partner is open and cooperative"
question = "How open and cooperative is this partner?"
weight = 4
rating = true
kinds = ["partner_offer"]

[[rules]]
id = "no-capacity"
when = "hours_per_week > capacity.available"
then = "decline"
reason = "Not enough free hours"
"""

BROKEN = STRATEGY.replace("weight = 3\n", 'weight = 3\ncolour = "red"\n').replace(
    "hours_per_week > capacity.available", "hours_per_wek > capacity.available"
)
"""Two problems: an unknown key in a criterion (line 24), a misspelt name in a rule (39:9)."""


FOUR_RATED = STRATEGY.replace(
    "[[rules]]",
    """[[criteria]]
id = "clarity"
label = "Clear brief"
question = "How clear is what they ask for?"
weight = 2
rating = true

[[criteria]]
id = "network"
label = "Opens doors"
question = "How many doors does it open?"
weight = 2
rating = true

[[criteria]]
id = "fun"
label = "Fun"
question = "How much fun will it be?"
weight = 1
rating = true

[[rules]]""",
)
"""Four criteria rated for a client request: alignment, clarity, network, fun."""


@pytest.fixture
def strategy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid strategy, named relative to the working directory so the path shown on screen
    (and in snapshots) is the same on every run."""
    monkeypatch.chdir(tmp_path)
    path = Path("strategy.toml")
    path.write_text(STRATEGY, encoding="utf-8")
    return path


@pytest.fixture
def db_path(strategy_file: Path) -> Path:
    """The decision log, in the test's own directory (the working directory)."""
    return Path("lighthouse.db")


@pytest.fixture
def make_app(strategy_file: Path, db_path: Path) -> Callable[..., LighthouseApp]:
    """The app, whose `run_test` hands over the pilot once the app has started (`started`),
    as a user's first key would be handled."""

    def make(
        path: Path = strategy_file, *, is_example: bool = False, busy_timeout: float = 5.0
    ) -> LighthouseApp:
        app = LighthouseApp(
            StrategyLocation(path, is_example=is_example),
            db_path,
            today=TODAY,
            clock=Clock(),
            busy_timeout=busy_timeout,
        )
        app.run_test = partial(run_started, app)  # type: ignore[method-assign]
        return app

    return make


@asynccontextmanager
async def run_started(app: LighthouseApp, **options: Any) -> AsyncIterator[Pilot[None]]:
    async with LighthouseApp.run_test(app, **options) as pilot:
        await started(pilot)
        yield pilot


async def started(pilot: Pilot[None]) -> None:
    """Wait for the app's start to be over: its first frame is drawn from a preview of the
    strategy, validated after it (`LighthouseApp.on_mount`)."""
    app = pilot.app
    assert isinstance(app, LighthouseApp)
    await until(pilot, lambda: app.started)


def plain(renderable: RenderableType, width: int) -> str:
    console = Console(file=StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def text_of(widget: Widget) -> str:
    """What a widget shows, as plain text at its width (all of it, scrolled into view or not)."""
    content = widget.content if isinstance(widget, Static) else widget.render()
    return plain(content, max(widget.size.width, 20))  # type: ignore[arg-type]


def flat(text: str) -> str:
    """Text with its wrapping undone: the words, one space apart."""
    return " ".join(text.split())


def drawn(widget: Widget) -> str:
    """The lines Textual draws for a widget, after the app's line filters, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))


@pytest.fixture
def loaded(strategy_file: Path) -> LoadedStrategy:
    return load_strategy_file(strategy_file)


@pytest.fixture
def log(db_path: Path) -> Iterator[DecisionLog]:
    """The test's decision log, opened beside the app's (as another `lighthouse` would), on
    a clock an hour before the app's, so what it adds is an hour old on screen."""
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(hours=1))) as opened:
        yield opened


def item(
    title: str,
    kind: str = "client_request",
    ratings: dict[str, float] | None = None,
    **values: Value,
) -> Opportunity:
    return Opportunity(kind=kind, values={"title": title, **values}, ratings=ratings or {})


def decide(
    log: DecisionLog,
    loaded: LoadedStrategy,
    opportunity: Opportunity,
    *,
    default: DefaultChoice = "accept",
    final: FinalChoice = "accept",
    note: str | None = None,
) -> int:
    """Evaluate and record, as `lighthouse decide` does."""
    return log.record(
        opportunity=opportunity,
        evaluation=evaluate(loaded, opportunity),
        strategy=loaded,
        default_choice=default,
        final_choice=final,
        note=note,
    )


async def settle(pilot: Pilot[None]) -> None:
    """Wait for the log's answers (workers, and the workers they start) and the repaint
    that shows them.

    A pause only drains the queues of the screen shown when it began: a screen pushed
    meanwhile may not have run its `on_mount` (which starts its workers) yet. And the layout
    a pause ends with sends the widgets messages (a table learns its width from its Resize)
    that only the next pause sees handled. So the wait ends after two pauses in a row that
    began and ended on the same screen with no worker busy.
    """
    quiet = 0
    while quiet < 2:
        screen = pilot.app.screen
        await pilot.pause()
        busy = [worker for worker in pilot.app.workers if not worker.is_finished]
        if busy:
            await pilot.app.workers.wait_for_complete(busy)
            quiet = 0
        else:
            quiet = quiet + 1 if pilot.app.screen is screen else 0


async def until(pilot: Pilot[None], condition: Callable[[], bool], within: float = 10.0) -> None:
    """Pause until `condition()` holds: for what `settle` cannot wait out, such as a worker a
    test holds open on purpose. `within` only bounds a test that would otherwise hang."""
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        await pilot.pause(0.01)


def notifications(app: LighthouseApp) -> list[str]:
    return [n.message for n in app._notifications]


def screen_text(app: LighthouseApp) -> str:
    """Everything the current screen's Static widgets hold, as plain text."""
    return "\n".join(text_of(widget) for widget in app.screen.query(Static))


@pytest.fixture
def read_only_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """The log refused for writing as a read-only file is (tests run as root, which a file
    mode does not stop): the app then opens it for reading."""
    opener = DecisionLog.open

    def read_only(path: Path, *, readonly: bool = False, **options: Any) -> DecisionLog:
        if not readonly:
            raise StoreError(f"{path}: cannot open the decision log: permission denied")
        return opener(path, readonly=True, **options)

    monkeypatch.setattr(DecisionLog, "open", read_only)


async def burst(pilot: Pilot[None], *keys: str) -> None:
    """Keys as a terminal sends them when typed fast: all queued at once, none waiting for
    the app to finish with the one before (`pilot.press` waits until the app is idle after
    each key, which hides what typing ahead does). Then waits for the app to settle."""
    for key in keys:
        pilot.app.post_message(events.Key(key, key if len(key) == 1 else None))
    await settle(pilot)
