"""The strategy's name and lighthouse on every screen, and what the user should know about
the file behind them: that it is the bundled example, that it is broken on disk, or that its
horizon is ending — a strategy is a bet on a few months, and reviewing it is part of the job."""

from datetime import date
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.tui.state import Span, StrategyState

if TYPE_CHECKING:  # the strategy's models (pydantic) stay off the path of the first frame
    from lighthouse_tui.core.strategy import Horizon

EXAMPLE_NOTICE = N_("example strategy — `lighthouse strategy init` writes your own")
HORIZON_WARNING_DAYS = 14
"""From this many days before the horizon's end, the header asks for a review."""


class StrategyHeader(Widget):
    def compose(self) -> ComposeResult:
        yield Static(id="header-name")
        yield Static(id="header-lighthouse")
        yield Static(id="header-notice")

    def show(self, state: StrategyState, today: date) -> None:
        loaded = state.loaded
        name = Text("⛯ ", no_wrap=True, overflow="ellipsis")
        horizon: Horizon | Span | None = None
        if loaded is None and state.preview is not None:
            horizon = state.preview.horizon
            name.append(state.preview.name)
            lighthouse = Text(state.preview.lighthouse)
        elif loaded is None:
            name.append(_("No strategy loaded"))
            lighthouse = Text(_("{path} could not be loaded").format(path=state.location.path))
        else:
            horizon = loaded.strategy.horizon
            name.append(loaded.strategy.name)
            lighthouse = Text(loaded.strategy.lighthouse)
        line = Table.grid(expand=True, padding=(0, 1))
        line.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        line.add_column(no_wrap=True, justify="right")
        line.add_row(name, days_left_text(horizon, today))
        self.query_one("#header-name", Static).update(line)
        self.query_one("#header-lighthouse", Static).update(lighthouse)
        notice = notice_text(state, horizon, today)
        widget = self.query_one("#header-notice", Static)
        widget.update(notice)
        widget.display = bool(notice)


def days_left_text(horizon: "Horizon | Span | None", today: date) -> Text:
    """`136 days left`, on the right of the name, where a long name cannot crop it away."""
    if horizon is None or not horizon.start <= today <= horizon.end:
        return Text()
    left = (horizon.end - today).days
    return Text(
        ngettext("{count} day left", "{count} days left", left).format(count=left), style="dim"
    )


def horizon_warning(horizon: "Horizon | Span | None", today: date) -> str:
    if horizon is None or (horizon.end - today).days > HORIZON_WARNING_DAYS:
        return ""
    if today > horizon.end:
        ago = (today - horizon.end).days
        return ngettext(
            "⚠ The horizon ended {count} day ago: time to review",
            "⚠ The horizon ended {count} days ago: time to review",
            ago,
        ).format(count=ago)
    left = (horizon.end - today).days
    if left == 0:
        return _("⚠ The horizon ends today: time to review the strategy")
    return ngettext(
        "⚠ The horizon ends in {count} day: time to review the strategy",
        "⚠ The horizon ends in {count} days: time to review the strategy",
        left,
    ).format(count=left)


def notice_text(state: StrategyState, horizon: "Horizon | Span | None", today: date) -> Text:
    """One line at most: the broken file matters more than the horizon, which matters more
    than where the strategy came from."""
    if state.is_stale:
        count = len(state.problems)
        return Text(
            ngettext(
                "⚠ {count} problem in the file: checks use the last version that loaded",
                "⚠ {count} problems in the file: checks use the last version that loaded",
                count,
            ).format(count=count)
        )
    if warning := horizon_warning(horizon, today):
        return Text(warning)
    if state.location.is_example:
        return Text(_(EXAMPLE_NOTICE))
    return Text()
