"""One sandbox per database file: `<db>.lock` next to it names the running sandbox's pid and URL.

A second `khooshe sandbox` (or `make run` typed twice) on the same file would otherwise start on
another port with its own emulator, and its CDA's broadcasts would reach only its own tabs. The
liveness check is the kernel's: the running sandbox holds an exclusive `flock` on the file, which
the kernel drops when that process ends however it ends (Ctrl+C, a crash, kill -9), so a lock file
left behind is stale by construction and the next sandbox takes it over; a reused pid cannot fool it.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Holder:
    """What a lock file says about the sandbox that wrote it (url is None while it is starting)."""

    pid: int | None
    url: str | None


class SandboxAlreadyRunning(Exception):
    def __init__(self, db_path: Path, holder: Holder) -> None:
        self.db_path = db_path
        self.holder = holder
        super().__init__(self.message())

    def message(self) -> str:
        pid = f" (pid {self.holder.pid})" if self.holder.pid else ""
        if self.holder.url:
            return f"a sandbox is already running on {self.db_path}{pid}: open {self.holder.url}"
        return f"a sandbox is starting on {self.db_path}{pid}; it prints its URL when ready"


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _parse(raw: str) -> Holder:
    try:
        data: Any = json.loads(raw)
    except ValueError:
        return Holder(None, None)
    if not isinstance(data, dict):
        return Holder(None, None)
    pid, url = data.get("pid"), data.get("url")
    return Holder(pid if isinstance(pid, int) else None, url if isinstance(url, str) else None)


class SandboxLock:
    """`acquire()` or SandboxAlreadyRunning; `publish(url)` once serving; `release()` on the way out."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.path = lock_path(db_path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> Holder | None:
        """Take the lock; returns what a stale lock file said (its holder is gone), else None."""
        if self._fd is not None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                holder = _parse(os.read(fd, 4096).decode(errors="replace"))
                os.close(fd)
                raise SandboxAlreadyRunning(self.db_path, holder) from None
            try:
                same_file = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:  # the holder removed it between our open and our flock
                same_file = False
            if same_file:
                break
            os.close(fd)  # locked a file that is no longer at the path: try the new one
        stale = os.read(fd, 4096).decode(errors="replace")
        self._fd = fd
        self._write(None)
        return _parse(stale) if stale.strip() else None

    def publish(self, url: str) -> None:
        """The URL is known once the emulator listens: a second sandbox prints it instead of starting."""
        self._write(url)

    def _write(self, url: str | None) -> None:
        assert self._fd is not None
        body = json.dumps({"pid": os.getpid(), "url": url}).encode()
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, body, 0)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()  # while still locked, so nobody can take over a file we then delete
        os.close(fd)
