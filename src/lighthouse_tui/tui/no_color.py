"""NO_COLOR that stays readable: every colour grey, and no grey too close to its background.

With NO_COLOR set, Textual turns each colour into the grey of the same luminance. Red and
green are dark, so a DECLINE came out dark grey (#363636) on near black (#121212): there,
but not to be read. Text too close to its background here takes the plain foreground (or
background) instead; what told things apart by colour alone then shows by its words and
its bold, reverse or underline, which NO_COLOR keeps.
"""

from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome

MIN_CONTRAST = 0.4
"""Brightness (0 to 1) between a text's grey and its background's below which it is raised."""
LIGHT = Color(224, 224, 224)
DARK = Color(32, 32, 32)


@lru_cache(1024)
def readable(style: Style, background: Color) -> Style:
    if style.color is None:
        return style
    color = Color.from_rich_color(style.color)
    behind = background if style.bgcolor is None else Color.from_rich_color(style.bgcolor)
    if abs(color.brightness - behind.brightness) >= MIN_CONTRAST:
        return style
    plain = LIGHT if behind.brightness < 0.5 else DARK
    return style + Style(color=plain.rich_color)


class ReadableMonochrome(Monochrome):
    """Textual's NO_COLOR filter, then no text lost in its background."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        grey = background.monochrome
        return [
            Segment(text, None if style is None else readable(style, grey), control)
            for text, style, control in super().apply(segments, background)
        ]
