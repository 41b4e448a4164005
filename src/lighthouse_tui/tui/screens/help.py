"""Every key of the screen below, with what it does: the footer only has room for a few.

The words of the keys (descriptions, tooltips, the titles of the groups) are marked `N_` where
they are declared and translated here, where they are shown."""

import re
from itertools import groupby
from operator import attrgetter
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from lighthouse_tui.core.i18n import N_, _


class HelpScreen(ModalScreen[None]):
    BINDING_GROUP_TITLE = N_("Help")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,f1,q",
            "dismiss",
            N_("Close"),
            tooltip=N_("Close the list of keys"),
            id="close-help",
        ),
    ]

    def __init__(self, keys: Table) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(Text(_("Keys"), style="bold"))
            yield Static(self.keys, id="help-keys")
            yield Static(
                Text(_("ctrl+p finds every action by name. Escape closes this list."), style="dim")
            )


def listed(active: ActiveBinding, screen: Screen[object]) -> bool:
    """The app's and the screen's keys, and those of our own widgets (their bindings have an
    id); not the dozens of editing keys a focused text input brings along."""
    binding = active.binding
    if binding.system or not binding.description:
        return False
    return active.node is screen.app or active.node is screen or binding.id is not None


def key_sections(screen: Screen[object]) -> list[tuple[str, list[Binding]]]:
    """The keys that work now, grouped by the node that owns them, then the keys of our
    widgets elsewhere on the screen: the rating keys are worth knowing while typing a title."""
    active = [a for a in screen.active_bindings.values() if listed(a, screen)]
    sections = [
        (title(node), [a.binding for a in in_node])
        for node, in_node in groupby(active, key=attrgetter("node"))
    ]
    seen = {type(a.node) for a in active}
    for widget in screen.query(Widget):
        kind = type(widget)
        if kind in seen:
            continue
        seen.add(kind)
        own = [b for b in Binding.make_bindings(kind.BINDINGS) if b.id and b.description]
        if own:
            sections.append((_("{title} (when focused)").format(title=title(widget)), own))
    return sections


def keys_table(screen: Screen[object]) -> Table:
    """One row per action (or binding group), under a heading per owner."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    for heading, bindings in key_sections(screen):
        table.add_row("", Text(heading, style="bold underline"))
        rows: dict[str, tuple[list[str], Binding]] = {}
        for binding in bindings:
            row = group_row(binding) or binding.action
            keys, _first = rows.setdefault(row, ([], binding))
            shown = screen.app.get_key_display(binding)
            if shown not in keys:  # `y,o` shown `y/o`: once, not once per key
                keys.append(shown)
        for keys, binding in rows.values():
            what = Text(_(group_row(binding) or binding.description))
            if binding.tooltip:
                what.append(f"  {_(binding.tooltip)}", style="dim")
            table.add_row(Text(" ".join(keys)), what)
    return table


def group_row(binding: Binding) -> str | None:
    """A compact group (the digits that rate) is one row; the keys of other groups, which
    share a place in the footer but not a meaning, each get their own."""
    group = binding.group
    return group.description if group is not None and group.compact else None


def title(node: DOMNode) -> str:
    """The node's own title, else its class's name in words (`KindSelect` → "The kind
    select"): a heading, never an identifier. Our widgets with keys all have a title, for the
    catalog; the class's words are for a widget of Textual's bringing keys with an id."""
    if node.BINDING_GROUP_TITLE:
        return _(node.BINDING_GROUP_TITLE)
    words = re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+", type(node).__name__)
    return _("The {name}").format(name=" ".join(word.lower() for word in words))
