"""An opportunity from the command line: positional title, -k, -f, -r, --from; and the
questions a terminal user is asked (ratings, the reflex before the verdict)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lighthouse_tui.cli.common import UserError, console, escape
from lighthouse_tui.core.i18n import _

if TYPE_CHECKING:
    from lighthouse_tui.core.opportunity import Opportunity
    from lighthouse_tui.core.strategy import Strategy


def add_opportunity_arguments(parser: argparse.ArgumentParser, *, title: bool = True) -> None:
    if title:
        parser.add_argument(
            "title",
            nargs="?",
            metavar=_("title"),
            help=_("what the opportunity is, in a few words"),
        )
    parser.add_argument(
        "-k",
        "--kind",
        metavar=_("KIND"),
        help=_("client_request, partner_offer, opportunity, ..."),
    )
    parser.add_argument(
        "-f",
        "--field",
        action="append",
        default=[],
        metavar=_("NAME=VALUE"),
        help=_("a field of the opportunity, e.g. -f fee=1500 -f hours_per_week=4 (repeatable)"),
    )
    parser.add_argument(
        "-r",
        "--rate",
        action="append",
        default=[],
        metavar=_("CRITERION=0..5"),
        help=_("your rating of a criterion, e.g. -r alignment=4 (repeatable)"),
    )


def add_from_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from",
        dest="source_file",
        metavar=_("FILE"),
        help=_(
            "read the opportunity from a TOML or JSON file, or - for stdin "
            "(keys: the fields, kind, and ratings = {criterion = n}); flags override it"
        ),
    )


def is_interactive(args: argparse.Namespace) -> bool:
    """Ask questions only of a person at a terminal: never in a pipe, a script or for JSON."""
    quiet = getattr(args, "no_input", False) or getattr(args, "json", False)
    return not quiet and sys.stdin.isatty() and sys.stdout.isatty()


def _split_assignment(text: str, flag: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UserError(
            [_("{flag} {text}: expected NAME=VALUE").format(flag=flag, text=repr(text))]
        )
    return name.strip(), value


def _read_opportunity_file(source: str) -> dict[str, Any]:
    from lighthouse_tui.core.loader import decode_text, parse_toml
    from lighthouse_tui.core.problems import ProblemsError

    name = "<stdin>" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except IsADirectoryError:
        raise UserError(
            [_("{file}: is a directory, not an opportunity file").format(file=name)]
        ) from None
    except OSError as exc:
        raise UserError(
            [_("{file}: cannot be read: {reason}").format(file=name, reason=exc.strerror or exc)]
        ) from None
    try:
        text = decode_text(data, name)
        as_json = name.endswith(".json") or (
            not name.endswith(".toml") and text.lstrip().startswith("{")
        )
        raw = _parse_json(text, name) if as_json else parse_toml(text, name)
    except ProblemsError as exc:
        raise UserError(exc.problems) from None
    if not isinstance(raw, dict):
        raise UserError(
            [
                _("{file}: expected one object (a table of fields), got {type}").format(
                    file=name, type=type(raw).__name__
                )
            ]
        )
    return raw


def _parse_json(text: str, name: str) -> object:
    from lighthouse_tui.core.problems import Problem, ProblemsError

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [
                Problem(
                    _("not valid JSON: {reason}").format(reason=exc.msg),
                    file=name,
                    line=exc.lineno,
                    col=exc.colno,
                )
            ]
        ) from None
    except RecursionError:
        raise ProblemsError([Problem(_("not valid JSON: nested too deeply"), file=name)]) from None


def opportunity_data(
    args: argparse.Namespace, base: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The opportunity as one mapping: `base` (a stored item) or the --from file first, then
    the flags over it."""
    source_file = getattr(args, "source_file", None)
    data = dict(base) if base is not None else {}
    if source_file:
        data.update(_read_opportunity_file(source_file))
    ratings = data.get("ratings", {})
    ratings = dict(ratings) if isinstance(ratings, dict) else ratings
    if getattr(args, "title", None) is not None:
        data["title"] = args.title
    if args.kind is not None:
        data["kind"] = args.kind
    for assignment in args.field:
        name, value = _split_assignment(assignment, "-f")
        data[name] = value
    for assignment in args.rate:
        name, value = _split_assignment(assignment, "-r")
        if not isinstance(ratings, dict):
            ratings = {}
        ratings[name] = value
    if ratings or "ratings" in data:
        data["ratings"] = ratings
    return data


def build(strategy: Strategy, data: dict[str, Any], origin: str) -> Opportunity:
    from lighthouse_tui.core.opportunity import build_opportunity
    from lighthouse_tui.core.problems import ProblemsError

    try:
        return build_opportunity(strategy, data, origin=origin)
    except ProblemsError as exc:
        raise UserError(exc.problems) from None


def ask_missing_ratings(strategy: Strategy, opportunity: Opportunity) -> Opportunity:
    """Ask each applicable, unrated criterion's question; Enter skips, a bad answer asks again."""
    from rich.prompt import Prompt

    from lighthouse_tui.core.opportunity import Opportunity, parse_rating

    unrated = [
        c
        for c in strategy.criteria_for(opportunity.kind)
        if c.rating and c.id not in opportunity.ratings
    ]
    if not unrated:
        return opportunity
    out = console()
    out.print(_("Rate each criterion 0–5; Enter skips."), style="dim", markup=False)
    ratings = dict(opportunity.ratings)
    for criterion in unrated:
        while True:
            answer = Prompt.ask(
                f"  {escape(criterion.prompt)} [dim](0–5)[/dim]",
                default="",
                show_default=False,
                console=out,
            )
            if not answer.strip():
                break
            try:
                ratings[criterion.id] = parse_rating(answer)
                break
            except ValueError as exc:
                out.print(f"  {exc}", style="red", markup=False)
    return Opportunity(opportunity.kind, opportunity.values, ratings)


REFLEX_ANSWERS = {
    "y": "accept",
    "yes": "accept",
    "o": "accept",
    "oui": "accept",
    "n": "decline",
    "no": "decline",
    "non": "decline",
    "u": "unsure",
    "unsure": "unsure",
    "i": "unsure",
    "indécis": "unsure",
}
"""What the reflex question takes, in English or in French (`o`/`oui`, `n`/`non`,
`i`/`indécis`), in any case: the letters of the user's language, whichever language the
question is shown in."""


def reflex(given: str | None, *, interactive: bool, command: str) -> str:
    """The default choice: given by flag, or asked at a terminal BEFORE the verdict is shown
    (afterwards it would be contaminated by it); a script must say it."""
    if given is not None:
        return given
    if not interactive:
        raise UserError(
            [
                _(
                    "{command} needs --default accept|decline|unsure: your reflex, before the "
                    "verdict"
                ).format(command=command)
            ]
        )
    from rich.prompt import Prompt

    prompt = Prompt(
        _(
            "Your first reflex, before the filter speaks: [bold]y[/bold]es ([bold]o[/bold]ui), "
            "[bold]n[/bold]o or [bold]u[/bold]nsure? [prompt.choices]\\[y/o/n/u][/]"
        ),
        choices=list(REFLEX_ANSWERS),
        show_choices=False,
        case_sensitive=False,
        console=console(),
    )
    prompt.illegal_choice_message = "[prompt.invalid.choice]" + escape(
        _("Please select one of the available options")
    )
    return REFLEX_ANSWERS[prompt()]
