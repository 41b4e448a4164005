"""`lighthouse strategy init | validate | show`."""

import argparse
import sys
from datetime import date
from pathlib import Path

from lighthouse_tui.cli.common import (
    EXIT_USAGE,
    UserError,
    console,
    date_argument,
    escape,
    json_option,
    load_strategy,
    print_json,
)
from lighthouse_tui.cli.review import cmd_rescore
from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _, ngettext


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    strategy = commands.add_parser("strategy", help=_("write, validate and show strategy files"))
    actions = strategy.add_subparsers(dest="strategy_command", metavar=_("COMMAND"), required=True)

    init = actions.add_parser(
        "init",
        help=_("write a starter strategy from a few questions"),
        description=_(
            "Asks what you did these past months, your strengths, the life you want, the next "
            "step for the business and your free hours, then writes a strategy you can edit, in "
            "the language of the questions. Never overwrites a file unless --force."
        ),
    )
    init.add_argument("path", nargs="?", help=_("where to write (default: your config directory)"))
    init.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    init.add_argument("--no-input", action="store_true", help=_("write the example, ask nothing"))
    init.set_defaults(handler=cmd_init)

    validate = actions.add_parser(
        "validate",
        help=_("check strategy files; list every problem with its line"),
        description=_("Exit 0 when every file is valid, 2 otherwise."),
    )
    validate.add_argument("files", nargs="+", metavar=_("FILE"))
    validate.set_defaults(handler=cmd_validate)

    show = actions.add_parser("show", help=_("show the strategy: lighthouse, criteria, rules"))
    json_option(show, _("print the strategy as JSON"))
    show.set_defaults(handler=cmd_show)

    rescore = actions.add_parser(
        "rescore",
        help=_("replay the logged decisions under another strategy: which verdicts would flip"),
        description=_(
            "Score every logged opportunity again under NEW.toml, with the fields, ratings and "
            "committed hours it was scored with, and list the verdicts that would change and how "
            "those decisions turned out. Reads the log, changes nothing."
        ),
    )
    rescore.add_argument("file", metavar="NEW.toml", help=_("the strategy to try"))
    rescore.add_argument("--since", type=date_argument, metavar="DATE", help=_("from this day on"))
    rescore.add_argument("--until", type=date_argument, metavar="DATE", help=_("up to this day"))
    json_option(rescore, _("print one JSON object"))
    rescore.set_defaults(handler=cmd_rescore)


def cmd_validate(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.problems import ProblemsError
    from lighthouse_tui.core.strategy_file import load_strategy_file

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
        criteria = ngettext("{count} criterion", "{count} criteria", len(s.criteria))
        rules = ngettext("{count} rule", "{count} rules", len(s.rules))
        print(
            _("{file}: ok — {name} ({criteria}, {rules})").format(
                file=name,
                name=s.name,
                criteria=criteria.format(count=len(s.criteria)),
                rules=rules.format(count=len(s.rules)),
            )
        )
    if failed:
        invalid = ngettext(  # the number that agrees is the invalid files' (`1 fichier sur 3`)
            "lighthouse: {failed} of {count} files invalid",
            "lighthouse: {failed} of {count} files invalid",
            failed,
        )
        print(invalid.format(failed=failed, count=len(args.files)), file=sys.stderr)
        return EXIT_USAGE
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    loaded = load_strategy(args.strategy)
    if args.json:
        from lighthouse_tui.core.loader import strategy_data

        data = strategy_data(loaded.strategy)
        data["fingerprint"] = loaded.fingerprint
        print_json(data)
        return 0
    from lighthouse_tui.render.strategy import strategy_view

    console().print(strategy_view(loaded, date.today()))
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.locations import example_in, user_strategy_path
    from lighthouse_tui.core.starter import write_new_file

    path = Path(args.path).expanduser() if args.path else user_strategy_path()
    exists = _("{path} exists; pass --force to overwrite it").format(path=path)
    if path.exists() and not args.force:
        raise UserError([exists])
    if args.no_input or not sys.stdin.isatty():
        text = example_in(i18n.active_language()).read_text(encoding="utf-8")
    else:
        text = _interview()
    try:
        write_new_file(path, text, force=args.force)
    except FileExistsError:
        raise UserError([exists]) from None
    except OSError as exc:
        unwritable = _("{path}: cannot write: {reason}")
        raise UserError([unwritable.format(path=path, reason=exc.strerror or exc)]) from None
    print(_("Wrote {path}").format(path=path))
    print(_("Next: `lighthouse strategy show -s {path}`, then edit it to taste.").format(path=path))
    return 0


def _interview() -> str:
    """Ask the starter questions; a bad number is asked again, never a crash."""
    from rich.prompt import Prompt

    from lighthouse_tui.core.starter import (
        QUESTIONS,
        StarterAnswers,
        build_strategy,
        render_strategy,
    )

    out = console()
    out.print(_("A starter strategy in a few questions."), style="bold", end=" ", markup=False)
    out.print(_("Enter keeps the default."), markup=False)
    out.print()
    answers: dict[str, str] = {}
    for question in QUESTIONS:
        out.print(question.why, style="dim", markup=False)
        while True:
            answer = Prompt.ask(
                escape(question.asked),
                default=question.suggested,
                show_default=bool(question.suggested),  # no empty `()` after the question
                console=out,
            )
            problem = question.problem(answer)
            if problem is None:
                break
            out.print(problem, style="red", markup=False)
        answers[question.key] = answer
    today = date.today()
    starter = StarterAnswers.from_text(answers, start=today)
    return render_strategy(
        build_strategy(starter),
        header=_("Written by `lighthouse strategy init` on {day}.").format(day=i18n.day(today)),
        past=starter.past,
    )
