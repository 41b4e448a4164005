"""The app's start: its first frame is drawn from a preview of the strategy (tomllib, no
pydantic), and the file is validated after it; what the user ends up with is what a start
that validated first showed."""

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from probe import loaded_by
from textual import events
from textual.widgets import Input

from lighthouse_tui.core.locations import StrategyLocation
from lighthouse_tui.tui import app as app_module
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.base import LighthouseScreen
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.strategy import StrategyScreen
from lighthouse_tui.tui.state import Span, StrategyState, preview_strategy, read_strategy
from lighthouse_tui.tui.widgets.footer import KeysFooter

from .conftest import BROKEN, SIZE, STRATEGY, flat, text_of

FirstFrame = dict[str, object]


@pytest.fixture
def watch_start(monkeypatch: pytest.MonkeyPatch) -> Callable[[LighthouseApp], FirstFrame]:
    """What the app shows when it validates the strategy: its first frame."""

    def watch(app: LighthouseApp) -> FirstFrame:
        seen: FirstFrame = {}

        def validating(
            location: StrategyLocation, previous: StrategyState | None = None
        ) -> StrategyState:
            if not seen:
                screen = app.screen
                seen["screen"] = type(screen)
                seen["header"] = flat(
                    text_of(screen.query_one("#header-name"))
                    + text_of(screen.query_one("#header-lighthouse"))
                )
                seen["form"] = bool(screen.query("#assessment"))
                footer = screen.query_one(KeysFooter)
                seen["keys"] = flat(" ".join(str(key.render()) for key in footer.children))
            return read_strategy(location, previous)

        monkeypatch.setattr(app_module, "read_strategy", validating)
        return seen

    return watch


def test_the_first_frame_imports_no_pydantic() -> None:
    """The modules the app needs to draw the quick check's first frame."""
    code = (
        "from lighthouse_tui import entry\n"
        "from lighthouse_tui.tui import app\n"
        "from lighthouse_tui.tui.screens import check\n"
    )
    assert loaded_by(code, ["pydantic"]) == ([], [])


def test_lighthouse_alone_builds_no_commands_parser() -> None:
    """The app's start pays for no command's module, as `lighthouse check` pays for no
    other command's."""
    code = (
        "import sys\n"
        "from lighthouse_tui import cli, entry\n"
        "from lighthouse_tui.tui import app\n"
        "app.run = lambda location, db: 0\n"
        "assert entry.main([]) == 0\n"
        "commands = {f'lighthouse_tui.cli.{m}' for m in cli.COMMANDS.values()}\n"
        "print(sorted(commands & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


async def test_the_first_frame_shows_the_strategy_previewed_then_the_form(
    make_app: Callable[..., LighthouseApp], watch_start: Callable[[LighthouseApp], FirstFrame]
) -> None:
    first_frame = watch_start(app := make_app())
    async with app.run_test(size=SIZE) as pilot:
        assert first_frame["screen"] is CheckScreen
        header = first_frame["header"]
        assert isinstance(header, str)
        assert "Test coaching" in header
        assert "136 days left" in header
        assert "Be the coach B2B consultants think of first" in header
        assert first_frame["form"] is False
        assert "Help" in str(first_frame["keys"])
        assert "New check" in str(first_frame["keys"])
        screen = pilot.app.screen
        assert isinstance(screen, CheckScreen)
        assert screen.query("#assessment")
        assert isinstance(pilot.app.focused, Input)
        assert pilot.app.focused.name == "title"


async def test_the_footer_is_composed_with_its_keys(
    make_app: Callable[..., LighthouseApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not on the first change of bindings, after the first frame, as Textual's is: the
    first frame would show an empty footer."""
    keys_at_mount: list[int] = []
    mount = LighthouseScreen.on_mount

    def counting(screen: LighthouseScreen) -> None:
        keys_at_mount.append(len(screen.query_one(KeysFooter).children))
        mount(screen)

    monkeypatch.setattr(LighthouseScreen, "on_mount", counting)
    async with make_app().run_test(size=SIZE):
        assert keys_at_mount
        assert keys_at_mount[0] > 0


async def test_keys_typed_before_the_form_is_mounted_go_into_it(
    make_app: Callable[..., LighthouseApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()

    def typing_meanwhile(location: StrategyLocation) -> StrategyState:
        for letter in "Podcast":
            app.post_message(events.Key(letter, letter))
        return read_strategy(location)

    monkeypatch.setattr(app_module, "read_strategy", typing_meanwhile)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        title = pilot.app.screen.query_one("#field-title Input", Input)
        assert title.value == "Podcast"


async def test_a_file_that_previews_but_does_not_load_shows_its_problems(
    make_app: Callable[..., LighthouseApp],
    strategy_file: Path,
    watch_start: Callable[[LighthouseApp], FirstFrame],
) -> None:
    strategy_file.write_text(BROKEN, encoding="utf-8")
    first_frame = watch_start(app := make_app())
    async with app.run_test(size=SIZE) as pilot:
        assert first_frame["screen"] is CheckScreen
        screen = pilot.app.screen
        assert isinstance(screen, StrategyScreen)
        assert "No strategy loaded" in text_of(screen.query_one("#header-name"))
        shown = text_of(screen.query_one("#strategy-view"))
        assert "strategy.toml: 2 problems" in shown
        assert pilot.app.state == read_strategy(StrategyLocation(strategy_file, False))


def test_a_preview_reads_name_lighthouse_and_horizon(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(STRATEGY, encoding="utf-8")
    state = preview_strategy(StrategyLocation(path, is_example=False))
    assert state is not None
    assert state.preview is not None
    assert state.loaded is None
    assert not state.problems
    assert state.preview.name == "Test coaching"
    assert state.preview.horizon is not None
    assert state.preview.horizon.end.isoformat() == "2027-05-31"
    assert isinstance(state.preview.horizon, Span)


@pytest.mark.parametrize(
    "content", [b"name = ", b'name = 3\nlighthouse = "x"', b'lighthouse = "x"', b"\xff\xfe"]
)
def test_what_cannot_be_previewed_is_validated_at_once(tmp_path: Path, content: bytes) -> None:
    """Its problems are only worded by validation: the app shows them at once."""
    path = tmp_path / "s.toml"
    path.write_bytes(content)
    assert preview_strategy(StrategyLocation(path, is_example=False)) is None
    assert preview_strategy(StrategyLocation(tmp_path / "missing.toml", is_example=False)) is None
