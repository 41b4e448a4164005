"""The command palette's own entries: every opportunity waiting in the inbox, so a request
someone just mentioned is ctrl+p and a few letters of its title away, from any screen.

Titles are user text: they are matched and highlighted as plain text here, never handed to
the palette's markup parsing (`Matcher.highlight` would read `[bold]` in a title as markup).
They are matched `fold`ed, as the inbox's filter does (`regie` finds "Régie"), and shown as
they are, the matched letters mapped back onto the title.

The palette itself speaks the language chosen too, where Textual writes English (`Palette`).
"""

from collections.abc import AsyncIterator, Sequence
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.text import fold
from lighthouse_tui.render.literal import title_line
from lighthouse_tui.render.log import received
from lighthouse_tui.store.log import DecisionLog, StoreError
from lighthouse_tui.store.records import InboxItem

if TYPE_CHECKING:
    from lighthouse_tui.tui.app import LighthouseApp

DISCOVERED = 20
"""How many waiting items the palette lists before anything is typed: the oldest, in the
inbox's order."""


TEXTUAL_KEYS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Quit"),
    N_("Quit the app and return to the command prompt."),
    N_("Focus Next"),
    N_("Focus Previous"),
    N_("Copy selected text"),
)
"""The words of Textual's own keys, for the catalog: the palette's key in the footer, and the
app's and the screens' keys that Textual declares, in the help and the palette. Textual 8's
words, exactly as it writes them."""


class Palette(CommandPalette):
    """Textual's command palette, with its words in the language chosen: the placeholder,
    and the line that says nothing matched (written by Textual just before the list is
    shown with it)."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Search for commands…"), id="--command-palette")

    def _watch__list_visible(self) -> None:
        super()._watch__list_visible()
        commands = self.query_one(CommandList)
        if commands.option_count == 1 and commands.get_option_at_index(0).id == self._NO_MATCHES:
            commands.replace_option_prompt(
                self._NO_MATCHES, Align.center(Text(_("No matches found"), style="not bold"))
            )


def triage_label(item: InboxItem) -> str:
    return _("Triage: {title}").format(title=title_line(item.title))


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
        return f"{item.kind}, {received(item.received, now)}"

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
