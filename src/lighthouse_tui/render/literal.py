"""The one way user text becomes a Rich renderable: literal (never markup) and with control
characters spelled out (never an escape sequence)."""

from rich.text import Text

from lighthouse_tui.core.text import visible


def literal(text: str, style: str = "", *, keep_lines: bool = False) -> Text:
    return Text(visible(text, keep_lines=keep_lines), style=style)
