"""How an evaluation is explained: verdict, score against thresholds, points, rules, capacity."""

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core.filter import Evaluation, RuleResult
from lighthouse_tui.core.strategy import Thresholds

VERDICT_STYLES = {"accept": "bold green", "decline": "bold reverse red", "consider": "bold yellow"}
"""Told apart by their words, and by more than colour (NO_COLOR keeps bold and reverse): a
decline is reversed, a block where the others are letters."""
RULE_WORDS = {"decline": "dealbreaker", "accept": "hell yes", "flag": "flag"}


def format_number(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"


def verdict_line(evaluation: Evaluation) -> Text:
    """The verdict and what decided it (`Evaluation.reason`), on one line: the CLI's first
    line and the app's, so the why is read without scrolling."""
    line = Text()
    line.append(evaluation.verdict.upper(), style=VERDICT_STYLES[evaluation.verdict])
    rule = evaluation.deciding_rule
    if evaluation.score is None:
        line.append("  no score yet: nothing rated", style="dim")
    elif rule is None and not evaluation.under_rated:
        line.append(f"  {evaluation.reason}")
    else:
        line.append(f"  score {evaluation.score:.0f}/100 · ")
    if rule is not None:
        line.append(f"{RULE_WORDS[rule.then]}: ", style=VERDICT_STYLES[rule.then])
        line.append(rule.reason)
    elif evaluation.under_rated and evaluation.score is not None:
        line.append(evaluation.reason, style="yellow")
    if evaluation.provisional and not evaluation.under_rated:
        line.append("  provisional", style="italic yellow")
        line.append(f" ({_provisional_because(evaluation)})", style="dim")
    return line


def _provisional_because(evaluation: Evaluation) -> str:
    """Why the verdict may still change: missing values, or only a rule that waits for one
    (then "100% of the weight rated" would read as a contradiction)."""
    if evaluation.missing or evaluation.score is None:
        return f"{evaluation.rated_weight:.0%} of the weight rated"
    needs = sorted({n for r in evaluation.waiting if r.then != "flag" for n in r.needs})
    return f"a rule waits for {', '.join(needs)}"


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
    bar.append(f"  decline <{decline}  accept ≥{accept}", style="dim")
    return bar


def criteria_table(evaluation: Evaluation) -> Table:
    table = Table(box=None, pad_edge=False, expand=False, header_style="bold")
    table.add_column("criterion", overflow="fold")
    table.add_column("weight", justify="right")
    table.add_column("value", justify="right")
    table.add_column("points", justify="right")
    for result in evaluation.criteria:
        if result.value is None:
            value = Text("missing", style="italic yellow")
            points = Text("–", style="dim")
        else:
            value = Text(f"{result.value:.0%}")
            points = Text(f"{result.points:.1f}")
        table.add_row(Text(result.label), Text(format_number(result.weight)), value, points)
    return table


def _rule_lines(title: str, rules: tuple[RuleResult, ...], waiting: bool = False) -> Text:
    text = Text(title, style="bold")
    for rule in rules:
        text.append("\n  ")
        style = VERDICT_STYLES.get(rule.then, "bold magenta") if not waiting else "dim"
        text.append(f"{RULE_WORDS[rule.then]}: ", style=style)
        text.append(rule.reason)
        text.append(f"  [{rule.id}]", style="dim")
        if rule.needs:
            text.append(f"  needs {', '.join(rule.needs)}", style="italic yellow")
    return text


def capacity_line(evaluation: Evaluation) -> Text:
    cap = evaluation.capacity
    line = Text("Capacity  ", style="bold")
    line.append(f"{format_number(cap.available)} h/week free")
    line.append(
        f" (of {format_number(cap.hours_per_week)}, {format_number(cap.committed)} committed)",
        style="dim",
    )
    if cap.after is None:
        line.append("  → unknown: no hours_per_week given", style="dim")
    else:
        line.append("  → after: ")
        line.append(f"{format_number(cap.after)} h/week", style="red" if cap.after < 0 else "green")
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
        parts += [Text(), _rule_lines("Rules fired", evaluation.rules)]
    if evaluation.waiting:
        parts += [Text(), _rule_lines("Rules waiting for values", evaluation.waiting, True)]
    if evaluation.missing:
        missing = Text("Missing  ", style="bold")
        missing.append(", ".join(evaluation.missing), style="yellow")
        parts += [Text(), missing]
    parts += [Text(), capacity_line(evaluation)]
    return Group(*parts)
