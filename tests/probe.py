"""What a piece of Lighthouse code loads, run in a fresh interpreter.

The start-up promises (`check` never loads Textual; a cached strategy never loads pydantic;
`--json` never loads Rich) are promises about `sys.modules`, which only a new process shows.
"""

import json
import subprocess
import sys
from collections.abc import Iterable


def loaded_by(code: str, packages: Iterable[str]) -> tuple[list[str], list[str]]:
    """Run `code` in a new interpreter: the lines it printed, and the modules of `packages`
    (top-level names) it had loaded when it ended. A failure of `code` fails the test."""
    wanted = sorted(set(packages))
    script = (
        f"{code}\nimport json as _json, sys as _sys\n"
        f"print(_json.dumps(sorted(m for m in _sys.modules if m.split('.')[0] in {wanted!r})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    *printed, modules = done.stdout.splitlines()
    return printed, json.loads(modules)
