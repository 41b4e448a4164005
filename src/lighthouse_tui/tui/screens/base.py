"""What every Lighthouse screen shares: the strategy header on top, the keys at the bottom,
and a view kept in step with the strategy file."""

from collections.abc import Hashable
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen

from lighthouse_tui.core.i18n import _
from lighthouse_tui.store.log import StoreError
from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.footer import KeysFooter
from lighthouse_tui.tui.widgets.header import StrategyHeader

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp

WIDE = 120
"""From this width an explanation (about 70 columns) fits beside what it explains."""


def wide_from(width: int) -> list[tuple[int, str]]:
    """The two layouts of every screen, for `HORIZONTAL_BREAKPOINTS`: `-narrow` (one column)
    below `width`, `-wide` (side by side) from it; each screen knows where its parts fit."""
    return [(0, "-narrow"), (width, "-wide")]


class LighthouseScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = wide_from(WIDE)
    APP_LETTERS: ClassVar[bool] = True
    """Whether the app's letters (`l` Log, `c` Check…) go to their screens here. False on a
    screen whose letters mean something of its own at some step: a key keeps one meaning
    per screen, and the function keys still go everywhere."""

    _keys_state: Hashable = None

    @property
    def lighthouse(self) -> "LighthouseApp":
        return cast("LighthouseApp", self.app)

    def compose(self) -> ComposeResult:
        # The breakpoint class Textual would give at the first resize, given now: every
        # widget is then styled once, not styled and restyled (a tenth of the first paint).
        breakpoints = sorted(self.HORIZONTAL_BREAKPOINTS or [])
        width = self.app.size.width
        current = max((b for b in breakpoints if b[0] <= width), default=None)
        for breakpoint in breakpoints:
            self.set_class(breakpoint == current, breakpoint[1])
        yield StrategyHeader()
        yield from self.compose_body()
        yield KeysFooter()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between header and footer."""
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._state_changed)

    async def _state_changed(self, state: StrategyState) -> None:
        self.query_one(StrategyHeader).show(state, self.lighthouse.today)
        await self.show_state(state)

    async def show_state(self, state: StrategyState) -> None:
        """Bring the screen's own view up to date with a (re)loaded strategy file."""

    def unsaved(self) -> Text | None:
        """What quitting now would lose, in a sentence; None when nothing (the app asks
        before quitting while any screen says something)."""
        return None

    def keys_state(self) -> Hashable:
        """What this screen's `check_action` reads, as a value: `update_keys` compares it."""
        return None

    def update_keys(self) -> None:
        """Show the keys that work now, when that changed: refreshing the bindings rebuilds
        the footer's widgets, and lists call this on every keystroke of a filter."""
        state = self.keys_state()
        if state != self._keys_state:
            self._keys_state = state
            self.refresh_bindings()

    def store_failed(self, error: StoreError) -> None:
        """Say what the log refused, in its one line; the screen keeps what the user did, so
        they can try again once the log is free."""
        self.notify(str(error), severity="error", timeout=10, markup=False)


def log_problem(problem: str) -> Text:
    """What stands in for the inbox and the log when the log cannot be opened at all."""
    text = Text(_("✗ The decision log cannot be used") + "\n\n", style="bold red")
    text.append(problem)
    text.append(
        "\n\n"
        + _(
            "The quick check (c) and the strategy (s) still work; nothing can be added, "
            "triaged or recorded until the log opens. Fix the file, or point Lighthouse at "
            "another log (--db PATH or $LIGHTHOUSE_DB), and start it again."
        ),
        style="italic",
    )
    return text
