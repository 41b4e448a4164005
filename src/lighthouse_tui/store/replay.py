"""A logged decision explained again: under the strategy version that scored it, and under
the strategy of today, so a review can see both "why then" and "what now"."""

from dataclasses import dataclass, field
from typing import Any

from lighthouse_tui.core.filter import Evaluation, evaluate
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.opportunity import rebuild_opportunity
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.records import Correction, DecisionRecord


@dataclass(frozen=True)
class Replay:
    record: DecisionRecord
    then: LoadedStrategy | None
    """The strategy version that scored the decision (None if it no longer loads)."""
    then_evaluation: Evaluation | None
    now: Evaluation | None = None
    """The current strategy's answer, when it differs from the version that scored it."""
    notes: list[str] = field(default_factory=list)
    """What could not be replayed, in the user's words."""
    corrections: list[Correction] = field(default_factory=list)
    """The changes of its final choice since it was decided, oldest first: read with the
    replay, so the shell's `log show` and the app's detail tell the same story."""

    @property
    def now_differs(self) -> bool:
        return (
            self.now is not None
            and self.then_evaluation is not None
            and (self.now.verdict != self.then_evaluation.verdict)
        )


def committed_then(record: DecisionRecord) -> float:
    """The hours that were committed when the decision was made, as its evaluation recorded
    them: replaying under any strategy must see the week as it was, not as it is."""
    return committed_in(record.evaluation)


def committed_in(evaluation: dict[str, Any]) -> float:
    """`committed_then`, from the decoded evaluation."""
    capacity = evaluation.get("capacity", {})
    committed = capacity.get("committed", 0.0) if isinstance(capacity, dict) else 0.0
    return float(committed) if isinstance(committed, int | float) else 0.0


def _score(strategy: LoadedStrategy, record: DecisionRecord, notes: list[str]) -> Evaluation | None:
    opportunity, dropped = rebuild_opportunity(
        strategy.strategy, record.kind, record.fields, record.ratings
    )
    notes.extend(dropped)
    if opportunity is None:
        return None
    return evaluate(strategy, opportunity, committed=committed_then(record))


def replay(log: DecisionLog, record: DecisionRecord, current: LoadedStrategy | None) -> Replay:
    notes: list[str] = []
    source, data = log.strategy_version(record.fingerprint)
    try:
        then = load_strategy_bytes(
            data, _("{source} (as of decision {id})").format(source=source, id=record.id)
        )
    except ProblemsError as exc:
        notes.append(
            _("the strategy version that scored it no longer loads: {problem}").format(
                problem=exc.problems[0]
            )
        )
        return Replay(record, None, None, None, notes, log.corrections(record.id))
    then_evaluation = _score(then, record, notes)
    now = None
    if current is not None and current.fingerprint != record.fingerprint:
        now_notes: list[str] = []
        now = _score(current, record, now_notes)
        notes.extend(_("today's strategy: {note}").format(note=note) for note in now_notes)
    return Replay(record, then, then_evaluation, now, notes, log.corrections(record.id))
