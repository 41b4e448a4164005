"""The decision log through the real `lighthouse` command: add, inbox, decide, check --record,
log, log show, outcome, export, capacity; and the faults a user can meet."""

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "lighthouse.db"


@pytest.fixture
def run(db: Path, good_strategy_path: Path) -> Run:
    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "lighthouse_tui", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env={
                **__import__("os").environ,
                "LIGHTHOUSE_DB": str(db),
                "LIGHTHOUSE_STRATEGY": str(good_strategy_path),
            },
        )

    return run


def ok(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_add_inbox_decide_log(run: Run, db: Path) -> None:
    assert (
        ok(run("add", "Audit", "-k", "client_request", "-f", "fee=800", "--source", "ann")) == "1\n"
    )
    assert ok(run("add", "Webinar", "-k", "partner_offer", "-f", "hours_per_week=2")) == "2\n"
    assert oct(db.stat().st_mode & 0o777) == "0o600"
    assert oct(db.parent.stat().st_mode & 0o777) == "0o700"
    inbox = json.loads(ok(run("inbox", "--json")))
    assert [(i["id"], i["title"], i["source"]) for i in inbox] == [
        (1, "Audit", "ann"),
        (2, "Webinar", None),
    ]

    decided = json.loads(
        ok(
            run(
                "decide",
                "1",
                "--default",
                "accept",
                "--final",
                "decline",
                "-r",
                "alignment=5",
                "-f",
                "hours_per_week=1",
                "-f",
                "weeks=2",
                "--note",
                "busy month",
                "--json",
            )
        )
    )
    assert decided["verdict"] == "accept"
    assert decided["decision"] == 1
    assert [i["id"] for i in json.loads(ok(run("inbox", "--json")))] == [2]

    log = json.loads(ok(run("log", "--json")))
    assert len(log) == 1
    entry = log[0]
    assert (entry["default"], entry["strategic"], entry["final"]) == ("accept", "accept", "decline")
    assert entry["overrode"] is True
    assert entry["note"] == "busy month"
    assert entry["fields"]["fee"] == 800
    assert entry["ratings"] == {"alignment": 5.0}
    assert ok(run("log", "--overrode", "--json")).count('"id"') == 1
    assert json.loads(ok(run("log", "--verdict", "decline", "--json"))) == []


def test_decide_needs_the_reflex_from_a_script(run: Run) -> None:
    ok(run("add", "Audit"))
    done = run("decide", "1", "--final", "accept")
    assert done.returncode == 2
    assert "decide needs --default accept|decline|unsure" in done.stderr
    assert json.loads(ok(run("inbox", "--json")))[0]["id"] == 1


def test_check_record_logs_and_plain_check_stays_read_only(run: Run, db: Path) -> None:
    ok(run("check", "Talk", "-r", "alignment=5", "--json"))
    assert not db.exists()
    needs = run("check", "Talk", "--record")
    assert needs.returncode == 2
    assert "--record needs --default" in needs.stderr
    data = json.loads(
        ok(run("check", "Talk", "-r", "alignment=5", "--record", "--default", "unsure", "--json"))
    )
    assert data["decision"] == 1
    entry = json.loads(ok(run("log", "--json")))[0]
    assert (entry["default"], entry["strategic"], entry["final"]) == ("unsure", "accept", "accept")
    considered = run(
        "check",
        "Maybe",
        "-r",
        "alignment=3",
        "-f",
        "fee=500",
        "-f",
        "hours_per_week=5",
        "--record",
        "--default",
        "accept",
    )
    assert considered.returncode == 3
    assert "logged as defer" in considered.stderr
    assert json.loads(ok(run("log", "--json", "--limit", "1")))[0]["final"] == "defer"


def test_record_flags_without_record_are_refused(run: Run) -> None:
    done = run("check", "--default", "accept")
    assert done.returncode == 2
    assert done.stderr.strip() == "lighthouse: --default, --final and --note go with --record"


def test_capacity_comes_from_accepted_decisions(run: Run) -> None:
    ok(
        run(
            "check",
            "Retainer",
            "-r",
            "alignment=5",
            "-f",
            "hours_per_week=6",
            "--record",
            "--default",
            "accept",
            "--json",
        )
    )
    cap = json.loads(ok(run("capacity", "--json", "--weeks", "2")))
    assert (cap["committed"], cap["available"]) == (6.0, 4.0)
    assert [w["committed"] for w in cap["weeks"]] == [6.0, 6.0]
    second = run("check", "Another", "-r", "alignment=5", "-f", "hours_per_week=5", "--json")
    assert second.returncode == 1
    data = json.loads(second.stdout)
    assert data["capacity"] == {
        "hours_per_week": 10.0,
        "committed": 6.0,
        "available": 4.0,
        "after": -1.0,
    }
    assert [r["id"] for r in data["rules"]] == ["no-capacity"]
    override = run("check", "x", "--committed", "0", "--json")
    assert override.returncode == 3
    assert json.loads(override.stdout)["capacity"]["committed"] == 0


def test_outcome_and_correction(run: Run) -> None:
    ok(run("check", "Talk", "-r", "alignment=5", "--record", "--default", "accept"))
    assert ok(run("outcome", "1", "2", "--note", "meh")) == "Outcome of decision 1: 2/5\n"
    today = date.today().isoformat()
    assert "(corrected)" in ok(run("outcome", "1", "4", "--date", today))
    outcome = json.loads(ok(run("log", "--json")))[0]["outcome"]
    assert outcome == {"rating": 4, "note": None, "happened_on": today, "corrected": True}


def test_outcome_date_is_between_the_decision_and_today(run: Run, db: Path) -> None:
    ok(run("check", "Talk", "-r", "alignment=5", "--record", "--default", "accept"))
    today = date.today()
    before = today - timedelta(days=1)
    after = today + timedelta(days=1)
    for day, why in (
        (before, f"is before decision 1 (decided on {today.isoformat()})"),
        (after, f"is in the future (today is {today.isoformat()})"),
    ):
        done = run("outcome", "1", "4", "--date", day.isoformat())
        assert done.returncode == 2
        assert done.stderr == f"lighthouse: outcome date {day.isoformat()} {why}\n"
    assert json.loads(ok(run("log", "--json")))[0]["outcome"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["decide", "99", "--default", "accept"], "no inbox item 99"),
        (["outcome", "99", "3"], "no decision 99"),
        (["outcome", "1", "6"], "an outcome is rated from 1 to 5, got 6"),
        (["log", "show", "99"], "no decision 99"),
    ],
)
def test_unknown_ids_and_bad_values_exit_2(run: Run, args: list[str], message: str) -> None:
    ok(run("check", "Talk", "-r", "alignment=5", "--record", "--default", "accept"))
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.strip().endswith(message)


def test_bad_date_is_a_usage_error(run: Run) -> None:
    done = run("log", "--since", "2026-13-01")
    assert done.returncode == 2
    assert "'2026-13-01' is not a date like 2027-01-31" in done.stderr


def test_log_show_reexplains_with_the_strategy_version_of_the_day(
    run: Run, tmp_path: Path, good_strategy_path: Path
) -> None:
    ok(
        run(
            "check",
            "Audit",
            "-r",
            "alignment=4",
            "-f",
            "fee=500",
            "-f",
            "hours_per_week=5",
            "--record",
            "--default",
            "accept",
        )
    )
    same = json.loads(ok(run("log", "show", "1", "--json")))
    assert same["now"] is None
    assert same["evaluation"]["score"] == pytest.approx(65)

    stricter = tmp_path / "stricter.toml"
    stricter.write_text(good_strategy_path.read_text().replace("accept = 65", "accept = 80"))
    changed = json.loads(ok(run("log", "show", "1", "--json", "-s", str(stricter))))
    assert changed["evaluation"]["verdict"] == "accept"
    assert changed["now"]["verdict"] == "consider"
    assert changed["now_differs"] is True
    text = ok(run("log", "show", "1", "-s", str(stricter)))
    assert "would now say CONSIDER" in text
    assert "As scored by" in text


HOSTILE = [
    "[bold red]x[/] [link=file:///etc/passwd]y[/link]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07",
    "\u202eevil\u202c zero\u200bwidth \ufeff",
    "nul\x00byte",
    "emoji 🚀🇫🇷 and 漢字",
]


def test_hostile_text_round_trips_exactly(run: Run, tmp_path: Path) -> None:
    big = "x" * 1_000_000
    for title in [*HOSTILE, big]:
        offer = tmp_path / "offer.json"
        offer.write_text(json.dumps({"title": title, "notes": title}), encoding="utf-8")
        ok(run("add", "--from", str(offer)))
    ids = [i["id"] for i in json.loads(ok(run("inbox", "--json")))]
    for ident in ids:
        ok(run("decide", str(ident), "--default", "decline", "--final", "decline", "--no-input"))
    logged = json.loads(ok(run("log", "--json", "--limit", "10")))
    titles = [e["title"] for e in reversed(logged)]
    assert titles == [*HOSTILE, big]
    assert [e["fields"]["notes"] for e in reversed(logged)] == [*HOSTILE, big]
    lines = ok(run("export", "--format", "jsonl")).splitlines()
    assert [json.loads(line)["title"] for line in lines] == [*HOSTILE, big]
    csv.field_size_limit(sys.maxsize)
    rows = list(csv.reader(io.StringIO(ok(run("export", "--format", "csv")), newline="")))
    assert [row[3] for row in rows[1:]] == [*HOSTILE, big]


def test_hostile_text_shows_literally_in_tables(run: Run, tmp_path: Path) -> None:
    offer = tmp_path / "offer.json"
    offer.write_text(json.dumps({"title": HOSTILE[0] + " " + HOSTILE[1]}))
    ok(run("add", "--from", str(offer)))
    ok(run("decide", "1", "--default", "accept", "--final", "decline", "--note", "a\x1b]0;t"))
    for shown in (ok(run("log")), ok(run("log", "show", "1"))):
        assert "[bold red]x[/]" in shown
        assert "\\x1b[31mred" in shown
        assert "\x1b" not in shown
        assert "\x07" not in shown


def test_csv_export_escapes_formulas_and_writes_atomically(run: Run, tmp_path: Path) -> None:
    for title in ('=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "plain"):
        ok(run("check", title, "-r", "alignment=5", "--record", "--default", "accept"))
    target = tmp_path / "out.csv"
    done = run("export", "--format", "csv", "-o", str(target))
    assert done.returncode == 0
    assert "Exported 5 decisions" in done.stderr
    rows = list(csv.reader(target.open(newline="", encoding="utf-8")))
    assert rows[0][:4] == ["id", "decided_at", "kind", "title"]
    assert [r[3] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "plain",
    ]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.csv")] == []


def test_excel_export_for_a_french_spreadsheet(run: Run, db: Path, tmp_path: Path) -> None:
    for title in ("Régie; phase 2", "=1+1"):
        ok(run("check", title, "-r", "alignment=5", "--record", "--default", "accept"))
    target = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "--excel", "-o", str(target)).returncode == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid;decided_at;kind;title;")
    assert data.endswith(b"\r\n")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[3] for r in rows[1:]] == ["Régie; phase 2", "'=1+1"]
    assert all("," in r[7] and "." not in r[7] for r in rows[1:])  # the score: 72,5
    streamed = subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", "export", "--excel"],
        capture_output=True,
        env={**os.environ, "LIGHTHOUSE_DB": str(db), "PYTHONIOENCODING": "latin-1"},
        check=True,
    )
    assert streamed.stdout == data  # to stdout too, in UTF-8 whatever the terminal's encoding
    refused = run("export", "--format", "jsonl", "--excel")
    assert refused.returncode == 2
    assert "--excel goes with --format csv" in refused.stderr


def test_read_commands_on_no_log_do_not_create_it(run: Run, db: Path) -> None:
    assert ok(run("inbox")) == "The inbox is empty.\n"
    assert ok(run("log")) == "No decisions logged yet.\n"
    assert json.loads(ok(run("log", "--json"))) == []
    assert ok(run("export", "--format", "jsonl")) == ""
    assert not db.exists()


def test_a_file_that_is_not_a_log_is_refused_untouched(run: Run, db: Path) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(b"not a database at all, just text\n" * 100)
    before = db.read_bytes()
    for args in (["add", "x"], ["log"], ["check", "x", "--record", "--default", "accept"]):
        done = run(*args)
        assert done.returncode == 2, args
        assert f"lighthouse: {db}: not a Lighthouse decision log" in done.stderr
        assert "Traceback" not in done.stderr
    assert db.read_bytes() == before


def test_a_newer_log_is_refused_untouched(run: Run, db: Path) -> None:
    ok(run("add", "x"))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    before = db.read_bytes()
    done = run("add", "y")
    assert done.returncode == 2
    assert "written by a newer Lighthouse (log version 99" in done.stderr
    assert db.read_bytes() == before


def test_db_and_strategy_work_before_the_command_as_after_it(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """`lighthouse --db X inbox` once wrote to the default log: the command's own --db, left
    out, reset the one given before it. Both places, and the one after the command wins."""
    other = tmp_path / "other.db"
    assert ok(run("--db", str(other), "add", "Before")) == "1\n"
    assert ok(run("add", "After", "--db", str(other))) == "2\n"
    assert ok(run("--db", str(db), "add", "Here", "--db", str(other))) == "3\n"
    listed = json.loads(ok(run("--db", str(other), "inbox", "--json")))
    assert [i["title"] for i in listed] == ["Before", "After", "Here"]
    assert not db.exists()
    broken = tmp_path / "broken.toml"
    broken.write_text("schema = 1\n", encoding="utf-8")
    refused = run("-s", str(broken), "check", "Talk", "--no-input")
    assert refused.returncode == 2
    assert f"{broken}: name: required, but missing" in refused.stderr


def test_capacity_check_and_review_agree_on_this_week(run: Run) -> None:
    """Yeses given today count in this week for `capacity`, `check` and the review alike,
    whatever day of the week today is (the review's week starts on a Monday)."""
    for title, hours in (("Course", "8"), ("Mentoring", "3"), ("Board", "2")):
        assert "Logged as decision" in (
            run(
                "check",
                title,
                "-r",
                "alignment=5",
                "-f",
                f"hours_per_week={hours}",
                "--record",
                "--default",
                "accept",
                "--final",
                "accept",
            ).stdout
        )
    cap = json.loads(ok(run("capacity", "--json", "--weeks", "1")))
    assert (cap["committed"], cap["available"]) == (13.0, -3.0)
    review = json.loads(ok(run("review", "--period", "all", "--json")))
    weeks = review["capacity"]["weeks"]
    assert weeks[-1]["week_of"] == cap["weeks"][0]["week_of"]
    assert weeks[-1]["committed"] == 13.0
    assert review["capacity"]["peak"] == 13.0
    assert "went over your 10 h/week in 1 of 1 week (peak 13 h)" in " ".join(review["findings"])
    checked = json.loads(run("check", "x", "-r", "alignment=5", "--json").stdout)
    assert checked["capacity"]["committed"] == 13.0


@pytest.mark.parametrize(
    "command",
    [
        ["log"],
        ["log", "show", "1"],
        ["inbox"],
        ["export"],
        ["outcome", "1", "4"],
        ["capacity"],
        ["review"],
        ["strategy", "show"],
    ],
)
def test_strategy_and_db_are_taken_after_every_command(
    run: Run, tmp_path: Path, good_strategy_path: Path, command: list[str]
) -> None:
    """`-s FILE` and `--db PATH` after the command, as before it: `lighthouse log -s FILE`
    used to fail with argparse's "invalid choice"."""
    other = tmp_path / "other.db"
    ok(
        run(
            "check",
            "Talk",
            "-r",
            "alignment=5",
            "--record",
            "--default",
            "accept",
            "--db",
            str(other),
        )
    )
    done = run(*command, "-s", str(good_strategy_path), "--db", str(other))
    assert done.returncode == 0, done.stderr


def test_every_parser_takes_strategy_and_db() -> None:
    """No command or sub-command is left out, now or when one is added."""
    import argparse

    from lighthouse_tui.cli import build_parser

    def parsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
        subs = [
            p
            for action in parser._actions
            if isinstance(action, argparse._SubParsersAction)
            for p in action.choices.values()
        ]
        return [parser] + [q for p in subs for q in parsers(p)]

    every = parsers(build_parser())
    assert len(every) > 12
    for parser in every:
        options = {o for a in parser._actions for o in a.option_strings}
        assert {"-s", "--strategy", "--db"} <= options, parser.prog


def test_decide_correct_changes_the_final_choice_with_its_history(run: Run) -> None:
    ok(
        run(
            "check", "Retainer", "-r", "alignment=5", "-f", "hours_per_week=6",
            "--record", "--default", "accept", "--final", "accept",
        )
    )  # fmt: skip
    assert json.loads(ok(run("capacity", "--json")))["committed"] == 6.0
    done = run("decide", "1", "--final", "decline", "--correct", "--note", "client left")
    assert ok(done) == "Decision 1: final accept → decline (corrected).\n"
    assert json.loads(ok(run("capacity", "--json")))["committed"] == 0.0
    shown = json.loads(ok(run("log", "show", "1", "--json")))
    assert shown["final"] == "decline"
    assert [(c["previous"], c["final"], c["note"]) for c in shown["corrections"]] == [
        ("accept", "decline", "client left")
    ]
    assert "accept → decline" in ok(run("log", "show", "1"))
    assert next(csv.DictReader(io.StringIO(ok(run("export")))))["final"] == "decline"
    for args, message in (
        (["--final", "decline"], "decision 1 is already decline: nothing to correct"),
        ([], "--correct needs --final accept|decline|defer"),
        (
            ["--final", "accept", "-r", "alignment=1"],
            "--correct changes only the final choice; drop -r",
        ),
    ):
        done = run("decide", "1", "--correct", *args)
        assert (done.returncode, done.stderr) == (2, f"lighthouse: {message}\n")


def test_the_inbox_shows_a_senders_name_and_keeps_the_address(run: Run) -> None:
    ok(run("add", "Talk", "--source", "Thomas Girard <t.girard@example.fr>"))
    table = ok(run("inbox"))
    assert "Thomas Girard" in table
    assert "t.girard@" not in table
    [item] = json.loads(ok(run("inbox", "--json")))
    assert item["source"] == "Thomas Girard <t.girard@example.fr>"
