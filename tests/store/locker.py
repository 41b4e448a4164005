"""Another process holding the log's write lock, as a stuck Lighthouse or a backup tool would:

    python locker.py DB

takes an exclusive lock with plain sqlite3, prints "locked", and keeps it until its standard
input closes, so the test decides exactly how long the log stays locked.
"""

import sqlite3
import sys

if __name__ == "__main__":
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.read()
    db.execute("ROLLBACK")
    db.close()
