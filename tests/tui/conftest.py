"""Strategies written into tmp_path, and the helpers the app tests read the screen with."""

from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console, RenderableType
from textual.widget import Widget
from textual.widgets import Static

from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.tui.app import LighthouseApp

TODAY = date(2027, 1, 15)
SIZE = (80, 24)

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


@pytest.fixture
def strategy_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid strategy, named relative to the working directory so the path shown on screen
    (and in snapshots) is the same on every run."""
    monkeypatch.chdir(tmp_path)
    path = Path("strategy.toml")
    path.write_text(STRATEGY, encoding="utf-8")
    return path


@pytest.fixture
def make_app(strategy_file: Path) -> Callable[..., LighthouseApp]:
    def make(path: Path = strategy_file, *, is_example: bool = False) -> LighthouseApp:
        return LighthouseApp(StrategyLocation(path, is_example=is_example), today=TODAY)

    return make


def plain(renderable: RenderableType, width: int) -> str:
    console = Console(file=StringIO(), width=width, color_system=None)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def text_of(widget: Widget) -> str:
    """What a widget shows, as plain text at its width (all of it, scrolled into view or not)."""
    content = widget.content if isinstance(widget, Static) else widget.render()
    return plain(content, max(widget.size.width, 20))  # type: ignore[arg-type]


def drawn(widget: Widget) -> str:
    """The lines Textual draws for a widget, after the app's line filters, as plain text."""
    return "\n".join(strip.text for strip in widget.render_lines(widget.region.reset_offset))
