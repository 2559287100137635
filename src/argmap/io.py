"""Reading and writing files safely: the only module below the CLI that opens files.

Reading (:func:`read_bytes`, :func:`read_text`): only regular files are read
(a FIFO, a device such as ``/dev/zero``, a socket or a folder is refused with
a message saying what it is), and never more than :func:`max_file_size`
bytes (64 MiB unless the environment variable ``ARGMAP_MAX_FILE_SIZE`` says
otherwise), so no input can make argmap block or read until memory runs out.

Writing (:func:`write_atomic`): the bytes go to a temporary file in the
target's folder, which is then renamed over the target, so a failure leaves
what was there before. A symlink is written through (its target is
replaced, the link stays); an existing FIFO, device, socket or folder is
refused. During a write (:func:`removing_temporaries_on_signal`), SIGTERM and
SIGINT delete the temporary files of writes under way before the process ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from argmap.errors import ArgmapError

DEFAULT_MAX_FILE_SIZE = 64 * 1024 * 1024
"""The most bytes argmap reads from one input file (maps, source texts, git blobs)."""
MAX_FILE_SIZE_ENV = "ARGMAP_MAX_FILE_SIZE"
"""The environment variable that changes :data:`DEFAULT_MAX_FILE_SIZE` (bytes, or 64M, 1G)."""

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)(?:i?b)?\s*$", re.I)


def parse_size(text: str, name: str = MAX_FILE_SIZE_ENV) -> int:
    """Bytes from ``1048576``, ``512K``, ``64M`` or ``2G`` (binary units)."""
    m = _SIZE.match(text)
    if m is None or int(m.group(1)) <= 0:
        raise ArgmapError(
            f"{name}={text!r}: not a size; give a number of bytes, e.g. 67108864 or 64M"
        )
    return int(m.group(1)) * _UNITS[m.group(2).lower()]


def max_file_size() -> int:
    """The input size limit: ``ARGMAP_MAX_FILE_SIZE`` when set, else 64 MiB."""
    value = os.environ.get(MAX_FILE_SIZE_ENV)
    return DEFAULT_MAX_FILE_SIZE if not value else parse_size(value)


def human_size(n: int) -> str:
    """``n`` bytes as ``64 MiB``, ``1.5 GiB``, ``900 bytes``."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= factor:
            value = n / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words (``a FIFO (named pipe)``, ...)."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def too_big(path: object, size: int | None, limit: int) -> ArgmapError:
    """The error for an input over the size limit (``size`` None: unknown)."""
    what = f"is {human_size(size)}" if size is not None else "is bigger than"
    return ArgmapError(
        f"{path}: {what}{',' if size is not None else ''} over the {human_size(limit)} limit "
        f"on input files; set {MAX_FILE_SIZE_ENV}=BYTES (e.g. 256M) to raise it"
    )


def read_bytes(path: str | Path, limit: int | None = None, *, what: str = "map file") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them
    (default :func:`max_file_size`); ArgmapError naming the file otherwise.

    The file is opened without blocking (a FIFO cannot hang the call) and
    checked to be a regular file before anything is read from it.
    """
    limit = max_file_size() if limit is None else limit
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ArgmapError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ArgmapError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ArgmapError(
                f"{path}: is {kind_of(info.st_mode)}, not a {what}; argmap reads only regular files"
            )
        if info.st_size > limit:
            raise too_big(path, info.st_size, limit)
        chunks: list[bytes] = []
        got = 0
        while got <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > limit:  # the file grew while it was read
            raise too_big(path, None, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_text(path: str | Path, limit: int | None = None, *, what: str = "text file") -> str:
    """The UTF-8 text of the regular file ``path`` (see :func:`read_bytes`);
    ArgmapError with the line and column of a byte that is not UTF-8."""
    raw = read_bytes(path, limit, what=what)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ArgmapError(
            f"{path}:{line}:{col}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


# --------------------------------------------------------------------------- writing

_pending: set[str] = set()
_lock = threading.RLock()


def _remove_pending() -> None:
    with _lock:
        for tmp in list(_pending):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        _pending.clear()


def _on_signal(signum: int, frame: FrameType | None) -> None:
    import signal

    _remove_pending()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)  # end as the signal would have


@contextlib.contextmanager
def removing_temporaries_on_signal() -> Iterator[None]:
    """While inside, SIGTERM, SIGINT and SIGHUP remove the temporary files of
    writes under way, then end the process as the signal would.

    :func:`write_atomic` enters it for each write; a caller whose writes run
    in other threads enters it around them. Only the main thread can set
    signal handlers (elsewhere this does nothing), and only default handlers
    are replaced; the previous ones are put back on leaving, so a signal
    outside a write acts at once, as it always did.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import signal

    defaults: dict[int, Any] = {
        signal.SIGTERM: signal.SIG_DFL,
        signal.SIGINT: signal.default_int_handler,
    }
    if hasattr(signal, "SIGHUP"):
        defaults[signal.SIGHUP] = signal.SIG_DFL
    replaced: dict[int, Any] = {}
    for signum, default in defaults.items():
        current = signal.getsignal(signum)
        if current is default:
            replaced[signum] = current
            signal.signal(signum, _on_signal)
    try:
        yield
    finally:
        for signum, handler in replaced.items():
            signal.signal(signum, handler)


def output_target(path: Path) -> Path:
    """Where writing ``path`` puts the bytes: ``path`` itself, or the file a
    symlink at ``path`` points to; ArgmapError for an existing non-regular file."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    try:
        mode = target.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return target  # the write says what is in the way
    except OSError as exc:
        raise ArgmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        hint = " (use -o - for standard output)" if not stat.S_ISDIR(mode) else ""
        raise ArgmapError(
            f"{path}: is {kind_of(mode)}; argmap writes only regular files and will not "
            f"replace it{hint}"
        )
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename.

    A failure at any point leaves the previous file (if any) untouched, and
    no temporary file behind. Parent folders are created as needed. A
    symlink is written through to its target; an existing FIFO, device,
    socket or folder is refused (ArgmapError).
    """
    with removing_temporaries_on_signal():
        _write_atomic(Path(path), data)


def _write_atomic(path: Path, data: bytes) -> None:
    target = output_target(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = str(target.parent / f".{target.name}.{os.urandom(6).hex()}.tmp")
    with _lock:
        _pending.add(tmp)
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except BaseException:
            _pending.discard(tmp)
            raise
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(fd, mode)  # the file is made 0600; keep the old mode or the umask's
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        with _lock:
            _pending.discard(tmp)


# --------------------------------------------------------------------------- source files

PROJECT_CONFIG = "pyproject.toml"
"""The project file whose ``[tool.argmap] allow`` list names more folders source files may be in."""


def project_allow(folder: Path) -> tuple[Path, ...]:
    """The folders listed under ``[tool.argmap] allow`` in the nearest
    pyproject.toml at or above ``folder`` (relative to that file's folder).

    Only the nearest pyproject.toml counts, found from the real path of
    ``folder``; ArgmapError when it is not valid TOML or the list is not a
    list of strings.
    """
    import tomllib

    here = Path(os.path.realpath(folder))
    for candidate in (here, *here.parents):
        config = candidate / PROJECT_CONFIG
        if not config.is_file():
            continue
        try:
            data = tomllib.loads(read_text(config))
        except tomllib.TOMLDecodeError as exc:
            raise ArgmapError(f"{config}: not valid TOML: {exc}") from None
        tool = data.get("tool")
        section = tool.get("argmap") if isinstance(tool, dict) else None
        allow = section.get("allow", []) if isinstance(section, dict) else []
        if not isinstance(allow, list) or not all(isinstance(a, str) for a in allow):
            raise ArgmapError(f"{config}: [tool.argmap] allow must be a list of folder names")
        return tuple(candidate / a for a in allow)
    return ()


def is_inside(path: Path, folders: tuple[Path, ...] | list[Path]) -> bool:
    """Whether the real path of ``path`` (symlinks resolved) is in one of
    ``folders`` (also resolved) or below it."""
    real = Path(os.path.realpath(path))
    for folder in folders:
        root = Path(os.path.realpath(folder))
        if real == root or root in real.parents:
            return True
    return False
