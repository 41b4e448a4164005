"""The validated-strategy cache: a hit is exactly what validating would give, and anything that
could make it differ (the file, the code, a damaged entry) makes it a miss."""

import os
import stat
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from probe import loaded_by

from lighthouse_tui.core import loader, strategy_file
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.problems import ProblemsError
from lighthouse_tui.core.starter import StarterAnswers, build_strategy, render_strategy
from lighthouse_tui.core.strategy_file import load_strategy_file

EXAMPLES = Path(__file__).parents[2] / "src" / "lighthouse_tui" / "strategies"


def _entries() -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "lighthouse"
    return sorted(folder.glob("strategy-*.pickle")) if folder.exists() else []


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the loader validated: a hit adds none."""
    seen: list[str] = []
    real = loader.load_strategy_bytes

    def spy(data: bytes, source: str) -> LoadedStrategy:
        seen.append(source)
        return real(data, source)

    monkeypatch.setattr(loader, "load_strategy_bytes", spy)
    return seen


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_a_hit_is_exactly_what_validating_gives(example: str, validations: list[str]) -> None:
    path = EXAMPLES / example
    first = load_strategy_file(path)
    again = load_strategy_file(path)
    assert validations == [str(path)]
    fresh = loader.load_strategy_bytes(path.read_bytes(), str(path))
    assert again == fresh  # compiled rules compare by their text and the names they read
    assert first == fresh


@settings(max_examples=60, deadline=None)
@given(
    text=st.text(max_size=300),
    hours=st.floats(min_value=0, max_value=168),
    min_fee=st.none() | st.floats(min_value=1, max_value=1e6),
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)),
)
def test_any_strategy_reads_back_from_the_cache_as_validated(
    text: str, hours: float, min_fee: float | None, start: date
) -> None:
    answers = StarterAnswers(text, text, text, text, text, text, hours, min_fee, start)
    written = render_strategy(build_strategy(answers), header="test", past=text)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "strategy.toml"
        path.write_text(written, encoding="utf-8")
        fresh = loader.load_strategy_bytes(path.read_bytes(), str(path))
        assert load_strategy_file(path) == fresh  # validated, and kept
        assert strategy_file._entry(path).exists()
        assert load_strategy_file(path) == fresh  # read back


def _loaded_then_edited(tmp_path: Path, good: Path, old: str, new: str) -> Path:
    """A copy of `good` that loaded once, and was then edited: `old` replaced by `new`."""
    path = tmp_path / "strategy.toml"
    text = good.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    load_strategy_file(path)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_edited_file_is_validated_again(
    tmp_path: Path, good_strategy_path: Path, validations: list[str]
) -> None:
    path = _loaded_then_edited(tmp_path, good_strategy_path, "weight = 5", "weight = 4")
    edited = load_strategy_file(path)
    assert len(validations) == 2
    assert edited.data == path.read_bytes()
    assert len(_entries()) == 1  # one entry per file, whatever its edits


def test_a_file_that_breaks_reports_its_problems_despite_an_older_entry(
    tmp_path: Path, good_strategy_path: Path
) -> None:
    path = _loaded_then_edited(tmp_path, good_strategy_path, "weight = 5", 'weight = "5"')
    with pytest.raises(ProblemsError) as raised:
        load_strategy_file(path)
    assert "expected number, got text '5'" in str(raised.value)
    with pytest.raises(ProblemsError):
        load_strategy_file(path)  # and again: a problem is never kept


def test_a_file_with_problems_is_never_kept(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text("schema = 1\n", encoding="utf-8")
    with pytest.raises(ProblemsError):
        load_strategy_file(path)
    assert _entries() == []


def test_other_code_is_a_miss(
    good_strategy_path: Path, validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_strategy_file(good_strategy_path)
    monkeypatch.setattr(strategy_file, "_code_stamp", lambda: b"another version")
    load_strategy_file(good_strategy_path)
    load_strategy_file(good_strategy_path)
    assert len(validations) == 2


def test_code_that_cannot_be_read_turns_the_cache_off(
    good_strategy_path: Path, validations: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An install without its sources: nothing to stamp a hit with, so every load validates."""
    monkeypatch.setattr(strategy_file, "_VALIDATING", (*strategy_file._VALIDATING, "gone.py"))
    first = load_strategy_file(good_strategy_path)
    assert load_strategy_file(good_strategy_path) == first
    assert len(validations) == 2
    assert _entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle",
        b"\x80\x05\x95",  # cut short
        b"\x80\x04K\x01.",  # a pickle of 1, not an entry
        b"\x80\x04\x95\x1f\x00\x00\x00\x00\x00\x00\x00\x8c\x08builtins\x94\x8c\x04nope\x94\x93\x94.",
    ],
)
def test_a_damaged_entry_is_a_miss_and_is_replaced(
    damage: bytes, good_strategy_path: Path, validations: list[str]
) -> None:
    load_strategy_file(good_strategy_path)
    [entry] = _entries()
    entry.write_bytes(damage)
    loaded = load_strategy_file(good_strategy_path)
    assert loaded.fingerprint == load_strategy_file(good_strategy_path).fingerprint
    assert len(validations) == 2
    assert entry.read_bytes() != damage


def test_a_cache_that_cannot_be_written_costs_nothing_but_speed(
    good_strategy_path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    loaded = load_strategy_file(good_strategy_path)
    assert loaded.strategy.name
    assert load_strategy_file(good_strategy_path) == loaded


def test_the_cache_is_private(good_strategy_path: Path) -> None:
    load_strategy_file(good_strategy_path)
    [entry] = _entries()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert [p.name for p in entry.parent.iterdir()] == [entry.name]  # no partial file left


HIT = """
from pathlib import Path
from lighthouse_tui.core.filter import evaluate
from lighthouse_tui.core.opportunity import Opportunity
from lighthouse_tui.core.strategy_file import load_strategy_file
loaded = load_strategy_file(Path({path!r}))
print(evaluate(loaded, Opportunity(kind="client_request", values={{"fee": 900.0}})).verdict)
"""


def test_a_hit_never_imports_pydantic(good_strategy_path: Path) -> None:
    code = HIT.format(path=str(good_strategy_path))
    verdict, first = loaded_by(code, ["pydantic"])
    assert first != []  # the first run validates
    assert loaded_by(code, ["pydantic"]) == (verdict, [])


ERRORS_ONLY = {"i18n", "problems", "suggest", "tomlpos", "text", "strategy_file", "locations"}
"""Modules validation uses only to find or word a problem (problems are never kept, so their
code cannot make a hit differ), and the cache itself."""


def _core_imports(module: str) -> set[str]:
    import ast

    tree = ast.parse((Path(strategy_file.__file__).with_name(f"{module}.py")).read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "lighthouse_tui.core":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("lighthouse_tui.core."):
                found.add(node.module.removeprefix("lighthouse_tui.core."))
    return found


def test_the_code_stamp_covers_every_module_validation_runs() -> None:
    """A module the loader reaches, and that is not only about wording problems, decides what
    a file validates into: a change to it must be a miss, so it belongs in the stamp."""
    reached: set[str] = set()
    todo = ["loader"]
    while todo:
        module = todo.pop()
        if module not in reached and module not in ERRORS_ONLY:
            reached.add(module)
            todo.extend(_core_imports(module))
    assert {f"{name}.py" for name in reached} == set(strategy_file._VALIDATING)
