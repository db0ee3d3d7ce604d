"""Where the time of one search goes: named steps timed inside the server, sent back to the caller as a
standard ``Server-Timing`` response header (``embed;dur=31.2, probe;dur=4.1, rerank;dur=9.8;desc="rows=512
disk_kb=2240"``) and logged for slow requests.

The route starts a ``Timings`` for its request (``begin``); the search code times its steps with
``step(name)`` and adds counts with ``count(name, key, n)``; with no ``Timings`` begun (the CLI, the
worker, the benches) both cost a context-variable lookup. The steps are disjoint (a step timed inside
another is not added to it twice: ``step`` inside a step of the same thread is not allowed), so their sum
is at most the request's total. Per thread (Linux ``RUSAGE_THREAD``) the request's CPU time, file-system
blocks read (``disk_kb``: the page cache did not have them) and involuntary context switches (the thread
was ready but another ran: CPU contention) are counted beside the wall time.
"""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

#: Metric names of Server-Timing are tokens; these are the steps a search reports, in this order.
STEPS = ("queue", "status", "pages", "keyword", "embed", "filter", "probe", "rerank", "context", "load", "serialise")
#: What the header says, for the API description.
HEADER_DOC = (
    "Where the server's time went, in milliseconds (W3C Server-Timing): queue (before the route ran), status, "
    "pages, keyword, embed (the query's embedding; desc run_ms/cpu_ms in its thread, cached=1 when it was "
    "remembered), filter, probe (the vector index's lists or graph), rerank (exact ranking from the vector "
    "file; desc rows, disk_kb read from storage), context, load (the hits' rows), serialise; then total, "
    "with the request thread's cpu_ms, disk_kb and involuntary switches."
)
_RUSAGE_THREAD = getattr(resource, "RUSAGE_THREAD", resource.RUSAGE_SELF)


@dataclass(frozen=True)
class Usage:
    """One thread's CPU seconds, 512-byte blocks read from storage and involuntary switches so far."""

    cpu_s: float
    blocks_in: int
    switched: int

    @classmethod
    def now(cls) -> Usage:
        r = resource.getrusage(_RUSAGE_THREAD)
        return cls(r.ru_utime + r.ru_stime, r.ru_inblock, r.ru_nivcsw)

    def since(self, before: Usage) -> Usage:
        return Usage(self.cpu_s - before.cpu_s, self.blocks_in - before.blocks_in, self.switched - before.switched)


@dataclass
class Timings:
    """The steps of one request: seconds per step, counts per step (``rows``, ``disk_kb``, ...)."""

    started: float = field(default_factory=time.perf_counter)
    usage: Usage = field(default_factory=Usage.now)
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    _open: str | None = None

    def add(self, name: str, seconds: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds

    def count(self, name: str, key: str, n: int) -> None:
        got = self.counts.setdefault(name, {})
        got[key] = got.get(key, 0) + n

    def total_s(self) -> float:
        return time.perf_counter() - self.started

    def header(self, total_s: float | None = None) -> str:
        """The ``Server-Timing`` value: every step in milliseconds, then ``total`` with the thread's
        CPU time, blocks read and involuntary switches in its description."""
        total = self.total_s() if total_s is None else total_s
        used = Usage.now().since(self.usage)
        self.count("total", "cpu_ms", round(used.cpu_s * 1000))
        self.count("total", "disk_kb", used.blocks_in // 2)
        self.count("total", "switches", used.switched)
        names = [n for n in STEPS if n in self.seconds] + sorted(n for n in self.seconds if n not in STEPS)
        parts = [_metric(n, self.seconds[n], self.counts.get(n)) for n in names]
        parts.append(_metric("total", total, self.counts.get("total")))
        return ", ".join(parts)


def _metric(name: str, seconds: float, counts: dict[str, int] | None) -> str:
    out = f"{name};dur={seconds * 1000:.1f}"
    if counts:
        out += ';desc="' + " ".join(f"{k}={v}" for k, v in counts.items()) + '"'
    return out


_current: ContextVar[Timings | None] = ContextVar("nirdesh_search_timings", default=None)


def begin(started: float | None = None) -> Timings:
    """Start timing this request (in the thread that runs it); ``started``: a perf_counter stamp taken
    when the request arrived (the wait before this thread ran it is the ``queue`` step)."""
    t = Timings()
    if started is not None and started < t.started:
        t.add("queue", t.started - started)
        t.started = started
    _current.set(t)
    return t


def end() -> None:
    _current.set(None)


def current() -> Timings | None:
    return _current.get()


@contextmanager
def step(name: str, *, disk: bool = False) -> Iterator[None]:
    """Time the block as step ``name`` of the current request (nothing when none is timed); ``disk``:
    also count the kilobytes this thread read from storage in it (``disk_kb``)."""
    t = _current.get()
    if t is None or t._open is not None:  # not timed, or inside a timed step already (counted there)
        yield
        return
    t._open = name
    before = Usage.now() if disk else None
    t0 = time.perf_counter()
    try:
        yield
    finally:
        t.add(name, time.perf_counter() - t0)
        t._open = None
        if before is not None:
            t.count(name, "disk_kb", Usage.now().since(before).blocks_in // 2)


def count(name: str, key: str, n: int) -> None:
    """Add ``n`` to count ``key`` of step ``name`` of the current request (nothing when none is timed)."""
    t = _current.get()
    if t is not None:
        t.count(name, key, n)
