"""Importers: CSV, JSON, JSON Lines, TOML and e-mail (.eml, mbox, Maildir) → opportunities,
with one problem line per bad item and the good items kept.

A layer below the CLI and the app, beside the store: it imports `core` only (no Rich, no
Textual, no SQLite), and saves through whatever inbox it is handed.

    options = make_options(strategy, kind="client_request", maps=["E-mail subject=title"])
    summary = import_sources([Path("leads.csv"), Path("Inbox.mbox")], options, inbox=log)
"""

from lighthouse_tui.ingest.options import ImportOptions, make_options
from lighthouse_tui.ingest.report import ImportSummary, Issue, SourceReport
from lighthouse_tui.ingest.run import Inbox, KnownKeys, ProgressHook, import_sources
from lighthouse_tui.ingest.sources import NamedBytes, Source

__all__ = [
    "ImportOptions",
    "ImportSummary",
    "Inbox",
    "Issue",
    "KnownKeys",
    "NamedBytes",
    "ProgressHook",
    "Source",
    "SourceReport",
    "import_sources",
    "make_options",
]
