"""The Lighthouse app: the inbox and its triage, the quick check, the decision log, the
review, the strategy, and importing.

Each screen is a mode with its own stack, so going to the strategy and back keeps the check
the user was typing, or the triage under way. The strategy file is read here, once per
(re)load, into one `state` that every screen watches; the decision log is opened here, once,
and shared through `logbook`, with the counts every screen shows in `summary`.

Start-up is what a user waits for on every launch: the first frame is drawn from a preview
of the strategy (its name and lighthouse, read with tomllib), the file is validated after
it, and each screen is imported when first shown.
"""

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, Literal

from rich.text import Text
from textual import events, work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.filter import LineFilter, Monochrome
from textual.notifications import SeverityLevel
from textual.reactive import Initialize, var
from textual.screen import Screen

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.store.log import BUSY_TIMEOUT_S, Clock, DecisionLog, StoreError, utc_now
from lighthouse_tui.store.records import DefaultChoice, InboxItem
from lighthouse_tui.tui.literal import DropControlCharacters
from lighthouse_tui.tui.logbook import Logbook, LogSummary, read_summary
from lighthouse_tui.tui.no_color import ReadableMonochrome
from lighthouse_tui.tui.paths import readable_paths
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.confirm import ConfirmScreen
from lighthouse_tui.tui.screens.help import HelpScreen, keys_table
from lighthouse_tui.tui.state import StrategyState, preview_strategy, read_strategy
from lighthouse_tui.tui.typeahead import TypedAhead

INBOX = "inbox"
CHECK = "check"
LOG = "log"
REVIEW = "review"
STRATEGY = "strategy"
TOAST_WIDTH = 60
TOAST_FRAME = 4
"""Textual's toast: 60 columns, at most half the screen, less its padding and edge."""


def screen_of(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen, its module imported when the mode is first shown: a session opens
    one or two screens of five, and each imports what it shows (the inbox its table, the
    review its statistics) on the path of the first frame otherwise."""

    def make() -> Screen[Any]:
        screen: Screen[Any] = getattr(import_module(f"lighthouse_tui.tui.screens.{module}"), name)()
        return screen

    return make


def inbox_commands() -> type[Provider]:
    """The palette's inbox items, imported when the palette first opens."""
    from lighthouse_tui.tui.commands import InboxCommands

    return InboxCommands


def screen_keys(
    letter: str,
    fkey: str,
    action: str,
    *,
    description: str,
    tooltips: tuple[str, str],
    ident: str,
) -> list[Binding]:
    """The two keys of a screen: the letter, in the footer, and inert on screens whose own
    letters mean something (`LighthouseScreen.APP_LETTERS`: triage's `l` is "later", not
    "Log"); and the function key, which works everywhere, while typing too.

    `tooltips` are the letter's and the function key's, each a whole sentence for the
    catalog: where they are shown, a sentence glued from pieces could not be translated."""
    letter_tooltip, fkey_tooltip = tooltips
    return [
        Binding(letter, f"letter('{action}')", description, tooltip=letter_tooltip, id=ident),
        Binding(fkey, action, description, show=False, tooltip=fkey_tooltip, id=f"{ident}-{fkey}"),
    ]


def is_letter(binding: Binding) -> bool:
    """A screen's letter, which the palette leaves to its function key (one entry each)."""
    return binding.action.startswith("letter(")


class LighthouseApp(App[None]):
    CSS_PATH = "lighthouse.tcss"
    TITLE = "Lighthouse"  # untranslated: the product's name
    MODES: ClassVar[dict[str, str | Callable[[], Screen[Any]]]] = {
        INBOX: screen_of("inbox", "InboxScreen"),
        CHECK: screen_of("check", "CheckScreen"),
        LOG: screen_of("log", "LogScreen"),
        REVIEW: screen_of("review", "ReviewScreen"),
        STRATEGY: screen_of("strategy", "StrategyScreen"),
    }
    DEFAULT_MODE = CHECK
    """The home screen when nothing waits in the inbox, composed with the app: a mode
    switched to at start holds the first frame back (Textual's `delay_update`, 50 ms)."""
    COMMANDS = App.COMMANDS | {inbox_commands}
    BINDING_GROUP_TITLE = N_("Everywhere")
    BINDINGS: ClassVar[list[BindingType]] = [
        # Help first: at 80 columns the footer cuts the keys that come last, and `?` is the
        # way to every one of them.
        Binding(
            "question_mark,f1",
            "help",
            N_("Help"),
            tooltip=N_("List every key of this screen (f1 works while typing)"),
            id="help",
        ),
        *screen_keys(
            "i",
            "f4",
            "show_inbox",
            description=N_("Inbox"),
            tooltips=(
                N_("The opportunities waiting for a decision (f4 works everywhere)"),
                N_("The opportunities waiting for a decision (works everywhere, while typing too)"),
            ),
            ident="show-inbox",
        ),
        *screen_keys(
            "c",
            "f2",
            "show_check",
            description=N_("Check"),
            tooltips=(
                N_("Check an opportunity against the strategy (f2 works everywhere)"),
                N_(
                    "Check an opportunity against the strategy (works everywhere, while typing too)"
                ),
            ),
            ident="show-check",
        ),
        *screen_keys(
            "l",
            "f5",
            "show_log",
            description=N_("Log"),
            tooltips=(
                N_(
                    "The decisions made, newest first, and how they turned out (f5 works "
                    "everywhere)"
                ),
                N_(
                    "The decisions made, newest first, and how they turned out (works "
                    "everywhere, while typing too)"
                ),
            ),
            ident="show-log",
        ),
        *screen_keys(
            "v",
            "f6",
            "show_review",
            description=N_("Review"),
            tooltips=(
                N_(
                    "Did following the strategy pay off, which criteria matter, what another "
                    "strategy would change (f6 works everywhere)"
                ),
                N_(
                    "Did following the strategy pay off, which criteria matter, what another "
                    "strategy would change (works everywhere, while typing too)"
                ),
            ),
            ident="show-review",
        ),
        *screen_keys(
            "s",
            "f3",
            "show_strategy",
            description=N_("Strategy"),
            tooltips=(
                N_("Show the strategy, or what is wrong with its file (f3 works everywhere)"),
                N_(
                    "Show the strategy, or what is wrong with its file (works everywhere, while "
                    "typing too)"
                ),
            ),
            ident="show-strategy",
        ),
        Binding(
            "ctrl+o",
            "import",
            N_("Import…"),
            tooltip=N_(
                "Bring opportunities in from CSV, JSON, TOML or e-mail files; safe to repeat"
            ),
            id="import",
            show=False,  # the footer has no room left at 80 columns; the inbox says ctrl+o
        ),
    ]

    def _read_first_state(self) -> StrategyState:
        """The file previewed, or read at once when its problems are to be shown."""
        return preview_strategy(self._first_location) or read_strategy(self._first_location)

    state: var[StrategyState] = var(Initialize(_read_first_state), always_update=True)
    """The strategy file as last read: the screens and the header watch it."""

    summary: var[LogSummary] = var(LogSummary())
    """The log's counts (outcomes due, committed hours), read again after every change."""

    def __init__(
        self,
        location: StrategyLocation,
        db: Path,
        *,
        today: date | None = None,
        clock: Clock = utc_now,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        """`db` is the decision log's path (`find_db`); `clock` and `busy_timeout` go to the
        store, so tests can fix the time and not wait 5 s for a lock."""
        self._first_location = location
        """Where the strategy was found at start; `state.location` is where it is now."""
        self.today = today or date.today()
        """The day horizons and due outcomes are counted from; fixed in tests so screenshots
        do not age."""
        self.logbook = Logbook(db, clock=clock, busy_timeout=busy_timeout)
        """The decision log, opened at mount and shared by every screen."""
        self.changes = 0
        """How many writes this app made to the log: a screen compares it with the count it
        last showed."""
        self._offered_due = False
        """Whether the outcomes due were offered at start (once per session)."""
        self.started = False
        """Set once the start is over: the home screen shown with the strategy validated, and
        the keys typed meanwhile let through."""
        self.reflexes: dict[int, DefaultChoice] = {}
        """The reflex given in triage, by inbox item, for this session: once its verdict has
        been on screen, an item left and opened again must not ask for it a second time."""
        super().__init__()
        self._drop_control_characters = DropControlCharacters()
        self._readable_no_color = ReadableMonochrome()
        self.typed_ahead = TypedAhead(self, partial(App.on_event, self))
        """Every key the terminal sends, handed on in order (`TypedAhead`); screens hold the
        keys while they change step."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            await self.typed_ahead.arrive(event)
        else:
            await super().on_event(event)

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's, with its NO_COLOR filter made readable, then ours."""
        filters = super().get_line_filters()
        return [
            *(self._readable_no_color if type(f) is Monochrome else f for f in filters),
            self._drop_control_characters,
        ]

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notification, with its paths shortened to a toast's line (`readable_paths`):
        the toast wraps at spaces, and cut a long path anywhere."""
        width = min(TOAST_WIDTH, self.size.width // 2) - TOAST_FRAME
        super().notify(
            readable_paths(message, width),
            title=title,
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    async def on_mount(self) -> None:
        """Open the log, then choose the home screen: the inbox when something waits in it
        (or when the log is unusable, which the inbox explains), else the quick check, the
        mode the app starts in.

        Awaited rather than left to a worker, so the first screen drawn is the right one;
        the UI thread is free meanwhile, and opening reads no more than the schema, even in
        a log of years (the counts come after, in `refresh_summary`).

        A strategy only previewed is validated once that screen is drawn
        (`_validate_first_state`); keys typed until then wait for it.
        """
        await self.logbook.open()
        if self.logbook.usable and self.logbook.problem:
            self.notify(
                _("{problem}: showing it read-only, nothing can be recorded").format(
                    problem=self.logbook.problem
                ),
                severity="warning",
                timeout=10,
                markup=False,
            )
        pending = 0
        if self.logbook.usable:
            try:
                pending = await self.logbook.run(DecisionLog.pending_count)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
        if self.state.loaded is None and self.state.preview is None:
            self.switch_mode(STRATEGY)
        elif pending or not self.logbook.usable:
            self.switch_mode(INBOX)
        if self.state.preview is None:
            self.refresh_summary()
            self.started = True
        else:
            self.typed_ahead.hold()
            self.call_after_refresh(self._validate_first_state)

    def _validate_first_state(self) -> None:
        """The file validated: the screens show the strategy (the check mounts its form), or,
        when it does not load, the strategy screen its problems, as on a start that read it
        at once. The counts wait for it too: outcomes are due after the strategy's days."""
        self.state = read_strategy(self._first_location)
        if self.state.loaded is None:
            self.switch_mode(STRATEGY)
        self.refresh_summary()
        self.call_after_refresh(self._end_start)

    def _end_start(self) -> None:
        """Once the screens show the strategy: the keys held since the first frame go on."""
        self.typed_ahead.release()
        self.started = True

    def delay_update(self, delay: float = 0.05) -> None:
        """Textual holds the screen back when a mode is switched to, to mask the change; not
        while starting: the home screen is the first thing drawn, and during the hold the
        callbacks meant for after the first frame (`_validate_first_state`) run before it."""
        if self.started:
            super().delay_update(delay)

    async def on_unmount(self) -> None:
        await self.logbook.close()

    @property
    def after_days(self) -> int:
        """How old a decision is when its outcome is due: the strategy's, or the default
        while no strategy loads."""
        loaded = self.state.loaded
        if loaded is not None:
            return loaded.strategy.review.after_days
        from lighthouse_tui.core.strategy import Review

        return Review().after_days

    def log_changed(self) -> None:
        """Called after each write to the log: the counts are read again, and screens that
        show the log know their view is out of date (`changes`)."""
        self.changes += 1
        self.refresh_summary()

    @work(exclusive=True, group="summary")
    async def refresh_summary(self) -> None:
        """Read the counts again after a change; the latest call wins."""
        if not self.logbook.usable:
            return
        try:
            self.summary = await self.logbook.run(
                read_summary, after_days=self.after_days, today=self.today
            )
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if not self._offered_due:
            self._offered_due = True
            self.offer_due_outcomes()

    def offer_due_outcomes(self) -> None:
        """Once, at start: the outcomes due are what makes a review worth reading, and the
        inbox, which counts them, is not always the first screen."""
        due = self.summary.due
        if due and self.current_mode != INBOX:
            self.notify(
                ngettext(
                    "{count} decision old enough to say how it turned out: the log (l, then d) "
                    "lists it",
                    "{count} decisions old enough to say how they turned out: the log (l, then "
                    "d) lists them",
                    due,
                ).format(count=i18n.decimal(due)),
                title=_("Outcomes due"),
                timeout=8,
                markup=False,
            )

    def reload_strategy(self) -> None:
        """Read the file again; a broken file keeps the last good strategy for checks."""
        self.state = read_strategy(self.state.location, self.state)
        self.announce(self.state)
        self.refresh_summary()

    def use_location(self, location: StrategyLocation) -> None:
        """Switch to the strategy at `location` (the user's copy of the example)."""
        self.state = read_strategy(location, self.state)

    def announce(self, state: StrategyState) -> None:
        path = state.location.path
        if not state.problems and state.loaded is not None:
            self.notify(_("Loaded {name}").format(name=state.loaded.strategy.name), markup=False)
        elif state.loaded is not None:
            self.notify(
                _("{path} has {problems}: checks keep the last version that loaded").format(
                    path=path, problems=state.problem_count
                ),
                severity="warning",
                markup=False,
            )
        else:
            self.notify(
                _("{path} has {problems}").format(path=path, problems=state.problem_count),
                severity="error",
                markup=False,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide the key of the screen the user is already on, and the letters that go to
        screens where the screen's own letters mean something else."""
        if action == "letter":
            if not getattr(self.screen, "APP_LETTERS", True):
                return False
            action = str(parameters[0])
        mode = SHOWS.get(action)
        return mode is None or self.current_mode != mode

    async def action_quit(self) -> None:
        """Quit, after the question escape asks when a screen holds work not saved (a triage
        under way, a check typed in); ctrl+q again while it is asked quits."""
        lost = [
            loss
            for mode in self.MODES
            for screen in self._stack_of(mode)
            if isinstance(screen, LighthouseScreen) and (loss := screen.unsaved()) is not None
        ]
        if not lost or isinstance(self.screen, QuitScreen):
            self.exit()
            return
        question = Text(_("Quit Lighthouse?"))
        question.append(" ")
        question.append_text(Text(" ").join(lost))

        def then(confirmed: bool | None) -> None:
            if confirmed:
                self.exit()

        self.push_screen(QuitScreen(question, _("Quit")), then)

    def _stack_of(self, mode: str) -> list[Screen[Any]]:
        try:
            return self.get_screen_stack(mode)
        except KeyError:  # a mode not opened yet
            return []

    async def action_letter(self, action: str) -> None:
        """A letter that goes to a screen (`screen_keys`)."""
        await self.run_action(action)

    def needs_strategy(self, what: "NeedsStrategy") -> bool:
        """True, after telling the user, when `what` cannot run without a strategy."""
        if self.state.loaded is not None:
            return False
        self.notify(_(NEEDS_STRATEGY[what]), severity="warning", markup=False)
        return True

    def action_show_inbox(self) -> None:
        self.switch_mode(INBOX)
        self.refresh_bindings()

    def action_show_check(self) -> None:
        if self.needs_strategy("check"):
            return
        self.switch_mode(CHECK)
        self.refresh_bindings()

    async def action_show_log(self) -> None:
        await self.switch_mode(LOG)
        self.refresh_bindings()

    async def action_show_review(self) -> None:
        if self.needs_strategy("review"):
            return
        await self.switch_mode(REVIEW)
        self.refresh_bindings()

    async def triage_item(self, item: InboxItem) -> None:
        """Triage one item picked in the palette, from the inbox, where triage comes back."""
        if self.needs_strategy("triage"):
            return
        await self.switch_mode(INBOX)
        self.refresh_bindings()
        from lighthouse_tui.tui.screens.triage import TriageScreen

        self.push_screen(TriageScreen([item]))

    async def show_due_outcomes(self) -> None:
        """The log, showing only the decisions waiting for their outcome."""
        await self.action_show_log()
        from lighthouse_tui.tui.screens.log import LogScreen

        for screen in self.screen_stack:
            if isinstance(screen, LogScreen):
                screen.show_due()

    def action_show_strategy(self) -> None:
        self.switch_mode(STRATEGY)
        self.refresh_bindings()

    def action_import(self) -> None:
        loaded = self.state.loaded
        if loaded is None:
            self.needs_strategy("import")
            return
        from lighthouse_tui.tui.screens.importer import ImportScreen

        def then(saved: int | None) -> None:
            if saved:
                self.action_show_inbox()

        self.push_screen(ImportScreen(loaded), then)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(keys_table(self.screen)))

    def action_command_palette(self) -> None:
        """Textual's palette, in the language chosen (`Palette`), imported when first opened
        as the inbox's commands are."""
        from lighthouse_tui.tui.commands import Palette

        if self.use_command_palette and not Palette.is_open(self):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's commands, then every action bound on the screen or the app: declaring a
        binding is all it takes for an action to be in the palette too.

        Read from the declarations rather than `active_bindings`, which leaves out the
        letter keys while a text input has focus: the palette is the way to them then.
        """
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        for node in (screen, self):
            actions: set[str] = set()
            for binding in Binding.make_bindings(node.BINDINGS):
                if binding.id is None or binding.action in actions or is_letter(binding):
                    continue
                actions.add(binding.action)
                _namespace, name, parameters = parse_action(binding.action)
                if node.check_action(name, parameters) is False:
                    continue
                yield SystemCommand(
                    _(binding.description),
                    _(binding.tooltip),
                    partial(self.run_action, binding.action, node),
                )


TEXTUAL_COMMANDS = (
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)
"""The titles and help of Textual's own palette commands (`App.get_system_commands`), here
for the catalog: the palette shows them translated, with the app's own."""

NeedsStrategy = Literal["check", "review", "triage", "import", "add"]
NEEDS_STRATEGY: dict[NeedsStrategy, str] = {
    "check": N_(
        "The quick check needs a strategy that loads: fix the problems the strategy screen (s) "
        "shows, then press r"
    ),
    "review": N_(
        "The review needs a strategy that loads: fix the problems the strategy screen (s) "
        "shows, then press r"
    ),
    "triage": N_(
        "Triage needs a strategy that loads: fix the problems the strategy screen (s) shows, "
        "then press r"
    ),
    "import": N_(
        "Import needs a strategy that loads: fix the problems the strategy screen (s) shows, "
        "then press r"
    ),
    "add": N_(
        "Adding to the inbox needs a strategy that loads: fix the problems the strategy "
        "screen (s) shows, then press r"
    ),
}
"""What cannot run without a strategy, each said in a whole sentence."""


class QuitScreen(ConfirmScreen):
    """The question before quitting, told apart from the others by ctrl+q pressed again."""


SHOWS = {
    "show_inbox": INBOX,
    "show_check": CHECK,
    "show_log": LOG,
    "show_review": REVIEW,
    "show_strategy": STRATEGY,
}
"""Each "go to" action and the mode it goes to."""


def run(location: StrategyLocation, db: Path) -> int:
    """Run the app on the strategy at `location` and the decision log at `db` until the user
    quits. Returns Textual's return code: 0 when the app ended normally, non-zero when it
    crashed (Textual has then printed the traceback)."""
    app = LighthouseApp(location, db)
    app.run()
    return app.return_code or 0
