"""An import report in French: every problem and notice from the catalog, with the place it
concerns (`SOURCE:ROW`) as in English, and the way a source was read named in French."""

from pathlib import Path

import pytest

from lighthouse_tui.core import i18n

from .conftest import Import, lines


@pytest.mark.usefixtures("french")
def test_a_csv_import_report_in_french(run: Import, tmp_path: Path) -> None:
    path = tmp_path / "pistes.csv"
    path.write_bytes(
        "title;Fees;remote;rating_alignment\n"
        "Audit;800;peut-être;4\n"
        ";900;no;3\n"
        "Atelier;100;no;7\n"
        "Café;1;no\n".encode("cp1252")
    )
    summary = run(path)
    assert lines(summary.problems) == [
        f"{path}:2: remote: oui ou non attendu, reçu : 'peut-être'",
        f"{path}:3: pas de titre : toute opportunité en a besoin",
        f"{path}:4: ratings.alignment: une note va de 0 à 5, reçu : 7",
        f"{path}:5: 4 colonnes attendues, reçu : 3",
    ]
    assert lines(summary.notices) == [
        f"{path}: colonnes non importées : 'Fees' (vouliez-vous dire « fee » ?) ; une "
        "correspondance COLONNE=CHAMP en importe une dans un champ"
    ]
    assert summary.sources[0].details == ("cp1252 (pas UTF-8)", "séparé par des « ; »")
    assert summary.sources[0].counted == "4 lignes"


def test_items_are_counted_in_the_words_of_their_unit(run: Import, tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    path.write_text('[[opportunity]]\ntitle = "Audit"\n', encoding="utf-8")
    [source] = run(path).sources
    assert (source.unit, source.counted) == ("entry", "1 entry")
    path.write_text('[[opportunity]]\ntitle = "A"\n[[opportunity]]\ntitle = "B"\n')
    assert run(path).sources[0].counted == "2 entries"
    i18n.activate("fr")
    try:
        assert run(path).sources[0].counted == "2 entrées"
    finally:
        i18n.activate("en")


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        (
            "a.csv",
            b"PK\x03\x04\x14\x00" + b"\x00" * 200,
            "pas du texte : c'est une archive ZIP ou un tableur",
        ),
        ("a.json", b'{"title": "x",', "JSON invalide : "),
        ("a.toml", b'title = "x"\n', "aucune table [[opportunity]] : écrivez chaque"),
        ("a.mbox", b"Subject: x\n\nbody\n", "pas un fichier mbox : il ne commence pas"),
        ("a.csv", b"   \n", "vide : rien à importer"),
        ("a.txt", b"title\n", "format que lighthouse n'importe pas (CSV, JSON, JSON Lines,"),
    ],
)
def test_unreadable_sources_in_french(
    run: Import, tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [line] = lines(run(path).problems)
    assert line.startswith(f"{path}")
    assert problem in line
