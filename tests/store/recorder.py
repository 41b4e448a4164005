"""A second Lighthouse for the durability tests, run as its own process:

    python recorder.py DB STRATEGY COUNT TAG [--wait]

records COUNT decisions (0: until killed), one transaction each, and prints each id as soon as
`record` returned it, so the test knows exactly which decisions were promised to be kept.
With --wait it prints "ready" once imported and opens the log only when its standard input
closes, so several recorders can be started at the very same moment.
"""

import itertools
import sys
from pathlib import Path

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog


def main(db: Path, strategy: Path, count: int, tag: str, wait: bool) -> None:
    loaded = load_strategy_file(strategy)
    if wait:
        print("ready", flush=True)
        sys.stdin.read()
    numbers = range(count) if count else itertools.count()
    with DecisionLog.open(db) as log:
        for n in numbers:
            opportunity = Opportunity(
                "client_request",
                {"title": f"{tag} {n}", "fee": float(n % 1000), "hours_per_week": 1.0},
                {"alignment": float(n % 6)},
            )
            ident = log.record(
                opportunity=opportunity,
                evaluation=evaluate(loaded, opportunity),
                strategy=loaded,
                default_choice="accept",
                final_choice="decline",
                note=f"{tag} note {n}",
            )
            print(ident, flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4], "--wait" in sys.argv)
