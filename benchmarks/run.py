"""Lighthouse benchmarks: every figure is a ratio against a baseline measured in the same run,
on the same machine, so the budgets mean the same on a laptop and in CI.

    make bench            # or: .venv/bin/python benchmarks/run.py [--quick]

Exits 1 when a budget is exceeded, so a regression is loud; it is not part of `make test`
(timings are never test assertions).
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from strategy_gen import write_big_strategy
from user_env import compile_package, user_env

PY = sys.executable
FLOOR = """
import tomllib
from pydantic import BaseModel
class Floor(BaseModel):
    x: int
"""
STACK_FLOOR = """
import pydantic, rich, tomllib, sqlite3
from pydantic import BaseModel
class Floor(BaseModel):
    x: int
"""
"""What any command of this stack pays before doing anything (issue 13): the interpreter
importing pydantic, Rich, tomllib and sqlite3, and defining one pydantic model."""
SHORT_BUDGET = 1.3
EDITED = "edited"
"""The one run per edit of the strategy that validates it (the cache holds the others)."""
RICH_CONSOLE = """
from rich.console import Console
Console(highlight=False, emoji=False)
"""
"""What printing with Rich adds to the floor, whose `import rich` loads only the package's
`__init__`: `check` and `decide` print their verdict with it, `add` does not."""


@dataclass
class Result:
    name: str
    figure: str
    ratio: float | None
    budget: str
    ok: bool


def walls(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[float]:
    """Median wall time of each whole process, in seconds. The commands take turns, so a
    slower moment of the machine falls on all of them alike; a warm-up round is discarded."""
    times: list[list[float]] = [[] for _ in commands]
    for i in range(runs + 1):
        for argv, measured in zip(commands, times, strict=True):
            start = time.perf_counter()
            done = subprocess.run(argv, check=False, capture_output=True, text=True, env=env)
            if done.returncode not in (0, 1, 3):  # check's verdicts; the apps exit 0
                raise SystemExit(f"benchmark command failed: {argv}\n{done.stderr}")
            if i:
                measured.append(time.perf_counter() - start)
    return [statistics.median(measured) for measured in times]


def bench_check(strategy: Path, runs: int, env: dict[str, str]) -> list[Result]:
    """The `lighthouse` script a user types, on a fresh data directory (no log yet)."""
    argv = [str(Path(PY).with_name("lighthouse")), "check", "Talk", "-s", str(strategy)]
    argv += ["--no-input", "-k", "client_request", "-f", "fee=1200", "-f", "hours_per_week=3"]
    argv += ["-r", "want_0=4"]
    floor, ours = walls([[PY, "-c", FLOOR], argv], runs, env)
    imported = subprocess.run(
        [PY, "-X", "importtime", "-m", "lighthouse_tui", *argv[1:]],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    ).stderr
    textual_lines = [line for line in imported.splitlines() if "textual" in line]
    ratio = ours / floor
    return [
        Result(
            "check --no-input (20 criteria, 10 rules)",
            f"{ours * 1000:.0f} ms vs floor {floor * 1000:.0f} ms",
            ratio,
            "≤ 1.5×",
            ratio <= 1.5,
        ),
        Result(
            "textual modules imported by check",
            str(len(textual_lines)),
            None,
            "0",
            not textual_lines,
        ),
    ]


def bench_short(strategy: Path, runs: int, env: dict[str, str]) -> list[Result]:
    """`add`, `check` and `decide` as typed, on a log in the run's data directory, each
    against the stack floor in the same rounds. Each `decide` decides an item added ahead."""
    script = str(Path(PY).with_name("lighthouse"))
    common = ["-s", str(strategy), "-k", "client_request", "-f", "fee=1200"]
    ratings = ["-r", "want_0=4", "-f", "hours_per_week=3"]
    items = [
        subprocess.run(
            [script, "add", f"Item {n}", *common, "--json"],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        ).stdout
        for n in range(runs + 1)
    ]
    ids = iter(json.loads(item)["id"] for item in items)

    def check() -> list[str]:
        return [script, "check", "Talk", *common, *ratings, "--no-input"]

    makers: dict[str, Callable[[], list[str]]] = {
        "floor": lambda: [PY, "-c", STACK_FLOOR],
        "rich": lambda: [PY, "-c", STACK_FLOOR + RICH_CONSOLE],
        "add": lambda: [script, "add", "Podcast", *common],
        "check": check,
        EDITED: check,
        "decide": lambda: [
            script,
            "decide",
            str(next(ids)),
            "-s",
            str(strategy),
            *ratings,
            "--default",
            "accept",
            "--no-input",
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in makers}
    for i in range(runs + 1):  # taking turns; the first round warms up
        for name, make in makers.items():
            argv = make()
            run_env = env
            if name == EDITED:  # an empty cache: the strategy is validated, as after an edit
                run_env = {**env, "XDG_CACHE_HOME": f"{env['XDG_CACHE_HOME']}-empty-{i}"}
            start = time.perf_counter()
            done = subprocess.run(argv, check=False, capture_output=True, text=True, env=run_env)
            if done.returncode not in (0, 1, 3):
                raise SystemExit(f"benchmark command failed: {argv}\n{done.stderr}")
            if i:
                times[name].append(time.perf_counter() - start)
    floor = statistics.median(times.pop("floor"))
    rich = statistics.median(times.pop("rich"))
    edited = statistics.median(times.pop(EDITED))
    results = [
        Result(
            "  the floor with Rich's console imported",
            f"{rich * 1000:.0f} ms vs floor {floor * 1000:.0f} ms",
            rich / floor,
            "info: the share of printing with Rich",
            True,
        ),
        Result(
            "  `lighthouse check` just after the strategy was edited",
            f"{edited * 1000:.0f} ms vs floor {floor * 1000:.0f} ms",
            edited / floor,
            "info: validates with pydantic, once per edit",
            True,
        ),
    ]
    for name, measured in times.items():
        ours = statistics.median(measured)
        results.append(
            Result(
                f"`lighthouse {name}` vs the stack floor",
                f"{ours * 1000:.0f} ms vs floor {floor * 1000:.0f} ms",
                ours / floor,
                f"≤ {SHORT_BUDGET}×",
                ours / floor <= SHORT_BUDGET,
            )
        )
    return results


def bench_throughput(strategy: Path) -> list[Result]:
    from lighthouse_tui.core.filter import evaluate
    from lighthouse_tui.core.opportunity import Opportunity
    from lighthouse_tui.core.strategy_file import load_strategy_file

    loaded = load_strategy_file(strategy)
    opportunities = [
        Opportunity(
            kind=("client_request", "partner_offer", "speaking")[i % 3],
            values={
                "title": f"item {i}",
                "fee": float(i % 4000),
                "hours_per_week": float(i % 9),
                "weeks": float(i % 40),
                "remote": i % 2 == 0,
            },
            ratings={f"want_{j}": float((i + j) % 6) for j in range(0, 16, 1 + i % 3)}
            | {"posture": float(i % 6)},
        )
        for i in range(1000)
    ]

    def loop() -> None:
        for opportunity in opportunities:
            evaluate(loaded, opportunity, committed=4.0)

    per_second = len(opportunities) / _best_of(loop, 7)
    return [
        Result(
            "filter throughput (20 criteria, 10 rules)",
            f"{per_second:,.0f} evaluations/s",
            per_second / 100_000,
            "≥ 100,000/s",
            per_second >= 100_000,
        )
    ]


def _best_of(func: Callable[[], None], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (noisier)")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        strategy = write_big_strategy(Path(tmp) / "big.toml")
        env = user_env(Path(tmp))
        results = [
            *bench_check(strategy, runs, env),
            *bench_short(strategy, runs, env),
            *bench_throughput(strategy),
        ]
    width = max(len(r.name) for r in results)
    for r in results:
        ratio = f"{r.ratio:5.2f}×" if r.ratio is not None else "     "
        mark = "ok  " if r.ok else "OVER"
        print(f"{mark} {r.name:<{width}}  {ratio}  budget {r.budget:<12} {r.figure}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
