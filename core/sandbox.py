"""Run one function in a child process with a memory ceiling and a wall-clock limit.

Reading a hostile file (a PDF whose content stream parses into gigabytes, a page tree with a loop, a
quadratic pattern in the text) must cost the service at most one child process: the child gets an
address-space limit (``RLIMIT_AS``) and is killed when its time is up, and the caller gets an exception
it can report (``SandboxTimeout``, ``SandboxMemory``, ``SandboxCrashed``) instead of a stalled worker or
an exhausted server. Children come from a ``forkserver`` (a small single-threaded process), never from
a fork of the multi-threaded server itself.

This module imports nothing else from the project, so every layer may use it.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")

_CTX = multiprocessing.get_context("forkserver")
_inside = False  # True in a sandbox child: it is already limited, and a daemon process cannot have children


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


def _child(conn: Connection, memory_mb: int, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict) -> None:
    """In the child: limit the address space (what is mapped now + ``memory_mb``), run, send the outcome."""
    global _inside
    _inside = True
    if memory_mb > 0:
        limit = _vm_size_bytes() + memory_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        if soft == resource.RLIM_INFINITY or limit < soft:
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        outcome: tuple[str, Any] = ("ok", fn(*args, **kwargs))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
        outcome = ("error", exc)
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    except (pickle.PicklingError, TypeError, AttributeError) as exc:  # an exception that does not pickle
        conn.send(("error", RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}; {exc}")))
    conn.close()


def run_limited(fn: Callable[..., T], *args: Any, memory_mb: int, timeout_s: float, **kwargs: Any) -> T:  # noqa: ANN401
    """``fn(*args, **kwargs)`` in a child process; its result, or its exception re-raised here.

    ``fn`` and its arguments must pickle (a module-level function). ``memory_mb`` is the room the child
    may allocate above what it maps at start (0: no limit); ``timeout_s`` the wall-clock limit (0: none).
    Called inside a sandbox child, ``fn`` runs right there, under the child's own limits.
    """
    if _inside:
        return fn(*args, **kwargs)
    receiver, sender = _CTX.Pipe(duplex=False)
    child = _CTX.Process(target=_child, args=(sender, memory_mb, fn, args, kwargs), daemon=True)
    child.start()
    sender.close()
    try:
        deadline = time.monotonic() + timeout_s if timeout_s > 0 else None
        while True:
            wait = 0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic()))
            if receiver.poll(wait):
                try:
                    kind, value = receiver.recv()
                except EOFError:
                    child.join(5)
                    raise SandboxCrashed(child.exitcode) from None
                break
            if not child.is_alive():
                if receiver.poll(0):
                    continue
                child.join()
                raise SandboxCrashed(child.exitcode)
            if deadline is not None and time.monotonic() >= deadline:
                raise SandboxTimeout(timeout_s)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return value  # type: ignore[no-any-return]
    if kind == "memory":
        raise SandboxMemory(memory_mb)
    raise value


def sandbox_enabled() -> bool:
    """``NIRDESH_SANDBOX=0`` runs readers in the calling process (debugging, profiling)."""
    return os.environ.get("NIRDESH_SANDBOX", "1") not in ("0", "false")
