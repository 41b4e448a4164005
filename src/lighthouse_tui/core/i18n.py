"""The language Lighthouse speaks, and the words and formats of that language.

Messages are stdlib `gettext`: English is the source text, French comes from the catalog
`locale/fr/LC_MESSAGES/lighthouse.po`, compiled to `.mo` by Babel (`make catalogs`, and before
every test run). Numbers and dates are formatted by Babel, which is imported only when a
number or a date is first shown: `lighthouse check --json` never pays for it.

The language is chosen once per process, before any text is built (`activate`). Text defined at
import time, such as the description of a key binding, is marked with `N_` and translated
where it is shown, so a module imported before the choice still speaks the chosen language.
"""

import gettext
import os
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from babel import Locale

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")
"""The languages with a complete catalog; English is the text of the source itself."""

DOMAIN = "lighthouse"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""Read in this order, as POSIX does: the first one set decides."""


class CatalogMissing(RuntimeError):
    """A language's compiled catalog is not where the package expects it: a build fault
    (`make catalogs` compiles them), never something the user did."""


@cache
def translation(language: Language) -> gettext.NullTranslations:
    """The compiled catalog of one language. English needs none: its messages are the source."""
    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, [language])
    except FileNotFoundError:
        raise CatalogMissing(
            # untranslated: a build fault, for developers
            f"no compiled catalog for {language!r} in {LOCALE_DIR}; run `make catalogs`"
        ) from None


class _Active:
    """The language in use, kept in one object so that tests can switch it and put it back."""

    language: Language = "en"
    catalog: gettext.NullTranslations = gettext.NullTranslations()


def activate(language: Language) -> None:
    _Active.catalog = translation(language)
    _Active.language = language


def active_language() -> Language:
    return _Active.language


def _(message: str) -> str:
    """The message in the active language. An empty text stays empty: gettext would give
    the catalog's header for it, and an empty tooltip or description is common."""
    return _Active.catalog.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _Active.catalog.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """For a word whose translation depends on where it stands (`context`)."""
    return _Active.catalog.pgettext(context, message)


def N_(message: str) -> str:
    """Marks text for the catalog without translating it yet: the text is translated with
    `_` where it is shown, once the language is known."""
    return message


def normalized(value: str | None) -> Language | None:
    """`fr`, `fr_FR.UTF-8`, `FR-ca` → `fr`; a language without a catalog, or none, → None."""
    if not value:
        return None
    code = value.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return next((language for language in LANGUAGES if language == code), None)


def locale_language(environ: Mapping[str, str]) -> Language:
    """The language of the user's locale; `C`, `POSIX` and languages without a catalog read
    as English, the language every message is written in."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable)
        if value:
            return normalized(value) or "en"
    return "en"


def choose_language(
    asked: str | None,
    strategy_language: str | None,
    environ: Mapping[str, str] = os.environ,
) -> Language:
    """`--lang`, else `$LIGHTHOUSE_LANG`, else the strategy's `language`, else the locale: the
    nearer to this one command a choice was made, the more it says about what is wanted now."""
    for candidate in (asked, environ.get("LIGHTHOUSE_LANG"), strategy_language):
        language = normalized(candidate)
        if language:
            return language
    return locale_language(environ)


@cache
def _locale(language: Language) -> "Locale":
    from babel import Locale

    return Locale.parse(language)


NUMBER_MARKS: dict[Language, tuple[str, str, str]] = {
    "en": (",", ".", "{}%"),
    "fr": ("\u202f", ",", "{}\xa0%"),
}
"""Each language's thousands separator, decimal mark and percent form, as Babel writes them
(a test compares them). Numbers are written with these alone: importing Babel and its locale
data would cost `lighthouse check` some 40 ms the first time it shows a number like 4.5."""


def _marked(english: str) -> str:
    """A number Python wrote (`1,234.5`) with the marks of the language in use."""
    group, mark, _ = NUMBER_MARKS[_Active.language]
    return english.translate({ord(","): group, ord("."): mark})


def decimal(value: float, digits: int | None = 1, *, grouped: bool = True) -> str:
    """`12.5` → `12,5` in French; at most `digits` decimals (None: as many as it takes to
    read back as `value`), none when the value is whole, and grouped thousands (`1 500` in
    French, `1,500` in English) unless `grouped` is false: a value put back in a field to be
    edited, where `1,500` would read as a decimal in French eyes."""
    group = "," if grouped else ""
    if isinstance(value, int) or value.is_integer():
        return _marked(f"{int(value):{group}}")
    from decimal import ROUND_HALF_EVEN, Decimal

    # Rounded as Babel rounds: the shortest decimal that reads back as `value` (0.15, not
    # the binary 0.1499…), half to even; then trailing zeros dropped, as `#,##0.#` drops them.
    # Unlike Babel, a value that rounds to nothing is `0`, never `-0`, as a whole -0.0 is.
    rounded = Decimal(repr(value))
    if digits is not None:
        rounded = rounded.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)
    if rounded.is_zero():
        rounded = rounded.copy_abs()
    written = f"{rounded:{group}f}"
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return _marked(written)


def fixed(value: float, digits: int = 1) -> str:
    """`4.0` → `4,0` in French: always `digits` decimals, for numbers that line up in a
    column; rounded as Python's `{:.1f}` rounds, so English reads as it always has."""
    return _marked(f"{value:,.{digits}f}")


def hours(value: float) -> str:
    """Hours as they are written: `12,5 h` in French, `12.5 h` in English."""
    return _("{hours} h").format(hours=decimal(value))


def percent(fraction: float) -> str:
    """`0.29` → `29 %` in French, `29%` in English: the spacing is the language's own.
    Whole percents, rounded as Python's `{:.0%}` rounds them."""
    return NUMBER_MARKS[_Active.language][2].format(_marked(f"{fraction * 100:,.0f}"))


def day(value: date) -> str:
    """A date for reading, `4 déc. 2026` or `Dec 4, 2026`; files and tables that are read by
    programs keep ISO dates."""
    from babel.dates import format_date

    return format_date(value, format="medium", locale=_locale(_Active.language))


def strategy_language(path: Path) -> str | None:
    """The `language` a strategy file asks for, read before the strategy is loaded, so that
    the command's help and the loader's own errors already speak it. A file that cannot be
    read says nothing here: loading it reports why, in the language chosen without it."""
    import tomllib

    try:
        with path.open("rb") as file:
            value = tomllib.load(file).get("language")
    except (OSError, ValueError, RecursionError):  # RecursionError: values nested too deep
        return None
    return value if isinstance(value, str) else None


def compile_catalogs() -> None:
    """Every `.po` to its `.mo`, with Babel. The build runs it (`hatch_build.py`), and so does
    the test session, so that neither ever reads a stale catalog."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"):
        with po.open("rb") as source:
            catalog = read_po(source)
        # Written aside and renamed into place: a process reading the catalog meanwhile (a
        # running app, another test process) sees the old one or the new one, never half.
        partial = po.with_name(f".{po.stem}-{os.getpid()}.mo")
        with partial.open("wb") as target:
            write_mo(target, catalog)
        os.replace(partial, po.with_suffix(".mo"))
    translation.cache_clear()
