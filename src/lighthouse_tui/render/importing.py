"""What an import did, in words: the same lines in the terminal (`lighthouse import`) and in
the app's Import dialog, so the two never describe a run differently."""

from rich.console import Group
from rich.text import Text

from lighthouse_tui.core import i18n
from lighthouse_tui.core.i18n import _, ngettext
from lighthouse_tui.ingest import ImportSummary, SourceReport
from lighthouse_tui.render.literal import literal


def source_line(source: SourceReport) -> Text:
    """`leads.csv  CSV · utf-8 · ','  12 rows`: how a source was read, for the user to
    check (a wrong encoding or delimiter shows here first)."""
    line = literal(source.source, style="bold")
    line.append(f"  {' · '.join([source.format, *source.details])}", style="dim")
    line.append(f"  {_units(source.unit, source.items)}")
    return line


def _units(unit: str, count: int) -> str:
    """`12 rows`: each reader's unit (`SourceReport.unit`, a key of the JSON summary) counted
    in words."""
    n = i18n.decimal(count)
    words = {
        "row": ngettext("{count} row", "{count} rows", count),
        "line": ngettext("{count} line", "{count} lines", count),
        "entry": ngettext("{count} entry", "{count} entries", count),
        "message": ngettext("{count} message", "{count} messages", count),
    }
    return words.get(unit, ngettext("{count} item", "{count} items", count)).format(count=n)


def outcome_line(summary: ImportSummary) -> Text:
    """The run in one sentence: what was saved, what was already there, what was skipped."""
    if summary.nothing_read:
        return Text(_("Nothing imported: no source could be read."), style="bold red")
    if summary.saved and summary.skipped:
        sentence = _(
            "Imported {new} new, {duplicates} already there, {skipped} skipped with problems."
        )
    elif summary.saved:
        sentence = _("Imported {new} new, {duplicates} already there.")
    elif summary.skipped:
        sentence = _(
            "Dry run, nothing saved: {new} new, {duplicates} already there, "
            "{skipped} skipped with problems."
        )
    else:
        sentence = _("Dry run, nothing saved: {new} new, {duplicates} already there.")
    counts = {
        "new": i18n.decimal(summary.new),
        "duplicates": i18n.decimal(summary.duplicates),
        "skipped": i18n.decimal(summary.skipped),
    }
    return Text(sentence.format(**counts), style="bold")


def notice_lines(summary: ImportSummary) -> list[Text]:
    """What was kept but is worth knowing (columns left out, bodies cut), one line each."""
    return [Text(_("note: {note}").format(note=notice), style="dim") for notice in summary.notices]


def problem_lines(summary: ImportSummary) -> list[Text]:
    """What was skipped, one line each, `SOURCE:ITEM: what was wrong`."""
    return [Text(str(problem), style="red") for problem in summary.problems]


def summary_view(summary: ImportSummary) -> Group:
    """Everything the dialog shows after a run: the outcome first, the problems before the
    notes, as the problems are what to act on."""
    parts: list[Text] = [outcome_line(summary), Text()]
    parts += [source_line(source) for source in summary.sources if source.read]
    if summary.problems:
        heading = (
            _("Skipped, one line each:")
            if summary.nothing_read
            else _("Skipped, one line each (the rest was kept):")
        )
        parts += [Text(), Text(heading, style="bold"), *problem_lines(summary)]
    notices = notice_lines(summary)
    if notices:
        parts += [Text(), *notices]
    return Group(*parts)
