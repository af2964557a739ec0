"""One sandbox per database file (bot/sandbox/lock.py): a second one is refused with the first's URL;
a lock file whose holder is gone is taken over. Two sandboxes in two processes: see
tests/e2e/test_sandbox_cli.py."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bot.sandbox.lock import Holder, SandboxAlreadyRunning, SandboxLock, lock_path


def test_a_second_lock_on_the_same_file_is_refused_with_the_first_ones_url(tmp_path: Path) -> None:
    db = tmp_path / "sandbox.sqlite3"
    first, second = SandboxLock(db), SandboxLock(db)
    assert first.acquire() is None and first.path == lock_path(db) == tmp_path / "sandbox.sqlite3.lock"

    with pytest.raises(SandboxAlreadyRunning) as starting:
        second.acquire()
    assert starting.value.holder == Holder(os.getpid(), None)
    assert "is starting" in starting.value.message()

    first.publish("http://127.0.0.1:8080/")
    with pytest.raises(SandboxAlreadyRunning) as running:
        second.acquire()
    assert running.value.holder == Holder(os.getpid(), "http://127.0.0.1:8080/")
    assert running.value.message().endswith(f"(pid {os.getpid()}): open http://127.0.0.1:8080/")
    assert not second.held

    first.release()
    assert not first.path.exists()
    assert second.acquire() is None and second.held  # a clean stop leaves nothing to take over
    second.release()


def test_another_database_file_has_its_own_lock(tmp_path: Path) -> None:
    one, other = SandboxLock(tmp_path / "a.sqlite3"), SandboxLock(tmp_path / "b.sqlite3")
    one.acquire()
    try:
        assert other.acquire() is None
    finally:
        one.release()
        other.release()


@pytest.mark.parametrize(
    ("left_behind", "said"),
    [
        (
            json.dumps({"pid": 999_999_999, "url": "http://127.0.0.1:8081/"}),
            Holder(999_999_999, "http://127.0.0.1:8081/"),
        ),
        ("{not json", Holder(None, None)),
    ],
)
def test_a_lock_file_nobody_holds_is_taken_over(tmp_path: Path, left_behind: str, said: Holder) -> None:
    """What a crashed or killed sandbox leaves: the file, but no process holding its lock."""
    db = tmp_path / "sandbox.sqlite3"
    lock_path(db).write_text(left_behind)
    lock = SandboxLock(db)
    assert lock.acquire() == said  # returned so the start-up log can say whose lock it took over
    lock.publish("http://127.0.0.1:8082/")
    assert json.loads(lock.path.read_text()) == {"pid": os.getpid(), "url": "http://127.0.0.1:8082/"}
    lock.release()
