"""The command line in French: its help (argparse's own words included), what `check`, `log`
and `review` print, and its errors; chosen by `--lang fr`, by `$LIGHTHOUSE_LANG` or by a
strategy that says `language = "fr"`. JSON stays the same in every language."""

import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from probe import loaded_by

from lighthouse_tui import cli
from lighthouse_tui.cli.common import speak_the_chosen_language
from lighthouse_tui.core import i18n
from lighthouse_tui.core.locations import find_strategy

FRENCH_STRATEGY = Path(i18n.__file__).resolve().parent.parent / "strategies" / "consultant.fr.toml"
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and of with to for from by is are be not no yes your you this that these which
        what when where how who why each every one only then than into after before already
        never print show list read write record put bring correct decide decision decisions
        strategy default file directory usage positional help exit program number hours week
        weeks inbox item items opportunities outcome outcomes review rating rated weight
        criterion criteria rule rules capacity free committed missing accept accepted decline
        declined consider unsure defer reflex filter""",
    )
)
"""English words that French never writes. Command names, option names and values (`--final
accept`), file names and what stands between backticks are left out before looking."""
NOT_PROSE = re.compile(
    r"`[^`]*`"  # commands quoted for the reader to type
    r"|--?[\w-]+(=\S+)?"  # options, with their value
    r"|\{[^}]*\}"  # argparse's choices, and {criterion = n}
    r"|\[[\w ]+\]"  # a TOML table named in the text, [decline]
    r"|«[^»]*»"  # a value to type, quoted in the French way
    r"|\w+ = "  # a TOML key, ratings = {…}
    r"|\$\w+|\S+\.(toml|db|csv|json)\b|\w+_\w+"  # variables, file names, identifiers
    r"|^ {4}\w+ "  # a command's name in the list of commands
    r"|^utilisation : lighthouse( \w+)*",  # and in the usage line
    re.MULTILINE,
)
COMMANDS = [[name] for name in cli.COMMANDS if name != "strategy"] + [["log", "show"]]
"""Every command of this package's modules; `strategy`'s own help is translated with the
module that owns it (cli/strategy.py)."""

Run = Callable[..., tuple[int, str, str]]


def english_words(text: str) -> set[str]:
    prose = NOT_PROSE.sub(" ", text)
    return {word for word in re.findall(r"\w+", prose.lower()) if word in ENGLISH}


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """`lighthouse ARGS` in this process: (exit code, stdout, stderr). The language is chosen
    by `main` as in a real run, and put back to English after the test (tests/conftest.py)."""

    def run(*args: str) -> tuple[int, str, str]:
        try:
            code = cli.main(list(args))
        except SystemExit as exc:  # --help and usage errors leave through argparse
            code = exc.code if isinstance(exc.code, int) else 0
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _without_the_strategy_command(text: str) -> str:
    return re.sub(r"^ {4}strategy .*$", "", text, flags=re.MULTILINE)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("chosen_by", ["--lang", "LIGHTHOUSE_LANG", "strategy"])
def test_the_help_of_every_command_is_french(
    run: Run, monkeypatch: pytest.MonkeyPatch, command: list[str], chosen_by: str
) -> None:
    args = [*command, "--help"]
    if chosen_by == "--lang":
        args = ["--lang", "fr", *args]
    elif chosen_by == "LIGHTHOUSE_LANG":
        monkeypatch.setenv("LIGHTHOUSE_LANG", "fr")
    else:
        args = ["-s", str(FRENCH_STRATEGY), *args]
    code, out, _ = run(*args)
    assert code == 0
    assert out.startswith("utilisation : lighthouse")
    assert "\noptions :\n" in out
    assert "afficher cette aide et quitter" in out
    assert english_words(out) == set(), out


@pytest.mark.parametrize(
    "spelled",
    [
        ["-s", str(FRENCH_STRATEGY)],
        [f"-s{FRENCH_STRATEGY}"],
        [f"-s={FRENCH_STRATEGY}"],
        [f"--strategy={FRENCH_STRATEGY}"],
        ["--strat", str(FRENCH_STRATEGY)],
        ["-s", "nowhere.toml", "-s", str(FRENCH_STRATEGY)],
        ["--la", "fr"],
        ["--lang=fr"],
    ],
    ids=lambda spelled: " ".join(spelled).replace(str(FRENCH_STRATEGY), "FR"),
)
def test_the_language_is_chosen_from_any_spelling_the_parser_reads(
    run: Run, spelled: list[str]
) -> None:
    """Abbreviated, with `=` or glued, the last one winning: the language is read from the
    options as the parser reads them, so what it loads and the language it speaks agree."""
    code, out, _ = run("check", "--help", *spelled)
    assert code == 0
    assert out.startswith("utilisation : lighthouse")


def test_an_option_without_its_value_is_said_by_the_parser(run: Run) -> None:
    code, _, err = run("check", "Talk", "-s")
    assert code == 2
    assert "argument -s/--strategy: expected one argument" in err


def test_the_top_level_help_and_its_exit_codes_are_french(run: Run) -> None:
    code, out, _ = run("--lang", "fr", "--help")
    assert code == 0
    assert "codes de sortie :\n  0   accepter    le filtre dit oui" in out
    assert "afficher la version du programme et quitter" in out
    assert "arguments positionnels :\n  COMMANDE" in out
    assert english_words(_without_the_strategy_command(out)) == set(), out
    assert "codes de sortie" not in run("--help")[1]


def test_the_english_help_is_untouched(run: Run) -> None:
    code, out, _ = run("check", "--help")
    assert code == 0
    assert out.startswith("usage: lighthouse check")
    assert "\noptions:\n" in out
    assert "logging the decision:\n" in out
    assert "exit codes:\n  0   accept      the filter says yes" in out


CHECK = [
    "check",
    "Mission Acme",
    "-k",
    "client_request",
    "-f",
    "tjm=850",
    "-f",
    "hours_per_week=6.5",
    "-f",
    "notes=aucune urgence",
    *("-r", "cap=4", "-r", "forces=3", "-r", "vie=5", "-r", "etape_suivante=2"),
    "--no-input",
]


def test_check_speaks_french_with_french_numbers(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "log.db")
    code, out, err = run("--lang", "fr", "-s", str(FRENCH_STRATEGY), "--db", db, *CHECK)
    assert code == 0, err
    assert out.splitlines()[1].startswith("ACCEPTER  score 73")
    assert "refuser <45  accepter ≥70" in out
    assert re.search(r"critère +poids +valeur +points", out)
    assert re.search(r"Me rapproche de mon phare +5 +80\s%", out)  # 80 % in French
    assert "13,6" in out  # points with a decimal comma
    assert "Disponibilité  14 h/semaine libres (sur 14, 0 engagées)" in out
    assert "après : 7,5 h/semaine" in out
    assert english_words(out) == set(), out


def test_the_french_strategy_picks_french_on_its_own(run: Run, tmp_path: Path) -> None:
    db = str(tmp_path / "log.db")
    code, out, err = run(
        "-s", str(FRENCH_STRATEGY), "--db", db, *CHECK, "--record", "--default", "accept"
    )
    assert code == 0, err
    assert "ACCEPTER" in out
    assert "Enregistré comme décision 1." in out
    code, out, err = run("-s", str(FRENCH_STRATEGY), "--db", db, "log")
    assert re.search(r"n° +date +titre +réflexe +filtre +score +final +dénouement", out)
    assert re.search(r"Mission Acme +accepter +accepter +73 +accepter", out)
    code, out, err = run("-s", str(FRENCH_STRATEGY), "--db", db, "log", "show", "1")
    assert code == 0, err
    assert re.search(r"décision 1, \d{1,2} \w+\.? 20\d\d \d\d:\d\d", out)  # 4 déc. 2026 09:15
    assert "réflexe accepter  →  filtre accepter  →  final accepter" in out
    assert "La stratégie d'aujourd'hui est la version qui l'a évaluée." in out
    code, out, err = run("-s", str(FRENCH_STRATEGY), "--db", db, "outcome", "1", "4")
    assert out == "Dénouement de la décision 1 : 4/5\n"
    code, out, err = run("-s", str(FRENCH_STRATEGY), "--db", db, "capacity", "--weeks", "2")
    assert out.startswith("14 h/semaine libres pour des engagements ; 7,5 h restantes cette")
    assert re.search(r"semaine du +engagé +libre +charge", out)


def test_review_speaks_french(run: Run, tmp_path: Path) -> None:
    """The review's own words; the findings are written by the core, which translates them."""
    db = str(tmp_path / "log.db")
    strategy = ["-s", str(FRENCH_STRATEGY), "--db", db]
    run(*strategy, *CHECK, "--record", "--default", "decline")
    run(*strategy, "outcome", "1", "5")
    code, out, err = run("--lang", "fr", *strategy, "review", "--period", "all")
    assert code == 0, err
    for heading in (
        "Bilan ",
        "1 décision, 1 avec un dénouement",
        "Constats",
        "Suivre le filtre est-il payant ?",
        "Réflexe contre filtre : quand ils divergeaient, lequel vous avez suivi",
        "★ dénouement moyen 1–5 · décisions · notées",
        "Choix",
        "Critères qui prédisent les dénouements",
        "Disponibilité et rythme, semaine par semaine",
        "Dénouements à noter (0, décidées il y a plus de 45 jours)",
    ):
        assert heading in out
    assert re.search(r"le filtre disait .*5,0 ★", out, re.DOTALL)
    for english in ("Findings", "Does following", "you accepted", "week of", "mean outcome"):
        assert english not in out
    code, report, err = run("--lang", "fr", *strategy, "review", "--period", "all", "--markdown")
    assert "## Suivre le filtre est-il payant ?" in report
    assert "| le filtre disait accepter |" in report
    assert re.search(r"Écrit le \d{1,2} \w+\.? 20\d\d\.", report)


def test_errors_are_french(run: Run, tmp_path: Path) -> None:
    code, _, err = run("--lang", "fr", "outcome", "1", "9", "--db", str(tmp_path / "log.db"))
    assert (code, err) == (2, "lighthouse: un dénouement se note de 1 à 5, reçu : 9\n")
    code, _, err = run("--lang", "fr", "log", "--limit", "0")
    assert code == 2
    assert "lighthouse: argument --limit : 0 est inférieur à 1" in err
    code, _, err = run("--lang", "fr", "log", "--since", "demain")
    assert "'demain' n'est pas une date comme 2027-01-31" in err
    code, _, err = run("--lang", "fr", "check", "--default", "accept")
    assert err == "lighthouse: --default, --final et --note vont avec --record\n"
    code, _, err = run("--lang", "fr", "inbox", "--frobnicate")
    assert "lighthouse: arguments non reconnus : --frobnicate" in err


def _subprocess(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "lighthouse_tui", *args],
        capture_output=True,
        timeout=60,
        check=False,
        env=env,
    )


def test_check_json_is_the_same_bytes_in_every_language(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "log.db")]
    english = _subprocess("--lang", "en", "-s", str(FRENCH_STRATEGY), *db, *CHECK, "--json")
    french = _subprocess("--lang", "fr", "-s", str(FRENCH_STRATEGY), *db, *CHECK, "--json")
    assert english.returncode == french.returncode == 0, french.stderr
    assert english.stdout == french.stdout
    assert b'"verdict": "accept"' in french.stdout


def test_lighthouse_lang_reaches_a_real_process(tmp_path: Path) -> None:
    import os

    env = {**os.environ, "LIGHTHOUSE_LANG": "fr"}
    done = _subprocess("inbox", "--db", str(tmp_path / "log.db"), env=env)
    assert done.returncode == 0
    assert done.stdout.decode() == "La boîte de réception est vide.\n"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_numbers_written_without_babel_are_written_as_babel_writes_them(
    language: i18n.Language,
) -> None:
    """Whole numbers, numbers rounded to units, fixed decimals and percentages skip Babel
    (`i18n.NUMBER_MARKS`), so that `check` does not pay for importing it; they must read
    exactly as Babel writes them."""
    from babel.numbers import format_decimal, format_percent

    i18n.activate(language)
    for value in (0, 7, -12, 1500, 1_234_567, 14.0):
        assert i18n.decimal(value) == format_decimal(value, format="#,##0.#", locale=language)
    for fraction in (0, 0.29, 0.8, 1, 0.005, 12.345, -0.5):
        assert i18n.percent(fraction) == format_percent(fraction, locale=language)
    for value in (4.0, 3.25, 3.35, 3.45, 1234.56, -0.05):
        assert i18n.fixed(value) == format_decimal(
            Decimal(value), format="#,##0.0", locale=language
        )
    assert i18n.fixed(3.45) == ("3.5" if language == "en" else "3,5")  # as `{:.1f}` rounds


@settings(max_examples=300, deadline=None)
@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
    | st.sampled_from([0.15, 2.25, 2.675, -0.04, -0.05, 0.05, 1234.55, 4.5, 90.6, 2.5, 3.5])
    | st.sampled_from([1499.5, -0.4, 12345.678]),
    digits=st.integers(min_value=0, max_value=3),
    grouped=st.booleans(),
    language=st.sampled_from(i18n.LANGUAGES),
)
def test_decimals_read_as_babel_writes_them(
    value: float, digits: int, grouped: bool, language: i18n.Language
) -> None:
    """Any number `decimal` writes reads exactly as Babel's `#,##0.#` would write it, without
    importing Babel (a committed 4.5 h would otherwise cost `check` its import); except that
    what rounds to zero is `0`, where Babel keeps a sign (`-0`)."""
    from babel.numbers import format_decimal

    i18n.activate(language)
    pattern = ("#,##0" if grouped else "0") + ("." + "#" * digits if digits else "")
    expected = format_decimal(value, format=pattern, locale=language)
    if expected == "-0":
        expected = "0"
    assert i18n.decimal(value, digits, grouped=grouped) == expected


def _check_in_french(tmp_path: Path, *args: str) -> tuple[str, list[str]]:
    """What `check` printed in French, and which of Babel and Rich it loaded."""
    argv = ["--lang", "fr", "-s", str(FRENCH_STRATEGY), "--db", str(tmp_path / "log.db")]
    code = f"from lighthouse_tui import cli; cli.main({[*argv, *CHECK, *args]!r})"
    printed, loaded = loaded_by(code, ["babel", "rich"])
    return "\n".join(printed), sorted({module.split(".")[0] for module in loaded})


def test_check_in_french_never_imports_babel(tmp_path: Path) -> None:
    """`--json` loads neither Babel nor Rich; the French explanation loads Rich only, for
    whole numbers and for decimals (here 7,5 h/semaine) alike: the language's marks are
    enough, and Babel's import would cost `check` some 40 ms."""
    assert _check_in_french(tmp_path, "--json")[1] == []
    whole = ["-f", "hours_per_week=6"]  # 14 - 6 = 8 h left
    assert _check_in_french(tmp_path, *whole)[1] == ["rich"]
    printed, loaded = _check_in_french(tmp_path)
    assert loaded == ["rich"]
    assert "7,5 h/semaine" in printed


def test_with_no_strategy_yet_a_french_user_gets_the_french_example(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    speak_the_chosen_language([])
    location = find_strategy(None)
    assert location.is_example
    assert location.path.name == "consultant.fr.toml"
    speak_the_chosen_language(["--lang", "en"])
    assert find_strategy(None).path.name == "coach.en.toml"
