"""Review and rescore benchmarks: `lighthouse review` and `strategy rescore` on years of log.

    .venv/bin/python benchmarks/review_bench.py [--quick]

Budgets (issue 6): review statistics over 100,000 decisions in at most 1 s in-process, and
rescoring at least 20,000 decisions per second. Issue 13: the `lighthouse review --period all`
command itself, spawned as a user runs it, in at most 1 s and 100 MB on 100,000 decisions (on
1,000 too), and `lighthouse export` to CSV and to JSON Lines in at most 1 s and constant
memory, set beside the stack floor measured in the same rounds. Each figure is also set
against a baseline measured in the same run (one bare pass over the same facts; `evaluate`
alone on prepared opportunities), so it means the same on a laptop and in CI. Reading the
facts from a 100,000-decision log is measured and reported too. Exits 1 when a budget is
exceeded; it is not part of the tests (timings are never test assertions).
"""

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from store_bench import STRATEGY, build_log
from user_env import compile_package, user_env

from lighthouse_tui.core.capacity import Commitment
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.period import all_time
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import DecisionFact, review
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.review_source import read_facts

REVIEW_BUDGET_S = 1.0
REVIEW_RSS_BUDGET = 100 * 2**20
"""Peak resident memory of the `lighthouse review` process (issue 13)."""
STACK_FLOOR = "import pydantic, rich, tomllib, sqlite3"
EXPORT_BUDGET_S = 1.0
EXPORT_RSS_SLACK = 8 * 2**20
"""An export holds one row at a time: 100 times the decisions, the same memory within this."""
RESCORE_BUDGET = 20_000.0
"""Decisions replayed per second."""
TODAY = date(2029, 1, 1)
KINDS = ("client_request", "partner_offer", "opportunity", "speaking")


@dataclass
class Result:
    name: str
    figure: str
    ratio: float | None
    budget: str
    ok: bool


def median_time(call: Callable[[], object], runs: int) -> float:
    """Median seconds of `call` (one warm-up run discarded)."""
    call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def make_facts(loaded: LoadedStrategy, count: int, seed: int = 6) -> list[DecisionFact]:
    """Three years of varied decisions: every choice, outcomes for about two in three,
    criteria values as the filter computed them, fields and ratings for replaying."""
    rng = random.Random(seed)
    start = TODAY - timedelta(days=3 * 365)
    facts = []
    for n in range(count):
        kind = rng.choice(KINDS)
        fields = {
            "title": f"Opportunity {n}",
            "fee": float(rng.randrange(0, 3000, 50)),
            "hours_per_week": float(rng.choice([0, 1, 2, 4, 8])),
            "weeks": float(rng.choice([1, 4, 12, 30])),
            "remote": rng.random() < 0.5,
        }
        ratings = {"alignment": float(rng.randint(0, 5))}
        if kind == "partner_offer":
            ratings["posture"] = float(rng.randint(0, 5))
        committed = float(rng.choice([0, 2, 5, 9]))
        evaluation = evaluate(loaded, Opportunity(kind, fields, ratings), committed=committed)
        facts.append(
            DecisionFact(
                id=n + 1,
                day=start + timedelta(days=n * 3 * 365 // max(count, 1)),
                kind=kind,
                title=str(fields["title"]),
                reflex=rng.choice(("accept", "decline", "unsure")),
                verdict=evaluation.verdict,
                final=rng.choice(("accept", "decline", "decline", "defer")),
                score=evaluation.score,
                outcome=rng.choice((None, 1, 2, 3, 4, 5)),
                criteria=tuple((c.id, c.value) for c in evaluation.criteria if c.value is not None),
                hours_per_week=fields["hours_per_week"],  # type: ignore[arg-type]
                weeks=fields["weeks"],  # type: ignore[arg-type]
                fields=fields,
                ratings=ratings,
                committed=committed,
                strategy=loaded.fingerprint,
            )
        )
    return facts


def commitments_of(facts: list[DecisionFact]) -> list[Commitment]:
    return [
        Commitment(f.day, f.hours_per_week, f.weeks)
        for f in facts
        if f.final == "accept" and f.hours_per_week is not None
    ]


def bare_pass(facts: list[DecisionFact]) -> int:
    """The floor: one Python loop touching each fact once."""
    return sum(1 for f in facts if f.outcome is not None and f.final == "accept")


def bench_review(loaded: LoadedStrategy, facts: list[DecisionFact], runs: int) -> list[Result]:
    commitments = commitments_of(facts)
    seconds = median_time(
        lambda: review(facts, loaded.strategy, all_time(), TODAY, commitments), runs
    )
    floor = median_time(lambda: bare_pass(facts), runs)
    return [
        Result(
            f"review statistics, {len(facts):,} decisions in memory",
            f"{seconds * 1e3:,.0f} ms (one bare pass: {floor * 1e3:.1f} ms)",
            seconds / floor,
            f"≤ {REVIEW_BUDGET_S:g} s",
            seconds <= REVIEW_BUDGET_S,
        )
    ]


def bench_log(loaded: LoadedStrategy, workdir: Path, count: int, runs: int) -> list[Result]:
    path = workdir / "big.db"
    build_log(path, loaded, count)
    with DecisionLog.open(path, readonly=True) as log:
        read = median_time(lambda: read_facts(log), runs)
        records = median_time(lambda: sum(1 for _ in log.all_decisions()), runs)
    return [
        Result(
            f"read {count:,} facts from a log (store/review_source)",
            f"{read:.2f} s ({records:.2f} s of it decoding DecisionRecords)",
            read / records,
            "info: rescore pays this; review no longer",
            True,
        ),
    ]


PEAK_RSS = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(usage.ru_maxrss * 1024 if os.waitstatus_to_exitcode(status) == 0 else -1)
"""
"""Runs a command from a small process and prints its peak RSS in bytes. The benchmark's own
child would not do: its peak survives exec, so a fork (or vfork) of this big process would
report this process's size."""


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds of one process, from spawn to exit."""
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed: {argv}\n{done.stderr.decode()}")
    return time.perf_counter() - started


def peak_rss(argv: list[str], env: dict[str, str]) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *argv], env=env, capture_output=True, check=True
    )
    return int(done.stdout.decode().split()[-1])


def bench_commands(loaded: LoadedStrategy, workdir: Path, runs: int) -> list[Result]:
    """`lighthouse review --period all` and `lighthouse export` themselves, as a user runs
    them, on 100,000 and on 1,000 decisions, against the stack floor (the interpreter
    importing pydantic, Rich, tomllib and sqlite3) in the same rounds. An export streams: its
    peak memory on 100,000 decisions stays within a few MB of its peak on 1,000."""
    compile_package()
    env = user_env(workdir)
    script = str(Path(sys.executable).with_name("lighthouse"))
    logs = {}
    for size in (100_000, 1_000):
        logs[size] = workdir / f"commands-{size}.db"
        build_log(logs[size], loaded, size)
    commands = {
        ("review --period all", size): [
            script,
            "review",
            "--period",
            "all",
            "-s",
            str(STRATEGY),
            "--db",
            str(path),
        ]
        for size, path in logs.items()
    }
    for form in ("csv", "jsonl"):
        for size, path in logs.items():
            out = workdir / f"export-{size}.{form}"
            commands[f"export --format {form}", size] = [
                script,
                "export",
                "--format",
                form,
                "--db",
                str(path),
                "-o",
                str(out),
            ]
    argvs = [[sys.executable, "-c", STACK_FLOOR], *commands.values()]
    times: list[list[float]] = [[] for _ in argvs]
    for round_ in range(runs + 1):  # taking turns; the first round warms up
        for argv, measured in zip(argvs, times, strict=True):
            seconds = wall(argv, env)
            if round_:
                measured.append(seconds)
    floor, *ours = [statistics.median(t) for t in times]
    rss = {key: peak_rss(argv, env) for key, argv in commands.items()}
    results = []
    for (name, size), seconds in zip(commands, ours, strict=True):
        peak = rss[name, size]
        if name.startswith("review"):
            within = 0 < peak <= REVIEW_RSS_BUDGET and seconds <= REVIEW_BUDGET_S
            budget = f"≤ {REVIEW_BUDGET_S:g} s, ≤ {REVIEW_RSS_BUDGET // 2**20} MB"
        else:
            small = rss[name, 1_000]
            within = 0 < peak <= small + EXPORT_RSS_SLACK and seconds <= EXPORT_BUDGET_S
            budget = f"≤ {EXPORT_BUDGET_S:g} s, RSS ≤ 1k's + {EXPORT_RSS_SLACK // 2**20} MB"
        results.append(
            Result(
                f"`lighthouse {name}`, {size:,} decisions",
                f"{seconds * 1e3:,.0f} ms, {peak / 2**20:.0f} MB (floor {floor * 1e3:.0f} ms)",
                seconds / floor,
                budget,
                within,
            )
        )
    return results


def bench_rescore(new: LoadedStrategy, facts: list[DecisionFact], runs: int) -> list[Result]:
    seconds = median_time(lambda: rescore(facts, new), runs)
    prepared = [Opportunity(f.kind, f.fields, f.ratings) for f in facts]  # type: ignore[arg-type]
    floor = median_time(
        lambda: [
            evaluate(new, o, committed=f.committed) for o, f in zip(prepared, facts, strict=True)
        ],
        runs,
    )
    rate = len(facts) / seconds
    flips = len(rescore(facts, new).flips)
    return [
        Result(
            f"rescore {len(facts):,} decisions under a new strategy",
            f"{rate:,.0f}/s, {flips:,} flips (evaluate alone: {len(facts) / floor:,.0f}/s)",
            seconds / floor,
            f"≥ {RESCORE_BUDGET:,.0f}/s",
            rate >= RESCORE_BUDGET,
        )
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes (smoke run)")
    args = parser.parse_args()
    count = 100_000 // (10 if args.quick else 1)
    loaded = load_strategy_file(STRATEGY)
    text = STRATEGY.read_text(encoding="utf-8")
    new = load_strategy_bytes(
        text.replace("accept = 65", "accept = 55").replace("weight = 5", "weight = 2").encode(),
        "new.toml",
    )
    facts = make_facts(loaded, count)
    results = bench_review(loaded, facts, runs=5)
    results += bench_rescore(new, facts, runs=3)
    workdir = Path(tempfile.mkdtemp(prefix="lighthouse-review-bench-"))
    try:
        results += bench_log(loaded, workdir, count, runs=3)
        results += bench_commands(loaded, workdir, runs=3 if args.quick else 5)
    finally:
        shutil.rmtree(workdir)

    print(f"{'benchmark':<58} {'figure':<58} {'ratio':>8}  budget")
    for r in results:
        ratio = f"{r.ratio:.1f}×" if r.ratio is not None else "–"
        mark = "" if r.ok else "  OVER BUDGET"
        print(f"{r.name:<58} {r.figure:<58} {ratio:>8}  {r.budget}{mark}")
    print(f"(python {sys.version.split()[0]}, {count:,} decisions)")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
