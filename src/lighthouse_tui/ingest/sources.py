"""What the user pointed at, as sources of a known format: files recognised by extension and,
when that says nothing, by content; directories file by file; Maildirs as one mailbox; stdin.

A directory is read one level deep and only for the extensions listed here: a directory holds
whatever the user saved there, and guessing at a `notes.txt` would import nonsense. Files the
run skips are named, so nothing disappears without a word.
"""

import codecs
import os
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.ingest.csv_source import read_csv
from lighthouse_tui.ingest.entries import Reader, cannot_read
from lighthouse_tui.ingest.json_source import read_json, read_json_lines
from lighthouse_tui.ingest.mail import Buffer, starts_with_header
from lighthouse_tui.ingest.mailboxes import (
    MAILDIR_PARTS,
    is_maildir,
    mapped,
    read_eml,
    read_maildir,
    read_mbox,
)
from lighthouse_tui.ingest.options import ImportOptions
from lighthouse_tui.ingest.report import Issue
from lighthouse_tui.ingest.text import EMPTY, binary_problem, is_binary
from lighthouse_tui.ingest.toml_source import read_toml

SNIFF_BYTES = 4096
_MAX_NAMED = 10


@dataclass(frozen=True, slots=True)
class NamedBytes:
    """Bytes that are not a file (stdin), under the name problems will show."""

    name: str
    data: bytes


Source = Path | NamedBytes
Opener = Callable[[Source, ImportOptions, ExitStack], Reader]
"""Opens a source as a reader; `ExitStack` keeps a mapped file open while it is read."""


@dataclass(frozen=True, slots=True)
class Planned:
    label: str
    origin: Source
    open: Opener
    size: int
    """Bytes, to weigh the source in the progress bar."""


@dataclass(frozen=True, slots=True)
class Unreadable:
    label: str
    problem: str


def _structured(read: Callable[[bytes, ImportOptions], Reader]) -> Opener:
    def open_structured(origin: Source, options: ImportOptions, _stack: ExitStack) -> Reader:
        data = origin.data if isinstance(origin, NamedBytes) else origin.read_bytes()
        return read(data, options)

    return open_structured


def _mail(read: Callable[[Buffer, str], Reader]) -> Opener:
    def open_mail(origin: Source, options: ImportOptions, stack: ExitStack) -> Reader:
        buffer = origin.data if isinstance(origin, NamedBytes) else mapped(origin, stack)
        return read(buffer, options.kind)

    return open_mail


def _tsv(data: bytes, options: ImportOptions) -> Reader:
    return read_csv(data, options, delimiter="\t")


def _maildir(path: Path) -> Opener:
    return lambda _origin, options, _stack: read_maildir(path, options.kind)


FORMATS: dict[str, Opener] = {
    ".csv": _structured(read_csv),
    ".tsv": _structured(_tsv),
    ".json": _structured(read_json),
    ".jsonl": _structured(read_json_lines),
    ".ndjson": _structured(read_json_lines),
    ".toml": _structured(read_toml),
    ".eml": _mail(read_eml),
    ".mbox": _mail(read_mbox),
    ".mbx": _mail(read_mbox),
}
_UNKNOWN = N_(
    "not a format lighthouse imports (CSV, JSON, JSON Lines, TOML, e-mail, mbox): "
    "give the file its extension"
)
_MAIL_HEADERS = re.compile(
    rb"^(?:from|to|subject|date|message-id|received|return-path|mime-version|delivered-to)"
    rb"[ \t]*:",
    re.IGNORECASE | re.MULTILINE,
)
_TOML_TABLE = re.compile(rb"^[ \t]*\[\[[ \t]*opportunity[ \t]*\]\]", re.MULTILINE)


def plan(source: Source) -> tuple[list[Planned | Unreadable], list[Issue]]:
    """The sources to read for one argument, and notices about what it skipped."""
    if isinstance(source, NamedBytes):
        return [_sniffed(source.name, source, source.data[:SNIFF_BYTES], len(source.data))], []
    label = str(source)
    try:
        if source.is_dir():
            if is_maildir(source):
                return [Planned(label, source, _maildir(source), _maildir_size(source))], []
            return _directory(source)
        if not source.exists():
            return [Unreadable(label, _("no such file or directory"))], []
        if not source.is_file():
            return [Unreadable(label, _("not a regular file"))], []
        size = source.stat().st_size
        if opener := FORMATS.get(source.suffix.lower()):
            return [Planned(label, source, opener, size)], []
        with source.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError as exc:
        return [Unreadable(label, cannot_read(exc))], []
    return [_sniffed(label, source, head, size)], []


def _directory(path: Path) -> tuple[list[Planned | Unreadable], list[Issue]]:
    planned: list[Planned | Unreadable] = []
    skipped: list[str] = []
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        opener = FORMATS.get(Path(entry.name).suffix.lower())
        if opener is not None and entry.is_file():
            planned.append(Planned(str(path / entry.name), Path(entry.path), opener, _size(entry)))
        else:
            skipped.append(entry.name + ("/" if entry.is_dir() else ""))
    notices = []
    if skipped:
        message = (
            _(
                "skipped {names} and {more} more: not a Maildir, so only {extensions} files are "
                "read, and no sub-directories"
            )
            if len(skipped) > _MAX_NAMED
            else _(
                "skipped {names}: not a Maildir, so only {extensions} files are read, and no "
                "sub-directories"
            )
        )
        named = {
            "names": ", ".join(skipped[:_MAX_NAMED]),
            "more": len(skipped) - _MAX_NAMED,
            "extensions": " ".join(FORMATS),
        }
        notices.append(Issue(str(path), "", message.format(**named)))
    if not planned:
        planned.append(
            Unreadable(str(path), _("empty: nothing to import (no file with a known extension)"))
        )
    return planned, notices


def _sniffed(label: str, origin: Source, head: bytes, size: int) -> Planned | Unreadable:
    if size <= len(head) and not head.strip():
        return Unreadable(label, _(EMPTY))
    if opener := _sniff(head):
        return Planned(label, origin, opener, size)
    return Unreadable(label, binary_problem(head) if is_binary(head) else _(_UNKNOWN))


def _sniff(head: bytes) -> Opener | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return FORMATS[".csv"]  # "Unicode text" as spreadsheets save it
    head = head.removeprefix(codecs.BOM_UTF8)
    if head.startswith(b"From "):
        return FORMATS[".mbox"]
    if starts_with_header(head) and _MAIL_HEADERS.search(head):
        return FORMATS[".eml"]
    if _TOML_TABLE.search(head):
        return FORMATS[".toml"]
    if head.lstrip()[:1] in (b"{", b"["):
        return FORMATS[".json"]
    first_line = head.lstrip().split(b"\n", 1)[0]
    if not is_binary(head) and any(d in first_line for d in (b",", b";", b"\t")):
        return FORMATS[".csv"]
    return None


def _size(entry: os.DirEntry[str]) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0


def _maildir_size(path: Path) -> int:
    return sum(_size(entry) for part in MAILDIR_PARTS for entry in os.scandir(path / part))
