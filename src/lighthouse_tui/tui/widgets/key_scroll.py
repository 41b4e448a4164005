"""A scrolled pane that answers the list keys too: j and k scroll a line, g and G go to the
top and the bottom, as home and end do — the same keys as in every list of the app."""

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from lighthouse_tui.core.i18n import N_


class KeyScroll(VerticalScroll):
    BINDING_GROUP_TITLE = N_("Scrolling")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "j",
            "scroll_down",
            N_("Down"),
            show=False,
            tooltip=N_("Scroll a line down"),
            id="scroll-j",
        ),
        Binding(
            "k", "scroll_up", N_("Up"), show=False, tooltip=N_("Scroll a line up"), id="scroll-k"
        ),
        Binding(
            "g",
            "scroll_home",
            N_("Top"),
            show=False,
            tooltip=N_("To the top (home too)"),
            id="scroll-g",
        ),
        Binding(
            "G",
            "scroll_end",
            N_("Bottom"),
            show=False,
            tooltip=N_("To the end (end too)"),
            id="scroll-G",
        ),
    ]
