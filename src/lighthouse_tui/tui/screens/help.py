"""Every key of the screen below, with what it does: the footer only has room for a few."""

from collections.abc import Iterable
from itertools import groupby
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDING_GROUP_TITLE = "Help"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,question_mark,f1,q",
            "dismiss",
            "Close",
            tooltip="Close the list of keys",
            id="close-help",
        ),
    ]

    def __init__(self, keys: Table) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Static(Text("Keys", style="bold"))
            yield Static(self.keys, id="help-keys")
            yield Static(
                Text("ctrl+p finds every action by name. Escape closes this list.", style="dim")
            )


def listed(active: ActiveBinding, screen: DOMNode) -> bool:
    """The app's and the screen's keys, and those of our own widgets (their bindings have an
    id); not the dozens of editing keys a focused text input brings along."""
    binding = active.binding
    if binding.system or not binding.description:
        return False
    return active.node is screen.app or active.node is screen or binding.id is not None


def keys_table(bindings: Iterable[ActiveBinding], screen: DOMNode) -> Table:
    """One row per action (or binding group), grouped under the node that owns the keys."""
    table = Table.grid(padding=(0, 2))
    table.add_column(justify="right", style="bold", no_wrap=True)
    table.add_column()
    shown = [active for active in bindings if listed(active, screen)]
    for node, in_node in groupby(shown, key=lambda active: active.node):
        table.add_row("", Text(group_title(node, screen), style="bold underline"))
        rows: dict[str, tuple[list[str], Binding]] = {}
        for active in in_node:
            binding = active.binding
            row = binding.group.description if binding.group else binding.action
            keys, _ = rows.setdefault(row, ([], binding))
            keys.append(screen.app.get_key_display(binding))
        for keys, binding in rows.values():
            what = Text(binding.group.description if binding.group else binding.description)
            if binding.tooltip:
                what.append(f"  {binding.tooltip}", style="dim")
            table.add_row(Text(" ".join(keys)), what)
    return table


def group_title(node: DOMNode, screen: DOMNode) -> str:
    if node is screen.app:
        return "Everywhere"
    return node.BINDING_GROUP_TITLE or type(node).__name__
