"""Textual's footer, rebuilt only when the keys it shows change, and showing whole keys only.

The footer rebuilds its keys (a widget each, styled anew) whenever the bindings are refreshed,
and Textual refreshes them on every focus change: in a form, on every arrow key. Most of those
changes leave the same keys in the footer, and skipping them takes several milliseconds off a
key press in triage.

Textual lets the keys that do not fit run under the palette key, cut anywhere: at 80 columns
the footer ended in `s Str▏`. Here a key that does not fit whole is not shown (`?` lists every
key), and `? Help` is kept whatever else has to go.

The keys' words are translated here, where they are shown: a binding's description and
tooltip are marked `N_` where declared, before the language is chosen, and Textual's footer
shows them as they are.
"""

from collections.abc import Hashable

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Label

from lighthouse_tui.core.i18n import _

HELP_ACTION = "help"


class KeysFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True)
        # Textual's footer composes its keys on the first change of bindings, a frame after
        # the first: composed with the footer, they are in the app's first frame.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown: Hashable = None
        self._width = 0

    def on_mount(self) -> None:
        """The keys composed with the footer, cut to fit as a recompose cuts them; and what
        they were composed from, so that the first change of bindings and the first resize
        rebuild them only if that changed."""
        self.drop_what_does_not_fit()
        self._shown = shown_keys(self.screen)
        self._width = self.app.size.width

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus:  # the footer waits for the focus to come back
            super().bindings_changed(screen)
            return
        shown = shown_keys(screen)
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, in the language chosen: a key's description and tooltip, and the
        label of a group of keys (the digits' "Rate")."""
        for widget in super().compose():
            if isinstance(widget, Label):
                widget.update(_(str(widget.content)))
            elif is_key(widget):
                widget.description = _(widget.description)  # type: ignore[attr-defined]
                if isinstance(widget.tooltip, str):
                    widget.tooltip = _(widget.tooltip)
            yield widget

    async def recompose(self) -> None:
        """The keys, then at once (before they are drawn) only those that fit whole."""
        await super().recompose()
        self.drop_what_does_not_fit()

    def on_resize(self, event: events.Resize) -> None:
        """The keys again for a new width. (Hiding keys resizes the footer's content too:
        that is not a new width.)"""
        if event.size.width != self._width:
            self._width = event.size.width
            self.call_after_refresh(self.recompose)

    def drop_what_does_not_fit(self) -> None:
        """Measured from the keys' styles rather than read from a layout: a layout comes a
        frame later, and that frame showed the cut key."""
        keys = [child for child in self.children if not child.has_class("-command-palette")]
        palette = [child for child in self.children if child.has_class("-command-palette")]
        spans = row_spans(keys)
        help_span = next((span for key, span in zip(keys, spans, strict=True) if is_help(key)), 0)
        width = self.size.width or self.app.size.width
        room = width - sum(box_width(key) + key.styles.margin.width for key in palette)
        used, cut, help_placed = 0, False, False
        for key, span in zip(keys, spans, strict=True):
            if is_help(key):
                used, help_placed = used + span, True
                continue
            cut = cut or used + span + (0 if help_placed else help_span) > room
            key.display = not cut
            if not cut:
                used += span


def shown_keys(screen: Screen[object]) -> Hashable:
    """What the footer shows of the screen's bindings."""
    return tuple(
        (key, active.binding.action, active.binding.description, active.enabled)
        for key, active in screen.active_bindings.items()
        if active.binding.show
    )


def row_spans(widgets: list[Widget]) -> list[int]:
    """Each widget's width in a horizontal row with the margin before it, margins between
    neighbours overlapping as Textual lays them out."""
    spans = []
    previous = None
    for widget in widgets:
        margin = widget.styles.margin
        before = margin.left if previous is None else max(previous.styles.margin.right, margin.left)
        spans.append(before + box_width(widget))
        previous = widget
    return spans


def box_width(widget: Widget) -> int:
    """A footer item's width: a key's text, or a group's keys side by side; and its gutter."""
    children = list(widget.children)
    if children:
        content = sum(row_spans(children)) + children[-1].styles.margin.right
    else:
        content = widget.get_content_width(widget.app.size, widget.app.size)
    return content + widget.styles.gutter.width


def is_key(widget: Widget) -> bool:
    """One of the footer's keys (`FooterKey` is not exported: its attributes tell it)."""
    return hasattr(widget, "key_display") and hasattr(widget, "description")


def is_help(widget: Widget) -> bool:
    """The footer's `? Help` (`FooterKey` is not exported: its action tells it)."""
    return getattr(widget, "action", None) == HELP_ACTION
