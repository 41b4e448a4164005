"""The one way user text becomes a Rich renderable: literal (never markup) and with control
characters spelled out (never an escape sequence).

A note or an e-mail body has lines. Where the text is shown on one line (a table cell, a
title) a line break becomes a visible ` ⏎ `, not `\\x0a` nor nothing (`Bonjour,Nous`);
where it has room for lines it keeps them, a Windows line end (`\\r\\n`) being one break.
"""

import re

from rich.text import Text

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.text import visible

LINE_BREAK = re.compile(r"\r\n|\r|\n")
ONE_LINE_BREAK = " ⏎ "
UNTITLED = N_("(untitled)")
"""What stands for an opportunity's title when it has none."""


def literal(text: str, style: str = "", *, keep_lines: bool = False) -> Text:
    if keep_lines:
        return Text(visible(LINE_BREAK.sub("\n", text), keep_lines=True), style=style)
    return Text(one_line(text), style=style)


def one_line(text: str) -> str:
    """User text for a line of its own, as in a notification."""
    return visible(LINE_BREAK.sub(ONE_LINE_BREAK, text))


def title_line(title: str | None) -> str:
    """An opportunity's title on one line, or a word saying it has none."""
    return one_line(title or _(UNTITLED))


def title_text(title: str | None, style: str = "") -> Text:
    """`title_line`, styled, for a table cell or a sentence."""
    return Text(title_line(title), style=style)
