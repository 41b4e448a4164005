"""What the store tests share: a clock moved by hand, opportunities and decisions built in one
line, and a way to see a log's contents from outside the code under test."""

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity, Value
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.records import DefaultChoice, FinalChoice

TABLES = ("strategies", "opportunities", "decisions", "outcomes")

# Opportunities whose verdicts good.toml gives without any rule or missing value in the way.
ACCEPTED: dict[str, Value] = {"fee": 1000.0, "hours_per_week": 0.0}
CONSIDERED: dict[str, Value] = {"fee": 500.0, "hours_per_week": 5.0}
DECLINED: dict[str, Value] = {"fee": 0.0, "hours_per_week": 10.0}
RATING_FOR = {"accept": 5.0, "consider": 3.0, "decline": 0.0}


class FakeClock:
    """A clock the test moves by hand, so each decision lands at a known moment."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def opp(
    title: str = "Audit",
    kind: str = "client_request",
    ratings: Mapping[str, float] | None = None,
    **values: Value,
) -> Opportunity:
    return Opportunity(kind=kind, values={"title": title, **values}, ratings=dict(ratings or {}))


def verdict_opp(verdict: str, title: str = "Audit", kind: str = "client_request") -> Opportunity:
    """An opportunity good.toml scores to `verdict` (accept 100, consider 55, decline 0)."""
    values = {"accept": ACCEPTED, "consider": CONSIDERED, "decline": DECLINED}[verdict]
    return opp(title, kind, {"alignment": RATING_FOR[verdict]}, **values)


def decide(
    log: DecisionLog,
    loaded: LoadedStrategy,
    opportunity: Opportunity,
    *,
    default: DefaultChoice = "accept",
    final: FinalChoice = "accept",
    note: str | None = None,
    item_id: int | None = None,
) -> int:
    """Evaluate and record, as `decide` and `check --record` do."""
    return log.record(
        opportunity=opportunity,
        evaluation=evaluate(loaded, opportunity),
        strategy=loaded,
        default_choice=default,
        final_choice=final,
        note=note,
        item_id=item_id,
    )


def reader(path: Path) -> "closing[sqlite3.Connection]":
    """A plain read-only connection, closed on leaving the block (sqlite3's own `with` only
    commits): one left to the garbage collector would close at a random later moment."""
    return closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True))


def counts(path: Path) -> dict[str, int]:
    """Rows per table, read with plain sqlite3 so a bug in the log cannot hide a change."""
    with reader(path) as db:
        return {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def integrity(path: Path) -> list[str]:
    """`PRAGMA integrity_check` and `foreign_key_check`: ["ok"] when the file is sound."""
    with reader(path) as db:
        problems = [row[0] for row in db.execute("PRAGMA integrity_check")]
        problems += [repr(row) for row in db.execute("PRAGMA foreign_key_check")]
    return problems


def titles(path: Path) -> list[str]:
    """The titles of all decisions, in id order, read without the code under test."""
    with reader(path) as db:
        return [
            row[0]
            for row in db.execute(
                "SELECT o.title FROM decisions d JOIN opportunities o ON o.id = d.opportunity_id"
                " ORDER BY d.id"
            )
        ]


def decision_ids(path: Path) -> set[int]:
    with reader(path) as db:
        return {row[0] for row in db.execute("SELECT id FROM decisions")}
