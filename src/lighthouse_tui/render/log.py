"""How the log is shown: the inbox, decision lists, one decision re-explained, capacity."""

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.render.evaluation import (
    VERDICT_STYLES,
    evaluation_view,
    verdict_word,
)
from lighthouse_tui.render.literal import literal, title_text
from lighthouse_tui.store.records import Correction, DecisionRecord, InboxItem, Outcome

if TYPE_CHECKING:  # replaying validates old strategy versions: pydantic, off `decide`'s path
    from lighthouse_tui.store.replay import Replay

CHOICE_STYLES = {
    "accept": "green",
    "decline": "red",
    "consider": "yellow",
    "unsure": "yellow",
    "defer": "cyan",
}
CHOICE_WORDS = {
    "accept": N_("accept"),
    "decline": N_("decline"),
    "consider": N_("consider"),
    "unsure": N_("unsure"),
    "defer": N_("defer"),
}
"""A reflex, a verdict or a final choice as a word in a sentence or a table cell."""
AGE_UNITS = ((N_("{count}d"), 86_400), (N_("{count}h"), 3_600), (N_("{count}m"), 60))


def age(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, size in AGE_UNITS:
        if seconds >= size:
            return _(unit).format(count=seconds // size)
    return _("now")


def received(moment: datetime, now: datetime) -> str:
    """When an item came in, as a phrase: `received 3h ago`, or `received just now` for what
    `age` has no number for yet."""
    if (when := age(moment, now)) == _("now"):
        return _("received just now")
    return _("received {age} ago").format(age=when)


def age_width() -> int:
    """The cells the widest age takes in the language shown (`59 min` in French, `999d` in
    English, or the word for now), so that a narrow table's age column never cuts one."""
    longest = {86_400: 999, 3_600: 23, 60: 59}
    samples = [_("now"), *(_(unit).format(count=longest[size]) for unit, size in AGE_UNITS)]
    return max(cell_len(sample) for sample in samples)


def choice_word(word: str) -> str:
    return _(CHOICE_WORDS[word]) if word in CHOICE_WORDS else word


def choice(word: str) -> Text:
    return Text(choice_word(word), style=CHOICE_STYLES.get(word, ""))


def moment(value: datetime) -> str:
    """A moment for reading: the day as the language writes it, then the local time."""
    local = value.astimezone()
    return f"{i18n.day(local.date())} {local:%H:%M}"


def inbox_table(items: Sequence[InboxItem], now: datetime) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("id"), justify="right", no_wrap=True)
    table.add_column(_("age"), justify="right", no_wrap=True)
    table.add_column(_("kind"), no_wrap=True)
    table.add_column(_("title"), overflow="fold", ratio=3)
    table.add_column(_("source"), overflow="fold", ratio=1)
    for item in items:
        table.add_row(
            str(item.id),
            age(item.received, now),
            literal(item.kind),
            title_text(item.title),
            literal(sender(item.source), style="dim"),
        )
    return table


_NAMED = re.compile(r"(?P<name>.+?) <[^<>@\s]+@[^<>\s]+>")


def sender(source: str | None) -> str:
    """A source as narrow columns show it: the name of `Name <address>` (what e-mail imports
    store), else the source as it is; the whole source stays in the log and its details."""
    if source is None:
        return ""
    named = _NAMED.fullmatch(source)
    return named["name"].strip('"').strip() or source if named else source


def stars(rating: int) -> Text:
    """An outcome of 1–5 as five stars, filled up to it."""
    return Text("★" * rating + "☆" * (5 - rating), style="yellow")


def outcome_text(outcome: Outcome | None) -> Text:
    if outcome is None:
        return Text("–", style="dim")
    return stars(outcome.rating)


def decisions_table(records: Sequence[DecisionRecord]) -> Table:
    """Newest first; an override (final against a clear verdict) is marked, because those are
    the decisions a review learns most from. Dates stay ISO: a column of them reads (and
    sorts) at a glance in any language, and a written date would take the title's room."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("id"), justify="right", no_wrap=True)
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("title"), overflow="fold", ratio=3)
    table.add_column(_("reflex"), no_wrap=True)
    table.add_column(_("filter"), no_wrap=True)
    table.add_column(_("score"), justify="right", no_wrap=True)
    table.add_column(_("final"), no_wrap=True)
    table.add_column(_("outcome"), no_wrap=True)
    for r in records:
        final = choice(r.final_choice)
        if r.overrode:
            final.append(" ⚑", style="bold magenta")
        table.add_row(
            str(r.id),
            r.decided_at.astimezone().date().isoformat(),
            title_text(r.title),
            choice(r.default_choice),
            choice(r.verdict),
            "–" if r.score is None else f"{r.score:.0f}",
            final,
            outcome_text(r.outcome),
        )
    return table


def decision_header(record: DecisionRecord) -> RenderableType:
    title = title_text(record.title, style="bold")
    decided = _("decision {id}, {when}").format(id=record.id, when=moment(record.decided_at))
    title.append(f"  {record.kind}  {decided}", style="dim")
    choices = Text(_("reflex") + " ")
    choices.append_text(choice(record.default_choice))
    choices.append("  →  " + _("filter") + " ")
    choices.append(choice_word(record.verdict), style=VERDICT_STYLES[record.verdict])
    choices.append("  →  " + _("final") + " ")
    choices.append_text(choice(record.final_choice))
    if record.overrode:
        choices.append("  ⚑ " + _("overrode the filter"), style="bold magenta")
    parts: list[RenderableType] = [title, choices]
    if record.note:
        note = Text(_("Note") + "  ", style="bold")
        note.append_text(literal(record.note, keep_lines=True))
        parts.append(note)
    outcome = Text(_("Outcome") + "  ", style="bold")
    if record.outcome is None:
        outcome.append(_("not rated yet"), style="dim")
    else:
        outcome.append_text(outcome_text(record.outcome))
        outcome.append(f"  {i18n.day(record.outcome.happened_on)}")
        if record.outcome.note:
            outcome.append("  ")
            outcome.append_text(literal(record.outcome.note, keep_lines=True))
        if record.outcomes_recorded > 1:
            corrected = _("(corrected; {count} recorded)").format(count=record.outcomes_recorded)
            outcome.append(f"  {corrected}", style="dim")
    parts.append(outcome)
    return Group(*parts)


def capacity_table(hours_per_week: float, weeks: Sequence[tuple[date, float]]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("week of"), no_wrap=True)
    table.add_column(_("committed"), justify="right", no_wrap=True)
    table.add_column(_("free"), justify="right", no_wrap=True)
    table.add_column(_("load"), no_wrap=True)
    width = 30
    for day, committed in weeks:
        free = hours_per_week - committed
        share = committed / hours_per_week if hours_per_week else 1.0
        filled = min(width, round(share * width))
        bar = Text("█" * filled, style="red" if free < 0 else "cyan")
        bar.append("·" * (width - filled), style="dim")
        table.add_row(
            day.isoformat(),
            i18n.hours(committed),
            Text(i18n.hours(free), style="red" if free < 0 else "green"),
            bar,
        )
    return table


def corrections_text(corrections: Sequence[Correction]) -> Text:
    """Each change of the final choice, oldest first: the header shows the current one."""
    text = Text(_("Corrected"), style="bold")
    for correction in corrections:
        text.append("\n  ")
        text.append_text(choice(correction.previous))
        text.append(" → ")
        text.append_text(choice(correction.final))
        text.append(f"  {moment(correction.recorded_at)}", style="dim")
        if correction.note:
            text.append("  ")
            text.append_text(literal(correction.note))
    return text


def replay_view(replayed: "Replay", current: LoadedStrategy | None) -> RenderableType:
    """A decision explained again: as the strategy version of that day scored it, and
    whether today's strategy would answer differently (what `lighthouse log show` prints)."""
    record = replayed.record
    parts: list[RenderableType] = [decision_header(record)]
    if replayed.corrections:
        parts.append(corrections_text(replayed.corrections))
    if replayed.then is not None and replayed.then_evaluation is not None:
        parts += [
            Rule(style="dim"),
            literal(_("As scored by {source}:").format(source=replayed.then.source), style="bold"),
            evaluation_view(replayed.then_evaluation, replayed.then.strategy.thresholds),
        ]
    if replayed.now is not None and current is not None:
        verdict = verdict_word(replayed.now.verdict)
        score = (
            _("no score")
            if replayed.now.score is None
            else _("score {score}").format(score=f"{replayed.now.score:.0f}")
        )
        if replayed.now_differs:
            said = _("Today's strategy would now say {verdict} ({score})")
            style = "bold magenta"
        else:
            said = _("Today's strategy would answer the same: {verdict} ({score})")
            style = "bold"
        line = Text("\n" + said.format(verdict=verdict, score=score), style=style)
        parts.append(line)
    elif current is not None:
        parts.append(Text("\n" + _("Today's strategy is the version that scored it."), style="dim"))
    parts += [
        literal(_("note: {note}").format(note=note), style="yellow") for note in replayed.notes
    ]
    return Group(*parts)
