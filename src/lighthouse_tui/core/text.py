"""User text made safe to print: control characters spelled out.

Titles, notes and sources come from e-mails, spreadsheets and other people. Printed as they are,
an ESC in them is a terminal escape sequence (colours, a changed window title, worse). Spelling
each control character out (`\\x1b`) keeps the text exact and readable and the terminal safe.
"""

_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]
_SPELLED = {c: f"\\x{c:02x}" for c in _CONTROLS}
_SPELLED_KEEPING_LINES = {c: v for c, v in _SPELLED.items() if chr(c) not in "\n\t"}


def visible(text: str, *, keep_lines: bool = False) -> str:
    """`text` with every control character spelled out; newlines and tabs kept when
    `keep_lines` (multi-line notes), spelled out otherwise (one-line messages)."""
    return text.translate(_SPELLED_KEEPING_LINES if keep_lines else _SPELLED)
