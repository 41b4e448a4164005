"""Lighthouse benchmarks: every figure is a ratio against a baseline measured in the same run,
on the same machine, so the budgets mean the same on a laptop and in CI.

    make bench            # or: .venv/bin/python benchmarks/run.py [--quick]

Exits 1 when a budget is exceeded, so a regression is loud; it is not part of `make test`
(timings are never test assertions).
"""

import argparse
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

PY = sys.executable
FLOOR = """
import tomllib
from pydantic import BaseModel
class Floor(BaseModel):
    x: int
"""
BARE_APP = """
import asyncio
from textual.app import App
from textual.widgets import Footer, Header
class Bare(App):
    def compose(self):
        yield Header()
        yield Footer()
async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""
OUR_APP = """
import asyncio, sys
from pathlib import Path
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.tui.app import LighthouseApp
async def main():
    app = LighthouseApp(StrategyLocation(Path(sys.argv[1]), is_example=False), Path(sys.argv[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""


@dataclass
class Result:
    name: str
    figure: str
    ratio: float | None
    budget: str
    ok: bool


def wall(argv: list[str], runs: int) -> float:
    """Median wall time of a whole process, in seconds (warm-up run discarded)."""
    times = []
    for i in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(argv, check=False, capture_output=True, text=True)
        if done.returncode not in (0, 1, 3):  # check's verdicts; the apps exit 0
            raise SystemExit(f"benchmark command failed: {argv}\n{done.stderr}")
        if i:
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_check(strategy: Path, runs: int) -> list[Result]:
    floor = wall([PY, "-c", FLOOR], runs)
    argv = [PY, "-m", "lighthouse_tui", "check", "Talk", "-s", str(strategy), "--no-input"]
    argv += ["-k", "client_request", "-f", "fee=1200", "-f", "hours_per_week=3", "-r", "want_0=4"]
    ours = wall(argv, runs)
    imported = subprocess.run(
        [PY, "-X", "importtime", *argv[1:]], capture_output=True, text=True, check=False
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


def bench_throughput(strategy: Path) -> list[Result]:
    from lighthouse_tui.core.filter import evaluate
    from lighthouse_tui.core.loader import load_strategy_file
    from lighthouse_tui.core.opportunity import Opportunity

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


def bench_first_paint(strategy: Path, runs: int) -> list[Result]:
    bare = wall([PY, "-c", BARE_APP], runs)
    ours = wall([PY, "-c", OUR_APP, str(strategy), str(strategy.with_name("empty.db"))], runs)
    ratio = ours / bare
    return [
        Result(
            "app start to first paint, 80×24 headless",
            f"{ours * 1000:.0f} ms vs bare app {bare * 1000:.0f} ms",
            ratio,
            "≤ 1.5×",
            ratio <= 1.5,
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
    with tempfile.TemporaryDirectory() as tmp:
        strategy = write_big_strategy(Path(tmp) / "big.toml")
        results = [
            *bench_check(strategy, runs),
            *bench_throughput(strategy),
            *bench_first_paint(strategy, max(3, runs // 3)),
        ]
    width = max(len(r.name) for r in results)
    for r in results:
        ratio = f"{r.ratio:5.2f}×" if r.ratio is not None else "     "
        mark = "ok  " if r.ok else "OVER"
        print(f"{mark} {r.name:<{width}}  {ratio}  budget {r.budget:<12} {r.figure}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
