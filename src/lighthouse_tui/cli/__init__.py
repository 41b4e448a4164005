"""The `lighthouse` command.

`lighthouse` alone opens the app; subcommands answer from the shell. `check` is the one people
run in scripts and hotkeys, so the command modules import only what a command needs, when it
needs it: never Textual outside the app, never Rich for `--json`.

Exit codes are a contract (README, `--help`): 0 accept, 1 decline, 3 consider, 2 bad input,
70 a bug — a crash must never read as "decline" to a shell script.
"""

import argparse
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

from lighthouse_tui import __version__
from lighthouse_tui.cli.common import (
    EXIT_BUG,
    EXIT_CODES_HELP,
    EXIT_USAGE,
    Parser,
    UserError,
    speak_the_chosen_language,
)
from lighthouse_tui.core.i18n import _

COMMANDS = {
    "check": "check",
    "add": "inbox",
    "inbox": "inbox",
    "decide": "inbox",
    "decline": "decline",
    "import": "importer",
    "log": "log",
    "outcome": "log",
    "export": "log",
    "capacity": "log",
    "review": "review",
    "strategy": "strategy",
}
"""Each command and the module of `lighthouse_tui.cli` that registers and runs it, in the
order `--help` lists them."""
APP = ""
"""What `build_parser` is given for `lighthouse` alone: the app, no command."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole parser, or with `only` the parsers of that command's module: `lighthouse
    check …` then neither imports nor builds the others (a tenth of its start-up), and
    parses and explains its arguments exactly as the whole parser would. `only=APP`: no
    command's, for `lighthouse` alone, which opens the app."""
    parser = Parser(
        prog="lighthouse",
        description=_("Turn your strategy into a decision filter. With no command, opens the app."),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_(EXIT_CODES_HELP),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"lighthouse {__version__}",
        help=_("show program's version number and exit"),
    )
    parser.set_defaults(handler=None, strategy=None, db=None)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=Parser)
    if only is None:
        modules = list(dict.fromkeys(COMMANDS.values()))
    elif only == APP:
        modules = []
    else:
        modules = [COMMANDS[only]]
    for module in modules:
        import_module(f"lighthouse_tui.cli.{module}").register(commands)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    open_app: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run one command. With no command, `open_app` runs (the app, given by the entry point:
    this package never imports it); without one, the help is printed."""
    try:
        argv = sys.argv[1:] if argv is None else argv
        speak_the_chosen_language(argv)
        if not argv and open_app is not None:
            only: str | None = APP  # the app's start-up, which every launch waits for
        else:
            only = argv[0] if argv and argv[0] in COMMANDS else None
        parser = build_parser(only)
        args = parser.parse_args(argv)
        handler: Callable[[argparse.Namespace], int] | None = args.handler or open_app
        if handler is None:
            parser.print_help()
            return EXIT_USAGE
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
        import traceback

        traceback.print_exc()
        bug = _("this is a bug (exit {code}), not a verdict; please report it")
        print(f"lighthouse: {bug.format(code=EXIT_BUG)}", file=sys.stderr)
        return EXIT_BUG
