"""The inbox, the log and the review read the log again when another process wrote to it.

An outcome recorded from the shell (`lighthouse outcome 12 4`) used to show only once the
screen was left and opened again. The screen shown looks at the log's files every couple
of seconds (two `stat` calls, no SQLite: nothing to hand to the log's thread) and reads
again when they changed for a reason other than this app's own writes, which the screens
already show. `ctrl+r` reads again at once.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.screen import Screen

from lighthouse_tui.core.i18n import N_

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp

WATCH_EVERY_S = 2.0

Signature = tuple[tuple[int, int], ...]


def signature(path: Path) -> Signature:
    """The modification time and size of the log and of its write-ahead log, where a
    commit lands first."""
    found = []
    for file in (path, path.with_name(f"{path.name}-wal")):
        try:
            status = file.stat()
        except OSError:
            found.append((0, 0))
        else:
            found.append((status.st_mtime_ns, status.st_size))
    return tuple(found)


def reload_binding(tooltip: str, ident: str, *, show: bool = True) -> Binding:
    """The same key on every screen that shows the log; in the footer where there is room
    for it (`?` and the palette list it everywhere). `tooltip` is the screen's whole
    sentence, marked with `N_`: one glued from pieces could not be translated."""
    return Binding("ctrl+r", "reload_log", N_("Reload"), show=show, tooltip=tooltip, id=ident)


class LogWatch:
    """Calls `reload` while `screen` is shown and the log changed on disk since it was last
    read, unless this app made the change."""

    def __init__(self, screen: Screen[object], app: "LighthouseApp", reload: Callable[[], object]):
        self._screen = screen
        self._app = app
        self._reload = reload
        self._seen = (signature(app.logbook.path), app.changes)

    def start(self) -> None:
        self._screen.set_interval(WATCH_EVERY_S, self.check)

    def read(self) -> None:
        """Say the log was just read (the screen is about to read it)."""
        self._seen = (signature(self._app.logbook.path), self._app.changes)

    def check(self) -> bool:
        """True when the screen was told to read again."""
        if not self._screen.is_current or not self._app.logbook.usable:
            return False
        seen_signature, seen_changes = self._seen
        now = (signature(self._app.logbook.path), self._app.changes)
        self._seen = now
        if now[0] == seen_signature or now[1] != seen_changes:
            return False
        self._reload()
        self._app.refresh_summary()
        return True
