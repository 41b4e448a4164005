"""The log screen's pages: a hundred decisions at a time, the filters as the store reads
them, and outcomes due found without reading the whole log."""

from datetime import date, timedelta
from pathlib import Path

from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog, LogFilter
from lighthouse_tui.tui.log_pages import PAGE, LogView, following, read_page

from .conftest import NOW, TODAY, Clock, decide, item


def test_filters_become_the_stores() -> None:
    view = LogView(kind="partner_offer", verdict="accept", overrode=True, period=7, text="x")
    assert view.where(TODAY, 30) == LogFilter(
        since=TODAY - timedelta(days=7),
        kind="partner_offer",
        verdict="accept",
        overrode=True,
        text="x",
    )
    assert LogView(due=True).where(date(2027, 3, 1), 30).until == date(2027, 1, 29)


def test_keys_cycle_through_the_values_then_back_to_all() -> None:
    view = LogView()
    kinds = ("client_request", "partner_offer")
    assert view.next_kind(kinds).kind == "client_request"
    assert view.next_kind(kinds).next_kind(kinds).next_kind(kinds).kind is None
    assert [following((None, 7, 30), v) for v in (None, 7, 30, 99)] == [7, 30, None, None]


def test_pages_follow_each_other_newest_first(log: DecisionLog, loaded: LoadedStrategy) -> None:
    for n in range(PAGE + 5):
        decide(log, loaded, item(f"D{n}"))
    first = read_page(log, LogFilter())
    assert (len(first.records), first.more) == (PAGE, True)
    assert first.records[0].title == f"D{PAGE + 4}"
    second = read_page(log, LogFilter(), before=first.before)
    assert [r.title for r in second.records] == ["D4", "D3", "D2", "D1", "D0"]
    assert not second.more


def test_outcomes_due_skip_the_rated_and_the_deferred(
    db_path: Path, loaded: LoadedStrategy
) -> None:
    with DecisionLog.open(db_path, clock=Clock(NOW - timedelta(days=60))) as log:
        rated = decide(log, loaded, item("Rated"))
        log.add_outcome(rated, 4)
        decide(log, loaded, item("Deferred"), final="defer")
        for n in range(PAGE + 1):
            decide(log, loaded, item(f"Due {n}"))
        where = LogView(due=True).where(TODAY, 30)
        page = read_page(log, where)
        assert len(page.records) == PAGE
        rest = read_page(log, where, before=page.before)
        assert [r.title for r in rest.records] == ["Due 0"]
        assert log.outcomes_due(30, TODAY) == log.count(where) == PAGE + 1
