"""Reading the form: each field on its own, ratings only for the criteria of the kind."""

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core import i18n
from lighthouse_tui.core.loader import validate_strategy
from lighthouse_tui.core.opportunity import parse_value
from lighthouse_tui.core.strategy import Strategy
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.tui.draft import (
    Draft,
    computed_criteria,
    form_fields,
    rated_criteria,
    read_draft,
    value_text,
)

from .conftest import STRATEGY

WITH_FIELDS = STRATEGY.replace("[capacity]", '[fields]\nremote = "bool"\n\n[capacity]')


def strategy(text: str = STRATEGY) -> Strategy:
    return validate_strategy(tomllib.loads(text))


def test_one_bad_field_does_not_hide_the_others() -> None:
    reading = read_draft(
        strategy(), Draft(texts={"title": "Talk", "fee": "1_500", "weeks": "a few"})
    )
    assert reading.opportunity.values == {"title": "Talk", "fee": 1500.0}
    assert reading.errors == {"weeks": "expected a number, got 'a few'"}


def test_blank_fields_are_missing_not_errors() -> None:
    reading = read_draft(strategy(), Draft(texts={"fee": "  ", "title": ""}))
    assert reading.opportunity.values == {}
    assert reading.errors == {}


def test_ratings_count_only_for_the_criteria_of_the_kind() -> None:
    draft = Draft(kind="client_request", ratings={"alignment": 4, "posture": 5})
    assert read_draft(strategy(), draft).opportunity.ratings == {"alignment": 4.0}
    partner = Draft(kind="partner_offer", ratings=draft.ratings)
    assert read_draft(strategy(), partner).opportunity.ratings == {"alignment": 4.0, "posture": 5.0}


def test_an_unknown_kind_falls_back_to_the_default() -> None:
    assert read_draft(strategy(), Draft(kind="gone")).opportunity.kind == "opportunity"


def test_the_form_asks_for_builtin_then_declared_fields() -> None:
    names = [name for name, _ in form_fields(strategy(WITH_FIELDS))]
    assert names == ["fee", "hours_per_week", "weeks", "source", "notes", "remote"]


def test_declared_fields_parse_by_their_type() -> None:
    reading = read_draft(strategy(WITH_FIELDS), Draft(texts={"remote": "yes"}))
    assert reading.opportunity.values == {"remote": True}
    wrong = read_draft(strategy(WITH_FIELDS), Draft(texts={"remote": "maybe"}))
    assert wrong.errors == {"remote": "expected true or false, got 'maybe'"}


def test_rated_and_computed_criteria_split_by_kind() -> None:
    s = strategy()
    assert [c.id for c in rated_criteria(s, "partner_offer")] == ["alignment", "posture"]
    assert [c.id for c in rated_criteria(s, "client_request")] == ["alignment"]
    assert [c.id for c in computed_criteria(s, "client_request")] == ["fee"]


@pytest.mark.parametrize(
    ("language", "value", "typed"),
    [
        ("en", 3.5, "3.5"),
        ("fr", 3.5, "3,5"),
        ("fr", 1500.0, "1500"),
        ("fr", 1500.25, "1500,25"),
        ("fr", True, "oui"),
        ("en", False, "no"),
    ],
)
def test_a_stored_value_reads_as_the_language_writes_it_and_parses_back(
    language: i18n.Language, value: object, typed: str
) -> None:
    """Triage showed `hours_per_week 3.5` to a French user."""
    i18n.activate(language)
    assert value_text(value) == typed
    kind = ValueType.BOOL if isinstance(value, bool) else ValueType.NUMBER
    assert parse_value(kind, typed) == value


@settings(max_examples=300, deadline=None)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9)
    | st.sampled_from([3.14159265, 0.0000005, 1e-9, 1234.56789012, 0.125, 1.125, -12.5]),
    language=st.sampled_from(i18n.LANGUAGES),
)
def test_any_stored_number_reads_back_exactly(value: float, language: i18n.Language) -> None:
    """A number put back in the triage form is recorded again when the item is decided: it
    must read back as itself, not rounded (3.14159265 came back 3.141593, 5e-7 as 0) nor
    taken for grouped thousands (a French 0,125 came back 125)."""
    i18n.activate(language)
    assert parse_value(ValueType.NUMBER, value_text(value)) == value
