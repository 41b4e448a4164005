"""How an evaluation is explained: verdict, score against thresholds, points, rules, capacity."""

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core import i18n
from lighthouse_tui.core.filter import Evaluation, RuleResult
from lighthouse_tui.core.i18n import N_, _
from lighthouse_tui.core.strategy import Thresholds

VERDICT_STYLES = {"accept": "bold green", "decline": "bold reverse red", "consider": "bold yellow"}
"""Told apart by their words, and by more than colour (NO_COLOR keeps bold and reverse): a
decline is reversed, a block where the others are letters."""
RULE_WORDS = {"decline": N_("dealbreaker"), "accept": N_("hell yes"), "flag": N_("flag")}
"""What a rule does, in the words of the strategy file; translated where shown."""
VERDICT_WORDS = {"accept": N_("ACCEPT"), "decline": N_("DECLINE"), "consider": N_("CONSIDER")}
"""The verdict as the first word of an explanation, in capitals."""


def format_number(value: float) -> str:
    """A number for people: at most one decimal, grouped thousands, the language's marks."""
    return i18n.decimal(value)


def rule_word(then: str) -> str:
    return _(RULE_WORDS[then])


def verdict_word(verdict: str) -> str:
    return _(VERDICT_WORDS[verdict])


def verdict_line(evaluation: Evaluation) -> Text:
    """The verdict and what decided it (`Evaluation.reason`), on one line: the CLI's first
    line and the app's, so the why is read without scrolling."""
    line = Text()
    line.append(verdict_word(evaluation.verdict), style=VERDICT_STYLES[evaluation.verdict])
    rule = evaluation.deciding_rule
    if evaluation.score is None:
        line.append("  " + _("no score yet: nothing rated"), style="dim")
    elif rule is None and not evaluation.under_rated:
        line.append(f"  {evaluation.reason}")
    else:
        line.append("  " + _("score {score}/100").format(score=f"{evaluation.score:.0f}") + " · ")
    if rule is not None:
        line.append(
            _("{rule}: ").format(rule=rule_word(rule.then)), style=VERDICT_STYLES[rule.then]
        )
        line.append(rule.reason)
    elif evaluation.under_rated and evaluation.score is not None:
        line.append(evaluation.reason, style="yellow")
    if evaluation.provisional and not evaluation.under_rated:
        line.append("  " + _("provisional"), style="italic yellow")
        line.append(f" ({_provisional_because(evaluation)})", style="dim")
    return line


def _provisional_because(evaluation: Evaluation) -> str:
    """Why the verdict may still change: missing values, or only a rule that waits for one
    (then "100% of the weight rated" would read as a contradiction)."""
    if evaluation.missing or evaluation.score is None:
        return _("{share} of the weight rated").format(share=i18n.percent(evaluation.rated_weight))
    needs = sorted({n for r in evaluation.waiting if r.then != "flag" for n in r.needs})
    return _("a rule waits for {names}").format(names=", ".join(needs))


def score_bar(score: float | None, thresholds: Thresholds, width: int = 40) -> Text:
    """The score as a bar with the two thresholds marked, so "how far from accept" is seen,
    not computed."""
    filled = 0 if score is None else round(score / 100 * width)
    decline_at = round(thresholds.decline / 100 * width)
    accept_at = round(thresholds.accept / 100 * width)
    bar = Text()
    for i in range(width):
        style = "red" if i < decline_at else "yellow" if i < accept_at else "green"
        char = "█" if i < filled else "·"
        if i in (decline_at, accept_at) and i >= filled:
            char = "│"
        bar.append(char, style=style if i < filled else f"dim {style}")
    decline, accept = format_number(thresholds.decline), format_number(thresholds.accept)
    bar.append(
        "  " + _("decline <{decline}  accept ≥{accept}").format(decline=decline, accept=accept),
        style="dim",
    )
    return bar


def criteria_table(evaluation: Evaluation) -> Table:
    table = Table(box=None, pad_edge=False, expand=False, header_style="bold")
    table.add_column(_("criterion"), overflow="fold")
    table.add_column(_("weight"), justify="right")
    table.add_column(_("value"), justify="right")
    table.add_column(_("points"), justify="right")
    for result in evaluation.criteria:
        if result.value is None:
            value = Text(_("missing"), style="italic yellow")
            points = Text("–", style="dim")
        else:
            value = Text(i18n.percent(result.value))
            points = Text(i18n.fixed(result.points))
        table.add_row(Text(result.label), Text(format_number(result.weight)), value, points)
    return table


def _rule_lines(title: str, rules: tuple[RuleResult, ...], waiting: bool = False) -> Text:
    text = Text(title, style="bold")
    for rule in rules:
        text.append("\n  ")
        style = VERDICT_STYLES.get(rule.then, "bold magenta") if not waiting else "dim"
        text.append(_("{rule}: ").format(rule=rule_word(rule.then)), style=style)
        text.append(rule.reason)
        text.append(f"  [{rule.id}]", style="dim")
        if rule.needs:
            needs = _("needs {names}").format(names=", ".join(rule.needs))
            text.append(f"  {needs}", style="italic yellow")
    return text


def capacity_line(evaluation: Evaluation) -> Text:
    cap = evaluation.capacity
    line = Text(_("Capacity") + "  ", style="bold")
    line.append(_("{hours} h/week free").format(hours=format_number(cap.available)))
    of = _("(of {hours}, {committed} committed)").format(
        hours=format_number(cap.hours_per_week), committed=format_number(cap.committed)
    )
    line.append(f" {of}", style="dim")
    if cap.after is None:
        line.append("  → " + _("unknown: no hours_per_week given"), style="dim")
    else:
        line.append("  → " + _("after: "))
        line.append(
            _("{hours} h/week").format(hours=format_number(cap.after)),
            style="red" if cap.after < 0 else "green",
        )
    return line


def evaluation_view(evaluation: Evaluation, thresholds: Thresholds) -> RenderableType:
    """The verdict line, then its explanation."""
    return Group(verdict_line(evaluation), explanation_view(evaluation, thresholds))


def explanation_view(evaluation: Evaluation, thresholds: Thresholds) -> RenderableType:
    """What stands under the verdict line: the score bar, the points, the rules, what is
    missing and the capacity. The app keeps the verdict line apart, fixed above this."""
    parts: list[RenderableType] = [
        score_bar(evaluation.score, thresholds),
        Text(),
        criteria_table(evaluation),
    ]
    if evaluation.rules:
        parts += [Text(), _rule_lines(_("Rules fired"), evaluation.rules)]
    if evaluation.waiting:
        parts += [Text(), _rule_lines(_("Rules waiting for values"), evaluation.waiting, True)]
    if evaluation.missing:
        missing = Text(_("Missing") + "  ", style="bold")
        missing.append(", ".join(evaluation.missing), style="yellow")
        parts += [Text(), missing]
    parts += [Text(), capacity_line(evaluation)]
    return Group(*parts)
