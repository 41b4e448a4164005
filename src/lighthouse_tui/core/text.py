"""User text made safe to print, and folded for searching.

Titles, notes and sources come from e-mails, spreadsheets and other people. Printed as they are,
an ESC in them is a terminal escape sequence (colours, a changed window title, worse). Spelling
each control character out (`\\x1b`) keeps the text exact and readable and the terminal safe.

Searched, they are written by hand, in French as often as not: `regie` must find "Régie", and
`oeuvre` "Œuvre". Every text filter (the inbox's, the log's in SQL, the palette's) compares
`fold`ed texts, so all of them agree on what matches.
"""

import unicodedata

_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_SPELLED = {c: f"\\x{c:02x}" for c in _CONTROLS}
_SPELLED_KEEPING_LINES = {c: v for c, v in _SPELLED.items() if chr(c) not in "\n\t"}


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` with every control character spelled out; newlines and tabs kept when
    `keep_lines` (multi-line notes), spelled out otherwise (one-line messages)."""
    return text.translate(_SPELLED_KEEPING_LINES if keep_lines else _SPELLED)


class _Folding(dict[int, str | None]):
    """`str.translate`'s table for `fold`: the marks set on a letter (category Mn) dropped,
    `œ` and `æ` (which no decomposition splits) written as two letters; every other character
    kept. Filled as characters are met, so a title is translated in C after its first time."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        folded = None if unicodedata.category(char) == "Mn" else _LIGATURES.get(char, char)
        self[code] = folded
        return folded


_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}
_FOLDING = _Folding()


def fold(text: str) -> str:
    """`text` without accents, case or ligatures: "Œuvre Régie" → "oeuvre regie".

    Compatibility decomposition (NFKD) splits "é" into "e" and its accent, and "ﬁ" into "fi";
    the accents are dropped and case is folded (`ß` → `ss`). Folding each character alone
    gives the same text as folding the whole: the palette relies on it to map its matches back
    onto the title. ASCII, most titles, takes the fast way.
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_FOLDING).casefold()
