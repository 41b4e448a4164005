"""What every Lighthouse screen shares: the strategy header on top, the keys at the bottom,
and a view kept in step with the strategy file."""

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from lighthouse_tui.tui.state import StrategyState
from lighthouse_tui.tui.widgets.header import StrategyHeader

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp


class LighthouseScreen(Screen[None]):
    @property
    def lighthouse(self) -> "LighthouseApp":
        return cast("LighthouseApp", self.app)

    def compose(self) -> ComposeResult:
        yield StrategyHeader()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, between header and footer."""
        yield from ()

    def on_mount(self) -> None:
        self.watch(self.app, "state", self._state_changed)

    async def _state_changed(self, state: StrategyState) -> None:
        self.query_one(StrategyHeader).show(state)
        await self.show_state(state)

    async def show_state(self, state: StrategyState) -> None:
        """Bring the screen's own view up to date with a (re)loaded strategy file."""
