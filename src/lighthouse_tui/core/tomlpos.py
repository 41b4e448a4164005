"""Where each key of a TOML document sits, so validation errors can name a line and column.

`tomllib` returns plain values with no positions. Rather than depend on a second, round-trip
TOML parser for this one need, we scan the source line by line: table headers, array-of-tables
entries, `key = value` lines and the keys of one-line inline tables, stepping over the inner
lines of a value that spans several (arrays, strings). The scan only runs after
`tomllib` has accepted the document, so it may assume valid TOML and stay simple.
"""

import re
from dataclasses import dataclass

Path = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?")
_ASSIGN = re.compile(rf"^(\s*)({_DOTTED})\s*=\s*")
_INLINE_KEY = re.compile(rf"(?:^|[{{,])\s*({_DOTTED})\s*=\s*")
_KEY_PART = re.compile(rf"{_BARE}|{_QUOTED}")


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    col: int
    value_col: int | None = None
    """Column where the key's value starts: lets a rule error point inside its expression."""


def _split_key(dotted: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[0] in "\"'" else part for part in _KEY_PART.findall(dotted))


def _scan(text: str, depth: int, closing: str | None) -> tuple[int, str | None]:
    """Carry a value's open brackets and open multi-line string across `text`, so the lines
    of a multi-line array (`[1],` looks like a table header) or string are not read as keys
    or headers. Brackets inside strings and comments do not count."""
    i, end = 0, len(text)
    while i < end:
        if closing is not None:
            if closing == '"""' and text[i] == "\\":
                i += 2
            elif text.startswith(closing, i):
                # up to two quotes may precede the closing three: they belong to the string
                run = len(text[i:]) - len(text[i:].lstrip(closing[0]))
                i, closing = i + run, None
            else:
                i += 1
            continue
        char = text[i]
        if char == "#":
            break
        if char in "\"'":
            if text.startswith(char * 3, i):
                closing, i = char * 3, i + 3
                continue
            i += 1
            while i < end and text[i] != char:
                i += 2 if char == '"' and text[i] == "\\" else 1
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        i += 1
    return depth, closing


def key_positions(text: str) -> dict[Path, Position]:
    positions: dict[Path, Position] = {}
    aot_counts: dict[Path, int] = {}
    table: Path = ()
    depth, closing = 0, None
    for number, line in enumerate(text.splitlines(), start=1):
        if depth or closing is not None:
            depth, closing = _scan(line, depth, closing)
            continue
        if header := _HEADER.match(line):
            keys = _split_key(header.group(2))
            col = header.start(1) + 1
            if header.group(1) == "[[":
                index = aot_counts.get(keys, 0)
                aot_counts[keys] = index + 1
                table = (*keys, index)
                positions.setdefault(keys, Position(number, col))
            else:
                table = keys
            positions[table] = Position(number, col)
            continue
        assign = _ASSIGN.match(line)
        if assign is None:
            continue
        path = table + _split_key(assign.group(2))
        value = line[assign.end() :]
        positions[path] = Position(number, assign.start(2) + 1, assign.end() + 1)
        depth, closing = _scan(value, 0, None)
        if value.startswith("{"):
            offset = assign.end()
            for inner in _INLINE_KEY.finditer(value):
                inner_path = path + _split_key(inner.group(1))
                positions[inner_path] = Position(
                    number, offset + inner.start(1) + 1, offset + inner.end() + 1
                )
    return positions


def locate(positions: dict[Path, Position], path: Path) -> Position | None:
    """The position of `path`, or of its nearest ancestor the scan saw (a list item's parent
    key, a missing key's table)."""
    for end in range(len(path), 0, -1):
        if (found := positions.get(path[:end])) is not None:
            return found
    return None
