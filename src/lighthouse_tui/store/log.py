"""The decision log: inbox, decisions, strategy versions and outcomes in one SQLite file.

Every write is one short transaction (`BEGIN IMMEDIATE` … `COMMIT`), so a process killed at
any moment leaves the log as it was before or after a whole command, and two processes
recording at once queue on SQLite's lock (`busy_timeout`) instead of failing. WAL with
`synchronous=NORMAL` survives a killed process; only a power cut can lose the last commits.

Errors a user can cause (not a log, a newer log, read-only, locked) become `StoreError`, one
line each; SQL and programming errors are not caught here.
"""

from __future__ import annotations

import json
import sqlite3
import time as clock_time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from lighthouse_tui.core import i18n
from lighthouse_tui.core.capacity import Commitment, week_of
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.text import fold
from lighthouse_tui.store.days import LocalDays
from lighthouse_tui.store.location import create_private
from lighthouse_tui.store.records import (
    FINAL_CHOICES,
    OVERRODE_SQL,
    Correction,
    DecisionRecord,
    DefaultChoice,
    FinalChoice,
    InboxItem,
    Outcome,
    encode_values,
    valued_criteria,
)
from lighthouse_tui.store.schema import APPLICATION_ID, LATEST, MIGRATIONS, READABLE_FROM

if TYPE_CHECKING:
    # Types only: the filter and the strategy's models (pydantic) stay off the path of the
    # commands that only read the log (`log`, `export`, `inbox`) and of the app's first
    # frame, which opens the log; the review's module off the path of `check`.
    from lighthouse_tui.core.filter import Evaluation
    from lighthouse_tui.core.loaded import LoadedStrategy
    from lighthouse_tui.core.opportunity import Opportunity
    from lighthouse_tui.core.review import Tally

BUSY_TIMEOUT_S = 5.0
Clock = Callable[[], datetime]


class StoreError(Exception):
    """The log cannot be used as asked; the message is one line for the user, in their
    language (never stored, never compared)."""


_ALREADY = {
    "accept": N_("decision {id} is already accept: nothing to correct"),
    "decline": N_("decision {id} is already decline: nothing to correct"),
    "defer": N_("decision {id} is already defer: nothing to correct"),
}
"""Per final choice, so that each language can say it in its own words (an accepted
decision, not "already accept")."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _local_midnight(day: date) -> datetime:
    """The start of `day` where the user is: times are stored in UTC, but "decisions since
    Monday" means the user's Monday."""
    return datetime.combine(day, time.min).astimezone()


def _local_day(moment: datetime) -> date:
    return moment.astimezone().date()


def _parse_ts(text: str) -> datetime:
    """`_ts`'s text back to a moment. fromisoformat reads the trailing Z as UTC, fifty times
    faster than strptime: a review decodes one per decision."""
    return datetime.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class LogFilter:
    since: date | None = None
    until: date | None = None
    kind: str | None = None
    verdict: str | None = None
    overrode: bool = False
    text: str | None = None
    outcome_due: bool = False
    """Only decisions still waiting for their outcome: not deferred, never rated. With
    `until`, the ones old enough to be asked about."""


def due_filter(after_days: int, today: date) -> LogFilter:
    """The decisions whose outcome is due: decided more than `after_days` days before
    `today`, and neither deferred nor rated since."""
    return LogFilter(until=today - timedelta(days=after_days + 1), outcome_due=True)


_DECISION_COLUMNS = (
    " d.id, d.opportunity_id, d.decided_at, d.kind, o.title, o.source, d.default_choice,"
    " d.verdict, d.score, d.provisional, d.final_choice, d.note, d.strategy, d.evaluation,"
    " o.fields, o.ratings, d.hours_per_week, d.weeks,"
    " x.rating, x.note, x.happened_on, x.recorded_at,"
    " (SELECT count(*) FROM outcomes WHERE decision_id = d.id)"
)
_LATEST_OUTCOME = (
    " LEFT JOIN outcomes x ON x.id = (SELECT max(id) FROM outcomes WHERE decision_id = d.id)"
)
"""A correction is a new outcome row: the latest one counts. Looked up per decision, for a
page or one decision."""
_LATEST_OUTCOMES = (
    " LEFT JOIN (SELECT decision_id, max(id), rating, note, happened_on, count(*) AS recorded"
    " FROM outcomes GROUP BY decision_id) x ON x.decision_id = d.id"
)
"""The same for a read of the whole log, in one pass over the outcomes (SQLite takes the bare
columns from the row of the max): a third faster than a lookup per decision."""


def _select_decisions(
    where: LogFilter,
    *,
    columns: str = _DECISION_COLUMNS,
    outcome: str = _LATEST_OUTCOME,
    also: tuple[str, ...] = (),
    params: tuple[Any, ...] = (),
    order: str = "",
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """The one query every read of decisions runs: `columns` of `d`, its opportunity `o`
    and its latest outcome `x` (joined by `outcome`), filtered by `where` and the clauses
    `also` (with their `params`), in `order`, at most `limit`."""
    clauses, values = _filter_sql(where)
    clauses.extend(also)
    values.extend(params)
    sql = f"SELECT {columns} FROM decisions d JOIN opportunities o ON o.id = d.opportunity_id"
    sql += outcome
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    if order:
        sql += f" ORDER BY {order}"
    if limit is not None:
        sql += " LIMIT ?"
        values.append(limit)
    return sql, values


class DecisionLog:
    def __init__(
        self,
        connection: sqlite3.Connection,
        path: Path,
        clock: Clock,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> None:
        self._db = connection
        self.path = path
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._functions: set[str] = set()
        self._local_days = LocalDays()
        """Where the user is, per UTC day, for the SQL that counts by the user's days."""

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        readonly: bool = False,
        clock: Clock = utc_now,
        busy_timeout: float = BUSY_TIMEOUT_S,
    ) -> Self:
        """Open (and, unless read-only, create and migrate) the log at `path`.

        Read-only opening never creates or changes anything: `check` without `--record`, `log`
        and `export` work on a read-only file or medium.
        """
        if path.is_dir():
            raise StoreError(_("{path}: is a directory, not a decision log").format(path=path))
        if readonly and not path.exists():
            raise StoreError(
                _("{path}: no decision log yet (record a decision first)").format(path=path)
            )
        try:
            if not readonly:
                create_private(path)
            uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
            db = sqlite3.connect(uri, uri=True, timeout=busy_timeout, isolation_level=None)
        except (OSError, sqlite3.OperationalError) as exc:
            raise StoreError(
                _("{path}: cannot open the decision log: {reason}").format(
                    path=path, reason=_reason(exc)
                )
            ) from None
        log = cls(db, path, clock, busy_timeout)
        try:
            log._prepare(readonly)
        except StoreError:
            db.close()
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StoreError(_describe(path, exc, busy_timeout)) from None
        return log

    def _prepare(self, readonly: bool) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
        db.execute("PRAGMA foreign_keys = ON")
        # SQLite's lower() folds ASCII only: "equipe" would never find "Équipe".
        db.create_function("fold", 1, _fold, deterministic=True)
        version = self._version()
        if readonly:
            if version < READABLE_FROM:
                raise StoreError(
                    _(
                        "{path}: needs an upgrade (log version {version} → {latest}); run a "
                        "command that writes, such as `lighthouse inbox`, with write access"
                    ).format(path=self.path, version=version, latest=LATEST)
                )
            return
        self._use_wal()
        db.execute("PRAGMA synchronous = NORMAL")
        if version < LATEST:
            with self._transaction():
                # Another process may have migrated since the first look: read it again
                # under the write lock, or both would run the same migrations.
                version = self._version()
                for number, statements in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in statements:
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _version(self) -> int:
        """The log's version, after checking the file is ours and not from the future.

        One statement, so one snapshot: read one by one, a log another process is creating
        could show its tables but not yet its application id, and be refused as foreign.
        """
        version, app_id, tables = self._db.execute(
            "SELECT (SELECT user_version FROM pragma_user_version),"
            " (SELECT application_id FROM pragma_application_id),"
            " (SELECT count(*) FROM sqlite_schema)"
        ).fetchone()
        if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
            raise StoreError(
                _("{path}: is an SQLite file, but not a Lighthouse decision log").format(
                    path=self.path
                )
            )
        if version > LATEST:
            raise StoreError(
                _(
                    "{path}: written by a newer Lighthouse (log version {version}; this one "
                    "reads up to {latest}): upgrade Lighthouse"
                ).format(path=self.path, version=version, latest=LATEST)
            )
        return int(version)

    def _use_wal(self) -> None:
        """Switch to write-ahead logging, waiting out the processes that create the log at
        the same moment: the switch needs an exclusive lock, and SQLite returns "locked" at
        once rather than call the busy handler when two connections want it together."""
        db = self._db
        if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            return
        deadline = clock_time.monotonic() + self._busy_timeout
        while True:
            try:
                mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or clock_time.monotonic() >= deadline:
                    raise
                clock_time.sleep(0.005)
            else:
                break
        if mode != "wal":
            raise StoreError(
                _("{path}: cannot use write-ahead logging on this file system").format(
                    path=self.path
                )
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing. A fault the user can fix (read-only, busy) becomes a
        `StoreError` wherever SQLite reports it: a read-only log only says so at the first
        write inside the transaction, not at `BEGIN`."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(self._describe(exc)) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self._rollback()
            if _user_fault(exc):
                raise StoreError(self._describe(exc)) from None
            raise
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    def _describe(self, exc: sqlite3.DatabaseError) -> str:
        return _describe(self.path, exc, self._busy_timeout)

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        try:
            yield self._db
        except sqlite3.DatabaseError as exc:
            if not _user_fault(exc):
                raise
            raise StoreError(self._describe(exc)) from None

    # The inbox

    def add(
        self,
        opportunity: Opportunity,
        *,
        received: datetime | None = None,
        import_key: str | None = None,
    ) -> int | None:
        """Put an opportunity in the inbox; returns its id, or None when `import_key` was
        already there (importing the same item twice adds nothing)."""
        with self._transaction() as db:
            return self._insert_opportunity(db, opportunity, "pending", received, import_key)

    def add_many(
        self, items: list[tuple[Opportunity, datetime | None, str | None]]
    ) -> list[int | None]:
        """Like `add`, for a whole import run in one transaction: all or nothing."""
        with self._transaction() as db:
            return [self._insert_opportunity(db, o, "pending", r, k) for o, r, k in items]

    def _insert_opportunity(
        self,
        db: sqlite3.Connection,
        opportunity: Opportunity,
        status: str,
        received: datetime | None,
        import_key: str | None,
    ) -> int | None:
        cursor = db.execute(
            "INSERT INTO opportunities (kind, title, source, fields, ratings, received, status,"
            " import_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (import_key) DO NOTHING",
            (
                *_opportunity_columns(opportunity),
                _ts(received or self._clock()),
                status,
                import_key,
            ),
        )
        return cursor.lastrowid if cursor.rowcount else None

    def known_import_keys(self, keys: Collection[str]) -> set[str]:
        """Which of these import keys the log already holds (any status): a daily re-import
        of the same mailbox can skip parsing what it saved yesterday."""
        wanted = list(keys)
        found: set[str] = set()
        with self._reading() as db:
            for start in range(0, len(wanted), 500):
                batch = wanted[start : start + 500]
                marks = ",".join("?" * len(batch))
                found.update(
                    row[0]
                    for row in db.execute(
                        f"SELECT import_key FROM opportunities WHERE import_key IN ({marks})",
                        batch,
                    )
                )
        return found

    def inbox(self, *, include_archived: bool = False, limit: int | None = None) -> list[InboxItem]:
        """What waits for a decision, oldest first; the first `limit` only, when given."""
        statuses = ("pending", "archived") if include_archived else ("pending",)
        marks = ",".join("?" * len(statuses))
        with self._reading() as db:
            rows = db.execute(
                "SELECT id, kind, title, source, fields, ratings, received, status"
                f" FROM opportunities WHERE status IN ({marks}) ORDER BY received, id LIMIT ?",
                (*statuses, -1 if limit is None else limit),
            ).fetchall()
        return [_inbox_item(row) for row in rows]

    def pending_count(self) -> int:
        with self._reading() as db:
            return db.execute(
                "SELECT count(*) FROM opportunities WHERE status = 'pending'"
            ).fetchone()[0]

    def item(self, item_id: int) -> InboxItem:
        with self._reading() as db:
            row = db.execute(
                "SELECT id, kind, title, source, fields, ratings, received, status"
                " FROM opportunities WHERE id = ?",
                (item_id,),
            ).fetchone()
        if row is None:
            raise StoreError(_("no inbox item {id}").format(id=item_id))
        return _inbox_item(row)

    def set_archived(self, item_id: int, archived: bool) -> None:
        """Archive a pending item (or bring it back): nothing is deleted, so undo is exact."""
        old, new = ("pending", "archived") if archived else ("archived", "pending")
        with self._transaction() as db:
            changed = db.execute(
                "UPDATE opportunities SET status = ? WHERE id = ? AND status = ?",
                (new, item_id, old),
            ).rowcount
        if not changed:
            message = (
                _("no pending inbox item {id}") if archived else _("no archived inbox item {id}")
            )
            raise StoreError(message.format(id=item_id))

    # Decisions

    def record(
        self,
        *,
        opportunity: Opportunity,
        evaluation: Evaluation,
        strategy: LoadedStrategy,
        default_choice: DefaultChoice,
        final_choice: FinalChoice,
        note: str | None = None,
        item_id: int | None = None,
    ) -> int:
        """Log one decision, with the strategy version that scored it, in one transaction.

        With `item_id` the inbox item is marked decided (and its fields and ratings updated to
        what the decision saw); without, the opportunity is logged as it is.
        """
        now = self._clock()
        with self._transaction() as db:
            db.execute(
                "INSERT INTO strategies (fingerprint, name, source, content, first_used)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING",
                (
                    strategy.fingerprint,
                    strategy.strategy.name,
                    strategy.source,
                    strategy.data,
                    _ts(now),
                ),
            )
            if item_id is None:
                opportunity_id = self._insert_opportunity(db, opportunity, "decided", now, None)
            else:
                opportunity_id = item_id
                changed = db.execute(
                    "UPDATE opportunities SET status = 'decided', kind = ?, title = ?, source = ?,"
                    " fields = ?, ratings = ? WHERE id = ? AND status = 'pending'",
                    (*_opportunity_columns(opportunity), item_id),
                ).rowcount
                if not changed:
                    raise StoreError(_("no pending inbox item {id}").format(id=item_id))
            hours = opportunity.values.get("hours_per_week")
            weeks = opportunity.values.get("weeks")
            stored = json.dumps(evaluation.to_json(), ensure_ascii=False, separators=(",", ":"))
            cursor = db.execute(
                "INSERT INTO decisions (opportunity_id, decided_at, default_choice, verdict,"
                " score, provisional, evaluation, strategy, final_choice, note, kind,"
                " hours_per_week, weeks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    opportunity_id,
                    _ts(now),
                    default_choice,
                    evaluation.verdict,
                    evaluation.score,
                    int(evaluation.provisional),
                    stored,
                    strategy.fingerprint,
                    final_choice,
                    note,
                    opportunity.kind,
                    hours,
                    weeks,
                ),
            )
            decision_id = int(cursor.lastrowid or 0)
            # Read back from the stored text, so these rows are what the evaluation says.
            db.executemany(
                "INSERT INTO decision_criteria (decision_id, position, criterion, value)"
                " VALUES (?, ?, ?, ?)",
                [(decision_id, *valued) for valued in valued_criteria(json.loads(stored))],
            )
            return decision_id

    def decisions(
        self, where: LogFilter = LogFilter(), *, limit: int = 50, before: int | None = None
    ) -> list[DecisionRecord]:
        """Newest first, a page at a time: `before` is the last id of the previous page."""
        after = (
            ("(d.decided_at, d.id) < (SELECT decided_at, id FROM decisions WHERE id = ?)",)
            if before is not None
            else ()
        )
        sql, params = _select_decisions(
            where,
            also=after,
            params=() if before is None else (before,),
            order="d.decided_at DESC, d.id DESC",  # untranslated: SQL
            limit=limit,
        )
        with self._reading() as db:
            rows = db.execute(sql, params).fetchall()
        return [_decision(row) for row in rows]

    def count(self, where: LogFilter = LogFilter()) -> int:
        sql, params = _select_decisions(where, columns="count(*)", outcome="")
        with self._reading() as db:
            return db.execute(sql, params).fetchone()[0]

    def all_decisions(self, where: LogFilter = LogFilter()) -> Iterator[DecisionRecord]:
        """Every matching decision, oldest first, streamed row by row from the cursor (an
        export of years holds one record at a time)."""
        sql, params = _select_decisions(where, order="d.decided_at, d.id")
        with self._reading() as db:
            for row in db.execute(sql, params):
                yield _decision(row)

    def export_rows(
        self,
        columns: str,
        functions: Mapping[str, Callable[[Any], object]],
        where: LogFilter = LogFilter(),
        *,
        decision: int | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """`columns` of every decision `where` selects (or of the one `decision`), oldest
        first, streamed from the cursor: SQL over the decision `d`, its opportunity `o` and
        its latest outcome `x`, whose `recorded` counts its outcomes. `functions` are the
        Python functions the SQL calls, by name."""
        self._define(functions)
        sql, params = _select_decisions(
            where,
            columns=columns,
            outcome=_LATEST_OUTCOMES,
            also=() if decision is None else ("d.id = ?",),
            params=() if decision is None else (decision,),
            order="d.decided_at, d.id",
        )
        with self._reading() as db:
            yield from db.execute(sql, params)

    def decision(self, decision_id: int) -> DecisionRecord:
        sql, params = _select_decisions(LogFilter(), also=("d.id = ?",), params=(decision_id,))
        with self._reading() as db:
            row = db.execute(sql, params).fetchone()
        if row is None:
            raise StoreError(_("no decision {id}").format(id=decision_id))
        return _decision(row)

    def strategy_version(self, fingerprint: str) -> tuple[str, bytes]:
        """The source name and exact bytes of a strategy that scored a decision."""
        with self._reading() as db:
            row = db.execute(
                "SELECT source, content FROM strategies WHERE fingerprint = ?", (fingerprint,)
            ).fetchone()
        if row is None:
            raise StoreError(
                _("strategy version {fingerprint} is not in the log").format(
                    fingerprint=fingerprint[:12]
                )
            )
        return row[0], bytes(row[1])

    # Corrections

    def correct(self, decision_id: int, final: FinalChoice, note: str | None = None) -> Correction:
        """Change a decision's final choice after the fact (a slip of the key, a client who
        came back), keeping the choice it replaces: the decision row takes the new choice,
        so capacity, the review, the log and the export count what was really decided, and
        a `corrections` row records the previous and new choice, when, and why (`note`).
        Never silent, never lost: `corrections` lists them all. Correcting to the current
        choice is refused, so the history holds only real changes."""
        if final not in FINAL_CHOICES:
            raise StoreError(
                _("a final choice is accept, decline or defer, got {final}").format(final=final)
            )
        now = self._clock()
        with self._transaction() as db:
            row = db.execute(
                "SELECT final_choice FROM decisions WHERE id = ?", (decision_id,)
            ).fetchone()
            if row is None:
                raise StoreError(_("no decision {id}").format(id=decision_id))
            previous = row[0]
            if previous == final:
                raise StoreError(_(_ALREADY[final]).format(id=decision_id))
            db.execute(
                "INSERT INTO corrections (decision_id, previous, final, note, recorded_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (decision_id, previous, final, note, _ts(now)),
            )
            db.execute("UPDATE decisions SET final_choice = ? WHERE id = ?", (final, decision_id))
        return Correction(previous, final, note, now)

    def corrections(self, decision_id: int) -> list[Correction]:
        """The corrections of a decision's final choice, oldest first. A log not migrated
        yet (read-only, `READABLE_FROM`) has none."""
        with self._reading() as db:
            exists = db.execute(
                "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'corrections'"
            ).fetchone()
            rows = (
                db.execute(
                    "SELECT previous, final, note, recorded_at FROM corrections"
                    " WHERE decision_id = ? ORDER BY id",
                    (decision_id,),
                ).fetchall()
                if exists
                else []
            )
        return [Correction(p, f, n, _parse_ts(at)) for p, f, n, at in rows]

    # Outcomes

    def add_outcome(
        self,
        decision_id: int,
        rating: int,
        note: str | None = None,
        happened_on: date | None = None,
    ) -> None:
        """Record how a decision turned out. A second call is a correction: a new row, the
        earlier one kept, never rewritten. Here, not in a caller, the outcome's day is held
        between the decision's day and today (the user's days), so the shell and the app's
        dialog cannot log an outcome that happened before its decision or has not happened yet.
        """
        if not 1 <= rating <= 5:
            raise StoreError(
                _("an outcome is rated from 1 to 5, got {rating}").format(rating=rating)
            )
        now = self._clock()
        today = _local_day(now)
        with self._transaction() as db:
            row = db.execute(
                "SELECT decided_at FROM decisions WHERE id = ?", (decision_id,)
            ).fetchone()
            if row is None:
                raise StoreError(_("no decision {id}").format(id=decision_id))
            decided = _local_day(_parse_ts(row[0]))
            happened = happened_on or today
            if happened < decided:
                raise StoreError(
                    _("outcome date {date} is before decision {id} (decided on {decided})").format(
                        date=happened.isoformat(), id=decision_id, decided=decided.isoformat()
                    )
                )
            if happened > today:
                raise StoreError(
                    _("outcome date {date} is in the future (today is {today})").format(
                        date=happened.isoformat(), today=today.isoformat()
                    )
                )
            db.execute(
                "INSERT INTO outcomes (decision_id, rating, note, happened_on, recorded_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (decision_id, rating, note, happened.isoformat(), _ts(now)),
            )

    def outcome_history(self, decision_id: int) -> list[Outcome]:
        with self._reading() as db:
            rows = db.execute(
                "SELECT rating, note, happened_on, recorded_at FROM outcomes"
                " WHERE decision_id = ? ORDER BY id",
                (decision_id,),
            ).fetchall()
        return [_outcome(row) for row in rows]

    def outcomes_due(self, after_days: int, today: date) -> int:
        """Decisions older than `after_days` that still have no outcome (deferred ones are
        not decisions yet, so they are not due)."""
        return self.count(due_filter(after_days, today))

    # Capacity

    def commitments(self, running_on: date | None = None) -> list[Commitment]:
        """The accepted decisions that take hours; with `running_on`, only those that have not
        ended before that day's week (they still count in it: `capacity.committed_in_week`).

        SQLite drops the long-finished ones first, so a `check` on a log of years decodes a
        handful of rows rather than every commitment ever made (25,000 of them took 200 ms).
        Its test is loose by two days, for the local day and the rounding of weeks; the exact
        one is `Commitment.end`'s.
        """
        sql, params = _commitments_sql("decided_at, hours_per_week, weeks", running_on)
        with self._reading() as db:
            rows = db.execute(sql, params).fetchall()
        local = LocalDays()
        commitments = [Commitment(local(at), hours, weeks) for at, hours, weeks in rows]
        return _running(commitments, running_on)

    def commitment_counts(self, running_on: date | None = None) -> Counter[Commitment]:
        """`commitments`, each distinct one with how many times it was made, counted in SQL:
        a review of years sweeps a few thousand, not every commitment (26,667 Commitment
        objects took 70 ms on 100,000 decisions)."""
        self._define({"lh_local_day": self._local_ordinal})
        sql, params = _commitments_sql(
            "lh_local_day(decided_at), hours_per_week, weeks, count(*)",  # untranslated: SQL
            running_on,
        )
        with self._reading() as db:
            rows = db.execute(sql + " GROUP BY 1, 2, 3", params).fetchall()
        counts = {Commitment(date.fromordinal(day), h, w): n for day, h, w, n in rows}
        return Counter({c: counts[c] for c in _running(counts, running_on)})

    def _local_ordinal(self, stored: str) -> int:
        return self._local_days(stored).toordinal()

    def _define(self, functions: Mapping[str, Callable[[Any], object]]) -> None:
        """Define each Python function SQL calls, once per connection: SQLite refuses to
        (re)define one while a read is under way, as in a read nested in another."""
        for name, function in functions.items():
            if name not in self._functions:
                self._db.create_function(name, 1, function, deterministic=True)
                self._functions.add(name)

    # Reviews

    def review_tally(
        self, since: date | None, until: date | None, cutoff: date, listed: Collection[str]
    ) -> Tally | None:
        """The tally of the decisions from `since` to `until` (days where the user is), read
        in SQL from narrow columns; None on a log from before `decision_criteria` (opened
        read-only, it was not migrated): the caller then reads the evaluations. `listed`
        criteria need not be looked for among the unrated ones."""
        from lighthouse_tui.store.review_query import read_tally

        with self._reading() as db:
            if not db.execute(
                "SELECT 1 FROM sqlite_schema WHERE name = 'decision_criteria'"
            ).fetchone():
                return None
            return read_tally(
                db,
                _filter_sql(LogFilter(since=since, until=until)),
                _ts(_local_midnight(cutoff)),
                listed,
            )


def _commitments_sql(columns: str, running_on: date | None) -> tuple[str, tuple[str, ...]]:
    """`columns` of the accepted decisions that take hours, without the long-finished ones
    when `running_on` is given (a test loose by two days: `_running` is the exact one)."""
    sql = (
        f"SELECT {columns} FROM decisions"
        " WHERE final_choice = 'accept' AND hours_per_week IS NOT NULL"
    )
    if running_on is None:
        return sql, ()
    sql += " AND (weeks IS NULL OR julianday(decided_at) + weeks * 7 > julianday(?) - 2)"
    return sql, (week_of(running_on).isoformat(),)


def _running(commitments: Iterable[Commitment], running_on: date | None) -> list[Commitment]:
    """The commitments that still count in `running_on`'s week (all without it)."""
    if running_on is None:
        return list(commitments)
    monday = week_of(running_on)
    return [c for c in commitments if c.end is None or c.end > monday]


def _fold(text: str | None) -> str | None:
    return None if text is None else fold(text)


def _opportunity_columns(opportunity: Opportunity) -> tuple[str, str, str | None, str, str]:
    """kind, title, source, fields, ratings: as the opportunities table stores them."""
    source = opportunity.values.get("source")
    return (
        opportunity.kind,
        opportunity.title,
        source if isinstance(source, str) else None,
        encode_values(dict(opportunity.values)),
        json.dumps(dict(opportunity.ratings)),
    )


def _filter_sql(where: LogFilter) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if where.since is not None and where.since > date.min:
        clauses.append("d.decided_at >= ?")
        params.append(_ts(_local_midnight(where.since)))
    if where.until is not None and where.until < date.max:
        clauses.append("d.decided_at < ?")
        params.append(_ts(_local_midnight(where.until + timedelta(days=1))))
    if where.kind is not None:
        clauses.append("d.kind = ?")
        params.append(where.kind)
    if where.verdict is not None:
        clauses.append("d.verdict = ?")
        params.append(where.verdict)
    if where.overrode:
        clauses.append(OVERRODE_SQL)
    if where.text:
        clauses.append("instr(fold(o.title), ?) > 0")
        params.append(fold(where.text))
    if where.outcome_due:
        clauses.append(
            "d.final_choice != 'defer'"
            " AND NOT EXISTS (SELECT 1 FROM outcomes WHERE decision_id = d.id)"
        )
    return clauses, params


def _inbox_item(row: tuple[Any, ...]) -> InboxItem:
    ident, kind, title, source, fields, ratings, received, status = row
    return InboxItem(
        ident,
        kind,
        title,
        source,
        json.loads(fields),
        json.loads(ratings),
        _parse_ts(received),
        status,
    )


def _outcome(row: tuple[Any, ...]) -> Outcome:
    rating, note, happened_on, recorded_at = row
    return Outcome(rating, note, date.fromisoformat(happened_on), _parse_ts(recorded_at))


def _decision(row: tuple[Any, ...]) -> DecisionRecord:
    outcome = _outcome(row[18:22]) if row[18] is not None else None
    return DecisionRecord(
        id=row[0],
        opportunity_id=row[1],
        decided_at=_parse_ts(row[2]),
        kind=row[3],
        title=row[4],
        source=row[5],
        default_choice=row[6],
        verdict=row[7],
        score=row[8],
        provisional=bool(row[9]),
        final_choice=row[10],
        note=row[11],
        fingerprint=row[12],
        evaluation_json=row[13],
        fields=json.loads(row[14]),
        ratings=json.loads(row[15]),
        hours_per_week=row[16],
        weeks=row[17],
        outcome=outcome,
        outcomes_recorded=row[22],
    )


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc)


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _user_fault(exc: sqlite3.DatabaseError) -> bool:
    """Whether the user can do something about this error: wait, get write access, free
    disk space, or restore a damaged file from a backup."""
    text = str(exc)
    return _is_busy(exc) or any(
        words in text
        for words in (
            "readonly",
            "read-only",
            "disk is full",  # untranslated: SQLite's words, matched
            "disk I/O",
            "malformed",
            "not a database",
        )
    )


def _describe(path: Path, exc: sqlite3.DatabaseError, busy_timeout: float) -> str:
    """The one line a user sees for a database error they can do something about."""
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return _("{path}: not a Lighthouse decision log ({error})").format(path=path, error=text)
    if _is_busy(exc):
        return _(
            "{path}: the log is busy: another program has held it for over {seconds} s; try again"
        ).format(path=path, seconds=i18n.decimal(busy_timeout, 3))
    if "readonly" in text or "read-only" in text:
        return _("{path}: the log is read-only; nothing was recorded").format(path=path)
    if "unable to open" in text:  # untranslated: SQLite's words, matched
        return _("{path}: cannot open the decision log ({error})").format(path=path, error=text)
    if "disk is full" in text:  # untranslated: SQLite's words, matched
        return _("{path}: the disk is full; nothing was recorded").format(path=path)
    if "disk I/O" in text:
        return _(
            "{path}: the disk failed to read or write the log ({error}); nothing was recorded"
        ).format(path=path, error=text)
    return f"{path}: {text}"
