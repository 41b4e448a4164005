"""Textual's footer, rebuilt only when the keys it shows change.

The footer rebuilds its keys (a widget each, styled anew) whenever the bindings are refreshed,
and Textual refreshes them on every focus change: in a form, on every arrow key. Most of those
changes leave the same keys in the footer, and skipping them takes several milliseconds off a
key press in triage.
"""

from collections.abc import Hashable

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: Hashable = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus:  # the footer waits for the focus to come back
            super().bindings_changed(screen)
            return
        shown = tuple(
            (key, active.binding.action, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)
