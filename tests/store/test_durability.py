"""No decision is ever lost: a process killed mid-write, several processes writing or creating
the log at once, and a process holding the log open twice."""

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.schema import LATEST

from .support import counts, decide, decision_ids, integrity, opp, reader, titles

RECORDER = Path(__file__).parent / "recorder.py"


def recorder(
    db: Path, strategy: Path, count: int, tag: str, *, wait: bool = False
) -> subprocess.Popen[str]:
    """Another Lighthouse recording `count` decisions (0: until killed), printing each id."""
    return subprocess.Popen(
        [sys.executable, str(RECORDER), str(db), str(strategy), str(count), tag]
        + (["--wait"] if wait else []),
        stdin=subprocess.PIPE if wait else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def start_together(children: list[subprocess.Popen[str]]) -> None:
    """Wait until every child is ready, then release them all at once."""
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
    for child in children:
        assert child.stdin is not None
        child.stdin.close()


def finish(child: subprocess.Popen[str]) -> tuple[str, str]:
    """A released child's output. (`communicate` would flush the stdin closed to release it;
    what the children print is far below a pipe's buffer, so waiting first cannot block.)"""
    child.wait(timeout=60)
    assert child.stdout is not None
    assert child.stderr is not None
    return child.stdout.read(), child.stderr.read()


def test_a_process_killed_while_recording_loses_no_committed_decision(
    db_path: Path, good_strategy_path: Path
) -> None:
    chance = random.Random(20270104)
    promised: set[int] = set()
    for round_ in range(4):
        child = recorder(db_path, good_strategy_path, 0, f"round {round_}")
        assert child.stdout is not None
        wanted = chance.randint(5, 150)
        for _ in range(wanted):
            promised.add(int(child.stdout.readline()))
        time.sleep(chance.uniform(0, 0.02))  # land anywhere inside the next transaction
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
        assert child.returncode == -signal.SIGKILL
        assert integrity(db_path) == ["ok"]
        with DecisionLog.open(db_path) as log:
            present = decision_ids(db_path)
            assert promised <= present
            # Every decision there is whole: its opportunity, strategy and evaluation.
            newest = log.decision(max(present))
            assert newest.title.startswith(f"round {round_} ")
            assert newest.evaluation["strategy"]["fingerprint"] == newest.fingerprint
        assert counts(db_path)["decisions"] == len(present)


def test_two_processes_recording_at_once_lose_nothing(
    db_path: Path, good_strategy_path: Path
) -> None:
    # Both start on a log that does not exist yet: they also race to create and migrate it.
    children = [
        recorder(db_path, good_strategy_path, 1000, tag, wait=True) for tag in ("left", "right")
    ]
    start_together(children)
    printed: list[set[int]] = []
    for child in children:
        out, err = finish(child)
        assert (child.returncode, err) == (0, "")
        printed.append({int(line) for line in out.split()})
    assert [len(ids) for ids in printed] == [1000, 1000]
    assert printed[0].isdisjoint(printed[1])
    assert decision_ids(db_path) == printed[0] | printed[1]
    assert counts(db_path) == {
        "strategies": 1,
        "opportunities": 2000,
        "decisions": 2000,
        "outcomes": 0,
    }
    assert integrity(db_path) == ["ok"]


OPEN_ONLY = """
import pathlib, sys
from lighthouse_tui.store.log import DecisionLog
print("ready", flush=True)
sys.stdin.read()
DecisionLog.open(pathlib.Path(sys.argv[1])).close()
"""


@pytest.mark.parametrize("attempt", range(5))
def test_processes_creating_the_log_at_the_same_moment_all_succeed(
    tmp_path: Path, attempt: int
) -> None:
    path = tmp_path / f"new-{attempt}.db"
    children = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_ONLY, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    start_together(children)
    errors = [finish(child)[1] for child in children]
    assert errors == [""] * 4
    assert [child.returncode for child in children] == [0] * 4
    with reader(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert integrity(path) == ["ok"]


def test_opening_the_log_again_in_the_same_process_keeps_the_first_safe(
    db_path: Path, good_strategy_path: Path, loaded: LoadedStrategy
) -> None:
    """The app keeps its log open while a command or a second screen opens it too, and other
    processes come and go: none of them may take the open log for abandoned."""

    def elsewhere(tag: str) -> None:
        child = recorder(db_path, good_strategy_path, 1, tag)
        out, err = child.communicate(timeout=30)
        assert (child.returncode, err) == (0, "")
        assert int(out) > 0

    with DecisionLog.open(db_path) as first:
        decide(first, loaded, opp("first 1"))
        DecisionLog.open(db_path).close()
        with DecisionLog.open(db_path, readonly=True) as reading:
            assert [r.title for r in reading.decisions()] == ["first 1"]
        elsewhere("other")
        decide(first, loaded, opp("first 2"))
        elsewhere("later")
        assert Path(f"{db_path}-wal").exists()
    assert titles(db_path) == ["first 1", "other 0", "first 2", "later 0"]
    assert integrity(db_path) == ["ok"]
