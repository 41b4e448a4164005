"""Importing into the inbox: an import key makes re-importing the same item a no-op, and a
whole import run is one transaction, so a run that fails part-way leaves nothing behind."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.store.log import DecisionLog

from .support import counts, opp


def test_the_same_import_key_adds_nothing_the_second_time(log: DecisionLog, db_path: Path) -> None:
    first = log.add(opp("From the CSV"), import_key="k")
    assert first is not None
    assert log.add(opp("From the CSV, edited"), import_key="k") is None
    assert [(i.id, i.title) for i in log.inbox()] == [(first, "From the CSV")]
    assert counts(db_path)["opportunities"] == 1
    # No key means no de-duplication: typing the same thing twice adds it twice.
    assert log.add(opp("Typed")) is not None
    assert log.add(opp("Typed")) is not None
    assert counts(db_path)["opportunities"] == 3


def test_add_many_reports_which_items_were_new(log: DecisionLog, db_path: Path) -> None:
    log.add(opp("Seen last week"), import_key="mail-1")
    received = datetime(2026, 12, 1, 8, tzinfo=UTC)
    ids = log.add_many(
        [
            (opp("Seen last week"), received, "mail-1"),
            (opp("New"), received, "mail-2"),
            (opp("New, twice in one file"), received, "mail-2"),
            (opp("No key"), None, None),
        ]
    )
    assert ids[0] is None
    assert ids[2] is None
    assert ids[1] is not None
    assert ids[3] is not None
    assert counts(db_path)["opportunities"] == 3
    assert log.item(ids[1]).received == received
    assert [i.title for i in log.inbox()] == ["New", "Seen last week", "No key"]


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        # A stray byte decoded with surrogateescape (what Python does with undecodable file
        # names and arguments): SQLite cannot store it as UTF-8.
        (opp("caf\udce9"), UnicodeEncodeError),
        # A constraint of the table itself: an opportunity must have a kind.
        (Opportunity(kind=None, values={"title": "x"}), sqlite3.IntegrityError),  # type: ignore[arg-type]
    ],
    ids=["undecodable-title", "not-null"],
)
def test_add_many_is_all_or_nothing(
    log: DecisionLog, db_path: Path, bad: Opportunity, error: type[Exception]
) -> None:
    log.add(opp("Already there"), import_key="old")
    before = counts(db_path)
    with pytest.raises(error):
        log.add_many([(opp("One"), None, "a"), (opp("Two"), None, "b"), (bad, None, "c")])
    assert counts(db_path) == before
    assert [i.title for i in log.inbox()] == ["Already there"]
    # Nothing half-done blocks the retry: the keys of the failed run are free.
    ids = log.add_many([(opp("One"), None, "a"), (opp("Two"), None, "b")])
    assert None not in ids
    assert counts(db_path)["opportunities"] == before["opportunities"] + 2
