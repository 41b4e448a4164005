"""The verdict line says why a verdict is provisional: the weight not rated yet, or a rule
still waiting for a value when every criterion has one."""

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.render.evaluation import verdict_line

STRATEGY = b"""
schema = 1
name = "t"
lighthouse = "l"

[capacity]
hours_per_week = 10

[fields]
remote = "bool"

[[criteria]]
id = "alignment"
label = "Aligned"
weight = 1
rating = true

[[criteria]]
id = "fit"
label = "Fits"
weight = 1
rating = true

[[rules]]
id = "on-site"
when = "remote == false"
then = "decline"
reason = "On site"
"""


def line(ratings: dict[str, float]) -> str:
    loaded = load_strategy_bytes(STRATEGY, "t.toml")
    opportunity = Opportunity(kind="opportunity", values={"title": "x"}, ratings=ratings)
    return verdict_line(evaluate(loaded, opportunity)).plain


def test_a_rule_waiting_is_named_when_everything_is_rated() -> None:
    assert line({"alignment": 5, "fit": 5}) == (
        "ACCEPT  score 100 ≥ 65  provisional (a rule waits for remote)"
    )


def test_missing_weight_is_counted_when_a_criterion_waits() -> None:
    assert line({"alignment": 5}).endswith("provisional (50% of the weight rated)")
