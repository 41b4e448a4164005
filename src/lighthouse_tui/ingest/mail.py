"""One e-mail message as an opportunity: Subject → title, From → source, Date → received, the
text → notes.

A message is a span of a buffer (a whole .eml or Maildir file, or a slice of an mbox mapped in
memory). Its key comes from the header block alone, so a message already imported costs a
regular-expression search, not a MIME parse. Only the first 512 KB of a message are ever
parsed (the stdlib parser holds about seven times what it reads): a 20 MB attachment costs
neither the time nor copies of itself in memory, and the names of attachments beyond that
point are still found by scanning for their headers.
"""

import mmap
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.headerregistry import ContentDispositionHeader
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime
from typing import Any

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.ingest.entries import Record, failed
from lighthouse_tui.ingest.keys import message_hash_key, message_id_key
from lighthouse_tui.ingest.mail_body import CUT_MARKER, clean, read_body
from lighthouse_tui.ingest.report import shorten

Buffer = bytes | mmap.mmap
PARSE_LIMIT = 512 * 1024
"""Enough for 64 KB of text in any transfer encoding, behind a few inline images."""
HEAD_LIMIT = 64 * 1024
"""Header blocks longer than this are not mail anyone meant to send."""
NO_SUBJECT = "(no subject)"  # untranslated: stored in the log as the title, language-neutral
NOT_A_MESSAGE = N_("not an e-mail message: it does not start with headers")

_PARSER = BytesParser(policy=policy.default)
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_FIRST_HEADER = re.compile(rb"[\x21-\x39\x3b-\x7e]+[ \t]*:")
_MESSAGE_ID = re.compile(rb"^message-id[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_DISPOSITION = re.compile(
    rb"^content-disposition[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class Span:
    """One message: `buffer[start:end]`, never copied whole."""

    buffer: Buffer
    start: int
    end: int

    @property
    def is_message(self) -> bool:
        return starts_with_header(self.buffer, self.start)

    @property
    def parsed_end(self) -> int:
        return min(self.end, self.start + PARSE_LIMIT)


def starts_with_header(buffer: Buffer, start: int = 0) -> bool:
    """A message starts with a header line (`Name: value`): what tells mail from anything
    else given as mail."""
    return _FIRST_HEADER.match(buffer, start) is not None


def early_key(span: Span) -> str | None:
    """The key from the Message-ID, read without parsing the message; None without one."""
    head_end = min(span.end, span.start + HEAD_LIMIT)
    if blank := _HEADER_END.search(span.buffer, span.start, head_end):
        head_end = blank.start()
    found = _MESSAGE_ID.search(span.buffer, span.start, head_end)
    return message_id_key(found.group(1).decode("latin-1")) if found else None


def read_message(span: Span, key: str | None, kind: str) -> Record:
    """Never raises for what the message holds: the stdlib's MIME and header parsers have met
    inputs they raise on (IndexError, ValueError in address parsing), and one such message
    must not cost the user the rest of their mailbox. It is named and skipped instead."""
    try:
        message = _PARSER.parsebytes(span.buffer[span.start : span.parsed_end])
        return _record(message, span, key, kind)
    except Exception as exc:  # see the docstring: one bad message is one problem
        return failed(
            _("cannot read this message ({error}: {detail})").format(
                error=type(exc).__name__, detail=shorten(str(exc), 120)
            )
        )


def _record(message: EmailMessage, span: Span, key: str | None, kind: str) -> Record:
    raw: dict[str, str] = {}
    for name, value in message.raw_items():
        raw.setdefault(name.lower(), str(value))
    notices: list[str] = []
    subject = _decoded(raw.get("subject"))
    if not subject:
        notices.append(_("no Subject: titled {title}").format(title=repr(NO_SUBJECT)))
    received, date_notice = _received(raw.get("date"))
    if date_notice:
        notices.append(date_notice)
    body = read_body(message, truncated=span.parsed_end < span.end)
    notices.extend(body.notices)
    attachments = [*body.attachments, *_attachments_after(span)]
    notes = [body.text] if body.text else []
    if body.cut:
        notes.append(CUT_MARKER)
    if attachments:
        notes.append(f"Attachments: {', '.join(attachments)}")
    data: dict[str, Any] = {"title": subject or NO_SUBJECT, "kind": kind}
    if sender := _sender(raw.get("from")):
        data["source"] = sender
    if notes:
        data["notes"] = "\n\n".join(notes)
    if key is None:
        key = message_hash_key(raw.get("from", ""), raw.get("date", ""), subject, body.text)
    return Record(data, notices=tuple(notices), received=received, key=key)


def _decoded(header: str | None) -> str:
    """A header as text, encoded words decoded (RFC 2047), the way `policy.default` reads a
    Subject. From is read this way too, not parsed as addresses: the log keeps who wrote as a
    line of text, and the address parser costs three times as much."""
    if header is None:
        return ""
    text = policy.default.header_factory("subject", "".join(header.splitlines()))
    return clean(str(text)).strip()


def _sender(header: str | None) -> str:
    """Who wrote, as `Name <address>` without the header's quotes and encoded words
    (`"Thomas Girard" <t.girard@…>` → `Thomas Girard <t.girard@…>`), or the address alone;
    a From that is no address stays the decoded text. The address stays in the source, so
    it can be searched and replied to; narrow columns show the name (`render.log.sender`)."""
    text = _decoded(header)
    name, address = parseaddr(text)
    if not address or "@" not in address:
        return text
    name = " ".join(name.split())
    return f"{name} <{address}>" if name and name != address else address


def _received(header: str | None) -> tuple[datetime | None, str | None]:
    """When the message was sent; None (the log takes "now") when the Date is missing or
    not a date the log can store."""
    if header is None or not header.strip():
        return None, _("no Date: received now")
    try:
        moment = parsedate_to_datetime(" ".join(header.split()))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC), None
    except (ValueError, TypeError, IndexError, OverflowError):
        return None, _("Date {date} is not a date: received now").format(
            date=repr(shorten(header.strip(), 60))
        )


def _attachments_after(span: Span) -> list[str]:
    """Names from the part headers past the parsed head of a huge message: a scan, no copy."""
    names = []
    for found in _DISPOSITION.finditer(span.buffer, span.parsed_end, span.end):
        header = policy.default.header_factory(
            "content-disposition", found.group(1).decode("utf-8", "surrogateescape").strip()
        )
        if isinstance(header, ContentDispositionHeader) and (name := header.params.get("filename")):
            names.append(clean(str(name)))
    return names
