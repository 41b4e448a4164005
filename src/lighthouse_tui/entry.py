"""The `lighthouse` program: the command line, and the app when no command is given.

This is the one module above both interfaces. Keeping the app's launch here, not in `cli/`,
lets import-linter prove that no command of the CLI can reach Textual; the app is imported
only when it is the thing asked for.
"""

import argparse
import os
from collections.abc import Sequence

# Lighthouse uses no pydantic plugin; looking for them reads every installed package's
# metadata, a fifth of `lighthouse check`'s start-up. Set before pydantic is first imported.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from lighthouse_tui import cli
from lighthouse_tui.cli.common import EXIT_BUG


def _open_app(args: argparse.Namespace) -> int:
    from lighthouse_tui.core.locations import find_strategy
    from lighthouse_tui.store.location import find_db
    from lighthouse_tui.tui.app import run

    return EXIT_BUG if run(find_strategy(args.strategy), find_db(args.db)) else 0


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, open_app=_open_app)
