"""How a source reads in a narrow column: the name of `Name <address>`, without the quotes a
header (or a hand-typed `--source`) puts around it."""

import pytest

from lighthouse_tui.render.log import sender


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("Thomas Girard <t.girard@example.com>", "Thomas Girard"),
        ('"Thomas Girard" <t.girard@example.com>', "Thomas Girard"),
        ('"" <t.girard@example.com>', '"" <t.girard@example.com>'),
        ("t.girard@example.com", "t.girard@example.com"),
        ("The Growth Show", "The Growth Show"),
        (None, ""),
    ],
)
def test_a_source_shows_its_name(source: str | None, shown: str) -> None:
    assert sender(source) == shown
