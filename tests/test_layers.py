"""The layers hold: headless modules never load Textual, core never loads SQLite or Rich."""

import pkgutil

from probe import loaded_by

import lighthouse_tui


def _modules(prefix: str) -> list[str]:
    package = f"lighthouse_tui.{prefix}"
    path = [p + "/" + prefix for p in lighthouse_tui.__path__]
    return [package] + [info.name for info in pkgutil.walk_packages(path, prefix=package + ".")]


def _loaded_by(modules: list[str], forbidden: tuple[str, ...]) -> str:
    _, loaded = loaded_by("\n".join(f"import {name}" for name in modules), forbidden)
    return ",".join(loaded)


def test_core_imports_no_textual_sqlite_or_rich() -> None:
    assert _loaded_by(_modules("core"), ("textual", "sqlite3", "_sqlite3", "rich")) == ""


def test_headless_layers_import_no_textual() -> None:
    modules = [*_modules("core"), *_modules("store"), *_modules("ingest"), *_modules("render")]
    modules.append("lighthouse_tui.cli")
    assert _loaded_by(modules, ("textual",)) == ""


def test_importing_the_package_loads_nothing_heavy() -> None:
    assert _loaded_by(["lighthouse_tui"], ("textual", "pydantic", "rich")) == ""
