"""The strategy's name and lighthouse on every screen, and what the user should know about
the file behind them: that it is the bundled example, or that it is broken on disk."""

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from lighthouse_tui.tui.state import StrategyState

EXAMPLE_NOTICE = "example strategy — `lighthouse strategy init` writes your own"


class StrategyHeader(Widget):
    DEFAULT_CSS = """
    StrategyHeader {
        height: auto;
        & > Static { padding: 0 1; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="header-name")
        yield Static(id="header-lighthouse")
        yield Static(id="header-notice")

    def show(self, state: StrategyState) -> None:
        loaded = state.loaded
        name = Text("⛯ ")
        if loaded is None:
            name.append("No strategy loaded")
            lighthouse = Text(f"{state.location.path} could not be loaded")
        else:
            name.append(loaded.strategy.name)
            lighthouse = Text(loaded.strategy.lighthouse)
        self.query_one("#header-name", Static).update(name)
        self.query_one("#header-lighthouse", Static).update(lighthouse)
        notice = notice_text(state)
        widget = self.query_one("#header-notice", Static)
        widget.update(notice)
        widget.display = bool(notice)


def notice_text(state: StrategyState) -> Text:
    """One line at most: the broken file matters more than where the strategy came from."""
    if state.is_stale:
        return Text(f"⚠ {state.problem_count} in the file: checks use the last version that loaded")
    if state.location.is_example:
        return Text(EXAMPLE_NOTICE)
    return Text()
