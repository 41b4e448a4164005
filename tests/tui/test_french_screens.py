"""The app's own screens in French, with the French example strategy: the inbox, triage, the
log, the review, the import dialog, the strategy's notices and the palette say in French what
they say in English, at 80 columns, and nothing of the English is left."""

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Input, Label

import lighthouse_tui
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.importer import ImportScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.log import LogScreen
from lighthouse_tui.tui.screens.review import ReviewScreen
from lighthouse_tui.tui.widgets.paged_table import PagedTable

from .conftest import SIZE, decide, flat, item, notifications, screen_text, settle, text_of

FRENCH_EXAMPLE = Path(lighthouse_tui.__file__).parent / "strategies" / "consultant.fr.toml"

pytestmark = pytest.mark.usefixtures("french")


@pytest.fixture
def make_french_app(make_app: Callable[..., LighthouseApp]) -> Callable[[], LighthouseApp]:
    return lambda: make_app(FRENCH_EXAMPLE, is_example=True)


@pytest.fixture
def french_loaded() -> LoadedStrategy:
    return load_strategy_file(FRENCH_EXAMPLE)


def headers(app: LighthouseApp) -> list[str]:
    table = app.screen.query_one(PagedTable)
    return [str(column.label) for column in table.ordered_columns]


async def test_the_inbox_and_triage_speak_french(
    make_french_app: Callable[[], LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Régie chez Acme", tjm=650.0, hours_per_week=3.0, source="Jean <j@acme.fr>"))
    async with make_french_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        assert headers(pilot.app) == ["titre", "type", "source", "âge"]
        shown = screen_text(pilot.app)
        assert "1 en attente" in shown
        assert "waiting" not in shown
        await pilot.press("slash", *"zzz")
        await settle(pilot)
        assert "0 sur 1 pour « zzz »" in screen_text(pilot.app)
        assert "Rien ne correspond à « zzz ». Échap efface le filtre." in screen_text(pilot.app)
        await pilot.press("escape", "escape")
        await settle(pilot)

        await pilot.press("enter")
        await settle(pilot)
        progress = text_of(pilot.app.screen.query_one("#triage-progress"))
        assert "Opportunité 1 sur 1" in progress
        opportunity = flat(text_of(pilot.app.screen.query_one("#opportunity Static")))
        assert "de Jean <j@acme.fr>" in opportunity
        assert "reçue il y a 1 h" in opportunity
        assert "Répondez avant que la stratégie ne parle" in screen_text(pilot.app)
        await pilot.press("y")
        await settle(pilot)
        assert "votre réflexe :" in text_of(pilot.app.screen.query_one("#triage-progress"))
        await pilot.press("4", "4", "4", "4", "a", "enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        said = notifications(pilot.app)
        assert (
            "C'était la dernière opportunité (1 décidée) : retour aux opportunités à trier" in said
        )
        assert not any("last item" in message for message in said)
        assert "Rien à trier. a ajoute une opportunité" in flat(screen_text(pilot.app))
    assert [decision.title for decision in log.decisions()] == ["Régie chez Acme"]


async def test_leaving_a_triage_asks_in_one_french_sentence(
    make_french_app: Callable[[], LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Atelier", tjm=650.0))
    async with make_french_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "y", "escape")
        await settle(pilot)
        question = flat(screen_text(pilot.app))
        assert (
            "Sortir du tri ? Atelier reste à trier ; ses notes ne sont pas gardées "
            "(son réflexe l'est)." in question
        )


async def test_the_log_speaks_french(
    make_french_app: Callable[[], LighthouseApp],
    log: DecisionLog,
    french_loaded: LoadedStrategy,
) -> None:
    decide(log, french_loaded, item("Régie chez Acme", tjm=650.0))
    async with make_french_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_log")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LogScreen)
        # At 80 columns, as in English: the reflex and the score make room for the titles.
        assert headers(pilot.app) == ["date", "titre", "filtre", "final", "issue"]
        filters = flat(text_of(screen.query_one("#log-filters")))
        assert filters == "type tous verdict tous écarts tous période entière 1 décision"
        await pilot.press("w", "p")
        await settle(pilot)
        filters = flat(text_of(screen.query_one("#log-filters")))
        assert "écarts seuls période 7 derniers jours 0 décision" in filters
        await pilot.press("r", "slash")
        assert screen.query_one("#log-search-input", Input).placeholder == "texte dans le titre"
        await pilot.press("escape", "o", "4", "enter")
        await settle(pilot)
        said = notifications(pilot.app)
        assert "Dénouement enregistré pour « Régie chez Acme »" in said
        assert not any("Outcome recorded" in message for message in said)


async def test_the_review_speaks_french(make_french_app: Callable[[], LighthouseApp]) -> None:
    async with make_french_app().run_test(size=SIZE) as pilot:
        await pilot.app.run_action("show_review")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReviewScreen)
        labels = [str(label.content) for label in screen.query(Label)]
        assert labels == ["période", "rejouer avec"]
        assert "Aucune décision dans le journal pour l'instant" in flat(screen_text(pilot.app))
        await pilot.press("r")
        placeholder = screen.query_one("#rescore-file", Input).placeholder
        assert placeholder == "un autre fichier de stratégie, ex. strategie-2.toml"


async def test_the_import_dialog_speaks_french(
    make_french_app: Callable[[], LighthouseApp],
) -> None:
    async with make_french_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ImportScreen)
        shown = flat(screen_text(pilot.app))
        assert "Importer des opportunités entrée importe · échap ferme" in shown
        await pilot.press("ctrl+s")
        error = flat(text_of(pilot.app.screen.query_one("#import-error")))
        assert error == "indiquez un fichier ou un dossier à importer"


async def test_a_reload_says_so_in_french(make_french_app: Callable[[], LighthouseApp]) -> None:
    async with make_french_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f3", "r")
        await settle(pilot)
        assert (
            "Stratégie « Conseil en stratégie commerciale — premier semestre 2027 » chargée"
            in notifications(pilot.app)
        )


async def test_the_palette_lists_the_app_commands_in_french(
    make_french_app: Callable[[], LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Atelier"))
    async with make_french_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        commands = {
            command.title: command.help
            for command in pilot.app.get_system_commands(pilot.app.screen)
        }
        assert commands["Aide"] == (
            "Lister toutes les touches de cet écran (f1 marche pendant la saisie)"
        )
        assert commands["Journal"] == (
            "Les décisions prises, les plus récentes en premier, et leur dénouement "
            "(marche partout, même pendant la saisie)"
        )
        assert (
            commands["Trier"]
            == "Décider de l'opportunité sélectionnée, puis de celles qui la suivent"
        )
        assert commands["Thème"] == "Changer le thème actuel"
        english = {"Help", "Log", "Triage", "Theme", "Quit", "Screenshot", "Keys"}
        assert not english & set(commands)


def test_an_empty_description_stays_empty_in_the_palette() -> None:
    """gettext answers "" with the catalog's header: a binding without a tooltip would show
    it as the command's help."""
    assert _("") == ""
    assert _("Help") == "Aide"
