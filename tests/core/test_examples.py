"""The example strategies shipped in the wheel: the first files a new user reads and copies, so
each must load and show every part of the format at work."""

import tomllib
from pathlib import Path

import pytest

from lighthouse_tui.core.loader import validate_strategy
from lighthouse_tui.core.strategy import BUILTIN_KINDS
from lighthouse_tui.core.strategy_file import load_strategy_file

EXAMPLES_DIR = Path(__file__).parents[2] / "src" / "lighthouse_tui" / "strategies"
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.toml"))


def test_the_examples_are_there() -> None:
    names = {path.name for path in EXAMPLES}
    assert {"coach.en.toml", "consultant.fr.toml", "agency.en.toml"} <= names


@pytest.fixture(params=EXAMPLES, ids=lambda path: path.name)
def example(request: pytest.FixtureRequest) -> Path:
    path: Path = request.param
    return path


def test_example_loads_with_its_rules(example: Path) -> None:
    """Through every gate `check` puts a file through (schema, rules, kinds), not the schema
    alone, and to the same strategy the schema reads."""
    loaded = load_strategy_file(example)
    assert loaded.strategy == validate_strategy(tomllib.loads(loaded.data.decode()))
    assert len(loaded.rules) == len(loaded.strategy.rules) > 0


def test_example_shows_every_part_of_the_format(example: Path) -> None:
    strategy = validate_strategy(tomllib.loads(example.read_text(encoding="utf-8")))
    assert strategy.horizon is not None
    assert 150 <= (strategy.horizon.end - strategy.horizon.start).days <= 200
    assert set(strategy.kinds) - set(BUILTIN_KINDS), "declares no extra kind"
    assert strategy.fields, "declares no extra field"
    assert 5 <= len(strategy.criteria) <= 9
    ratings = [c for c in strategy.criteria if c.rating]
    assert ratings
    assert all(c.question for c in ratings), "a rating criterion without its question"
    computed = [c for c in strategy.criteria if c.field is not None]
    assert computed
    assert any(c.worst is not None and c.best is not None and c.worst > c.best for c in computed), (
        "no 'less is better' criterion"
    )
    assert any(c.kinds for c in strategy.criteria), "no kind-specific criterion"
    assert 3 <= len(strategy.rules) <= 6
    assert {rule.then for rule in strategy.rules} == {"decline", "accept", "flag"}
    assert any(rule.decline_reason for rule in strategy.rules if rule.then == "decline"), (
        "no public wording for a dealbreaker"
    )
    assert any(c.decline_reason for c in strategy.criteria), "no public wording for a criterion"


def test_the_french_example_writes_in_french_and_says_vous() -> None:
    strategy = load_strategy_file(EXAMPLES_DIR / "consultant.fr.toml").strategy
    assert (strategy.language, strategy.decline.tone) == ("fr", "vous")
