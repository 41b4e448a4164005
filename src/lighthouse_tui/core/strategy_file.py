"""Reading the strategy file, validated once per version of it.

Validation is pydantic's, and pydantic (importing it, building its validators) is half of
what a short command such as `lighthouse check` costs at start-up, to check a file that
changes a few times a month. So a strategy that validated is kept in the user's cache
directory, keyed by the file's path, and used again while three things stay as they were:
the file's bytes (its sha256 fingerprint, which the log already records), the code that
validates it (the bytes of the modules that define and check the schema, and pydantic's
version) and Python's version. Any difference, or a cache that cannot be read, and the file
goes through the loader again, exactly as without a cache. Errors are never kept: a file
with problems is validated, and its problems reported, on every run.

The cache holds a pickle of the validated strategy: plain frozen dataclasses, read back
without pydantic. It lives in a directory only the user can open (0700, files 0600), as the
rest of their data; whoever can write there can already run code as them.
"""

import contextlib
import hashlib
import os
import pickle
import sys
from importlib.machinery import PathFinder
from pathlib import Path

from lighthouse_tui.core import strategy
from lighthouse_tui.core.i18n import _
from lighthouse_tui.core.loaded import MAX_BYTES, LoadedStrategy, loaded_strategy
from lighthouse_tui.core.locations import APP_NAME
from lighthouse_tui.core.problems import file_problem

_FORMAT = b"lighthouse strategy cache 1"
_VALIDATING = (
    "strategy.py",
    "constraints.py",
    "types.py",
    "loader.py",
    "rules.py",
    "vocabulary.py",
    "loaded.py",
)
"""The modules of `lighthouse_tui.core` whose code decides what a file validates into."""


def load_strategy_file(path: Path) -> LoadedStrategy:
    """The strategy at `path`, from the cache when this version of it validated before; else
    validated by the loader, and kept. Raises `ProblemsError` for a file that does not load."""
    name = str(path)
    data = _read_file(path)
    fingerprint = hashlib.sha256(data).hexdigest()
    entry = _entry(path)
    stamp = _code_stamp()
    if stamp is not None and (kept := _read(entry, stamp, fingerprint)) is not None:
        return loaded_strategy(kept, source=name, data=data, fingerprint=fingerprint)
    from lighthouse_tui.core.loader import load_strategy_bytes

    loaded = load_strategy_bytes(data, name)
    if stamp is not None:
        _write(entry, pickle.dumps((_FORMAT, stamp, fingerprint, loaded.strategy), protocol=5))
    return loaded


def _read_file(path: Path) -> bytes:
    """The file's bytes, or its one problem in the user's words."""
    try:
        if path.is_dir():
            raise file_problem(str(path), _("is a directory, not a strategy file"))
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise file_problem(str(path), _("no such file")) from None
    except PermissionError:
        raise file_problem(str(path), _("cannot be read: permission denied")) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise file_problem(str(path), _("cannot be read: {reason}").format(reason=reason)) from None


def _entry(path: Path) -> Path:
    """The cache file of the strategy at `path`: one per strategy file, overwritten when the
    file changes, so the cache never grows with the edits."""
    from platformdirs import user_cache_path

    key = hashlib.sha256(os.fsencode(path.resolve())).hexdigest()[:32]
    return user_cache_path(APP_NAME) / f"strategy-{key}.pickle"


def _code_stamp() -> bytes | None:
    """What a strategy's validation depends on besides its file, byte for byte: the modules
    that define and check the schema and compile the rules (a rule that compiled under other
    code must be checked again, not fail on a hit), pydantic's version file and Python's
    version. Found by path, without importing what a hit does not need. None when the code
    cannot be read (an install without its sources): then nothing is cached."""
    stamp = hashlib.sha256(sys.version.encode())
    core = Path(strategy.__file__).parent
    try:
        for name in _VALIDATING:
            stamp.update((core / name).read_bytes())
    except OSError:
        return None
    # PathFinder is part of the import system, already loaded; importlib.util is not.
    spec = PathFinder.find_spec("pydantic")
    if spec is not None and spec.origin is not None:
        stamp.update(Path(spec.origin).with_name("version.py").read_bytes())
    return stamp.digest()


def _read(entry: Path, stamp: bytes, fingerprint: str) -> strategy.Strategy | None:
    """The strategy kept in `entry` for this fingerprint and code, or None. A missing, stale
    or damaged entry (another version's classes, a write cut short) is only a miss."""
    try:
        kept = pickle.loads(entry.read_bytes())
    except Exception:  # damaged bytes can make unpickling raise almost anything; none is a bug
        return None
    if not (isinstance(kept, tuple) and len(kept) == 4):
        return None
    form, kept_stamp, kept_fingerprint, kept_strategy = kept
    if (form, kept_stamp, kept_fingerprint) != (_FORMAT, stamp, fingerprint):
        return None
    return kept_strategy if isinstance(kept_strategy, strategy.Strategy) else None


def _write(entry: Path, payload: bytes) -> None:
    """Replace `entry` whole (a reader never sees half a file), private to the user. A cache
    that cannot be written (a read-only home, a full disk) costs speed, never the command."""
    partial = entry.with_name(f".{entry.name}.{os.getpid()}")
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        os.replace(partial, entry)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
