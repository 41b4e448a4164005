"""A run as a whole: nothing twice, nothing lost, all or nothing saved; keys looked up before
parsing; progress; and arbitrary bytes never crash it."""

import tempfile
from collections.abc import Collection
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.ingest import ImportSummary, NamedBytes, import_sources, mailboxes, make_options
from lighthouse_tui.store.log import DecisionLog

from .conftest import IMPORT_DATA, Import, lines

ALL = [IMPORT_DATA / "exported.mbox", IMPORT_DATA / "contact-form.csv", IMPORT_DATA / "offers.json"]
FORM = ["Subject=title", "Message=notes", "Budget (EUR)=fee", "Email=source"]


def test_importing_again_adds_nothing(run: Import, log: DecisionLog) -> None:
    first = run(*ALL, maps=FORM)
    assert (first.new, first.duplicates, first.skipped) == (8, 1, 7)
    again = run(*ALL, maps=FORM)
    assert (again.new, again.duplicates, again.skipped) == (0, 9, 7)
    assert again.problems == first.problems
    assert again.ids == ()
    assert len(log.inbox()) == 8
    assert list(first.ids) == [i.id for i in sorted(log.inbox(), key=lambda i: i.id)]


def test_duplicates_inside_one_run_count_as_duplicates(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = tmp_path / "twice.csv"
    path.write_text("title,fee\nAudit,800\nAudit,800\nTalk,0\n")
    summary = run(path, path)
    assert (summary.new, summary.duplicates) == (2, 4)
    assert [i.title for i in log.inbox()] == ["Audit", "Talk"]


def test_whitespace_order_and_format_changes_do_not_duplicate(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    first = tmp_path / "a.csv"
    first.write_text("title,fee,notes\nAudit,800,Two  pages\n")
    moved = tmp_path / "b.csv"
    moved.write_text("notes ; fee;Title\n Two pages ;800.0;Audit \n")
    as_json = tmp_path / "c.json"
    as_json.write_text('[\n  {"fee": 800, "notes": "Two pages",\n   "title": "Audit"}\n]')
    summary = run(first, moved, as_json)
    assert (summary.new, summary.duplicates) == (1, 2)
    assert log.inbox()[0].fields == {"title": "Audit", "fee": 800.0, "notes": "Two  pages"}
    other_kind = run(first, kind="client_request")
    assert other_kind.new == 1


def test_a_run_is_saved_whole_or_not_at_all(
    run: Import, log: DecisionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = DecisionLog._insert_opportunity
    calls = 0

    def failing(self: DecisionLog, *args: object) -> int | None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(DecisionLog, "_insert_opportunity", failing)
    with pytest.raises(KeyboardInterrupt):
        run(*ALL, maps=FORM)
    monkeypatch.undo()
    assert log.inbox() == []
    assert run(*ALL, maps=FORM).new == 8


def test_an_interrupted_read_saves_nothing(strategy: Strategy, log: DecisionLog) -> None:
    def interrupt(fraction: float, items: int) -> None:
        if items == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_sources(ALL, make_options(strategy), inbox=log, progress=interrupt)
    assert log.inbox() == []


def test_known_keys_are_skipped_before_parsing(
    strategy: Strategy, log: DecisionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = make_options(strategy)
    mbox = IMPORT_DATA / "exported.mbox"
    import_sources([mbox], options, inbox=log)
    parsed: list[object] = []
    real = mailboxes.read_message
    monkeypatch.setattr(mailboxes, "read_message", lambda *args: parsed.append(args) or real(*args))
    asked: list[set[str]] = []

    def known(keys: Collection[str]) -> set[str]:
        asked.append(set(keys))
        return set(keys)

    summary = import_sources([mbox], options, inbox=log, known=known)
    assert (summary.new, summary.duplicates, summary.skipped) == (0, 6, 1)
    # one message has no Message-ID: it is parsed, keyed by content, then looked up
    assert len(parsed) == 1
    assert [len(keys) for keys in asked] == [4, 1]


def test_progress_runs_from_zero_to_one(strategy: Strategy) -> None:
    seen: list[tuple[float, int]] = []
    import_sources(ALL, make_options(strategy), progress=lambda f, n: seen.append((f, n)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] > 0
    assert fractions[-1] == pytest.approx(1.0)
    assert [n for _, n in seen] == list(range(1, len(seen) + 1))


def test_a_dry_run_reads_and_writes_nothing(run: Import, log: DecisionLog) -> None:
    summary = run(*ALL, maps=FORM, dry_run=True)
    assert (summary.new, summary.duplicates, summary.saved, summary.ids) == (8, 1, False, ())
    assert log.inbox() == []


def test_missing_sources_and_stdin(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    summary = run(tmp_path / "nope.csv", NamedBytes("<stdin>", b'{"title": "piped"}'))
    assert lines(summary.problems) == [f"{tmp_path / 'nope.csv'}: no such file or directory"]
    assert [(s.source, s.format, s.read) for s in summary.sources] == [
        (str(tmp_path / "nope.csv"), "", False),
        ("<stdin>", "JSON", True),
    ]
    assert not summary.nothing_read
    assert [i.title for i in log.inbox()] == ["piped"]


@pytest.mark.parametrize(
    ("data", "format_name"),
    [
        (b"From x@y Mon Jan  1 00:00:00 2026\nSubject: a\n\nb\n", "mbox"),
        (b"Received: by x\nSubject: a\n\nb\n", "e-mail"),
        (b"# mine\n[[opportunity]]\ntitle = 'a'\n", "TOML"),
        (b'[{"title": "a"}]', "JSON"),
        (b"title;fee\na;1\n", "CSV"),
        ("title\tfee\na\t1\n".encode("utf-16"), "CSV"),
    ],
)
def test_content_is_sniffed_when_the_name_says_nothing(
    run: Import, data: bytes, format_name: str
) -> None:
    summary = run(NamedBytes("<stdin>", data))
    assert (summary.sources[0].format, summary.new, summary.problems) == (format_name, 1, ())


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty: nothing to import"),
        (
            b"just some prose\nwithout any structure\n",
            "not a format lighthouse imports (CSV, "
            "JSON, JSON Lines, TOML, e-mail, mbox): give the file its extension",
        ),
        (b"\x00\x01\x02\xff" * 10, "not text: binary data (or UTF-16 without a byte-order mark)"),
    ],
)
def test_unrecognised_content(run: Import, tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "export.dat"
    path.write_bytes(data)
    assert lines(run(path).problems) == [f"{path}: {problem}"]


SEEDS = [
    b"",
    b"title,fee\n",
    b"From a\nSubject: x\nContent-Type: multipart/mixed; boundary=b\n\n",
    b"[[opportunity]]\n",
    b"[",
    b"{",
    b"Subject: x\n\n",
]


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    seed=st.sampled_from(SEEDS),
    data=st.binary(max_size=600),
    suffix=st.sampled_from([".csv", ".tsv", ".json", ".jsonl", ".toml", ".eml", ".mbox", ""]),
)
def test_arbitrary_bytes_never_crash_the_importer(
    strategy: Strategy, seed: bytes, data: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"source{suffix}"
        path.write_bytes(seed + data)
        with DecisionLog.open(Path(tmp) / "log.db") as log:
            summary: ImportSummary = import_sources([path], make_options(strategy), inbox=log)
            assert len(log.inbox()) == summary.new
    read = sum(s.items for s in summary.sources)
    assert summary.new + summary.duplicates + summary.skipped == read
    assert all(str(p).startswith(str(path)) for p in summary.problems)
