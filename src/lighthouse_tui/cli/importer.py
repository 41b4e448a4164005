"""`lighthouse import`: opportunities from CSV, JSON, JSON Lines, TOML and e-mail, safe to run
every morning on the same sources.

The reading is `ingest.import_sources` (the app calls it too); this module adds the shell's
side: arguments, the store, a progress bar for long runs, and exit codes a script can act on.
"""

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from lighthouse_tui.cli.common import (
    EXIT_USAGE,
    UserError,
    json_option,
    load_strategy,
    open_log,
    print_json,
)
from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from lighthouse_tui.ingest import ImportSummary, ProgressHook, Source

EXIT_PROBLEMS = 4
EXIT_CODES = N_("""\
exit codes:
  0   every source was read, and every item is in the inbox (new, or already there)
  4   some items or sources had problems (one line each); the good items were imported
  2   nothing could be read (every source missing, unreadable, empty or binary), or bad
      usage, strategy or log: nothing was imported
  70  a bug: an unexpected error (a traceback is printed)
""")
DESCRIPTION = N_("""\
Put the opportunities of each SOURCE in the inbox. A SOURCE is a file, a
directory (its files with a known extension), a Maildir, or - for stdin:
  CSV (.csv .tsv)    a header row; columns match fields by name (any case,
                     spaces for underscores); rating_<criterion> columns rate;
                     other columns are named and left out, or --map'ped in
  JSON, JSON Lines   objects of fields, as `lighthouse add --from` reads them
  TOML               one [[opportunity]] table per opportunity
  e-mail             .eml, mbox or Maildir: Subject is the title, From the
                     source, Date when it was received, the text the notes
                     (cut at 64 KB; attachments are named, not imported)
Running it again on the same sources adds nothing. Bad items are named, one
line each, and skipped; the good ones are saved together, or none are.
""")
"""The description and epilog of `import --help`, laid out by hand (translated where the
parser is built)."""
PROGRESS_DELAY_S = 1.0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    parser = commands.add_parser(
        "import",
        help=_("bring opportunities in from CSV, JSON, TOML or e-mail; safe to repeat"),
        description=_(DESCRIPTION),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_(EXIT_CODES),
    )
    parser.add_argument("sources", nargs="+", metavar=_("SOURCE"), help=_("file, directory or -"))
    parser.add_argument(
        "-k",
        "--kind",
        metavar=_("KIND"),
        help=_(
            "kind of the items that do not name one: every e-mail, rows without a kind column "
            "(default: opportunity)"
        ),
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=_("COLUMN=FIELD"),
        help=_(
            'read a column (or JSON/TOML key) into a field, e.g. --map "E-mail subject=title" '
            "or --map Budget=fee (repeatable)"
        ),
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=_("read and report, save nothing (the log is not even created)"),
    )
    json_option(parser, _("print the summary as one JSON object"))
    parser.set_defaults(handler=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.problems import ProblemsError
    from lighthouse_tui.ingest import import_sources, make_options

    loaded = load_strategy(args.strategy)
    try:
        options = make_options(loaded.strategy, kind=args.kind, maps=args.map)
    except ProblemsError as exc:
        raise UserError(exc.problems) from None
    sources = _sources(args.sources)
    with (
        _progress(enabled=not args.json and sys.stderr.isatty()) as progress,
        open_log(args.db, readonly=args.dry_run) as log,
    ):
        summary = import_sources(
            sources,
            options,
            inbox=None if args.dry_run else log,
            known=None if log is None else log.known_import_keys,
            progress=progress,
        )
    if args.json:
        print_json(summary.to_json())
    else:
        _print(summary)
    if summary.nothing_read:
        return EXIT_USAGE
    return EXIT_PROBLEMS if summary.problems else 0


def _sources(arguments: list[str]) -> "list[Source]":
    from lighthouse_tui.ingest import NamedBytes

    if arguments.count("-") > 1:
        raise UserError([_("stdin (-) can be read only once")])
    return [
        NamedBytes("<stdin>", sys.stdin.buffer.read()) if text == "-" else Path(text)
        for text in arguments
    ]


@contextmanager
def _progress(*, enabled: bool) -> "Iterator[ProgressHook | None]":
    if not enabled:
        yield None
        return
    bar = _DelayedBar()
    try:
        yield bar.update
    finally:
        bar.close()


class _DelayedBar:
    """A bar on stderr for runs that last: it appears only after a second, so the usual
    morning import of a few items never flickers one, and it clears itself when done."""

    def __init__(self) -> None:
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def update(self, fraction: float, items: int) -> None:
        if self._bar is None:
            if time.monotonic() - self._started < PROGRESS_DELAY_S:
                return
            self._start()
        assert self._bar is not None
        assert self._task is not None
        self._bar.update(self._task, completed=fraction, items=i18n.decimal(items))

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

        self._bar = Progress(
            TextColumn(_("Importing"), markup=False),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn(_("{task.fields[items]} items"), markup=False),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("import", total=1.0, items=i18n.decimal(0))

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _print(summary: "ImportSummary") -> None:
    """Sources and the outcome on stdout; notices and problems on stderr, where a script
    that keeps stdout still shows them."""
    from rich.console import Console

    from lighthouse_tui.cli.common import console
    from lighthouse_tui.render.importing import (
        notice_lines,
        outcome_line,
        problem_lines,
        source_line,
    )

    out = console()
    errors = Console(stderr=True, highlight=False, emoji=False)
    for source in summary.sources:
        if source.read:
            out.print(source_line(source), soft_wrap=True)
    for line in [*notice_lines(summary), *problem_lines(summary)]:
        errors.print(line, soft_wrap=True)
    out.print(outcome_line(summary), soft_wrap=True)
