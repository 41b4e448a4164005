"""JSON, JSON Lines and TOML: typed values, field problems from `build_opportunity`, items
located by array index, line or table index."""

from pathlib import Path

import pytest

from lighthouse_tui.store.log import DecisionLog

from .conftest import IMPORT_DATA, Import, lines


def test_json_array_items_are_located_by_index(run: Import, log: DecisionLog) -> None:
    path = IMPORT_DATA / "offers.json"
    summary = run(path)
    assert lines(summary.problems) == [
        f"{path}:[1]: remote: expected true or false, got 'maybe'",
        f"{path}:[2]: expected an object of fields, got a string",
        f"{path}:[3]: feee: unknown field 'feee' (did you mean 'fee'?)",
    ]
    [item] = log.inbox()
    assert (item.title, item.kind, item.fields["fee"], item.ratings) == (
        "Audit for ACME",
        "client_request",
        800,
        {"alignment": 4},
    )
    assert (summary.sources[0].format, summary.sources[0].items) == ("JSON", 4)


def test_one_json_object_is_one_item(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"title": "Solo", "fee": "x"}')
    assert lines(run(path).problems) == [f"{path}: fee: expected a number, got 'x'"]
    path.write_text('{"title": "Solo", "fee": 10}')
    assert run(path).new == 1
    assert log.inbox()[0].fields == {"title": "Solo", "fee": 10}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[{"title": "a"},\n {"title": }]', ":2:12: not valid JSON: Expecting value"),
        ("[" * 100_000, ": not valid JSON: nested too deeply"),
        ("42", ": expected an array of objects, or one object; got a number"),
    ],
)
def test_a_broken_json_file_is_one_located_problem(
    run: Import, tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    summary = run(path)
    assert lines(summary.problems) == [f"{path}{problem}"]
    assert summary.nothing_read


def test_an_invalid_json_line_among_good_ones(run: Import, log: DecisionLog) -> None:
    path = IMPORT_DATA / "offers.jsonl"
    summary = run(path)
    assert lines(summary.problems) == [f"{path}:3: not valid JSON: Expecting value (column 33)"]
    assert [i.title for i in log.inbox()] == ["Audit for ACME", "Mentoring", "Talk"]
    assert log.inbox()[2].fields["deadline"] == "2027-03-01"
    assert summary.sources[0].format == "JSON Lines"


def test_json_lines_are_recognised_in_a_json_file_and_sniffed(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    misnamed = tmp_path / "export.json"
    misnamed.write_text('{"title": "a"}\n{"title": "b"}\n')
    unnamed = tmp_path / "export"
    unnamed.write_text('{"title": "c"}\n[1]\n')
    summary = run(misnamed, unnamed)
    assert [s.format for s in summary.sources] == ["JSON Lines", "JSON Lines"]
    assert lines(summary.problems) == [f"{unnamed}:2: expected an object of fields, got an array"]
    assert [i.title for i in log.inbox()] == ["a", "b", "c"]


def test_toml_entries(run: Import, log: DecisionLog) -> None:
    path = IMPORT_DATA / "offers.toml"
    summary = run(path)
    assert lines(summary.problems) == [f"{path}:[1]: fee: expected a number, got 'a lot'"]
    first, second = log.inbox()
    assert (first.title, first.kind, first.fields["deadline"], first.fields["remote"]) == (
        "Guest lecture",
        "speaking",
        "2027-04-15",
        True,
    )
    assert second.title == "Review a book"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[opportunity]]\ntitle = "a\n', ":2:11: not valid TOML: illegal character '\\n'"),
        (
            'title = "a"\n',
            ": no [[opportunity]] tables: write each opportunity as a "
            "[[opportunity]] table of fields",
        ),
    ],
)
def test_a_broken_toml_file_is_one_problem(
    run: Import, tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    assert lines(run(path).problems) == [f"{path}{problem}"]


def test_toml_keys_outside_tables_are_named(run: Import, tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text('owner = "me"\n[[opportunity]]\ntitle = "a"\n')
    summary = run(path)
    assert summary.new == 1
    assert lines(summary.notices) == [
        f"{path}: keys outside any [[opportunity]] not imported: 'owner'"
    ]


def test_map_renames_json_keys(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    path = tmp_path / "form.jsonl"
    path.write_text('{"Your subject": "Audit", "Budget": 900, "Score": 4}\n')
    summary = run(path, maps=["your subject=title", "budget=fee", "Score=ratings.alignment"])
    assert summary.problems == ()
    [item] = log.inbox()
    assert (item.title, item.fields["fee"], item.ratings) == ("Audit", 900, {"alignment": 4})
