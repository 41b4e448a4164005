"""Import keys: what makes re-importing the same sources every morning add nothing.

A key names an item independently of where it was read: the same row in two exports, or the
same message in an mbox and a Maildir, is one opportunity. Keys are hashes, so a hostile
Message-ID of a megabyte costs the log 70 bytes.
"""

import hashlib
import json
import re
from datetime import date

from lighthouse_tui.core.opportunity import Opportunity, Value

_FOLDING = re.compile(r"\s+")
_ANGLED = re.compile(r"<([^<>]*)>")


def _digest(kind: str, text: str) -> str:
    return f"{kind}:{hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()}"


def message_id_key(raw: str) -> str | None:
    """From a Message-ID header as written; None when it holds no id. Folding and the angle
    brackets vary between copies of one message (a re-export, another client), the id
    inside them does not."""
    text = _FOLDING.sub("", raw)
    if found := _ANGLED.search(text):
        text = found.group(1)
    return _digest("message-id", text) if text else None


def message_hash_key(sender: str, date_header: str, subject: str, body: str) -> str:
    """For a message without a Message-ID: what a copy of the same message keeps."""
    return _digest("message", "\0".join((sender, date_header, subject, body)))


def row_key(opportunity: Opportunity) -> str:
    """From the parsed values, not the bytes of the row: reordered columns, re-indented JSON,
    `1500` for `1500.0` or a stray space around a word in a re-export do not make a new
    opportunity."""
    canonical = {
        "kind": opportunity.kind,
        "values": {name: _canonical(v) for name, v in opportunity.values.items()},
        "ratings": dict(opportunity.ratings),
    }
    return _digest("row", json.dumps(canonical, sort_keys=True, ensure_ascii=False))


def _canonical(value: Value) -> object:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, date):
        return value.isoformat()
    return value
