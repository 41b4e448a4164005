"""The log's errors in French, and what it stores unchanged by the language: a decision made
in French is logged with the same language-neutral evaluation as one made in English."""

import sqlite3
from contextlib import closing
from datetime import timedelta
from pathlib import Path

import pytest

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.schema import LATEST

from .support import FakeClock, decide, opp, verdict_opp


def test_store_errors_in_french(
    french: None, log: DecisionLog, clock: FakeClock, loaded: LoadedStrategy
) -> None:
    ident = decide(log, loaded, verdict_opp("accept"))
    tomorrow = clock.now.date() + timedelta(days=1)
    with pytest.raises(StoreError) as caught:
        log.add_outcome(ident, 4, happened_on=tomorrow)
    assert str(caught.value) == (
        f"la date du dénouement, {tomorrow.isoformat()}, est dans le futur "
        f"(nous sommes le {clock.now.date().isoformat()})"
    )
    with pytest.raises(StoreError, match=f"^la décision {ident} est déjà acceptée : rien à"):
        log.correct(ident, "accept")
    with pytest.raises(StoreError, match=r"^aucune décision n° 99$"):
        log.decision(99)


def test_a_newer_log_is_refused_in_french(french: None, db_path: Path, clock: FakeClock) -> None:
    with DecisionLog.open(db_path, clock=clock):
        pass
    with closing(sqlite3.connect(db_path)) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError) as caught:
        DecisionLog.open(db_path, readonly=True)
    assert str(caught.value) == (
        f"{db_path} : écrit par un Lighthouse plus récent (version du journal 99 ; celui-ci lit "
        f"jusqu'à la {LATEST}) : mettez Lighthouse à jour"
    )


def test_a_decision_made_in_french_stores_the_english_reason(
    french: None, log: DecisionLog, loaded: LoadedStrategy
) -> None:
    """Stored evaluations are read by every later version and language: the reason the log
    keeps is the source's English, whatever the user read on screen."""
    under_rated = opp(fee=900.0)
    shown = evaluate(loaded, under_rated).reason
    ident = decide(log, loaded, under_rated)
    stored = log.decision(ident).evaluation
    assert shown.replace("\u202f", " ").replace("\xa0", " ") == (
        "seulement 30 % du poids noté (il en faut 50 %)"
    )
    assert stored["reason"] == "only 30% of the weight rated (needs 50%)"
