"""`lighthouse check`: the quick yes/no from the shell, optionally logged as a decision."""

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

if TYPE_CHECKING:
    from lighthouse_tui.core.filter import Evaluation
    from lighthouse_tui.core.strategy import Horizon, Thresholds

DEFAULT_CHOICES = ("accept", "decline", "unsure")
FINAL_CHOICES = ("accept", "decline", "defer")


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    check = commands.add_parser(
        "check",
        help="accept, decline or consider one opportunity, with the reasons",
        description="Run one opportunity through your strategy's filter. Asks each missing "
        "rating when run in a terminal; never asks in a pipe or with --no-input. Read-only "
        "unless --record.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXIT_CODES_HELP,
    )
    add_opportunity_arguments(check)
    add_from_argument(check)
    check.add_argument(
        "--committed",
        type=float,
        metavar="HOURS",
        help="hours per week already committed (default: the accepted decisions in the log)",
    )
    json_option(check, "print one JSON object")
    check.add_argument("--no-input", action="store_true", help="never ask anything")
    record = check.add_argument_group("logging the decision")
    record.add_argument("--record", action="store_true", help="log this decision")
    record.add_argument(
        "--default",
        choices=DEFAULT_CHOICES,
        help="your reflex before seeing the verdict (asked in a terminal when left out)",
    )
    record.add_argument(
        "--final",
        choices=FINAL_CHOICES,
        help="what you decided (default: the verdict; a 'consider' is logged as defer)",
    )
    record.add_argument("--note", help="why, in a line")
    check.set_defaults(handler=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.filter import evaluate

    if not args.record and (args.default or args.final or args.note):
        raise UserError(["--default, --final and --note go with --record"])
    if args.committed is not None and args.committed < 0:
        raise UserError([f"--committed {args.committed:g}: hours cannot be negative"])
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
            print(f"Logged as decision {decision_id}.")
    _horizon_reminder(loaded.strategy.horizon)
    return VERDICT_EXIT[evaluation.verdict]


def final_from(evaluation: "Evaluation") -> str:
    if evaluation.verdict == "consider":
        print(
            "lighthouse: the verdict is consider, so the final choice is logged as defer "
            "(pass --final to decide)",
            file=sys.stderr,
        )
        return "defer"
    return evaluation.verdict


def print_evaluation(thresholds: "Thresholds", title: str, evaluation: "Evaluation") -> None:
    from lighthouse_tui.render.evaluation import evaluation_view
    from lighthouse_tui.render.literal import literal

    out = console()
    heading = literal(title or "(untitled)", style="bold")
    heading.append(f"  {evaluation.kind}", style="dim")
    out.print(heading)
    out.print(evaluation_view(evaluation, thresholds))


def _horizon_reminder(horizon: "Horizon | None") -> None:
    if horizon is None:
        return
    left = (horizon.end - date.today()).days
    if left < 0:
        print(
            f"lighthouse: your strategy's horizon ended {-left} days ago: time to review it",
            file=sys.stderr,
        )
    elif left <= 14:
        print(
            f"lighthouse: your strategy's horizon ends in {left} days: plan its review",
            file=sys.stderr,
        )
