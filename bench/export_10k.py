"""Export timing and peak memory: 10,000 action items in every format (SQLite in a temporary folder),
this checkout beside a baseline checkout in the same run.

PYTHONPATH=. /work/main/.venv/bin/python bench/export_10k.py [--items 10000] [--baseline /tmp/perf-before]

Each (code, format) pair runs in a fresh process on the same database file and reports the end-to-end
seconds (read the items from the database and write the file, as one API request does) and the
process's peak RSS. The baseline is any older checkout (``git worktree add /tmp/perf-before <commit>``):
it is timed through ``load_rows`` + ``render``, which every version has; this checkout through the
streamed path the API uses (``iter_rows`` -> ``chunks`` -> ``spool``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from core.contract import Extraction
from store.db import Database
from store.repository import create_document, save_extraction

OFFICERS = ("खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "जिला पूर्ति अधिकारी")


def extraction(n: int, start: date) -> Extraction:
    items = []
    for i in range(n):
        due = start + timedelta(days=i % 90) if i % 7 else None
        items.append(
            {
                "id": f"ai-{i + 1:03d}",
                "text": f"{OFFICERS[i % 5]} को कार्य संख्या {i} की कार्यवाही की प्रगति सुनिश्चित करने के निर्देश दिए गए।",
                "action": None,
                "issued_by": {"name": None, "designation": "जिलाधिकारी"},
                "responsible": [{"name": None, "designation": OFFICERS[i % 5]}],
                "deadline": {"text": "तक", "date": due.isoformat(), "kind": "by"} if due else None,
                "recurrence": None,
                "targets": [],
                "evidence": None,
                "confidence": 0.9,
            }
        )
    return Extraction.from_json(
        {
            "meeting": {"date": start.isoformat(), "department": "ग्राम्य विकास विभाग"},
            "action_items": items,
            "pages": [{"number": 1, "route": "txt", "text": "x"}],
            "warnings": [],
            "extractor_version": "bench",
        }
    )


FORMATS = (("csv", False), ("xlsx", False), ("xlsx", True), ("ics", False), ("json", False))

# Run in a fresh interpreter with the measured checkout first on sys.path; prints one JSON line.
MEASURE = """
import dataclasses, json, resource, sys, time
from datetime import date
from core.settings import Settings
from store.db import Database
from store.repository import ItemFilter
import exporters.service as svc
url, fmt, per_meeting, repeat = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])
settings = dataclasses.replace(Settings(), public_url="https://nirdesh.example.org")
db = Database(url, run_migrations=False)
opts = dict(settings=settings, per_meeting=per_meeting)
def end_to_end():
    with db.session() as s:
        if hasattr(svc, "spool"):
            from exporters.rows import iter_rows
            rows = iter_rows(s, ItemFilter(), today=date(2026, 3, 1), base_url=settings.public_url)
            return svc.spool(svc.chunks(fmt, rows, ItemFilter(), **opts))[1]
        from exporters.rows import load_rows
        rows = load_rows(s, ItemFilter(), today=date(2026, 3, 1), base_url=settings.public_url)
        return len(svc.render(fmt, rows, ItemFilter(), **opts).body)
def best(fn):
    wall, cpu = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)
size = end_to_end()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
seconds, cpu = best(end_to_end)
with db.session() as s:  # every item, as end_to_end exports them (load_rows gates to confirmed ones)
    try:
        from exporters.rows import iter_rows
        rows = list(iter_rows(s, ItemFilter(), today=date(2026, 3, 1), base_url=settings.public_url))
    except ImportError:
        from exporters.rows import load_rows
        rows = load_rows(s, ItemFilter(), today=date(2026, 3, 1), base_url=settings.public_url)
write, write_cpu = best(lambda: svc.render(fmt, rows, ItemFilter(), **opts))
print(json.dumps({"s": seconds, "cpu": cpu, "bytes": size, "rss_mb": rss, "write_s": write, "write_cpu": write_cpu}))
"""


def measure(code: Path, url: str, fmt: str, per_meeting: bool, repeat: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, url, fmt, "1" if per_meeting else "0", str(repeat)],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def seed(url: str, items: int, per_document: int) -> None:
    db = Database(url)
    with db.session() as s:
        for d in range(items // per_document):
            when = date(2026, 1, 1) + timedelta(days=d)
            doc = create_document(
                s,
                sha256=f"{d:064d}",
                filename=f"m{d}.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path=f"x/{d}",
                meeting_date=when,
            )
            save_extraction(s, doc, extraction(per_document, when))
    db.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--per-document", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3, help="best of N (the machine is shared)")
    ap.add_argument("--baseline", type=Path, help="an older checkout to time beside this one")
    ns = ap.parse_args()
    here = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        t = time.perf_counter()
        seed(url, ns.items, ns.per_document)
        print(f"seed {ns.items} items: {time.perf_counter() - t:.1f}s; load average {os.getloadavg()[0]:.1f}")
        codes = [("this", here)] + ([("baseline", ns.baseline.resolve())] if ns.baseline else [])
        print(
            "per format: end to end (read + write) wall / CPU s, file MB, peak RSS; the writer alone over loaded rows"
        )
        print("(the machine is shared: CPU seconds of the process are the steadier comparison)")
        for fmt, per_meeting in FORMATS:
            results = [measure(code, url, fmt, per_meeting, ns.repeat) for _, code in codes]
            label = fmt + (" (sheet per meeting)" if per_meeting else "")
            for (name, _), r in zip(codes, results, strict=True):
                print(
                    f"{label:26s} {name:9s} {r['s']:7.2f}s / {r['cpu']:6.2f}s CPU {r['bytes'] / 1e6:5.1f} MB"
                    f" {r['rss_mb']:5.0f} MB RSS   writer {r['write_s']:6.2f}s / {r['write_cpu']:6.2f}s CPU"
                )
            if len(results) > 1:
                new, old = results
                print(
                    f"{label:26s} speed-up (CPU): end to end {old['cpu'] / new['cpu']:.1f}x,"
                    f" writer {old['write_cpu'] / new['write_cpu']:.1f}x"
                    f"  (wall: {old['s'] / new['s']:.1f}x, {old['write_s'] / new['write_s']:.1f}x)"
                )
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
