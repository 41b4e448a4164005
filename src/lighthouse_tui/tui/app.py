"""The Lighthouse app: a quick check against the strategy, and the strategy itself.

Each screen is a mode with its own stack, so going to the strategy and back keeps the check
the user was typing. The strategy file is read here, once per (re)load, into one `state`
that every screen watches.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.filter import LineFilter
from textual.reactive import Initialize, var
from textual.screen import Screen

from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.tui.literal import DropControlCharacters
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.help import HelpScreen, keys_table
from lighthouse_tui.tui.screens.strategy import StrategyScreen
from lighthouse_tui.tui.state import StrategyState, read_strategy

CHECK = "check"
STRATEGY = "strategy"


class LighthouseApp(App[None]):
    CSS_PATH = "lighthouse.tcss"
    TITLE = "Lighthouse"
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        CHECK: CheckScreen,
        STRATEGY: StrategyScreen,
    }
    BINDING_GROUP_TITLE = "Everywhere"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "c,f2",
            "show_check",
            "Check",
            tooltip="Check an opportunity against the strategy (f2 works while typing)",
            id="show-check",
        ),
        Binding(
            "s,f3",
            "show_strategy",
            "Strategy",
            tooltip="Show the strategy, or what is wrong with its file (f3 works while typing)",
            id="show-strategy",
        ),
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            tooltip="List every key of this screen (f1 works while typing)",
            id="help",
        ),
    ]

    def _read_first_state(self) -> StrategyState:
        return read_strategy(self._first_location)

    state: var[StrategyState] = var(Initialize(_read_first_state), always_update=True)
    """The strategy file as last read: the screens and the header watch it."""

    def __init__(self, location: StrategyLocation, *, today: date | None = None) -> None:
        self._first_location = location
        """Where the strategy was found at start; `state.location` is where it is now."""
        self.today = today or date.today()
        """The day horizons are counted from; fixed in tests so screenshots do not age."""
        super().__init__()
        self._drop_control_characters = DropControlCharacters()

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), self._drop_control_characters]

    def on_mount(self) -> None:
        self.switch_mode(STRATEGY if self.state.loaded is None else CHECK)

    def reload_strategy(self) -> None:
        """Read the file again; a broken file keeps the last good strategy for checks."""
        self.state = read_strategy(self.state.location, self.state)
        self.announce(self.state)

    def use_location(self, location: StrategyLocation) -> None:
        """Switch to the strategy at `location` (the user's copy of the example)."""
        self.state = read_strategy(location, self.state)

    def announce(self, state: StrategyState) -> None:
        path = state.location.path
        if not state.problems and state.loaded is not None:
            self.notify(f"Loaded {state.loaded.strategy.name}", markup=False)
        elif state.loaded is not None:
            self.notify(
                f"{path} has {state.problem_count}: checks keep the last version that loaded",
                severity="warning",
                markup=False,
            )
        else:
            self.notify(f"{path} has {state.problem_count}", severity="error", markup=False)

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the screen the user is already on."""
        if action == "show_check":
            return self.current_mode != CHECK
        if action == "show_strategy":
            return self.current_mode != STRATEGY
        return True

    def action_show_check(self) -> None:
        if self.state.loaded is None:
            self.notify(
                "No check without a strategy that loads: fix the problems shown, then press r",
                severity="warning",
                markup=False,
            )
            return
        self.switch_mode(CHECK)
        self.refresh_bindings()

    def action_show_strategy(self) -> None:
        self.switch_mode(STRATEGY)
        self.refresh_bindings()

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(keys_table(self.screen)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, then every action bound on the screen or the app: declaring a
        binding is all it takes for an action to be in the palette too.

        Read from the declarations rather than `active_bindings`, which leaves out the
        letter keys while a text input has focus: the palette is the way to them then.
        """
        yield from super().get_system_commands(screen)
        for node in (screen, self):
            actions: set[str] = set()
            for binding in Binding.make_bindings(node.BINDINGS):
                if binding.id is None or binding.action in actions:
                    continue
                actions.add(binding.action)
                if node.check_action(binding.action, ()) is False:
                    continue
                yield SystemCommand(
                    binding.description,
                    binding.tooltip,
                    partial(self.run_action, binding.action, node),
                )


def run(location: StrategyLocation) -> int:
    """Run the app until the user quits. Returns Textual's return code: 0 when the app ended
    normally, non-zero when it crashed (Textual has then printed the traceback)."""
    app = LighthouseApp(location)
    app.run()
    return app.return_code or 0
