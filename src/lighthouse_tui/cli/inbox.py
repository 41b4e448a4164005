"""`lighthouse add`, `inbox` and `decide`: opportunities waiting, and deciding them."""

import argparse
import shutil
import sys
from datetime import UTC, date, datetime

from lighthouse_tui.cli.check import (
    DEFAULT_CHOICES,
    add_final_argument,
    add_note_argument,
    final_from,
    print_evaluation,
)
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
from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    add = commands.add_parser(
        "add",
        help=_("put an opportunity in the inbox; prints its id"),
        description=_(
            "Check the opportunity against your strategy's fields and kinds, and put it in the "
            "inbox to triage later."
        ),
    )
    add_opportunity_arguments(add)
    add.add_argument(
        "--source",
        metavar=_("SOURCE"),
        help=_("where it came from (a person, a mailing list...)"),
    )
    add_from_argument(add)
    json_option(add, _('print {"id": N}'))
    add.set_defaults(handler=cmd_add)

    inbox = commands.add_parser(
        "inbox",
        help=_("list the opportunities waiting, oldest first"),
        description=_(
            "The oldest that fit the terminal ({rows} when the output is not a terminal), then "
            "how many more wait; --json gives them all."
        ).format(rows=PIPED_ROWS),
    )
    inbox.add_argument(
        "--limit",
        type=_count,
        metavar="N",
        help=_("show the oldest N (0: all)"),
    )
    json_option(inbox)
    inbox.set_defaults(handler=cmd_inbox)

    decide = commands.add_parser(
        "decide",
        help=_("decide an inbox item: reflex, filter, final choice"),
        description=_(
            "Score an inbox item (ratings and fields can be added now), then log the decision. "
            "In a terminal, asks your reflex before showing the verdict. With --correct, ID is "
            "a logged decision (the id `lighthouse log` shows) whose final choice becomes "
            "--final; the earlier choice is kept in its history (`lighthouse log show ID`)."
        ),
    )
    decide.add_argument(
        "id",
        type=int,
        help=_(
            "the inbox item's id (see `lighthouse inbox`); with --correct, the decision's id "
            "(see `lighthouse log`)"
        ),
    )
    add_opportunity_arguments(decide, title=False)
    decide.add_argument("--default", choices=DEFAULT_CHOICES, help=_("your reflex"))
    add_final_argument(decide)
    add_note_argument(decide)
    decide.add_argument(
        "--correct",
        action="store_true",
        help=_(
            "correct the final choice of decision ID to --final, keeping the earlier one in "
            "its history (--note says why)"
        ),
    )
    decide.add_argument("--no-input", action="store_true", help=_("never ask anything"))
    json_option(decide, _("print the evaluation and the decision id as JSON"))
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


STATUS_WORDS = {"decided": N_("decided"), "archived": N_("archived")}
"""An inbox item that is no longer waiting, in words."""
PIPED_ROWS = 20
"""Rows `inbox` shows when its output is not a terminal and no --limit is given."""


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("expected a whole number, 0 or more, got '{text}'").format(text=text)
        )
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
        print(_("The inbox is empty."))
        return 0
    from lighthouse_tui.render.log import inbox_table

    console().print(inbox_table(items, datetime.now(UTC)))
    if more:
        print(_("… and {count} more: --limit 0 shows all").format(count=i18n.decimal(more)))
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
            raise UserError(
                [
                    _("inbox item {id} is {status}, not pending").format(
                        id=args.id, status=_(STATUS_WORDS.get(item.status, item.status))
                    )
                ]
            )
        base = {**item.fields, "kind": item.kind, "ratings": item.ratings}
        origin = _("inbox item {id}").format(id=item.id)
        opportunity = build(loaded.strategy, opportunity_data(args, base), origin)
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
        from lighthouse_tui.render.log import choice_word

        print_evaluation(loaded.strategy.thresholds, opportunity.title, evaluation)
        print(
            _("Logged as decision {id}: reflex {reflex}, final {final}.").format(
                id=decision_id, reflex=choice_word(default), final=choice_word(final)
            )
        )
    return 0


def _correct(args: argparse.Namespace) -> int:
    """`decide ID --final X --correct`: only the final choice changes; the scoring, reflex and
    ratings stay what they were when it was decided, so anything that would rescore is refused
    rather than silently ignored."""
    if args.final is None:
        raise UserError([_("--correct needs --final accept|decline|defer")])
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
        raise UserError(
            [
                _("--correct changes only the final choice; drop {flags}").format(
                    flags=", ".join(rescoring)
                )
            ]
        )
    with open_log(args.db) as log:
        assert log is not None
        correction = log.correct(args.id, args.final, args.note)
    if args.json:
        print_json({"decision": args.id, **correction.to_json()})
    else:
        from lighthouse_tui.render.log import choice_word

        print(
            _("Decision {id}: final {previous} → {final} (corrected).").format(
                id=args.id,
                previous=choice_word(correction.previous),
                final=choice_word(correction.final),
            )
        )
    return 0
