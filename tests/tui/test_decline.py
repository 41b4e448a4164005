"""The polite no: the dealbreakers' reasons when one fired, else the weakest criteria."""

from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.tui.decline import decline_message, sentence_case

from .conftest import item


def test_a_dealbreaker_gives_its_reason(loaded: LoadedStrategy) -> None:
    opportunity = item("Retainer", ratings={"alignment": 5.0}, fee=1000.0, hours_per_week=20.0)
    message = decline_message("Retainer", evaluate(loaded, opportunity))
    assert message == (
        "Thank you for thinking of me for “Retainer”.\n"
        "I have to say no this time: not enough free hours.\n"
        "I hope we find a better match another time."
    )


def test_without_a_dealbreaker_the_weakest_criteria_speak(loaded: LoadedStrategy) -> None:
    opportunity = item("Talk", ratings={"alignment": 1.0}, fee=100.0, hours_per_week=1.0)
    message = decline_message("Talk", evaluate(loaded, opportunity))
    assert "it does not fit my current focus (pays enough, moves me toward the lighthouse)" in (
        message
    )


def test_nothing_weak_nothing_named(loaded: LoadedStrategy) -> None:
    evaluation = evaluate(loaded, item("", ratings={"alignment": 5.0}, fee=1000.0))
    message = decline_message("", evaluation)
    assert message.startswith("Thank you for thinking of me.\n")
    assert "it does not fit my current focus." in message


def test_names_and_acronyms_keep_their_capitals() -> None:
    assert sentence_case("Not enough hours") == "not enough hours"
    assert sentence_case("B2B only") == "B2B only"
    assert sentence_case("ACME is a competitor") == "ACME is a competitor"
    assert sentence_case("I said so") == "I said so"
