"""The command palette's own entries: every opportunity waiting in the inbox, so a request
someone just mentioned is ctrl+p and a few letters of its title away, from any screen.

Titles are user text: they are matched and highlighted as plain text here, never handed to
the palette's markup parsing (`Matcher.highlight` would read `[bold]` in a title as markup).
"""

from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from lighthouse_tui.core.text import visible
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


def highlighted(matcher: Matcher, label: str) -> Content:
    """`label` as plain text, with the letters the query matched in the palette's style."""
    content = Content(label)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class InboxCommands(Provider):
    """ "Triage: <title>" for each item waiting, read from the log when the palette opens."""

    items: list[InboxItem]

    @property
    def lighthouse(self) -> "LighthouseApp":
        return cast("LighthouseApp", self.app)

    async def startup(self) -> None:
        self.items = []
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

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        now = self.lighthouse.logbook.clock()
        for item in self.items:
            label = triage_label(item)
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    self._open(item),
                    text=label,
                    help=self._help(item, now),
                )

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        now = self.lighthouse.logbook.clock()
        for item in self.items[:DISCOVERED]:
            label = triage_label(item)
            yield DiscoveryHit(
                Content(label), self._open(item), text=label, help=self._help(item, now)
            )
