"""How the log is shown: the inbox, decision lists, one decision re-explained, capacity."""

import re
from collections.abc import Sequence
from datetime import date, datetime

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core.loader import LoadedStrategy
from lighthouse_tui.render.evaluation import VERDICT_STYLES, evaluation_view, format_number
from lighthouse_tui.render.literal import literal
from lighthouse_tui.store.records import Correction, DecisionRecord, InboxItem, Outcome
from lighthouse_tui.store.replay import Replay

CHOICE_STYLES = {
    "accept": "green",
    "decline": "red",
    "consider": "yellow",
    "unsure": "yellow",
    "defer": "cyan",
}


def age(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return "now"


def choice(word: str) -> Text:
    return Text(word, style=CHOICE_STYLES.get(word, ""))


def inbox_table(items: Sequence[InboxItem], now: datetime) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("age", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("source", overflow="fold", ratio=1)
    for item in items:
        table.add_row(
            str(item.id),
            age(item.received, now),
            literal(item.kind),
            literal(item.title or "(untitled)"),
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
    the decisions a review learns most from."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("reflex", no_wrap=True)
    table.add_column("filter", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("final", no_wrap=True)
    table.add_column("outcome", no_wrap=True)
    for r in records:
        final = choice(r.final_choice)
        if r.overrode:
            final.append(" ⚑", style="bold magenta")
        table.add_row(
            str(r.id),
            r.decided_at.astimezone().date().isoformat(),
            literal(r.title or "(untitled)"),
            choice(r.default_choice),
            choice(r.verdict),
            "–" if r.score is None else f"{r.score:.0f}",
            final,
            outcome_text(r.outcome),
        )
    return table


def decision_header(record: DecisionRecord) -> RenderableType:
    title = literal(record.title or "(untitled)", style="bold")
    title.append(
        f"  {record.kind}  decision {record.id}, {record.decided_at.astimezone():%Y-%m-%d %H:%M}",
        style="dim",
    )
    choices = Text("reflex ")
    choices.append_text(choice(record.default_choice))
    choices.append("  →  filter ")
    choices.append(record.verdict, style=VERDICT_STYLES[record.verdict])
    choices.append("  →  final ")
    choices.append_text(choice(record.final_choice))
    if record.overrode:
        choices.append("  ⚑ overrode the filter", style="bold magenta")
    parts: list[RenderableType] = [title, choices]
    if record.note:
        note = Text("Note  ", style="bold")
        note.append_text(literal(record.note, keep_lines=True))
        parts.append(note)
    outcome = Text("Outcome  ", style="bold")
    if record.outcome is None:
        outcome.append("not rated yet", style="dim")
    else:
        outcome.append_text(outcome_text(record.outcome))
        outcome.append(f"  {record.outcome.happened_on}")
        if record.outcome.note:
            outcome.append("  ")
            outcome.append_text(literal(record.outcome.note, keep_lines=True))
        if record.outcomes_recorded > 1:
            outcome.append(f"  (corrected; {record.outcomes_recorded} recorded)", style="dim")
    parts.append(outcome)
    return Group(*parts)


def capacity_table(hours_per_week: float, weeks: Sequence[tuple[date, float]]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("week of", no_wrap=True)
    table.add_column("committed", justify="right", no_wrap=True)
    table.add_column("free", justify="right", no_wrap=True)
    table.add_column("load", no_wrap=True)
    width = 30
    for day, committed in weeks:
        free = hours_per_week - committed
        share = committed / hours_per_week if hours_per_week else 1.0
        filled = min(width, round(share * width))
        bar = Text("█" * filled, style="red" if free < 0 else "cyan")
        bar.append("·" * (width - filled), style="dim")
        table.add_row(
            day.isoformat(),
            f"{format_number(committed)} h",
            Text(f"{format_number(free)} h", style="red" if free < 0 else "green"),
            bar,
        )
    return table


def corrections_text(corrections: Sequence[Correction]) -> Text:
    """Each change of the final choice, oldest first: the header shows the current one."""
    text = Text("Corrected", style="bold")
    for correction in corrections:
        text.append("\n  ")
        text.append_text(choice(correction.previous))
        text.append(" → ")
        text.append_text(choice(correction.final))
        text.append(f"  {correction.recorded_at.astimezone():%Y-%m-%d %H:%M}", style="dim")
        if correction.note:
            text.append("  ")
            text.append_text(literal(correction.note))
    return text


def replay_view(replayed: Replay, current: LoadedStrategy | None) -> RenderableType:
    """A decision explained again: as the strategy version of that day scored it, and
    whether today's strategy would answer differently (what `lighthouse log show` prints)."""
    record = replayed.record
    parts: list[RenderableType] = [decision_header(record)]
    if replayed.corrections:
        parts.append(corrections_text(replayed.corrections))
    if replayed.then is not None and replayed.then_evaluation is not None:
        parts += [
            Rule(style="dim"),
            literal(f"As scored by {replayed.then.source}:", style="bold"),
            evaluation_view(replayed.then_evaluation, replayed.then.strategy.thresholds),
        ]
    if replayed.now is not None and current is not None:
        verdict = replayed.now.verdict.upper()
        score = "no score" if replayed.now.score is None else f"score {replayed.now.score:.0f}"
        line = Text("\nToday's strategy ", style="bold")
        if replayed.now_differs:
            line.append(f"would now say {verdict} ({score})", style="bold magenta")
        else:
            line.append(f"would answer the same: {verdict} ({score})")
        parts.append(line)
    elif current is not None:
        parts.append(Text("\nToday's strategy is the version that scored it.", style="dim"))
    parts += [literal(f"note: {note}", style="yellow") for note in replayed.notes]
    return Group(*parts)
