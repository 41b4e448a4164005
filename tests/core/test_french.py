"""The rule language, the filter's reasons and the checks of an opportunity, in French: the
messages come from the catalog, the numbers are French, and nothing else changes (where an
error points, what is stored)."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core import i18n
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.opportunity import Opportunity, parse_rating, parse_value
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.core.rules import RuleError, compile_rule
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.core.types import ValueType

NAMES = {
    "fee": ValueType.NUMBER,
    "title": ValueType.TEXT,
    "kind": ValueType.TEXT,
    "remote": ValueType.BOOL,
}
DATA = Path(__file__).parent.parent / "data" / "strategies"


def french_spaces(text: str) -> str:
    """Babel writes `29 %` with a narrow no-break space: read as a plain one."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


def rule_error(text: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        compile_rule(text, NAMES, choices={"kind": {"client_request"}})
    return caught.value


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("text", "message", "offset"),
    [
        ("fee == 'a'", "impossible de comparer un nombre avec du texte", 4),
        ("title < 'a'", "« < » ne peut pas ordonner les textes ; seuls les nombres", 6),
        ("fees > 1", "nom inconnu « fees »", 0),
        ("fee > 1 fee", "« and », « or » ou la fin de la règle attendu, reçu : « fee »", 8),
        ("fee >", "valeur attendue, reçu : la fin de la règle", 5),
        ("not fee", "« not » demande vrai/faux, reçu : un nombre", 4),
        ("fee in ['a']", "impossible de chercher un nombre dans une liste de textes", 4),
        ("kind == 'client'", "valeur inconnue pour kind : « client »", 8),
    ],
)
def test_rule_errors_in_french_point_where_they_did(text: str, message: str, offset: int) -> None:
    error = rule_error(text)
    assert message in error.message
    assert error.offset == offset


def test_a_rule_error_in_a_strategy_file_is_french_at_its_line_and_column(
    french: None, tmp_path: Path
) -> None:
    source = (DATA / "good.toml").read_text(encoding="utf-8")
    assert 'when = "hours_per_week > capacity.available"' in source
    broken = tmp_path / "broken.toml"
    broken.write_text(
        source.replace(
            'when = "hours_per_week > capacity.available"',
            'when = "hours_per_week > capacity.availabel"',
        ),
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as caught:
        load_strategy_file(broken)
    [problem] = caught.value.problems
    line = next(
        number
        for number, text in enumerate(source.splitlines(), start=1)
        if "hours_per_week > capacity.available" in text
    )
    assert problem.line == line
    assert problem.col is not None
    assert problem.col > 1
    assert problem.message.startswith("nom inconnu « capacity.availabel »")
    assert "unknown" not in problem.message


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="fe title><=!'\"()[],andort0123.-", max_size=30))
def test_a_rule_error_points_at_the_same_place_in_both_languages(text: str) -> None:
    def attempt() -> tuple[int, str] | None:
        try:
            compile_rule(text, NAMES)
        except RuleError as error:
            return error.offset, error.message
        return None

    english = attempt()
    i18n.activate("fr")
    try:
        french = attempt()
    finally:
        i18n.activate("en")
    assert (english is None) == (french is None)
    if english is not None and french is not None:
        assert english[0] == french[0]


@pytest.fixture(scope="module")
def loaded(good_strategy_path: Path) -> LoadedStrategy:
    return load_strategy_file(good_strategy_path)


def test_the_reason_is_french_when_shown_and_english_when_stored(
    french: None, loaded: LoadedStrategy
) -> None:
    # Only the fee (weight 3 of 10) is known: 30 % of the weight, 50 % needed.
    result = evaluate(loaded, Opportunity("client_request", {"title": "t", "fee": 900.0}))
    assert french_spaces(result.reason) == "seulement 30 % du poids noté (il en faut 50 %)"
    assert result.to_json()["reason"] == "only 30% of the weight rated (needs 50%)"


def test_a_score_reason_has_french_decimals(french: None, loaded: LoadedStrategy) -> None:
    # alignment 3.2/5 → 0.64 × 5, fee 500 → 0.5 × 3, 5 h → 0.5 × 2: 57 points of 100.
    opportunity = Opportunity(
        "client_request",
        {"title": "t", "fee": 500.0, "hours_per_week": 5.0, "weeks": 4.0},
        {"alignment": 3.2},
    )
    result = evaluate(loaded, opportunity)
    assert result.verdict == "consider"
    assert result.reason == "score 57, entre 40 et 65"
    nearly = evaluate(
        loaded, Opportunity("client_request", opportunity.values, {"alignment": 3.99})
    )
    assert nearly.reason == "score 64,9, entre 40 et 65"
    assert nearly.to_json()["reason"] == "score 64.9, between 40 and 65"


def test_opportunity_checks_in_french(french: None, loaded: LoadedStrategy) -> None:
    with pytest.raises(ValueError, match=r"^une note va de 0 à 5, reçu : 7,5$"):
        parse_rating("7.5")
    from lighthouse_tui.core.opportunity import build_opportunity

    with pytest.raises(ProblemsError) as caught:
        build_opportunity(loaded.strategy, {"title": "t", "fees": 1, "remote": "maybe"}, origin="")
    messages = [p.message for p in caught.value.problems]
    assert messages == ["champ inconnu 'fees'", "oui ou non attendu, reçu : 'maybe'"]


def test_the_stored_reason_needs_no_babel(good_strategy_path: Path) -> None:
    """`check --json` and recording a decision never pay for Babel's import: the reason they
    write is plain English with plain numbers."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lighthouse_tui.core.filter import evaluate\n"
        "from lighthouse_tui.core.strategy_file import load_strategy_file\n"
        "from lighthouse_tui.core.opportunity import Opportunity\n"
        f"loaded = load_strategy_file(Path({str(good_strategy_path)!r}))\n"
        "cases = [({'title': 't', 'fee': 900.0}, {}), ({'title': 't', 'fee': 500.0,"
        " 'hours_per_week': 5.0, 'weeks': 4.0}, {'alignment': 3.2})]\n"
        "for values, ratings in cases:\n"
        "    opportunity = Opportunity('client_request', values, ratings)\n"
        "    print(evaluate(loaded, opportunity).to_json()['reason'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('babel')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == [
        "only 30% of the weight rated (needs 50%)",
        "score 57, between 40 and 65",
        "[]",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("oui", True), ("Oui", True), ("o", True), ("vrai", True), ("non", False), ("faux", False)],
)
def test_a_yes_no_field_takes_french_words(typed: str, expected: bool) -> None:
    assert parse_value(ValueType.BOOL, typed) is expected
