"""`lighthouse import` through the real command: the morning run twice, exit codes, JSON,
dry runs, stdin, and hostile text kept literally."""

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from lighthouse_tui.cli import importer

from .conftest import IMPORT_DATA, MAIL_DIR

MBOX = IMPORT_DATA / "exported.mbox"
FORM = IMPORT_DATA / "contact-form.csv"
FORM_MAPS = [
    "--map", "Subject=title", "--map", "Message=notes",
    "--map", "Budget (EUR)=fee", "--map", "Email=source",
]  # fmt: skip


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "lighthouse.db"


def lighthouse(
    db: Path, strategy: Path, *args: str | Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", *map(str, args)],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
        env={**os.environ, "LIGHTHOUSE_DB": str(db), "LIGHTHOUSE_STRATEGY": str(strategy)},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


@pytest.fixture
def run(db: Path, good_strategy_path: Path) -> Run:
    def run(*args: str | Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
        return lighthouse(db, good_strategy_path, *args, stdin=stdin)

    return run


def test_a_mailbox_and_a_contact_form_twice(run: Run, db: Path) -> None:
    first = run("import", MBOX, FORM, *FORM_MAPS, "-k", "client_request")
    assert first.returncode == 4, first.stderr
    assert first.stdout.splitlines() == [
        f"{MBOX}  mbox  7 messages",
        f"{FORM}  CSV · UTF-8 with BOM · ';'-separated  5 rows",
        "Imported 7 new, 1 already there, 4 skipped with problems.",
    ]
    problems = [
        f"{MBOX}:6: not an e-mail message: it does not start with headers",
        f"{FORM}:4: fee: expected a number, got 'a lot'",
        f'{FORM}:5: unclosed quote: the value opened with " on this line never closes',
        f"{FORM}:7: expected 7 columns, got 6",
    ]
    assert first.stderr.splitlines() == [
        f"note: {FORM}: columns not imported: 'Submitted at', 'Name'; a mapping COLUMN=FIELD "
        "imports one into a field",
        f"note: {MBOX}:3: no Subject: titled '(no subject)'",
        *problems,
    ]
    inbox = json.loads(run("inbox", "--json").stdout)
    assert len(inbox) == 7
    dana = next(i for i in inbox if i["title"] == "Website copy review")
    assert dana["fields"]["notes"] == "Could you review our landing page?\nTwo pages, in English."
    assert (dana["source"], dana["fields"]["fee"], dana["kind"]) == (
        "dana@example.com",
        600,
        "client_request",
    )

    second = run("import", MBOX, FORM, *FORM_MAPS, "-k", "client_request")
    assert second.returncode == 4
    assert second.stdout.splitlines()[-1] == (
        "Imported 0 new, 8 already there, 4 skipped with problems."
    )
    assert second.stderr.splitlines()[1:] == problems
    assert json.loads(run("inbox", "--json").stdout) == inbox


def test_exit_0_when_everything_was_read(run: Run) -> None:
    done = run("import", MAIL_DIR / "plain.eml")
    assert (done.returncode, done.stdout.splitlines()[-1], done.stderr) == (
        0,
        "Imported 1 new, 0 already there.",
        "",
    )
    again = run("import", MAIL_DIR / "plain.eml")
    assert (again.returncode, again.stdout.splitlines()[-1]) == (
        0,
        "Imported 0 new, 1 already there.",
    )


def test_exit_2_when_nothing_could_be_read(run: Run, tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    done = run("import", empty, binary, tmp_path / "missing.mbox")
    assert done.returncode == 2
    assert done.stdout == "Nothing imported: no source could be read.\n"
    assert done.stderr.splitlines() == [
        f"{empty}: empty: nothing to import",
        f"{binary}: not text: binary data (or UTF-16 without a byte-order mark)",
        f"{tmp_path / 'missing.mbox'}: no such file or directory",
    ]
    with_good = run("import", empty, MAIL_DIR / "plain.eml")
    assert with_good.returncode == 4


def test_json_summary(run: Run) -> None:
    done = run("import", IMPORT_DATA / "offers.jsonl", "--json")
    assert done.returncode == 4
    assert done.stderr == ""
    data = json.loads(done.stdout)
    assert data == {
        "new": 3,
        "duplicates": 0,
        "skipped": 1,
        "problems": [
            {
                "source": str(IMPORT_DATA / "offers.jsonl"),
                "item": "3",
                "message": "not valid JSON: Expecting value (column 33)",
            }
        ],
        "notices": [],
        "sources": [
            {
                "source": str(IMPORT_DATA / "offers.jsonl"),
                "format": "JSON Lines",
                "details": ["UTF-8"],
                "items": 4,
                "unit": "line",
                "read": True,
            }
        ],
        "ids": [1, 2, 3],
        "saved": True,
    }


def test_dry_run_creates_no_log(run: Run, db: Path) -> None:
    done = run("import", MBOX, "--dry-run")
    assert done.returncode == 4
    assert done.stdout.splitlines()[-1] == (
        "Dry run, nothing saved: 5 new, 1 already there, 1 skipped with problems."
    )
    assert not db.exists()


def test_stdin(run: Run) -> None:
    done = run("import", "-", stdin=b"title;fee\nPiped;12\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "<stdin>  CSV · UTF-8 · ';'-separated  1 row"
    assert json.loads(run("inbox", "--json").stdout)[0]["title"] == "Piped"
    twice = run("import", "-", "-", stdin=b"")
    assert (twice.returncode, twice.stderr) == (2, "lighthouse: stdin (-) can be read only once\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-k", "speeking"], "lighthouse: -k: unknown kind 'speeking' (did you mean 'speaking'?)"),
        (["--map", "Budget"], "lighthouse: --map: 'Budget': expected COLUMN=FIELD"),
        (
            ["--map", "Budget=fees"],
            "lighthouse: --map: 'Budget=fees': 'fees' is not a field, kind or rated criterion "
            "of the strategy (did you mean 'fee'?)",
        ),
    ],
)
def test_bad_options_are_usage_errors(run: Run, db: Path, args: list[str], message: str) -> None:
    done = run("import", MBOX, *args)
    assert (done.returncode, done.stderr.strip()) == (2, message)
    assert not db.exists()


def test_hostile_text_is_stored_and_shown_literally(run: Run) -> None:
    hostile = MAIL_DIR / "hostile.eml"
    assert run("import", hostile).returncode == 0
    [item] = json.loads(run("inbox", "--json").stdout)
    assert item["title"] == "[bold]x[/] \x1b[31mred\x1b[0m"
    assert item["source"] == "[red]Mallory[/red] <m@example.com>"
    assert item["fields"]["notes"] == "[link=file:///etc/passwd]click[/link] \x1b]0;title\x07"
    assert "[bold]x[/]" in run("inbox").stdout


def test_hostile_file_names_are_shown_literally(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "[bold]\x1b[31mx.csv"
    path.write_text("title\nA\n")
    done = run("import", path)
    assert done.returncode == 0
    assert f"{tmp_path}/[bold]\\x1b[31mx.csv  CSV" in done.stdout
    assert "\x1b" not in done.stdout


def test_help_documents_exit_code_4(run: Run) -> None:
    text = run("import", "--help").stdout
    assert "  4   some items or sources had problems (one line each)" in text
    assert "--map COLUMN=FIELD" in text


def test_the_progress_bar_waits_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 0.5, 1.5, 1.6])
    monkeypatch.setattr(importer.time, "monotonic", lambda: next(clock))
    bar = importer._DelayedBar()
    bar.update(0.1, 1)
    assert bar._bar is None
    bar.update(0.5, 5)
    assert bar._bar is not None
    bar.update(1.0, 10)
    assert bar._bar.tasks[0].completed == 1.0
    bar.close()
