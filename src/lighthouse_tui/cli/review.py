"""`lighthouse review` and `lighthouse strategy rescore`: did following the strategy pay off,
and what would another strategy have changed?

Both read the log and never write it. Heavy modules are imported inside the handlers, like
every command module, so `lighthouse check` never pays for them.
"""

import argparse
import sys
from datetime import date
from pathlib import Path

from lighthouse_tui.cli.common import (
    UserError,
    console,
    load_strategy,
    open_log,
    print_json,
)
from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _, ngettext
from lighthouse_tui.core.period import PERIOD_FORMS


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    review = commands.add_parser(
        "review",
        help=_("did following your strategy pay off, and which criteria matter?"),
        description=_(
            "Review the decisions of a period: how the outcomes compare when you followed the "
            "filter or went against it, when you followed your reflex instead, which criteria "
            "predict outcomes, committed hours week by week, and the outcomes still to rate. "
            "Read-only."
        ),
    )
    review.add_argument(
        "--period",
        default="horizon",
        metavar=_("PERIOD"),
        help=_("which decisions: {forms}").format(forms=_(PERIOD_FORMS)),
    )
    output = review.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help=_("print one JSON object"))
    output.add_argument(
        "--markdown",
        action="store_true",
        help=_("print a Markdown report to keep with the strategy"),
    )
    review.set_defaults(handler=cmd_review)


def cmd_review(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.period import PeriodError, parse_period
    from lighthouse_tui.store.review_source import review_log

    loaded = load_strategy(args.strategy)
    today = date.today()
    try:
        period = parse_period(args.period, today=today, horizon=loaded.strategy.horizon)
    except PeriodError as exc:
        raise UserError([exc]) from None
    with open_log(args.db, readonly=True) as log:
        result = review_log(log, loaded.strategy, period, today)
        # Only the hint for an empty period needs the whole log's count.
        logged = log.count() if log is not None and not result.counts.decisions else 0
    if args.json:
        print_json(result.to_json())
        return 0
    if args.markdown:
        from lighthouse_tui.render.review import review_markdown

        sys.stdout.write(review_markdown(result, loaded.strategy.name))
        return 0
    from lighthouse_tui.render.review import review_view

    console().print(review_view(result))
    if not result.counts.decisions:
        print(_empty_hint(logged, period.label), file=sys.stderr)
    return 0


def _empty_hint(logged: int, label: str) -> str:
    if not logged:
        hint = _(
            "no decision is logged yet; decide a few opportunities "
            "(`lighthouse inbox`, `lighthouse check --record`), then review them"
        )
    else:
        hint = ngettext(
            "the log holds {count} decision, none in {period}: try --period all",
            "the log holds {count} decisions, none in {period}: try --period all",
            logged,
        ).format(count=i18n.decimal(logged), period=label)
    return f"lighthouse: {hint}"


def cmd_rescore(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.problems import ProblemsError
    from lighthouse_tui.core.rescore import rescore
    from lighthouse_tui.core.strategy_file import load_strategy_file
    from lighthouse_tui.store.review_source import read_facts

    if args.since and args.until and args.since > args.until:
        raise UserError(
            [
                _("--since {since} is after --until {until}").format(
                    since=args.since, until=args.until
                )
            ]
        )
    try:
        loaded = load_strategy_file(Path(args.file))
    except ProblemsError as exc:
        raise UserError(exc.problems) from None
    with open_log(args.db, readonly=True) as log:
        result = rescore(read_facts(log, args.since, args.until), loaded)
    if args.json:
        print_json(result.to_json())
        return 0
    from lighthouse_tui.render.review import rescore_view

    console().print(rescore_view(result))
    return 0
