"""The one reader of numbers typed by people: `-f fee=…`, the app's fields, imported CSV, JSON
and TOML text, and `strategy init`'s answers all read `12,5`, `1 500 €` and `6 000` alike.

What it takes:

- a decimal point or a decimal comma: `12.5`, `12,5`, `,5`;
- thousands grouped by a space, a no-break space (U+00A0), a narrow no-break space (U+202F,
  what French typography and spreadsheets put there), a thin space, `'`, `_`, `,` or `.`,
  in groups of three digits: `1 500`, `1'500`, `1.500.000`, `1,500,000.50`, `1.500,50`;
- one currency sign or code before or after the number, spaced or not: `€`, `$`, `£`, `¥`,
  `EUR`, `USD`, `GBP`, `CHF` (any case): `1 500 €`, `$1,500`, `EUR 900`;
- a leading `-` or `+` (or the minus sign U+2212), when the caller allows negatives.

The ambiguous `1,500`: a single comma followed by exactly three digits, with no other mark,
groups thousands (1500), as money is written in English; `1,5`, `1,50`, `1234,567` and `0,125`
(no number is grouped after a lone 0) are decimal commas. A single dot is always a decimal
point (`1.500` is one and a half), and with both marks the last one is the decimal mark.
Exponents, `nan` and `inf` are refused: nobody types them for a fee.

Pure, and the only error it raises is `NumberError` (a `ValueError`), whose message shows the
text exactly as it was typed, never a Python escape like `'2\\xa0400'`.
"""

import math
import re

from lighthouse_tui.core.i18n import _

SPACES = " \u00a0\u202f\u2009"
"""Spaces that group thousands: plain, no-break, narrow no-break, thin."""
_GROUPING = re.compile(f"[{SPACES},.'_]")
_CURRENCY = r"(?:[€$£¥]|(?i:eur|usd|gbp|chf)(?![a-z]))"
_CURRENCY_FIRST = re.compile(rf"{_CURRENCY}\s*")
_CURRENCY_LAST = re.compile(rf"\s*{_CURRENCY}$")
_SIGN = re.compile(r"[-+\u2212]")
_DIGITS = re.compile(r"[0-9]+")
_ENGLISH_THOUSANDS = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")


class NumberError(ValueError):
    """A text that is not a number as people write them; says so with the text as typed."""

    def __init__(self, text: str, *, signed: bool = True) -> None:
        if signed:
            message = _("expected a number, got {text}")
        else:
            message = _("expected a number of 0 or more, got {text}")
        super().__init__(message.format(text=shown(text)))
        self.text = text


def shown(text: str) -> str:
    """`text` quoted for a message, as the user typed it (no escapes)."""
    return f"'{text}'"


def parse_number(text: str, *, negative: bool = True) -> float:
    """The number `text` holds, as described in the module docstring."""
    stripped = text.strip()
    rest = _without_currency(stripped)
    rest, sign = _unsigned(rest, negative, text)
    if rest is not stripped:  # `-€5`: the currency after the sign
        rest = _without_currency(rest)
    value = _unsigned_number(rest)
    if value is None or not math.isfinite(value):
        raise NumberError(text)
    return sign * value


def _without_currency(text: str) -> str:
    if match := _CURRENCY_FIRST.match(text):
        return text[match.end() :]
    if match := _CURRENCY_LAST.search(text):
        return text[: match.start()]
    return text


def _unsigned(rest: str, negative: bool, text: str) -> tuple[str, float]:
    if rest[:1] and _SIGN.fullmatch(rest[:1]):
        if rest[0] != "+" and not negative:
            raise NumberError(text, signed=False)
        return rest[1:].lstrip(SPACES), 1.0 if rest[0] == "+" else -1.0
    return rest, 1.0


def _unsigned_number(body: str) -> float | None:
    decimal = _decimal_mark(body)
    whole, fraction = body.rsplit(decimal, 1) if decimal else (body, "")
    if decimal and not _DIGITS.fullmatch(fraction):
        return None
    if not whole and decimal:
        return float(f"0.{fraction}")
    marks = set(_GROUPING.findall(whole))
    if len(marks) > 1 or decimal in marks:
        return None
    groups = _GROUPING.split(whole)
    if not all(_DIGITS.fullmatch(g) for g in groups):
        return None
    if len(groups) > 1 and (len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        return None
    return float("".join(groups) + (f".{fraction}" if fraction else ""))


def _decimal_mark(body: str) -> str | None:
    commas, dots = body.count(","), body.count(".")
    if commas and dots:
        return "," if body.rfind(",") > body.rfind(".") else "."
    if dots == 1:
        return "."
    if commas == 1 and not _ENGLISH_THOUSANDS.fullmatch(body):
        return ","
    return None
