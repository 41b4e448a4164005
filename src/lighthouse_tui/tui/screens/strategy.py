"""The strategy as the filter reads it, or what stops the file from loading, and the way to
fix it without leaving the app: edit, then reload."""

from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.text import Text
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.locations import StrategyLocation, user_strategy_path
from lighthouse_tui.render.sentence import sentence
from lighthouse_tui.render.strategy import problems_view, strategy_view
from lighthouse_tui.tui.editing import copy_strategy, editor_command, run_editor
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.confirm import ConfirmScreen
from lighthouse_tui.tui.state import StrategyState


class StrategyScreen(LighthouseScreen):
    BINDING_GROUP_TITLE = N_("Strategy")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "r",
            "reload",
            N_("Reload"),
            tooltip=N_("Read the strategy file again, after editing it elsewhere"),
            id="reload",
        ),
        Binding(
            "e",
            "edit",
            N_("Edit"),
            tooltip=N_("Open the strategy file in $EDITOR, then reload it"),
            id="edit",
        ),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="strategy-body"):
            yield Static(id="strategy-view")

    async def show_state(self, state: StrategyState) -> None:
        self.query_one("#strategy-view", Static).update(
            strategy_or_problems(state, self.lighthouse.today)
        )

    def action_reload(self) -> None:
        self.lighthouse.reload_strategy()

    def action_edit(self) -> None:
        location = self.lighthouse.state.location
        if not location.is_example:
            self._edit(location.path)
            return
        target = user_strategy_path()
        question = sentence(
            _(
                "This is the example strategy bundled with Lighthouse; edits to it would be lost "
                "on the next upgrade.\n\nCopy it to {path} and edit the copy?"
            ),
            path=Text(str(target), style="bold"),
        )

        def copy_then_edit(confirmed: bool | None) -> None:
            if confirmed:
                self._copy_then_edit(location, target)

        self.app.push_screen(ConfirmScreen(question, _("Copy and edit")), copy_then_edit)

    def _copy_then_edit(self, example: StrategyLocation, target: Path) -> None:
        try:
            copy_strategy(example.path, target)
        except FileExistsError:
            self.notify(
                _("{path} already exists: editing it as it is, not overwriting it").format(
                    path=target
                ),
                severity="warning",
                markup=False,
            )
        except OSError as exc:
            self.notify(
                _("Could not copy the example to {path}: {problem}").format(
                    path=target, problem=exc.strerror or exc
                ),
                severity="error",
                markup=False,
            )
            return
        self.lighthouse.use_location(StrategyLocation(target, is_example=False))
        self._edit(target)

    def _edit(self, path: Path) -> None:
        """Hand the terminal to the editor, then reload whatever it left on disk."""
        command = editor_command()
        if command is None:
            failure = _(
                "No editor found: set $EDITOR, or edit {path} elsewhere and press r"
            ).format(path=path)
        else:
            try:
                with self.app.suspend():
                    failure = run_editor(command, path)
            except SuspendNotSupported:
                failure = _(
                    "This terminal cannot hand over to an editor: edit {path} elsewhere and press r"
                ).format(path=path)
        if failure is not None:
            self.notify(failure, severity="error", markup=False)
            return
        self.lighthouse.reload_strategy()


def strategy_or_problems(state: StrategyState, today: date) -> RenderableType:
    """A broken file shows its problems first, then the version checks still use, if any."""
    loaded = state.loaded
    if loaded is not None and not state.problems:
        return strategy_view(loaded, today)
    title = Text(f"✗ {state.location.path}: ", style="bold")
    title.append(state.problem_count, style="bold red")
    exists = state.location.path.exists()
    if loaded is None:
        hint = Text(
            _("e edits the file, r reloads it. Checks open once it loads.")
            if exists
            else _(
                "`lighthouse strategy init` writes one, r reloads it. Checks open once it loads."
            ),
            style="italic",
        )
        return Group(title, problems_view(list(state.problems)), Text(), hint)
    hint = Text(
        _("e edits the file, r reloads it. Checks use the last good version, below.")
        if exists
        else _(
            "`lighthouse strategy init` writes one, r reloads it. Checks use the last good "
            "version, below."
        ),
        style="italic",
    )
    return Group(
        title,
        problems_view(list(state.problems)),
        Text(),
        hint,
        Rule(_("last version that loaded"), style="dim"),
        strategy_view(loaded, today),
    )
