"""The `lighthouse` command.

`lighthouse` alone opens the app; subcommands answer from the shell. `check` is the one people
run in scripts and hotkeys, so this module imports only what a command needs, when it needs it:
never Textual outside the app, never Rich for `--json`.

Exit codes are a contract (README, `--help`): 0 accept, 1 decline, 3 consider, 2 bad input,
70 a bug — a crash must never read as "decline" to a shell script.
"""

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from lighthouse_tui import __version__

if TYPE_CHECKING:
    from rich.console import Console

    from lighthouse_tui.core.filter import Evaluation
    from lighthouse_tui.core.loader import LoadedStrategy
    from lighthouse_tui.core.strategy import Criterion

EXIT_ACCEPT, EXIT_DECLINE, EXIT_USAGE, EXIT_CONSIDER, EXIT_BUG = 0, 1, 2, 3, 70
VERDICT_EXIT = {"accept": EXIT_ACCEPT, "decline": EXIT_DECLINE, "consider": EXIT_CONSIDER}

EXIT_CODES_HELP = """\
exit codes:
  0   accept      the filter says yes
  1   decline     the filter says no
  3   consider    the score is between the thresholds, or nothing was rated
  2   bad input   usage, invalid strategy, unknown kind/field/criterion, bad rating
  70  bug         an unexpected error (a traceback is printed); never a verdict
"""


class UserError(Exception):
    """A problem the user can fix: printed as one line per problem, exit 2, no traceback."""

    def __init__(self, lines: Sequence[object]) -> None:
        super().__init__("\n".join(map(str, lines)))
        self.lines = [str(line) for line in lines]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"lighthouse: {message}\n")


def _strategy_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s",
        "--strategy",
        metavar="FILE",
        help="strategy file (default: $LIGHTHOUSE_STRATEGY, then strategy.toml in your config "
        "directory, then the bundled example)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="lighthouse",
        description="Turn your strategy into a decision filter. With no command, opens the app.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"lighthouse {__version__}")
    _strategy_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser(
        "check",
        help="accept, decline or consider one opportunity, with the reasons",
        description="Run one opportunity through your strategy's filter. Asks each missing "
        "rating when run in a terminal; never asks in a pipe or with --no-input.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=EXIT_CODES_HELP,
    )
    check.add_argument("title", nargs="?", help="what the opportunity is, in a few words")
    _strategy_option(check)
    check.add_argument("-k", "--kind", help="client_request, partner_offer, opportunity, ...")
    check.add_argument(
        "-f",
        "--field",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a field of the opportunity, e.g. -f fee=1500 -f hours_per_week=4 (repeatable)",
    )
    check.add_argument(
        "-r",
        "--rate",
        action="append",
        default=[],
        metavar="CRITERION=0..5",
        help="your rating of a criterion, e.g. -r alignment=4 (repeatable)",
    )
    check.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="read the opportunity from a TOML or JSON file, or - for stdin "
        "(keys: the fields, kind, and ratings = {criterion = n}); flags override it",
    )
    check.add_argument(
        "--committed",
        type=float,
        default=0.0,
        metavar="HOURS",
        help="hours per week already committed (default 0)",
    )
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--no-input", action="store_true", help="never ask for missing ratings")
    check.set_defaults(handler=cmd_check)

    strategy = commands.add_parser("strategy", help="write, validate and show strategy files")
    strategy_commands = strategy.add_subparsers(
        dest="strategy_command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    init = strategy_commands.add_parser(
        "init",
        help="write a starter strategy from a few questions",
        description="Asks what you did these past months, your strengths, the life you want, "
        "the next step for the business and your free hours, then writes a strategy you can "
        "edit. Never overwrites a file unless --force.",
    )
    init.add_argument("path", nargs="?", help="where to write (default: your config directory)")
    init.add_argument("--force", action="store_true", help="overwrite an existing file")
    init.add_argument("--no-input", action="store_true", help="write the example, ask nothing")
    init.set_defaults(handler=cmd_strategy_init)

    validate = strategy_commands.add_parser(
        "validate",
        help="check strategy files; list every problem with its line",
        description="Exit 0 when every file is valid, 2 otherwise.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(handler=cmd_strategy_validate)

    show = strategy_commands.add_parser("show", help="show the strategy: lighthouse, criteria")
    _strategy_option(show)
    show.add_argument("--json", action="store_true", help="print the strategy as JSON")
    show.set_defaults(handler=cmd_strategy_show)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", cmd_app)
        return handler(args)
    except UserError as exc:
        for line in exc.lines:
            print(f"lighthouse: {line}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_USAGE
    except Exception:
        traceback.print_exc()
        print(
            f"lighthouse: this is a bug (exit {EXIT_BUG}), not a verdict; please report it",
            file=sys.stderr,
        )
        return EXIT_BUG


def _console(stderr: bool = False) -> "Console":
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def load_strategy(explicit: str | None) -> "LoadedStrategy":
    """Find and load the strategy the way every command does, or raise UserError with all of
    its problems."""
    from lighthouse_tui.core.loader import load_strategy_file
    from lighthouse_tui.core.locations import find_strategy
    from lighthouse_tui.core.problems import ProblemsError

    location = find_strategy(explicit)
    if location.is_example:
        print(
            f"lighthouse: no strategy of yours yet, using the bundled example "
            f"({location.path.name}); `lighthouse strategy init` writes your own",
            file=sys.stderr,
        )
    try:
        return load_strategy_file(location.path)
    except ProblemsError as exc:
        raise UserError(exc.problems) from None


def _split_assignment(text: str, flag: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise UserError([f"{flag} {text!r}: expected NAME=VALUE"])
    return name.strip(), value


def _read_opportunity_file(source: str) -> dict[str, Any]:
    from lighthouse_tui.core.loader import decode_text, parse_toml
    from lighthouse_tui.core.problems import ProblemsError

    name = "<stdin>" if source == "-" else source
    try:
        data = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
    except IsADirectoryError:
        raise UserError([f"{name}: is a directory, not an opportunity file"]) from None
    except OSError as exc:
        raise UserError([f"{name}: cannot be read: {exc.strerror or exc}"]) from None
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
            [f"{name}: expected one object (a table of fields), got {type(raw).__name__}"]
        )
    return raw


def _parse_json(text: str, name: str) -> object:
    from lighthouse_tui.core.problems import Problem, ProblemsError

    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [Problem(f"not valid JSON: {exc.msg}", file=name, line=exc.lineno, col=exc.colno)]
        ) from None
    except RecursionError:
        raise ProblemsError([Problem("not valid JSON: nested too deeply", file=name)]) from None


def opportunity_data(args: argparse.Namespace) -> dict[str, Any]:
    """The opportunity as one mapping: the --from file first, then the flags over it."""
    data = _read_opportunity_file(args.source) if args.source else {}
    ratings = data.get("ratings", {})
    ratings = dict(ratings) if isinstance(ratings, dict) else ratings
    if args.title is not None:
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


def _ask_ratings(missing: "list[Criterion]", ratings: dict[str, float]) -> None:
    from rich.prompt import Prompt

    from lighthouse_tui.core.opportunity import parse_rating

    console = _console()
    console.print("[dim]Rate each criterion 0–5; Enter skips.[/dim]")
    for criterion in missing:
        while True:
            answer = Prompt.ask(
                f"  {_escape(criterion.prompt)} [dim](0–5)[/dim]",
                default="",
                show_default=False,
                console=console,
            )
            if not answer.strip():
                break
            try:
                ratings[criterion.id] = parse_rating(answer)
                break
            except ValueError as exc:
                console.print(f"  [red]{_escape(str(exc))}[/red]")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def cmd_check(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.filter import evaluate
    from lighthouse_tui.core.opportunity import Opportunity, build_opportunity
    from lighthouse_tui.core.problems import ProblemsError

    loaded = load_strategy(args.strategy)
    if args.committed < 0:
        raise UserError([f"--committed {args.committed:g}: hours cannot be negative"])
    try:
        opportunity = build_opportunity(
            loaded.strategy, opportunity_data(args), origin=args.source or ""
        )
    except ProblemsError as exc:
        raise UserError(exc.problems) from None

    interactive = not (args.no_input or args.json) and sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        unrated = [
            c
            for c in loaded.strategy.criteria_for(opportunity.kind)
            if c.rating and c.id not in opportunity.ratings
        ]
        if unrated:
            ratings = dict(opportunity.ratings)
            _ask_ratings(unrated, ratings)
            opportunity = Opportunity(opportunity.kind, opportunity.values, ratings)

    evaluation = evaluate(loaded, opportunity, committed=args.committed)
    if args.json:
        print(json.dumps(evaluation.to_json(), ensure_ascii=False, indent=2))
    else:
        _print_evaluation(loaded, opportunity.title, evaluation)
    return VERDICT_EXIT[evaluation.verdict]


def _print_evaluation(loaded: "LoadedStrategy", title: str, evaluation: "Evaluation") -> None:
    from rich.text import Text

    from lighthouse_tui.render.evaluation import evaluation_view

    console = _console()
    heading = Text(title or "(untitled)", style="bold")
    heading.append(f"  {evaluation.kind}", style="dim")
    console.print(heading)
    console.print(evaluation_view(evaluation, loaded.strategy.thresholds))


def cmd_strategy_validate(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.loader import load_strategy_file
    from lighthouse_tui.core.problems import ProblemsError

    failed = 0
    for name in args.files:
        try:
            loaded = load_strategy_file(Path(name))
        except ProblemsError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            continue
        s = loaded.strategy
        print(f"{name}: ok — {s.name} ({len(s.criteria)} criteria, {len(s.rules)} rules)")
    if failed:
        print(f"lighthouse: {failed} of {len(args.files)} files invalid", file=sys.stderr)
        return EXIT_USAGE
    return 0


def cmd_strategy_show(args: argparse.Namespace) -> int:
    from datetime import date

    loaded = load_strategy(args.strategy)
    if args.json:
        data = loaded.strategy.model_dump(mode="json", by_alias=True, exclude_none=True)
        data["fingerprint"] = loaded.fingerprint
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    from lighthouse_tui.render.strategy import strategy_view

    _console().print(strategy_view(loaded, date.today()))
    return 0


def cmd_strategy_init(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.locations import bundled_example, user_strategy_path
    from lighthouse_tui.core.starter import write_new_file

    path = Path(args.path).expanduser() if args.path else user_strategy_path()
    if path.exists() and not args.force:
        raise UserError([f"{path} exists; pass --force to overwrite it"])
    if args.no_input or not sys.stdin.isatty():
        text = bundled_example().read_text(encoding="utf-8")
    else:
        text = _interview()
    try:
        write_new_file(path, text, force=args.force)
    except FileExistsError:
        raise UserError([f"{path} exists; pass --force to overwrite it"]) from None
    except OSError as exc:
        raise UserError([f"{path}: cannot write: {exc.strerror or exc}"]) from None
    print(f"Wrote {path}")
    print(f"Next: `lighthouse strategy show -s {path}`, then edit it to taste.")
    return 0


def _interview() -> str:
    from datetime import date

    from rich.prompt import Prompt

    from lighthouse_tui.core.starter import (
        QUESTIONS,
        StarterAnswers,
        build_strategy,
        render_strategy,
    )

    console = _console()
    console.print("[bold]A starter strategy in a few questions.[/bold] Enter keeps the default.\n")
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        console.print(f"[dim]{_escape(question.help)}[/dim]")
        answers[question.key] = Prompt.ask(
            _escape(question.prompt), default=question.default or "", console=console
        )
    starter = StarterAnswers.from_text(answers, start=date.today())
    return render_strategy(
        build_strategy(starter), header=f"Written by lighthouse strategy init on {date.today()}"
    )


def cmd_app(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.locations import find_strategy
    from lighthouse_tui.tui.app import run

    return run(find_strategy(args.strategy))


if __name__ == "__main__":
    raise SystemExit(main())
