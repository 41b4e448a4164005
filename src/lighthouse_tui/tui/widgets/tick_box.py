"""A checkbox whose two states differ without colour.

Textual's Checkbox draws an `X` ticked or not and tells them apart by its colour alone: with
NO_COLOR, the import's "Dry run" showed `X` both ways. This one leaves the box empty when
off, as a paper form does.
"""

from textual.widgets import Checkbox


class TickBox(Checkbox):
    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        super().watch_value()
