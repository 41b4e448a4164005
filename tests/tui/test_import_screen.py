"""Import… in the app: reached from the palette, the same summary and problem lines as the
CLI, nothing twice, nothing saved on a dry run or a bad request, hostile text shown as text."""

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens import importer
from lighthouse_tui.tui.screens.importer import ImportScreen, SourcesError, read_maps, read_sources
from lighthouse_tui.tui.screens.inbox import InboxScreen

from .conftest import SIZE, drawn, flat, item, notifications, settle, text_of, until

CSV = (
    "title,kind,fee,hours_per_week\n"
    "Audit for ACME,client_request,800,2\n"
    "Webinar swap,partner_offer,0,1\n"
    "Broken row,client_request,lots,2\n"
)


def summary(app: LighthouseApp) -> str:
    return flat(text_of(app.screen.query_one("#import-summary")))


def error(app: LighthouseApp) -> str:
    return flat(text_of(app.screen.query_one("#import-error")))


async def open_from_palette(pilot: Pilot[None]) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*"Import")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ImportScreen)


async def run(pilot: Pilot[None], sources: str, *, dry_run: bool = False) -> None:
    screen = pilot.app.screen
    screen.query_one("#import-sources", Input).value = sources
    screen.query_one("#import-dry-run", Checkbox).value = dry_run
    screen.query_one("#import-sources", Input).focus()
    await pilot.press("enter")
    await settle(pilot)


async def test_a_csv_imported_twice_gives_each_item_once_and_names_the_bad_row(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    Path("leads.csv").write_text(CSV, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_from_palette(pilot)
        await run(pilot, "leads.csv")
        shown = summary(pilot.app)
        assert "Imported 2 new, 0 already there, 1 skipped with problems." in shown
        assert "leads.csv CSV" in shown
        assert "leads.csv:4: fee: " in shown
        assert [i.title for i in log.inbox()] == ["Audit for ACME", "Webinar swap"]
        await run(pilot, "leads.csv")
        assert "Imported 0 new, 2 already there, 1 skipped with problems." in summary(pilot.app)
        assert len(log.inbox()) == 2
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        rows = drawn(pilot.app.screen.query_one("#inbox-table"))
        assert "Audit for ACME" in rows
        assert "Webinar swap" in rows


async def test_a_dry_run_reports_and_saves_nothing(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    Path("leads.csv").write_text(CSV, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await run(pilot, "leads.csv", dry_run=True)
        assert "Dry run, nothing saved: 2 new, 0 already there" in summary(pilot.app)
    assert log.inbox() == []


@pytest.mark.parametrize(
    ("typed", "kind", "maps", "expected"),
    [
        ("missing.csv", None, "", "missing.csv: no such file or directory"),
        ("'unclosed.csv", None, "", "cannot read the list of sources: no closing quotation"),
        ("", None, "", "name a file or a folder to import"),
        ("-", None, "", "stdin (-) is for `lighthouse import`"),
        ("leads.csv", None, "Budget=feee", "'feee'"),
    ],
)
async def test_bad_requests_say_why_in_one_line_and_save_nothing(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    typed: str,
    kind: str | None,
    maps: str,
    expected: str,
) -> None:
    Path("leads.csv").write_text(CSV, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        pilot.app.screen.query_one("#import-maps", Input).value = maps
        await run(pilot, typed)
        assert isinstance(pilot.app.screen, ImportScreen)
        assert expected in error(pilot.app) + summary(pilot.app)
    assert log.inbox() == []


async def test_hostile_text_is_shown_as_text(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Markup stays brackets and an escape sequence is spelled out, in the dialog's problem
    lines and in the inbox the items land in."""
    hostile = "[bold red]Win[/] \x1b[31mnow"
    escaped = hostile.replace("\x1b", "\\u001b")
    Path("offers.jsonl").write_text(
        f'{{"title": "{escaped}"}}\n{{"title": "ok", "fee": "{escaped}"}}\n', encoding="utf-8"
    )
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await run(pilot, "offers.jsonl")
        shown = drawn(pilot.app.screen.query_one("#import-summary"))
        assert "Imported 1 new" in shown
        assert "offers.jsonl:2: fee:" in shown
        assert "\x1b" not in shown
        await pilot.press("escape")
        await settle(pilot)
        rows = drawn(pilot.app.screen.query_one("#inbox-table"))
        assert "[bold red]Win[/] \\x1b[31mnow" in rows
    assert [i.title for i in log.inbox()] == [hostile]


async def test_a_read_only_log_allows_a_dry_run_only(
    make_app: Callable[..., LighthouseApp], log: DecisionLog, read_only_log: None
) -> None:
    log.add(item("Already there"))
    Path("leads.csv").write_text(CSV, encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await run(pilot, "leads.csv")
        assert "permission denied: only a dry run can read the sources" in error(pilot.app)
        await run(pilot, "leads.csv", dry_run=True)
        assert "Dry run, nothing saved: 2 new" in summary(pilot.app)
        assert error(pilot.app) == ""
    assert [i.title for i in log.inbox()] == ["Already there"]


def test_sources_split_like_a_shell(tmp_path: Path) -> None:
    assert read_sources("a.csv 'my leads.csv' ~/x.mbox ~nosuchuser0/y.csv") == [
        Path("a.csv"),
        Path("my leads.csv"),
        Path("~/x.mbox").expanduser(),
        Path("~nosuchuser0/y.csv"),
    ]
    with pytest.raises(SourcesError):
        read_sources("   ")


@pytest.mark.parametrize(
    ("typed", "maps"),
    [
        ("Subject=title, Budget (EUR)=fee,", ["Subject=title", "Budget (EUR)=fee"]),
        ("E-mail subject=title Budget=fee", ["E-mail subject=title", "Budget=fee"]),
        ("Subject = title,Budget=fee", ["Subject = title", "Budget=fee"]),
        ("a=b=c", ["a=b=c"]),
        ("Subject=title Budget", ["Subject=title", "Budget"]),
        (" , ", []),
    ],
)
def test_columns_split_by_commas_or_after_a_field(typed: str, maps: list[str]) -> None:
    """Each piece is one `--map` of the CLI; what is not COLUMN=FIELD is kept whole for
    `make_options` to name, never dropped or glued to the mapping before it."""
    assert read_maps(typed) == maps


async def test_mapped_columns_fill_fields(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    Path("form.csv").write_text("E-mail subject,Budget\nAudit for ACME,800\n", encoding="utf-8")
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        pilot.app.screen.query_one("#import-maps", Input).value = "E-mail subject=title Budget=fee"
        await run(pilot, "form.csv")
        assert "Imported 1 new" in summary(pilot.app)
    [saved] = log.inbox()
    assert (saved.title, saved.fields.get("fee")) == ("Audit for ACME", 800)


async def test_the_dialog_answers_keys_and_shows_progress_while_an_import_runs(
    make_app: Callable[..., LighthouseApp],
    log: DecisionLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The import holds the log's thread until it ends; the dialog meanwhile shows how far it
    got, and escape explains why it cannot stop halfway rather than freezing or closing."""
    Path("leads.csv").write_text(CSV, encoding="utf-8")
    halfway, finish = threading.Event(), threading.Event()
    real_import = importer.import_sources

    def slow_import(*args: Any, progress: Callable[[float, int], None], **kwargs: Any) -> Any:
        progress(0.5, 1_234)
        halfway.set()
        assert finish.wait(10)
        return real_import(*args, progress=progress, **kwargs)

    monkeypatch.setattr(importer, "import_sources", slow_import)
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        pilot.app.screen.query_one("#import-sources", Input).value = "leads.csv"
        await pilot.press("enter")
        assert await asyncio.to_thread(halfway.wait, 10)
        # the import's worker is held open on purpose: wait for what it shows, not for it
        await until(pilot, lambda: "Reading… 1,234 items so far" in summary(pilot.app))
        assert pilot.app.screen.query_one("#import-progress").display
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, ImportScreen)
        assert any("saves all of its items or none" in n for n in notifications(pilot.app))
        finish.set()
        await settle(pilot)
        assert "Imported 2 new" in summary(pilot.app)
    assert len(log.inbox()) == 2


@given(st.text())
def test_any_typed_sources_give_paths_or_one_line_why(text: str) -> None:
    problem = ""
    sources: list[Any] = []
    try:
        sources = read_sources(text)
    except SourcesError as exc:
        problem = str(exc)
    assert "\n" not in problem
    assert bool(sources) != bool(problem)
    assert all(isinstance(source, Path) for source in sources)
