"""`lighthouse log`, `log show`, `outcome`, `export` and `capacity`: reading the history."""

import argparse
import io
import os
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING

from lighthouse_tui.cli.common import (
    UserError,
    console,
    date_argument,
    json_option,
    load_strategy,
    open_log,
    print_json,
    replayed_decision,
)
from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _, ngettext

if TYPE_CHECKING:
    from lighthouse_tui.core.loaded import LoadedStrategy
    from lighthouse_tui.store.log import LogFilter

VERDICTS = ("accept", "decline", "consider")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a whole number").format(text=repr(text))
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("{value} is not at least 1").format(value=value))
    return value


def _filter_options(parser: argparse.ArgumentParser) -> None:
    day = _("DATE")
    parser.add_argument("--since", type=date_argument, metavar=day, help=_("from this day on"))
    parser.add_argument("--until", type=date_argument, metavar=day, help=_("up to this day"))
    parser.add_argument("--kind", metavar=_("KIND"), help=_("only this kind of opportunity"))
    parser.add_argument("--verdict", choices=VERDICTS, help=_("only this strategic choice"))
    parser.add_argument(
        "--overrode", action="store_true", help=_("only decisions that went against the filter")
    )


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    log = commands.add_parser(
        "log",
        help=_("decisions, newest first; `log show ID` re-explains one"),
        description=_(
            "List logged decisions, newest first: reflex, filter, final choice, score and "
            "outcome. ⚑ marks a final choice against the filter's verdict."
        ),
    )
    _filter_options(log)
    log.add_argument(
        "--limit",
        type=_positive,
        default=50,
        metavar=_("LIMIT"),
        help=_("how many (default {count})").format(count=50),
    )
    json_option(log)
    log.set_defaults(handler=cmd_log)
    actions = log.add_subparsers(dest="log_command", metavar=_("COMMAND"))
    show = actions.add_parser(
        "show",
        help=_("re-explain one decision with the strategy version that scored it"),
        description=_(
            "Re-explain a decision as the strategy version of that day scored it, and say "
            "whether today's strategy would answer differently."
        ),
    )
    show.add_argument("id", type=int)
    json_option(show)
    show.set_defaults(handler=cmd_log_show)

    outcome = commands.add_parser(
        "outcome",
        help=_("record how a decision turned out (1–5)"),
        description=_(
            "Rate how a decision turned out, 1 (badly) to 5 (very well). Rating it again "
            "records a correction; the earlier rating is kept."
        ),
    )
    outcome.add_argument("id", type=int, help=_("the decision's id (see `lighthouse log`)"))
    outcome.add_argument("rating", type=int, metavar=_("rating"), help=_("1 to 5"))
    outcome.add_argument("--note", metavar=_("NOTE"), help=_("what happened, in a line"))
    outcome.add_argument(
        "--date",
        type=date_argument,
        metavar=_("DATE"),
        help=_("when it turned out, from the decision's day to today (default today)"),
    )
    outcome.set_defaults(handler=cmd_outcome)

    export = commands.add_parser(
        "export",
        help=_("every decision as CSV or JSON Lines"),
        description=_(
            "One row per decision with the three choices, the score and the outcome. CSV cells "
            "that a spreadsheet would run as a formula are prefixed with a quote."
        ),
    )
    export.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    export.add_argument(
        "--excel",
        action="store_true",
        help=_(
            "CSV for a spreadsheet in a French locale: semicolons, UTF-8 with a byte order "
            "mark, the score with a decimal comma"
        ),
    )
    export.add_argument("-o", "--output", metavar=_("FILE"), help=_("write here (default stdout)"))
    _filter_options(export)
    export.set_defaults(handler=cmd_export)

    capacity = commands.add_parser(
        "capacity",
        help=_("committed hours per week for the weeks ahead"),
    )
    capacity.add_argument(
        "--weeks",
        type=_positive,
        default=12,
        metavar=_("WEEKS"),
        help=_("how many (default {count})").format(count=12),
    )
    json_option(capacity)
    capacity.set_defaults(handler=cmd_capacity)


def _where(args: argparse.Namespace) -> "LogFilter":
    from lighthouse_tui.store.log import LogFilter

    return LogFilter(
        since=args.since,
        until=args.until,
        kind=args.kind,
        verdict=args.verdict,
        overrode=args.overrode,
    )


def cmd_log(args: argparse.Namespace) -> int:
    from lighthouse_tui.store.export import decision_json

    with open_log(args.db, readonly=True) as log:
        records = log.decisions(_where(args), limit=args.limit) if log is not None else []
    if args.json:
        print_json([decision_json(r) for r in records])
        return 0
    if not records:
        print(_("No decisions logged yet.") if log is None else _("No decision matches."))
        return 0
    from lighthouse_tui.render.log import decisions_table

    console().print(decisions_table(records))
    return 0


def cmd_log_show(args: argparse.Namespace) -> int:
    from lighthouse_tui.store.export import decision_json

    current = _current_strategy(args.strategy)
    replayed = replayed_decision(args.db, args.id, current)
    record = replayed.record
    if args.json:
        data = decision_json(record)
        data["corrections"] = [c.to_json() for c in replayed.corrections]
        data["evaluation"] = record.evaluation
        data["now"] = None if replayed.now is None else replayed.now.to_json()
        data["now_differs"] = replayed.now_differs
        data["notes"] = replayed.notes
        print_json(data)
        return 0
    from lighthouse_tui.render.log import replay_view

    console().print(replay_view(replayed, current))
    return 0


def _current_strategy(explicit: str | None) -> "LoadedStrategy | None":
    """Today's strategy for comparison, or None when it does not load (the replay still
    works: it needs only the version stored in the log)."""
    try:
        return load_strategy(explicit)
    except UserError as exc:
        warning = _("today's strategy does not load ({problem})").format(problem=exc.lines[0])
        print(f"lighthouse: {warning}", file=sys.stderr)
        return None


def cmd_outcome(args: argparse.Namespace) -> int:
    if not 1 <= args.rating <= 5:
        raise UserError(
            [_("an outcome is rated from 1 to 5, got {rating}").format(rating=args.rating)]
        )
    with open_log(args.db) as log:
        assert log is not None
        log.add_outcome(args.id, args.rating, args.note, args.date)
        corrected = log.decision(args.id).outcomes_recorded > 1
    said = (
        _("Outcome of decision {id}: {rating}/5 (corrected)")
        if corrected
        else _("Outcome of decision {id}: {rating}/5")
    )
    print(said.format(id=args.id, rating=args.rating))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from lighthouse_tui.store.export import csv_lines, jsonl_lines, write_csv, write_lines

    if args.excel and args.format != "csv":
        raise UserError([_("--excel goes with --format csv")])
    csv_form = args.format == "csv"
    writer = partial(write_csv, excel=args.excel) if csv_form else write_lines
    with open_log(args.db, readonly=True) as log:
        rows = (
            iter(())
            if log is None
            else csv_lines(log, _where(args), excel=args.excel)
            if csv_form
            else jsonl_lines(log, _where(args))
        )
        if args.output is None:
            if args.excel and isinstance(sys.stdout, io.TextIOWrapper):
                sys.stdout.reconfigure(encoding="utf-8")  # as the byte order mark says
            count = writer(rows, sys.stdout)
        else:
            count = _write_atomically(Path(args.output), lambda out: writer(rows, out))
    if args.output is not None:
        exported = ngettext(
            "Exported {count} decision to {file}", "Exported {count} decisions to {file}", count
        )
        print(exported.format(count=i18n.decimal(count), file=args.output), file=sys.stderr)
    return 0


def _write_atomically(path: Path, write: Callable[[IO[str]], int]) -> int:
    """Write through a private temporary file renamed into place: an export interrupted
    halfway never leaves a truncated file that looks complete."""
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UserError(
            [_("{file}: cannot write: {reason}").format(file=path, reason=exc.strerror or exc)]
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            count = write(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return count


def cmd_capacity(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.capacity import weekly_load

    loaded = load_strategy(args.strategy)
    today = date.today()
    hours = loaded.strategy.capacity.hours_per_week
    with open_log(args.db, readonly=True) as log:
        commitments = log.commitments(today) if log is not None else []
    weeks = weekly_load(commitments, today, args.weeks)
    committed = weeks[0][1]  # --weeks is at least 1: the first is this week
    if args.json:
        print_json(
            {
                "hours_per_week": hours,
                "committed": committed,
                "available": hours - committed,
                "weeks": [
                    {"week_of": day.isoformat(), "committed": c, "available": hours - c}
                    for day, c in weeks
                ],
            }
        )
        return 0
    from lighthouse_tui.render.log import capacity_table

    out = console()
    out.print(
        _("{hours}/week free for commitments; {left} left this week.").format(
            hours=i18n.hours(hours), left=i18n.hours(hours - committed)
        )
    )
    out.print(capacity_table(hours, weeks))
    return 0
