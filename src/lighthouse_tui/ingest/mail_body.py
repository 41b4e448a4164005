"""The text of a message, for its notes: the plain part, else the HTML one as text, cut at
64 KB; attachments are not imported but named, so the note says what the sender sent.

Mail in the wild declares charsets that do not exist and bytes its charset forbids; neither
loses the message. Undecodable bytes become U+FFFD and the user is told.
"""

import re
from dataclasses import dataclass
from email.headerregistry import ContentDispositionHeader, ContentTypeHeader
from email.message import EmailMessage, Message

from lighthouse_tui.core.i18n import _
from lighthouse_tui.ingest.html_text import html_to_text

BODY_LIMIT = 64 * 1024
"""Characters of body kept in the notes: a triage note, not an archive of the mail."""
CUT_MARKER = "[… body cut at 64 KB]"
_BYTES_LIMIT = 4 * BODY_LIMIT
"""Bytes of a text part decoded: enough for 64 KB of text in any charset."""
_UNDECLARED = frozenset({"", "us-ascii", "ascii"})
"""Declared "ASCII", or nothing: in practice UTF-8 from a client that did not say so."""
_WORD = re.compile(r"(?<!^)(?=[A-Z])")


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    cut: bool
    attachments: tuple[str, ...]
    notices: tuple[str, ...]


def clean(text: str) -> str:
    """Header values can carry raw 8-bit bytes (as surrogates); the log stores UTF-8 only."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text


def read_body(message: EmailMessage, *, truncated: bool) -> Body:
    """`truncated`: only the head of a huge message was parsed, so its last part may be cut.

    Each part's Content-Type is parsed once and passed along: with `policy.default` that
    parse costs as much as a fifth of parsing the whole message.
    """
    plain: tuple[Message, object] | None = None
    html: tuple[Message, object] | None = None
    last: Message | None = None
    attachments: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        last = part
        content_type = part["content-type"]
        disposition = part["content-disposition"]
        ctype = (
            content_type.content_type
            if isinstance(content_type, ContentTypeHeader)
            else part.get_default_type()
        )
        filename = _param(disposition, "filename") or _param(content_type, "name")
        attached = (
            isinstance(disposition, ContentDispositionHeader)
            and disposition.content_disposition == "attachment"
        )
        if attached or filename is not None:
            attachments.append(clean(filename) if filename else f"unnamed {ctype}")
        elif plain is None and (ctype == "text/plain" or ctype.startswith("multipart/")):
            # A multipart whose boundary never shows is parsed as one part: its text is the
            # best there is.
            plain = (part, content_type)
        elif html is None and ctype == "text/html":
            html = (part, content_type)
    text, cut, notices = "", False, []
    for chosen in (plain, html):
        if chosen is None:
            continue
        text, cut, notices = _text_of(*chosen)
        if chosen is html:
            text = html_to_text(text)
        cut = cut or (truncated and chosen[0] is last)
        if text:  # an empty plain part beside an HTML one says nothing: read the HTML
            break
    if len(text) > BODY_LIMIT:
        text, cut = text[:BODY_LIMIT], True
    notices.extend(_defects(message, truncated))
    return Body(text, cut, tuple(attachments), tuple(notices))


def _param(header: object, name: str) -> str | None:
    if isinstance(header, ContentTypeHeader | ContentDispositionHeader):
        value = header.params.get(name)
        return str(value) if value else None
    return None


def _text_of(part: Message, content_type: object) -> tuple[str, bool, list[str]]:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return "", False, []
    cut = len(payload) > _BYTES_LIMIT
    charset = _param(content_type, "charset") or ""
    text, notice = _decode(payload[:_BYTES_LIMIT], charset.strip(), cut)
    text = text.replace("\r\n", "\n").strip()
    return text, cut, [notice] if notice else []


def _decode(data: bytes, charset: str, cut: bool) -> tuple[str, str | None]:
    undeclared = charset.lower() in _UNDECLARED
    codec = "utf-8" if undeclared else charset
    try:
        return _strict(data, codec, cut), None
    except LookupError:
        return (
            data.decode("utf-8", "replace"),
            _("unknown charset {charset}: read as UTF-8, undecodable bytes replaced").format(
                charset=repr(charset)
            ),
        )
    except UnicodeError:
        if undeclared:
            return data.decode("cp1252", "replace"), _(
                "no charset declared, not UTF-8: read as cp1252"
            )
    try:
        return data.decode(codec, "replace"), _(
            "bytes not valid in {charset} were replaced"
        ).format(charset=charset)
    except UnicodeError:
        return data.decode("utf-8", "replace"), _(
            "not readable as {charset}: read as UTF-8"
        ).format(charset=charset)


def _strict(data: bytes, codec: str, cut: bool) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if cut and exc.start >= len(data) - 4:  # a character split by the cut, not bad bytes
            return data[: exc.start].decode(codec)
        raise


def _defects(message: EmailMessage, truncated: bool) -> list[str]:
    names = {
        type(defect).__name__
        for part in message.walk()
        for defect in part.defects
        if not (truncated and type(defect).__name__ == "CloseBoundaryNotFoundDefect")
    }
    if not names:
        return []
    words = sorted(
        _WORD.sub(" ", n.removesuffix("Defect")).lower()  # untranslated: a class name's suffix
        for n in names
    )
    return [_("broken MIME ({defects}): read what could be read").format(defects=", ".join(words))]
