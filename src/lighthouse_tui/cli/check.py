"""`lighthouse check`: the quick yes/no from the shell, optionally logged as a decision."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING

from lighthouse_tui.cli.common import (
    EXIT_CODES_HELP,
    VERDICT_EXIT,
    UserError,
    committed_hours,
    console,
    json_option,
    load_strategy,
    open_log,
    print_json,
)
from lighthouse_tui.cli.opportunity_args import (
    add_from_argument,
    add_opportunity_arguments,
    ask_missing_ratings,
    build,
    is_interactive,
    opportunity_data,
    reflex,
)
from lighthouse_tui.core.i18n import _

if TYPE_CHECKING:
    from lighthouse_tui.core.filter import Evaluation
    from lighthouse_tui.core.strategy import Horizon, Thresholds

DEFAULT_CHOICES = ("accept", "decline", "unsure")
FINAL_CHOICES = ("accept", "decline", "defer")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = commands.add_parser(
        "check",
        help=_("accept, decline or consider one opportunity, with the reasons"),
        description=_(
            "Run one opportunity through your strategy's filter. Asks each missing rating when "
            "run in a terminal; never asks in a pipe or with --no-input. Read-only unless "
            "--record."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_(EXIT_CODES_HELP),
    )
    add_opportunity_arguments(check)
    add_from_argument(check)
    check.add_argument(
        "--committed",
        type=float,
        metavar=_("HOURS"),
        help=_("hours per week already committed (default: the accepted decisions in the log)"),
    )
    json_option(check, _("print one JSON object"))
    check.add_argument("--no-input", action="store_true", help=_("never ask anything"))
    record = check.add_argument_group(_("logging the decision"))
    record.add_argument("--record", action="store_true", help=_("log this decision"))
    record.add_argument(
        "--default",
        choices=DEFAULT_CHOICES,
        help=_("your reflex before seeing the verdict (asked in a terminal when left out)"),
    )
    add_final_argument(record)
    add_note_argument(record)
    check.set_defaults(handler=cmd_check)


def add_final_argument(parser: argparse._ActionsContainer) -> None:
    """`--final`, the same for `check --record` and `decide`."""
    parser.add_argument(
        "--final",
        choices=FINAL_CHOICES,
        help=_("what you decided (default: the verdict; a 'consider' is logged as defer)"),
    )


def add_note_argument(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--note", metavar=_("NOTE"), help=_("why, in a line"))


def cmd_check(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.filter import evaluate

    if not args.record and (args.default or args.final or args.note):
        raise UserError([_("--default, --final and --note go with --record")])
    if args.committed is not None and args.committed < 0:
        raise UserError(
            [_("--committed {hours}: hours cannot be negative").format(hours=f"{args.committed:g}")]
        )
    loaded = load_strategy(args.strategy)
    opportunity = build(loaded.strategy, opportunity_data(args), args.source_file or "")
    interactive = is_interactive(args)

    default = None
    if args.record:
        default = reflex(args.default, interactive=interactive, command="--record")
    if interactive:
        opportunity = ask_missing_ratings(loaded.strategy, opportunity)

    with open_log(args.db, readonly=not args.record) as log:
        committed = args.committed
        if committed is None:
            committed = committed_hours(log, date.today())
        evaluation = evaluate(loaded, opportunity, committed=committed)
        decision_id = None
        if args.record:
            assert log is not None
            assert default is not None
            final = args.final or final_from(evaluation)
            decision_id = log.record(
                opportunity=opportunity,
                evaluation=evaluation,
                strategy=loaded,
                default_choice=default,
                final_choice=final,
                note=args.note,
            )

    if args.json:
        data = evaluation.to_json()
        if decision_id is not None:
            data["decision"] = decision_id
        print_json(data)
    else:
        print_evaluation(loaded.strategy.thresholds, opportunity.title, evaluation)
        if decision_id is not None:
            print(_("Logged as decision {id}.").format(id=decision_id))
    _horizon_reminder(loaded.strategy.horizon)
    return VERDICT_EXIT[evaluation.verdict]


def final_from(evaluation: Evaluation) -> str:
    if evaluation.verdict == "consider":
        said = _(
            "the verdict is consider, so the final choice is logged as defer "
            "(pass --final to decide)"
        )
        print(f"lighthouse: {said}", file=sys.stderr)
        return "defer"
    return evaluation.verdict


def print_evaluation(thresholds: Thresholds, title: str, evaluation: Evaluation) -> None:
    from lighthouse_tui.render.evaluation import evaluation_view
    from lighthouse_tui.render.literal import title_text

    out = console()
    heading = title_text(title, style="bold")
    heading.append(f"  {evaluation.kind}", style="dim")
    out.print(heading)
    out.print(evaluation_view(evaluation, thresholds))


def _horizon_reminder(horizon: Horizon | None) -> None:
    if horizon is None:
        return
    from lighthouse_tui.core.i18n import ngettext

    left = (horizon.end - date.today()).days
    if left < 0:
        reminder = ngettext(
            "your strategy's horizon ended {days} day ago: time to review it",
            "your strategy's horizon ended {days} days ago: time to review it",
            -left,
        ).format(days=-left)
    elif left <= 14:
        reminder = ngettext(
            "your strategy's horizon ends in {days} day: plan its review",
            "your strategy's horizon ends in {days} days: plan its review",
            left,
        ).format(days=left)
    else:
        return
    print(f"lighthouse: {reminder}", file=sys.stderr)
