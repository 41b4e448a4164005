"""The rule language: what each construct means, what is refused at load time, and that no text
can make it run anything or crash."""

import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lighthouse_tui.core import rules
from lighthouse_tui.core.rules import Rule, RuleError, compile_rule
from lighthouse_tui.core.types import ValueType

N, T, B, D = ValueType.NUMBER, ValueType.TEXT, ValueType.BOOL, ValueType.DATE

NAMES: dict[str, ValueType] = {
    "fee": N,
    "hours_per_week": N,
    "capacity.available": N,
    "rating.alignment": N,
    "rating.posture": N,
    "score": N,
    "kind": T,
    "title": T,
    "client": T,
    "remote": B,
    "urgent": B,
    "start": D,
    "deadline": D,
}
KINDS = ("client_request", "partner_offer", "opportunity", "speaking")
CHOICES = {"kind": set(KINDS)}

Env = dict[str, object]


def run(text: str, env: Mapping[str, object]) -> bool | None:
    return compile_rule(text, NAMES, choices=CHOICES).evaluate(env)


def error(text: str) -> RuleError:
    with pytest.raises(RuleError) as caught:
        compile_rule(text, NAMES, choices=CHOICES)
    return caught.value


# --- Meaning ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("fee == 500", {"fee": 500.0}, True),
        ("fee == 500", {"fee": 499}, False),
        ("fee != 500", {"fee": 499}, True),
        ("fee < 500", {"fee": 499}, True),
        ("fee < 500", {"fee": 500}, False),
        ("fee <= 500", {"fee": 500}, True),
        ("fee > 500", {"fee": 500}, False),
        ("fee >= 500", {"fee": 500}, True),
        ("fee == 1500.5", {"fee": 1500.5}, True),
        ("fee > -3", {"fee": -2}, True),
        ("fee>-3", {"fee": -4}, False),
        ("-3 < fee", {"fee": 0}, True),
        ("0.5 >= fee", {"fee": 0.25}, True),
        (
            "hours_per_week > capacity.available",
            {"hours_per_week": 6, "capacity.available": 5},
            True,
        ),
        ("kind == 'partner_offer'", {"kind": "partner_offer"}, True),
        ('kind == "partner_offer"', {"kind": "client_request"}, False),
        ("'partner_offer' == kind", {"kind": "partner_offer"}, True),
        ("title == 'Urgent'", {"title": "urgent"}, False),
        ("kind in ['client_request', 'speaking']", {"kind": "speaking"}, True),
        ("kind in ['client_request', 'speaking']", {"kind": "opportunity"}, False),
        ("kind not in ['client_request', 'speaking']", {"kind": "opportunity"}, True),
        ("fee in [100, 200.5, -1]", {"fee": 200.5}, True),
        ("fee in [100, 200]", {"fee": 100.0}, True),
        ("fee not in [100, 200]", {"fee": 150}, True),
        ("'URGENT' in title", {"title": "This is urgent!"}, True),
        ("'urgent' in title", {"title": "calm"}, False),
        ("'urgent' not in title", {"title": "calm"}, True),
        ("'Straße' in title", {"title": "STRASSE work"}, True),
        ("client in title", {"client": "ACME", "title": "Acme redesign"}, True),
        ("title in ['Acme']", {"title": "acme"}, False),
        ("start >= 2027-03-01", {"start": date(2027, 3, 1)}, True),
        ("start < 2027-03-01", {"start": date(2027, 3, 1)}, False),
        ("start == 2027-03-01", {"start": date(2027, 3, 1)}, True),
        ("start < deadline", {"start": date(2027, 1, 1), "deadline": date(2026, 12, 31)}, False),
        ("start in [2027-01-01, 2027-02-01]", {"start": date(2027, 2, 1)}, True),
        ("remote", {"remote": True}, True),
        ("remote", {"remote": False}, False),
        ("remote == false", {"remote": False}, True),
        ("remote != urgent", {"remote": False, "urgent": True}, True),
        ("remote in [true]", {"remote": True}, True),
        ("true", {}, True),
        ("not true", {}, False),
        ("not remote", {"remote": False}, True),
        ("not not remote", {"remote": True}, True),
        ("(fee > 3) == (score > 3)", {"fee": 4, "score": 1}, False),
        (
            "kind == 'partner_offer' and rating.posture >= 5 and rating.alignment >= 4",
            {"kind": "partner_offer", "rating.posture": 5, "rating.alignment": 4},
            True,
        ),
        ("fee\t>\n3", {"fee": 4}, True),
    ],
)
def test_each_construct_means_what_it_says(text: str, env: Env, expected: bool) -> None:
    assert run(text, env) is expected


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        (r"'it\'s'", "it's"),
        (r'"say \"hi\""', 'say "hi"'),
        (r"'back\\slash'", "back\\slash"),
        (r"""'a "quoted" word'""", 'a "quoted" word'),
        ("''", ""),
    ],
)
def test_string_escapes(literal: str, value: str) -> None:
    assert run(f"title == {literal}", {"title": value}) is True
    assert run(f"title == {literal}", {"title": value + "x"}) is False


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        # `not` binds tighter than `or`: (not remote) or urgent, not not (remote or urgent)
        ("not remote or urgent", {"remote": True, "urgent": True}, True),
        # `and` binds tighter than `or`: remote or (urgent and false)
        ("remote or urgent and false", {"remote": True, "urgent": True}, True),
        ("(remote or urgent) and false", {"remote": True, "urgent": True}, False),
        # comparison binds tighter than `not`
        ("not fee > 3", {"fee": 1}, True),
        ("not (fee > 3 or remote)", {"fee": 1, "remote": False}, True),
        ("((((fee > 3))))", {"fee": 4}, True),
        ("remote and not urgent or fee > 3", {"remote": False, "urgent": False, "fee": 4}, True),
    ],
)
def test_precedence_and_parentheses(text: str, env: Env, expected: bool) -> None:
    assert run(text, env) is expected


UNKNOWN = None
# Kleene's strong three-valued logic, written out rather than computed.
AND_TABLE = [
    (True, True, True),
    (True, False, False),
    (True, UNKNOWN, UNKNOWN),
    (False, True, False),
    (False, False, False),
    (False, UNKNOWN, False),
    (UNKNOWN, True, UNKNOWN),
    (UNKNOWN, False, False),
    (UNKNOWN, UNKNOWN, UNKNOWN),
]
OR_TABLE = [
    (True, True, True),
    (True, False, True),
    (True, UNKNOWN, True),
    (False, True, True),
    (False, False, False),
    (False, UNKNOWN, UNKNOWN),
    (UNKNOWN, True, True),
    (UNKNOWN, False, UNKNOWN),
    (UNKNOWN, UNKNOWN, UNKNOWN),
]


def bools(**values: bool | None) -> Env:
    """Unknown values are left out of the env, as a missing rating would be."""
    return {name: value for name, value in values.items() if value is not None}


@pytest.mark.parametrize(("a", "b", "expected"), AND_TABLE)
def test_and_is_three_valued(a: bool | None, b: bool | None, expected: bool | None) -> None:
    assert run("remote and urgent", bools(remote=a, urgent=b)) is expected


@pytest.mark.parametrize(("a", "b", "expected"), OR_TABLE)
def test_or_is_three_valued(a: bool | None, b: bool | None, expected: bool | None) -> None:
    assert run("remote or urgent", bools(remote=a, urgent=b)) is expected


@pytest.mark.parametrize(("a", "expected"), [(True, False), (False, True), (None, None)])
def test_not_is_three_valued(a: bool | None, expected: bool | None) -> None:
    assert run("not remote", bools(remote=a)) is expected


@pytest.mark.parametrize(
    ("text", "env", "expected"),
    [
        ("rating.alignment >= 3 or fee > 100", {"fee": 150}, True),
        ("rating.alignment >= 3 or fee > 100", {"fee": 50}, None),
        ("rating.alignment >= 3 and fee > 100", {"fee": 50}, False),
        ("rating.alignment >= 3 and fee > 100", {"fee": 150}, None),
        ("fee > 100 and rating.alignment >= 3", {"fee": 150, "rating.alignment": None}, None),
        ("fee == score", {"fee": 1}, None),
        ("score == fee", {"fee": 1}, None),
        ("fee in [1, 2]", {}, None),
        ("'x' in title", {}, None),
        ("title in 'x'", {}, None),
        ("(fee > 1) == remote", {"remote": True}, None),
        ("remote == (fee > 1)", {"remote": True}, None),
        ("not (fee > 1)", {}, None),
        ("remote or urgent or fee > 1", {"fee": 2}, True),
        ("remote and urgent and fee > 1", {"fee": 0}, False),
    ],
)
def test_unknown_values_short_circuit(text: str, env: Env, expected: bool | None) -> None:
    assert run(text, env) is expected


def test_rule_keeps_its_text_and_the_names_it_reads() -> None:
    text = "hours_per_week > capacity.available and kind == 'speaking' or not remote"
    rule = compile_rule(text, NAMES, choices=CHOICES)
    assert rule.text == text
    assert rule.names == {"hours_per_week", "capacity.available", "kind", "remote"}
    assert compile_rule("true", NAMES).names == frozenset()


def test_env_can_be_any_mapping() -> None:
    rule = compile_rule("fee > 3 and title == 'a'", NAMES)
    assert rule.evaluate(MappingProxyType({"fee": 4, "title": "a"})) is True


def test_choices_are_optional() -> None:
    assert compile_rule("kind == 'anything'", NAMES).evaluate({"kind": "anything"}) is True


# --- Load-time errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "offset", "suggestion"),
    [
        ("rating.alignmnt >= 4", "unknown name 'rating.alignmnt'", 0, "rating.alignment"),
        ("fee > 3 and Fee < 9", "unknown name 'Fee'", 12, "fee"),
        ("zzz", "unknown name 'zzz'", 0, None),
        ("kind == 'partner_ofer'", "unknown kind 'partner_ofer'", 8, "partner_offer"),
        ("'speking' != kind", "unknown kind 'speking'", 0, "speaking"),
        ("kind in ['speaking', 'oportunity']", "unknown kind 'oportunity'", 21, "opportunity"),
        ("kind == 'nothing like it'", "unknown kind 'nothing like it'", 8, None),
        ("fee == 'a'", "cannot compare a number with text", 4, None),
        ("title != 3", "cannot compare text with a number", 6, None),
        ("remote == 1", "cannot compare true/false with a number", 7, None),
        ("start == 2027-01-01 and start > 3", "cannot compare a date with a number", 30, None),
        (
            "title < 'b'",
            "'<' cannot order text; only numbers and dates have an order (use == or != instead)",
            6,
            None,
        ),
        (
            "remote >= false",
            "'>=' cannot order true/false values; only numbers and dates have an order"
            " (use == or != instead)",
            7,
            None,
        ),
        ("fee in title", "'in' on text needs text on its left too, got a number", 4, None),
        ("title in fee", "'in' needs a list [...] or text on its right, got a number", 6, None),
        ("fee not in 3", "'not in' needs a list [...] or text on its right, got a number", 4, None),
        ("fee in ['a', 'b']", "cannot look for a number in a list of text", 4, None),
        ("title in [1, 2]", "cannot look for text in a list of numbers", 6, None),
        (
            "fee in [1, 'a']",
            "a list holds one type of value; this is text, the first is a number",
            11,
            None,
        ),
        ("fee and remote", "'and' needs true/false on both sides, got a number", 0, None),
        ("remote or title", "'or' needs true/false on both sides, got text", 10, None),
        ("not start", "'not' needs true/false, got a date", 4, None),
        ("fee", "a rule must be true or false, this is a number", 0, None),
        ("  12", "a rule must be true or false, this is a number", 2, None),
        ("'x'", "a rule must be true or false, this is text", 0, None),
        ("(start)", "a rule must be true or false, this is a date", 0, None),
        (
            "fee < 3 < 5",
            "comparisons cannot be chained; join them with 'and', as in 'a < b and b < c'",
            8,
            None,
        ),
        (
            "fee == 3 in [1]",
            "comparisons cannot be chained; join them with 'and', as in 'a < b and b < c'",
            9,
            None,
        ),
        ("title == 'abc", "unclosed string", 9, None),
        ('title == "abc\\"', "unclosed string", 9, None),
        ("title == 'ab\\", "unclosed string", 9, None),
        (
            "title == 'a\\nb'",
            "unknown escape '\\n' (only \\\\, \\' and \\\" are allowed)",
            11,
            None,
        ),
        ("fee > 3 3", "expected 'and', 'or' or the end of the rule, got 3", 8, None),
        ("fee > 3 remote", "expected 'and', 'or' or the end of the rule, got 'remote'", 8, None),
        ("(fee > 3", "expected ')', got the end of the rule", 8, None),
        ("fee > 3)", "expected 'and', 'or' or the end of the rule, got ')'", 7, None),
        ("fee >", "expected a value, got the end of the rule", 5, None),
        ("and remote", "expected a value, got 'and'", 0, None),
        ("remote and or urgent", "expected a value, got 'or'", 11, None),
        ("fee == not remote", "expected a value, got 'not'", 7, None),
        ("", "empty rule", 0, None),
        ("  \n\t ", "empty rule", 0, None),
        ("fee = 3", "unexpected character '='", 4, "=="),
        ("remote && urgent", "unexpected character '&'", 7, "and"),
        ("fee > 3 + 1", "unexpected character '+'", 8, None),
        ("fee @ 3", "unexpected character '@'", 4, None),
        ("fee > ３", "unexpected character '３'", 6, None),
        ("fee. > 3", "unexpected character '.'", 3, None),
        ("start > 2027-02-30", "'2027-02-30' is not a real date", 8, None),
        ("start > 2027-2-3", "dates are written YYYY-MM-DD, got '2027-2-3'", 8, None),
        ("fee > 3abc", "'3abc' is not a number or a date", 6, None),
        ("fee > 1.5.2", "'1.5.2' is not a number or a date", 6, None),
        ("fee > 1e3", "'1e3' is not a number or a date", 6, None),
        ("[1] == fee", "a list [...] can only come right after 'in' or 'not in'", 0, None),
        ("fee == [1]", "a list [...] can only come right after 'in' or 'not in'", 7, None),
        ("fee in []", "a list needs at least one value", 7, None),
        (
            "fee in [score]",
            "a list holds only values like 3, 'text', 2027-01-31 or true; got 'score'",
            8,
            None,
        ),
        ("fee in [1 2]", "expected ',' or ']' in the list, got 2", 10, None),
        (
            "fee in [1,]",
            "a list holds only values like 3, 'text', 2027-01-31 or true; got ']'",
            10,
            None,
        ),
        ("fee in [1", "expected ',' or ']' in the list, got the end of the rule", 9, None),
        ("open('f')", "rules cannot call anything", 4, None),
    ],
)
def test_load_errors_are_located_and_explained(
    text: str, message: str, offset: int, suggestion: str | None
) -> None:
    exc = error(text)
    assert exc.message == message
    assert str(exc) == message
    assert exc.offset == offset
    assert exc.suggestion == suggestion


def test_too_long() -> None:
    text = "fee > 1 and " * 200 + "true"
    exc = error(text)
    assert exc.message == f"rule is too long ({len(text):,} characters, the limit is 2,000)"
    assert exc.offset == 2000
    assert compile_rule("remote or " * 199 + "true", NAMES).evaluate({}) is True


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("(" * 500 + "remote" + ")" * 500, 50),
        ("not " * 60 + "remote", 200),
        ("not (" * 30 + "remote" + ")" * 30, 125),
    ],
)
def test_too_deep_is_a_rule_error_not_a_recursion_error(text: str, offset: int) -> None:
    exc = error(text)
    assert exc.message == "rule is nested too deeply (more than 50 levels)"
    assert exc.offset == offset


def test_very_long_abusive_inputs_are_rule_errors() -> None:
    assert error("not " * 1000 + "a").message.startswith("rule is too long")
    assert error("(" * 2001).message.startswith("rule is too long")


def test_nesting_up_to_the_limit_works() -> None:
    assert compile_rule("(" * 50 + "remote" + ")" * 50, NAMES).evaluate({"remote": True}) is True
    assert compile_rule("not " * 50 + "remote", NAMES).evaluate({"remote": True}) is True


def test_keywords_are_not_names() -> None:
    for word in ("and", "or", "not", "in"):
        with pytest.raises(RuleError):
            compile_rule(f"{word} == 1", {word: N})


# --- Safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "__import__('os').system('x')",
        "().__class__",
        "open('f')",
        "fee.__class__",
        "fee.__class__ == 1",
        "exec('1')",
        "title.upper() == 'A'",
        "title[0] == 'a'",
        "lambda: 1",
        "[x for x in ()]",
        "fee if true else fee",
        "import os",
        "fee; 1",
        "fee > 1 # comment",
        "{}",
        "f'{fee}' == 'x'",
        "b'x' == title",
        "fee ** 2 > 3",
    ],
)
def test_python_is_out_of_reach(text: str) -> None:
    with pytest.raises(RuleError):
        compile_rule(text, NAMES)


def test_source_never_hands_text_to_python() -> None:
    source = Path(rules.__file__).read_text(encoding="utf-8")
    for forbidden in (
        r"\beval\(",
        r"\bexec\(",
        r"\bgetattr\(",
        r"__import__",
        r"\bcompile\(",
        r"\bglobals\(",
        r"\bvars\(",
        r"\bimportlib\b",
    ):
        assert re.search(forbidden, source) is None, forbidden


# --- Properties ---------------------------------------------------------------------------------

_VALUES: dict[ValueType, st.SearchStrategy[object]] = {
    N: st.one_of(st.integers(), st.floats()),
    T: st.text(max_size=20),
    B: st.booleans(),
    D: st.dates(),
}


@st.composite
def envs(draw: st.DrawFn, *, complete: bool = False) -> Env:
    """Values of the declared types; unless `complete`, some names are missing or None."""
    env: Env = {}
    for name, value_type in NAMES.items():
        if complete or draw(st.booleans()):
            env[name] = draw(_VALUES[value_type])
        elif draw(st.booleans()):
            env[name] = None
    return env


TOKENS = [
    *NAMES,
    *KINDS,
    "and",
    "or",
    "not",
    "in",
    "true",
    "false",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "(",
    ")",
    "[",
    "]",
    ",",
    "'partner_offer'",
    "'x'",
    '"y"',
    "'",
    '"',
    "\\",
    "12",
    "-3",
    "1500.5",
    "2027-02-28",
    "2027-02-30",
    ".",
    "-",
    "=",
]
token_soup = st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join)
char_soup = st.text(alphabet="abcfeiklmnorstuvwy_.0123456789-=!<>()[],'\"\\ \t\n", max_size=80)


def compile_or_error(text: str) -> Rule | RuleError:
    try:
        return compile_rule(text, NAMES, choices=CHOICES)
    except RuleError as exc:
        return exc


def assert_compiles_or_fails_cleanly(text: str, env: Env) -> None:
    outcome = compile_or_error(text)
    if isinstance(outcome, RuleError):
        assert outcome.message
        assert 0 <= outcome.offset <= max(len(text), 2000)
    else:
        assert outcome.evaluate(env) in (True, False, None)
        assert outcome.names <= NAMES.keys()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=200), token_soup, char_soup), env=envs())
def test_any_text_compiles_or_raises_rule_error(text: str, env: Env) -> None:
    assert_compiles_or_fails_cleanly(text, env)


def quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


@settings(max_examples=100, deadline=None)
@given(value=st.text(max_size=30))
def test_any_string_can_be_written_as_a_literal(value: str) -> None:
    assert run(f"title == {quote(value)}", {"title": value}) is True


# Generated well-typed expressions carry their own meaning, computed directly in Python, as
# an oracle independent of the parser and of the closures under test.
Oracle = Callable[[Env], bool]
Expr = tuple[str, Oracle]


def number_literal() -> st.SearchStrategy[tuple[str, float]]:
    whole = st.integers(-10_000, 10_000).map(lambda i: (str(i), float(i)))
    fraction = st.tuples(st.integers(-999, 999), st.integers(0, 99)).map(
        lambda p: (f"{p[0]}.{p[1]:02d}", float(f"{p[0]}.{p[1]:02d}"))
    )
    return st.one_of(whole, fraction)


LITERALS: dict[ValueType, st.SearchStrategy[tuple[str, object]]] = {
    N: number_literal(),
    T: st.text(max_size=8).map(lambda s: (quote(s), s)),
    B: st.booleans().map(lambda b: (str(b).lower(), b)),
    D: st.dates().map(lambda d: (d.isoformat(), d)),
}
ORDERING = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}
EQUALITY = {"==": lambda a, b: a == b, "!=": lambda a, b: a != b}


@st.composite
def comparison(draw: st.DrawFn) -> Expr:
    name = draw(st.sampled_from(sorted(n for n in NAMES if n != "kind")))
    value_type = NAMES[name]
    ops = EQUALITY | ORDERING if value_type in (N, D) else EQUALITY
    op_text = draw(st.sampled_from(sorted(ops)))
    op = ops[op_text]
    if draw(st.booleans()):
        other = draw(st.sampled_from(sorted(n for n, t in NAMES.items() if t is value_type)))
        return f"{name} {op_text} {other}", lambda env: op(env[name], env[other])
    text, value = draw(LITERALS[value_type])
    if draw(st.booleans()):
        return f"{text} {op_text} {name}", lambda env: op(value, env[name])
    return f"{name} {op_text} {text}", lambda env: op(env[name], value)


@st.composite
def membership(draw: st.DrawFn) -> Expr:
    negate = draw(st.booleans())
    word = "not in" if negate else "in"
    if draw(st.booleans()):
        kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3))
        listed = ", ".join(quote(k) for k in kinds)
        return f"kind {word} [{listed}]", lambda env: (env["kind"] in kinds) != negate
    if draw(st.booleans()):
        pairs = draw(st.lists(number_literal(), min_size=1, max_size=4))
        listed = ", ".join(text for text, _ in pairs)
        values = [value for _, value in pairs]
        return f"fee {word} [{listed}]", lambda env: (env["fee"] in values) != negate
    text, part = draw(LITERALS[T])
    return (
        f"{text} {word} title",
        lambda env: (str(part).casefold() in str(env["title"]).casefold()) != negate,
    )


def bool_name() -> st.SearchStrategy[Expr]:
    return st.sampled_from(["remote", "urgent"]).map(lambda n: (n, lambda env: bool(env[n])))


def combine(inner: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    def junction(parts: tuple[Expr, str, Expr]) -> Expr:
        (left, left_fn), word, (right, right_fn) = parts
        if word == "and":
            return f"({left}) and ({right})", lambda env: left_fn(env) and right_fn(env)
        return f"({left}) or ({right})", lambda env: left_fn(env) or right_fn(env)

    def negation(part: Expr) -> Expr:
        text, fn = part
        return f"not ({text})", lambda env: not fn(env)

    return st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(junction),
        inner.map(negation),
    )


expressions = st.recursive(
    st.one_of(comparison(), membership(), bool_name()), combine, max_leaves=8
)


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A valid rule with a slice replaced by a token: random text rarely gets past the parser,
    these reach the type checker and the evaluator."""
    text = draw(expressions)[0]
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 6)))
    return text[:start] + draw(st.sampled_from(TOKENS)) + text[end:]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=near_misses(), env=envs())
def test_near_miss_text_compiles_or_raises_rule_error(text: str, env: Env) -> None:
    assert_compiles_or_fails_cleanly(text, env)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expr=expressions, env=envs(complete=True))
def test_well_typed_expressions_compile_and_agree_with_python(expr: Expr, env: Env) -> None:
    text, oracle = expr
    result = compile_rule(text, NAMES, choices=CHOICES).evaluate(env)
    assert isinstance(result, bool)
    assert result is oracle(env)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expr=expressions, partial=envs(), full=envs(complete=True))
def test_a_known_answer_never_changes_when_missing_values_arrive(
    expr: Expr, partial: Env, full: Env
) -> None:
    rule = compile_rule(expr[0], NAMES, choices=CHOICES)
    answer = rule.evaluate(partial)
    completed = full | {name: value for name, value in partial.items() if value is not None}
    if answer is not None:
        assert rule.evaluate(completed) is answer
    else:
        assert any(partial.get(name) is None for name in rule.names)
