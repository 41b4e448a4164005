"""Handing the strategy file to the user's editor, and giving them a copy of the example first.

The bundled example lives inside the installed package: editing it in place would write into
site-packages (or fail), and an upgrade would silently throw the edits away.
"""

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from lighthouse_tui.core.i18n import _

FALLBACK_EDITORS = ("nano", "vi")


def editor_command(environ: Mapping[str, str] = os.environ) -> list[str] | None:
    """`$EDITOR`, then `$VISUAL`, then the first of nano and vi on the PATH.

    The variables are split like a shell would, so `EDITOR="code --wait"` works.
    """
    for variable in ("EDITOR", "VISUAL"):
        if command := shlex.split(environ.get(variable, "")):
            return command
    for name in FALLBACK_EDITORS:
        if found := shutil.which(name):
            return [found]
    return None


def copy_strategy(source: Path, target: Path) -> None:
    """Write `source`'s bytes to a new private file at `target`, all or nothing.

    The directory is created 0700 and the file 0600, because a strategy says where someone's
    business is going. The bytes go to a temporary file that is then linked into place, so a
    crash never leaves half a strategy, and the link raises `FileExistsError` rather than
    overwrite a file that is already there.
    """
    data = source.read_bytes()
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, target)
    finally:
        os.unlink(temporary)


def run_editor(command: list[str], path: Path) -> str | None:
    """Run the editor on `path` and wait; the reason it could not start, or None.

    Never raises: it runs while the app is suspended, and an exception there would leave the
    terminal out of application mode.
    """
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as exc:
        return _("Could not start {editor}: {reason}").format(
            editor=command[0], reason=exc.strerror or exc
        )
    return None
