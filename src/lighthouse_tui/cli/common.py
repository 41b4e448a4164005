"""What every command shares: exit codes, one-line errors, finding the strategy and the log.

Imports here stay light (argparse, json, sys): heavy modules are imported inside the
functions that need them, so `lighthouse check --json` never pays for Rich or Textual.
"""

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from lighthouse_tui.core.i18n import N_, _

if TYPE_CHECKING:
    from rich.console import Console

    from lighthouse_tui.core.loaded import LoadedStrategy
    from lighthouse_tui.store.log import DecisionLog
    from lighthouse_tui.store.replay import Replay

EXIT_ACCEPT, EXIT_DECLINE, EXIT_USAGE, EXIT_CONSIDER, EXIT_BUG = 0, 1, 2, 3, 70
VERDICT_EXIT = {"accept": EXIT_ACCEPT, "decline": EXIT_DECLINE, "consider": EXIT_CONSIDER}

EXIT_CODES_HELP = N_("""\
exit codes:
  0   accept      the filter says yes (other commands: success)
  1   decline     the filter says no
  3   consider    the score is between the thresholds, or nothing was rated
  2   bad input   usage, invalid strategy, unknown kind/field/criterion, bad rating,
                  a log that cannot be used (not a log, newer, read-only, locked)
  70  bug         an unexpected error (a traceback is printed); never a verdict
""")
"""The epilog of `lighthouse --help` and `check --help`; translated where the parser is built."""


class UserError(Exception):
    """A problem the user can fix: printed as one line per problem, exit 2, no traceback."""

    def __init__(self, lines: Sequence[object]) -> None:
        super().__init__("\n".join(map(str, lines)))
        self.lines = [str(line) for line in lines]


class Parser(argparse.ArgumentParser):
    """argparse with our exit code for usage errors and our message prefix. Every parser, the
    top level's and each command's and sub-command's, takes `-s` and `--db`: people type them
    where they think of them, before or after the command (`lighthouse log -s FILE`), and a
    command that does not read one simply ignores it, as it does when given before."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _strategy_option(self)
        _db_option(self)
        _lang_option(self)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"lighthouse: {message}\n")


def _strategy_option(parser: argparse.ArgumentParser) -> None:
    """`-s` before or after the command. Left unset, a command's own option must not erase
    the one given before it (`lighthouse -s X check`): argparse would, with a default of
    None, so there is none here and the top-level parser sets it once (`build_parser`)."""
    parser.add_argument(
        "-s",
        "--strategy",
        default=argparse.SUPPRESS,
        metavar=_("FILE"),
        help=_(
            "strategy file (default: $LIGHTHOUSE_STRATEGY, then strategy.toml in your config "
            "directory, then the bundled example)"
        ),
    )


def _db_option(parser: argparse.ArgumentParser) -> None:
    """`--db` before or after the command, as `_strategy_option`."""
    parser.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar=_("PATH"),
        help=_("decision log (default: $LIGHTHOUSE_DB, then lighthouse.db in your data directory)"),
    )


def _lang_option(parser: argparse.ArgumentParser) -> None:
    """`--lang` before or after the command, as `_strategy_option`. It is read before the
    parser exists (`speak_the_chosen_language`), because the help is written in it."""
    from lighthouse_tui.core.i18n import LANGUAGES

    parser.add_argument(
        "--lang",
        default=argparse.SUPPRESS,
        choices=LANGUAGES,
        help=_(
            "language of the messages (default: $LIGHTHOUSE_LANG, then the strategy's "
            "language, then your locale)"
        ),
    )


def _early_choices(argv: Sequence[str]) -> tuple[str | None, str | None]:
    """`--lang` and `-s` as the parser will read them (`--lang=fr`, `-sFILE`, `--strat FILE`,
    the last one winning), read before it exists: its help is written in the language they
    choose. A value left out (`-s` last) counts as none: the parser itself says what is
    wrong, in the language chosen without it."""
    peek = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    peek.add_argument("-s", "--strategy")
    peek.add_argument("--lang")
    try:
        known = peek.parse_known_args(argv)[0]
    except argparse.ArgumentError:
        return None, None
    return known.lang, known.strategy


def speak_the_chosen_language(argv: Sequence[str]) -> None:
    """Choose the language before anything is written, the help included: `--lang`, else
    `$LIGHTHOUSE_LANG`, else the strategy's `language`, else the locale. The strategy is only
    peeked at here (its `language`), when neither of the first two decided."""
    import os

    from lighthouse_tui.core import i18n

    asked, explicit = _early_choices(argv)
    strategy = None
    if not i18n.normalized(asked) and not i18n.normalized(os.environ.get("LIGHTHOUSE_LANG")):
        from lighthouse_tui.core.locations import find_strategy

        location = find_strategy(explicit)
        if not location.is_example:  # the example follows the language, not the reverse
            strategy = i18n.strategy_language(location.path)
    i18n.activate(i18n.choose_language(asked, strategy))
    from lighthouse_tui.cli.argparse_words import speak_argparse

    speak_argparse()


def json_option(parser: argparse.ArgumentParser, what: str | None = None) -> None:
    """`--json`; `what` is its help, already translated."""
    parser.add_argument("--json", action="store_true", help=what or _("print JSON"))


def date_argument(text: str) -> date:
    """argparse `type=` for dates, so a bad date is a usage error (exit 2) naming the format."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text} is not a date like 2027-01-31").format(text=repr(text))
        ) from None


def print_json(data: object) -> None:
    import json  # only --json pays for it

    print(json.dumps(data, ensure_ascii=False, indent=2))


def console() -> "Console":
    """Rich's console with nothing guessed from text: no highlighting of numbers or paths in
    user text, and no `:name:` emoji codes (a title holding `:warning:` stays as written, and
    the emoji table is never loaded)."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


def escape(text: str) -> str:
    """For the few places user text meets a Rich *markup* string (prompts)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def load_strategy(explicit: str | None) -> "LoadedStrategy":
    """Find and load the strategy the way every command does, or raise UserError with all of
    its problems."""
    from lighthouse_tui.core.locations import find_strategy
    from lighthouse_tui.core.problems import ProblemsError
    from lighthouse_tui.core.strategy_file import load_strategy_file

    location = find_strategy(explicit)
    if location.is_example:
        notice = _(
            "no strategy of yours yet, using the bundled example ({name}); "
            "`lighthouse strategy init` writes your own"
        ).format(name=location.path.name)
        print(f"lighthouse: {notice}", file=sys.stderr)
    try:
        return load_strategy_file(location.path)
    except ProblemsError as exc:
        raise UserError(exc.problems) from None


@contextmanager
def open_log(explicit: str | None, *, readonly: bool = False) -> Iterator["DecisionLog | None"]:
    """The decision log, turning its faults into one-line errors.

    Read-only opening yields None when there is no log yet: reading an empty history is not
    an error, and a read-only command must never create the file.
    """
    from lighthouse_tui.store.location import find_db

    path = find_db(explicit)
    if readonly and not path.exists():
        yield None
        return
    from lighthouse_tui.store.log import DecisionLog, StoreError

    try:
        log = DecisionLog.open(path, readonly=readonly)
    except StoreError as exc:
        raise UserError([exc]) from None
    try:
        yield log
    except StoreError as exc:
        raise UserError([exc]) from None
    finally:
        log.close()


def replayed_decision(db: str | None, ident: int, current: "LoadedStrategy | None") -> "Replay":
    """Decision `ident` explained again from the log (`store.replay`), or a one-line error:
    `log show` and `decline` both start from it."""
    from lighthouse_tui.store.replay import replay

    with open_log(db, readonly=True) as log:
        if log is None:
            raise UserError([_("no decision {id}: nothing is logged yet").format(id=ident)])
        return replay(log, log.decision(ident), current)


def committed_hours(log: "DecisionLog | None", today: date) -> float:
    """Hours already promised this week, from the accepted decisions in the log."""
    if log is None:
        return 0.0
    from lighthouse_tui.core.capacity import committed_in_week

    return committed_in_week(log.commitments(today), today)
