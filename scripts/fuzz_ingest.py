#!/usr/bin/env python3
"""Fuzz the ingest layer for a fixed time and report what it found.

    python scripts/fuzz_ingest.py --seconds 300 [--seed 1] [--out fuzz-findings] [--timeout 10]

Mutated PDF, DOCX, PNG, TIFF and TXT files (seeds built by tests/helpers/hostile.py and the corpus) go through
``ingest_bytes`` in a worker process under an address-space limit. Every case must end in a document or
an IngestError; anything else (another exception, a crash of the worker, a case slower than --timeout)
is a finding: its input is saved under --out and listed in the report. Case N of a seed is the same
bytes every run, so a finding can be replayed with ``--replay N``.

OCR is replaced by a stub that still decodes every page image, as in tests/ingest/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import json
import logging
import multiprocessing as mp
import random
import re
import resource
import sys
import time
import warnings
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

INTERESTING = [
    b"0",
    b"-1",
    b"999999999",
    b"4294967296",
    b"\x00",
    b"\xff\xff\xff\xff",
    b"obj",
    b"R",
    b"<<",
    b">>",
    b"/Kids",
    b"/Count 100000",
    b"stream",
    b"endstream",
    b"%%EOF",
]


def seeds() -> list[tuple[str, bytes]]:
    from PIL import Image

    from tests.helpers.hostile import docx, small_png, text_pdf

    tiff = io.BytesIO()
    frames = [Image.new("L", (60, 30), 255), Image.new("L", (30, 60), 0)]
    frames[0].save(tiff, format="TIFF", save_all=True, append_images=frames[1:])
    hindi = (ROOT / "corpus" / "101_swasthya_samiti_lucknow.txt").read_text(encoding="utf-8")[:1500]
    return [
        ("minutes.pdf", text_pdf()),
        ("minutes.docx", docx(["बैठक का कार्यवृत्त", "जिलाधिकारी ने निर्देश दिए कि तहसीलदार सर्वे पूरा करें।"])),
        ("scan.png", small_png()),
        ("scan.tif", tiff.getvalue()),
        ("minutes.txt", hindi.encode()),
    ]


def mutate(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        if not buf:
            break
        pos = rng.randrange(len(buf))
        op = rng.choice(["flip", "insert", "delete", "duplicate", "token", "truncate", "splice"])
        if op == "flip":
            buf[pos] ^= 1 << rng.randrange(8)
        elif op == "insert":
            buf[pos:pos] = rng.randbytes(rng.randint(1, 32))
        elif op == "delete":
            del buf[pos : pos + rng.randint(1, 128)]
        elif op == "duplicate":
            buf[pos:pos] = buf[pos : pos + rng.randint(1, 1024)] * rng.randint(1, 4)
        elif op == "token":
            token = rng.choice(INTERESTING)
            buf[pos : pos + len(token)] = token
        elif op == "truncate" and rng.random() < 0.2:
            del buf[pos:]
        elif op == "splice":
            other = rng.randrange(len(buf))
            buf[pos : pos + 64] = buf[other : other + 64]
    return bytes(buf)


def case(seed: int, index: int, corpus: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    rng = random.Random(f"{seed}:{index}")
    name, data = corpus[index % len(corpus)]
    return name, mutate(data, rng)


def _install_fake_ocr() -> None:
    import ingest.images
    import ingest.pdf
    from tests.helpers.hostile import fake_ocr_many

    ingest.images.ocr_many = fake_ocr_many
    ingest.pdf.ocr_many = fake_ocr_many


def worker(seed: int, start: int, conn: Any, memory_mb: int) -> None:
    """Run cases start, start+1, ... and report each: ("start", i) before, (i, outcome, detail, s) after."""
    from core.settings import Settings
    from ingest import IngestError, ingest_bytes

    _install_fake_ocr()
    warnings.simplefilter("ignore")  # Pillow and pdfminer warn on every damaged file
    logging.disable(logging.CRITICAL)
    settings = dataclasses.replace(Settings(), max_pages=50, ocr_workers=1)
    corpus = seeds()
    soft = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (soft, soft))
    index = start
    while True:
        name, data = case(seed, index, corpus)
        conn.send(("start", index))
        t = time.monotonic()
        try:
            doc = ingest_bytes(data, name, settings)
            outcome, detail = "document", doc.kind
        except IngestError as exc:
            outcome, detail = "ingest_error", exc.code
        except BaseException as exc:  # noqa: BLE001 - this is what the fuzzer is looking for
            outcome, detail = "unexpected", f"{type(exc).__name__}: {exc}"[:300]
        conn.send((index, outcome, detail, time.monotonic() - t))
        index += 1


def run(seconds: float, seed: int, out: Path, timeout: float, memory_mb: int) -> dict[str, Any]:
    corpus = seeds()
    stats: Counter[str] = Counter()
    findings: list[dict[str, Any]] = []
    slowest = (0.0, -1)
    deadline = time.monotonic() + seconds
    next_index = 0
    ctx = mp.get_context("spawn")
    while time.monotonic() < deadline:
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=worker, args=(seed, next_index, child, memory_mb), daemon=True)
        proc.start()
        current = None
        started = time.monotonic()
        while time.monotonic() < deadline:
            if not parent.poll(min(timeout, 1.0)):
                if not proc.is_alive() or (current is not None and time.monotonic() - started > timeout):
                    kind = "hang" if proc.is_alive() else f"crash (exit {proc.exitcode})"
                    findings.append(_finding(seed, current, kind, "", corpus, out))
                    next_index = (current if current is not None else next_index) + 1
                    break
                continue
            msg = parent.recv()
            if msg[0] == "start":
                current, started = msg[1], time.monotonic()
                continue
            index, outcome, detail, took = msg
            stats[f"{outcome}:{detail}" if outcome != "unexpected" else "unexpected"] += 1
            slowest = max(slowest, (took, index))
            if outcome == "unexpected":
                findings.append(_finding(seed, index, "exception", detail, corpus, out))
            next_index, current = index + 1, None
        proc.kill()
        proc.join()
    return {
        "seconds": seconds,
        "seed": seed,
        "cases": sum(stats.values()) + len([f for f in findings if f["kind"] != "exception"]),
        "outcomes": dict(stats.most_common()),
        "slowest_case": {"index": slowest[1], "seconds": round(slowest[0], 3)},
        "findings": summarise(findings, seed, out),
    }


def _finding(
    seed: int, index: int | None, kind: str, detail: str, corpus: list[tuple[str, bytes]], out: Path
) -> dict[str, Any]:
    if index is None:
        return {"kind": kind, "index": None, "detail": "the worker died between cases"}
    name, data = case(seed, index, corpus)
    return {"kind": kind, "index": index, "name": name, "data": data, "detail": detail}


def summarise(findings: list[dict[str, Any]], seed: int, out: Path, keep: int = 3) -> list[dict[str, Any]]:
    """Findings grouped by kind, input type and message; the first ``keep`` inputs of each are saved."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for f in findings:
        suffix = Path(f.get("name") or "").suffix
        key = (f["kind"], suffix, re.sub(r"\d+", "N", f["detail"]))
        group = groups.setdefault(
            key, {"kind": f["kind"], "type": suffix, "detail": key[2], "count": 0, "cases": [], "files": []}
        )
        group["count"] += 1
        if f["index"] is not None and len(group["files"]) < keep:
            out.mkdir(parents=True, exist_ok=True)
            path = out / f"seed{seed}-case{f['index']}{suffix}"
            path.write_bytes(f["data"])
            group["cases"].append(f["index"])
            group["files"].append(str(path))
    return sorted(groups.values(), key=lambda g: -g["count"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--out", type=Path, default=Path("fuzz-findings"))
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds one case may take")
    ap.add_argument("--memory-mb", type=int, default=3072, help="address-space limit of the worker")
    ap.add_argument("--replay", type=int, help="ingest case N of --seed here, with a traceback")
    ns = ap.parse_args(argv)
    if ns.replay is not None:
        from ingest import ingest_bytes

        _install_fake_ocr()
        name, data = case(ns.seed, ns.replay, seeds())
        print(ingest_bytes(data, name).kind)
        return 0
    report = run(ns.seconds, ns.seed, ns.out, ns.timeout, ns.memory_mb)
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["findings"] else 0


if __name__ == "__main__":
    sys.exit(main())
