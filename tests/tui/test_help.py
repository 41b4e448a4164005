"""`?` names each group of keys in words: it showed "KindSelect (when focused)"."""

import re
from collections.abc import Callable

import pytest
from textual.widgets import Static

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.help import HelpScreen

from .conftest import SIZE, flat, item, screen_text, settle, text_of

CLASS_NAME = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*")
"""`KindSelect`, `PagedTable`: words run together, as only code writes them."""


async def test_help_headings_are_words_not_class_names(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Waiting"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        for screen in ("show_check", "show_inbox", "show_log"):
            await pilot.app.run_action(screen)
            await settle(pilot)
            await pilot.press("f1")
            assert isinstance(pilot.app.screen, HelpScreen)
            keys = text_of(pilot.app.screen.query_one("#help-keys", Static))
            assert not CLASS_NAME.findall(keys), (screen, CLASS_NAME.findall(keys))
            await pilot.press("escape")
        await pilot.app.run_action("show_check")
        await settle(pilot)
        await pilot.press("f1")
        keys = text_of(pilot.app.screen.query_one("#help-keys", Static))
        assert "The kind select (when focused)" in keys


@pytest.mark.usefixtures("french")
async def test_the_keys_of_the_check_are_listed_in_french(
    make_app: Callable[..., LighthouseApp],
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        dialog = pilot.app.screen
        assert isinstance(dialog, HelpScreen)
        keys = flat(text_of(dialog.query_one("#help-keys", Static)))
        for expected in (
            "Vérification rapide",
            "^r Recommencer Vider le formulaire pour l'opportunité suivante",
            "Noter un critère (quand il a le focus)",
            "0 1 2 3 4 5 Noter Noter le critère de 0 (pas du tout) à 5 (pleinement)",
            "La liste des types (quand il a le focus)",
            "Élément suivant",
        ):
            assert expected in keys, expected
        hint = flat(screen_text(pilot.app))
        assert "Touches" in hint
        assert "Échap ferme cette liste." in hint
        for english in ("New check", "Rating a criterion", "when focused", "Focus Next"):
            assert english not in keys
