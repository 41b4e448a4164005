"""Bytes of a spreadsheet export or a data file, as text, with the encoding named.

Exports come from everywhere: Excel on Windows writes cp1252 or UTF-16, Numbers and Google
Sheets write UTF-8, some with a byte-order mark. The rule: a byte-order mark decides; else
UTF-8 if it decodes; else cp1252; else latin-1, which decodes anything. The user is told
which one was used, so a wrong guess shows instead of silently garbling names.
"""

import codecs
from dataclasses import dataclass

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.ingest.entries import SourceError

SAMPLE = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", N_("UTF-8 with BOM")),
    (codecs.BOM_UTF16_LE, "utf-16-le", N_("UTF-16 (little-endian BOM)")),
    (codecs.BOM_UTF16_BE, "utf-16-be", N_("UTF-16 (big-endian BOM)")),
)
_ARCHIVES = {
    b"PK\x03\x04": N_(
        "not text: this is a ZIP archive or a spreadsheet (.xlsx, .ods); export it as CSV"
    ),
    b"%PDF": N_("not text: this is a PDF; export it as CSV"),
}


EMPTY = N_("empty: nothing to import")
"""Marked for the catalog; translated where it is said (`_(EMPTY)`)."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    """As the user would name it: "UTF-8", "cp1252 (not UTF-8)", …"""


def decode_source(data: bytes) -> Decoded:
    """A whole source as text; raises SourceError when it is empty or not text (saying what
    it is when it can tell)."""
    decoded = _decode(data)
    if not decoded.text.strip():
        raise SourceError(_(EMPTY))
    return decoded


def _decode(data: bytes) -> Decoded:
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            return _with_replacement(data[len(bom) :], codec, _(label))
    if is_binary(data):
        raise SourceError(binary_problem(data))
    try:
        return Decoded(data.decode("utf-8"), "UTF-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), _("cp1252 (not UTF-8)"))
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), _("latin-1 (not UTF-8)"))


def is_binary(data: bytes) -> bool:
    """NUL bytes mean binary data (or UTF-16 without its mark) — unless they are a rare few in
    otherwise valid UTF-8, which is text a user may really have typed and must get back."""
    sample = data[:SAMPLE]
    nuls = sample.count(0)
    if not nuls:
        return False
    if nuls * 10 > len(sample):
        return True
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(data) <= SAMPLE)
    except UnicodeDecodeError:
        return True
    return False


def binary_problem(data: bytes) -> str:
    for magic, problem in _ARCHIVES.items():
        if data.startswith(magic):
            return _(problem)
    return _("not text: binary data (or UTF-16 without a byte-order mark)")


def _with_replacement(data: bytes, codec: str, label: str) -> Decoded:
    try:
        return Decoded(data.decode(codec), label)
    except UnicodeDecodeError:
        return Decoded(
            data.decode(codec, errors="replace"),
            _("{encoding}, bad bytes replaced").format(encoding=label),
        )
