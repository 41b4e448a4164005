"""A polite no, written from the strategy's own reasons: saying no is quicker, and weighs
less, when the words are ready and the reasons are true."""

from lighthouse_tui.core.filter import Evaluation
from lighthouse_tui.core.text import visible

WEAKEST = 2
"""How many of the weakest criteria a message names, when no dealbreaker fired."""


def decline_reasons(evaluation: Evaluation) -> tuple[list[str], bool]:
    """The dealbreakers that fired, or else the weakest rated criteria (below half marks,
    heaviest first among equals); and whether they are dealbreakers."""
    fired = [rule.reason for rule in evaluation.rules if rule.then == "decline"]
    if fired:
        return fired, True
    weak = [c for c in evaluation.criteria if c.value is not None and c.value < 0.5]
    weak.sort(key=lambda c: (c.value, -c.weight))
    return [c.label for c in weak[:WEAKEST]], False


def decline_message(title: str, evaluation: Evaluation) -> str:
    if title:
        thanks = f"Thank you for thinking of me for “{visible(title)}”."
    else:
        thanks = "Thank you for thinking of me."
    reasons, dealbreakers = decline_reasons(evaluation)
    if dealbreakers:
        why = f"I have to say no this time: {'; '.join(map(sentence_case, reasons))}."
    elif reasons:
        weakest = ", ".join(map(sentence_case, reasons))
        why = f"I have to say no this time: it does not fit my current focus ({weakest})."
    else:
        why = "I have to say no this time: it does not fit my current focus."
    return f"{thanks}\n{why}\nI hope we find a better match another time."


def sentence_case(text: str) -> str:
    """Lower the first letter of a capitalised word, as it continues a sentence; acronyms
    and names in capitals (`B2B`, `ACME`) stay as they are."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text
