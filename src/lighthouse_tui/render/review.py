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

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import N_, _, ngettext, pgettext
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
from lighthouse_tui.render.literal import UNTITLED, literal, title_text
from lighthouse_tui.render.log import choice, choice_word

BAR_WIDTH = 24
RHO_HALF = 10
DID = {"accept": N_("you accepted"), "decline": N_("you declined")}
SAID = {"accept": N_("filter said accept"), "decline": N_("filter said decline")}
REFLEX_ROWS = {
    "accept": N_("reflex accept, filter decline"),
    "decline": N_("reflex decline, filter accept"),
}
FOLLOWED_WORDS = {
    "filter": N_("you followed the filter"),
    "reflex": N_("you followed your reflex"),
}
GRID_CAPTION = N_("★ mean outcome 1–5 · decisions · rated")
DUE_SHOWN = 15
"""The terminal lists this many outcomes due; JSON and Markdown list them all."""
SIGNAL_WORDS = {"predicts": N_("predicts outcomes"), "against": N_("runs against outcomes")}


def mean_style(mean: float | None) -> str:
    if mean is None:
        return "dim"
    return "green" if mean >= 3.5 else "yellow" if mean >= 2.5 else "red"


def _decisions(count: int) -> str:
    return ngettext("{count} decision", "{count} decisions", count).format(
        count=i18n.decimal(count)
    )


def _rated(count: int) -> str:
    return ngettext("{count} rated", "{count} rated", count).format(count=i18n.decimal(count))


def cell_words(cell: Cell) -> str:
    """A cell in words, the same in the terminal and in Markdown."""
    if not cell.count:
        return _("none")
    if cell.mean is None:
        return _("no outcome yet · {decisions}").format(decisions=_decisions(cell.count))
    return _("{mean} avg · {decisions}, {rated}").format(
        mean=i18n.fixed(cell.mean), decisions=_decisions(cell.count), rated=_rated(cell.rated)
    )


def cell_text(cell: Cell, marked: bool = False) -> Text:
    """Mean outcome on top, big and coloured; the counts behind it underneath."""
    text = Text()
    if cell.mean is None:
        text.append("–", style="dim")
    else:
        text.append(f"{i18n.fixed(cell.mean)} ★", style=f"bold {mean_style(cell.mean)}")
    if marked:
        text.append(" ⚑", style="bold magenta")
    text.append(f"\n{_decisions(cell.count)}\n{_rated(cell.rated)}", style="dim")
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
        caption=_(GRID_CAPTION),
        caption_justify="left",
    )
    table.add_column("", style="bold", max_width=16)
    for column in grid.columns:
        table.add_column(_(columns[column]), justify="center", max_width=14)
    for row in grid.rows:
        table.add_row(
            _(rows[row]), *(cell_text(grid.cell(row, c), (row, c) in marked) for c in grid.columns)
        )
    return table


def outcome_grid(grid: Grid) -> Table:
    """Filter said × you did, mean outcome in each cell; ⚑ marks going against the filter."""
    return _grid_table(grid, SAID, DID, {("accept", "decline"), ("decline", "accept")})


def reflex_grid(grid: Grid) -> Table:
    """Where reflex and filter disagreed: which one you followed, and how that turned out."""
    table = _grid_table(grid, REFLEX_ROWS, FOLLOWED_WORDS, set())
    table.add_row(
        Text(_("all"), style="bold"), *(cell_text(grid.column(f)) for f in FOLLOWED), style="dim"
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
    text = Text(_("Review") + " ", style="bold")
    text.append_text(literal(review.period.label, style="bold cyan"))
    counted = _("{decisions}, {rated} with an outcome").format(
        decisions=_decisions(c.decisions), rated=i18n.decimal(c.rated)
    )
    text.append(f"   {counted}", style="dim")
    if c.strategy_versions > 1:
        versions = _(", scored by {count} strategy versions").format(count=c.strategy_versions)
        text.append(versions, style="dim")
    text.append("\n")
    text.append(visible(review.horizon), style="italic")
    return text


def _counted(counts: Mapping[str, int], styled: bool = True) -> Text:
    text = Text()
    for i, (name, count) in enumerate(counts.items()):
        if i:
            text.append(" · ", style="dim")
        text.append_text(choice(name) if styled else literal(name))
        text.append(f" {i18n.decimal(count)}")
    return text


def choices_table(review: Review) -> Table:
    """The plain counts: what came in, what was decided, how often reflex and filter agreed
    and how often you went against the filter."""
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    a, o = review.agreement, review.overrides
    n = i18n.decimal
    agreement = Text(
        _("agreed {agreed} · disagreed {disagreed}").format(
            agreed=n(a.agreed), disagreed=n(a.disagreed)
        )
    )
    unsure = _("reflex unsure {unsure} · filter said consider {consider}").format(
        unsure=n(a.reflex_unsure), consider=n(a.filter_consider)
    )
    agreement.append(f" · {unsure}", style="dim")
    against = Text(
        _("declined {declined} it accepted · accepted {accepted} it declined").format(
            declined=n(o.accept_declined), accepted=n(o.decline_accepted)
        )
    )
    followed = _("(followed {followed} of {clear} clear verdicts)").format(
        followed=n(o.followed), clear=n(o.clear_verdicts)
    )
    against.append(f"  {followed}", style="dim")
    table.add_row(_("By kind"), _counted(review.counts.by_kind, styled=False))
    table.add_row(_("Reflex"), _counted(review.counts.by_reflex))
    table.add_row(_("Filter"), _counted(review.counts.by_verdict))
    table.add_row(_("Final"), _counted(review.counts.by_final))
    table.add_row(_("Reflex vs filter"), agreement)
    table.add_row(_("Against the filter"), against)
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
        return Text(_(SIGNAL_WORDS[stat.signal]), style="green" if stat.rho > 0 else "red")
    return Text(_("no clear link yet"), style="dim")


def criterion_name(stat: CriterionStat) -> Text:
    name = literal(stat.label or stat.id)
    if not stat.in_strategy:
        name.append(" " + _("(no longer in the strategy)"), style="dim italic")
    return name


def criteria_table(stats: Sequence[CriterionStat]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("criterion"), overflow="fold", ratio=3)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("ρ", justify="right", no_wrap=True)
    table.add_column("−1 … 0 … +1", no_wrap=True)
    table.add_column(_("reading"), overflow="fold", ratio=2)
    for stat in stats:
        table.add_row(
            criterion_name(stat),
            i18n.decimal(stat.pairs),
            _rho(stat.rho),
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
    table.add_column(_("week of"), no_wrap=True)
    table.add_column(_("committed (│ = {hours})").format(hours=i18n.hours(hours)), no_wrap=True)
    table.add_column("h", justify="right", no_wrap=True)
    table.add_column(_("decisions"), no_wrap=True)
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
    table.add_column(_("id"), justify="right", no_wrap=True)
    table.add_column(_("decided"), no_wrap=True)
    table.add_column(_("title"), overflow="fold")
    shown = due if limit is None else due[:limit]
    for item in shown:
        table.add_row(str(item.id), item.day.isoformat(), title_text(item.title))
    if len(shown) < len(due):
        more = _("… and {count} more").format(count=i18n.decimal(len(due) - len(shown)))
        table.add_row("", "", Text(more, style="dim"))
    return table


def _section(title: str, body: RenderableType) -> list[RenderableType]:
    return [Text(), Text(title, style="bold underline"), body]


def review_columns(review: Review) -> tuple[Group, Group]:
    """The review as two columns: the answer and the outcomes (findings, the two grids, the
    choices), then what explains them (criteria, capacity and pace, outcomes due). The app
    puts them side by side on a wide screen; one under the other, they are `review_view`."""
    answer: list[RenderableType] = [review_header(review)]
    answer += _section(_("Findings"), findings_text(review.findings))
    if not review.counts.decisions:
        return Group(*answer), Group()
    answer += _section(_("Does following the filter pay off?"), outcome_grid(review.outcomes))
    answer += _section(
        _("Reflex against filter: where they disagreed, which you followed"),
        reflex_grid(review.reflex_vs_filter),
    )
    answer += _section(_("Choices"), choices_table(review))
    evidence = _section(
        _(
            "Criteria that predict outcomes (accepted decisions: does a high value make a good "
            "yes?)"
        ),
        criteria_table(review.criteria),
    )
    if review.capacity.weeks:
        evidence += _section(_("Capacity and pace, week by week"), weeks_table(review.capacity))
    title = ngettext(
        "Outcomes due ({count}, decided over {days} day ago)",
        "Outcomes due ({count}, decided over {days} days ago)",
        review.after_days,
    ).format(count=i18n.decimal(len(review.due)), days=review.after_days)
    evidence += _section(
        title,
        due_table(review.due, DUE_SHOWN)
        if review.due
        else Text(pgettext("no outcome due", "none"), style="dim"),
    )
    return Group(*answer), Group(*evidence)


def review_view(review: Review) -> RenderableType:
    """The whole review, top to bottom: the answer first (findings), then the evidence."""
    return Group(*review_columns(review))


def _verdict(word: str) -> Text:
    return Text(choice_word(word), style=VERDICT_STYLES.get(word, ""))


def _score(score: float | None) -> str:
    return "–" if score is None else f"{score:.0f}"


def _rho(rho: float | None) -> str:
    """ρ with its sign and two decimals, `+0,42` in French."""
    return "–" if rho is None else ("+" if rho >= 0 else "") + i18n.fixed(rho, 2)


def flips_table(flips: Sequence[Flip]) -> Table:
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column(_("id"), justify="right", no_wrap=True)
    table.add_column(_("date"), no_wrap=True)
    table.add_column(_("title"), overflow="fold", ratio=3)
    table.add_column(_("verdict then → now"), no_wrap=True)
    table.add_column(_("score"), justify="right", no_wrap=True)
    table.add_column(_("final"), no_wrap=True)
    table.add_column(_("outcome"), justify="right", no_wrap=True)
    for flip in flips:
        verdicts = _verdict(flip.then)
        verdicts.append(" → ")
        verdicts.append_text(_verdict(flip.now))
        table.add_row(
            str(flip.id),
            flip.day.isoformat(),
            title_text(flip.title),
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
        text.append(f"\n  {i18n.decimal(count)} × ", style="dim")
        text.append(visible(reason), style=style)
    return text


def rescore_view(result: Rescore) -> RenderableType:
    head = Text(_("Replayed under") + " ", style="bold")
    head.append_text(literal(result.strategy, style="bold cyan"))
    totals = Table(box=None, show_header=False, pad_edge=False)
    totals.add_column(style="bold", no_wrap=True)
    totals.add_column()
    totals.add_row(_("Replayed"), i18n.decimal(result.replayed))
    flips = _("{count}  ({accepting} more accepting, {declining} more declining)").format(
        count=i18n.decimal(len(result.flips)),
        accepting=i18n.decimal(result.more_accepting),
        declining=i18n.decimal(result.more_declining),
    )
    totals.add_row(_("Would flip"), Text(flips))
    totals.add_row(_("Flipped"), cell_words(result.flipped))
    totals.add_row(_("Would stay"), cell_words(result.stayed))
    for (then, now), cell in sorted(result.changes.items()):
        change = Text("  ")
        change.append_text(_verdict(then))
        change.append(" → ")
        change.append_text(_verdict(now))
        totals.add_row(change, cell_words(cell))
    parts: list[RenderableType] = [head, totals]
    if result.not_replayable:
        parts += [Text(), _count_lines(_("Not replayable"), result.not_replayable, "yellow")]
    if result.left_out:
        parts += [Text(), _count_lines(_("Replayed without"), result.left_out, "yellow")]
    if result.missing:
        missing = {_("criterion '{id}'").format(id=k): n for k, n in result.missing.items()}
        without = _("Without a value (unrated then, or new)")
        parts += [Text(), _count_lines(without, missing, "dim")]
    parts += [Text(), findings_text(result.findings())]
    if result.flips:
        parts += _section(_("Verdicts that would flip"), flips_table(result.flips))
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
    body = [[_(rows[r]), *(cell_words(grid.cell(r, c)) for c in grid.columns)] for r in grid.rows]
    if total:
        body.append([_("all"), *(cell_words(grid.column(c)) for c in grid.columns)])
    return _md_table(["", *(_(columns[c]) for c in grid.columns)], body)


def _md_counts(counts: Mapping[str, int], choices: bool = True) -> str:
    """`accept 3, decline 2`: choices in the reader's words, kinds as the strategy names them."""
    return ", ".join(
        f"{md(choice_word(name) if choices else name)} {i18n.decimal(count)}"
        for name, count in counts.items()
    )


def review_markdown(review: Review, strategy_name: str) -> str:
    """The review as a Markdown report: tables for the grids and criteria, lists for the
    findings and the outcomes due. The outcomes due keep ISO dates: a list that reads and
    sorts like the log it points into."""
    c, a, o = review.counts, review.agreement, review.overrides
    n = i18n.decimal
    lines = [
        _("# Lighthouse review: {period}").format(period=md(review.period.label)),
        "",
        _("Strategy: {name}. Written {day}.").format(
            name=md(strategy_name), day=i18n.day(review.today)
        ),
        "",
        md(review.horizon),
        "",
        _("{decisions}, {rated} with an outcome.").format(
            decisions=_decisions(c.decisions), rated=n(c.rated)
        ),
        "",
        "## " + _("Findings"),
        "",
        *(f"- {md(line)}" for line in review.findings),
    ]
    if c.decisions:
        lines += [
            "",
            "## " + _("Does following the filter pay off?"),
            "",
            *_md_grid(review.outcomes, SAID, DID),
            "",
            "## " + _("Reflex against filter"),
            "",
            _("Where your reflex and the filter disagreed, and which one you followed:"),
            "",
            *_md_grid(review.reflex_vs_filter, REFLEX_ROWS, FOLLOWED_WORDS, total=True),
            "",
            "## " + _("Choices"),
            "",
            _("- By kind: {counts}").format(counts=_md_counts(c.by_kind, choices=False)),
            _("- Reflex: {counts}").format(counts=_md_counts(c.by_reflex)),
            _("- Filter: {counts}").format(counts=_md_counts(c.by_verdict)),
            _("- Final: {counts}").format(counts=_md_counts(c.by_final)),
            _(
                "- Reflex vs filter: agreed {agreed}, disagreed {disagreed}, reflex unsure "
                "{unsure}, filter said consider {consider}"
            ).format(
                agreed=n(a.agreed),
                disagreed=n(a.disagreed),
                unsure=n(a.reflex_unsure),
                consider=n(a.filter_consider),
            ),
            _(
                "- Against the filter: declined {declined} it accepted, accepted {accepted} it "
                "declined (followed {followed} of {clear} clear verdicts)"
            ).format(
                declined=n(o.accept_declined),
                accepted=n(o.decline_accepted),
                followed=n(o.followed),
                clear=n(o.clear_verdicts),
            ),
            "",
            "## " + _("Criteria that predict outcomes"),
            "",
            _("Over the accepted decisions with an outcome: does a high value make a good yes?"),
            "",
            *_md_table(
                [_("criterion"), _("in strategy"), "n", "ρ", _("reading")],
                [
                    [
                        md(s.label or s.id),
                        _("yes") if s.in_strategy else _("no"),
                        n(s.pairs),
                        _rho(s.rho),
                        md(_reading(s).plain),
                    ]
                    for s in review.criteria
                ],
            ),
        ]
        lines += _md_weeks(review.capacity)
        lines += ["", _("## Outcomes due ({count})").format(count=n(len(review.due))), ""]
        lines += [f"- {d.day.isoformat()} #{d.id} {md(d.title or _(UNTITLED))}" for d in review.due]
        if not review.due:
            lines.append(_("None."))
    return "\n".join(lines) + "\n"


def _md_weeks(capacity: CapacityReview) -> list[str]:
    if not capacity.weeks:
        return []
    hours = capacity.hours_per_week
    over = " " + _("(over)")
    return [
        "",
        _("## Capacity and pace (capacity {hours}/week)").format(hours=i18n.hours(hours)),
        "",
        *_md_table(
            [_("week of"), _("committed h"), _("decisions")],
            [
                [
                    w.start.isoformat(),
                    format_number(round(w.committed, 1)) + (over if w.committed > hours else ""),
                    str(w.decisions),
                ]
                for w in capacity.weeks
            ],
        ),
    ]
