"""Run one function in a child process with a memory ceiling and a wall-clock limit.

Reading a hostile file (a PDF whose content stream parses into gigabytes, a page tree with a loop, a
quadratic pattern in the text) must cost the service at most one child process: the child gets an
address-space limit (``RLIMIT_AS``) and is killed when its time is up, and the caller gets an exception
it can report (``SandboxTimeout``, ``SandboxMemory``, ``SandboxCrashed``) instead of a stalled worker or
an exhausted server.

The child is a fresh interpreter (``subprocess``), not a fork: the server is multi-threaded (a fork could
inherit a held lock), and a Celery prefork worker is a daemonic billiard process, from which
``multiprocessing`` refuses to start children. The function, its arguments and its outcome travel as
pickles over the child's stdin and a private copy of its stdout (anything the child prints goes to stderr).

This module imports nothing else from the project, so every layer may use it.
"""

from __future__ import annotations

import os
import pickle
import resource
import subprocess
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

_inside = False  # True in a sandbox child: it is already limited; a nested call runs in place


class SandboxError(RuntimeError):
    """The child did not return a result."""


class SandboxTimeout(SandboxError):
    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than {seconds:g} s and was stopped")
        self.seconds = seconds


class SandboxMemory(SandboxError):
    def __init__(self, memory_mb: int) -> None:
        super().__init__(f"needed more than {memory_mb} MB of memory and was stopped")
        self.memory_mb = memory_mb


class SandboxCrashed(SandboxError):
    def __init__(self, exitcode: int | None) -> None:
        super().__init__(f"the worker process died (exit code {exitcode})")
        self.exitcode = exitcode


def _vm_size_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit_memory(memory_mb: int) -> None:
    """Address space: what this process maps now + ``memory_mb`` (never above an existing hard limit)."""
    limit = _vm_size_bytes() + memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or limit < soft:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def child_main() -> None:
    """The child: read (memory_mb, fn, args, kwargs), limit memory, run, write the outcome pickle."""
    global _inside
    _inside = True
    result_fd = os.dup(1)
    os.dup2(2, 1)  # stray prints must not corrupt the result
    memory_mb, fn, args, kwargs = pickle.load(sys.stdin.buffer)
    if memory_mb > 0:
        _limit_memory(memory_mb)
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        outcome = ("error", exc)
    try:
        blob = pickle.dumps(outcome)
    except MemoryError:
        blob = pickle.dumps(("memory", None))
    except Exception as exc:  # noqa: BLE001 - an exception or result that does not pickle
        blob = pickle.dumps(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}; {exc}")))
    with os.fdopen(result_fd, "wb") as out:
        out.write(blob)


def _child_env() -> dict[str, str]:
    """The parent's environment, with its import path, so the child unpickles the same modules."""
    paths = [p for p in sys.path if p and os.path.isdir(p)]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def run_limited(fn: Callable[..., T], *args: Any, memory_mb: int, timeout_s: float, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a child process; its result, or its exception re-raised here.

    ``fn`` and its arguments must pickle (a module-level function). ``memory_mb`` is the room the child
    may allocate above what it maps at start (0: no limit); ``timeout_s`` the wall-clock limit (0: none).
    Called inside a sandbox child, ``fn`` runs right there, under the child's own limits.
    """
    if _inside:
        return fn(*args, **kwargs)
    payload = pickle.dumps((memory_mb, fn, args, kwargs))
    child = subprocess.Popen(
        [sys.executable, "-c", "from core.sandbox import child_main; child_main()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=_child_env(),
    )
    try:
        out, _ = child.communicate(payload, timeout=timeout_s if timeout_s > 0 else None)
    except subprocess.TimeoutExpired:
        raise SandboxTimeout(timeout_s) from None
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    if not out:
        raise SandboxCrashed(child.returncode)
    try:
        kind, value = pickle.loads(out)
    except Exception as exc:  # noqa: BLE001 - a truncated pickle: the child died while writing
        raise SandboxCrashed(child.returncode) from exc
    if kind == "ok":
        return value
    if kind == "memory":
        raise SandboxMemory(memory_mb)
    raise value


def sandbox_enabled() -> bool:
    """``NIRDESH_SANDBOX=0`` runs readers in the calling process (debugging, profiling)."""
    return os.environ.get("NIRDESH_SANDBOX", "1") not in ("0", "false")
