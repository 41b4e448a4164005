"""`lighthouse decline ID`: the polite no for a logged decision, ready to paste into a reply.

It is written with the strategy version that scored the decision (the replay `log show` reads):
the message speaks for the dealbreakers that fired that day, in that version's language, tone
and public words, so it stays true to why the offer was declined even after the strategy has
moved on. The app's `c` and this command share one builder, `core.decline`.
"""

import argparse

from lighthouse_tui.cli.common import UserError, json_option, print_json, replayed_decision
from lighthouse_tui.core.i18n import _


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    decline = commands.add_parser(
        "decline",
        help=_("the polite no for a logged decision, to paste into your reply"),
        description=_(
            "Print a polite no for a logged decision (ID as in `lighthouse log`), written with "
            "the strategy version that scored it: its language, its [decline] tone and "
            "signature, and only the decline_reason words of its rules and criteria."
        ),
    )
    decline.add_argument("id", type=int)
    json_option(decline, _('print {"message": …}'))
    decline.set_defaults(handler=cmd_decline)


def cmd_decline(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.decline import decline_message

    replayed = replayed_decision(args.db, args.id, None)
    if replayed.then is None or replayed.then_evaluation is None:
        raise UserError(
            [
                _("decision {id} cannot be explained again: {reasons}").format(
                    id=args.id, reasons="; ".join(replayed.notes)
                )
            ]
        )
    title = replayed.record.title
    message = decline_message(replayed.then.strategy, title, replayed.then_evaluation)
    if args.json:
        print_json({"message": message})
    else:
        print(message)
    return 0
