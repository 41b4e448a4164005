"""Key positions in TOML text: values spread over several lines (arrays, strings) must not be
read as keys or table headers, whatever brackets, quotes or `#` they hold."""

import json
import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.tomlpos import Position, key_positions

_TRAPS = st.sampled_from(["[t]", "[[t]]", "k = 1", "[1],", "#", "'", '"', "]", "{", "\\"])
_TEXT = st.lists(
    st.one_of(_TRAPS, st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=4)),
    max_size=4,
).map("".join)

# a value, as the lines it is written on: the first goes after `key = `
Value = list[str]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "").replace("\\", "") + "'"


def _multiline(lines: list[str]) -> Value:
    body = [line.replace('"', "").replace("\\", "") for line in lines]
    return ['"""', *body[:-1], body[-1] + '"""'] if body else ['""""""']


_SCALARS = st.one_of(
    st.integers().map(lambda n: [str(n)]),
    _TEXT.map(lambda text: [json.dumps(text)]),
    _TEXT.map(lambda text: [_literal(text)]),
    st.lists(_TEXT, max_size=3).map(_multiline),
)


def _array(items: list[Value], spread: bool, comment: str) -> Value:
    if not spread:  # one line: only one-line items fit
        return ["[" + ", ".join(" ".join(item) for item in items if len(item) == 1) + "]"]
    lines = ["[" + (f" # {comment}" if comment else "")]
    for item in items:
        lines += [f"  {line}" for line in item[:-1]] + [f"  {item[-1]},"]
    return [*lines, "]"]


_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.builds(_array, st.lists(inner, max_size=3), st.booleans(), _TEXT),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_VALUES, max_size=3), min_size=1, max_size=3))
def test_every_key_is_found_on_its_line(tables: list[list[Value]]) -> None:
    """Whatever the values span, each key and table header is placed on the line it is on."""
    lines: list[str] = []
    expected: dict[tuple[str | int, ...], int] = {}
    for t, values in enumerate(tables):
        table: tuple[str, ...] = () if t == 0 else (f"t{t}",)
        if table:
            lines.append(f"[t{t}]")
            expected[table] = len(lines)
        for k, value in enumerate(values):
            lines.append(f"k{k} = {value[0]}")
            expected[(*table, f"k{k}")] = len(lines)
            lines += value[1:]
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # the scan only ever sees valid TOML
    found = key_positions(text)
    assert {path: found[path].line for path in expected if path in found} == expected
    assert set(found) == set(expected)


def test_a_multi_line_nested_array_is_not_a_table() -> None:
    text = 'm = [\n [1],\n [2],\n]\nk = "x"\n'
    assert key_positions(text) == {
        ("m",): Position(1, 1, 5),
        ("k",): Position(5, 1, 5),
    }


def test_brackets_in_strings_and_comments_do_not_count() -> None:
    text = 'm = [ # ]\n "]", \'[\',\n """\n[t]\n""",\n]\n[t]\nk = 1\n'
    found = key_positions(text)
    assert (found[("t",)].line, found[("t", "k")].line) == (7, 8)
    assert ("k",) not in found
