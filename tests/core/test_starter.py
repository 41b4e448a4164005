"""The starter strategy: whatever a new user types, `strategy init` must write a file that loads
and says back exactly what they wrote."""

import os
import re
import stat
import tomllib
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lighthouse_tui.core.loader import validate_strategy
from lighthouse_tui.core.starter import (
    DEFAULT_NAME,
    MAX_TEXT,
    PLACEHOLDER_LIGHTHOUSE,
    QUESTIONS,
    StarterAnswers,
    build_strategy,
    parse_fee,
    parse_hours,
    render_strategy,
    write_new_file,
)

try:
    from lighthouse_tui.core.loader import load_strategy_bytes
except ImportError:
    load_strategy_bytes = None  # type: ignore[assignment]

HEADER = "Written by lighthouse strategy init on 2026-11-23"
TRICKY = (
    'She said "yes" [bold]by reflex[/bold]\nthen café ☕ — 🚀 🇫🇷 \\n \' \t \x85 \u2028 \x1b[31m end'
)


def one_line(text: str) -> str:
    """What the schema keeps of a name or lighthouse: line breaks and controls as spaces."""
    return re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", " ", text).strip()


def answers(**changes: object) -> StarterAnswers:
    values: dict[str, object] = {
        "name": "Coaching, first half of 2027",
        "lighthouse": "Be the email coach B2B consultants think of first",
        "past": "Three workshops went well; cold e-mails did not.",
        "strengths": "email sequences, copywriting, teaching",
        "life": "four days a week, from home",
        "next_step": "a group programme",
        "hours_per_week": 12.0,
        "min_fee": 800.0,
        "start": date(2026, 12, 1),
    }
    values.update(changes)
    return StarterAnswers(**values)  # type: ignore[arg-type]


def round_trip(given_answers: StarterAnswers) -> tuple[dict[str, object], dict[str, object]]:
    """The built dict, and what a reader of the rendered file gets back."""
    data = build_strategy(given_answers)
    text = render_strategy(data, header=HEADER, past=given_answers.past)
    parsed = tomllib.loads(text)
    validate_strategy(parsed)
    if load_strategy_bytes is not None:
        load_strategy_bytes(text.encode("utf-8"), "starter.toml")
    return data, parsed


def by_id(data: dict[str, object], section: str) -> dict[str, dict[str, object]]:
    items = data[section]
    assert isinstance(items, list)
    return {item["id"]: item for item in items}


@pytest.mark.parametrize("min_fee", [800.0, None])
def test_starter_validates_with_and_without_a_fee(min_fee: float | None) -> None:
    data, parsed = round_trip(answers(min_fee=min_fee))
    assert parsed == data
    strategy = validate_strategy(parsed)
    assert strategy.horizon is not None
    assert strategy.horizon.end - strategy.horizon.start == timedelta(days=182)
    assert (strategy.thresholds.accept, strategy.thresholds.decline) == (65, 40)
    assert strategy.review.after_days == 30
    criteria = by_id(parsed, "criteria")
    rules = by_id(parsed, "rules")
    assert ("fee" in criteria) == ("low-fee" in rules) == (min_fee is not None)
    assert {"alignment", "strengths", "life_fit", "next_step", "load", "posture"} <= set(criteria)
    assert {"no-capacity", "hell-yes", "closed-partner", "long-commitment"} <= set(rules)


def test_criteria_and_rules_follow_the_answers() -> None:
    data = build_strategy(answers(hours_per_week=12.0, min_fee=800.0))
    criteria = by_id(data, "criteria")
    assert criteria["fee"] == {
        "id": "fee",
        "label": "Pays enough",
        "weight": 3,
        "field": "fee",
        "worst": 0,
        "best": 1600,
    }
    assert (criteria["load"]["worst"], criteria["load"]["best"]) == (12, 0)
    assert criteria["posture"]["kinds"] == ["partner_offer"]
    assert "Be the email coach B2B consultants think of first" in str(
        criteria["alignment"]["question"]
    )
    assert criteria["strengths"]["question"] == (
        "Does it use your strengths: email sequences, copywriting, teaching?"
    )
    assert "four days a week, from home" in str(criteria["life_fit"]["question"])
    assert "a group programme" in str(criteria["next_step"]["question"])
    rules = by_id(data, "rules")
    assert rules["low-fee"]["when"] == "fee < 800"
    assert rules["no-capacity"]["then"] == "decline"
    assert rules["hell-yes"]["then"] == "accept"
    assert rules["long-commitment"]["then"] == "flag"


def test_tricky_user_text_survives_on_one_line() -> None:
    data, parsed = round_trip(answers(name=TRICKY, lighthouse=TRICKY, past=TRICKY))
    assert parsed == data
    assert parsed["name"] == parsed["lighthouse"] == one_line(TRICKY)
    assert '"yes" [bold]by reflex[/bold] then café ☕ — 🚀 🇫🇷 \\n' in one_line(TRICKY)


def test_past_is_quoted_in_comments_and_cannot_escape_them() -> None:
    past = 'Went well.\nname = "hijacked"\r\n[capacity]\x0bhours_per_week = 1\u2028x = 2'
    data = build_strategy(answers(past=past))
    text = render_strategy(data, header="first\nsecond = 1", past=past)
    assert tomllib.loads(text) == data
    assert "#   > Went well." in text
    assert '#   > name = "hijacked"' in text


def test_undecodable_terminal_input_still_writes(tmp_path: Path) -> None:
    """A terminal may pass bytes it could not decode as lone surrogates; UTF-8 cannot hold them."""
    broken = "caf\udce9 \ud800"
    given_answers = answers(name=broken, past=broken, life=broken)
    text = render_strategy(build_strategy(given_answers), header=HEADER, past=broken)
    write_new_file(tmp_path / "strategy.toml", text, force=False)
    parsed = tomllib.loads((tmp_path / "strategy.toml").read_text(encoding="utf-8"))
    assert str(parsed["name"]).startswith("caf\ufffd")


def test_empty_answers_fall_back_to_defaults() -> None:
    data, _ = round_trip(answers(name="  ", lighthouse="\n", strengths=" , ,", life="", past=""))
    assert data["name"] == DEFAULT_NAME
    assert data["lighthouse"] == PLACEHOLDER_LIGHTHOUSE
    criteria = by_id(data, "criteria")
    assert criteria["strengths"]["question"] == "Does it use your strengths?"
    assert criteria["life_fit"]["question"] == "Does it fit the life you want?"


def test_long_text_is_cut_to_what_the_schema_accepts() -> None:
    data, _ = round_trip(answers(name="n" * 2000, lighthouse="word " * 400, life="x" * 900))
    assert len(str(data["name"])) == MAX_TEXT
    assert str(data["name"]).endswith("…")
    assert len(str(by_id(data, "criteria")["life_fit"]["question"])) <= MAX_TEXT


@pytest.mark.parametrize("hours", [0.0, -3.0, 500.0, float("nan"), float("inf")])
def test_odd_hours_are_clamped(hours: float) -> None:
    data, _ = round_trip(answers(hours_per_week=hours))
    capacity = data["capacity"]
    assert isinstance(capacity, dict)
    assert 0 <= capacity["hours_per_week"] <= 168


@pytest.mark.parametrize("fee", [0.0, -10.0, 0.001, float("nan")])
def test_no_positive_fee_means_no_fee_criterion(fee: float) -> None:
    data, _ = round_trip(answers(min_fee=fee))
    assert "fee" not in by_id(data, "criteria")
    assert "low-fee" not in by_id(data, "rules")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("10", 10.0), (" 12,5 ", 12.5), ("7.5", 7.5), ("0", 0.0)],
)
def test_parse_hours(typed: str, expected: float) -> None:
    assert parse_hours(typed) == expected


@pytest.mark.parametrize("typed", ["", "ten", "-4", "200", "nan", "inf", "1e3", "12h"])
def test_parse_hours_refuses(typed: str) -> None:
    with pytest.raises(ValueError, match="expected a number of hours"):
        parse_hours(typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", None),
        ("none", None),
        ("500", 500.0),
        ("1 500 €", 1500.0),
        ("$1,500", 1500.0),
        ("1,500.50", 1500.5),
        ("1.500,50 €", 1500.5),
        ("99,90", 99.9),
        ("1\u202f200", 1200.0),
    ],
)
def test_parse_fee(typed: str, expected: float | None) -> None:
    assert parse_fee(typed) == expected


@pytest.mark.parametrize("typed", ["cheap", "-5", "nan", "1,2,3", "1.2.3", "5e3"])
def test_parse_fee_refuses(typed: str) -> None:
    with pytest.raises(ValueError, match="expected an amount"):
        parse_fee(typed)


def test_from_text_reads_every_question_and_reports_bad_numbers() -> None:
    typed = {q.key: q.default or "some text" for q in QUESTIONS} | {"min_fee": "1 000 €"}
    parsed = StarterAnswers.from_text(typed, start=date(2027, 1, 1))
    assert (parsed.hours_per_week, parsed.min_fee, parsed.start) == (10.0, 1000.0, date(2027, 1, 1))
    assert parsed.name == DEFAULT_NAME
    with pytest.raises(ValueError, match=r"hours.*'lots'.*amount.*'cheap'"):
        StarterAnswers.from_text(
            typed | {"hours_per_week": "lots", "min_fee": "cheap"}, start=date(2027, 1, 1)
        )


def test_questions_cover_every_answer_once() -> None:
    keys = [q.key for q in QUESTIONS]
    assert sorted(keys) == sorted(set(StarterAnswers.__dataclass_fields__) - {"start"})
    hours = next(q for q in QUESTIONS if q.key == "hours_per_week")
    assert hours.problem("ten") is not None
    assert hours.problem(hours.default or "") is None


some_text = st.text(max_size=700)


@settings(max_examples=150, deadline=None)
@given(
    name=some_text,
    lighthouse=some_text,
    past=st.text(max_size=3000),
    strengths=some_text,
    life=some_text,
    next_step=some_text,
    hours=st.floats(),
    min_fee=st.none() | st.floats(),
    start=st.dates(),
)
def test_any_answers_give_a_strategy_that_loads_and_reads_back(
    name: str,
    lighthouse: str,
    past: str,
    strengths: str,
    life: str,
    next_step: str,
    hours: float,
    min_fee: float | None,
    start: date,
) -> None:
    given_answers = StarterAnswers(
        name, lighthouse, past, strengths, life, next_step, hours, min_fee, start
    )
    data, parsed = round_trip(given_answers)
    assert parsed == data
    for key, given_text in (("name", name), ("lighthouse", lighthouse)):
        expected = one_line(given_text)
        if expected and len(given_text) <= MAX_TEXT:
            assert parsed[key] == expected


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_write_new_file_creates_parents_privately(tmp_path: Path) -> None:
    target = tmp_path / "config" / "lighthouse" / "strategy.toml"
    write_new_file(target, "schema = 1\n", force=False)
    assert target.read_text(encoding="utf-8") == "schema = 1\n"
    assert listing(target.parent) == ["strategy.toml"]
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_write_new_file_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "strategy.toml"
    target.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_new_file(target, "new", force=False)
    assert target.read_text(encoding="utf-8") == "mine"
    assert listing(tmp_path) == ["strategy.toml"]


def test_write_new_file_overwrites_with_force(tmp_path: Path) -> None:
    target = tmp_path / "strategy.toml"
    target.write_text("mine", encoding="utf-8")
    write_new_file(target, "new ☕\n", force=True)
    assert target.read_text(encoding="utf-8") == "new ☕\n"
    assert listing(tmp_path) == ["strategy.toml"]


def test_write_new_file_loses_the_race_without_clobbering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process creates the file after the existence check: it must be kept."""
    target = tmp_path / "strategy.toml"
    real_fsync: Callable[[int], None] = os.fsync

    def fsync_then_someone_writes(fd: int) -> None:
        real_fsync(fd)
        if not target.exists():
            target.write_text("theirs", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync_then_someone_writes)
    with pytest.raises(FileExistsError):
        write_new_file(target, "ours", force=False)
    assert target.read_text(encoding="utf-8") == "theirs"
    assert listing(tmp_path) == ["strategy.toml"]


def test_write_new_file_leaves_no_temp_file_when_writing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_new_file(tmp_path / "strategy.toml", "text", force=False)
    assert listing(tmp_path) == []


FRENCH_ANSWERS = {
    "name": "Été 2027 — Québec",
    "lighthouse": "Développer l'activité à Montréal",
    "past": "Trois ateliers réussis ; la prospection à froid, non.",
    "strengths": "stratégie, facilitation, écriture",
    "life": "quatre jours par semaine, depuis Lyon",
    "next_step": "un programme de groupe",
}


def test_a_french_starter_is_written_in_french_and_keeps_accents(french: None) -> None:
    given_answers = answers(**FRENCH_ANSWERS, min_fee=1500.0)
    data = build_strategy(given_answers)
    text = render_strategy(data, header="Écrit le 4 déc. 2026.", past=given_answers.past)
    loaded = load_strategy_bytes(text.encode("utf-8"), "demarrage.toml")
    strategy = loaded.strategy
    assert strategy.language == "fr"
    assert (strategy.name, strategy.lighthouse) == (
        FRENCH_ANSWERS["name"],
        FRENCH_ANSWERS["lighthouse"],
    )
    labels = {c.id: c.label for c in strategy.criteria}
    assert labels["alignment"] == "Me rapproche de mon phare"
    assert labels["fee"] == "Paie assez"
    questions = {c.id: c.prompt for c in strategy.criteria}
    assert questions["alignment"] == (
        "À quel point cela vous rapproche-t-il de votre phare : Développer l'activité à Montréal ?"
    )
    assert questions["strengths"] == (
        "Cela fait-il appel à vos points forts : stratégie, facilitation, écriture ?"
    )
    reasons = {r.id: r.reason for r in strategy.rules}
    assert reasons["low-fee"] == "Paie moins que votre plancher de 1500"
    assert strategy.rules[0].decline_reason == "mon agenda est complet pour les semaines à venir"
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert comments[2].startswith("# Une stratégie Lighthouse : votre cap pour les six prochains")
    assert "#   > Trois ateliers réussis ; la prospection à froid, non." in comments
    english = [
        "Moves me",
        "Does it",
        "How far",
        "Pays ",
        "A Lighthouse strategy",
        "Criteria are",
        "Rules have",
        "Check it",
    ]
    assert not [words for words in english if words in text]


def test_an_english_starter_names_its_language() -> None:
    assert build_strategy(answers())["language"] == "en"


def test_french_questions_and_defaults(french: None) -> None:
    name = next(q for q in QUESTIONS if q.key == "name")
    assert (name.asked, name.suggested) == ("Quel nom donner à cette stratégie ?", "Ma stratégie")
    parsed = StarterAnswers.from_text({"min_fee": "aucun"}, start=date(2027, 1, 1))
    assert (parsed.name, parsed.min_fee) == ("Ma stratégie", None)
    with pytest.raises(ValueError, match="il faut un nombre d'heures de 0 à 168, pas 'beaucoup'"):
        StarterAnswers.from_text({"hours_per_week": "beaucoup"}, start=date(2027, 1, 1))
    data = build_strategy(answers(name=" ", lighthouse="", strengths=""))
    assert data["name"] == "Ma stratégie"
    assert data["lighthouse"] == (
        "Écrivez ici, en une phrase, où les six prochains mois doivent vous mener"
    )
    assert (
        by_id(data, "criteria")["strengths"]["question"]
        == "Cela fait-il appel à vos points forts ?"
    )
