"""The conditions a user's `lighthouse` runs in, for the benchmarks that start processes.

An installed package has its bytecode compiled (pip does it at install time; an editable
install writes it on the first run). A machine with PYTHONDONTWRITEBYTECODE set, as CI and
sandboxes often are, would otherwise compile every Lighthouse module on every run and time
the compiler, while the baselines (Python's own modules, pydantic, Textual) came with theirs.
The data and config directories are fresh, so a log or a strategy of the person running the
benchmark never changes what is measured.
"""

import compileall
import os
from pathlib import Path

import lighthouse_tui


def compile_package() -> None:
    compileall.compile_dir(Path(lighthouse_tui.__file__).parent, quiet=1)


def user_env(home: Path) -> dict[str, str]:
    """The environment for a measured process, its user directories under `home`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env.pop("LIGHTHOUSE_DB", None)
    env.pop("LIGHTHOUSE_STRATEGY", None)
    return env
