"""`lighthouse strategy` in French: the interview asks and writes in the user's language, and
`validate` and `show` answer in it."""

from pathlib import Path

import pytest
from test_cli import BAD, _pty_session, run

from lighthouse_tui.core import i18n
from lighthouse_tui.core.strategy_file import load_strategy_file

FRENCH_ANSWERS = [
    "Trois ateliers réussis ; la prospection à froid, non.",
    "stratégie, facilitation, écriture",
    "quatre jours par semaine, depuis Lyon",
    "un programme de groupe",
    "Développer l'activité à Montréal",
    "beaucoup",  # asked again, in French
    "12,5",
    "1 500 €",
    "Été 2027 — Québec",
]


def test_init_asks_in_french_and_writes_a_french_strategy(tmp_path: Path) -> None:
    target = tmp_path / "stratégie.toml"
    code, out = _pty_session(["--lang", "fr", "strategy", "init", str(target)], FRENCH_ANSWERS)
    assert code == 0, out
    assert "Une première stratégie en quelques questions." in out
    assert "Qu'avez-vous fait ces derniers mois ?" in out
    assert "En une phrase : où les six prochains mois doivent-ils vous mener ?" in out
    assert "il faut un nombre d'heures de 0 à 168, pas 'beaucoup'" in out
    assert "(Ma stratégie)" in out
    assert f"Fichier écrit : {target}" in out
    assert not [words for words in ("What", "How many", "Wrote", "Next:", "()") if words in out]

    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Écrit par `lighthouse strategy init` le ")
    assert "# Une stratégie Lighthouse : votre cap" in text
    assert "# A Lighthouse strategy" not in text
    i18n.activate("fr")
    try:
        strategy = load_strategy_file(target).strategy
    finally:
        i18n.activate("en")
    assert strategy.language == "fr"
    assert (strategy.name, strategy.lighthouse, strategy.capacity.hours_per_week) == (
        "Été 2027 — Québec",
        "Développer l'activité à Montréal",
        12.5,
    )
    criteria = {c.id: c for c in strategy.criteria}
    assert criteria["alignment"].label == "Me rapproche de mon phare"
    assert criteria["alignment"].prompt.endswith(": Développer l'activité à Montréal ?")
    assert criteria["life_fit"].prompt == (
        "Cela correspond-il à la vie que vous voulez : quatre jours par semaine, depuis Lyon ?"
    )
    assert criteria["fee"].best == 3000
    rules = {r.id: r for r in strategy.rules}
    assert rules["low-fee"].when == "fee < 1500"
    assert rules["no-capacity"].reason.startswith("Pas assez d'heures libres")


def test_init_without_questions_writes_the_example_of_the_language(tmp_path: Path) -> None:
    target = tmp_path / "strategie.toml"
    done = run("--lang", "fr", "strategy", "init", str(target), "--no-input")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Fichier écrit : {target}\nEnsuite : ")
    assert 'language = "fr"' in target.read_text(encoding="utf-8")
    again = run("--lang", "fr", "strategy", "init", str(target), "--no-input")
    assert (again.returncode, again.stderr) == (
        2,
        f"lighthouse: {target} existe déjà ; ajoutez --force pour l'écraser\n",
    )


def test_validate_answers_in_french(good_strategy_path: Path) -> None:
    bad = BAD / "weight_text.toml"
    done = run("--lang", "fr", "strategy", "validate", str(good_strategy_path), str(bad))
    assert done.returncode == 2
    assert f"{good_strategy_path} : valide — Test coaching (4 critères, 3 règles)" in done.stdout
    assert done.stderr == (
        f"{bad}:32:1: criteria[1].weight: il faut un nombre, pas le texte '3'\n"
        "lighthouse: 1 fichier sur 2 invalide\n"
    )


@pytest.mark.parametrize(
    ("example", "said"),
    [
        ("consultant.fr.toml", "dans un refus poli : mon agenda est complet"),
        ("coach.en.toml", "in a polite no: my calendar is full until the spring"),
    ],
)
def test_show_says_what_a_polite_no_may_say(example: str, said: str) -> None:
    from lighthouse_tui.core.locations import bundled_example

    done = run("strategy", "show", "-s", str(bundled_example(example)))
    assert done.returncode == 0, done.stderr
    assert said in " ".join(done.stdout.split())


def test_show_lists_the_criteria_public_wording_under_their_table() -> None:
    """Beside the label, at 80 columns, it wrapped a word or two per line."""
    from lighthouse_tui.core.locations import bundled_example

    done = run("strategy", "show", "-s", str(bundled_example("coach.en.toml")))
    shown = " ".join(done.stdout.split())
    assert "Criteria in a polite no Moves me toward the lighthouse I am keeping" in shown
