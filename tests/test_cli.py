"""`lighthouse` through a real subprocess: exit codes, JSON shape, stdin, prompts, layering."""

import argparse
import hashlib
import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from probe import loaded_by

from lighthouse_tui import cli
from lighthouse_tui.cli import check as check_command

BAD = Path(__file__).parent / "data" / "strategies" / "bad"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def s(good_strategy_path: Path) -> list[str]:
    return ["-s", str(good_strategy_path)]


def test_accept_exits_0(s: list[str]) -> None:
    done = run(
        "check",
        "Audit",
        *s,
        "-k",
        "client_request",
        "-f",
        "fee=500",
        "-f",
        "hours_per_week=5",
        "-f",
        "weeks=4",
        "-r",
        "alignment=4",
        "--no-input",
    )
    assert done.returncode == 0, done.stderr
    assert "ACCEPT" in done.stdout
    assert "ACCEPT  score 65 ≥ 65\n" in done.stdout  # the deciding reason, on the verdict line
    assert "Audit" in done.stdout


def test_decline_rule_exits_1_with_its_reason(s: list[str]) -> None:
    done = run("check", *s, "-f", "hours_per_week=12", "-r", "alignment=5", "--no-input")
    assert done.returncode == 1
    assert "DECLINE" in done.stdout
    assert "Not enough free hours" in done.stdout


def test_consider_exits_3(s: list[str]) -> None:
    done = run(
        "check",
        *s,
        "-f",
        "fee=500",
        "-f",
        "hours_per_week=5",
        "-f",
        "weeks=1",
        "-r",
        "alignment=3",
        "--no-input",
    )
    assert done.returncode == 3
    assert "CONSIDER" in done.stdout


def test_nothing_rated_is_consider_and_provisional(s: list[str]) -> None:
    done = run("check", *s, "--json")
    assert done.returncode == 3
    data = json.loads(done.stdout)
    assert data["score"] is None
    assert data["provisional"] is True
    assert data["missing"] == ["alignment", "fee", "load"]


def test_json_shape(s: list[str], good_strategy_path: Path) -> None:
    done = run(
        "check",
        "Co-host",
        *s,
        "-k",
        "partner_offer",
        "-r",
        "alignment=4",
        "-r",
        "posture=5",
        "-f",
        "fee=1000",
        "--committed",
        "3",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["verdict"] == "accept"
    assert isinstance(data["score"], float)
    assert data["rules"] == [
        {
            "id": "dream-partner",
            "then": "accept",
            "reason": "Open partner, straight on the lighthouse",
        }
    ]
    assert data["waiting"] == [
        {
            "id": "no-capacity",
            "then": "decline",
            "reason": "Not enough free hours",
            "needs": ["hours_per_week"],
        },
        {"id": "long", "then": "flag", "reason": "Longer than the horizon", "needs": ["weeks"]},
    ]
    assert data["missing"] == ["load"]
    assert sum(c["points"] for c in data["criteria"]) == pytest.approx(data["score"])
    assert data["capacity"] == {
        "hours_per_week": 10.0,
        "committed": 3.0,
        "available": 7.0,
        "after": None,
    }
    assert data["strategy"] == {
        "name": "Test coaching",
        "fingerprint": hashlib.sha256(good_strategy_path.read_bytes()).hexdigest(),
    }


def test_from_stdin_json_and_flags_override(s: list[str]) -> None:
    offer = {"title": "Webinar", "kind": "partner_offer", "fee": 800, "ratings": {"alignment": 1}}
    done = run(
        "check",
        *s,
        "--from",
        "-",
        "-r",
        "alignment=5",
        "-r",
        "posture=5",
        "--json",
        stdin=json.dumps(offer),
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["kind"] == "partner_offer"
    assert {c["id"]: c["value"] for c in data["criteria"]}["alignment"] == 1.0


def test_from_stdin_toml(s: list[str]) -> None:
    offer = (
        'title = "Talk"\nkind = "speaking"\nfee = 0\nhours_per_week = 10\n'
        "ratings = { alignment = 0 }\n"
    )
    done = run("check", *s, "--from", "-", "--json", stdin=offer)
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["score"] == 0


def test_from_file_with_bad_json_names_line_and_column(s: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "offer.json"
    bad.write_text('{"title": "x",\n "fee": }')
    done = run("check", *s, "--from", str(bad))
    assert done.returncode == 2
    assert f"{bad}:2:9: not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["-k", "partner_ofer"],
            "kind: unknown kind 'partner_ofer' (did you mean 'partner_offer'?)",
        ),
        (["-f", "fees=10"], "fees: unknown field 'fees' (did you mean 'fee'?)"),
        (["-f", "fee=lots"], "fee: expected a number, got 'lots'"),
        (["-f", "deadline=tomorrow"], "deadline: expected a date like 2027-01-31, got 'tomorrow'"),
        (
            ["-r", "alignmnt=3"],
            "ratings.alignmnt: unknown criterion 'alignmnt' (did you mean 'alignment'?)",
        ),
        (["-r", "alignment=6"], "ratings.alignment: a rating is from 0 to 5, got 6"),
        (["-r", "alignment=-1"], "ratings.alignment: a rating is from 0 to 5, got -1"),
        (["-r", "fee=3"], "ratings.fee: 'fee' is computed from the field 'fee'; set that field"),
        (["-f", "fee"], "-f 'fee': expected NAME=VALUE"),
        (["--committed", "-2"], "--committed -2: hours cannot be negative"),
    ],
)
def test_bad_input_exits_2_with_one_line(s: list[str], args: list[str], expected: str) -> None:
    done = run("check", *s, "--no-input", *args)
    assert done.returncode == 2
    assert done.stderr.strip() == f"lighthouse: {expected}"
    assert done.stdout == ""


def test_all_problems_reported_together(s: list[str]) -> None:
    done = run("check", *s, "-k", "nope", "-f", "fee=x", "-r", "alignment=9")
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 3


def test_usage_error_exits_2() -> None:
    done = run("check", "--bogus")
    assert done.returncode == 2
    assert "unrecognized arguments: --bogus" in done.stderr


def test_invalid_strategy_exits_2_with_located_problems() -> None:
    path = BAD / "rule_unknown_name.toml"
    done = run("check", "-s", str(path), "--no-input")
    assert done.returncode == 2
    assert f"lighthouse: {path}:" in done.stderr
    assert "(did you mean 'rating.alignment'?)" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_strategy_file_exits_2(tmp_path: Path) -> None:
    done = run("check", "-s", str(tmp_path / "nope.toml"))
    assert done.returncode == 2
    assert done.stderr.strip() == f"lighthouse: {tmp_path / 'nope.toml'}: no such file"


def test_strategy_from_environment(
    good_strategy_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LIGHTHOUSE_STRATEGY", str(good_strategy_path))
    done = run("check", "--json")
    assert json.loads(done.stdout)["strategy"]["name"] == "Test coaching"
    assert done.stderr == ""


def test_bundled_example_is_used_with_a_notice() -> None:
    done = run("check", "--json", "--no-input")
    assert done.returncode in (0, 1, 3)
    assert "bundled example" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert json.loads(done.stdout)["verdict"] == "consider"


def test_validate_every_bad_fixture_exits_2_and_good_exits_0(good_strategy_path: Path) -> None:
    bad = sorted(str(p) for p in BAD.glob("*.toml"))
    done = run("strategy", "validate", *bad)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{len(bad)} of {len(bad)} files invalid" in done.stderr
    ok = run("strategy", "validate", str(good_strategy_path))
    assert ok.returncode == 0
    assert "ok — Test coaching (4 criteria, 3 rules)" in ok.stdout


def test_show_renders_literally_and_as_json(s: list[str]) -> None:
    done = run("strategy", "show", *s)
    assert done.returncode == 0
    assert "Be the coach B2B consultants think of first" in done.stdout
    assert "Not enough free hours" in done.stdout
    data = json.loads(run("strategy", "show", *s, "--json").stdout)
    assert data["schema"] == 1
    assert [c["id"] for c in data["criteria"]] == ["alignment", "fee", "load", "posture"]


def test_init_no_input_writes_example_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    first = run("strategy", "init", str(target), "--no-input")
    assert first.returncode == 0, first.stderr
    assert run("strategy", "validate", str(target)).returncode == 0
    target.write_text("# mine\n")
    again = run("strategy", "init", str(target), "--no-input")
    assert again.returncode == 2
    assert "exists; pass --force" in again.stderr
    assert target.read_text() == "# mine\n"
    assert run("strategy", "init", str(target), "--no-input", "--force").returncode == 0
    assert target.read_text() != "# mine\n"


def test_init_default_path_is_the_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    done = run("strategy", "init", "--no-input")
    assert done.returncode == 0
    config = Path(os.environ["XDG_CONFIG_HOME"]) / "lighthouse" / "strategy.toml"
    assert config.exists()
    assert "bundled example" not in run("check", "--json").stderr


RUN_COMMANDS = """
from lighthouse_tui.cli import main
print([main(argv) for argv in {argvs!r}])
"""


def test_headless_commands_never_import_textual(s: list[str], good_strategy_path: Path) -> None:
    argvs = [
        ["check", *s, "--no-input", "-r", "alignment=4"],
        ["check", *s, "--json"],
        ["strategy", "show", *s],
        ["strategy", "validate", str(good_strategy_path)],
    ]
    printed, textual = loaded_by(RUN_COMMANDS.format(argvs=argvs), ["textual"])
    assert textual == []
    assert printed[-1] == "[0, 3, 0, 0]"


def test_short_commands_skip_pydantic_once_the_strategy_is_cached(
    s: list[str], tmp_path: Path
) -> None:
    """The strategy validated once (the first `check`) is read back from the cache: `add`,
    `decide` and `check` then answer without loading pydantic, half of their start-up."""
    db = ["--db", str(tmp_path / "log.db")]
    opportunity = ["-k", "client_request", "-f", "fee=900", "-r", "alignment=4"]
    argvs = [
        ["add", "Talk", *s, *db, *opportunity],
        ["decide", "1", *s, *db, "--default", "accept", "--no-input"],
        ["check", "Talk", *s, *db, *opportunity, "--no-input"],
    ]
    assert run("check", *s, "--json").returncode in (0, 1, 3)  # validates, fills the cache
    printed, pydantic = loaded_by(RUN_COMMANDS.format(argvs=argvs), ["pydantic"])
    assert pydantic == []
    assert printed[-1].startswith("[0, ")


EXAMPLES = Path(__file__).parents[1] / "src" / "lighthouse_tui" / "strategies"


def record_closed_partner(db: Path, strategy: Path) -> list[str]:
    """A declined partner offer (the partner is closed: a dealbreaker with public words), and
    the options that find its log and strategy again."""
    where = ["--db", str(db), "-s", str(strategy)]
    args = ["-k", "partner_offer", "-r", "posture=1", "-f", "tjm=800", "-f", "hours_per_week=2"]
    done = run("check", "Webinaires", *args, *where, "--record", "--default", "decline")
    assert done.returncode == 1, done.stderr
    return where


def test_decline_writes_a_declined_partner_offer_as_a_french_email(tmp_path: Path) -> None:
    where = record_closed_partner(tmp_path / "log.db", EXAMPLES / "consultant.fr.toml")
    done = run("decline", "1", *where)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Bonjour,\n\n"
        "Je vous remercie d'avoir pensé à moi pour « Webinaires ». Je ne vais malheureusement "
        "pas pouvoir vous suivre sur ce projet : je ne m'engage que dans des partenariats "
        "construits à deux, où chacun apporte et reçoit.\n\n"
        "J'espère que nous aurons l'occasion de travailler ensemble une prochaine fois, et je "
        "vous souhaite le meilleur pour la suite.\n\n"
        "Bien cordialement,\nCamille Martin\n"
    )
    assert "Partenaire" not in done.stdout


def test_decline_uses_the_version_that_scored_it_and_json_holds_the_message(
    tmp_path: Path,
) -> None:
    strategy = tmp_path / "strategy.toml"
    strategy.write_bytes((EXAMPLES / "consultant.fr.toml").read_bytes())
    where = record_closed_partner(tmp_path / "log.db", strategy)
    text = strategy.read_text(encoding="utf-8")
    strategy.write_text(text.replace('tone = "vous"', 'tone = "tu"'), encoding="utf-8")
    done = run("decline", "1", "--json", *where)
    assert done.returncode == 0, done.stderr
    message = json.loads(done.stdout)["message"]
    assert message.startswith("Bonjour,\n\nJe vous remercie d'avoir pensé à moi")


def test_decline_of_an_unknown_id_is_one_line_and_exit_2(tmp_path: Path, s: list[str]) -> None:
    where = ["--db", str(tmp_path / "log.db"), *s]
    empty = run("decline", "1", *where)
    assert (empty.returncode, empty.stdout) == (2, "")
    assert empty.stderr == "lighthouse: no decision 1: nothing is logged yet\n"
    recorded = run("check", "Talk", "-r", "alignment=5", "--record", "--default", "accept", *where)
    assert recorded.returncode == 0, recorded.stderr
    unknown = run("decline", "7", *where)
    assert (unknown.returncode, unknown.stderr) == (2, "lighthouse: no decision 7\n")


def test_decline_never_imports_textual(tmp_path: Path) -> None:
    where = record_closed_partner(tmp_path / "log.db", EXAMPLES / "consultant.fr.toml")
    printed, textual = loaded_by(RUN_COMMANDS.format(argvs=[["decline", "1", *where]]), ["textual"])
    assert textual == []
    assert printed[-1] == "[0]"


def test_check_import_time_has_no_textual(s: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "lighthouse_tui", "check", *s, "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert "pydantic" in done.stderr
    assert "textual" not in done.stderr


def test_a_bug_exits_70_with_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def boom(_args: object) -> int:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(check_command, "cmd_check", boom)
    assert cli.main(["check"]) == 70
    err = capsys.readouterr().err
    assert "Traceback" in err
    assert "RuntimeError: unexpected" in err
    assert "bug" in err


def _pty_session(args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run `lighthouse` on a pseudo-terminal, answering each prompt in turn."""
    main_fd, child_fd = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "lighthouse_tui", *args],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        close_fds=True,
        env={**os.environ, "TERM": "dumb", "COLUMNS": "100"},
    )
    os.close(child_fd)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
            if pending and output.rstrip().endswith((b":", b"):")):
                os.write(main_fd, (pending.pop(0) + "\n").encode())
        elif proc.poll() is not None:
            break
    os.close(main_fd)
    return proc.wait(timeout=10), output.decode(errors="replace")


def test_terminal_check_asks_missing_ratings(s: list[str]) -> None:
    code, out = _pty_session(
        ["check", "Talk", *s, "-f", "fee=1000", "-f", "hours_per_week=0", "-f", "weeks=1"],
        ["9", "5"],
    )
    assert "How much does this move you toward your lighthouse?" in out
    assert "a rating is from 0 to 5, got 9" in out
    assert "ACCEPT" in out
    assert code == 0


def test_terminal_enter_skips_a_rating(s: list[str]) -> None:
    code, out = _pty_session(["check", *s, "-f", "fee=0", "-f", "hours_per_week=10"], [""])
    assert "DECLINE" in out
    assert "alignment" in out
    assert code == 1


@pytest.mark.parametrize("typed", ["o", "OUI"])
def test_terminal_reflex_takes_o_for_oui(s: list[str], tmp_path: Path, typed: str) -> None:
    from lighthouse_tui.store.log import DecisionLog

    db = tmp_path / "lighthouse.db"
    args = ["check", "Talk", *s, "--db", str(db), "--record", "-f", "fee=1000"]
    code, out = _pty_session([*args, "-f", "hours_per_week=0", "-f", "weeks=1"], [typed, "5"])
    assert "[y/o/n/u]" in out
    assert "Logged as decision 1." in out
    assert code == 0
    with DecisionLog.open(db, readonly=True) as log:
        (decision,) = log.decisions()
    assert decision.default_choice == "accept"


def _command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(
        dict(action.choices)
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    )


def test_each_command_alone_parses_and_explains_as_in_the_whole_parser() -> None:
    """`lighthouse X …` builds only the parsers of X's module: X must be there, with the same
    arguments and help as in the whole parser, which lists every command of COMMANDS."""
    whole = _command_parsers(cli.build_parser())
    assert list(whole) == list(cli.COMMANDS)
    for command in cli.COMMANDS:
        alone = _command_parsers(cli.build_parser(command))
        assert alone[command].format_help() == whole[command].format_help()


@pytest.mark.parametrize(
    ("typed", "fee"), [("1,5", 1.5), ("5 200", 5200.0), ("1 500 €", 1500.0), ("$1,500", 1500.0)]
)
def test_f_reads_numbers_as_people_type_them(s: list[str], typed: str, fee: float) -> None:
    done = run("check", "Audit", *s, "--no-input", "--json", "-f", f"fee={typed}")
    assert done.returncode in (0, 1, 3), done.stderr
    [criterion] = [c for c in json.loads(done.stdout)["criteria"] if c["id"] == "fee"]
    assert criterion["value"] == pytest.approx(min(fee / 1000, 1.0))


def test_a_bad_number_is_shown_as_typed_not_escaped(s: list[str]) -> None:
    done = run("check", "Audit", *s, "--no-input", "-f", "fee=2\u00a04OO")
    assert done.returncode == 2
    assert done.stderr == "lighthouse: fee: expected a number, got '2\u00a04OO'\n"


def test_a_strategy_nested_too_deep_is_a_problem_not_a_bug(tmp_path: Path) -> None:
    """The language is peeked at in the file before it is loaded: a file tomllib cannot
    parse without running out of stack must reach the loader, which says so in one line."""
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    done = run("check", "Talk", "-s", str(deep), "--no-input")
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"lighthouse: {deep}: not valid TOML: values nested too deeply\n"
