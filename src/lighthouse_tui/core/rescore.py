"""What would another strategy have said? Every logged opportunity replayed under it.

A changed strategy is a new hypothesis, and the log is the evidence at hand. Each decision is
scored again with the fields, ratings and committed hours it was scored with then, so the only
thing that changes is the strategy; the verdicts that flip, and how those decisions really
turned out, show what the change would do before it is adopted.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from lighthouse_tui.core import i18n
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.i18n import _, ngettext
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import rebuild_opportunity
from lighthouse_tui.core.review import MIN_GROUP, Cell, DecisionFact, differ

_LEANING = {"decline": 0, "consider": 1, "accept": 2}


@dataclass(frozen=True, slots=True)
class Flip:
    """A decision the new strategy would answer differently."""

    id: int
    day: date
    title: str
    then: str
    """The verdict logged with the decision."""
    now: str
    score_then: float | None
    score_now: float | None
    final: str
    outcome: int | None

    @property
    def more_accepting(self) -> bool:
        return _LEANING.get(self.now, 1) > _LEANING.get(self.then, 1)


@dataclass(frozen=True, slots=True)
class Rescore:
    strategy: str
    """The new strategy's name."""
    replayed: int
    flips: tuple[Flip, ...]
    """Oldest first."""
    changes: Mapping[tuple[str, str], Cell]
    """(verdict then, verdict now) → the flipped decisions and their outcomes."""
    stayed: Cell
    not_replayable: Mapping[str, int]
    """Why a decision could not be replayed → how many."""
    left_out: Mapping[str, int]
    """What the new strategy no longer reads (a field, a rating) → in how many decisions;
    those decisions are replayed without it."""
    missing: Mapping[str, int]
    """Criteria of the new strategy that had no value when replayed (a rating nobody gave
    then) → in how many decisions: the replay scores without them."""
    accepted: Mapping[tuple[str, str], Cell]
    """What you accepted, by (verdict then, verdict now): does the new strategy tell the
    accepts that went well from those that did not, better than the old one did?"""

    @property
    def flipped(self) -> Cell:
        return sum(self.changes.values(), Cell())

    @property
    def more_accepting(self) -> int:
        return sum(f.more_accepting for f in self.flips)

    @property
    def more_declining(self) -> int:
        return len(self.flips) - self.more_accepting

    def findings(self) -> tuple[str, ...]:
        """What the replay says, in sentences the numbers carry."""
        if not self.replayed:
            return (_("Nothing to replay: no decision could be scored by this strategy."),)
        lines = [
            ngettext(
                "{flipped} of {replayed} replayed decision would get another verdict "
                "({accepting} more accepting, {declining} more declining).",
                "{flipped} of {replayed} replayed decisions would get another verdict "
                "({accepting} more accepting, {declining} more declining).",
                self.replayed,
            ).format(
                flipped=i18n.decimal(len(self.flips)),
                replayed=i18n.decimal(self.replayed),
                accepting=i18n.decimal(self.more_accepting),
                declining=i18n.decimal(self.more_declining),
            )
        ]
        if line := self._accepts_line():
            lines.append(line)
        return tuple(lines)

    def _accepts_line(self) -> str | None:
        declined = sum((c for (_then, now), c in self.accepted.items() if now == "decline"), Cell())
        rest = sum((c for (_then, now), c in self.accepted.items() if now != "decline"), Cell())
        then = sum((c for (then, _now), c in self.accepted.items() if then == "decline"), Cell())
        if not declined.count:
            return None
        figures = {
            "accepted": i18n.decimal((declined + rest).count),
            "declined": i18n.decimal(declined.count),
            "then": i18n.decimal(then.count),
            "rated": i18n.decimal(declined.rated),
            "rest_rated": i18n.decimal(rest.rated),
        }
        if not rest.count:
            return _(
                "Of the {accepted} replayed decisions you accepted, this strategy would decline "
                "{declined} (the strategies of the day declined {then})."
            ).format(**figures)
        if min(declined.rated, rest.rated) < MIN_GROUP:
            return _(
                "Of the {accepted} replayed decisions you accepted, this strategy would decline "
                "{declined} (the strategies of the day declined {then}); too few have an outcome "
                "to judge ({rated} and {rest_rated} rated, {needed} each needed)."
            ).format(needed=MIN_GROUP, **figures)
        what = _("too close to call on these numbers")
        if differ(declined, rest):
            weaker = (declined.mean or 0) < (rest.mean or 0)
            what = (
                _("it picks out the weaker ones") if weaker else _("it would turn down better ones")
            )
        return _(
            "Of the {accepted} replayed decisions you accepted, this strategy would decline "
            "{declined} (the strategies of the day declined {then}): those averaged {mean} vs "
            "{rest_mean} for the rest ({rated} vs {rest_rated} rated): {conclusion}."
        ).format(
            mean=i18n.fixed(declined.mean or 0.0),
            rest_mean=i18n.fixed(rest.mean or 0.0),
            conclusion=what,
            **figures,
        )

    def to_json(self) -> dict[str, object]:
        """The `lighthouse strategy rescore --json` contract."""
        return {
            "strategy": self.strategy,
            "replayed": self.replayed,
            "flipped": self.flipped.to_json(),
            "stayed": self.stayed.to_json(),
            "more_accepting": self.more_accepting,
            "more_declining": self.more_declining,
            "changes": [
                {"then": then, "now": now, **cell.to_json()}
                for (then, now), cell in sorted(self.changes.items())
            ],
            "not_replayable": dict(self.not_replayable),
            "left_out": dict(self.left_out),
            "missing": dict(self.missing),
            "accepted": [
                {"then": then, "now": now, **cell.to_json()}
                for (then, now), cell in sorted(self.accepted.items())
            ],
            "flips": [
                {
                    "id": f.id,
                    "date": f.day.isoformat(),
                    "title": f.title,
                    "then": f.then,
                    "now": f.now,
                    "score_then": f.score_then,
                    "score_now": f.score_now,
                    "final": f.final,
                    "outcome": f.outcome,
                }
                for f in self.flips
            ],
            "findings": list(self.findings()),
        }


def rescore(facts: Iterable[DecisionFact], loaded: LoadedStrategy) -> Rescore:
    """Replay every fact under `loaded`; the verdict logged then is compared with the one
    this strategy gives now, with the committed hours of that day."""
    strategy = loaded.strategy
    flips: list[Flip] = []
    changes: dict[tuple[str, str], Cell] = {}
    stayed = Cell()
    refused: Counter[str] = Counter()
    left_out: Counter[str] = Counter()
    missing: Counter[str] = Counter()
    accepted: dict[tuple[str, str], Cell] = {}
    replayed = 0
    for fact in facts:
        opportunity, dropped = rebuild_opportunity(strategy, fact.kind, fact.fields, fact.ratings)
        if opportunity is None:
            refused.update(dropped)
            continue
        left_out.update(set(dropped))
        replayed += 1
        now = evaluate(loaded, opportunity, committed=fact.committed)
        missing.update(now.missing)
        key = (fact.verdict, now.verdict)
        if fact.final == "accept":
            accepted[key] = accepted.get(key, Cell()) + Cell.of(fact.outcome)
        if now.verdict == fact.verdict:
            stayed += Cell.of(fact.outcome)
            continue
        changes[key] = changes.get(key, Cell()) + Cell.of(fact.outcome)
        flips.append(
            Flip(
                fact.id,
                fact.day,
                fact.title,
                fact.verdict,
                now.verdict,
                fact.score,
                now.score,
                fact.final,
                fact.outcome,
            )
        )
    return Rescore(
        strategy=strategy.name,
        replayed=replayed,
        flips=tuple(flips),
        changes=changes,
        stayed=stayed,
        not_replayable=dict(refused.most_common()),
        left_out=dict(left_out.most_common()),
        missing=dict(missing.most_common()),
        accepted=accepted,
    )
