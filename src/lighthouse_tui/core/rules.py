"""The language of `when = "..."` in a strategy's rules: a tiny, closed expression language.

A strategy file may come from someone else, so a rule must never be able to reach Python: the
grammar has no calls, attributes, indexing or arithmetic, and the text is never handed to the
Python interpreter — it is scanned and parsed here by hand. Everything that can be wrong with a
rule (syntax, unknown names, mismatched types, unknown kinds) is found once, at load time, with
the character offset the loader turns into a line and column. What remains is a tree of closures
that only looks names up in a mapping and compares values, because the filter runs every rule on
every opportunity of every refresh.
"""

import operator
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NamedTuple

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, pgettext
from lighthouse_tui.core.suggest import closest
from lighthouse_tui.core.types import ValueType

MAX_LENGTH = 2000
"""Longer than any honest rule; bounds the work a hostile file can ask for."""

MAX_DEPTH = 50
"""Nesting of parentheses and `not`; keeps the parser's recursion far from Python's limit."""

Env = Mapping[str, object]
_Value = Callable[[Env], Any]
_Op = Callable[[Any, Any], bool]


class RuleError(Exception):
    """A rule the loader must reject, located so the user sees where in the text it went wrong.

    The suggestion is kept apart from the message so the loader can show it as a fix to apply.
    """

    def __init__(self, message: str, offset: int, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.suggestion = suggestion


@dataclass(frozen=True, slots=True)
class Rule:
    """A checked rule, ready to run against many opportunities without looking at its text again.

    `names` lets the filter say which missing ratings or fields a rule is waiting for.
    """

    text: str
    names: frozenset[str]
    evaluate: Callable[[Env], bool | None] = field(repr=False, compare=False)
    """True or False, or None when a name the answer depends on is missing from `env`.

    Unknown is its own answer (three-valued logic) so an unrated opportunity is shown as
    waiting rather than silently passing or failing the rule. The compiled closure itself,
    not a method wrapping it: the filter calls it ten times per opportunity."""


# --- Scanning -------------------------------------------------------------------------------

_TokenKind = Literal["name", "keyword", "operator", "punct", "literal", "end"]

_SPACE = frozenset(" \t\r\n")
_DIGITS = frozenset("0123456789")
_IDENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_IDENT = _IDENT_START | _DIGITS
_NUMERIC_RUN = _IDENT | frozenset(".-")
_KEYWORDS = frozenset({"and", "or", "not", "in"})
_BOOLEANS = {"true": True, "false": False}
_OPERATORS = frozenset({"==", "!=", "<=", ">=", "<", ">"})
_PUNCTUATION = frozenset("()[],")
_ESCAPABLE = frozenset("\\'\"")
_LOOKALIKES = {"=": "==", "&": "and", "|": "or", "!": "not"}
"""What someone used to other languages probably meant by a character this one lacks."""


# Tokens and nodes are named tuples rather than dataclasses: as immutable, and defining the
# seven of them costs a tenth of the time, which `lighthouse check` pays on every run.
class _Token(NamedTuple):
    kind: _TokenKind
    text: str
    """Exactly as written, so messages quote the user's own spelling and `end` is exact."""
    offset: int
    value: object = None
    type: ValueType = ValueType.BOOL
    """`value` and `type` mean something only for literals."""

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    def describe(self) -> str:
        if self.kind == "end":
            return _("the end of the rule")
        return self.text if self.kind == "literal" else _("'{token}'").format(token=self.text)


def _tokenize(text: str) -> list[_Token]:
    """All tokens of `text`, ending with an `end` token so the parser never runs off the list."""
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos] in _SPACE:
            pos += 1
            continue
        token = _scan(text, pos)
        tokens.append(token)
        pos = token.end
    tokens.append(_Token("end", "", len(text)))
    return tokens


def _scan(text: str, pos: int) -> _Token:
    char = text[pos]
    if char in "'\"":
        return _scan_string(text, pos)
    if char in _DIGITS or (char == "-" and text[pos + 1 : pos + 2] in _DIGITS):
        return _scan_number_or_date(text, pos)
    if char in _IDENT_START:
        return _scan_word(text, pos)
    pair = text[pos : pos + 2]
    if pair in _OPERATORS:
        return _Token("operator", pair, pos)
    if char in _OPERATORS:
        return _Token("operator", char, pos)
    if char in _PUNCTUATION:
        return _Token("punct", char, pos)
    raise RuleError(
        _("unexpected character {character}").format(character=repr(char)),
        pos,
        _LOOKALIKES.get(char),
    )


def _skip(text: str, pos: int, chars: frozenset[str]) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _scan_string(text: str, start: int) -> _Token:
    quote = text[start]
    chars: list[str] = []
    pos = start + 1
    while pos < len(text):
        char = text[pos]
        if char == quote:
            source = text[start : pos + 1]
            return _Token("literal", source, start, "".join(chars), ValueType.TEXT)
        if char == "\\":
            escaped = text[pos + 1 : pos + 2]
            if not escaped:
                break
            if escaped not in _ESCAPABLE:
                raise RuleError(
                    _("unknown escape '\\{escaped}' (only \\\\, \\' and \\\" are allowed)").format(
                        escaped=escaped
                    ),
                    pos,
                )
            chars.append(escaped)
            pos += 2
            continue
        chars.append(char)
        pos += 1
    raise RuleError(_("unclosed string"), start)


def _scan_number_or_date(text: str, start: int) -> _Token:
    """One literal starting with a digit or a minus sign.

    The whole run of letters, digits, dots and dashes is taken at once so `2027-2-3`, `3abc`
    or `1.5.2` are reported as one malformed value instead of as confusing token soup.
    """
    end = _skip(text, start + 1, _NUMERIC_RUN)
    word = text[start:end]
    if re.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?", word):
        number = float(word) if "." in word else int(word)
        return _Token("literal", word, start, number, ValueType.NUMBER)
    if re.fullmatch(r"[0-9]+-[0-9]+-[0-9]+", word):
        return _Token("literal", word, start, _date(word, start), ValueType.DATE)
    raise RuleError(_("'{word}' is not a number or a date").format(word=word), start)


def _date(word: str, offset: int) -> date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", word):
        raise RuleError(_("dates are written YYYY-MM-DD, got '{word}'").format(word=word), offset)
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise RuleError(_("'{word}' is not a real date").format(word=word), offset) from None


def _scan_word(text: str, start: int) -> _Token:
    end = _skip(text, start, _IDENT)
    while text[end : end + 1] == "." and text[end + 1 : end + 2] in _IDENT_START:
        end = _skip(text, end + 1, _IDENT)
    word = text[start:end]
    if word in _BOOLEANS:
        return _Token("literal", word, start, _BOOLEANS[word], ValueType.BOOL)
    return _Token("keyword" if word in _KEYWORDS else "name", word, start)


# --- Parsing ----------------------------------------------------------------------------------


class _Literal(NamedTuple):
    value: object
    type: ValueType
    offset: int


class _Name(NamedTuple):
    name: str
    offset: int


class _List(NamedTuple):
    items: tuple[_Literal, ...]
    offset: int


class _Not(NamedTuple):
    operand: "_Node"
    offset: int


class _Junction(NamedTuple):
    """`a and b and c` as one node, so long chains cost no nesting depth when evaluated."""

    word: Literal["and", "or"]
    operands: tuple["_Node", ...]
    offset: int


class _Compare(NamedTuple):
    op: str
    left: "_Node"
    right: "_Node | _List"
    offset: int
    """Of the operator: the place to point at when the two sides do not go together."""


_Node = _Literal | _Name | _Not | _Junction | _Compare


class _Parser:
    """Recursive descent; precedence from low to high is `or`, `and`, `not`, comparison."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def parse(self) -> _Node:
        node = self.disjunction()
        token = self.peek()
        if token.kind != "end":
            raise RuleError(
                _("expected 'and', 'or' or the end of the rule, got {token}").format(
                    token=token.describe()
                ),
                token.offset,
            )
        return node

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.index + ahead, len(self.tokens) - 1)]

    def advance(self) -> _Token:
        token = self.peek()
        self.index = min(self.index + 1, len(self.tokens) - 1)
        return token

    def at_keyword(self, word: str, ahead: int = 0) -> bool:
        token = self.peek(ahead)
        return token.kind == "keyword" and token.text == word

    @contextmanager
    def nested(self, token: _Token) -> Iterator[None]:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise RuleError(
                _("rule is nested too deeply (more than {depth} levels)").format(depth=MAX_DEPTH),
                token.offset,
            )
        yield
        self.depth -= 1

    def disjunction(self) -> _Node:
        return self.junction("or", self.conjunction)

    def conjunction(self) -> _Node:
        return self.junction("and", self.negation)

    def junction(self, word: Literal["and", "or"], operand: Callable[[], _Node]) -> _Node:
        operands = [operand()]
        while self.at_keyword(word):
            self.advance()
            operands.append(operand())
        if len(operands) == 1:
            return operands[0]
        return _Junction(word, tuple(operands), operands[0].offset)

    def negation(self) -> _Node:
        if not self.at_keyword("not"):
            return self.comparison()
        token = self.advance()
        with self.nested(token):
            return _Not(self.negation(), token.offset)

    def comparison(self) -> _Node:
        left = self.operand()
        found = self.comparison_operator()
        if found is None:
            return left
        op, offset = found
        right = self.list_literal() if op.endswith("in") and self.at_list() else self.operand()
        chained = self.comparison_operator()
        if chained is not None:
            raise RuleError(
                _("comparisons cannot be chained; join them with 'and', as in 'a < b and b < c'"),
                chained[1],
            )
        return _Compare(op, left, right, offset)

    def comparison_operator(self) -> tuple[str, int] | None:
        token = self.peek()
        if token.kind == "operator" or self.at_keyword("in"):
            self.advance()
            return token.text, token.offset
        if self.at_keyword("not") and self.at_keyword("in", 1):
            self.advance()
            self.advance()
            return "not in", token.offset  # untranslated: an operator of the rule language
        return None

    def at_list(self) -> bool:
        token = self.peek()
        return token.kind == "punct" and token.text == "["

    def operand(self) -> _Node:
        token = self.advance()
        if token.kind == "literal":
            return _Literal(token.value, token.type, token.offset)
        if token.kind == "name":
            if self.peek().kind == "punct" and self.peek().text == "(":
                raise RuleError(_("rules cannot call anything"), self.peek().offset)
            return _Name(token.text, token.offset)
        if token.kind == "punct" and token.text == "(":
            with self.nested(token):
                node = self.disjunction()
            self.expect(")")
            return node
        if token.kind == "punct" and token.text == "[":
            raise RuleError(
                _("a list [...] can only come right after 'in' or 'not in'"), token.offset
            )
        raise RuleError(
            _("expected a value, got {token}").format(token=token.describe()), token.offset
        )

    def expect(self, punct: str) -> None:
        token = self.advance()
        if token.kind != "punct" or token.text != punct:
            raise RuleError(
                _("expected '{punctuation}', got {token}").format(
                    punctuation=punct, token=token.describe()
                ),
                token.offset,
            )

    def list_literal(self) -> _List:
        opening = self.advance()
        if self.peek().text == "]" and self.peek().kind == "punct":
            raise RuleError(_("a list needs at least one value"), opening.offset)
        items: list[_Literal] = []
        while True:
            token = self.advance()
            if token.kind != "literal":
                raise RuleError(
                    _(
                        "a list holds only values like 3, 'text', 2027-01-31 or true; got {token}"
                    ).format(token=token.describe()),
                    token.offset,
                )
            items.append(_Literal(token.value, token.type, token.offset))
            separator = self.advance()
            if separator.kind == "punct" and separator.text == "]":
                return _List(tuple(items), opening.offset)
            if separator.kind != "punct" or separator.text != ",":
                raise RuleError(
                    _("expected ',' or ']' in the list, got {token}").format(
                        token=separator.describe()
                    ),
                    separator.offset,
                )


# --- Checking and building the evaluator ------------------------------------------------------

_WORDS = {
    ValueType.NUMBER: N_("a number"),
    ValueType.TEXT: N_("text"),
    ValueType.BOOL: N_("true/false"),
    ValueType.DATE: N_("a date"),
}
"""Types as the messages name them, translated where a message is built (`_word`)."""


def _word(value_type: ValueType) -> str:
    return _(_WORDS[value_type])


def _plural(value_type: ValueType) -> str:
    """A type as a plural noun ("a list of text"): its own context, because English says
    "text" in both places and other languages do not."""
    if value_type is ValueType.NUMBER:
        return pgettext("types", "numbers")
    if value_type is ValueType.TEXT:
        return pgettext("types", "text")
    if value_type is ValueType.BOOL:
        return pgettext("types", "true/false values")
    return pgettext("types", "dates")


_ORDERED = frozenset({ValueType.NUMBER, ValueType.DATE})


def _is_in(value: Any, container: Any) -> bool:
    return value in container


def _is_not_in(value: Any, container: Any) -> bool:
    return value not in container


def _is_part_of(part: str, whole: str) -> bool:
    return part.casefold() in whole.casefold()


def _is_not_part_of(part: str, whole: str) -> bool:
    return part.casefold() not in whole.casefold()


_COMPARISONS: dict[str, _Op] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_MEMBERSHIP: dict[str, _Op] = {"in": _is_in, "not in": _is_not_in}  # untranslated: operators
_SUBSTRING: dict[str, _Op] = {"in": _is_part_of, "not in": _is_not_part_of}  # untranslated: same


class _Compiler:
    """Type-checks the tree and turns it into closures in the same walk.

    Doing both at once means every closure is built only for a node already known to be
    well typed, so the closures need no checks of their own.
    """

    def __init__(
        self, names: Mapping[str, ValueType], choices: Mapping[str, Collection[str]]
    ) -> None:
        self.names = names
        self.choices = choices
        self.used: set[str] = set()

    def build(self, node: _Node) -> tuple[ValueType, _Value]:
        if isinstance(node, _Literal):
            return node.type, _constant(node.value)
        if isinstance(node, _Name):
            return self.lookup(node), _lookup(node.name)
        if isinstance(node, _Not):
            return ValueType.BOOL, _negation(
                self.condition(node.operand, N_("'not' needs true/false, got {type}"))
            )
        if isinstance(node, _Junction):
            needs = N_("'{word}' needs true/false on both sides, got {type}")
            parts = tuple(
                self.condition(operand, needs, word=node.word) for operand in node.operands
            )
            return ValueType.BOOL, (_all if node.word == "and" else _any)(parts)
        return ValueType.BOOL, self.comparison(node)

    def lookup(self, node: _Name) -> ValueType:
        value_type = self.names.get(node.name)
        if value_type is None:
            raise RuleError(
                _("unknown name '{name}'").format(name=node.name),
                node.offset,
                closest(node.name, self.names),
            )
        self.used.add(node.name)
        return value_type

    def condition(self, node: _Node, needs: str, **names: str) -> _Value:
        """`needs`: the message, marked with `N_`, if `node` is not true/false."""
        value_type, value = self.build(node)
        if value_type != ValueType.BOOL:
            raise RuleError(_(needs).format(type=_word(value_type), **names), node.offset)
        return value

    def comparison(self, node: _Compare) -> _Value:
        left_type, left = self.build(node.left)
        if isinstance(node.right, _List):
            constant = self.membership(node, left_type, node.right)
            right_node = _Literal(constant, left_type, node.right.offset)
            return _comparison(
                _MEMBERSHIP[node.op], node.left, left, right_node, _constant(constant)
            )
        right_type, right = self.build(node.right)
        if node.op in _SUBSTRING:
            self.check_substring(node, left_type, right_type)
            return _comparison(_SUBSTRING[node.op], node.left, left, node.right, right)
        if node.op in ("==", "!="):
            self.check_same(node, left_type, right_type)
            self.check_choice(node.left, node.right)
            self.check_choice(node.right, node.left)
        else:
            self.check_ordered(node, left_type, right_type)
        return _comparison(_COMPARISONS[node.op], node.left, left, node.right, right)

    def membership(self, node: _Compare, left_type: ValueType, items: _List) -> frozenset[object]:
        first = items.items[0].type
        for item in items.items:
            if item.type != first:
                raise RuleError(
                    _(
                        "a list holds one type of value; this is {type}, the first is {first}"
                    ).format(type=_word(item.type), first=_word(first)),
                    item.offset,
                )
        if left_type != first:
            raise RuleError(
                _("cannot look for {type} in a list of {types}").format(
                    type=_word(left_type), types=_plural(first)
                ),
                node.offset,
            )
        for item in items.items:
            self.check_choice(node.left, item)
        return frozenset(item.value for item in items.items)

    def check_choice(self, name: _Node | _List, literal: _Node | _List) -> None:
        """A misspelled kind would make a rule silently never fire, so it is an error."""
        if not isinstance(name, _Name) or not isinstance(literal, _Literal):
            return
        allowed = self.choices.get(name.name)
        if allowed is None or literal.type != ValueType.TEXT or literal.value in allowed:
            return
        value = str(literal.value)
        raise RuleError(
            _("unknown {name} '{value}'").format(name=name.name, value=value),
            literal.offset,
            closest(value, allowed),
        )

    @staticmethod
    def check_same(node: _Compare, left: ValueType, right: ValueType) -> None:
        if left != right:
            raise RuleError(
                _("cannot compare {left} with {right}").format(
                    left=_word(left), right=_word(right)
                ),
                node.offset,
            )

    @staticmethod
    def check_ordered(node: _Compare, left: ValueType, right: ValueType) -> None:
        for side in (left, right):
            if side not in _ORDERED:
                raise RuleError(
                    _(
                        "'{operator}' cannot order {types}; only numbers and dates have an order"
                        " (use == or != instead)"
                    ).format(operator=node.op, types=_plural(side)),
                    node.offset,
                )
        _Compiler.check_same(node, left, right)

    @staticmethod
    def check_substring(node: _Compare, left: ValueType, right: ValueType) -> None:
        if right != ValueType.TEXT:
            raise RuleError(
                _("'{operator}' needs a list [...] or text on its right, got {type}").format(
                    operator=node.op, type=_word(right)
                ),
                node.offset,
            )
        if left != ValueType.TEXT:
            raise RuleError(
                _("'{operator}' on text needs text on its left too, got {type}").format(
                    operator=node.op, type=_word(left)
                ),
                node.offset,
            )


# The closures below are the evaluator. Each returns None for "unknown"; the comparisons are
# specialised for a name against a literal, the common case, to skip one call per evaluation.


def _constant(value: object) -> _Value:
    return lambda _env: value


def _lookup(name: str) -> _Value:
    return lambda env: env.get(name)


def _comparison(
    op: _Op, left_node: _Node, left: _Value, right_node: _Node, right: _Value
) -> _Value:
    if isinstance(left_node, _Name) and isinstance(right_node, _Literal):
        return _name_against(op, left_node.name, right_node.value)
    if isinstance(left_node, _Literal) and isinstance(right_node, _Name):
        return _against_name(op, left_node.value, right_node.name)
    return _values(op, left, right)


def _name_against(op: _Op, name: str, constant: object) -> _Value:
    def test(env: Env) -> bool | None:
        value = env.get(name)
        return None if value is None else op(value, constant)

    return test


def _against_name(op: _Op, constant: object, name: str) -> _Value:
    def test(env: Env) -> bool | None:
        value = env.get(name)
        return None if value is None else op(constant, value)

    return test


def _values(op: _Op, left: _Value, right: _Value) -> _Value:
    def test(env: Env) -> bool | None:
        a = left(env)
        if a is None:
            return None
        b = right(env)
        return None if b is None else op(a, b)

    return test


def _negation(operand: _Value) -> _Value:
    def test(env: Env) -> bool | None:
        value = operand(env)
        return None if value is None else not value

    return test


def _all(parts: tuple[_Value, ...]) -> _Value:
    def test(env: Env) -> bool | None:
        unknown = False
        for part in parts:
            value = part(env)
            if value is None:
                unknown = True
            elif not value:
                return False
        return None if unknown else True

    return test


def _any(parts: tuple[_Value, ...]) -> _Value:
    def test(env: Env) -> bool | None:
        unknown = False
        for part in parts:
            value = part(env)
            if value is None:
                unknown = True
            elif value:
                return True
        return None if unknown else False

    return test


# --- The entry point ----------------------------------------------------------------------------


def compile_rule(
    text: str,
    names: Mapping[str, ValueType],
    *,
    choices: Mapping[str, Collection[str]] | None = None,
) -> Rule:
    """Check `text` against the strategy's names once, so a broken rule stops the load.

    `names` maps every name a rule may read to its type; `choices` closes the set of values
    some text names can have (the strategy's kinds), so a misspelled value is caught too.
    Raises only RuleError, whatever the text.
    """
    if len(text) > MAX_LENGTH:
        raise RuleError(
            _("rule is too long ({length} characters, the limit is {limit})").format(
                length=i18n.decimal(len(text)), limit=i18n.decimal(MAX_LENGTH)
            ),
            MAX_LENGTH,
        )
    tokens = _tokenize(text)
    if tokens[0].kind == "end":
        raise RuleError(_("empty rule"), 0)
    compiler = _Compiler(names, choices or {})
    value_type, test = compiler.build(_Parser(tokens).parse())
    if value_type != ValueType.BOOL:
        raise RuleError(
            _("a rule must be true or false, this is {type}").format(type=_word(value_type)),
            tokens[0].offset,
        )
    return Rule(text, frozenset(compiler.used), test)
