"""Paths in notifications, made to fit a toast's line.

A toast wraps its message at spaces, and a path has none: at 80 columns it was cut anywhere,
`/home/ana/Docu` on one line and `ments/…` on the next. Each path in a message is shown
from `~` when under the home folder, and with `…` for the folders in the middle when still
too long, keeping the first folder and the file's name, the parts that say which file.
"""

import re
from pathlib import Path

PATH = re.compile(r"(?<![\w.~:/])(?:~|\.{1,2})?/[^\s:;,“”\"'()]+")
"""An absolute path, or one from `~`, `.` or `..`, up to a space or what ends a path in a
sentence (`path: reason`)."""
ELLIPSIS = "…"


def short_path(path: str, width: int, home: str | None = None) -> str:
    home = str(Path.home()) if home is None else home
    if home not in ("", "/") and (path == home or path.startswith(f"{home}/")):
        path = "~" + path[len(home) :]
    if len(path) <= width:
        return path
    first, *middle, last = path.split("/")
    kept = [last]
    while middle and len("/".join([first, ELLIPSIS, middle[-1], *kept])) <= width:
        kept.insert(0, middle.pop())
    start = first if not middle else f"{first}/{ELLIPSIS}"
    shown = "/".join([start, *kept])
    if len(shown) <= width:
        return shown
    room = max(2, width - len(start) - 2)  # the name alone is too long: its middle goes
    name = f"{last[: room - room // 2]}{ELLIPSIS}{last[-(room // 2) :]}"
    return f"{start}/{name}"


def readable_paths(message: str, width: int, home: str | None = None) -> str:
    """`message` with each path in it shortened to at most `width` characters."""
    return PATH.sub(lambda found: short_path(found.group(), width, home), message)
