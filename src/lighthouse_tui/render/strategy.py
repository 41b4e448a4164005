"""How a strategy is shown: the lighthouse first, then horizon, capacity, criteria, rules."""

from datetime import date

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core.i18n import _, ngettext
from lighthouse_tui.core.loaded import LoadedStrategy
from lighthouse_tui.core.problems import Problem
from lighthouse_tui.core.strategy import Horizon, Strategy
from lighthouse_tui.render.evaluation import VERDICT_STYLES, format_number, rule_word
from lighthouse_tui.render.literal import literal

BAR_WIDTH = 20


def horizon_text(horizon: Horizon | None, today: date) -> Text:
    """The horizon as the review writes it (ISO dates, `start → end`), then where today
    stands in it."""
    if horizon is None:
        return Text(_("no horizon set"), style="dim")
    text = Text(f"{horizon.start} → {horizon.end}  ")
    if today < horizon.start:
        days = (horizon.start - today).days
        text.append(
            ngettext("starts in {days} day", "starts in {days} days", days).format(days=days),
            style="cyan",
        )
    elif today > horizon.end:
        days = (today - horizon.end).days
        ended = ngettext(
            "ended {days} day ago: time to review", "ended {days} days ago: time to review", days
        )
        text.append(ended.format(days=days), style="bold red")
    else:
        left = (horizon.end - today).days
        text.append(
            ngettext("{days} day left", "{days} days left", left).format(days=left),
            style="bold yellow" if left <= 14 else "green",
        )
    return text


def _applies_to(kinds: list[str] | None) -> Text:
    return Text(_("all kinds") if kinds is None else ", ".join(kinds), style="dim")


def criteria_table(strategy: Strategy) -> Table:
    heaviest = max(c.weight for c in strategy.criteria)
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("criterion"), overflow="fold", ratio=3)
    table.add_column(_("weight"), no_wrap=True)
    table.add_column(_("from"), overflow="fold", ratio=2)
    table.add_column(_("applies to"), overflow="fold", ratio=1)
    for c in strategy.criteria:
        filled = max(1, round(c.weight / heaviest * BAR_WIDTH))
        bar = Text("█" * filled, style="cyan")
        bar.append(f" {format_number(c.weight)}")
        if c.rating:
            source = Text(_("rated 0–5"))
        else:
            source = Text(
                f"{c.field}: {format_number(c.worst or 0)} → {format_number(c.best or 0)}"
            )
            if (c.worst or 0) > (c.best or 0):
                source.append(" " + _("(less is better)"), style="dim")
        table.add_row(Text(c.label), bar, source, _applies_to(c.kinds))
    return table


def criteria_public_view(strategy: Strategy) -> RenderableType | None:
    """The criteria's public wording, under the table rather than in its label column:
    there it wrapped a word per line at 80 columns."""
    public = [c for c in strategy.criteria if c.decline_reason]
    if not public:
        return None
    grid = Table.grid(padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=2, style="dim")
    for criterion in public:
        grid.add_row(Text("  " + criterion.label), Text(criterion.decline_reason or ""))
    return Group(Text(_("Criteria in a polite no"), style="bold"), grid)


def rules_text(strategy: Strategy) -> Text:
    text = Text(_("Rules"), style="bold")
    if not strategy.rules:
        text.append("\n  " + _("none"), style="dim")
    for rule in strategy.rules:
        text.append("\n  ")
        text.append(rule_word(rule.then), style=VERDICT_STYLES.get(rule.then, "bold magenta"))
        text.append(" " + _("when") + " ")
        text.append(rule.when, style="cyan")
        text.append("\n    ")
        text.append(rule.reason, style="italic")
        if rule.decline_reason:
            text.append_text(_public_words(rule.decline_reason, "\n    "))
    return text


def _public_words(words: str, indent: str) -> Text:
    """A `decline_reason`, apart from the private label or reason it stands under: the one
    thing here that the other side may read, in a polite no."""
    text = Text(indent)
    text.append(_("in a polite no: {words}").format(words=words), style="dim")
    return text


def strategy_view(loaded: LoadedStrategy, today: date) -> RenderableType:
    s = loaded.strategy
    header = Text(s.name, style="bold")
    header.append_text(literal(f"   {loaded.source}", style="dim"))
    lighthouse = Text("⛯ ", style="bold yellow")
    lighthouse.append(s.lighthouse, style="bold")
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row(_("Horizon"), horizon_text(s.horizon, today))
    free = _("{hours} h/week free").format(hours=format_number(s.capacity.hours_per_week))
    facts.add_row(_("Capacity"), Text(free))
    thresholds = _("accept ≥ {accept}, decline < {decline}, consider between").format(
        accept=format_number(s.thresholds.accept), decline=format_number(s.thresholds.decline)
    )
    facts.add_row(_("Thresholds"), Text(thresholds))
    asked = ngettext(
        "outcomes asked {days} day after a decision",
        "outcomes asked {days} days after a decision",
        s.review.after_days,
    ).format(days=s.review.after_days)
    facts.add_row(_("Review"), Text(asked))
    facts.add_row(_("Kinds"), Text(", ".join(s.all_kinds)))
    if s.fields:
        facts.add_row(_("Fields"), Text(", ".join(f"{n} ({t})" for n, t in s.fields.items())))
    public = criteria_public_view(s)
    return Group(
        header,
        lighthouse,
        Text(),
        facts,
        Text(),
        criteria_table(s),
        *((Text(), public) if public else ()),
        Text(),
        rules_text(s),
    )


def problems_view(problems: list[Problem]) -> Text:
    text = Text()
    for i, problem in enumerate(problems):
        if i:
            text.append("\n")
        text.append(str(problem))
    return text
