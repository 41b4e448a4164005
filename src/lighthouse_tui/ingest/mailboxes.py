"""Where messages come from: one .eml, an mbox file, a Maildir directory.

An mbox is mapped into memory, not read, and split on its "From " lines by a regular
expression (the same rule as `mailbox.mbox`): a mailbox of gigabytes, or one message of
20 MB, costs address space the kernel pages in and out, not a copy on the heap.
`mailbox.mbox` itself would read every message whole, and build its table of contents in a
Python loop over every line.
"""

import itertools
import mmap
import os
import re
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from lighthouse_tui.core.i18n import _
from lighthouse_tui.ingest.entries import (
    Entry,
    Reader,
    Record,
    SourceError,
    cannot_read,
    failed,
    ready,
)
from lighthouse_tui.ingest.mail import (
    HEAD_LIMIT,
    NOT_A_MESSAGE,
    PARSE_LIMIT,
    Buffer,
    Span,
    early_key,
    read_message,
)
from lighthouse_tui.ingest.text import EMPTY

EML, MBOX, MAILDIR = "e-mail", "mbox", "Maildir"  # untranslated: names of formats, in --json
_FROM_LINE = re.compile(rb"^From [^\n]*(?:\n|\Z)", re.MULTILINE)
MAILDIR_PARTS = ("cur", "new")


def mapped(path: Path, stack: ExitStack) -> Buffer:
    """The file's bytes: read when small, mapped when large (kept open by `stack`)."""
    size = path.stat().st_size
    if size == 0:
        raise SourceError(_(EMPTY))
    if size <= PARSE_LIMIT:
        return path.read_bytes()
    file = stack.enter_context(path.open("rb"))
    return stack.enter_context(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))


def read_eml(buffer: Buffer, kind: str) -> Reader:
    span = Span(buffer, 0, len(buffer))
    if not span.is_message:
        raise SourceError(_(NOT_A_MESSAGE))
    return Reader(EML, "message", iter([_entry(span, "", kind, 1.0)]))


def read_mbox(buffer: Buffer, kind: str) -> Reader:
    if buffer[:5] != b"From ":
        raise SourceError(_("not an mbox file: it does not start with a 'From ' line"))
    return Reader(MBOX, "message", _mbox_entries(buffer, kind))


def is_maildir(path: Path) -> bool:
    return all((path / part).is_dir() for part in MAILDIR_PARTS)


def read_maildir(path: Path, kind: str) -> Reader:
    files = sorted(
        (part, entry.name)
        for part in MAILDIR_PARTS
        for entry in os.scandir(path / part)
        if not entry.name.startswith(".") and entry.is_file()
    )
    if not files:
        raise SourceError(_("empty: nothing to import (no messages in cur/ or new/)"))
    return Reader(MAILDIR, "message", _maildir_entries(path, files, kind))


def _mbox_entries(buffer: Buffer, kind: str) -> Iterator[Entry]:
    size = len(buffer)
    lines = _FROM_LINE.finditer(buffer)
    current = next(lines)
    for number, following in enumerate(itertools.chain(lines, [None]), start=1):
        start, end = current.end(), following.start() if following else size
        yield _entry(Span(buffer, start, end), str(number), kind, end / size)
        if following is not None:
            current = following


def _maildir_entries(path: Path, files: list[tuple[str, str]], kind: str) -> Iterator[Entry]:
    for index, (part, name) in enumerate(files, start=1):
        where, done = f"{part}/{name}", index / len(files)
        file = path / part / name
        try:
            with file.open("rb") as stream:
                head = stream.read(HEAD_LIMIT)
        except OSError as exc:
            yield ready(where, failed(cannot_read(exc)), done)
            continue
        span = Span(head, 0, len(head))
        if len(head) < HEAD_LIMIT:  # the whole file: parse it from here, no second read
            yield _entry(span, where, kind, done)
        elif not span.is_message:
            yield ready(where, failed(_(NOT_A_MESSAGE)), done)
        else:
            key = early_key(span)
            yield Entry(where, partial(_read_file, file, key, kind), done, key)


def _entry(span: Span, where: str, kind: str, done: float) -> Entry:
    if span.start == span.end:
        return ready(where, failed(_(EMPTY)), done)
    if not span.is_message:
        return ready(where, failed(_(NOT_A_MESSAGE)), done)
    key = early_key(span)
    return Entry(where, partial(read_message, span, key, kind), done, key)


def _read_file(path: Path, key: str | None, kind: str) -> Record:
    try:
        with ExitStack() as stack:
            buffer = mapped(path, stack)
            return read_message(Span(buffer, 0, len(buffer)), key, kind)
    except OSError as exc:
        return failed(cannot_read(exc))
    except SourceError as exc:
        return failed(exc.message)
