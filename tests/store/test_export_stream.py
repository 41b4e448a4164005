"""Exports are built by SQLite a line per decision and streamed from the cursor. They hold
what the decoded records give, the way every version before wrote them: the CSV byte for
byte, the JSON Lines the same keys in the same order with the same values and types (only
the spacing changed: compact separators). Hostile text, corrected outcomes, filters, and the
rare rows Python builds itself (a NUL in a text, values that are not strict JSON)."""

import csv
import io
import json
import math
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.export import (
    CSV_COLUMNS,
    csv_lines,
    decision_json,
    jsonl_lines,
    spreadsheet_safe,
    write_csv,
    write_lines,
)
from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.store.records import DecisionRecord

GOOD = Path(__file__).parent.parent / "data" / "strategies" / "good.toml"
TEXTS = (
    "=SUM(A1)",
    "+1",
    "-2",
    "@x",
    "\tTab",
    "\rCR first",
    "plain",
    "é|*ü 😀",
    'quote " and, comma',
    "semi; colon",
    "two\nlines\r\nand CRLF",
    "\u2028 line separator, \x7f DEL, \x1b[31m escape",
    "",
)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def fill(log: DecisionLog, clock: Clock, loaded: LoadedStrategy, texts: list[str]) -> None:
    """A decision per text (in its title, source, note and an outcome's note), with every
    choice, corrected and uncorrected outcomes, some moments on a whole second."""
    rng = random.Random(len(texts))
    for n, text in enumerate(texts):
        clock.now += timedelta(minutes=rng.choice([0, 3, 600]), microseconds=rng.choice([0, 7]))
        opportunity = Opportunity(
            rng.choice(("client_request", "partner_offer", "speaking")),
            {
                "title": f"{text} {n}",
                "fee": float(rng.randrange(0, 3000, 100)),
                "hours_per_week": float(rng.choice([0, 2])),
                "source": text,
            },
            {"alignment": float(rng.randint(0, 5))} if rng.random() < 0.7 else {},
        )
        ident = log.record(
            opportunity=opportunity,
            evaluation=evaluate(loaded, opportunity, committed=0.0),
            strategy=loaded,
            default_choice=rng.choice(("accept", "decline", "unsure")),
            final_choice=rng.choice(("accept", "decline", "defer")),
            note=rng.choice((None, text)),
        )
        for _ in range(rng.choice([0, 1, 2])):
            log.add_outcome(ident, rng.randint(1, 5), rng.choice((None, text)))


@pytest.fixture(scope="module")
def loaded() -> LoadedStrategy:
    return load_strategy_file(GOOD)


@pytest.fixture
def log(tmp_path: Path, loaded: LoadedStrategy) -> Iterator[DecisionLog]:
    clock = Clock()
    with DecisionLog.open(tmp_path / "log.db", clock=clock) as opened:
        fill(opened, clock, loaded, [random.Random(n).choice(TEXTS) for n in range(60)])
        yield opened


def csv_of_records(records: Iterator[DecisionRecord], *, excel: bool = False) -> str:
    """The CSV as every version before SQLite built it, from decoded records."""
    out = io.StringIO(newline="")
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        outcome = record.outcome
        score = "" if record.score is None else spreadsheet_safe(f"{record.score:.1f}")
        row: list[object] = [
            record.id,
            record.decided_at.isoformat(),
            spreadsheet_safe(record.kind),
            spreadsheet_safe(record.title),
            spreadsheet_safe(record.source or ""),
            record.default_choice,
            record.verdict,
            score.replace(".", ",") if excel else score,
            "yes" if record.provisional else "no",
            record.final_choice,
            "yes" if record.overrode else "no",
            spreadsheet_safe(record.note or ""),
            outcome.rating if outcome else "",
            spreadsheet_safe(outcome.note or "") if outcome else "",
            outcome.happened_on.isoformat() if outcome else "",
            record.fingerprint[:12],
        ]
        writer.writerow(row)
    return out.getvalue()


def exactly(value: Any) -> Any:
    """A JSON value with what `==` overlooks made visible: key order, and types (True == 1
    and 1 == 1.0 in Python), floats by their exact text (so NaN equals NaN)."""
    if isinstance(value, dict):
        return ("object", [(key, exactly(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [exactly(item) for item in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def lines_of(text: str) -> list[str]:
    """JSON Lines split at "\n" only (`splitlines` would split at U+2028 in a string too)."""
    assert text.endswith("\n") or not text
    return text.split("\n")[:-1]


def jsonl_exactly(text: str) -> list[Any]:
    return [exactly(json.loads(line)) for line in lines_of(text)]


def records_jsonl(log: DecisionLog, where: LogFilter) -> str:
    """The JSON Lines as every version before SQLite built them, from decoded records."""
    return "".join(
        json.dumps(decision_json(r), ensure_ascii=False) + "\n" for r in log.all_decisions(where)
    )


FILTERS = (
    LogFilter(),
    LogFilter(kind="partner_offer"),
    LogFilter(overrode=True),
    LogFilter(text="plain"),
    LogFilter(since=datetime(2027, 1, 6).date()),
)


@pytest.mark.parametrize("where", FILTERS)
def test_jsonl_holds_what_the_records_gave(log: DecisionLog, where: LogFilter) -> None:
    out = io.StringIO()
    count = write_lines(jsonl_lines(log, where), out)
    assert count == log.count(where) == out.getvalue().count("\n")
    assert count > 0
    assert jsonl_exactly(out.getvalue()) == jsonl_exactly(records_jsonl(log, where))


def test_jsonl_lines_are_compact_and_one_per_decision(log: DecisionLog) -> None:
    """The documented form: one object a line, no spaces between tokens, text unescaped."""
    out = io.StringIO()
    write_lines(jsonl_lines(log, LogFilter()), out)
    first = lines_of(out.getvalue())[0]
    assert first.startswith('{"id":1,"decided_at":"2027-01-04T')
    assert '": ' not in first
    assert "é|*ü 😀" in out.getvalue()


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("excel", [False, True])
def test_csv_is_what_the_records_gave(log: DecisionLog, where: LogFilter, excel: bool) -> None:
    out = io.StringIO(newline="")
    count = write_csv(csv_lines(log, where, excel=excel), out, excel=excel)
    assert count == log.count(where)
    assert out.getvalue() == csv_of_records(log.all_decisions(where), excel=excel)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_any_text_exports_as_the_records_gave(loaded: LoadedStrategy, texts: list[str]) -> None:
    """Whatever the text, NUL and lone line breaks included: Python builds the lines SQLite
    cannot build exactly."""
    with tempfile.TemporaryDirectory() as tmp:
        clock = Clock()
        with DecisionLog.open(Path(tmp) / "log.db", clock=clock) as log:
            fill(log, clock, loaded, texts)
            for excel in (False, True):
                out = io.StringIO(newline="")
                write_csv(csv_lines(log, LogFilter(), excel=excel), out, excel=excel)
                assert out.getvalue() == csv_of_records(log.all_decisions(), excel=excel)
            out = io.StringIO()
            write_lines(jsonl_lines(log, LogFilter()), out)
            assert jsonl_exactly(out.getvalue()) == jsonl_exactly(records_jsonl(log, LogFilter()))


def test_a_nul_in_a_text_is_kept_in_the_csv(log: DecisionLog) -> None:
    """SQLite's printf stops at a NUL: that row is written by the CSV module instead."""
    with closing(sqlite3.connect(log.path)) as db, db:
        db.execute("UPDATE opportunities SET title = ? WHERE id = 2", ("before\x00after, comma",))
    out = io.StringIO(newline="")
    write_csv(csv_lines(log, LogFilter()), out)
    assert ',"before\x00after, comma",' in out.getvalue()
    assert out.getvalue() == csv_of_records(log.all_decisions())


def test_values_that_are_not_strict_json_are_read_as_python_reads_them(
    log: DecisionLog,
) -> None:
    """A NaN in the stored values (JSON as Python writes it, not as SQLite reads it), and
    moments and days not in the stored form: the export reads them as the records do."""
    with closing(sqlite3.connect(log.path)) as db, db:
        db.execute("""UPDATE opportunities SET fields = '{"title":"x","fee":NaN}' WHERE id = 3""")
        db.execute("UPDATE decisions SET decided_at = '2027-01-04T10:00:00+00:00' WHERE id = 1")
        db.execute("UPDATE outcomes SET happened_on = '20270104'")
    out = io.StringIO()
    write_lines(jsonl_lines(log, LogFilter()), out)
    lines = jsonl_exactly(out.getvalue())
    assert lines == jsonl_exactly(records_jsonl(log, LogFilter()))
    third = json.loads(lines_of(out.getvalue())[2])
    assert math.isnan(third["fields"]["fee"])
    assert json.loads(lines_of(out.getvalue())[0])["decided_at"] == "2027-01-04T10:00:00+00:00"


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_lines_are_written_as_they_come(log: DecisionLog, form: str) -> None:
    """Nothing is gathered before writing: the lines read so far are already out when the
    cursor fails."""
    out = io.StringIO(newline="")
    lines = csv_lines(log, LogFilter()) if form == "csv" else jsonl_lines(log, LogFilter())

    def three_then_fail() -> Iterator[str]:
        for _ in range(3):
            yield next(lines)
        raise RuntimeError("the disk went away")

    write = write_csv if form == "csv" else write_lines
    with pytest.raises(RuntimeError):
        write(three_then_fail(), out)
    assert out.getvalue().count("\n") == (4 if form == "csv" else 3)


def test_excel_csv_is_the_same_cells_for_a_french_spreadsheet(log: DecisionLog) -> None:
    """A byte order mark, semicolons, CRLF and a decimal comma in the score; every other cell
    as the default CSV has it, formulas neutralised alike."""
    plain, excel = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(csv_lines(log, LogFilter()), plain)
    count = write_csv(csv_lines(log, LogFilter(), excel=True), excel, excel=True)
    text = excel.getvalue()
    assert count == log.count(LogFilter())
    assert text.startswith("\ufeffid;decided_at;kind;title;")
    got = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    expected = list(csv.reader(io.StringIO(plain.getvalue(), newline="")))
    assert len(got) == count + 1
    score = CSV_COLUMNS.index("score")
    assert [r[score] for r in got[1:]] == [r[score].replace(".", ",") for r in expected[1:]]
    assert any("," in r[score] for r in got[1:])
    for row in (*got, *expected):
        del row[score]
    assert got == expected
    titles = [r[CSV_COLUMNS.index("title")] for r in got[1:]]
    assert any(t.startswith("'=SUM(A1)") for t in titles)
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)


def test_an_excel_cell_holding_a_semicolon_is_quoted(log: DecisionLog) -> None:
    with closing(sqlite3.connect(log.path)) as db, db:
        db.execute("UPDATE opportunities SET title = 'Audit; phase 2' WHERE id = 1")
        db.execute("UPDATE decisions SET note = '=1;2' WHERE id = 1")
    out = io.StringIO(newline="")
    write_csv(csv_lines(log, LogFilter(), excel=True), out, excel=True)
    line = out.getvalue().split("\r\n")[1]
    assert ';"Audit; phase 2";' in line
    assert ';"\'=1;2";' in line
