"""The polite no: a message a person would really send, in the strategy's language and tone.

It is built only from what the strategy says may be said to the other side, the
`decline_reason` of its rules and criteria. A rule's `reason` and a criterion's label are
written for the user's own eyes ("a one-sided partner", "pays enough"): pasted into a reply they
would be neither polite nor wise. With nothing public to say, the message declines honestly and
gives no reason rather than inventing one. The app's `c` and `lighthouse decline` both call
`decline_message`, so the shell and the app never write two different letters.
"""

from collections.abc import Callable
from dataclasses import dataclass

from lighthouse_tui.core import i18n
from lighthouse_tui.core.filter import Evaluation
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.core.text import visible

WEAKEST = 2
"""How many of the weakest criteria a message names, when no dealbreaker has public words."""

_TRAILING = " \t.;:,!…"
"""What a reason may end with that the sentence around it supplies itself."""


Say = Callable[[str, str], str]
"""`pgettext` of one language's catalog: the tone is the context, the English text the id."""


@dataclass(frozen=True)
class _Letter:
    """One language and tone's words; `{title}` and `{reasons}` are filled in."""

    greeting: str
    thanks_for: str
    thanks: str
    refusal: str
    no_reason: str
    closing: str
    sign_off: str
    conjunction: str


def _formal(pgettext: Say) -> _Letter:
    """`vous` in French. English has one text for both tones: its ids are its words."""
    return _Letter(
        greeting=pgettext("vous", "Hello,"),
        thanks_for=pgettext("vous", "Thank you for thinking of me for “{title}”."),
        thanks=pgettext("vous", "Thank you for thinking of me."),
        refusal=pgettext("vous", "I'm afraid I can't take this on: {reasons}."),
        no_reason=pgettext("vous", "I'm afraid I can't take this on right now."),
        closing=pgettext("vous", "I hope our paths cross again on another project."),
        sign_off=pgettext("vous", "Best regards,"),
        conjunction=pgettext("vous", "and"),
    )


def _informal(pgettext: Say) -> _Letter:
    """`tu` in French; the same English words as `_formal`."""
    return _Letter(
        greeting=pgettext("tu", "Hello,"),
        thanks_for=pgettext("tu", "Thank you for thinking of me for “{title}”."),
        thanks=pgettext("tu", "Thank you for thinking of me."),
        refusal=pgettext("tu", "I'm afraid I can't take this on: {reasons}."),
        no_reason=pgettext("tu", "I'm afraid I can't take this on right now."),
        closing=pgettext("tu", "I hope our paths cross again on another project."),
        sign_off=pgettext("tu", "Best regards,"),
        conjunction=pgettext("tu", "and"),
    )


def letter_for(strategy: Strategy) -> _Letter:
    """The words in the strategy's language, which is the other side's, whatever language the
    app speaks now; a strategy that names none writes in the app's."""
    catalog = i18n.translation(strategy.language or i18n.active_language())
    build = _informal if strategy.decline.tone == "tu" else _formal
    return build(catalog.pgettext)


def public_reasons(strategy: Strategy, evaluation: Evaluation) -> list[str]:
    """The public words of the dealbreakers that fired, or else of the weakest rated criteria
    (below half marks, weakest then heaviest first); each said once. Only `decline_reason`
    is ever read here."""
    rule_words = {rule.id: rule.decline_reason for rule in strategy.rules}
    reasons = [
        words
        for rule in evaluation.rules
        if rule.then == "decline" and (words := rule_words.get(rule.id))
    ]
    if not reasons:
        criterion_words = {c.id: c.decline_reason for c in strategy.criteria}
        weak = [
            c
            for c in evaluation.criteria
            if c.value is not None and c.value < 0.5 and criterion_words.get(c.id)
        ]
        weak.sort(key=lambda c: (c.value, -c.weight))
        reasons = [criterion_words[c.id] or "" for c in weak[:WEAKEST]]
    unique: dict[str, str] = {}
    for reason in reasons:
        clause = sentence_case(reason.rstrip(_TRAILING))
        unique.setdefault(clause.casefold(), clause)
    return [clause for clause in unique.values() if clause]


def decline_message(strategy: Strategy, title: str, evaluation: Evaluation) -> str:
    """The whole message, from greeting to signature, ready to paste into a reply."""
    words = letter_for(strategy)
    shown = visible(title.strip())
    thanks = words.thanks_for.format(title=shown) if shown else words.thanks
    reasons = public_reasons(strategy, evaluation)
    if reasons:
        refusal = words.refusal.format(reasons=joined(reasons, words.conjunction))
    else:
        refusal = words.no_reason
    ending = [words.sign_off]
    if strategy.decline.signature:
        ending.append(strategy.decline.signature)
    return "\n\n".join([words.greeting, f"{thanks} {refusal}", words.closing, "\n".join(ending)])


def joined(clauses: list[str], conjunction: str) -> str:
    """`a`, `a and b`, `a, b and c`: a list as a sentence says it."""
    if len(clauses) < 2:
        return "".join(clauses)
    return f"{', '.join(clauses[:-1])} {conjunction} {clauses[-1]}"


def sentence_case(text: str) -> str:
    """Lower the first letter of a capitalised word, as it continues a sentence; acronyms
    and names in capitals (`B2B`, `ACME`) stay as they are."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text
