"""`lighthouse add`, `inbox` and `decide`: opportunities waiting, and deciding them."""

import argparse
import shutil
import sys
from datetime import UTC, date, datetime

from lighthouse_tui.cli.check import DEFAULT_CHOICES, FINAL_CHOICES, final_from, print_evaluation
from lighthouse_tui.cli.common import (
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


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    add = commands.add_parser(
        "add",
        help="put an opportunity in the inbox; prints its id",
        description="Check the opportunity against your strategy's fields and kinds, and put "
        "it in the inbox to triage later.",
    )
    add_opportunity_arguments(add)
    add.add_argument("--source", help="where it came from (a person, a mailing list...)")
    add_from_argument(add)
    json_option(add, 'print {"id": N}')
    add.set_defaults(handler=cmd_add)

    inbox = commands.add_parser(
        "inbox",
        help="list the opportunities waiting, oldest first",
        description="The oldest that fit the terminal (20 when the output is not a terminal), "
        "then how many more wait; --json gives them all.",
    )
    inbox.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help="show the oldest N (0: all)",
    )
    json_option(inbox)
    inbox.set_defaults(handler=cmd_inbox)

    decide = commands.add_parser(
        "decide",
        help="decide an inbox item: reflex, filter, final choice",
        description="Score an inbox item (ratings and fields can be added now), then log the "
        "decision. In a terminal, asks your reflex before showing the verdict. With --correct, "
        "ID is a logged decision (the id `lighthouse log` shows) whose final choice becomes "
        "--final; the earlier choice is kept in its history (`lighthouse log show ID`).",
    )
    decide.add_argument(
        "id",
        type=int,
        help="the inbox item's id (see `lighthouse inbox`); with --correct, the decision's id "
        "(see `lighthouse log`)",
    )
    add_opportunity_arguments(decide, title=False)
    decide.add_argument("--default", choices=DEFAULT_CHOICES, help="your reflex")
    decide.add_argument(
        "--final",
        choices=FINAL_CHOICES,
        help="what you decided (default: the verdict; a 'consider' is logged as defer)",
    )
    decide.add_argument("--note", help="why, in a line")
    decide.add_argument(
        "--correct",
        action="store_true",
        help="correct the final choice of decision ID to --final, keeping the earlier one in "
        "its history (--note says why)",
    )
    decide.add_argument("--no-input", action="store_true", help="never ask anything")
    json_option(decide, "print the evaluation and the decision id as JSON")
    decide.set_defaults(handler=cmd_decide)


def cmd_add(args: argparse.Namespace) -> int:
    loaded = load_strategy(args.strategy)
    data = opportunity_data(args)
    if args.source is not None:
        data["source"] = args.source
    opportunity = build(loaded.strategy, data, args.source_file or "")
    with open_log(args.db) as log:
        assert log is not None
        item_id = log.add(opportunity)
    if args.json:
        print_json({"id": item_id})
    else:
        print(item_id)
    return 0


PIPED_ROWS = 20
"""Rows `inbox` shows when its output is not a terminal and no --limit is given."""


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number, 0 or more, got '{text}'")
    return value


def _rows_that_fit() -> int:
    """The table's rows a screen holds: the terminal's height less the header, the line
    counting the rest and the prompt; PIPED_ROWS when the output is not a terminal."""
    if not sys.stdout.isatty():
        return PIPED_ROWS
    return max(1, shutil.get_terminal_size().lines - 3)


def cmd_inbox(args: argparse.Namespace) -> int:
    limit = args.limit
    if limit is None and not args.json:
        limit = _rows_that_fit()
    shown = limit or None  # 0: all
    with open_log(args.db, readonly=True) as log:
        items = log.inbox(limit=shown) if log is not None else []
        more = log.pending_count() - len(items) if log is not None and shown == len(items) else 0
    if args.json:
        print_json(
            [
                {
                    "id": i.id,
                    "kind": i.kind,
                    "title": i.title,
                    "source": i.source,
                    "received": i.received.isoformat(),
                    "fields": i.fields,
                    "ratings": i.ratings,
                }
                for i in items
            ]
        )
        return 0
    if not items:
        print("The inbox is empty.")
        return 0
    from lighthouse_tui.render.log import inbox_table

    console().print(inbox_table(items, datetime.now(UTC)))
    if more:
        print(f"… and {more:,} more: --limit 0 shows all")
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    if args.correct:
        return _correct(args)
    from lighthouse_tui.core.filter import evaluate

    loaded = load_strategy(args.strategy)
    interactive = is_interactive(args)
    with open_log(args.db) as log:
        assert log is not None
        item = log.item(args.id)
        if item.status != "pending":
            raise UserError([f"inbox item {args.id} is {item.status}, not pending"])
        base = {**item.fields, "kind": item.kind, "ratings": item.ratings}
        opportunity = build(loaded.strategy, opportunity_data(args, base), f"inbox item {item.id}")
        default = reflex(args.default, interactive=interactive, command="decide")
        if interactive:
            opportunity = ask_missing_ratings(loaded.strategy, opportunity)
        evaluation = evaluate(loaded, opportunity, committed=committed_hours(log, date.today()))
        final = args.final or final_from(evaluation)
        decision_id = log.record(
            opportunity=opportunity,
            evaluation=evaluation,
            strategy=loaded,
            default_choice=default,
            final_choice=final,
            note=args.note,
            item_id=item.id,
        )
    if args.json:
        print_json({**evaluation.to_json(), "decision": decision_id})
    else:
        print_evaluation(loaded.strategy.thresholds, opportunity.title, evaluation)
        print(f"Logged as decision {decision_id}: reflex {default}, final {final}.")
    return 0


def _correct(args: argparse.Namespace) -> int:
    """`decide ID --final X --correct`: only the final choice changes; the scoring, reflex and
    ratings stay what they were when it was decided, so anything that would rescore is refused
    rather than silently ignored."""
    if args.final is None:
        raise UserError(["--correct needs --final accept|decline|defer"])
    rescoring = [
        flag
        for flag, given in (
            ("--default", args.default),
            ("-f", args.field),
            ("-r", args.rate),
            ("-k", args.kind),
        )
        if given
    ]
    if rescoring:
        raise UserError([f"--correct changes only the final choice; drop {', '.join(rescoring)}"])
    with open_log(args.db) as log:
        assert log is not None
        correction = log.correct(args.id, args.final, args.note)
    if args.json:
        print_json({"decision": args.id, **correction.to_json()})
    else:
        print(f"Decision {args.id}: final {correction.previous} → {correction.final} (corrected).")
    return 0
