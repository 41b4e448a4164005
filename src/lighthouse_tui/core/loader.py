"""Read a strategy file and report everything wrong with it, each problem at its line.

The path from bytes to a usable strategy has four gates — size and encoding, TOML syntax, the
schema, then cross-references (criteria fields, kinds, rules) — and each gate reports all it
finds. Nothing here raises anything but `ProblemsError` for a bad file, whatever it holds.
"""

import hashlib
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from lighthouse_tui.core.problems import Problem, ProblemsError
from lighthouse_tui.core.rules import Rule as CompiledRule
from lighthouse_tui.core.rules import RuleError, compile_rule
from lighthouse_tui.core.strategy import (
    BUILTIN_FIELDS,
    BUILTIN_KINDS,
    ONE_LINE,
    SCHEMA_VERSION,
    Rule,
    Strategy,
)
from lighthouse_tui.core.suggest import closest
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.core.vocabulary import rule_names

if TYPE_CHECKING:
    from lighthouse_tui.core import tomlpos

MAX_BYTES = 1_000_000
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)|\(at end of document\)")
_QUOTED = re.compile(r"'([^']*)'")
_PATTERN_HINTS = {
    ONE_LINE: "must be one line, without control characters",
    r"^[a-z][a-z0-9_]*$": "use lowercase letters, digits and _, starting with a letter",
    r"^[a-z][a-z0-9_-]*$": "use lowercase letters, digits, _ and -, starting with a letter",
}


@dataclass(frozen=True)
class LoadedStrategy:
    """A strategy that passed every gate, with what the log needs to explain it later."""

    strategy: Strategy
    source: str
    """The file name to show the user."""
    data: bytes
    fingerprint: str
    """sha256 of the file's bytes: the identity of this version of the strategy."""
    rules: tuple[tuple[Rule, CompiledRule], ...]


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


def load_strategy_file(path: Path) -> LoadedStrategy:
    name = str(path)
    try:
        if path.is_dir():
            raise _fail(name, "is a directory, not a strategy file")
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except PermissionError:
        raise _fail(name, "cannot be read: permission denied") from None
    except OSError as exc:
        raise _fail(name, f"cannot be read: {exc.strerror or exc}") from None
    return load_strategy_bytes(data, name)


def load_strategy_bytes(data: bytes, source: str) -> LoadedStrategy:
    if len(data) > MAX_BYTES:
        raise _fail(source, f"is over {MAX_BYTES // 1_000_000} MB; a strategy is a few KB of TOML")
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
                    f"written by a newer Lighthouse (schema {version}); this version reads "
                    f"schema {SCHEMA_VERSION}: upgrade Lighthouse to use it",
                )
            ]
        )

    problems: list[Problem] = []
    strategy: Strategy | None = None
    try:
        strategy = Strategy.model_validate(raw)
    except ValidationError as exc:
        problems.extend(_schema_problems(exc, source, positions))
    checked = _CrossCheck(raw, source, positions)
    problems.extend(checked.problems)
    if strategy is None or problems:
        raise ProblemsError(sorted(problems, key=lambda p: (p.line or 0, p.col or 0)))

    return LoadedStrategy(
        strategy=strategy,
        source=source,
        data=data,
        fingerprint=hashlib.sha256(data).hexdigest(),
        rules=tuple(zip(strategy.rules, checked.compiled, strict=True)),
    )


def _fail(source: str, message: str) -> ProblemsError:
    return ProblemsError([Problem(message=message, file=source)])


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
                    f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
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
            [Problem(f"not valid TOML: {_lower_first(message)}", file=source, line=line, col=col)]
        ) from None
    except RecursionError:
        raise _fail(source, "not valid TOML: values nested too deeply") from None


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
    """One error in the user's words, with the valid name they probably meant."""
    kind: str = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        return f"unknown key '{loc[-1]}'", closest(str(loc[-1]), allowed)
    if kind == "missing":
        return "required, but missing", None
    if kind in ("literal_error", "enum"):
        expected = _QUOTED.findall(str(ctx.get("expected", "")))
        shown = ", ".join(repr(e) for e in expected)
        return f"{given!r} is not one of {shown}", closest(str(given), expected)
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(ctx.get("pattern")), "not a valid name")
        return (hint, None) if ctx.get("pattern") == ONE_LINE else (f"{given!r}: {hint}", None)
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, "), None
    if kind in ("date_type", "date_parsing", "date_from_datetime_inexact") and isinstance(
        given, str
    ):
        return f"expected a date, got the text {given!r}: write dates without quotes", None
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty", None
    if kind == "too_short" and ctx.get("min_length") == 1:
        return "needs at least one entry", None
    message = _lower_first(str(error["msg"]).removeprefix("Input should be "))
    if kind.endswith("_type") and given is not None:
        return f"expected {message.removeprefix('a valid ')}, got {_describe_value(given)}", None
    if str(error["msg"]).startswith("Input should be ") and isinstance(given, int | float):
        return f"must be {message}, got {given!r}", None
    return message, None


def _describe_value(value: object) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list"}
    described = names.get(type(value), "a table" if isinstance(value, dict) else "a value")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{described} {value!r}"
    return described


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    """The keys valid at `loc`, found by walking the schema the way pydantic walked the data."""
    model: type[BaseModel] | None = Strategy
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        info = next(
            (f for n, f in model.model_fields.items() if (f.alias or n) == part),
            None,
        )
        model = _model_in(info.annotation) if info else None
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def _model_in(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) in (
        list,
        typing.Union,
    ):
        for arg in typing.get_args(annotation):
            if found := _model_in(arg):
                return found
    return None


class _CrossCheck:
    """Checks that need the whole file: ids unique, fields and kinds that exist, rules that
    type-check. They run on the raw data, skipping what the schema already refused, so one
    bad weight does not hide a misspelt rule name. Rules are compiled once, here."""

    def __init__(
        self,
        raw: dict[str, Any],
        source: str,
        positions: "_KeyPositions",
    ) -> None:
        self.source = source
        self.positions = positions
        self.problems: list[Problem] = []
        self.compiled: list[CompiledRule] = []

        declared = raw.get("fields") if isinstance(raw.get("fields"), dict) else {}
        for name in declared:
            if name in BUILTIN_FIELDS:
                self.report(
                    ("fields", name), f"'{name}' is built in ({BUILTIN_FIELDS[name]}); rename it"
                )
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
                self.report(
                    (section, index, "id"), f"id '{ident}' is used twice; ids must be unique"
                )
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
                self.report(
                    loc, f"'{name}' is a {field_types[name]} field; a criterion needs a number"
                )
            else:
                self.report(loc, f"unknown field '{name}'", closest(name, number_fields))
        for k, kind in enumerate(_list(criterion.get("kinds"))):
            if isinstance(kind, str) and kind not in kinds:
                self.report(
                    ("criteria", index, "kinds", k), f"unknown kind '{kind}'", closest(kind, kinds)
                )

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
            self.compiled.append(compile_rule(when, names, choices=choices))
        except RuleError as exc:
            loc = ("rules", index, "when")
            pos = self.positions.locate(loc)
            col = pos.col if pos else None
            if pos and pos.value_col is not None and "\n" not in when:
                col = pos.value_col + 1 + exc.offset
            self.problems.append(
                Problem(
                    message=f"{exc.message} in `{when.strip()}`",
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
