"""User text is data: markup, escapes, direction marks, NULs and megabytes come back from the
log byte for byte, whatever path they took (inbox, decision, note, fields)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog, LogFilter

from .support import decide, opp

HOSTILE = {
    "rich-markup": "[bold red]x[/] [link=https://evil.example]click[/link] [/]",
    "ansi": "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b[2J",
    "rtl-override": "invoice \u202egnp.exe\u202c",
    "zero-width": "a\u200bb\u200c\u200d\ufeff",
    "nul": "before\x00after\x00",
    "emoji": "👩🏽‍💻 🇫🇷 ✨",
    "controls": "tab\tcr\rlf\nbell\x07del\x7f",
    "sql": "'); DROP TABLE decisions; --",
    "json": '{"title": "not me"}\\u0000"',
    "one-megabyte": "Équipe 👩🏽‍💻 [b]x[/b]\x00\x1b[1m" * 40_000,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_round_trips_exactly(
    log: DecisionLog, loaded: LoadedStrategy, text: str
) -> None:
    item = log.add(opp(text, source=text, notes=text))
    assert item is not None
    [waiting] = log.inbox()
    assert (waiting.title, waiting.source, waiting.fields["notes"]) == (text, text, text)
    assert waiting.title.encode() == text.encode()

    ident = decide(log, loaded, opp(text, source=text, notes=text), note=text, item_id=item)
    record = log.decision(ident)
    for stored in (record.title, record.note, record.source, record.fields["notes"]):
        assert stored == text
        assert stored.encode() == text.encode()

    log.add_outcome(ident, 3, note=text)
    outcome = log.decision(ident).outcome
    assert outcome is not None
    assert outcome.note == text
    assert [o.note for o in log.outcome_history(ident)] == [text]


def test_search_takes_the_text_literally(log: DecisionLog, loaded: LoadedStrategy) -> None:
    for text in ("100% sure", "a_b", "[bold]x[/]", "nul\x00inside"):
        decide(log, loaded, opp(text))
    assert [r.title for r in log.decisions(LogFilter(text="0%"))] == ["100% sure"]
    assert [r.title for r in log.decisions(LogFilter(text="_"))] == ["a_b"]
    assert [r.title for r in log.decisions(LogFilter(text="[BOLD]"))] == ["[bold]x[/]"]
    assert [r.title for r in log.decisions(LogFilter(text="\x00inside"))] == ["nul\x00inside"]


@pytest.fixture(scope="module")
def shared_log(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[DecisionLog]:
    """One log for every generated example: opening a log per example would only test open."""
    path: Path = tmp_path_factory.mktemp("hypothesis") / "lighthouse.db"
    with DecisionLog.open(path) as log:
        yield log


@settings(max_examples=150, deadline=None)
@given(title=st.text(), note=st.text(), notes_field=st.text(min_size=1))
def test_any_text_round_trips_exactly(
    shared_log: DecisionLog, loaded: LoadedStrategy, title: str, note: str, notes_field: str
) -> None:
    item = shared_log.add(opp(title, notes=notes_field))
    assert item is not None
    assert shared_log.item(item).title == title
    ident = decide(shared_log, loaded, opp(title, notes=notes_field), note=note, item_id=item)
    record = shared_log.decision(ident)
    assert (record.title, record.note, record.fields["notes"]) == (title, note, notes_field)
    assert record.title.encode() == title.encode()
    assert record.note is not None
    assert record.note.encode() == note.encode()
