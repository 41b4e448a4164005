"""The one way user text becomes a Rich renderable: literal (never markup) and with control
characters spelled out (never an escape sequence).

A note or an e-mail body has lines. Where the text is shown on one line (a table cell, a
title) a line break becomes a visible ` ⏎ `, not `\\x0a` nor nothing (`Bonjour,Nous`);
where it has room for lines it keeps them, a Windows line end (`\\r\\n`) being one break.
"""

import re

from rich.text import Text

from lighthouse_tui.core.text import visible

LINE_BREAK = re.compile(r"\r\n|\r|\n")
ONE_LINE_BREAK = " ⏎ "


def literal(text: str, style: str = "", *, keep_lines: bool = False) -> Text:
    lines = LINE_BREAK.sub("\n" if keep_lines else ONE_LINE_BREAK, text)
    return Text(visible(lines, keep_lines=keep_lines), style=style)
