"""The palette's own entries: an inbox item found by a few letters of its title and triaged
from any screen, its title shown as text even when it looks like markup."""

from collections.abc import Callable

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.content import Content
from textual.pilot import Pilot

from lighthouse_tui.store.log import DecisionLog
from lighthouse_tui.tui.app import LighthouseApp
from lighthouse_tui.tui.screens.check import CheckScreen
from lighthouse_tui.tui.screens.inbox import InboxScreen
from lighthouse_tui.tui.screens.triage import TriageScreen

from .conftest import SIZE, item, settle, until


async def search(pilot: Pilot[None], query: str) -> list[str]:
    """Open the palette, type `query`, and return the hits' texts, best first."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*query)
    await settle(pilot)  # the palette searches in a worker, which settle waits out
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    hits = palette.query_one(CommandList)
    return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]


async def test_an_item_found_by_its_title_is_triaged_from_another_screen(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("Audit for ACME", fee=900.0))
    log.add(item("Newsletter swap", kind="partner_offer"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, InboxScreen)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(pilot.app.screen, CheckScreen)
        hits = await search(pilot, "acme")
        assert hits[0].startswith("Triage: Audit for ACME")
        await pilot.press("enter")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, TriageScreen)
        assert screen.item.title == "Audit for ACME"
        assert pilot.app.current_mode == "inbox"


async def test_a_title_that_looks_like_markup_is_shown_as_written(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    log.add(item("[bold]Podcast[/] guest \x1b[31mnow"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = await search(pilot, "podcast")
        assert hits[0].startswith("Triage: [bold]Podcast[/] guest \\x1b[31mnow")


async def test_the_palette_lists_waiting_items_in_the_inbox_order(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Oldest first, as the inbox screen and `lighthouse inbox`: one order everywhere."""
    for title in ("First in", "Second in", "Third in"):
        log.add(item(title))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        hits = [h.split("\n")[0] for h in await search(pilot, "") if h.startswith("Triage:")]
        assert hits == ["Triage: First in", "Triage: Second in", "Triage: Third in"]


async def test_an_item_is_found_without_its_accents_and_shown_with_them(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """The query and the titles are folded to match; the hit shows the title as written,
    the letters matched lit where they are in it (after an "Œ" worth two letters too)."""
    log.add(item("Régie Œuvre"))
    log.add(item("Newsletter swap"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"oeuvre")
        await settle(pilot)
        hits = pilot.app.screen.query_one(CommandList)
        prompt = hits.get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        label = "Triage: Régie Œuvre"
        assert prompt.plain.startswith(label)
        lit = [label[span.start : span.end] for span in prompt.spans if span.end <= len(label)]
        assert "".join(lit) == "Œuvre"
        for query in ("REGIE", "régie"):
            await pilot.press("escape", "ctrl+p")
            await settle(pilot)
            assert (await search(pilot, query))[0].startswith("Triage: Régie Œuvre")


@pytest.mark.usefixtures("french")
async def test_the_palette_speaks_french(
    make_app: Callable[..., LighthouseApp], log: DecisionLog
) -> None:
    """Textual's own words too: the placeholder, and the line that says nothing matched."""
    log.add(item("Régie"))
    async with make_app().run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(CommandInput).placeholder == "Rechercher une commande…"
        hits = palette.query_one(CommandList)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert any(prompt.startswith("Trier : Régie") for prompt in prompts), prompts
        assert any("client_request, reçue il y a 1 h" in prompt for prompt in prompts), prompts
        await pilot.press(*"qwxz")
        await until(pilot, lambda: hits.option_count == 1 and hits.get_option_at_index(0).disabled)
        assert "Aucun résultat" in str(hits.get_option_at_index(0).prompt)
