"""Periods, the review's findings and the rescore's, in French: sentences from the catalog,
French numbers, and ISO dates where a period is written as it is typed."""

from datetime import date

import pytest

from lighthouse_tui.core.capacity import Commitment
from lighthouse_tui.core.period import PeriodError, all_time, horizon_note, parse_period
from lighthouse_tui.core.rescore import rescore
from lighthouse_tui.core.review import review
from lighthouse_tui.core.strategy import Horizon
from lighthouse_tui.core.strategy_file import load_strategy_file

from .support import GOOD, TODAY, fact

HORIZON = Horizon(start=date(2026, 12, 1), end=date(2027, 5, 31))


def plain(text: str) -> str:
    """Babel's narrow no-break spaces (`40 %`) read as plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.usefixtures("french")
def test_a_period_error_in_french_names_the_forms() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("0d", today=TODAY, horizon=HORIZON)
    assert str(caught.value).startswith(
        "période '0d' illisible (on compte à partir de 1) ; utilisez horizon (celui de la "
        "stratégie, par défaut), all, 30d"
    )
    with pytest.raises(PeriodError, match=r"^période 'quinzaine' illisible ; utilisez horizon"):
        parse_period("quinzaine", today=TODAY, horizon=HORIZON)


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("30d", "30 derniers jours"),
        ("1w", "1 dernière semaine"),
        ("6m", "6 derniers mois"),
        ("all", "depuis le début"),
        ("horizon", "horizon 2026-12-01 → 2027-05-31"),
    ],
)
def test_period_names_in_french(text: str, label: str) -> None:
    assert parse_period(text, today=TODAY, horizon=HORIZON).label == label


def test_where_the_review_stands_against_the_horizon_in_french(french: None) -> None:
    note = horizon_note(parse_period("30d", today=TODAY, horizon=HORIZON), HORIZON, TODAY)
    assert note == (
        "Jour 91 sur 182 de l'horizon 2026-12-01 → 2027-05-31 ; encore 91 jours ; cette "
        "période est à l'intérieur."
    )


def test_review_findings_in_french(french: None) -> None:
    strategy = load_strategy_file(GOOD).strategy
    facts = [
        fact(1, reflex="accept", verdict="accept", outcome=5),
        fact(2, reflex="decline", verdict="accept"),
        fact(3, reflex="accept", verdict="decline", final="decline", outcome=2),
        fact(4, day=date(2027, 2, 8), outcome=4),
    ]
    commitments = [Commitment(date(2027, 2, 8), 12.5, weeks=1)]
    period = parse_period("2027-02", today=TODAY, horizon=None)
    findings = [plain(f) for f in review(facts, strategy, period, TODAY, commitments).findings]
    assert (
        "Les engagements ont dépassé vos 10 h/semaine pendant 1 des 3 semaines (pic à 12,5 h)."
        in findings
    )
    findings = [plain(f) for f in review(facts, strategy, all_time(), TODAY).findings]
    assert "Votre réflexe était d'accord avec le filtre sur 2 des 4 cas nets (50 %)." in findings
    assert "Pas encore assez de dénouements notés (3 sur 4) : notez ceux en attente (1)." in (
        findings
    )
    assert not any("outcome" in f or "filter " in f for f in findings)


def test_an_empty_review_and_rescore_in_french(french: None) -> None:
    loaded = load_strategy_file(GOOD)
    assert review([], loaded.strategy, all_time(), TODAY).findings == (
        "Aucune décision sur cette période : rien à examiner pour l'instant.",
    )
    assert rescore([], loaded).findings() == (
        "Rien à rejouer : aucune décision n'a pu être notée par cette stratégie.",
    )
