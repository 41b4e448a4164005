"""The decision log's everyday contract: private files, where the log lives, the inbox, what a
decision keeps, outcomes, the log's filters and pages, and capacity commitments."""

import os
import stat
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from lighthouse_tui.core.capacity import committed_in_week, week_of
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.location import DB_NAME, find_db
from lighthouse_tui.store.log import DecisionLog, LogFilter, StoreError

from .support import FakeClock, counts, decide, opp, verdict_opp


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_open_creates_a_private_directory_and_files(
    db_path: Path, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    assert not db_path.parent.exists()
    with DecisionLog.open(db_path, clock=clock) as log:
        assert db_path.is_file()
        assert mode(db_path.parent) == 0o700
        assert mode(db_path) == 0o600
        decide(log, loaded, opp())
        wal, shm = Path(f"{db_path}-wal"), Path(f"{db_path}-shm")
        assert wal.is_file()
        assert shm.is_file()
        assert (mode(wal), mode(shm)) == (0o600, 0o600)


def test_find_db_prefers_the_flag_then_the_environment_then_the_data_directory(
    tmp_path: Path,
) -> None:
    env = {"LIGHTHOUSE_DB": str(tmp_path / "env.db")}
    assert find_db(tmp_path / "flag.db", env) == tmp_path / "flag.db"
    assert find_db(None, env) == tmp_path / "env.db"
    assert find_db("~/flag.db", {}) == Path.home() / "flag.db"
    assert find_db(None, {"LIGHTHOUSE_DB": "~/env.db"}) == Path.home() / "env.db"
    # An empty flag or variable means "not given", not "the current directory".
    data_home = Path(os.environ["XDG_DATA_HOME"])  # set per test by tests/conftest.py
    assert find_db("", {"LIGHTHOUSE_DB": ""}) == data_home / "lighthouse" / DB_NAME
    assert find_db(None, {}) == data_home / "lighthouse" / DB_NAME


def test_inbox_then_decide_keeps_everything_the_decision_saw(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    first = log.add(opp("Audit", fee=800.0, source="ann@example.com"))
    clock.advance(minutes=5)
    second = log.add(opp("Webinar", "partner_offer", hours_per_week=2.0))
    # Received earlier, listed first: the inbox is oldest first by reception, not by id.
    third = log.add(opp("Old letter"), received=clock.now - timedelta(days=1))
    inbox = log.inbox()
    assert [i.id for i in inbox] == [third, first, second]
    assert inbox[1].title == "Audit"
    assert inbox[1].source == "ann@example.com"
    assert inbox[1].fields == {"title": "Audit", "fee": 800.0, "source": "ann@example.com"}
    assert inbox[1].status == "pending"
    assert log.pending_count() == 3

    clock.advance(hours=1)
    seen = opp(
        "Audit",
        ratings={"alignment": 4.0},
        fee=900.0,
        hours_per_week=3.0,
        weeks=6.0,
        source="ann@example.com",
        deadline=date(2027, 2, 1),
        remote=True,
    )
    evaluation = evaluate(loaded, seen)
    ident = log.record(
        opportunity=seen,
        evaluation=evaluation,
        strategy=loaded,
        default_choice="decline",
        final_choice="accept",
        note="worth it after all",
        item_id=first,
    )
    assert [i.id for i in log.inbox()] == [third, second]
    assert log.item(first).status == "decided"
    assert log.item(first).fields["fee"] == 900.0

    record = log.decision(ident)
    assert record.id == ident
    assert record.opportunity_id == first
    assert record.decided_at == clock.now
    assert (record.kind, record.title, record.source) == (
        "client_request",
        "Audit",
        "ann@example.com",
    )
    assert (record.default_choice, record.verdict, record.final_choice) == (
        "decline",
        evaluation.verdict,
        "accept",
    )
    assert record.score == evaluation.score
    assert record.provisional is evaluation.provisional
    assert record.note == "worth it after all"
    assert record.evaluation == evaluation.to_json()
    assert record.fields == {
        "title": "Audit",
        "fee": 900.0,
        "hours_per_week": 3.0,
        "weeks": 6.0,
        "source": "ann@example.com",
        "deadline": "2027-02-01",
        "remote": True,
    }
    assert record.ratings == {"alignment": 4.0}
    assert record.fingerprint == loaded.fingerprint
    assert (record.hours_per_week, record.weeks) == (3.0, 6.0)
    assert record.outcome is None
    assert record.outcomes_recorded == 0
    assert not record.overrode  # the filter said consider: nothing to override


def test_each_strategy_version_is_stored_once_with_its_exact_bytes(
    log: DecisionLog, db_path: Path, loaded: LoadedStrategy
) -> None:
    ids = [decide(log, loaded, verdict_opp(v)) for v in ("accept", "consider", "decline")]
    assert {log.decision(i).fingerprint for i in ids} == {loaded.fingerprint}
    assert log.strategy_version(loaded.fingerprint) == (loaded.source, loaded.data)
    assert counts(db_path)["strategies"] == 1


def test_record_without_an_inbox_item_logs_the_opportunity_as_decided(
    log: DecisionLog, db_path: Path, loaded: LoadedStrategy
) -> None:
    waiting = log.add(opp("Waiting"))
    ident = decide(log, loaded, verdict_opp("decline", "Quick check"), final="decline")
    record = log.decision(ident)
    assert record.title == "Quick check"
    assert record.opportunity_id != waiting
    assert log.item(record.opportunity_id).status == "decided"
    assert [i.id for i in log.inbox()] == [waiting]
    assert counts(db_path) == {"strategies": 1, "opportunities": 2, "decisions": 1, "outcomes": 0}


def test_archive_and_unarchive_is_an_exact_undo(log: DecisionLog) -> None:
    ident = log.add(opp("Newsletter swap", source="x"))
    assert ident is not None
    before = log.item(ident)
    log.set_archived(ident, True)
    assert log.inbox() == []
    assert log.pending_count() == 0
    assert [i.status for i in log.inbox(include_archived=True)] == ["archived"]
    with pytest.raises(StoreError, match=rf"^no pending inbox item {ident}$"):
        log.set_archived(ident, True)
    log.set_archived(ident, False)
    assert log.item(ident) == before
    assert log.inbox() == [before]
    with pytest.raises(StoreError, match=rf"^no archived inbox item {ident}$"):
        log.set_archived(ident, False)


def test_an_item_is_decided_once(log: DecisionLog, db_path: Path, loaded: LoadedStrategy) -> None:
    ident = log.add(opp())
    decide(log, loaded, opp(), item_id=ident)
    before = counts(db_path)
    with pytest.raises(StoreError) as caught:
        decide(log, loaded, opp("Again"), item_id=ident)
    assert str(caught.value) == f"no pending inbox item {ident}"
    assert counts(db_path) == before
    assert log.item(ident).title == "Audit"


def test_an_archived_item_cannot_be_decided(
    log: DecisionLog, db_path: Path, loaded: LoadedStrategy
) -> None:
    ident = log.add(opp())
    assert ident is not None
    log.set_archived(ident, True)
    before = counts(db_path)
    with pytest.raises(StoreError) as caught:
        decide(log, loaded, opp(), item_id=ident)
    assert str(caught.value) == f"no pending inbox item {ident}"
    assert counts(db_path) == before


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda log, _: log.decision(999), "no decision 999"),
        (lambda log, _: log.item(999), "no inbox item 999"),
        (lambda log, _: log.set_archived(999, True), "no pending inbox item 999"),
        (lambda log, _: log.set_archived(999, False), "no archived inbox item 999"),
        (lambda log, _: log.add_outcome(999, 4), "no decision 999"),
        (lambda log, loaded: decide(log, loaded, opp(), item_id=999), "no pending inbox item 999"),
        (
            lambda log, _: log.strategy_version("f" * 64),
            "strategy version ffffffffffff is not in the log",
        ),
    ],
    ids=["decision", "item", "archive", "unarchive", "outcome", "record", "strategy"],
)
def test_unknown_ids_are_refused_and_change_nothing(
    log: DecisionLog,
    db_path: Path,
    loaded: LoadedStrategy,
    call: Callable[[DecisionLog, LoadedStrategy], object],
    message: str,
) -> None:
    decide(log, loaded, opp())
    log.add(opp("Pending"))
    before = counts(db_path)
    with pytest.raises(StoreError) as caught:
        call(log, loaded)
    assert str(caught.value) == message
    assert counts(db_path) == before


def test_outcomes_are_appended_and_the_latest_one_counts(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    ident = decide(log, loaded, verdict_opp("accept"))
    clock.advance(days=40)
    log.add_outcome(ident, 2, "late payer", happened_on=date(2027, 2, 1))
    first_at = clock.now
    clock.advance(days=1)
    log.add_outcome(ident, 4, "paid in the end")
    record = log.decision(ident)
    assert record.outcomes_recorded == 2
    assert record.outcome is not None
    assert (record.outcome.rating, record.outcome.note) == (4, "paid in the end")
    assert record.outcome.happened_on == clock.now.date()
    assert record.outcome.recorded_at == clock.now
    assert [
        (o.rating, o.note, o.happened_on, o.recorded_at) for o in log.outcome_history(ident)
    ] == [
        (2, "late payer", date(2027, 2, 1), first_at),
        (4, "paid in the end", clock.now.date(), clock.now),
    ]


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_an_outcome_rating_outside_1_to_5_is_refused(
    log: DecisionLog, db_path: Path, loaded: LoadedStrategy, rating: int
) -> None:
    ident = decide(log, loaded, opp())
    before = counts(db_path)
    with pytest.raises(StoreError) as caught:
        log.add_outcome(ident, rating)
    assert str(caught.value) == f"an outcome is rated from 1 to 5, got {rating}"
    assert counts(db_path) == before


def test_outcomes_due_counts_old_decisions_without_outcome_that_were_made(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    def at(moment: datetime, final: str = "accept") -> int:
        clock.now = moment
        return decide(log, loaded, opp(), final=final)  # type: ignore[arg-type]

    due = at(datetime(2027, 1, 1, 12, tzinfo=UTC))
    just_due = at(datetime(2027, 1, 10, 23, 59, 59, tzinfo=UTC), final="decline")
    answered = at(datetime(2027, 1, 2, tzinfo=UTC))
    log.add_outcome(answered, 5)
    at(datetime(2027, 1, 3, tzinfo=UTC), final="defer")
    at(datetime(2027, 1, 11, tzinfo=UTC))  # exactly at the cutoff: not older than it
    at(datetime(2027, 2, 1, tzinfo=UTC))
    today = date(2027, 2, 10)  # 30 days before: 2027-01-11
    assert log.outcomes_due(30, today) == len([due, just_due])
    log.add_outcome(due, 3)
    assert log.outcomes_due(30, today) == 1
    assert log.outcomes_due(60, today) == 0


@pytest.fixture
def week(log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy) -> dict[str, int]:
    """A week of decisions, one or two a day, each a different case for the filters."""
    made: dict[str, int] = {}

    def on(day: int, name: str, verdict: str, final: str, kind: str = "client_request") -> None:
        clock.now = datetime(2027, 1, day, 10, tzinfo=UTC)
        opportunity = verdict_opp(verdict, name, kind)
        made[name] = decide(log, loaded, opportunity, final=final)  # type: ignore[arg-type]

    on(4, "Audit Équipe", "accept", "accept")
    on(5, "Webinar", "decline", "accept", "partner_offer")
    on(5, "Podcast", "consider", "decline", "opportunity")
    on(6, "Keynote", "accept", "decline", "speaking")
    on(7, "Refonte", "decline", "decline")
    clock.now = datetime(2027, 1, 7, 23, 59, 59, 999999, tzinfo=UTC)
    made["Late night"] = decide(log, loaded, verdict_opp("consider", "Late night"), final="defer")
    return made


@pytest.mark.parametrize(
    ("where", "names"),
    [
        (LogFilter(), ["Late night", "Refonte", "Keynote", "Podcast", "Webinar", "Audit Équipe"]),
        (LogFilter(since=date(2027, 1, 5), until=date(2027, 1, 5)), ["Podcast", "Webinar"]),
        (LogFilter(since=date(2027, 1, 7)), ["Late night", "Refonte"]),
        (LogFilter(until=date(2027, 1, 4)), ["Audit Équipe"]),
        (
            LogFilter(until=date.max),
            ["Late night", "Refonte", "Keynote", "Podcast", "Webinar", "Audit Équipe"],
        ),
        (LogFilter(since=date.min, until=date(2027, 1, 3)), []),
        (LogFilter(kind="client_request"), ["Late night", "Refonte", "Audit Équipe"]),
        (LogFilter(verdict="accept"), ["Keynote", "Audit Équipe"]),
        (LogFilter(verdict="consider"), ["Late night", "Podcast"]),
        (LogFilter(overrode=True), ["Keynote", "Webinar"]),
        (LogFilter(text="cast"), ["Podcast"]),
        (LogFilter(text="équipe"), ["Audit Équipe"]),
        (LogFilter(text="AUDIT ÉQUIPE"), ["Audit Équipe"]),
        (LogFilter(text="equipe"), ["Audit Équipe"]),
        (LogFilter(text="EQUIPE"), ["Audit Équipe"]),
        (LogFilter(text="refonté"), ["Refonte"]),
        (LogFilter(text="equipe", kind="client_request", since=date(2027, 1, 4)), ["Audit Équipe"]),
        (LogFilter(kind="client_request", verdict="decline"), ["Refonte"]),
        (LogFilter(text="%"), []),
    ],
    ids=[
        "all",
        "one-day",
        "since",
        "until",
        "until-the-last-day",
        "before-any",
        "kind",
        "verdict-accept",
        "verdict-consider",
        "overrode",
        "text",
        "text-accented-case",
        "text-upper",
        "text-without-accents",
        "text-upper-without-accents",
        "text-with-an-accent-the-title-lacks",
        "text-without-accents-and-other-filters",
        "kind-and-verdict",
        "text-is-not-a-pattern",
    ],
)
def test_log_filters_newest_first(
    log: DecisionLog, week: dict[str, int], where: LogFilter, names: list[str]
) -> None:
    assert [r.title for r in log.decisions(where)] == names
    assert log.count(where) == len(names)
    assert [r.title for r in log.all_decisions(where)] == names[::-1]


def test_overrode_means_against_a_clear_verdict(log: DecisionLog, week: dict[str, int]) -> None:
    assert {r.title for r in log.decisions() if r.overrode} == {"Keynote", "Webinar"}


def test_pages_give_every_decision_exactly_once(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    # Several decisions share a moment (a frozen clock); some are logged with an earlier
    # clock than the one before, as after a clock change: the order is still total.
    for n in range(23):
        if n % 4 == 0:
            clock.advance(minutes=1)
        if n == 17:
            clock.advance(hours=-2)
        decide(log, loaded, opp(f"#{n}"))
    seen: list[int] = []
    before: int | None = None
    while page := log.decisions(limit=5, before=before):
        assert len(page) <= 5
        seen += [r.id for r in page]
        before = page[-1].id
    everything = log.decisions(limit=1000)
    assert seen == [r.id for r in everything]
    assert sorted(seen) == list(range(1, 24))
    assert [(r.decided_at, r.id) for r in everything] == sorted(
        ((r.decided_at, r.id) for r in everything), reverse=True
    )


def test_commitments_are_accepted_decisions_with_hours(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    start = datetime(2027, 1, 4, 9, tzinfo=UTC)

    def on(days: int, final: str, **values: float) -> None:
        clock.now = start + timedelta(days=days)
        decide(log, loaded, opp(**values), final=final)  # type: ignore[arg-type]

    on(0, "accept", hours_per_week=3.0, weeks=2.0)
    on(3, "accept", hours_per_week=4.0)
    on(3, "decline", hours_per_week=5.0)
    on(4, "defer", hours_per_week=6.0)
    on(4, "accept", fee=100.0)
    commitments = log.commitments()
    assert sorted((c.start, c.hours_per_week, c.weeks) for c in commitments) == [
        (date(2027, 1, 4), 3.0, 2.0),
        (date(2027, 1, 7), 4.0, None),
    ]
    day0 = start.date()
    assert committed_in_week(commitments, day0 - timedelta(days=1)) == 0  # the Sunday before
    assert committed_in_week(commitments, day0) == 7  # the Thursday's yes counts all week
    assert committed_in_week(commitments, day0 + timedelta(days=3)) == 7
    assert committed_in_week(commitments, day0 + timedelta(days=13)) == 7
    assert committed_in_week(commitments, day0 + timedelta(days=14)) == 4  # two weeks ended
    assert committed_in_week(commitments, day0 + timedelta(days=400)) == 4  # no end given


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_commitments_running_on_a_day_are_exactly_those_not_ended_before_its_week(
    log: DecisionLog,
    clock: FakeClock,
    loaded: LoadedStrategy,
    local_timezone: Callable[[str], None],
    zone: str,
) -> None:
    """SQLite's loose first cut (by UTC moments) must never drop one the exact local-day test
    keeps, even 14 hours either side of UTC and with weeks that round to half days."""
    local_timezone(zone)
    start = datetime(2027, 1, 4, 23, 30, tzinfo=UTC)
    for n, weeks in enumerate([0.5, 1.0, 1.07, 2.0, 2.5, None, 0.0]):
        for hour in (0, 11, 13):
            clock.now = start + timedelta(days=3 * n, hours=hour)
            values = {"hours_per_week": 1.0 + n} | ({} if weeks is None else {"weeks": weeks})
            decide(log, loaded, opp(**values), final="accept")
    every = log.commitments()
    assert len(every) == 21
    for offset in range(-2, 45):
        day = start.date() + timedelta(days=offset)
        running = sorted((c.start, c.hours_per_week) for c in log.commitments(day))
        expected = [c for c in every if c.end is None or c.end > week_of(day)]
        assert running == sorted((c.start, c.hours_per_week) for c in expected), day
        assert committed_in_week(log.commitments(day), day) == committed_in_week(every, day)


def test_days_are_the_users_days_not_utc(
    log: DecisionLog,
    loaded: LoadedStrategy,
    clock: FakeClock,
    local_timezone: Callable[[str], None],
) -> None:
    """11:30 UTC on 4 January is already 5 January in Auckland: a decision made then belongs
    to the 5th for the user's filters, commitments and outcome dates."""
    local_timezone("Pacific/Auckland")
    clock.now = datetime(2027, 1, 4, 11, 30, tzinfo=UTC)
    ident = decide(log, loaded, opp(ratings={"alignment": 5}, hours_per_week=2.0))
    assert [r.id for r in log.decisions(LogFilter(since=date(2027, 1, 5)))] == [ident]
    assert log.decisions(LogFilter(until=date(2027, 1, 4))) == []
    assert log.commitments()[0].start == date(2027, 1, 5)
    log.add_outcome(ident, 4)
    assert log.decision(ident).outcome.happened_on == date(2027, 1, 5)  # type: ignore[union-attr]


def test_an_outcome_cannot_come_before_its_decision_or_after_today(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    """The store holds the rule, so the app's outcome dialog is held to it as the CLI is."""
    ident = decide(log, loaded, verdict_opp("accept"))
    decided = clock.now.date()
    clock.advance(days=3)
    with pytest.raises(StoreError, match="is before decision"):
        log.add_outcome(ident, 4, happened_on=decided - timedelta(days=1))
    with pytest.raises(StoreError, match="is in the future"):
        log.add_outcome(ident, 4, happened_on=clock.now.date() + timedelta(days=1))
    assert log.outcome_history(ident) == []
    log.add_outcome(ident, 4, happened_on=decided)
    assert [o.happened_on for o in log.outcome_history(ident)] == [decided]


def test_a_correction_changes_the_final_choice_and_keeps_the_earlier_one(
    log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    ident = decide(log, loaded, opp(hours_per_week=4.0), final="accept")
    day = clock.now.date()
    assert committed_in_week(log.commitments(day), day) == 4
    clock.advance(days=1)
    first = log.correct(ident, "decline", "client cancelled")
    assert (first.previous, first.final, first.note, first.recorded_at) == (
        "accept",
        "decline",
        "client cancelled",
        clock.now,
    )
    assert log.decision(ident).final_choice == "decline"
    assert committed_in_week(log.commitments(day), day) == 0  # capacity counts the correction
    with pytest.raises(StoreError, match=f"^decision {ident} is already decline: nothing"):
        log.correct(ident, "decline")
    clock.advance(days=1)
    log.correct(ident, "defer")
    assert [(c.previous, c.final, c.note) for c in log.corrections(ident)] == [
        ("accept", "decline", "client cancelled"),
        ("decline", "defer", None),
    ]
    with pytest.raises(StoreError, match=r"^no decision 99$"):
        log.correct(99, "accept")
    assert log.corrections(99) == []
