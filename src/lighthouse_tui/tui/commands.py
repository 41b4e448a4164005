"""The command palette's own entries: every opportunity waiting in the inbox, so a request
someone just mentioned is ctrl+p and a few letters of its title away, from any screen.

Titles are user text: they are matched and highlighted as plain text here, never handed to
the palette's markup parsing (`Matcher.highlight` would read `[bold]` in a title as markup).
They are matched `fold`ed, as the inbox's filter does (`regie` finds "Régie"), and shown as
they are, the matched letters mapped back onto the title.
"""

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from lighthouse_tui.core.text import fold, visible
from lighthouse_tui.render.log import age
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import InboxItem

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp

DISCOVERED = 20
"""How many waiting items the palette lists before anything is typed: the oldest, in the
inbox's order."""


def triage_label(item: InboxItem) -> str:
    return f"Triage: {visible(item.title or '(untitled)')}"


class Folded:
    """A label `fold`ed for matching, and where each folded letter comes from in it."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.text = fold(label)
        self.origins: Sequence[int] = range(len(label))
        if not label.isascii():  # a letter may fold to none, one or two ("Œ" to "oe")
            self.origins = [index for index, char in enumerate(label) for _ in fold(char)]


def highlighted(matcher: Matcher, folded: Folded) -> Content:
    """The label as plain text, with the letters the (folded) query matched in the palette's
    style: "Régie" with its "R", "é"… lit for `regie`."""
    label = folded.label
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, folded.text)
    for offset in sorted({folded.origins[offset] for offset in offsets}):
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class InboxCommands(Provider):
    """ "Triage: <title>" for each item waiting, read from the log when the palette opens."""

    items: list[InboxItem]
    folded: dict[int, Folded]
    """Each item's label folded, by item id: folded once, matched at every key typed."""

    @property
    def lighthouse(self) -> "LighthouseApp":
        return cast("LighthouseApp", self.app)

    async def startup(self) -> None:
        self.items = []
        self.folded = {}
        logbook = self.lighthouse.logbook
        if not logbook.usable or self.lighthouse.state.loaded is None:
            return
        try:
            self.items = await logbook.run(DecisionLog.inbox)
        except StoreError:
            return  # the palette still offers every action; the inbox screen says what is wrong

    def _help(self, item: InboxItem, now: datetime) -> str:
        waited = age(item.received, now)
        return f"{item.kind}, received {'just now' if waited == 'now' else waited + ' ago'}"

    def _open(self, item: InboxItem) -> partial[object]:
        return partial(self.lighthouse.triage_item, item)

    def _folded(self, item: InboxItem) -> Folded:
        folded = self.folded.get(item.id)
        if folded is None:
            folded = self.folded[item.id] = Folded(triage_label(item))
        return folded

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(fold(query))
        now = self.lighthouse.logbook.clock()
        for item in self.items:
            folded = self._folded(item)
            score = matcher.match(folded.text)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, folded),
                    self._open(item),
                    text=folded.label,
                    help=self._help(item, now),
                )

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        now = self.lighthouse.logbook.clock()
        for item in self.items[:DISCOVERED]:
            label = triage_label(item)
            yield DiscoveryHit(
                Content(label), self._open(item), text=label, help=self._help(item, now)
            )
