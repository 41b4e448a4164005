"""How a source reads in a narrow column: the name of `Name <address>`, without the quotes a
header (or a hand-typed `--source`) puts around it."""

import pytest

from lighthouse_tui.core import i18n
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


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_age_fits_the_age_column(language: i18n.Language) -> None:
    """The app's inbox column is `age_width()` wide: `maintenant` and `45 min` were cut to
    `main` and `45 m` in French."""
    from datetime import UTC, datetime, timedelta

    from rich.cells import cell_len

    from lighthouse_tui.render.log import age, age_width

    i18n.activate(language)
    now = datetime(2027, 1, 1, tzinfo=UTC)
    for seconds in (0, 59, 60, 45 * 60, 3_599, 3_600, 23 * 3_600, 86_400, 999 * 86_400):
        shown = age(now - timedelta(seconds=seconds), now)
        assert cell_len(shown) <= age_width(), shown
