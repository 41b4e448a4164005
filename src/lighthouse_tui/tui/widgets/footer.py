"""Textual's footer, rebuilt only when the keys it shows change, and showing whole keys only.

The footer rebuilds its keys (a widget each, styled anew) whenever the bindings are refreshed,
and Textual refreshes them on every focus change: in a form, on every arrow key. Most of those
changes leave the same keys in the footer, and skipping them takes several milliseconds off a
key press in triage.

Textual lets the keys that do not fit run under the palette key, cut anywhere: at 80 columns
the footer ended in `s Str▏`. Here a key that does not fit whole is not shown (`?` lists every
key), and `? Help` is kept whatever else has to go.
"""

from collections.abc import Hashable

from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

HELP_ACTION = "help"


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        self._shown: Hashable = None
        self._width = 0

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

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.drop_what_does_not_fit)

    def on_resize(self, event: events.Resize) -> None:
        """Every key again, then as many as the new width takes. (Hiding keys resizes the
        footer's content too: that is not a new width.)"""
        if event.size.width == self._width:
            return
        self._width = event.size.width
        for child in self.children:
            child.display = True
        self.call_after_refresh(self.drop_what_does_not_fit)

    def drop_what_does_not_fit(self) -> None:
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        palette = [child for child in self.children if child.has_class("-command-palette")]
        if not keys or not all(key.display and key.region for key in keys):
            return  # not laid out yet, or already fitted to this width
        left = self.region.x
        end = palette[0].region.x if palette else self.region.right
        spans = []
        for key in keys:  # each key's width with the gap before it, as laid out
            spans.append(key.region.right - left)
            left = key.region.right
        help_span = next((span for key, span in zip(keys, spans, strict=True) if is_help(key)), 0)
        room = end - self.region.x
        used, cut, help_placed = 0, False, False
        for key, span in zip(keys, spans, strict=True):
            if is_help(key):
                used, help_placed = used + span, True
                continue
            cut = cut or used + span + (0 if help_placed else help_span) > room
            key.display = not cut
            if not cut:
                used += span


def is_help(widget: Widget) -> bool:
    """The footer's `? Help` (`FooterKey` is not exported: its action tells it)."""
    return getattr(widget, "action", None) == HELP_ACTION
