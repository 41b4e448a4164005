"""`lighthouse review` and `lighthouse strategy rescore` through the real command, on no log,
an empty log and a seeded one; and every input a user can get wrong."""

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lighthouse_tui.core.period import PERIOD_FORMS
from lighthouse_tui.store.log import DecisionLog

from .support import GOOD

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "benchmarks" / "seed_log.py"
BAD = ROOT / "tests" / "data" / "strategies" / "bad"
Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "lighthouse.db"


@pytest.fixture
def run(db: Path) -> Run:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lighthouse_tui", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={
                **os.environ,
                "LIGHTHOUSE_DB": str(db),
                "LIGHTHOUSE_STRATEGY": str(GOOD),
                "COLUMNS": "80",
            },
        )

    return run


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A log of 200 days of decisions up to 2026-11-01 (in the past, as logs are), seeded as a
    user would seed one."""
    path = tmp_path_factory.mktemp("seeded") / "lighthouse.db"
    subprocess.run(
        [
            sys.executable,
            str(SEED),
            "--db",
            str(path),
            "--strategy",
            str(GOOD),
            "--days",
            "200",
            "--end",
            "2026-11-01",
            "--seed",
            "7",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_no_log_at_all(run: Run, db: Path) -> None:
    done = run("review", "--period", "all")
    assert "No decisions in this period: nothing to review yet." in ok(done)
    assert "no decision is logged yet" in done.stderr
    assert not db.exists()
    data = json.loads(ok(run("review", "--json")))
    assert data["counts"]["decisions"] == 0
    assert data["outcomes_due"] == {"after_days": 30, "count": 0, "decisions": []}
    assert "- No decisions in this period" in ok(run("review", "--markdown"))
    assert "Nothing to replay" in ok(run("strategy", "rescore", str(GOOD)))


def test_log_without_decisions(run: Run, db: Path) -> None:
    DecisionLog.open(db).close()
    done = run("review", "--period", "all")
    assert "No decisions in this period" in ok(done)
    assert "no decision is logged yet" in done.stderr
    assert json.loads(ok(run("strategy", "rescore", str(GOOD), "--json")))["replayed"] == 0


@pytest.mark.parametrize("period", ["lastmonth", "0d", "2026-13", "2027-02-01..2026-01-01", ""])
def test_bad_period_is_exit_2_with_the_forms(run: Run, period: str) -> None:
    done = run("review", "--period", period)
    assert done.returncode == 2
    assert PERIOD_FORMS in done.stderr
    assert "Traceback" not in done.stderr


def test_json_and_markdown_exclude_each_other(run: Run) -> None:
    assert run("review", "--json", "--markdown").returncode == 2


def test_review_of_a_seeded_log(run: Run, seeded: Path) -> None:
    text = ok(run("review", "--db", str(seeded), "--period", "all"))
    assert "Review all time" in text
    assert "Does following the filter pay off?" in text
    assert "When you followed the filter" in text
    assert "Criteria that predict outcomes" in text
    # The seed makes outcomes follow alignment (the first rated criterion): the review finds it.
    assert "Criterion 'alignment' predicts how a yes turns out" in text
    assert max(len(line) for line in text.splitlines()) <= 80
    # Where the period stands against the horizon (2026-12-01 → 2027-05-31) is always said.
    assert "horizon 2026-12-01 → 2027-05-31" in text


def test_review_json_of_a_seeded_log(run: Run, seeded: Path) -> None:
    data = json.loads(ok(run("review", "--db", str(seeded), "--period", "2026-08", "--json")))
    assert data["period"] == {"label": "2026-08", "start": "2026-08-01", "end": "2026-08-31"}
    counts = data["counts"]
    assert counts["decisions"] == sum(counts["by_final"].values()) > 0
    cells = [c for row in data["outcomes"].values() for c in row.values()]
    assert all(c["mean"] is None or 1 <= c["mean"] <= 5 for c in cells)
    weeks = [w["week_of"] for w in data["capacity"]["weeks"]]
    assert weeks == [
        "2026-07-27",
        "2026-08-03",
        "2026-08-10",
        "2026-08-17",
        "2026-08-24",
        "2026-08-31",
    ]


def test_review_markdown_of_a_seeded_log(run: Run, seeded: Path) -> None:
    report = ok(run("review", "--db", str(seeded), "--period", "all", "--markdown"))
    assert report.startswith("# Lighthouse review: all time")
    assert "| filter said accept |" in report
    assert "## Outcomes due" in report
    # Seeded titles hold a | and a *: escaped, they cannot break a table or start emphasis.
    assert "|" not in re.sub(
        r"\\\|", "", "".join(line for line in report.splitlines() if line.startswith("- 20"))
    )


def test_rescore_lists_flips_and_totals(run: Run, seeded: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.toml"
    new.write_text(GOOD.read_text().replace("accept = 65", "accept = 50"), encoding="utf-8")
    data = json.loads(ok(run("strategy", "rescore", str(new), "--db", str(seeded), "--json")))
    assert data["replayed"] > 0
    assert data["flips"]
    assert all(f["then"] != f["now"] for f in data["flips"])
    assert data["more_declining"] == 0  # a lower accept threshold only accepts more
    assert data["flipped"]["decisions"] + data["stayed"]["decisions"] == data["replayed"]
    text = ok(run("strategy", "rescore", str(new), "--db", str(seeded), "--since", "2026-09-01"))
    assert "Verdicts that would flip" in text
    assert "consider → accept" in text


def test_rescore_date_range(run: Run, seeded: Path) -> None:
    done = run(
        "strategy",
        "rescore",
        str(GOOD),
        "--db",
        str(seeded),
        "--since",
        "2027-02-01",
        "--until",
        "2027-01-01",
    )
    assert done.returncode == 2
    assert "--since 2027-02-01 is after --until 2027-01-01" in done.stderr
    assert run("strategy", "rescore", str(GOOD), "--since", "yesterday").returncode == 2


def test_rescore_with_a_broken_strategy_lists_its_problems(run: Run) -> None:
    done = run("strategy", "rescore", str(BAD / "bad_id.toml"))
    assert done.returncode == 2
    assert re.search(r"^lighthouse: .*bad_id\.toml:\d+:\d+: ", done.stderr, re.MULTILINE)
    assert "Traceback" not in done.stderr
    missing = run("strategy", "rescore", "nowhere.toml")
    assert missing.returncode == 2
    assert "nowhere.toml: no such file" in missing.stderr


def test_help(run: Run) -> None:
    assert "--period" in ok(run("review", "--help"))
    assert "NEW.toml" in ok(run("strategy", "rescore", "--help"))


def test_seed_log_refuses_an_existing_file(seeded: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SEED), "--db", str(seeded), "--strategy", str(GOOD)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2
    assert "exists" in done.stderr
