"""Unit vectors kept as float16 rows of plain files and read back with ``os.pread`` (never mapped).

A row is read into a small buffer of the process and copied out: the files' pages live in the
kernel's page cache (like PostgreSQL's own data files), shared, clean and dropped under memory
pressure, and they are not counted in the process's resident set (VmRSS), as the touched pages of a
memory-mapped file are.

The rows are numbered (slots) across two parts: the *base*, a saved file opened read-only (never
written again, so another process may read it at the same time), and the *tail*, an anonymous
temporary file of this process that rows are appended to. ``write_live`` writes the rows still
wanted, base and tail, to a new file, which becomes the next base.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROW_DTYPE = np.float16
READ_ROWS = 8192  # rows per read when a span or the whole file is scanned (6 MB at 384 dimensions)
DENSE = 4  # a set of slots spanning at most this many rows per slot is read as one span
_ADVISE = getattr(os, "posix_fadvise", None)  # not on every platform


class FlatFile:
    """float16 rows of ``dim`` values: the saved ``base`` file of ``rows`` rows (or none), then a tail."""

    def __init__(self, dim: int, base: Path | None = None, rows: int = 0) -> None:
        self.dim = dim
        self.row_bytes = dim * np.dtype(ROW_DTYPE).itemsize
        self.base = base
        self._base_fd = -1
        self._tail_fd = -1
        if base is not None:
            self._base_fd = os.open(base, os.O_RDONLY)
            size = os.fstat(self._base_fd).st_size
            if size != rows * self.row_bytes:
                self.close()
                raise ValueError(f"vector file {base} holds {size / self.row_bytes:.1f} rows, not {rows}")
        with tempfile.TemporaryFile(prefix="nirdesh-vectors-") as tail:
            self._tail_fd = os.dup(tail.fileno())  # unlinked already: gone when closed
        self.base_rows = rows if base is not None else 0
        self.rows = self.base_rows

    def close(self) -> None:
        for name in ("_base_fd", "_tail_fd"):
            fd = getattr(self, name, -1)
            if fd >= 0:
                os.close(fd)
                setattr(self, name, -1)

    def __del__(self) -> None:
        self.close()

    def append(self, vectors: np.ndarray) -> np.ndarray:
        """Write ``vectors`` at the end (the tail); their slots."""
        data = np.ascontiguousarray(vectors, dtype=ROW_DTYPE).tobytes()
        os.pwrite(self._tail_fd, data, (self.rows - self.base_rows) * self.row_bytes)
        slots = np.arange(self.rows, self.rows + len(vectors), dtype=np.int64)
        self.rows += len(vectors)
        return slots

    def _pread(self, fd: int, start: int, count: int) -> bytes:
        want = count * self.row_bytes
        data = os.pread(fd, want, start * self.row_bytes)
        if len(data) != want:
            raise OSError(f"short read of the vector file: {len(data)} of {want} bytes")
        return data

    def _span(self, start: int, count: int) -> np.ndarray:
        """float16 rows ``start`` .. ``start + count`` (either side of the base's end)."""
        parts = []
        if start < self.base_rows:
            n = min(count, self.base_rows - start)
            parts.append(self._pread(self._base_fd, start, n))
            start, count = start + n, count - n
        if count:
            parts.append(self._pread(self._tail_fd, start - self.base_rows, count))
        data = parts[0] if len(parts) == 1 else b"".join(parts)
        return np.frombuffer(data, dtype=ROW_DTYPE).reshape(-1, self.dim)

    def read(self, slots: np.ndarray) -> np.ndarray:
        """The float32 rows at ``slots`` (in that order): slots close together in one read each."""
        out = np.empty((len(slots), self.dim), dtype=np.float32)
        if not len(slots):
            return out
        order = np.argsort(slots, kind="stable")
        s = np.asarray(slots, dtype=np.int64)[order]
        if s[-1] - s[0] + 1 <= DENSE * len(s):  # dense: read spans, keep the rows wanted
            for lo in range(0, len(s), READ_ROWS):
                part = s[lo : lo + READ_ROWS]
                span = self._span(int(part[0]), int(part[-1] - part[0] + 1))
                out[order[lo : lo + READ_ROWS]] = span[part - part[0]]
            return out
        # scattered: one pread a row, in file order, in a list comprehension (the loop's own cost is
        # what a query pays here: a pool of 5,000 rows of a million). The base's rows are announced
        # first (WILLNEED), so the kernel reads those not in its page cache together instead of one
        # after the other: 512 cold rows 57-107 ms instead of 122-187 ms on this VM's disk.
        rb, split = self.row_bytes, int(np.searchsorted(s, self.base_rows))
        if split and _ADVISE is not None:
            base_fd = self._base_fd
            for i in s[:split].tolist():
                _ADVISE(base_fd, i * rb, rb, os.POSIX_FADV_WILLNEED)
        chunks = [os.pread(self._base_fd, rb, i * rb) for i in s[:split].tolist()]
        chunks += [os.pread(self._tail_fd, rb, i * rb) for i in (s[split:] - self.base_rows).tolist()]
        data = b"".join(chunks)
        if len(data) != len(s) * rb:
            raise OSError(f"short read of the vector file: {len(data)} of {len(s) * rb} bytes")
        out[order] = np.frombuffer(data, dtype=ROW_DTYPE).reshape(-1, self.dim)
        return out

    def scan(self, rows: int = READ_ROWS) -> Iterator[tuple[int, np.ndarray]]:
        """(first slot, float16 rows) over every row, ``rows`` at a time."""
        for start in range(0, self.rows, rows):
            yield start, self._span(start, min(rows, self.rows - start))

    def write_live(self, target: Path, keep: np.ndarray) -> int:
        """Write the rows where ``keep`` is true, in slot order, to ``target`` (through a temporary
        file, flushed to disk); how many."""
        tmp = target.with_name(target.name + ".tmp")
        written = 0
        with open(tmp, "wb") as out:
            for start, rows in self.scan():
                wanted = rows[keep[start : start + len(rows)]]
                out.write(wanted.tobytes())
                written += len(wanted)
            out.flush()
            os.fsync(out.fileno())
        tmp.replace(target)
        return written
