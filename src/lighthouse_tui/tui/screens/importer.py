"""Import… from the app: the same importers, summary and problem lines as `lighthouse import`,
for people who never open a shell.

The run happens on the decision log's own thread (it writes there, in one transaction), so
the dialog stays responsive through a mailbox of years; a timer shows how far it got.
"""

import os
import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, ProgressBar, Select, Static

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.ingest import ImportOptions, ImportSummary, Source, import_sources, make_options
from lighthouse_tui.render.importing import summary_view
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp

PROGRESS_EVERY_S = 0.1
_MAPPING = re.compile(r"[^=]*=\s*\S*|.+", re.DOTALL)
"""One `COLUMN=FIELD` (the column may hold spaces, the field never does), or text left over
that is not one, kept for `make_options` to name."""


class SourcesError(ValueError):
    """What the user typed cannot start an import; the message is the one line to show."""


def read_sources(text: str) -> list[Source]:
    """Paths as a shell would split them (quotes for spaces), `~` expanded as a shell does
    (`~nobody` stays as typed, and then is a missing file). Raises `SourcesError` for nothing
    given, an unclosed quote, or stdin."""
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise SourcesError(
            _("cannot read the list of sources: {problem}").format(problem=str(exc).lower())
        ) from None
    if not words:
        raise SourcesError(_("name a file or a folder to import"))
    if "-" in words:
        raise SourcesError(_("stdin (-) is for `lighthouse import`; name a file here"))
    return [Path(os.path.expanduser(word)) for word in words]


def read_maps(text: str) -> list[str]:
    """The `--map` values of `lighthouse import`, typed on one line: `Subject=title,
    Budget (EUR)=fee` or `E-mail subject=title Budget=fee`. Commas separate; so do spaces
    after a field, as field names have none while column names often do. A piece that is not
    `COLUMN=FIELD` stays whole, so `make_options` names it rather than it being dropped."""
    pieces = (piece.strip() for part in text.split(",") for piece in _MAPPING.findall(part))
    return [piece for piece in pieces if piece]


@dataclass
class Progress:
    """Written by the import on the log's thread, read by the dialog's timer: two numbers
    replaced whole, so the reader never sees half an update."""

    done: tuple[float, int] = (0.0, 0)

    def update(self, fraction: float, items: int) -> None:
        self.done = (fraction, items)


def run_import(
    log: DecisionLog,
    sources: Sequence[Source],
    options: ImportOptions,
    *,
    dry_run: bool,
    progress: Progress,
) -> ImportSummary:
    """On the log's thread: read every source, save the good items unless `dry_run`."""
    return import_sources(
        sources,
        options,
        inbox=None if dry_run else log,
        known=log.known_import_keys,
        progress=progress.update,
    )


class ImportScreen(ModalScreen[int]):
    """Dismissed with how many new items its runs saved: the app then shows the inbox."""

    BINDING_GROUP_TITLE = N_("Import")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "run_import",
            N_("Import"),
            tooltip=N_("Read the sources and put their items in the inbox (enter does too)"),
            id="run-import",
        ),
        Binding("escape", "close", N_("Close"), tooltip=N_("Close the dialog"), id="close-import"),
    ]

    def __init__(self, loaded: LoadedStrategy) -> None:
        super().__init__()
        self.loaded = loaded
        self.progress = Progress()
        self.saved = 0
        self._ticker: Timer | None = None

    @property
    def lighthouse(self) -> "LighthouseApp":
        return cast("LighthouseApp", self.app)

    def compose(self) -> ComposeResult:
        kinds = [(Text(kind), kind) for kind in self.loaded.strategy.all_kinds]
        with Vertical(classes="dialog", id="import-dialog"):
            title = Text(_("Import opportunities"), style="bold")
            title.append("   ")
            title.append(_("enter imports · escape closes"), style="dim")
            yield Static(title)
            yield Static(
                Text(
                    _(
                        "CSV, JSON, JSON Lines, TOML, .eml, mbox or a Maildir folder. Safe to "
                        "repeat: what is already in the log is not added again."
                    ),
                    style="dim",
                ),
                id="import-about",
            )
            with Horizontal(classes="import-row"):
                yield Label(_("sources"))
                yield Input(
                    placeholder=_("leads.csv ~/Mail/inbox.mbox (quote paths with spaces)"),
                    id="import-sources",
                    compact=True,
                )
            with Horizontal(classes="import-row"):
                yield Label(_("kind"))
                yield Select(
                    kinds,
                    prompt=_("as the file says, else opportunity"),
                    id="import-kind",
                    compact=True,
                )
            with Horizontal(classes="import-row"):
                yield Label(_("columns"))
                yield Input(
                    placeholder=_("COLUMN=field, …  e.g. Subject=title, Budget (EUR)=fee"),
                    id="import-maps",
                    compact=True,
                )
            yield TickBox(
                _("Dry run: read and report, save nothing"), id="import-dry-run", compact=True
            )
            yield ProgressBar(total=1.0, show_eta=False, id="import-progress")
            yield Static(id="import-error")
            with VerticalScroll(id="import-result"):
                yield Static(id="import-summary")

    def on_mount(self) -> None:
        self.query_one("#import-sources", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_run_import()

    def check_action(self, action: str, _parameters: tuple[object, ...]) -> bool | None:
        """No second run while one is under way: it would wait for the first anyway."""
        return not (action == "run_import" and self.has_class("-running"))

    def action_run_import(self) -> None:
        self._show_error(None)
        logbook = self.lighthouse.logbook
        dry_run = self.query_one("#import-dry-run", Checkbox).value
        try:
            sources = read_sources(self.query_one("#import-sources", Input).value)
            kind = self.query_one("#import-kind", Select).value
            options = make_options(
                self.loaded.strategy,
                kind=kind if isinstance(kind, str) else None,
                maps=read_maps(self.query_one("#import-maps", Input).value),
            )
        except SourcesError as exc:
            self._show_error(str(exc))
            return
        except ProblemsError as exc:
            self._show_error("\n".join(str(problem) for problem in exc.problems))
            return
        if not logbook.usable:
            self._show_error(logbook.problem or _("the decision log cannot be opened"))
            return
        if logbook.problem and not dry_run:
            self._show_error(
                _("{problem}: only a dry run can read the sources").format(problem=logbook.problem)
            )
            return
        self._start(sources, options, dry_run)

    def _start(self, sources: list[Source], options: ImportOptions, dry_run: bool) -> None:
        self.progress = Progress()
        self.set_class(True, "-running")
        self.refresh_bindings()
        self.query_one("#import-progress", ProgressBar).update(progress=0)
        self.query_one("#import-summary", Static).update(Text(_("Reading…"), style="dim"))
        self._ticker = self.set_interval(PROGRESS_EVERY_S, self._show_progress)
        self._run(sources, options, dry_run)

    @work(exclusive=True, group="import")
    async def _run(self, sources: list[Source], options: ImportOptions, dry_run: bool) -> None:
        try:
            summary = await self.lighthouse.logbook.run(
                run_import, sources, options, dry_run=dry_run, progress=self.progress
            )
        except StoreError as error:
            self.notify(str(error), severity="error", timeout=10, markup=False)
            self.query_one("#import-summary", Static).update("")
            return
        finally:
            if self._ticker is not None:
                self._ticker.stop()
            self.set_class(False, "-running")
            self.refresh_bindings()
        self.query_one("#import-progress", ProgressBar).update(progress=1.0)
        self.query_one("#import-summary", Static).update(summary_view(summary))
        self.query_one("#import-result", VerticalScroll).focus()
        if summary.saved and summary.new:
            self.saved += summary.new
            self.lighthouse.log_changed()

    def _show_progress(self) -> None:
        fraction, items = self.progress.done
        self.query_one("#import-progress", ProgressBar).update(progress=fraction)
        self.query_one("#import-summary", Static).update(
            Text(
                ngettext(
                    "Reading… {count} item so far", "Reading… {count} items so far", items
                ).format(count=i18n.decimal(items)),
                style="dim",
            )
        )

    def _show_error(self, message: str | None) -> None:
        error = self.query_one("#import-error", Static)
        error.update(Text(message or "", style="bold red"))
        error.display = message is not None

    def action_close(self) -> None:
        if self.has_class("-running"):
            self.notify(
                _(
                    "The import is under way: it saves all of its items or none, so it runs to "
                    "the end"
                ),
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(self.saved)
