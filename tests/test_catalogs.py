"""Every message shown to users goes through the catalog, and the French catalog has them all.

Two ways for French to fall behind, both caught here: a sentence written in the code without
`_()`, so it is never extracted (the scan of literals), and a message extracted but never
translated (the check of the catalog against what the code asks for).
"""

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from lighthouse_tui.core import i18n

PACKAGE = Path(i18n.__file__).resolve().parent.parent
FRENCH = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "lighthouse.po"
GETTEXT_CALLS = frozenset(DEFAULT_KEYWORDS)

PROSE = re.compile(r"[A-Za-z]{2,}[ ,:;'’]+[A-Za-z]{2,}|^[A-Z][a-z]{2,}$")
"""Two words in a row, or one capitalised word alone ("Ratings"): what a person reads.
Identifiers, keys, ids, paths and styles are single lower-case tokens and are left alone."""
NOT_PROSE = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|WITH|PRAGMA|ALTER|DROP|BEGIN)\b"
    r"|\b(AND|OR|FROM|WHERE|IS NULL|IS NOT NULL|JOIN|GROUP BY|ORDER BY|LIMIT)\b|\biif\("
)
"""SQL, whole statements or fragments, which no one reads on screen: prose never writes its
conjunctions in capitals."""
IDENTIFIER = re.compile(r"\b\w+_\w+\b")
"""snake_case names (`decided_at`, `hours_per_week`): a list of them is not a sentence."""
STYLE_WORDS = frozenset(
    [
        "bold",
        "italic",
        "dim",
        "reverse",
        "underline",
        "strike",
        "not",
        "on",
        "default",
        "red",
        "green",
        "yellow",
        "blue",
        "magenta",
        "cyan",
        "white",
        "black",
        "bright_red",
        "bright_green",
        "bright_yellow",
        "bright_blue",
        "bright_black",
    ]
)
PROGRAMMING_ERRORS = frozenset(
    {"AssertionError", "TypeError", "NotImplementedError", "RuntimeError", "KeyError"}
)
"""Exceptions that mean a bug: their text is for developers and stays in English."""
NOT_SHOWN_KEYWORDS = frozenset(
    {"id", "classes", "name", "key", "action", "group", "style", "variant", "sep", "end"}
)
MARKER = "untranslated:"
"""A comment `# untranslated: why` on the line where a literal starts, or alone on the line
above it, exempts it: text for programs (file formats, JSON keys) rather than for people."""


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string statements: docstrings, and the attribute docstrings after an
    assignment, which are for developers."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _annotations(tree: ast.AST) -> set[int]:
    """ids of the strings written as types (`-> "Opportunity"`), for the type checker."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            found |= {id(n) for n in ast.walk(node.annotation)}
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            found |= {id(n) for n in ast.walk(node.returns)}
    return found


def _exempt_parents(tree: ast.AST) -> set[int]:
    """ids of the literals that are no one's reading: arguments of gettext calls (already in the
    catalog), of programming errors, and of keywords naming ids, classes and styles; `__all__`."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            attr = node.func.attr if isinstance(node.func, ast.Attribute) else None
            if name in GETTEXT_CALLS or name in PROGRAMMING_ERRORS or attr == "execute":
                exempt |= {id(n) for arg in node.args for n in ast.walk(arg)}
            for keyword in node.keywords:
                if keyword.arg in NOT_SHOWN_KEYWORDS:
                    exempt |= {id(n) for n in ast.walk(keyword.value)}
            if name == "Binding":  # the key and the action; the description is marked
                exempt |= {id(n) for arg in node.args[:2] for n in ast.walk(arg)}
        if isinstance(node, ast.Subscript):  # mapping["key"]
            exempt |= {id(n) for n in ast.walk(node.slice)}
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__" for target in node.targets
        ):  # names a module exports
            exempt |= {id(n) for n in ast.walk(node.value)}
    return exempt


def _is_style(text: str) -> bool:
    return all(word in STYLE_WORDS or word.startswith("#") for word in text.split())


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else "{}" for part in node.values
        )
    return None


def _prose(path: Path) -> Iterator[tuple[int, str]]:
    """The line and text of each literal that reads as prose for people, marked or not."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _exempt_parents(tree) | _annotations(tree)
    inside_fstring = {
        id(part)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for part in node.values
    }
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring:
            continue
        text = _literal_text(node)
        if text is None:
            continue
        bare = IDENTIFIER.sub(" ", re.sub(r"\{[^}]*\}|\[[^]]*\]", " ", text))
        if PROSE.search(bare) and not NOT_PROSE.search(text) and not _is_style(text):
            yield node.lineno, text  # type: ignore[attr-defined]


def _marks(path: Path) -> set[int]:
    """The lines holding a `# untranslated: why` mark."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {number for number, line in enumerate(lines, start=1) if MARKER in line}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_sentence_is_shown_without_the_catalog() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text[:70]!r}"
        for path in _sources()
        for line, text in _prose(path)
        if not {line, line - 1} & _marks(path)
    ]
    assert not found, "wrap in _() or N_(), or mark `# untranslated: why`:\n" + "\n".join(found)


def test_every_untranslated_mark_exempts_a_sentence() -> None:
    """A mark on a literal the scan no longer takes for prose is noise that hides the next
    real one: each must stand on, or just above, the line a prose literal starts on."""
    stale = [
        f"{path.relative_to(PACKAGE.parent)}:{mark}"
        for path in _sources()
        for mark in sorted(
            _marks(path) - {line - offset for line, _ in _prose(path) for offset in (0, 1)}
        )
    ]
    assert not stale, "remove the `# untranslated:` marks that exempt nothing:\n" + "\n".join(stale)


def _french() -> Catalog:
    with FRENCH.open("rb") as po:
        return read_po(po)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_french_catalog_has_every_message() -> None:
    french = _french()
    missing, unfinished = [], []
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE), keywords=DEFAULT_KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        entry = french.get(msgid, context=context)
        if entry is None:
            missing.append(f"{filename}: {msgid!r}")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy or not all(strings):
            unfinished.append(f"{filename}: {msgid!r}")
    assert not missing, "not in the French catalog (`make messages`):\n" + "\n".join(missing)
    assert not unfinished, "no French yet:\n" + "\n".join(unfinished)


def test_french_keeps_every_placeholder() -> None:
    """A translation that drops `{title}` or invents `{titre}` fails at run time, in French
    only; here it fails in the tests."""
    wrong = []
    for entry in _french():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set().union(*(_fields(text) for text in ids))
        wrong += [
            f"{ids[0]!r} → {text!r}" for text in strings if text and _fields(text) != expected
        ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("asked", "env", "strategy", "expected"),
    [
        ("fr", {"LIGHTHOUSE_LANG": "en", "LANG": "en_US.UTF-8"}, "en", "fr"),
        (None, {"LIGHTHOUSE_LANG": "fr_FR.UTF-8", "LANG": "C"}, "en", "fr"),
        (None, {"LANG": "en_GB.UTF-8"}, "fr", "fr"),
        (None, {"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, None, "fr"),
        (None, {"LC_MESSAGES": "fr_FR", "LANG": "en_US"}, None, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, None, "en"),
        (None, {"LIGHTHOUSE_LANG": "de", "LANG": "fr_FR.UTF-8"}, None, "fr"),
        (None, {}, None, "en"),
    ],
)
def test_the_language_comes_from_the_nearest_choice(
    asked: str | None, env: dict[str, str], strategy: str | None, expected: str
) -> None:
    assert i18n.choose_language(asked, strategy, env) == expected


def test_french_numbers_and_dates() -> None:
    from datetime import date

    i18n.activate("fr")
    assert i18n.hours(12.5) == "12,5 h"
    assert i18n.decimal(1500).replace("\u202f", " ").replace("\xa0", " ") == "1 500"
    assert i18n.day(date(2026, 12, 4)) == "4 déc. 2026"
    assert i18n.percent(0.29).replace("\u202f", " ").replace("\xa0", " ") == "29 %"
    i18n.activate("en")
    assert i18n.hours(12.5) == "12.5 h"
    assert i18n.decimal(1500) == "1,500"
    assert i18n.day(date(2026, 12, 4)) == "Dec 4, 2026"
    assert i18n.percent(0.29) == "29%"


@pytest.mark.usefixtures("french")
def test_an_empty_text_stays_empty() -> None:
    """gettext gives the catalog's header for `""`: a key with no description, or a field
    with no placeholder, would show it."""
    assert i18n._("") == ""
