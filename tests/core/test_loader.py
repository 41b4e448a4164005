"""Loader errors: one fixture file per error class in tests/data/strategies/bad/, each checked
for its exact message, line and column. Plus the files no fixture can hold (huge, missing, a
directory) and hypothesis: whatever the bytes, a problem list and never a traceback."""

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.loader import load_strategy_bytes
from lighthouse_tui.core.problems import Problem, ProblemsError
from lighthouse_tui.core.strategy_file import load_strategy_file

BAD = Path(__file__).parents[1] / "data" / "strategies" / "bad"
RULE_TEXT = "kind == 'partner_offer' and rating.posture >= 5 and rating.{} >= 4"

EXPECTED: dict[str, list[str]] = {
    "syntax_error": ["9:18: not valid TOML: invalid value"],
    "unknown_key": [
        "lighthouse: required, but missing",
        "4:1: lighthous: unknown key 'lighthous' (did you mean 'lighthouse'?)",
    ],
    "unknown_criterion_key": [
        "22:1: criteria[0].weight: required, but missing",
        "26:1: criteria[0].wieght: unknown key 'wieght' (did you mean 'weight'?)",
    ],
    "newer_schema": [
        "2:1: schema: written by a newer Lighthouse (schema 2); this version reads schema 1: "
        "upgrade Lighthouse to use it"
    ],
    "missing_name": ["name: required, but missing"],
    "empty_lighthouse": ["4:1: lighthouse: must not be empty"],
    "horizon_reversed": ["5:1: horizon: start (2027-12-01) is after end (2027-05-31)"],
    "horizon_quoted_date": [
        "5:13: horizon.start: expected a date, got the text '2026-12-01': "
        "write dates without quotes"
    ],
    "thresholds_crossed": ["11:1: thresholds: decline (70) is above accept (65)"],
    "min_rated_range": ["14:1: thresholds.min_rated: must be less than or equal to 1, got 50"],
    "weight_zero": ["32:1: criteria[1].weight: must be greater than 0, got 0"],
    "weight_text": ["32:1: criteria[1].weight: expected number, got text '3'"],
    "rating_and_field": ["29:1: criteria[1]: set either `rating = true` or `field`, not both"],
    "neither_rating_nor_field": [
        "22:1: criteria[0]: set `rating = true` (the user rates it) or `field = NAME`",
        "59:61: rules[1].when: unknown name 'rating.alignment' in "
        f"`{RULE_TEXT.format('alignment')}`",
    ],
    "field_without_best": [
        "29:1: criteria[1]: a field criterion needs `worst` and `best` for `fee`"
    ],
    "worst_equals_best": ["37:1: criteria[2]: `worst` and `best` are both 10: no range to score"],
    "duplicate_criterion_id": ["38:1: criteria[2].id: id 'fee' is used twice; ids must be unique"],
    "duplicate_rule_id": ["65:1: rules[2].id: id 'no-capacity' is used twice; ids must be unique"],
    "bad_id": [
        "23:1: criteria[0].id: 'Alignment Score': use lowercase letters, digits and _, "
        "starting with a letter",
        "60:61: rules[1].when: unknown name 'rating.alignment' in "
        f"`{RULE_TEXT.format('alignment')}`",
    ],
    "unknown_field": ["33:1: criteria[1].field: unknown field 'fees' (did you mean 'fee'?)"],
    "text_field_criterion": [
        "33:1: criteria[1].field: 'title' is a text field; a criterion needs a number"
    ],
    "unknown_criterion_kind": [
        "50:1: criteria[3].kinds[0]: unknown kind 'partner_ofer' (did you mean 'partner_offer'?)"
    ],
    "rule_unknown_name": [
        f"60:61: rules[1].when: unknown name 'rating.alignmnt' in `{RULE_TEXT.format('alignmnt')}`"
        " (did you mean 'rating.alignment'?)"
    ],
    "rule_unknown_kind": [
        "60:17: rules[1].when: unknown kind 'partner_ofer' in "
        "`kind == 'partner_ofer' and rating.posture >= 5 and rating.alignment >= 4`"
        " (did you mean 'partner_offer'?)"
    ],
    "rule_type_error": [
        "66:15: rules[2].when: '>' cannot order text; only numbers and dates have an order "
        "(use == or != instead) in `title > 26`"
    ],
    "rule_then": [
        "67:1: rules[2].then: 'flagg' is not one of 'decline', 'accept', 'flag' "
        "(did you mean 'flag'?)"
    ],
    "field_type": [
        "19:1: fields.remote: 'boolean' is not one of 'number', 'text', 'bool', 'date' "
        "(did you mean 'bool'?)"
    ],
    "field_builtin": ["19:1: fields.fee: 'fee' is built in (number); rename it"],
    "many_problems": [
        "lighthouse: required, but missing",
        "4:1: lighthous: unknown key 'lighthous' (did you mean 'lighthouse'?)",
        "32:1: criteria[1].weight: must be greater than 0, got -1",
        f"60:61: rules[1].when: unknown name 'rating.alignmnt' in `{RULE_TEXT.format('alignmnt')}`"
        " (did you mean 'rating.alignment'?)",
    ],
    "not_a_table_array": ["64:1: rules_extra: unknown key 'rules_extra' (did you mean 'rules'?)"],
    "empty": [
        "schema: required, but missing",
        "name: required, but missing",
        "lighthouse: required, but missing",
        "capacity: required, but missing",
        "criteria: required, but missing",
    ],
    "not_utf8": ["3:14: not UTF-8 text (byte 0xe9); save the file as UTF-8"],
    "binary": ["2:118: not UTF-8 text (byte 0x80); save the file as UTF-8"],
    "deeply_nested": ["not valid TOML: values nested too deeply"],
    "language": ["6:1: language: 'de' is not one of 'en', 'fr'"],
    "decline_tone": ["71:1: decline.tone: 'toi' is not one of 'vous', 'tu'"],
    "decline_reason_lines": [
        "57:1: rules[0].decline_reason: must be one line, without control characters"
    ],
}


def _lines(path: Path) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_strategy_file(path)
    prefix = f"{path}:"
    lines = [str(p) for p in caught.value.problems]
    assert all(line.startswith(prefix) for line in lines), lines
    return [line.removeprefix(prefix).lstrip() for line in lines]


def _problems_or_none(load: Callable[[], object]) -> list[Problem] | None:
    """The problems a load reported, or None when it loaded: only ProblemsError may escape."""
    try:
        load()
    except ProblemsError as exc:
        return exc.problems
    return None


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.stem for p in BAD.glob("*.toml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_strategy_reports_every_problem_at_its_line(name: str) -> None:
    assert _lines(BAD / f"{name}.toml") == EXPECTED[name]


def test_missing_file(tmp_path: Path) -> None:
    assert _lines(tmp_path / "nope.toml") == ["no such file"]


def test_directory(tmp_path: Path) -> None:
    assert _lines(tmp_path) == ["is a directory, not a strategy file"]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text("schema = 1\n")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)  # chmod 0 means nothing to root, who runs CI
    assert _lines(path) == ["cannot be read: permission denied"]


def test_ten_megabytes_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# padding\n" * 1_000_000)
    assert _lines(path) == ["is over 1 MB; a strategy is a few KB of TOML"]


def test_utf8_bom_is_tolerated(good_strategy_path: Path) -> None:
    data = b"\xef\xbb\xbf" + good_strategy_path.read_bytes()
    assert load_strategy_bytes(data, "bom.toml").strategy.name == "Test coaching"


def test_fingerprint_is_sha256_of_the_bytes(good_strategy_path: Path) -> None:
    import hashlib

    data = good_strategy_path.read_bytes()
    loaded = load_strategy_file(good_strategy_path)
    assert loaded.fingerprint == hashlib.sha256(data).hexdigest()
    assert loaded.data == data


def test_defaults_fill_optional_sections() -> None:
    text = """
schema = 1
name = "Minimal"
lighthouse = "One line"
[capacity]
hours_per_week = 5
[[criteria]]
id = "fit"
label = "Fits"
weight = 1
rating = true
"""
    s = load_strategy_bytes(text.encode(), "min.toml").strategy
    assert (s.thresholds.accept, s.thresholds.decline, s.review.after_days) == (65, 40, 30)
    assert (s.language, s.decline.tone, s.decline.signature) == (None, "vous", None)
    assert (s.criteria[0].decline_reason, s.rules) == (None, [])
    assert s.horizon is None
    assert s.all_kinds == ("client_request", "partner_offer", "opportunity")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_problems_never_a_traceback(data: bytes) -> None:
    problems = _problems_or_none(lambda: load_strategy_bytes(data, "fuzz.toml"))
    if problems is not None:
        assert problems
        assert all(str(p).startswith("fuzz.toml") for p in problems)


toml_values = st.recursive(
    st.none().map(lambda _: 1)
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.dates(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "schema",
        "name",
        "lighthouse",
        "horizon",
        "capacity",
        "thresholds",
        "review",
        "kinds",
        "fields",
        "criteria",
        "rules",
        "extra",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, toml_values, max_size=8))
def test_any_toml_document_gives_problems_never_a_traceback(doc: dict[str, object]) -> None:
    import tomli_w

    problems = _problems_or_none(lambda: load_strategy_bytes(tomli_w.dumps(doc).encode(), "d"))
    assert problems is None or problems


FRENCH_EXPECTED: dict[str, list[str]] = {
    "syntax_error": ["9:18: TOML non valide : valeur non valide"],
    "unknown_key": [
        "lighthouse: obligatoire, mais absent",
        "4:1: lighthous: clé inconnue 'lighthous' (vouliez-vous dire 'lighthouse' ?)",
    ],
    "horizon_reversed": ["5:1: horizon: start (2027-12-01) est après end (2027-05-31)"],
    "horizon_quoted_date": [
        "5:13: horizon.start: il faut une date, pas le texte '2026-12-01' : "
        "écrivez les dates sans guillemets"
    ],
    "min_rated_range": [
        "14:1: thresholds.min_rated: doit être inférieur ou égal à 1, pas 50",
    ],
    "weight_text": ["32:1: criteria[1].weight: il faut un nombre, pas le texte '3'"],
    "rating_and_field": [
        "29:1: criteria[1]: indiquez soit `rating = true`, soit `field`, pas les deux"
    ],
    "bad_id": [
        "23:1: criteria[0].id: 'Alignment Score' : utilisez des minuscules, des chiffres et _, "
        "en commençant par une lettre",
        "60:61: rules[1].when: ",
    ],
    "text_field_criterion": [
        "33:1: criteria[1].field: 'title' est un champ de type text ; un critère a besoin d'un "
        "nombre"
    ],
    "language": ["6:1: language: 'de' n'est pas l'une des valeurs 'en', 'fr'"],
    "not_utf8": ["3:14: texte non UTF-8 (octet 0xe9) ; enregistrez le fichier en UTF-8"],
}
ENGLISH_WORDS = (
    "should",
    "Input",
    "Value error",
    "instance of",
    "expected",
    "must",
    "required",
    "unknown",
    "not valid",
    "not one of",
    " got ",
    "did you mean",
)
"""What pydantic, tomllib or our English messages say, and no French message does."""


def _french_lines(path: Path) -> list[str]:
    from lighthouse_tui.core import i18n

    i18n.activate("fr")
    try:
        return _lines(path)
    finally:
        i18n.activate("en")


@pytest.mark.parametrize("name", sorted(FRENCH_EXPECTED))
def test_bad_strategy_problems_in_french_keep_their_place(name: str) -> None:
    found = _french_lines(BAD / f"{name}.toml")
    expected = FRENCH_EXPECTED[name]
    assert len(found) == len(expected)
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_english_reaches_a_french_user_of_a_bad_strategy(name: str) -> None:
    # Rule errors (`.when:`) are worded by the rules module, translated with it.
    said = [line for line in _french_lines(BAD / f"{name}.toml") if ".when:" not in line]
    assert not [line for line in said if any(word in line for word in ENGLISH_WORDS)], said


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, toml_values, max_size=8))
def test_pydantic_never_speaks_to_a_french_user(doc: dict[str, object]) -> None:
    import tomli_w

    from lighthouse_tui.core import i18n

    i18n.activate("fr")
    try:
        problems = _problems_or_none(lambda: load_strategy_bytes(tomli_w.dumps(doc).encode(), "d"))
    finally:
        i18n.activate("en")
    said = [p.message for p in problems or []]
    assert not [m for m in said if any(word in m for word in ENGLISH_WORDS)], said


@pytest.mark.parametrize(
    "text",
    [
        "a = \n",
        "a = 1 b = 2\n",
        "a = 1\na = 2\n",
        "[a\n",
        "[[a]\n",
        "a 1\n",
        "= 1\n",
        'a = "x\n',
        "a = [1\n",
        "a = {b = 1\n",
        "a = {b = 1, b = 2}\n",
        'a = "\\q"\n',
        'a = "\\uD800"\n',
        "a = 2026-13-01\n",
        'a = "\x01"\n',
        "[a]\nb = 1\n[a]\n",
        "a = {b = 1}\n[a]\n",
        "a.b = 1\n[a]\n",
        "a = {b = 1}\na.c = 2\n",
        "a = 1\n[a.b]\n",
    ],
)
def test_every_toml_error_is_said_in_french(text: str) -> None:
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as raised:
        tomllib.loads(text)
    said = str(raised.value).split(" (at ")[0]
    english = load_problem_message(text)
    assert english == f"not valid TOML: {said[:1].lower()}{said[1:]}"
    from lighthouse_tui.core import i18n

    i18n.activate("fr")
    try:
        french = load_problem_message(text)
    finally:
        i18n.activate("en")
    assert french.startswith("TOML non valide : "), french
    assert not any(word in french for word in ENGLISH_WORDS), french


def load_problem_message(text: str) -> str:
    with pytest.raises(ProblemsError) as caught:
        load_strategy_bytes(text.encode(), "t.toml")
    [problem] = caught.value.problems
    return problem.message
