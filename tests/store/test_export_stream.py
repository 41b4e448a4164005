"""Exports stream narrow rows straight from the cursor, and write what the decoded records
wrote, byte for byte: corrected outcomes, text that looks like a formula, filters."""

import csv
import io
import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loader import load_strategy_file
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.store.export import (
    CSV_COLUMNS,
    ExportRow,
    decision_json,
    spreadsheet_safe,
    write_csv,
    write_jsonl,
)
from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.store.records import DecisionRecord

GOOD = Path(__file__).parent.parent / "data" / "strategies" / "good.toml"
TEXTS = ("=SUM(A1)", "+1", "-2", "@x", "\tTab", "plain", "é|*ü", 'quote " and, comma')


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def log(tmp_path: Path) -> Iterator[DecisionLog]:
    loaded = load_strategy_file(GOOD)
    rng = random.Random(13)
    clock = Clock()
    with DecisionLog.open(tmp_path / "log.db", clock=clock) as opened:
        for n in range(60):
            clock.now += timedelta(minutes=rng.choice([0, 3, 600]), microseconds=rng.choice([0, 7]))
            opportunity = Opportunity(
                rng.choice(("client_request", "partner_offer", "speaking")),
                {
                    "title": f"{rng.choice(TEXTS)} {n}",
                    "fee": float(rng.randrange(0, 3000, 100)),
                    "hours_per_week": float(rng.choice([0, 2])),
                    "source": rng.choice(TEXTS),
                },
                {"alignment": float(rng.randint(0, 5))} if rng.random() < 0.7 else {},
            )
            ident = opened.record(
                opportunity=opportunity,
                evaluation=evaluate(loaded, opportunity, committed=0.0),
                strategy=loaded,
                default_choice=rng.choice(("accept", "decline", "unsure")),
                final_choice=rng.choice(("accept", "decline", "defer")),
                note=rng.choice((None, *TEXTS)),
            )
            for _ in range(rng.choice([0, 1, 2])):
                opened.add_outcome(ident, rng.randint(1, 5), rng.choice((None, *TEXTS)))
        yield opened


def csv_of_records(records: Iterator[DecisionRecord]) -> str:
    """The CSV as every version before the narrow rows wrote it, from decoded records."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        outcome = record.outcome
        row: list[object] = [
            record.id,
            record.decided_at.isoformat(),
            record.kind,
            record.title,
            record.source or "",
            record.default_choice,
            record.verdict,
            "" if record.score is None else f"{record.score:.1f}",
            "yes" if record.provisional else "no",
            record.final_choice,
            "yes" if record.overrode else "no",
            record.note or "",
            outcome.rating if outcome else "",
            (outcome.note or "") if outcome else "",
            outcome.happened_on.isoformat() if outcome else "",
            record.fingerprint[:12],
        ]
        writer.writerow([spreadsheet_safe(c) if isinstance(c, str) else c for c in row])
    return out.getvalue()


FILTERS = (
    LogFilter(),
    LogFilter(kind="partner_offer"),
    LogFilter(overrode=True),
    LogFilter(text="plain"),
    LogFilter(since=datetime(2027, 1, 6).date()),
)


@pytest.mark.parametrize("where", FILTERS)
def test_jsonl_is_what_the_records_gave(log: DecisionLog, where: LogFilter) -> None:
    out = io.StringIO()
    count = write_jsonl(log.export_rows(where, values=True), out)
    expected = [
        json.dumps(decision_json(r), ensure_ascii=False) + "\n" for r in log.all_decisions(where)
    ]
    assert count == len(expected) == log.count(where)
    assert out.getvalue() == "".join(expected)


@pytest.mark.parametrize("where", FILTERS)
def test_csv_is_what_the_records_gave(log: DecisionLog, where: LogFilter) -> None:
    out = io.StringIO(newline="")
    count = write_csv(log.export_rows(where, values=False), out)
    assert count == log.count(where)
    assert out.getvalue() == csv_of_records(log.all_decisions(where))


@pytest.mark.parametrize("writer", [write_csv, write_jsonl])
def test_rows_are_written_as_they_come(log: DecisionLog, writer: object) -> None:
    """Nothing is gathered before writing: the rows read so far are already out when the
    cursor fails."""
    out = io.StringIO(newline="")
    rows = log.export_rows(LogFilter(), values=True)

    def three_then_fail() -> Iterator[ExportRow]:
        for _ in range(3):
            yield next(rows)
        raise RuntimeError("the disk went away")

    with pytest.raises(RuntimeError):
        writer(three_then_fail(), out)  # type: ignore[operator]
    lines = out.getvalue().splitlines()
    assert len(lines) == (4 if writer is write_csv else 3)


def test_excel_csv_is_the_same_cells_for_a_french_spreadsheet(log: DecisionLog) -> None:
    """A byte order mark, semicolons, CRLF and a decimal comma in the score; every other cell
    as the default CSV has it, formulas neutralised alike."""
    plain, excel = io.StringIO(newline=""), io.StringIO(newline="")
    write_csv(log.export_rows(LogFilter(), values=False), plain)
    count = write_csv(log.export_rows(LogFilter(), values=False), excel, excel=True)
    text = excel.getvalue()
    assert count == log.count(LogFilter())
    assert text.startswith("\ufeffid;decided_at;kind;title;")
    assert text.count("\r\n") == text.count("\n") == count + 1  # a line per row, CRLF
    got = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))
    expected = list(csv.reader(io.StringIO(plain.getvalue(), newline="")))
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
    row = next(log.export_rows(LogFilter(), values=False))._replace(
        title="Audit; phase 2", note="=1;2"
    )
    out = io.StringIO(newline="")
    write_csv([row], out, excel=True)
    line = out.getvalue().split("\r\n")[1]
    assert ';"Audit; phase 2";' in line
    assert ';"\'=1;2";' in line
