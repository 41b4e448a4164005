"""How a review and a rescore are shown: Rich renderables for the terminal and the app, and
a Markdown report a user keeps next to their strategy.

Grids and bars rather than sentences where a shape says it faster: whether the filter's
column is greener than the reflex's, whether the committed hours poke past capacity. Every
number is shown with the count behind it, as the core computes them.
"""

import re
from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from lighthouse_tui.core.rescore import Flip, Rescore
from lighthouse_tui.core.review import (
    FOLLOWED,
    CapacityReview,
    Cell,
    CriterionStat,
    DueOutcome,
    Grid,
    Review,
)
from lighthouse_tui.core.text import visible
from lighthouse_tui.render.evaluation import VERDICT_STYLES, format_number
from lighthouse_tui.render.literal import literal
from lighthouse_tui.render.log import choice

BAR_WIDTH = 24
RHO_HALF = 10
DID = {"accept": "you accepted", "decline": "you declined"}
SAID = {"accept": "filter said accept", "decline": "filter said decline"}
REFLEX_ROWS = {
    "accept": "reflex accept, filter decline",
    "decline": "reflex decline, filter accept",
}
FOLLOWED_WORDS = {"filter": "you followed the filter", "reflex": "you followed your reflex"}
GRID_CAPTION = "★ mean outcome 1–5 · decisions · rated"
DUE_SHOWN = 15
"""The terminal lists this many outcomes due; JSON and Markdown list them all."""
SIGNAL_WORDS = {"predicts": "predicts outcomes", "against": "runs against outcomes"}


def mean_style(mean: float | None) -> str:
    if mean is None:
        return "dim"
    return "green" if mean >= 3.5 else "yellow" if mean >= 2.5 else "red"


def _decisions(count: int) -> str:
    return f"{count:,} decision{'' if count == 1 else 's'}"


def cell_words(cell: Cell) -> str:
    """A cell in words, the same in the terminal and in Markdown."""
    if not cell.count:
        return "none"
    if cell.mean is None:
        return f"no outcome yet · {_decisions(cell.count)}"
    return f"{cell.mean:.1f} avg · {_decisions(cell.count)}, {cell.rated:,} rated"


def cell_text(cell: Cell, marked: bool = False) -> Text:
    """Mean outcome on top, big and coloured; the counts behind it underneath."""
    text = Text()
    if cell.mean is None:
        text.append("–", style="dim")
    else:
        text.append(f"{cell.mean:.1f} ★", style=f"bold {mean_style(cell.mean)}")
    if marked:
        text.append(" ⚑", style="bold magenta")
    text.append(f"\n{_decisions(cell.count)}\n{cell.rated:,} rated", style="dim")
    return text


def _grid_table(
    grid: Grid,
    rows: Mapping[str, str],
    columns: Mapping[str, str],
    marked: set[tuple[str, str]],
) -> Table:
    table = Table(
        box=box.ROUNDED,
        header_style="bold",
        show_lines=True,
        caption=GRID_CAPTION,
        caption_justify="left",
    )
    table.add_column("", style="bold", max_width=16)
    for column in grid.columns:
        table.add_column(columns[column], justify="center", max_width=14)
    for row in grid.rows:
        table.add_row(
            rows[row], *(cell_text(grid.cell(row, c), (row, c) in marked) for c in grid.columns)
        )
    return table


def outcome_grid(grid: Grid) -> Table:
    """Filter said × you did, mean outcome in each cell; ⚑ marks going against the filter."""
    return _grid_table(grid, SAID, DID, {("accept", "decline"), ("decline", "accept")})


def reflex_grid(grid: Grid) -> Table:
    """Where reflex and filter disagreed: which one you followed, and how that turned out."""
    table = _grid_table(grid, REFLEX_ROWS, FOLLOWED_WORDS, set())
    table.add_row(
        Text("all", style="bold"), *(cell_text(grid.column(f)) for f in FOLLOWED), style="dim"
    )
    return table


def findings_text(findings: Sequence[str]) -> Text:
    text = Text()
    for i, line in enumerate(findings):
        if i:
            text.append("\n")
        text.append("• ", style="bold cyan")
        text.append(visible(line))
    return text


def review_header(review: Review) -> Text:
    c = review.counts
    text = Text("Review ", style="bold")
    text.append_text(literal(review.period.label, style="bold cyan"))
    text.append(f"   {_decisions(c.decisions)}, {c.rated:,} with an outcome", style="dim")
    if c.strategy_versions > 1:
        text.append(f", scored by {c.strategy_versions} strategy versions", style="dim")
    text.append("\n")
    text.append(visible(review.horizon), style="italic")
    return text


def _counted(counts: Mapping[str, int], styled: bool = True) -> Text:
    text = Text()
    for i, (name, count) in enumerate(counts.items()):
        if i:
            text.append(" · ", style="dim")
        text.append_text(choice(name) if styled else literal(name))
        text.append(f" {count:,}")
    return text


def choices_table(review: Review) -> Table:
    """The plain counts: what came in, what was decided, how often reflex and filter agreed
    and how often you went against the filter."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    a, o = review.agreement, review.overrides
    agreement = Text(f"agreed {a.agreed:,} · disagreed {a.disagreed:,}")
    agreement.append(
        f" · reflex unsure {a.reflex_unsure:,} · filter said consider {a.filter_consider:,}",
        style="dim",
    )
    against = Text(f"declined {o.accept_declined:,} it accepted · ")
    against.append(f"accepted {o.decline_accepted:,} it declined")
    against.append(
        f"  (followed {o.followed:,} of {o.clear_verdicts:,} clear verdicts)", style="dim"
    )
    table.add_row("By kind", _counted(review.counts.by_kind, styled=False))
    table.add_row("Reflex", _counted(review.counts.by_reflex))
    table.add_row("Filter", _counted(review.counts.by_verdict))
    table.add_row("Final", _counted(review.counts.by_final))
    table.add_row("Reflex vs filter", agreement)
    table.add_row("Against the filter", against)
    return table


def rho_bar(rho: float | None) -> Text:
    """ρ from −1 to 1 as a bar growing left (red) or right (green) from a centre line."""
    if rho is None:
        return Text(" " * RHO_HALF + "┆" + " " * RHO_HALF, style="dim")
    filled = round(abs(rho) * RHO_HALF)
    left = " " * (RHO_HALF - filled) + "█" * filled if rho < 0 else " " * RHO_HALF
    right = "█" * filled + " " * (RHO_HALF - filled) if rho > 0 else " " * RHO_HALF
    bar = Text(left, style="red")
    bar.append("│", style="dim")
    bar.append(right, style="green")
    return bar


def _reading(stat: CriterionStat) -> Text:
    if stat.rho is None:
        return Text(stat.note or "", style="dim italic")
    if stat.signal in SIGNAL_WORDS:
        return Text(SIGNAL_WORDS[stat.signal], style="green" if stat.rho > 0 else "red")
    return Text("no clear link yet", style="dim")


def criterion_name(stat: CriterionStat) -> Text:
    name = literal(stat.label or stat.id)
    if not stat.in_strategy:
        name.append(" (no longer in the strategy)", style="dim italic")
    return name


def criteria_table(stats: Sequence[CriterionStat]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("criterion", overflow="fold", ratio=3)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("ρ", justify="right", no_wrap=True)
    table.add_column("−1 … 0 … +1", no_wrap=True)
    table.add_column("reading", overflow="fold", ratio=2)
    for stat in stats:
        table.add_row(
            criterion_name(stat),
            f"{stat.pairs:,}",
            "–" if stat.rho is None else f"{stat.rho:+.2f}",
            rho_bar(stat.rho),
            _reading(stat),
        )
    return table


def _bar(value: float, top: float, style: str, mark: float | None = None) -> Text:
    """`value` out of `top` as a bar; `mark` puts a line where capacity ends."""
    filled = min(BAR_WIDTH, round(value / top * BAR_WIDTH)) if top > 0 else 0
    at = None if mark is None or top <= 0 else min(BAR_WIDTH - 1, round(mark / top * BAR_WIDTH))
    bar = Text()
    for i in range(BAR_WIDTH):
        over = at is not None and i >= at
        if i < filled:
            bar.append("█", style="red" if over else style)
        else:
            bar.append("│" if i == at else "·", style="dim")
    return bar


def weeks_table(capacity: CapacityReview) -> Table:
    """Committed hours against capacity, and decisions made, week by week."""
    hours = capacity.hours_per_week
    top = max(hours, capacity.peak)
    busiest = max((w.decisions for w in capacity.weeks), default=0)
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("week of", no_wrap=True)
    table.add_column(f"committed (│ = {format_number(hours)} h)", no_wrap=True)
    table.add_column("h", justify="right", no_wrap=True)
    table.add_column("decisions", no_wrap=True)
    table.add_column("n", justify="right", no_wrap=True)
    for week in capacity.weeks:
        over = week.committed > hours
        table.add_row(
            week.start.isoformat(),
            _bar(week.committed, top, "cyan", mark=hours),
            Text(format_number(round(week.committed, 1)), style="red" if over else ""),
            _bar(week.decisions, busiest, "magenta"),
            str(week.decisions),
        )
    return table


def due_table(due: Sequence[DueOutcome], limit: int | None = None) -> Table:
    """Oldest first; with `limit`, the rest are counted in a last row."""
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("decided", no_wrap=True)
    table.add_column("title", overflow="fold")
    shown = due if limit is None else due[:limit]
    for item in shown:
        table.add_row(str(item.id), item.day.isoformat(), literal(item.title or "(untitled)"))
    if len(shown) < len(due):
        table.add_row("", "", Text(f"… and {len(due) - len(shown):,} more", style="dim"))
    return table


def _section(title: str, body: RenderableType) -> list[RenderableType]:
    return [Text(), Text(title, style="bold underline"), body]


def review_columns(review: Review) -> tuple[Group, Group]:
    """The review as two columns: the answer and the outcomes (findings, the two grids, the
    choices), then what explains them (criteria, capacity and pace, outcomes due). The app
    puts them side by side on a wide screen; one under the other, they are `review_view`."""
    answer: list[RenderableType] = [review_header(review)]
    answer += _section("Findings", findings_text(review.findings))
    if not review.counts.decisions:
        return Group(*answer), Group()
    answer += _section("Does following the filter pay off?", outcome_grid(review.outcomes))
    answer += _section(
        "Reflex against filter: where they disagreed, which you followed",
        reflex_grid(review.reflex_vs_filter),
    )
    answer += _section("Choices", choices_table(review))
    evidence = _section(
        "Criteria that predict outcomes (accepted decisions: does a high value make a good yes?)",
        criteria_table(review.criteria),
    )
    if review.capacity.weeks:
        evidence += _section("Capacity and pace, week by week", weeks_table(review.capacity))
    title = f"Outcomes due ({len(review.due):,}, decided over {review.after_days} days ago)"
    evidence += _section(
        title, due_table(review.due, DUE_SHOWN) if review.due else Text("none", style="dim")
    )
    return Group(*answer), Group(*evidence)


def review_view(review: Review) -> RenderableType:
    """The whole review, top to bottom: the answer first (findings), then the evidence."""
    return Group(*review_columns(review))


def _verdict(word: str) -> Text:
    return Text(word, style=VERDICT_STYLES.get(word, ""))


def _score(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def flips_table(flips: Sequence[Flip]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("title", overflow="fold", ratio=3)
    table.add_column("verdict then → now", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("final", no_wrap=True)
    table.add_column("outcome", justify="right", no_wrap=True)
    for flip in flips:
        verdicts = _verdict(flip.then)
        verdicts.append(" → ")
        verdicts.append_text(_verdict(flip.now))
        table.add_row(
            str(flip.id),
            flip.day.isoformat(),
            literal(flip.title or "(untitled)"),
            verdicts,
            f"{_score(flip.score_then)} → {_score(flip.score_now)}",
            choice(flip.final),
            Text("–", style="dim")
            if flip.outcome is None
            else Text(f"{flip.outcome}/5", style=mean_style(flip.outcome)),
        )
    return table


def _count_lines(title: str, counts: Mapping[str, int], style: str) -> Text:
    text = Text(title, style="bold")
    for reason, count in counts.items():
        text.append(f"\n  {count:,} × ", style="dim")
        text.append(visible(reason), style=style)
    return text


def rescore_view(result: Rescore) -> RenderableType:
    head = Text("Replayed under ", style="bold")
    head.append_text(literal(result.strategy, style="bold cyan"))
    totals = Table(box=None, show_header=False, pad_edge=False)
    totals.add_column(style="bold", no_wrap=True)
    totals.add_column()
    totals.add_row("Replayed", f"{result.replayed:,}")
    totals.add_row(
        "Would flip",
        Text(
            f"{len(result.flips):,}  ({result.more_accepting:,} more accepting, "
            f"{result.more_declining:,} more declining)"
        ),
    )
    totals.add_row("Flipped", cell_words(result.flipped))
    totals.add_row("Would stay", cell_words(result.stayed))
    for (then, now), cell in sorted(result.changes.items()):
        change = Text("  ")
        change.append_text(_verdict(then))
        change.append(" → ")
        change.append_text(_verdict(now))
        totals.add_row(change, cell_words(cell))
    parts: list[RenderableType] = [head, totals]
    if result.not_replayable:
        parts += [Text(), _count_lines("Not replayable", result.not_replayable, "yellow")]
    if result.left_out:
        parts += [Text(), _count_lines("Replayed without", result.left_out, "yellow")]
    if result.missing:
        missing = {f"criterion '{k}'": n for k, n in result.missing.items()}
        parts += [Text(), _count_lines("Without a value (unrated then, or new)", missing, "dim")]
    parts += [Text(), findings_text(result.findings())]
    if result.flips:
        parts += _section("Verdicts that would flip", flips_table(result.flips))
    return Group(*parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
"""What means something in the middle of a line; line starts (`#`, `-`, `1.`) never hold
user text here."""


def md(text: str) -> str:
    """User text made inert in Markdown: control characters spelled out, then every
    character Markdown gives a meaning backslash-escaped, so a `|` cannot split a table
    cell and a `*` cannot start emphasis."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", visible(text))


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _md_grid(
    grid: Grid, rows: Mapping[str, str], columns: Mapping[str, str], total: bool = False
) -> list[str]:
    body = [[rows[r], *(cell_words(grid.cell(r, c)) for c in grid.columns)] for r in grid.rows]
    if total:
        body.append(["all", *(cell_words(grid.column(c)) for c in grid.columns)])
    return _md_table(["", *(columns[c] for c in grid.columns)], body)


def _md_counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{md(name)} {count:,}" for name, count in counts.items())


def review_markdown(review: Review, strategy_name: str) -> str:
    """The review as a Markdown report: tables for the grids and criteria, lists for the
    findings and the outcomes due."""
    c, a, o = review.counts, review.agreement, review.overrides
    lines = [
        f"# Lighthouse review: {md(review.period.label)}",
        "",
        f"Strategy: {md(strategy_name)}. Written {review.today.isoformat()}.",
        "",
        md(review.horizon),
        "",
        f"{c.decisions:,} decisions, {c.rated:,} with an outcome.",
        "",
        "## Findings",
        "",
        *(f"- {md(line)}" for line in review.findings),
    ]
    if c.decisions:
        lines += [
            "",
            "## Does following the filter pay off?",
            "",
            *_md_grid(review.outcomes, SAID, DID),
            "",
            "## Reflex against filter",
            "",
            "Where your reflex and the filter disagreed, and which one you followed:",
            "",
            *_md_grid(review.reflex_vs_filter, REFLEX_ROWS, FOLLOWED_WORDS, total=True),
            "",
            "## Choices",
            "",
            f"- By kind: {_md_counts(c.by_kind)}",
            f"- Reflex: {_md_counts(c.by_reflex)}",
            f"- Filter: {_md_counts(c.by_verdict)}",
            f"- Final: {_md_counts(c.by_final)}",
            f"- Reflex vs filter: agreed {a.agreed:,}, disagreed {a.disagreed:,}, reflex "
            f"unsure {a.reflex_unsure:,}, filter said consider {a.filter_consider:,}",
            f"- Against the filter: declined {o.accept_declined:,} it accepted, accepted "
            f"{o.decline_accepted:,} it declined (followed {o.followed:,} of "
            f"{o.clear_verdicts:,} clear verdicts)",
            "",
            "## Criteria that predict outcomes",
            "",
            "Over the accepted decisions with an outcome: does a high value make a good yes?",
            "",
            *_md_table(
                ["criterion", "in strategy", "n", "ρ", "reading"],
                [
                    [
                        md(s.label or s.id),
                        "yes" if s.in_strategy else "no",
                        f"{s.pairs:,}",
                        "–" if s.rho is None else f"{s.rho:+.2f}",
                        md(_reading(s).plain),
                    ]
                    for s in review.criteria
                ],
            ),
        ]
        lines += _md_weeks(review.capacity)
        lines += ["", f"## Outcomes due ({len(review.due):,})", ""]
        lines += [
            f"- {d.day.isoformat()} #{d.id} {md(d.title or '(untitled)')}" for d in review.due
        ]
        if not review.due:
            lines.append("None.")
    return "\n".join(lines) + "\n"


def _md_weeks(capacity: CapacityReview) -> list[str]:
    if not capacity.weeks:
        return []
    hours = capacity.hours_per_week
    return [
        "",
        f"## Capacity and pace (capacity {format_number(hours)} h/week)",
        "",
        *_md_table(
            ["week of", "committed h", "decisions"],
            [
                [
                    w.start.isoformat(),
                    format_number(round(w.committed, 1))
                    + (" (over)" if w.committed > hours else ""),
                    str(w.decisions),
                ]
                for w in capacity.weeks
            ],
        ),
    ]
