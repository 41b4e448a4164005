"""Compiles the message catalogs (`.po` → `.mo`) whenever the package is built or installed,
editable installs included: compiled files are build products, never committed."""

import sys
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):  # type: ignore[type-arg]
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:  # noqa: ARG002  (hatchling's signature)
        sys.path.insert(0, str(Path(self.root) / "src"))
        from lighthouse_tui.core.i18n import compile_catalogs

        compile_catalogs()
