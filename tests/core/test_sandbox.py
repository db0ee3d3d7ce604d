"""core.sandbox: a child process with a memory ceiling and a wall-clock limit."""

from __future__ import annotations

import multiprocessing
import time
from typing import Any

import pytest

from core.sandbox import SandboxMemory, SandboxTimeout, run_limited
from ingest.document import IngestError


def _add(a: int, b: int) -> int:
    return a + b


def _sleep(seconds: float) -> None:
    time.sleep(seconds)


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _refuse() -> None:
    raise IngestError("The file is damaged.", code="corrupt")


def test_result_comes_back() -> None:
    assert run_limited(_add, 2, 3, memory_mb=256, timeout_s=30) == 5


def test_a_stalled_child_is_stopped_at_its_time_limit() -> None:
    start = time.monotonic()
    with pytest.raises(SandboxTimeout):
        run_limited(_sleep, 60, memory_mb=256, timeout_s=1)
    assert time.monotonic() - start < 10


def test_memory_above_the_ceiling_fails_in_the_child_only() -> None:
    with pytest.raises(SandboxMemory):
        run_limited(_allocate, 2048, memory_mb=256, timeout_s=30)
    assert run_limited(_allocate, 16, memory_mb=256, timeout_s=30) == 16 * 1024 * 1024


def test_the_childs_ingest_error_keeps_its_code() -> None:
    with pytest.raises(IngestError) as caught:
        run_limited(_refuse, memory_mb=256, timeout_s=30)
    assert caught.value.code == "corrupt" and caught.value.reason == "The file is damaged."


def _nested() -> int:
    return run_limited(_add, 1, 1, memory_mb=64, timeout_s=5)


def test_a_sandboxed_function_may_use_the_sandbox_itself() -> None:
    assert run_limited(_nested, memory_mb=256, timeout_s=30) == 2


def _from_a_daemon(queue: Any) -> None:
    queue.put(run_limited(_add, 20, 22, memory_mb=64, timeout_s=10))


def test_a_daemonic_process_may_use_the_sandbox() -> None:
    """A Celery prefork worker is a daemonic process: the sandbox must still start its child there."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    daemon = ctx.Process(target=_from_a_daemon, args=(queue,), daemon=True)
    daemon.start()
    assert queue.get(timeout=30) == 42
    daemon.join(10)
