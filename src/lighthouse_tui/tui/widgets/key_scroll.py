"""A scrolled pane that answers the list keys too: j and k scroll a line, g and G go to the
top and the bottom, as home and end do — the same keys as in every list of the app."""

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll


class KeyScroll(VerticalScroll):
    BINDING_GROUP_TITLE = "Scrolling"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j", "scroll_down", "Down", show=False, tooltip="Scroll a line down", id="scroll-j"
        ),
        Binding("k", "scroll_up", "Up", show=False, tooltip="Scroll a line up", id="scroll-k"),
        Binding(
            "g", "scroll_home", "Top", show=False, tooltip="To the top (home too)", id="scroll-g"
        ),
        Binding(
            "G", "scroll_end", "Bottom", show=False, tooltip="To the end (end too)", id="scroll-G"
        ),
    ]
