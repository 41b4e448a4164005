"""`fold`: what every text filter compares, so that `regie` finds "Régie"."""

import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from lighthouse_tui.core.text import fold


def strip_accents(text: str) -> str:
    """The accents taken off by hand, as someone typing without them would."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
@example("\u0e01\u0e31")  # a Thai vowel sign: a mark, though it combines with nothing
def test_a_text_and_the_same_without_accents_fold_alike(text: str) -> None:
    assert fold(text) == fold(strip_accents(text))


@given(st.text())
def test_folding_each_character_alone_folds_the_text(text: str) -> None:
    """The palette folds a title character by character to map matches back onto it."""
    assert "".join(fold(char) for char in text) == fold(text)


@pytest.mark.parametrize(
    ("typed", "title"),
    [
        ("regie", "Régie publicitaire"),
        ("REGIE", "régie"),
        ("oeuvre", "Chef-d'Œuvre"),
        ("ex aequo", "ex æquo"),
        ("francais", "FRANÇAIS"),
        ("strasse", "Straße"),
        ("fin", "ﬁn"),
    ],
)
def test_typed_without_accents_finds_the_title(typed: str, title: str) -> None:
    assert fold(typed) in fold(title)
