"""The log's schema, as a list of forward migrations, each a tuple of SQL statements.

One statement per string, without its `;`, run one by one: a script split on `;` breaks on a
trigger's body or a string literal. SQLite stores each CREATE's text as written, so the shipped
statements keep theirs byte for byte.

`PRAGMA user_version` counts the migrations applied; opening a log applies the missing ones in
one transaction. A log written by a newer Lighthouse (a higher version) is refused, not
guessed at. Migrations are append-only: never edit one that has shipped.
"""

APPLICATION_ID = 0x4C485431  # "LHT1": tells our logs apart from any other SQLite file

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: inbox, decisions, the strategy versions that scored them
    (
        """CREATE TABLE strategies (
        fingerprint TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        source      TEXT NOT NULL,
        content     BLOB NOT NULL,
        first_used  TEXT NOT NULL
    ) STRICT""",
        """CREATE TABLE opportunities (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL,
        title      TEXT NOT NULL,
        source     TEXT,
        fields     TEXT NOT NULL,
        ratings    TEXT NOT NULL DEFAULT '{}',
        received   TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('pending', 'decided', 'archived')),
        import_key TEXT UNIQUE
    ) STRICT""",
        "CREATE INDEX opportunities_by_status ON opportunities (status, received)",
        """CREATE TABLE decisions (
        id             INTEGER PRIMARY KEY,
        opportunity_id INTEGER NOT NULL REFERENCES opportunities (id),
        decided_at     TEXT NOT NULL,
        default_choice TEXT NOT NULL CHECK (default_choice IN ('accept', 'decline', 'unsure')),
        verdict        TEXT NOT NULL CHECK (verdict IN ('accept', 'decline', 'consider')),
        score          REAL,
        provisional    INTEGER NOT NULL,
        evaluation     TEXT NOT NULL,
        strategy       TEXT NOT NULL REFERENCES strategies (fingerprint),
        final_choice   TEXT NOT NULL CHECK (final_choice IN ('accept', 'decline', 'defer')),
        note           TEXT
    ) STRICT""",
        "CREATE INDEX decisions_by_time ON decisions (decided_at DESC, id DESC)",
    ),
    # 2: outcomes, appended (a correction is a new row; the earlier one is kept), and what
    #    capacity needs without reading every opportunity's JSON
    (
        """CREATE TABLE outcomes (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL REFERENCES decisions (id),
        rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        note        TEXT,
        happened_on TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    ) STRICT""",
        "CREATE INDEX outcomes_by_decision ON outcomes (decision_id, id DESC)",
        "ALTER TABLE decisions ADD COLUMN kind TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE decisions ADD COLUMN hours_per_week REAL",
        "ALTER TABLE decisions ADD COLUMN weeks REAL",
        """UPDATE decisions SET
        kind = (SELECT kind FROM opportunities o WHERE o.id = opportunity_id),
        hours_per_week = (SELECT json_extract(fields, '$.hours_per_week') FROM opportunities o
                          WHERE o.id = opportunity_id),
        weeks = (SELECT json_extract(fields, '$.weeks') FROM opportunities o
                 WHERE o.id = opportunity_id)""",
        """CREATE INDEX decisions_commitments ON decisions (final_choice, hours_per_week)
        WHERE final_choice = 'accept' AND hours_per_week IS NOT NULL""",
    ),
    # 3: the commitments index holds every column capacity reads, so `check` never visits the
    #    decisions' wide rows: 32 ms → 5 ms for the running ones among 25,000 commitments
    (
        "DROP INDEX decisions_commitments",
        """CREATE INDEX decisions_commitments
        ON decisions (final_choice, decided_at, weeks, hours_per_week)
        WHERE final_choice = 'accept' AND hours_per_week IS NOT NULL""",
    ),
    # 4: corrections of a decision's final choice, appended as outcomes are: the decision row
    #    holds the current choice (what capacity, the review and the log read), each row here
    #    the choice it replaced, so nothing is rewritten without a trace
    (
        """CREATE TABLE corrections (
        id          INTEGER PRIMARY KEY,
        decision_id INTEGER NOT NULL REFERENCES decisions (id),
        previous    TEXT NOT NULL CHECK (previous IN ('accept', 'decline', 'defer')),
        final       TEXT NOT NULL CHECK (final IN ('accept', 'decline', 'defer')),
        note        TEXT,
        recorded_at TEXT NOT NULL
    ) STRICT""",
        "CREATE INDEX corrections_by_decision ON corrections (decision_id, id)",
    ),
    # 5: each criterion a decision's evaluation valued, in a narrow row (`valued_criteria`'s
    #    test, in SQL for the decisions logged before), so a review of years reads them
    #    without decoding every evaluation: `review --period all` on 100,000, 6.4 s → 0.7 s
    (
        """CREATE TABLE decision_criteria (
        decision_id INTEGER NOT NULL REFERENCES decisions (id),
        position    INTEGER NOT NULL,
        criterion   TEXT NOT NULL,
        value       REAL NOT NULL,
        PRIMARY KEY (decision_id, position)
    ) STRICT, WITHOUT ROWID""",
        """INSERT INTO decision_criteria (decision_id, position, criterion, value)
        SELECT d.id, e.key, e.value ->> '$.id', e.value ->> '$.value'
        FROM (SELECT id, iif(json_valid(evaluation), evaluation, '{}') AS evaluation
              FROM decisions) d, json_each(d.evaluation, '$.criteria') e
        WHERE json_type(d.evaluation, '$.criteria') = 'array'
            AND e.type = 'object'
            AND json_type(e.value, '$.id') = 'text'
            AND json_type(e.value, '$.value') IN ('integer', 'real')
            AND abs(e.value ->> '$.value') <= 1.7976931348623157e308""",
        "CREATE INDEX decision_criteria_by_criterion ON decision_criteria (criterion)",
    ),
    # 6: the review counts decisions per choice, kind and strategy version off this index,
    #    never visiting the decisions' wide rows (their evaluations): on 100,000 decisions,
    #    150 ms → 40 ms
    (
        """CREATE INDEX decisions_tally
        ON decisions (default_choice, verdict, final_choice, kind, strategy, decided_at)""",
    ),
)
LATEST = len(MIGRATIONS)
READABLE_FROM = 2
"""The oldest version a read-only command can use as it is: the migrations after it only add
indexes, the corrections table (read as empty until it exists: `DecisionLog.corrections`)
and the narrow `decision_criteria` (a review reads the evaluations without it), so `check` or
`log` need not wait for a command that writes to apply them."""
