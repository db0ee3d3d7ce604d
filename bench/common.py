"""Helpers shared by the benchmark sections: timing, percentiles, machine facts, growth ratios."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of ``fn`` takes."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def median_time(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds over ``repeat`` calls (the machine is shared, so single runs are noisy)."""
    return statistics.median(timed(fn) for _ in range(max(1, repeat)))


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def latency(samples_s: list[float]) -> dict[str, float]:
    """p50/p95 in milliseconds and the sample count."""
    return {
        "p50_ms": round(percentile(samples_s, 50) * 1000, 2),
        "p95_ms": round(percentile(samples_s, 95) * 1000, 2),
        "n": len(samples_s),
    }


def samples(fn: Callable[[], object], runs: int) -> dict[str, float]:
    """p50/p95/… of ``runs`` calls of ``fn`` after one warm-up call (caches, prepared statements)."""
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return latency(times)


def growth(small: float, large: float, factor: float) -> dict[str, float | str]:
    """How a time grows when the work grows ``factor`` times: the ratio and a verdict.

    ``linear`` means the time grew between 0.7x and 1.3x the work factor; below is sub-linear (fixed costs
    dominate the small run), above is super-linear.
    """
    ratio = large / small if small > 0 else float("nan")
    if ratio < 0.7 * factor:
        verdict = "sub-linear"
    elif ratio <= 1.3 * factor:
        verdict = "linear"
    else:
        verdict = "super-linear"
    return {"work_factor": factor, "time_ratio": round(ratio, 2), "verdict": verdict}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def load_text() -> str:
    """The 1, 5 and 15 minute load averages as printed beside every timed figure ("1.2 0.9 1.4")."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False
        )
        return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def machine() -> dict[str, object]:
    return {
        "cpu_count": os.cpu_count(),
        "cpu_affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_model": cpu_model(),
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "git_commit": git_commit(),
        "load_at_start": load(),
    }


def proc_memory_kb(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak resident set) of a process, in kB, from /proc."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def cpu_seconds() -> float:
    """User + system CPU of this process and its waited-for children so far."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def wall_and_cpu(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each function, the functions run in turn ``repeat`` times.

    Interleaving the contenders spreads changes in the machine's load over all of them; CPU time
    (including child processes such as tesseract) is far less disturbed by other jobs than wall time.
    """
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(max(1, repeat)):
        for key, fn in fns.items():
            c0, t0 = cpu_seconds(), time.perf_counter()
            fn()
            walls[key].append(time.perf_counter() - t0)
            cpus[key].append(cpu_seconds() - c0)
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k])) for k in fns}
