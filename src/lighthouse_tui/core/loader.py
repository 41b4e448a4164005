"""Read a strategy file and report everything wrong with it, each problem at its line.

The path from bytes to a usable strategy has four gates — size and encoding, TOML syntax, the
schema, then cross-references (criteria fields, kinds, rules) — and each gate reports all it
finds. Nothing here raises anything but `ProblemsError` for a bad file, whatever it holds.
"""

import dataclasses
import hashlib
import re
import tomllib
import types
import typing
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import MAX_BYTES, LoadedStrategy, loaded_strategy
from lighthouse_tui.core.problems import Problem, ProblemsError, file_problem
from lighthouse_tui.core.rules import RuleError, compile_rule
from lighthouse_tui.core.strategy import (
    BUILTIN_FIELDS,
    BUILTIN_KINDS,
    ONE_LINE,
    SCHEMA_VERSION,
    Strategy,
)
from lighthouse_tui.core.suggest import closest
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.core.vocabulary import rule_names

if TYPE_CHECKING:
    from lighthouse_tui.core import tomlpos

_TOML_POSITION = re.compile(
    r"\(at line (\d+), column (\d+)\)|\(at end of document\)"  # untranslated: tomllib's
)
_QUOTED = re.compile(r"'([^']*)'")
_PATTERN_HINTS = {
    ONE_LINE: N_("must be one line, without control characters"),
    r"^[a-z][a-z0-9_]*$": N_(
        "{value}: use lowercase letters, digits and _, starting with a letter"
    ),
    r"^[a-z][a-z0-9_-]*$": N_(
        "{value}: use lowercase letters, digits, _ and -, starting with a letter"
    ),
}
_EXPECTED = {
    "int_type": N_("expected integer, got {given}"),
    "float_type": N_("expected number, got {given}"),
    "string_type": N_("expected string, got {given}"),
    "bool_type": N_("expected boolean, got {given}"),
    "date_type": N_("expected date, got {given}"),
    "list_type": N_("expected list, got {given}"),
    "dict_type": N_("expected table, got {given}"),
    "dataclass_type": N_("expected table, got {given}"),
}
"""What each type error expected, said of the value the file holds."""
_BOUNDS = {
    "greater_than": ("gt", N_("must be greater than {limit}, got {given}")),
    "greater_than_equal": ("ge", N_("must be greater than or equal to {limit}, got {given}")),
    "less_than": ("lt", N_("must be less than {limit}, got {given}")),
    "less_than_equal": ("le", N_("must be less than or equal to {limit}, got {given}")),
    "string_too_long": ("max_length", N_("must be at most {limit} characters long")),
    "too_long": ("max_length", N_("must have at most {limit} entries")),
}
"""Limits of the schema, by pydantic's error type and the key of the limit in its context."""


class _KeyPositions:
    """Where each key of the file is, scanned when the first problem needs placing: a file
    that loads, which `check` reads on every run, never pays for the scan or its module."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[tomlpos.Path, tomlpos.Position] | None = None

    def locate(self, path: "tomlpos.Path") -> "tomlpos.Position | None":
        from lighthouse_tui.core import tomlpos

        if self._found is None:
            self._found = tomlpos.key_positions(self._text)
        return tomlpos.locate(self._found, path)


@cache
def _validator() -> TypeAdapter[Strategy]:
    """Pydantic's validator for the strategy, built on the first file validated: a strategy
    read from the cache (`core.strategy_file`) never needs it."""
    return TypeAdapter(Strategy)


def validate_strategy(raw: dict[str, Any]) -> Strategy:
    """The schema's checks alone, raising pydantic's `ValidationError`: for tests and tools
    that hold a parsed file; a file to load goes through `load_strategy_bytes`."""
    return _validator().validate_python(raw)


def strategy_data(strategy: Strategy) -> dict[str, Any]:
    """The strategy as a TOML file would write it, left-out keys left out."""
    data: dict[str, Any] = _validator().dump_python(strategy, mode="json", exclude_none=True)
    return data


def strategy_json_schema() -> dict[str, Any]:
    """The JSON schema of a strategy file, each key described by its docstring."""
    return _validator().json_schema()


def load_strategy_bytes(data: bytes, source: str) -> LoadedStrategy:
    if len(data) > MAX_BYTES:
        message = _("is over {size} MB; a strategy is a few KB of TOML")
        raise file_problem(source, message.format(size=MAX_BYTES // 1_000_000))
    text = decode_text(data, source)
    raw = parse_toml(text, source)
    positions = _KeyPositions(text)

    version = raw.get("schema")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        pos = positions.locate(("schema",))
        raise ProblemsError(
            [
                _problem(
                    source,
                    pos,
                    "schema",
                    _(
                        "written by a newer Lighthouse (schema {version}); this version reads "
                        "schema {supported}: upgrade Lighthouse to use it"
                    ).format(version=version, supported=SCHEMA_VERSION),
                )
            ]
        )

    problems: list[Problem] = []
    strategy: Strategy | None = None
    try:
        strategy = validate_strategy(raw)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, source, positions))
    checked = _CrossCheck(raw, source, positions)
    problems.extend(checked.problems)
    if strategy is None or problems:
        raise ProblemsError(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))

    fingerprint = hashlib.sha256(data).hexdigest()
    return loaded_strategy(strategy, source=source, data=data, fingerprint=fingerprint)


def decode_text(data: bytes, source: str) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise ProblemsError(
            [
                Problem(
                    _("not UTF-8 text (byte {byte}); save the file as UTF-8").format(
                        byte=f"0x{data[exc.start]:02x}"
                    ),
                    file=source,
                    line=line,
                    col=col,
                )
            ]
        ) from None


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = col = None
        if found := _TOML_POSITION.search(message):
            message = message[: found.start()].rstrip()
            if found.group(1):
                line, col = int(found.group(1)), int(found.group(2))
            else:
                line = text.count("\n") + 1
                col = len(text) - text.rfind("\n")
        raise ProblemsError(
            [Problem(_toml_message(message), file=source, line=line, col=col)]
        ) from None
    except RecursionError:
        raise file_problem(source, _("not valid TOML: values nested too deeply")) from None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _problem(
    source: str,
    pos: "tomlpos.Position | None",
    path: str,
    message: str,
    suggestion: str | None = None,
) -> Problem:
    return Problem(
        message=message,
        path=path,
        file=source,
        line=pos.line if pos else None,
        col=pos.col if pos else None,
        suggestion=suggestion,
    )


def format_path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def _schema_problems(
    exc: ValidationError, source: str, positions: "_KeyPositions"
) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if part != "[key]")
        message, suggestion = _describe(error, loc)
        pos = positions.locate(loc)
        problems.append(_problem(source, pos, format_path(loc), message, suggestion))
    return problems


def _describe(error: Any, loc: tuple[str | int, ...]) -> tuple[str, str | None]:
    """One error in the user's words and language, with the valid name they probably meant.
    Pydantic's own messages are English: every error type the schema can raise is said here,
    and any other in general words, so none of pydantic's text ever reaches the user."""
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "unexpected_keyword_argument":
        allowed = _allowed_keys(loc[:-1])
        return _("unknown key '{key}'").format(key=loc[-1]), closest(str(loc[-1]), allowed)
    if kind == "missing":
        return _("required, but missing"), None
    if kind in ("literal_error", "enum"):
        expected = _QUOTED.findall(str(ctx.get("expected", "")))
        if not expected:  # `rating = true`, the one literal that is not text
            return _("must be true, or left out"), None
        shown = ", ".join(repr(e) for e in expected)
        message = _("{given} is not one of {choices}").format(given=repr(given), choices=shown)
        return message, closest(str(given), expected)
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), N_("{value}: not a valid name"))
        return _(hint).format(value=repr(given)), None
    if kind == "value_error":  # the schema's own checks, already in the user's language
        message = str(error["msg"]).removeprefix("Value error, ")  # untranslated: pydantic's
        return message, None
    if kind.startswith("date_") and isinstance(given, str):
        message = _("expected a date, got the text {given}: write dates without quotes")
        return message.format(given=repr(given)), None
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return _("must not be empty"), None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return _("needs at least one entry"), None
    if kind in _EXPECTED:
        return _(_EXPECTED[kind]).format(given=_describe_value(given)), None
    if kind in _BOUNDS:
        key, message = _BOUNDS[kind]
        limit = ctx.get(key)
        shown = f"{limit:g}" if isinstance(limit, float) else str(limit)
        return _(message).format(limit=shown, given=repr(given)), None
    return _("not a valid value: {given}").format(given=_describe_value(given)), None


_VALUE_WORDS: dict[type, str] = {
    str: N_("text {value}"),
    int: N_("a number {value}"),
    float: N_("a number {value}"),
    bool: N_("true/false"),
    list: N_("a list"),
    dict: N_("a table"),
}


def _describe_value(value: object) -> str:
    words = _VALUE_WORDS.get(type(value), N_("a value"))
    return _(words).format(value=repr(value))


_TOML_PREFIX = "not valid TOML: "  # untranslated: matched against tomllib's words below
_TOML_ERRORS = (
    N_("not valid TOML: invalid statement"),
    N_("not valid TOML: expected newline or end of document after a statement"),
    N_("not valid TOML: expected '=' after a key in a key/value pair"),
    N_("not valid TOML: expected ']' at the end of a table declaration"),
    N_("not valid TOML: expected ']]' at the end of an array declaration"),
    N_("not valid TOML: expected {what}"),
    N_("not valid TOML: found invalid character {what}"),
    N_("not valid TOML: cannot declare {what} twice"),
    N_("not valid TOML: cannot overwrite a value"),
    N_("not valid TOML: cannot mutate immutable namespace {what}"),
    N_("not valid TOML: cannot redefine namespace {what}"),
    N_("not valid TOML: invalid initial character for a key part"),
    N_("not valid TOML: unclosed array"),
    N_("not valid TOML: duplicate inline table key {what}"),
    N_("not valid TOML: unclosed inline table"),
    N_("not valid TOML: unescaped '\\' in a string"),
    N_("not valid TOML: invalid hex value"),
    N_("not valid TOML: escaped character is not a Unicode scalar value"),
    N_("not valid TOML: unterminated string"),
    N_("not valid TOML: illegal character {what}"),
    N_("not valid TOML: invalid date or datetime"),
    N_("not valid TOML: invalid value"),
)
"""tomllib's messages (English, with no code to tell them apart), each said in the user's
language; the specific ones first, so `expected {what}` only takes what they leave."""


def _toml_message(message: str) -> str:
    said = _lower_first(message)
    for known in _TOML_ERRORS:
        pattern = re.escape(known.removeprefix(_TOML_PREFIX))
        if found := re.fullmatch(pattern.replace(r"\{what\}", "(?P<what>.+)"), said):
            return _(known).format(**found.groupdict())
    return _("not valid TOML")


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys valid at `loc`, found by walking the schema the way pydantic walked the data."""
    table: type[Any] | None = Strategy
    for part in loc:
        if table is None:
            return []
        if isinstance(part, int):
            continue
        declared = {f.name: f.type for f in dataclasses.fields(table)}
        table = _table_in(declared[part]) if part in declared else None
    if table is None:
        return []
    return [f.name for f in dataclasses.fields(table)]


def _table_in(annotation: object) -> type[Any] | None:
    """The table (a dataclass) a field holds, itself or in a list, optional or constrained."""
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        list,
        typing.Union,
        typing.Annotated,
    ):
        for arg in typing.get_args(annotation):
            if found := _table_in(arg):
                return found
    return None


class _CrossCheck:
    """Checks that need the whole file: ids unique, fields and kinds that exist, rules that
    type-check. They run on the raw data, skipping what the schema already refused, so one
    bad weight does not hide a misspelt rule name. Rules are compiled here for their errors;
    a strategy that loads gets its compiled rules from `loaded_strategy`, as one read from the
    cache does."""

    def __init__(
        self,
        raw: dict[str, Any],
        source: str,
        positions: "_KeyPositions",
    ) -> None:
        self.source = source
        self.positions = positions
        self.problems: list[Problem] = []

        declared = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
        for name in declared:
            if name in BUILTIN_FIELDS:
                message = _("'{name}' is built in ({type}); rename it")
                self.report(("fields", name), message.format(name=name, type=BUILTIN_FIELDS[name]))
        field_types = {**_declared_types(declared), **BUILTIN_FIELDS}
        kinds = [*BUILTIN_KINDS, *(k for k in _list(raw.get("kinds")) if isinstance(k, str))]
        criteria = _tables(raw.get("criteria"))
        self.check_duplicates(criteria, "criteria")
        for index, criterion in criteria:
            self.check_criterion(index, criterion, field_types, kinds)
        rules = _tables(raw.get("rules"))
        self.check_duplicates(rules, "rules")
        rating_ids = [
            c["id"]
            for _, c in criteria
            if c.get("rating") is True and isinstance(c.get("id"), str) and c["id"].isidentifier()
        ]
        names = rule_names(field_types, rating_ids)
        for index, rule in rules:
            self.check_rule(index, rule, names, {"kind": kinds})

    def report(
        self, loc: tuple[str | int, ...], message: str, suggestion: str | None = None
    ) -> None:
        pos = self.positions.locate(loc)
        self.problems.append(_problem(self.source, pos, format_path(loc), message, suggestion))

    def check_duplicates(self, entries: list[tuple[int, dict[str, Any]]], section: str) -> None:
        seen: set[str] = set()
        for index, entry in entries:
            ident = entry.get("id")
            if isinstance(ident, str) and ident in seen:
                message = _("id '{id}' is used twice; ids must be unique").format(id=ident)
                self.report((section, index, "id"), message)
            if isinstance(ident, str):
                seen.add(ident)

    def check_criterion(
        self,
        index: int,
        criterion: dict[str, Any],
        field_types: dict[str, ValueType],
        kinds: list[str],
    ) -> None:
        name = criterion.get("field")
        number_fields = [n for n, t in field_types.items() if t is ValueType.NUMBER]
        if isinstance(name, str) and name not in number_fields:
            loc = ("criteria", index, "field")
            if name in field_types:
                message = _("'{name}' is a {type} field; a criterion needs a number")
                self.report(loc, message.format(name=name, type=field_types[name]))
            else:
                message = _("unknown field '{name}'").format(name=name)
                self.report(loc, message, closest(name, number_fields))
        for k, kind in enumerate(_list(criterion.get("kinds"))):
            if isinstance(kind, str) and kind not in kinds:
                message = _("unknown kind '{kind}'").format(kind=kind)
                self.report(("criteria", index, "kinds", k), message, closest(kind, kinds))

    def check_rule(
        self,
        index: int,
        rule: dict[str, Any],
        names: dict[str, ValueType],
        choices: dict[str, list[str]],
    ) -> None:
        when = rule.get("when")
        if not isinstance(when, str) or not when.strip():
            return
        try:
            compile_rule(when, names, choices=choices)
        except RuleError as exc:
            loc = ("rules", index, "when")
            pos = self.positions.locate(loc)
            col = pos.col if pos else None
            if pos and pos.value_col is not None and "\n" not in when:
                col = pos.value_col + 1 + exc.offset
            self.problems.append(
                Problem(
                    message=_("{problem} in `{rule}`").format(
                        problem=exc.message, rule=when.strip()
                    ),
                    path=format_path(loc),
                    file=self.source,
                    line=pos.line if pos else None,
                    col=col,
                    suggestion=exc.suggestion,
                )
            )


def _declared_types(declared: dict[str, Any]) -> dict[str, ValueType]:
    valid = {t.value: t for t in ValueType}
    return {n: valid[t] for n, t in declared.items() if isinstance(t, str) and t in valid}


def _tables(value: object) -> list[tuple[int, dict[str, Any]]]:
    return [(i, v) for i, v in enumerate(_list(value)) if isinstance(v, dict)]


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []
