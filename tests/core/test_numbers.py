"""The one number reader: the forms people type, the ambiguous `1,500`, and properties: any
formatted number reads back, any text either reads or says so with the text as typed."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lighthouse_tui.core.numbers import NumberError, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12,5", 12.5),
        ("1 500 €", 1500.0),
        ("5 200", 5200.0),
        ("6 000", 6000.0),
        ("1,5", 1.5),
        ("1,500", 1500.0),  # the documented rule: one comma and three digits group thousands
        ("12,500", 12500.0),
        ("1234,567", 1234.567),
        ("0,125", 0.125),  # nothing groups thousands after a lone 0
        ("1.500", 1.5),  # a lone dot is always a decimal point
        ("1.500,50", 1500.5),
        ("1,500,000.50", 1500000.5),
        ("2\u00a0400", 2400.0),
        ("1\u202f234,5", 1234.5),
        ("$1,500", 1500.0),
        ("EUR 900", 900.0),
        ("900 chf", 900.0),
        ("£ 12.5", 12.5),
        ("1'500", 1500.0),
        ("-€5", -5.0),
        ("\u22123", -3.0),
        (",5", 0.5),
        ("  42 ", 42.0),
    ],
)
def test_numbers_as_people_type_them(text: str, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize(
    "text", ["", "abc", "1 5", "12 34", "1e3", "nan", "inf", "€", "5.", "1,2,3", "--5", "1.2.3"]
)
def test_what_is_not_a_number_says_so_as_typed(text: str) -> None:
    with pytest.raises(NumberError) as caught:
        parse_number(text)
    assert str(caught.value) == f"expected a number, got '{text}'"


def test_negatives_can_be_refused() -> None:
    with pytest.raises(NumberError, match="expected a number of 0 or more, got '-5'"):
        parse_number("-5", negative=False)
    assert parse_number("+5", negative=False) == 5.0


GROUPS = st.sampled_from([" ", "\u00a0", "\u202f", "'", "_", ",", "."])
CURRENCIES = st.sampled_from(["", "€", "$", "£", "EUR ", " EUR", " €", "usd "])


@given(
    st.integers(min_value=0, max_value=10**12),
    st.integers(min_value=0, max_value=99),
    GROUPS,
    st.sampled_from([".", ","]),
    CURRENCIES,
    st.booleans(),
)
def test_a_formatted_number_reads_back(
    whole: int, cents: int, group: str, decimal: str, currency: str, negative: bool
) -> None:
    if group == decimal:
        decimal = "," if decimal == "." else "."
    grouped = f"{whole:,}".replace(",", group)
    text = f"{grouped}{decimal}{cents:02d}"
    text = f"{currency}{text}" if currency.endswith(" ") or not currency.startswith(" ") else text
    text = f"{text}{currency}" if currency.startswith(" ") else text
    text = f"-{text}" if negative else text
    value = parse_number(text)
    assert value == pytest.approx((-1 if negative else 1) * (whole + cents / 100))


@given(st.text(max_size=30))
def test_any_text_reads_or_raises_only_number_error(text: str) -> None:
    """Anything else escaping (an IndexError, an OverflowError) fails the test as an error."""
    message = None
    try:
        value = parse_number(text)
    except NumberError as error:
        message = str(error)
    if message is None:
        assert math.isfinite(value)
    else:
        assert message == f"expected a number, got '{text}'"
