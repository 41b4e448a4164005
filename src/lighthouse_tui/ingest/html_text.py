"""HTML mail as plain text, for the many messages that have no text part.

The stdlib parser is enough: what a triage note needs is the words and where paragraphs
break, not layout. Script and style content is dropped (it is not text anyone wrote);
entities are decoded; runs of whitespace collapse as a browser would (inside <pre> too,
but for its line breaks).
"""

import re
from html.parser import HTMLParser

_PARAGRAPH = frozenset(
    {"address", "article", "aside", "blockquote", "dl", "div", "fieldset", "figure"}
    | {"footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav"}
    | {"ol", "p", "pre", "section", "table", "ul"}
)
_LINE = frozenset({"br", "dd", "dt", "li", "tr"})
_HIDDEN = frozenset({"script", "style", "template", "noscript", "title"})
_SPACES = re.compile(r"\s+")
_AROUND_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_BLANK_LINES = re.compile(r"\n{3,}")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._pre = 0

    def handle_starttag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        self._open_or_close(tag, +1)
        if tag == "li" and not self._hidden:
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        self._open_or_close(tag, -1)

    def handle_startendtag(self, tag: str, _attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINE or tag in _PARAGRAPH:
            self._break(tag)

    def _open_or_close(self, tag: str, step: int) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden + step)
        elif tag == "pre":
            self._pre = max(0, self._pre + step)
        if tag in _PARAGRAPH or (tag in _LINE and step > 0):
            self._break(tag)

    def _break(self, tag: str) -> None:
        if not self._hidden:
            self.parts.append("\n\n" if tag in _PARAGRAPH else "\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def html_to_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = _AROUND_NEWLINE.sub("\n", "".join(parser.parts))
    return _BLANK_LINES.sub("\n\n", text).strip()
