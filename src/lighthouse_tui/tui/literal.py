"""Terminal control characters never reach the terminal.

User text is shown through `rich.text.Text`, which keeps markup literal but lets an ESC
through, and Textual writes it to the terminal as is. The strategy schema refuses control
characters, but text still arrives from elsewhere: a problem message quoting the bad key
`"\\u001b[31m" = 1`, a pasted title. Dropping control characters as each line is drawn covers
every widget, ours and Textual's, in one place. They are dropped rather than
replaced because they were laid out as zero cells wide; anything else would shift the line.
"""

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)])


class DropControlCharacters(LineFilter):
    def apply(self, segments: list[Segment], _background: Color) -> list[Segment]:
        return [
            segment
            if segment.control or segment.text.isprintable()
            else Segment(segment.text.translate(CONTROL_CHARACTERS), segment.style)
            for segment in segments
        ]
