"""E-mail: .eml, mbox and Maildir; Subject, From, Date and text; the broken, undecodable and
huge messages real mailboxes hold."""

import shutil
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lighthouse_tui.ingest.mail_body import BODY_LIMIT, CUT_MARKER
from lighthouse_tui.store.log import DecisionLog

from .conftest import IMPORT_DATA, Import, lines

MAIL = IMPORT_DATA / "mail"


def only(log: DecisionLog) -> tuple[str, str | None, datetime, str | None]:
    [item] = log.inbox()
    return item.title, item.source, item.received, item.fields.get("notes")


def test_a_plain_message(run: Import, log: DecisionLog) -> None:
    summary = run(MAIL / "plain.eml", kind="client_request")
    assert (summary.new, summary.problems, summary.notices) == (1, (), ())
    assert only(log) == (
        "Workshop for our sales team",
        "Ann Martin <ann@example.com>",
        datetime(2026, 2, 2, 9, tzinfo=UTC),
        "Hello,\n\nCould you run a half-day workshop in March? Budget around 1500.\n\nAnn",
    )
    assert log.inbox()[0].kind == "client_request"


def test_encoded_words_and_quoted_printable_latin1(run: Import, log: DecisionLog) -> None:
    run(MAIL / "encoded-subject.eml")
    title, source, _, notes = only(log)
    assert (title, source) == (
        "Partenariat pour le webinaire — automne",
        "René Dupré <rene@example.fr>",
    )
    assert notes == "Bonjour, un webinaire ensemble à l'automne ?"


def test_html_only_becomes_text_with_its_paragraphs(run: Import, log: DecisionLog) -> None:
    run(MAIL / "html-only.eml")
    assert only(log)[3] == (
        "Hi,\n\nWould you give a 20-minute talk on e-mail marketing?\n\n"
        "- Date: 12 March\n- Fee: none"
    )


def test_attachments_are_named_not_imported(run: Import, log: DecisionLog) -> None:
    run(MAIL / "attachments.eml")
    assert only(log)[3] == "See the deck and the budget.\n\nAttachments: deck.pdf, budget été.png"


def test_no_subject_is_titled_and_said(run: Import, log: DecisionLog) -> None:
    summary = run(MAIL / "no-subject.eml")
    assert summary.problems == ()
    assert lines(summary.notices) == [
        f"{MAIL / 'no-subject.eml'}: no Subject: titled '(no subject)'"
    ]
    assert only(log)[0] == "(no subject)"


def test_a_broken_date_is_received_now_and_said(run: Import, log: DecisionLog) -> None:
    before = datetime.now(UTC)
    summary = run(MAIL / "bad-date.eml")
    assert lines(summary.notices) == [
        f"{MAIL / 'bad-date.eml'}: Date 'the day after tomorrow' is not a date: received now"
    ]
    assert before <= only(log)[2] <= datetime.now(UTC)


@pytest.mark.parametrize(
    ("name", "notes", "notice"),
    [
        (
            "unknown-charset.eml",
            "caf\ufffd cr\ufffdme",
            "unknown charset 'x-klingon': read as UTF-8, undecodable bytes replaced",
        ),
        (
            "invalid-bytes.eml",
            "café then \ufffd\ufffd bad",
            "bytes not valid in utf-8 were replaced",
        ),
        (
            "broken-mime.eml",
            "This boundary never shows up, but the text is here.",
            "broken MIME (multipart invariant violation, start boundary not found): read what "
            "could be read",
        ),
    ],
)
def test_undecodable_and_broken_messages_are_kept_and_said(
    run: Import, log: DecisionLog, name: str, notes: str, notice: str
) -> None:
    summary = run(MAIL / name)
    assert summary.problems == ()
    assert lines(summary.notices) == [f"{MAIL / name}: {notice}"]
    assert only(log)[3] == notes


def test_an_mbox_numbers_its_messages(run: Import, log: DecisionLog) -> None:
    path = IMPORT_DATA / "exported.mbox"
    summary = run(path)
    assert lines(summary.problems) == [
        f"{path}:6: not an e-mail message: it does not start with headers"
    ]
    assert lines(summary.notices) == [f"{path}:3: no Subject: titled '(no subject)'"]
    assert (summary.sources[0].format, summary.sources[0].items) == ("mbox", 7)
    assert (summary.new, summary.duplicates, summary.skipped) == (5, 1, 1)
    carol = next(i for i in log.inbox() if i.title.startswith("Coaching"))
    assert carol.fields["notes"] == "Three sessions a month?\n>From the start of April."


def make_maildir(root: Path, messages: dict[str, bytes]) -> Path:
    for part in ("cur", "new", "tmp"):
        (root / part).mkdir(parents=True)
    for name, data in messages.items():
        (root / name).write_bytes(data)
    return root


def test_a_maildir_names_its_files_and_shares_keys_with_the_mbox(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    maildir = make_maildir(
        tmp_path / "Mail",
        {
            "cur/1700000000.1.host:2,S": (MAIL / "plain.eml").read_bytes(),
            "new/1700000001.2.host": (MAIL / "html-only.eml").read_bytes(),
            "new/1700000002.3.host": b"no headers at all\n",
            "new/.hidden": b"Subject: ignored\n\n",
        },
    )
    summary = run(maildir)
    assert lines(summary.problems) == [
        f"{maildir}:new/1700000002.3.host: not an e-mail message: it does not start with headers"
    ]
    assert (summary.sources[0].format, summary.new) == ("Maildir", 2)
    again = run(IMPORT_DATA / "exported.mbox")
    assert (again.new, again.duplicates) == (3, 3)


def test_a_directory_that_is_not_a_maildir(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(MAIL / "plain.eml", folder)
    shutil.copy(IMPORT_DATA / "offers.toml", folder)
    (folder / "readme.txt").write_text("hello")
    (folder / "old").mkdir()
    summary = run(folder)
    assert [s.source for s in summary.sources] == [
        str(folder / "offers.toml"),
        str(folder / "plain.eml"),
    ]
    assert lines(summary.notices) == [
        f"{folder}: skipped old/, readme.txt: not a Maildir, so only .csv .tsv .json .jsonl "
        ".ndjson .toml .eml .mbox .mbx files are read, and no sub-directories"
    ]
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert lines(run(empty).problems) == [
        f"{empty}: empty: nothing to import (no file with a known extension)"
    ]


def test_a_message_without_message_id_is_keyed_by_its_content(run: Import, tmp_path: Path) -> None:
    message = b"From: a@example.com\nSubject: Hello\nDate: Mon, 2 Feb 2026 10:00:00 +0000\n\nHi\n"
    (tmp_path / "a.eml").write_bytes(message)
    (tmp_path / "b.eml").write_bytes(message.replace(b"\n", b"\r\n"))
    (tmp_path / "c.eml").write_bytes(message.replace(b"Hi", b"Hi again"))
    summary = run(tmp_path / "a.eml", tmp_path / "b.eml", tmp_path / "c.eml")
    assert (summary.new, summary.duplicates) == (2, 1)


def huge_message(path: Path, *, text_kb: int, attachment_mb: int) -> Path:
    """Written line by line: the test itself must not hold 20 MB either."""
    line = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3\n"
    with path.open("wb") as out:
        out.write(
            b"From: big@example.com\nSubject: Huge\nMessage-ID: <huge@example.com>\n"
            b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B\n\n"
            b"--B\nContent-Type: text/plain; charset=utf-8\n\n"
        )
        for _ in range(text_kb * 1024 // 64):
            out.write(b"all work and no play makes a long body, line after line......\n")
        out.write(
            b"--B\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
            b'Content-Disposition: attachment;\n filename="big.bin"\n\n'
        )
        for _ in range(attachment_mb * 1024 * 1024 // len(line)):
            out.write(line)
        out.write(
            b"--B\nContent-Type: application/pdf\n"
            b'Content-Disposition: attachment; filename="after.pdf"\n\nx\n--B--\n'
        )
    return path


def test_a_20_mb_message_is_cut_at_64_kb_in_bounded_memory(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = huge_message(tmp_path / "huge.eml", text_kb=200, attachment_mb=20)
    assert path.stat().st_size > 20_000_000
    tracemalloc.start()
    try:
        summary = run(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.problems == ()
    assert peak < 5_000_000, f"{peak:,} bytes at peak for a {path.stat().st_size:,} byte message"
    notes = only(log)[3]
    assert notes is not None
    body, marker, attachments = notes.rsplit("\n\n", 2)
    assert len(body) == BODY_LIMIT
    assert body.startswith("all work and no play")
    assert marker == CUT_MARKER
    assert attachments == "Attachments: big.bin, after.pdf"


def test_a_short_body_before_a_huge_attachment_is_not_cut(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = huge_message(tmp_path / "deck.eml", text_kb=1, attachment_mb=2)
    run(path)
    notes = only(log)[3]
    assert notes is not None
    assert CUT_MARKER not in notes
    assert notes.endswith("line after line......\n\nAttachments: big.bin, after.pdf")


def test_an_empty_text_part_gives_way_to_the_html_one(
    run: Import, log: DecisionLog, tmp_path: Path
) -> None:
    path = tmp_path / "alt.eml"
    path.write_bytes(
        b"From: a@example.com\nSubject: Feature\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/alternative; boundary="A"\n\n'
        b"--A\nContent-Type: text/plain\n\n\n"
        b"--A\nContent-Type: text/html\n\n<p>We would love to <b>feature</b> you.</p>\n--A--\n"
    )
    run(path)
    assert only(log)[3] == "We would love to feature you."


def test_a_huge_single_part_body_is_cut_too(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    path = tmp_path / "long.eml"
    with path.open("wb") as out:
        out.write(b"From: x@example.com\nSubject: Long\n\n")
        for _ in range(300_000):
            out.write(b"words words words words words words words words words words.\n")
    run(path)
    notes = only(log)[3]
    assert notes is not None
    assert notes.endswith(f"\n\n{CUT_MARKER}")
    assert len(notes) == BODY_LIMIT + len(CUT_MARKER) + 2


def test_nul_bytes_in_a_message_are_kept(run: Import, log: DecisionLog, tmp_path: Path) -> None:
    path = tmp_path / "nul.eml"
    path.write_bytes(b"From: a@example.com\nSubject: Hello\n\nnul\x00byte\n")
    assert run(path).problems == ()
    assert only(log)[3] == "nul\x00byte"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty: nothing to import"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "not an e-mail message: it does not start with headers",
        ),
    ],
)
def test_an_eml_that_is_not_a_message(
    run: Import, tmp_path: Path, data: bytes, problem: str
) -> None:
    path = tmp_path / "x.eml"
    path.write_bytes(data)
    summary = run(path)
    assert lines(summary.problems) == [f"{path}: {problem}"]
    assert summary.nothing_read


def test_an_mbox_that_is_not_one(run: Import, tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_bytes(b"Subject: hi\n\nbody")
    assert lines(run(path).problems) == [
        f"{path}: not an mbox file: it does not start with a 'From ' line"
    ]


@pytest.mark.parametrize(
    ("header", "source"),
    [
        ('"Thomas Girard" <t.girard@example.fr>', "Thomas Girard <t.girard@example.fr>"),
        ('"Girard, Thomas" <t.girard@example.fr>', "Girard, Thomas <t.girard@example.fr>"),
        (
            "=?utf-8?q?=22Ren=C3=A9_Dupr=C3=A9=22?= <rene@example.fr>",
            "René Dupré <rene@example.fr>",
        ),
        ("<t.girard@example.fr>", "t.girard@example.fr"),
        ("t.girard@example.fr (Thomas)", "Thomas <t.girard@example.fr>"),
        ("Accounts team", "Accounts team"),
    ],
)
def test_the_sender_is_stored_clean(
    run: Import, log: DecisionLog, tmp_path: Path, header: str, source: str
) -> None:
    path = tmp_path / "m.eml"
    path.write_bytes(
        f"From: {header}\r\nSubject: Talk\r\nDate: Mon, 2 Feb 2026 09:00:00 +0000\r\n"
        "\r\nHi\r\n".encode()
    )
    run(path)
    assert only(log)[1] == source
