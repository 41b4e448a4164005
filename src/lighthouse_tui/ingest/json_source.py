"""JSON (an array of objects, or one object) and JSON Lines (one object per line).

The keys are field names, as in `lighthouse add --from`; `build_opportunity` checks them, so
a typo gets the same "did you mean" here as on the command line. A file named .json that
holds JSON Lines is read as such: exports get misnamed, and the content cannot be mistaken.
"""

import json
from collections.abc import Iterator
from typing import Any

from lighthouse_tui.core.i18n import _
from lighthouse_tui.ingest.entries import Entry, Reader, Record, SourceError, failed, ready
from lighthouse_tui.ingest.options import ImportOptions
from lighthouse_tui.ingest.text import decode_source

JSON, JSON_LINES = "JSON", "JSON Lines"  # untranslated: names of formats, also in --json


def read_json(data: bytes, options: ImportOptions) -> Reader:
    decoded = decode_source(data)
    try:
        document = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        extra = exc.msg == "Extra data"  # untranslated: the json module's words, matched
        if extra and _first_line_is_an_object(decoded.text):
            return _lines_reader(decoded.text, decoded.encoding, options)
        raise SourceError(
            _("not valid JSON: {problem}").format(problem=exc.msg), f"{exc.lineno}:{exc.colno}"
        ) from None
    except RecursionError:
        raise SourceError(_("not valid JSON: nested too deeply")) from None
    details = (decoded.encoding,)
    if isinstance(document, dict):
        return Reader(JSON, "item", iter([ready("", _record(document, options), 1.0)]), details)
    if isinstance(document, list):
        return Reader(JSON, "item", _array(document, options), details)
    raise SourceError(
        _("expected an array of objects, or one object; got {type}").format(
            type=_json_type(document)
        )
    )


def read_json_lines(data: bytes, options: ImportOptions) -> Reader:
    decoded = decode_source(data)
    return _lines_reader(decoded.text, decoded.encoding, options)


def _lines_reader(text: str, encoding: str, options: ImportOptions) -> Reader:
    return Reader(JSON_LINES, "line", _lines(text, options), (encoding,))


def _array(items: list[Any], options: ImportOptions) -> Iterator[Entry]:
    for index, item in enumerate(items):
        yield ready(f"[{index}]", _record(item, options), (index + 1) / len(items))


def _lines(text: str, options: ImportOptions) -> Iterator[Entry]:
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        done = number / len(lines)
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = _("not valid JSON: {problem} (column {column})").format(
                problem=exc.msg, column=exc.colno
            )
            yield ready(str(number), failed(problem), done)
        except RecursionError:
            yield ready(str(number), failed(_("not valid JSON: nested too deeply")), done)
        else:
            yield ready(str(number), _record(item, options), done)


def _record(item: object, options: ImportOptions) -> Record:
    if not isinstance(item, dict):
        return failed(_("expected an object of fields, got {type}").format(type=_json_type(item)))
    return Record(options.rename(item))


def _first_line_is_an_object(text: str) -> bool:
    first = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(first), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    return "null" if value is None else _("an object")
