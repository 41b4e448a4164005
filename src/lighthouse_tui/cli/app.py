"""`lighthouse` with no command: the app. The only module of the CLI that loads Textual,
and only when called."""

import argparse


def cmd_app(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.locations import find_strategy
    from lighthouse_tui.tui.app import run

    return run(find_strategy(args.strategy))
