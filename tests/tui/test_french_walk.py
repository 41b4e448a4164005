"""Lighthouse in French from end to end (issue #12): every screen and dialog of the app, run
in French on the French example strategy with French items in the inbox, shows no English.

An English word is a word of the catalog's English (its msgids) that no French translation
uses: "decision" is one, "question" (a word of both languages) is not. Not English to
translate: key names (`ctrl`, `escape`…); the user's own words, from the strategy (its name,
labels, questions, reasons, field names and kinds) and from the items; and the identifiers
a user types in rules and on the command line (the built-in field names and kinds, shown as
the form's labels). Words are read whole with their underscores: `hours_per_week` hides no
"hours".

The text is what each widget of the screen draws, after the app's line filters: for a dialog,
the dialog alone, not the screen dimmed behind it.
"""

import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from textual.pilot import Pilot
from textual.widget import Widget

from lighthouse_tui.core import i18n
from lighthouse_tui.core.decline import decline_message
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.loader import strategy_data
from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.strategy import BUILTIN_FIELDS, BUILTIN_KINDS
from lighthouse_tui.core.strategy_file import load_strategy_file
from lighthouse_tui.core.types import ValueType
from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.store.records import DecisionRecord
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.add import AddScreen
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.correct import ask_correction
from lighthouse_tui.tui.screens.decline import DeclineMessageScreen
from lighthouse_tui.tui.screens.outcome import OutcomeScreen
from lighthouse_tui.tui.widgets.rating import RatingRow

from .conftest import TODAY, Clock, settle

PACKAGE = Path(i18n.__file__).resolve().parent.parent
FRENCH_STRATEGY = PACKAGE / "strategies" / "consultant.fr.toml"
WORD = re.compile(r"[^\W\d]{2,}")
"""Words of two letters or more (one is a key: `c`, `^r`), with the underscores of
identifiers."""
KEY_NAMES = frozenset(
    [
        "ctrl",
        "shift",
        "alt",
        "esc",
        "escape",
        "tab",
        "enter",
        "return",
        "space",
        "backspace",
        "delete",
        "insert",
        "home",
        "end",
        "up",
        "down",
        "left",
        "right",
        "pageup",
        "pagedown",
    ]
)
ITEMS = (
    Opportunity(
        kind="client_request",
        values={
            "title": "Diagnostic commercial pour une PME de mécanique",
            "tjm": 800.0,
            "hours_per_week": 6.0,
            "source": "Jeanne Dupont",
            "notes": "Rappeler avant vendredi",
        },
        ratings={"cap": 4.0},
    ),
    Opportunity(
        kind="partner_offer",
        values={"title": "Atelier de stratégie avec un réseau de dirigeants", "tjm": 600.0},
        ratings={},
    ),
)
DECIDED = Opportunity(
    kind="client_request",
    values={"title": "Formation à la négociation", "tjm": 400.0, "hours_per_week": 4.0},
    ratings={"cap": 1.0, "forces": 2.0, "vie": 3.0, "etape_suivante": 1.0},
)


def words(text: str) -> set[str]:
    return {word.lower() for word in WORD.findall(text)}


def without_placeholders(text: str) -> str:
    return re.sub(r"\{[^}]*\}", " ", text)


def user_words(loaded: LoadedStrategy) -> set[str]:
    """What the strategy says in the user's own words (not its keys, its comments or its
    choices among fixed values, such as a rule's `then = "decline"`)."""
    found: set[str] = set()

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            for name, inner in value.items():
                if key == "fields":
                    found.update(words(name))
                elif name not in ("then", "language", "tone"):
                    walk(inner, name)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, key)
        elif isinstance(value, str):
            found.update(words(value))

    walk(strategy_data(loaded.strategy))
    for item in (*ITEMS, DECIDED):
        for value in item.values.values():
            found.update(words(str(value)))
    return found


def english_words(loaded: LoadedStrategy) -> frozenset[str]:
    with (PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "lighthouse.po").open("rb") as po:
        catalog = read_po(po)
    english: set[str] = set()
    french: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= words(without_placeholders(text))
        for text in strings:
            french |= words(without_placeholders(text))
    identifiers = {*BUILTIN_FIELDS, *BUILTIN_KINDS, *(kind.value for kind in ValueType)}
    return frozenset(english - french - KEY_NAMES - identifiers - user_words(loaded))


def drawn(widget: Widget) -> Iterator[str]:
    region = widget.region
    if widget.display and region:
        yield from (strip.text for strip in widget.render_lines(region.reset_offset))


def shown(app: LighthouseApp) -> str:
    """Every line the widgets of the screen on top draw, toasts included."""
    return "\n".join(line for widget in app.screen.query("*") for line in drawn(widget))


@dataclass
class Walk:
    pilot: Pilot[None]
    loaded: LoadedStrategy
    decision: int

    @property
    def app(self) -> LighthouseApp:
        return self.pilot.app  # type: ignore[return-value]

    @property
    def screen(self) -> LighthouseScreen:
        screen = self.app.screen
        assert isinstance(screen, LighthouseScreen)
        return screen

    async def keys(self, *keys: str) -> None:
        await self.pilot.press(*keys)
        await settle(self.pilot)

    async def action(self, action: str) -> None:
        await self.app.run_action(action)
        await settle(self.pilot)

    async def checked(self) -> None:
        """The quick check, with a title typed and a criterion rated."""
        await self.action("show_check")
        await self.keys(*"Mission flash")
        self.screen.query(RatingRow).first().focus()
        await self.keys("2")

    async def record(self) -> DecisionRecord:
        return await self.app.logbook.run(DecisionLog.decision, self.decision)


Visit = Callable[[Walk], Awaitable[None]]


async def quick_check(walk: Walk) -> None:
    await walk.checked()


async def help_keys(walk: Walk) -> None:
    await walk.checked()
    await walk.keys("f1")


async def palette(walk: Walk) -> None:
    await walk.action("show_check")
    await walk.keys("ctrl+p")


async def palette_without_match(walk: Walk) -> None:
    await walk.action("show_check")
    await walk.keys("ctrl+p", *"qwxz")
    await walk.pilot.pause(0.6)  # Textual says "no matches" half a second after the search
    await settle(walk.pilot)


async def reflex(walk: Walk) -> None:
    await walk.checked()
    await walk.keys("ctrl+s")


async def decide(walk: Walk) -> None:
    await walk.checked()
    await walk.keys("ctrl+s", "o", "a")


async def recorded(walk: Walk) -> None:
    await walk.checked()
    await walk.keys("ctrl+s", "n", "d", "enter")


async def add(walk: Walk) -> None:
    walk.app.push_screen(AddScreen(walk.loaded))
    await settle(walk.pilot)
    await walk.keys("enter")  # no title yet: the dialog says so


async def outcome(walk: Walk) -> None:
    record = await walk.record()
    walk.app.push_screen(OutcomeScreen(record))
    await walk.keys("4")


async def correct(walk: Walk) -> None:
    ask_correction(walk.screen, await walk.record())
    await walk.keys("d")


async def corrected(walk: Walk) -> None:
    await walk.action("show_check")
    ask_correction(walk.screen, await walk.record())
    await walk.keys("d", *"trop loin", "enter")


async def polite_no(walk: Walk) -> None:
    evaluation = evaluate(walk.loaded, DECIDED)
    message = decline_message(walk.loaded.strategy, DECIDED.title, evaluation)
    walk.app.push_screen(DeclineMessageScreen(message))
    await settle(walk.pilot)


async def inbox(walk: Walk) -> None:
    await walk.action("show_inbox")


async def triage(walk: Walk) -> None:
    await walk.action("show_inbox")
    await walk.keys("enter")


async def triage_verdict(walk: Walk) -> None:
    await walk.action("show_inbox")
    await walk.keys("enter", "o")


async def log(walk: Walk) -> None:
    await walk.action("show_log")


async def review(walk: Walk) -> None:
    await walk.action("show_review")


async def strategy(walk: Walk) -> None:
    await walk.action("show_strategy")


async def importer(walk: Walk) -> None:
    await walk.action("import")


async def quit_question(walk: Walk) -> None:
    await walk.checked()
    await walk.action("quit")


PAGES: list[Any] = [
    pytest.param(quick_check, "Noter", id="quick-check"),
    pytest.param(help_keys, "Touches", id="help"),
    pytest.param(palette, "Rechercher une commande", id="palette"),
    pytest.param(palette_without_match, "Aucun résultat", id="palette-no-match"),
    pytest.param(reflex, "Votre premier réflexe", id="reflex"),
    pytest.param(decide, "Un commentaire, si vous voulez", id="decide"),
    pytest.param(recorded, "Enregistré comme décision", id="recorded"),
    pytest.param(add, "Donnez-lui d'abord un titre", id="add"),
    pytest.param(outcome, "Quel a été le dénouement", id="outcome"),
    pytest.param(correct, "La corriger en", id="correct"),
    pytest.param(corrected, "Corrigé", id="corrected"),
    pytest.param(polite_no, "Un non poli", id="polite-no"),
    pytest.param(inbox, "Diagnostic commercial", id="inbox"),
    pytest.param(triage, "Diagnostic commercial", id="triage"),
    pytest.param(triage_verdict, "Diagnostic commercial", id="triage-verdict"),
    pytest.param(log, "Formation à la négociation", id="log"),
    pytest.param(review, "Conseil en stratégie commerciale", id="review"),
    pytest.param(strategy, "Pas assez d'heures libres", id="strategy"),
    pytest.param(importer, "Importer des opportunités", id="import"),
    pytest.param(quit_question, "Annuler (n)", id="quit"),
]


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(("visit", "expected"), PAGES)
async def test_every_screen_speaks_french(tmp_path: Path, visit: Visit, expected: str) -> None:
    loaded = load_strategy_file(FRENCH_STRATEGY)
    db = tmp_path / "lighthouse.db"
    with DecisionLog.open(db, clock=Clock()) as log:
        for item in ITEMS:
            log.add(item)
        decision = log.record(
            opportunity=DECIDED,
            evaluation=evaluate(loaded, DECIDED),
            strategy=loaded,
            default_choice="decline",
            final_choice="decline",
            note="Trop loin de mon phare",
        )
    english = english_words(loaded)
    app = LighthouseApp(
        StrategyLocation(FRENCH_STRATEGY, is_example=True), db, today=TODAY, clock=Clock()
    )
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await visit(Walk(pilot, loaded, decision))
        text = shown(app)
    assert expected in text, text
    found = sorted(words(re.sub(r"\S*/\S*", " ", text)) & english)  # file paths aside
    assert not found, f"English on screen: {', '.join(found)}\n\n{text}"
