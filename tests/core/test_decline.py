"""The polite no: the public words of the dealbreakers that fired, else of the weakest criteria,
in the strategy's language and tone; never a private label or reason."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.decline import decline_message, joined, sentence_case
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.opportunity import Opportunity

STRATEGY = """
schema = 1
name = "Test"
lighthouse = "Coach B2B consultants"
language = "{language}"

[capacity]
hours_per_week = 10

[decline]
tone = "{tone}"
{signature}

[[criteria]]
id = "alignment"
label = "Moves me toward the lighthouse"
weight = 5
rating = true
decline_reason = "{alignment}"

[[criteria]]
id = "fee"
label = "Pays enough"
weight = 3
field = "fee"
worst = 0
best = 1000
decline_reason = "{fee}"

[[criteria]]
id = "fun"
label = "Fun people"
weight = 1
rating = true

[[rules]]
id = "no-capacity"
when = "hours_per_week > capacity.available"
then = "decline"
reason = "Not enough free hours"
decline_reason = "{capacity}"

[[rules]]
id = "too-cheap"
when = "fee < 100"
then = "decline"
reason = "Below my floor, they are cheapskates"
decline_reason = "{cheap}"

[[rules]]
id = "boring"
when = "rating.fun <= 0"
then = "decline"
reason = "Boring people"
"""

ENGLISH = {
    "alignment": "I am keeping these months for coaching",
    "fee": "the budget does not match my rates",
    "capacity": "My calendar is full until the spring.",
    "cheap": "the budget is below what I charge",
}
FRENCH = {
    "alignment": "je garde ces mois pour l'accompagnement de consultants",
    "fee": "le budget ne correspond pas à mes tarifs",
    "capacity": "Mon agenda est complet jusqu'au printemps.",
    "cheap": "le budget est en dessous de mes tarifs",
}
PRIVATE = ("Moves me toward", "Pays enough", "Fun people", "Not enough", "Below my", "Boring")


def strategy(
    language: str = "en", tone: str = "vous", signature: str | None = "Camille"
) -> LoadedStrategy:
    words = FRENCH if language == "fr" else ENGLISH
    text = STRATEGY.format(
        language=language,
        tone=tone,
        signature=f'signature = "{signature}"' if signature else "",
        **words,
    )
    return load_strategy_bytes(text.encode(), "test.toml")


def message(loaded: LoadedStrategy, title: str, **values: float) -> str:
    ratings = {"alignment": values.pop("alignment", 5.0), "fun": values.pop("fun", 5.0)}
    opportunity = Opportunity(
        kind="client_request", values={"title": title, **values}, ratings=ratings
    )
    written = decline_message(loaded.strategy, title, evaluate(loaded, opportunity))
    assert not any(private in written for private in PRIVATE), written
    return written


def test_french_vous_reads_as_a_formal_email() -> None:
    written = message(strategy("fr"), "Atelier ventes", fee=800.0, hours_per_week=20.0)
    assert written == (
        "Bonjour,\n\n"
        "Je vous remercie d'avoir pensé à moi pour « Atelier ventes ». Je ne vais "
        "malheureusement pas pouvoir vous suivre sur ce projet : mon agenda est complet "
        "jusqu'au printemps.\n\n"
        "J'espère que nous aurons l'occasion de travailler ensemble une prochaine fois, et je "
        "vous souhaite le meilleur pour la suite.\n\n"
        "Bien cordialement,\nCamille"
    )


def test_french_tu_says_tu_throughout() -> None:
    written = message(strategy("fr", "tu"), "Atelier ventes", fee=800.0, hours_per_week=20.0)
    assert written.startswith("Bonjour,\n\nMerci d'avoir pensé à moi pour « Atelier ventes ».")
    assert "pas pouvoir te suivre sur ce projet : mon agenda est complet" in written
    assert "je te souhaite le meilleur" in written
    assert written.endswith("Bien à toi,\nCamille")
    assert "vous" not in written


def test_english() -> None:
    written = message(strategy(signature=None), "Retainer", fee=800.0, hours_per_week=20.0)
    assert written == (
        "Hello,\n\n"
        "Thank you for thinking of me for “Retainer”. I'm afraid I can't take this on: my "
        "calendar is full until the spring.\n\n"
        "I hope our paths cross again on another project.\n\n"
        "Best regards,"
    )


def test_no_public_reason_is_a_short_honest_refusal_with_thanks() -> None:
    # Only the rule without public words fires, and no criterion is weak.
    written = message(strategy("fr"), "", fee=800.0, fun=0.0)
    assert "Je vous remercie d'avoir pensé à moi. Je ne vais malheureusement pas pouvoir vous " in (
        written
    )
    assert "sur ce projet : ce n'est pas le bon moment pour moi." in written
    english = message(strategy(), "Talk", fee=800.0, fun=0.0)
    assert "“Talk”. I'm afraid I can't take this on right now.\n" in english


def test_several_dealbreakers_are_joined_as_a_sentence_says_them() -> None:
    written = message(strategy("fr"), "Mission", fee=50.0, hours_per_week=20.0)
    assert (
        ": mon agenda est complet jusqu'au printemps et le budget est en dessous de mes tarifs."
        in written
    )
    english = message(strategy(), "Gig", fee=50.0, hours_per_week=20.0)
    assert ": my calendar is full until the spring and the budget is below what I charge." in (
        english
    )


def test_without_a_dealbreaker_the_weakest_criteria_speak_weakest_first() -> None:
    written = message(strategy(), "Talk", fee=150.0, alignment=1.0, fun=1.0)
    assert (
        "I can't take this on: the budget does not match my rates and I am keeping these "
        "months for coaching." in written
    )


def test_a_dealbreaker_without_public_words_lets_the_criteria_speak() -> None:
    written = message(strategy(), "Talk", fee=150.0, fun=0.0)
    assert "I can't take this on: the budget does not match my rates." in written


def test_the_same_words_are_said_once() -> None:
    loaded = strategy()
    text = loaded.data.decode().replace(ENGLISH["cheap"], "my calendar is full until the spring")
    written = message(load_strategy_bytes(text.encode(), "t.toml"), "X", fee=5.0, hours_per_week=20)
    assert written.count("calendar") == 1


def test_lists_and_capitals() -> None:
    assert joined(["a"], "and") == "a"
    assert joined(["a", "b", "c"], "et") == "a, b et c"
    assert sentence_case("Not enough hours") == "not enough hours"
    assert sentence_case("B2B only") == "B2B only"
    assert sentence_case("ACME is a competitor") == "ACME is a competitor"
    assert sentence_case("I said so") == "I said so"


# Private words come from an alphabet the public ones and the message's own words never use,
# so "it appears in the message" can only mean "it was pasted there".
PRIVATE_TEXT = st.text(alphabet="абвгдежзиклмнопрстуфхцчшэюя", min_size=3, max_size=20)
PUBLIC_TEXT = st.from_regex(r"[a-z][a-z ]{0,30}", fullmatch=True)


@st.composite
def strategies_and_opportunities(draw: st.DrawFn) -> tuple[LoadedStrategy, Opportunity, str]:
    count = draw(st.integers(1, 4))
    lines = [
        "schema = 1",
        f"name = {json.dumps(draw(PRIVATE_TEXT), ensure_ascii=False)}",
        f"lighthouse = {json.dumps(draw(PRIVATE_TEXT), ensure_ascii=False)}",
        f'language = "{draw(st.sampled_from(["en", "fr"]))}"',
        "[capacity]",
        "hours_per_week = 10",
        "[decline]",
        f'tone = "{draw(st.sampled_from(["vous", "tu"]))}"',
    ]
    if draw(st.booleans()):
        lines.append(f'signature = "{draw(PUBLIC_TEXT)}"')
    for index in range(count):
        lines += [
            "[[criteria]]",
            f'id = "c{index}"',
            f"label = {json.dumps(draw(PRIVATE_TEXT), ensure_ascii=False)}",
            f"weight = {draw(st.integers(1, 9))}",
            "rating = true",
        ]
        if draw(st.booleans()):
            lines.append(f"question = {json.dumps(draw(PRIVATE_TEXT), ensure_ascii=False)}")
        if draw(st.booleans()):
            lines.append(f'decline_reason = "{draw(PUBLIC_TEXT)}"')
    for index in range(draw(st.integers(0, 4))):
        lines += [
            "[[rules]]",
            f'id = "r{index}"',
            f'when = "rating.c{draw(st.integers(0, count - 1))} <= {draw(st.integers(0, 5))}"',
            f'then = "{draw(st.sampled_from(["decline", "accept", "flag"]))}"',
            f"reason = {json.dumps(draw(PRIVATE_TEXT), ensure_ascii=False)}",
        ]
        if draw(st.booleans()):
            lines.append(f'decline_reason = "{draw(PUBLIC_TEXT)}"')
    loaded = load_strategy_bytes("\n".join(lines).encode(), "drawn.toml")
    ratings = {
        f"c{index}": float(rating)
        for index in range(count)
        if (rating := draw(st.none() | st.integers(0, 5))) is not None
    }
    title = draw(st.text(alphabet="abcdefghij XYZ", max_size=20))
    return loaded, Opportunity(kind="opportunity", values={"title": title}, ratings=ratings), title


@settings(max_examples=200, deadline=None)
@given(strategies_and_opportunities())
def test_no_private_label_or_reason_is_ever_said(
    drawn: tuple[LoadedStrategy, Opportunity, str],
) -> None:
    loaded, opportunity, title = drawn
    strategy = loaded.strategy
    written = decline_message(strategy, title, evaluate(loaded, opportunity))
    private = [strategy.name, strategy.lighthouse]
    private += [c.label for c in strategy.criteria] + [c.prompt for c in strategy.criteria]
    private += [rule.reason for rule in strategy.rules]
    assert not [words for words in private if words in written]
    assert title.strip() in written
    assert (strategy.decline.signature or "") in written
    assert not any(0x400 <= ord(ch) < 0x500 for ch in written), "a private letter was pasted"


def _without_language(loaded: LoadedStrategy) -> LoadedStrategy:
    text = loaded.data.decode().replace('language = "fr"\n', "").replace('language = "en"\n', "")
    return load_strategy_bytes(text.encode(), "test.toml")


def test_without_a_language_the_letter_speaks_the_apps_language(french: None) -> None:
    loaded = _without_language(strategy("fr", "tu"))
    assert loaded.strategy.language is None
    written = message(loaded, "Atelier ventes", fee=800.0, hours_per_week=20.0)
    assert written.startswith("Bonjour,\n\nMerci d'avoir pensé à moi pour « Atelier ventes ».")
    assert written.endswith("Bien à toi,\nCamille")


def test_without_a_language_an_english_app_writes_in_english() -> None:
    loaded = _without_language(strategy("fr"))
    written = message(loaded, "Atelier ventes", fee=800.0, hours_per_week=20.0)
    assert written.startswith("Hello,\n\nThank you for thinking of me for “Atelier ventes”.")


def test_the_letter_speaks_the_strategys_language_not_the_apps(french: None) -> None:
    english = message(strategy(signature=None), "Retainer", fee=800.0, hours_per_week=20.0)
    assert english.startswith("Hello,\n\nThank you for thinking of me for “Retainer”.")
    assert english.endswith("Best regards,")
