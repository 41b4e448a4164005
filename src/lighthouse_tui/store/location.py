"""Where the decision log lives, created private to the user.

The log holds who asked what and what was decided: the directory is 0700 and the database
file (and SQLite's -wal and -shm files, which inherit the database file's mode) 0600.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from platformdirs import user_data_path

DB_ENV = "LIGHTHOUSE_DB"
DB_NAME = "lighthouse.db"


def find_db(
    explicit: str | os.PathLike[str] | None, environ: Mapping[str, str] = os.environ
) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if from_env := environ.get(DB_ENV):
        return Path(from_env).expanduser()
    return user_data_path("lighthouse") / DB_NAME


def create_private(path: Path) -> None:
    """Create the log's directory (0700) and an empty file (0600) before SQLite opens it, so
    the files are never readable by others, even for an instant.

    An existing log is left unopened: closing any descriptor of a file drops every POSIX lock
    the process holds on it, those of a log already open in this process included. Another
    process would then think it is the log's last user, delete the write-ahead log under the
    open one, and the decisions written there next would be lost.
    """
    if path.exists():
        return
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
