"""Choosing an editor and copying the example: private, all or nothing, never overwriting."""

import stat
from pathlib import Path

import pytest

from lighthouse_tui.tui.editing import copy_strategy, editor_command, run_editor


def test_editor_comes_from_editor_then_visual() -> None:
    assert editor_command({"EDITOR": "code --wait", "VISUAL": "vim"}) == ["code", "--wait"]
    assert editor_command({"VISUAL": "vim"}) == ["vim"]


def test_without_variables_nano_or_vi_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}" if name == "vi" else None)
    assert editor_command({}) == ["/usr/bin/vi"]
    monkeypatch.setattr("shutil.which", lambda _name: None)
    assert editor_command({"EDITOR": "  "}) is None


def test_a_missing_editor_is_reported_not_raised(tmp_path: Path) -> None:
    failure = run_editor(["/nonexistent/editor"], tmp_path / "s.toml")
    assert failure is not None
    assert failure.startswith("Could not start /nonexistent/editor")


def test_copy_is_private_and_exact(tmp_path: Path) -> None:
    source = tmp_path / "example.toml"
    source.write_bytes(b"name = 'x'\n")
    target = tmp_path / "config" / "lighthouse" / "strategy.toml"
    copy_strategy(source, target)
    assert target.read_bytes() == b"name = 'x'\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE(target.parent.stat().st_mode) == 0o700
    assert list(target.parent.iterdir()) == [target]


def test_copy_never_overwrites(tmp_path: Path) -> None:
    source = tmp_path / "example.toml"
    source.write_bytes(b"new")
    target = tmp_path / "strategy.toml"
    target.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        copy_strategy(source, target)
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["example.toml", "strategy.toml"]
