"""What an import did, in words: the same lines in the terminal (`lighthouse import`) and in
the app's Import dialog, so the two never describe a run differently."""

from rich.console import Group
from rich.text import Text

from lighthouse_tui.ingest import ImportSummary, SourceReport
from lighthouse_tui.render.literal import literal


def source_line(source: SourceReport) -> Text:
    """`leads.csv  CSV · utf-8 · ','  12 rows`: how a source was read, for the user to
    check (a wrong encoding or delimiter shows here first)."""
    line = literal(source.source, style="bold")
    line.append(f"  {' · '.join([source.format, *source.details])}", style="dim")
    plural = "" if source.items == 1 else "s"
    line.append(f"  {source.items:,} {source.unit}{plural}")
    return line


def outcome_line(summary: ImportSummary) -> Text:
    """The run in one sentence: what was saved, what was already there, what was skipped."""
    if summary.nothing_read:
        return Text("Nothing imported: no source could be read.", style="bold red")
    counts = f"{summary.new:,} new, {summary.duplicates:,} already there"
    if summary.skipped:
        counts += f", {summary.skipped:,} skipped with problems"
    if summary.saved:
        return Text(f"Imported {counts}.", style="bold")
    return Text(f"Dry run, nothing saved: {counts}.", style="bold")


def notice_lines(summary: ImportSummary) -> list[Text]:
    """What was kept but is worth knowing (columns left out, bodies cut), one line each."""
    return [Text(f"note: {notice}", style="dim") for notice in summary.notices]


def problem_lines(summary: ImportSummary) -> list[Text]:
    """What was skipped, one line each, `SOURCE:ITEM: what was wrong`."""
    return [Text(str(problem), style="red") for problem in summary.problems]


def summary_view(summary: ImportSummary) -> Group:
    """Everything the dialog shows after a run: the outcome first, the problems before the
    notes, as the problems are what to act on."""
    parts: list[Text] = [outcome_line(summary), Text()]
    parts += [source_line(source) for source in summary.sources if source.read]
    if summary.problems:
        heading = "Skipped, one line each" + (
            "" if summary.nothing_read else " (the rest was kept)"
        )
        parts += [Text(), Text(f"{heading}:", style="bold"), *problem_lines(summary)]
    notices = notice_lines(summary)
    if notices:
        parts += [Text(), *notices]
    return Group(*parts)
