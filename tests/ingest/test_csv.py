"""CSV: columns by name, --map, ratings and kind columns, encodings and delimiters sniffed,
and every kind of broken row named while the good rows are kept."""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.ingest import import_sources, make_options
from lighthouse_tui.store.log import DecisionLog

from .conftest import Import, lines


def write(tmp_path: Path, text: str | bytes, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    return path


def titles(log: DecisionLog) -> list[str]:
    return [item.title for item in log.inbox()]


def test_columns_match_fields_by_name_leniently(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Title,Hours per week,FEE,Ratings.Alignment,rating_posture,Kind,Remote,deadline\n"
        "Podcast,2,0,4,5,Partner offer,yes,2027-01-31\n",
    )
    summary = run(path)
    assert (summary.new, summary.problems, summary.notices) == (1, (), ())
    [item] = log.inbox()
    assert item.kind == "partner_offer"
    assert item.fields == {
        "title": "Podcast",
        "hours_per_week": 2.0,
        "fee": 0.0,
        "remote": True,
        "deadline": "2027-01-31",
    }
    assert item.ratings == {"alignment": 4.0, "posture": 5.0}


def test_unknown_columns_are_one_notice_and_map_brings_them_in(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = write(tmp_path, "E-mail subject,Fees,Phone,\nAudit,800,555,\nTalk,0,556,\n")
    refused = run(path)
    assert lines(refused.problems) == [
        f"{path}: no title column (the columns are 'E-mail subject', 'Fees', 'Phone', ''); "
        "name one 'title', or map one to it (COLUMN=title)"
    ]
    assert refused.nothing_read

    summary = run(path, maps=["e-mail SUBJECT=title"])
    assert summary.new == 2
    assert summary.problems == ()
    assert lines(summary.notices) == [
        f"{path}: columns not imported: 'Fees' (did you mean 'fee'?), 'Phone', column 4 (no "
        "name); a mapping COLUMN=FIELD imports one into a field"
    ]
    assert titles(log) == ["Audit", "Talk"]


def test_map_to_ratings_and_two_columns_for_one_field(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = write(tmp_path, "Subject,Score\nAudit,3\n")
    assert run(path, maps=["Subject=title", "Score=rating_alignment"]).new == 1
    assert log.inbox()[0].ratings == {"alignment": 3.0}
    both = write(tmp_path, "Title,Subject\na,b\n", "both.csv")
    assert lines(run(both, maps=["Subject=title"]).problems) == [
        f"{both}:1: columns 'Title' and 'Subject' both fill title; rename one, or map it to "
        "another field (COLUMN=FIELD)"
    ]


def test_kind_comes_from_the_column_then_k_then_the_default(
    run: Import, log: DecisionLog, tmp_path: Path, strategy: Strategy
) -> None:
    with_kind = write(tmp_path, "title,kind\nA,speaking\nB,\n")
    without = write(tmp_path, "title\nC\n", "c.csv")
    run(with_kind, without, kind="client_request")
    plain = write(tmp_path, "title\nD\n", "d.csv")
    run(plain)
    assert [(i.title, i.kind) for i in log.inbox()] == [
        ("A", "speaking"),
        ("B", "client_request"),
        ("C", "client_request"),
        ("D", "opportunity"),
    ]
    typo = write(tmp_path, "title,kind\nE,speeking\n", "e.csv")
    assert lines(run(typo).problems) == [
        f"{typo}:2: kind: unknown kind 'speeking' (did you mean 'speaking'?)"
    ]


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        ("title;notes\nCafé;naïve – ok\n".encode(), "UTF-8"),
        ("\ufefftitle;notes\nCafé;naïve – ok\n".encode(), "UTF-8 with BOM"),
        ("title;notes\nCafé;naïve – ok\n".encode("utf-16"), "UTF-16 (little-endian BOM)"),
        ("title;notes\nCafé;naïve – ok\n".encode("cp1252"), "cp1252 (not UTF-8)"),
    ],
)
def test_encodings_are_sniffed_and_named(
    run: Import, log: DecisionLog, tmp_path: Path, encoded: bytes, encoding: str
) -> None:
    summary = run(write(tmp_path, encoded))
    assert summary.sources[0].details == (encoding, "';'-separated")
    assert [(i.title, i.fields["notes"]) for i in log.inbox()] == [("Café", "naïve – ok")]


def test_latin1_is_the_last_resort(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    summary = run(write(tmp_path, b"title\nA\x81b\n"))  # 0x81 is undefined in cp1252
    assert summary.sources[0].details[0] == "latin-1 (not UTF-8)"
    assert titles(log) == ["A\x81b"]


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("title,fee\nA,1\n", "a.csv", "','-separated"),
        ("title;fee\nA;1\n", "a.csv", "';'-separated"),
        ("title\tfee\nA\t1\n", "a.csv", "tab-separated"),
        ("title\tnotes\nA\tx, y; z\n", "a.tsv", "tab-separated"),
    ],
)
def test_delimiters_are_sniffed_from_the_header(
    run: Import, log: DecisionLog, tmp_path: Path, text: str, name: str, label: str
) -> None:
    assert run(write(tmp_path, text, name)).sources[0].details[1] == label
    assert titles(log) == ["A"]


def test_malformed_rows_are_named_and_the_good_ones_kept(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "title,fee,notes\n"
        "Good one,100,fine\n"
        "Short row,200\n"
        "Long row,1,x,extra\n"
        'Bad "quote",1,"unclosed\n'
        "Still good,300,ok\n"
        '"Glued"quote,1,x\n'
        "Padded,5,x,,\n"
        "\n"
        ",,\n"
        '"Multi\nline",7,"two\nlines"\n'
        "Last,8,ok",
    )
    summary = run(path)
    assert lines(summary.problems) == [
        f"{path}:3: expected 3 columns, got 2",
        f"{path}:4: expected 3 columns, got 4",
        f'{path}:5: unclosed quote: the value opened with " on this line never closes',
        f"{path}:7: malformed CSV: ',' expected after '\"'",
    ]
    assert titles(log) == ["Good one", "Still good", "Padded", "Multi\nline", "Last"]
    assert (summary.new, summary.skipped) == (5, 4)


def test_values_of_the_wrong_type_name_field_and_value(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "title,fee,remote,deadline,rating_alignment\n"
        "A,lots,maybe,next week,7\n"
        "B,1_500,no,2027-02-01,4.5\n",
    )
    assert lines(run(path).problems) == [
        f"{path}:2: fee: expected a number, got 'lots'",
        f"{path}:2: remote: expected true or false, got 'maybe'",
        f"{path}:2: deadline: expected a date like 2027-01-31, got 'next week'",
        f"{path}:2: ratings.alignment: a rating is from 0 to 5, got 7",
    ]
    [item] = log.inbox()
    assert (item.title, item.fields["fee"], item.fields["remote"]) == ("B", 1500.0, False)


def test_a_row_without_title_is_a_problem(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    path = write(tmp_path, "title,fee\n,100\n  ,200\nOk,1\n")
    assert lines(run(path).problems) == [
        f"{path}:2: no title: every opportunity needs one",
        f"{path}:3: no title: every opportunity needs one",
    ]
    assert titles(log) == ["Ok"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 8, "not text: binary data (or UTF-16 without a byte-order mark)"),
        (
            b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 200,
            "not text: this is a ZIP archive or a spreadsheet (.xlsx, .ods); export it as CSV",
        ),
        (b"title\n" + b"\x00" * 64, "not text: binary data (or UTF-16 without a byte-order mark)"),
        (b"", "empty: nothing to import"),
        (b" \r\n\t\n", "empty: nothing to import"),
    ],
)
def test_binary_and_empty_files_are_one_clear_problem(
    run: Import, tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, data)
    summary = run(path)
    assert lines(summary.problems) == [f"{path}: {message}"]
    assert summary.nothing_read


def test_a_nul_byte_in_a_cell_is_kept(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    run(write(tmp_path, "title,notes\nnul\x00byte,a\x00b\n"))
    [item] = log.inbox()
    assert (item.title, item.fields["notes"]) == ("nul\x00byte", "a\x00b")


def test_a_header_without_rows_is_read_and_said(run: Import, tmp_path: Path) -> None:
    path = write(tmp_path, "title,fee\n")
    summary = run(path)
    assert not summary.nothing_read
    assert lines(summary.notices) == [f"{path}: no rows below the header"]
    assert summary.problems == ()


CELL = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=CELL.filter(lambda t: t.strip()), notes=CELL, delimiter=st.sampled_from(",;\t"))
def test_any_cell_text_round_trips_into_the_inbox(
    strategy: Strategy, title: str, notes: str, delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["title", "notes"])
    writer.writerow([title, notes])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cells.csv"
        path.write_text(out.getvalue(), encoding="utf-8", newline="")
        with DecisionLog.open(Path(tmp) / "log.db") as log:
            summary = import_sources([path], make_options(strategy), inbox=log)
            assert summary.problems == ()
            [item] = log.inbox()
    assert item.title == title
    assert item.fields.get("notes", "") == notes


def test_cp1252_numbers_with_no_break_spaces_and_commas(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    """A spreadsheet's export: `2 400` with a no-break space (0xA0 in cp1252), `12,5` hours."""
    text = "title;fee;hours_per_week\nAudit;2\u00a0400 €;12,5\nTalk;5 200;1\n"
    summary = run(write(tmp_path, text.encode("cp1252")))
    assert (summary.new, summary.skipped) == (2, 0)
    assert [(i.title, i.fields["fee"], i.fields["hours_per_week"]) for i in log.inbox()] == [
        ("Audit", 2400.0, 12.5),
        ("Talk", 5200.0, 1.0),
    ]
