"""`lighthouse inbox` shows what fits a screen and counts the rest: --limit, the count line,
the terminal's height, and --json giving everything unless limited."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.store.log import DecisionLog


def waiting(db: Path, count: int) -> None:
    with DecisionLog.open(db) as log:
        log.add_many(
            [
                (Opportunity("client_request", {"title": f"Item {n}"}, {}), None, None)
                for n in range(count)
            ]
        )


def inbox(db: Path, *args: str, stdout: int | None = None, lines: str = "") -> str:
    env = {**os.environ, "LIGHTHOUSE_DB": str(db), "COLUMNS": "100"}
    env.pop("LINES", None)
    if lines:
        env["LINES"] = lines
    done = subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", "inbox", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout or ""


def titles(shown: str) -> list[str]:
    return [line.split("Item ")[1].split()[0] for line in shown.splitlines() if "Item " in line]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "lighthouse.db"


def test_not_a_terminal_shows_twenty_and_counts_the_rest(db: Path) -> None:
    waiting(db, 25)
    shown = inbox(db)
    assert titles(shown) == [str(n) for n in range(20)]
    assert shown.splitlines()[-1] == "… and 5 more: --limit 0 shows all"


def test_limit_shows_the_oldest(db: Path) -> None:
    waiting(db, 25)
    shown = inbox(db, "--limit", "3")
    assert titles(shown) == ["0", "1", "2"]
    assert shown.splitlines()[-1] == "… and 22 more: --limit 0 shows all"


def test_limit_zero_shows_all_without_a_count(db: Path) -> None:
    waiting(db, 25)
    shown = inbox(db, "--limit", "0")
    assert len(titles(shown)) == 25
    assert "more" not in shown


def test_no_count_line_when_all_fit(db: Path) -> None:
    waiting(db, 20)
    shown = inbox(db)
    assert len(titles(shown)) == 20
    assert "more" not in shown


def test_json_gives_all_unless_limited(db: Path) -> None:
    waiting(db, 25)
    assert len(json.loads(inbox(db, "--json"))) == 25
    assert [i["title"] for i in json.loads(inbox(db, "--json", "--limit", "2"))] == [
        "Item 0",
        "Item 1",
    ]


def test_a_terminal_shows_what_fits_its_height(db: Path) -> None:
    """Ten lines: the header, seven rows, the count line and the prompt."""
    waiting(db, 25)
    reader, writer = os.openpty()
    try:
        inbox(db, stdout=writer, lines="10")
        os.close(writer)
        writer = -1
        chunks = []
        while True:
            try:
                chunk = os.read(reader, 65536)
            except OSError:  # the terminal's other end closed: everything was read
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if writer != -1:
            os.close(writer)
        os.close(reader)
    shown = b"".join(chunks).decode()
    assert titles(shown) == [str(n) for n in range(7)]
    assert "… and 18 more: --limit 0 shows all" in shown


def test_a_negative_limit_is_refused(db: Path) -> None:
    waiting(db, 1)
    done = subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", "inbox", "--limit", "-1", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "expected a whole number, 0 or more" in done.stderr
