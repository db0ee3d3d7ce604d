#!/usr/bin/env python3
"""Benchmark the API in-process (TestClient, SQLite in a temporary data dir).

1. Upload-to-items: POST a 3-page Hindi TXT (distinct each time) and measure until the 201 with items
   arrives, using the real pipeline (``--fake`` for a trivial extractor, to see the API's own cost).
   With ``--pdf-dir`` (default ../shared/eval/dev/pdf), also a 3-page text PDF assembled from the
   ``*.text.pdf`` files there: upload (202 + job) → job done → items, timed to the items' arrival.
2. List latency: with 10,000 synthetic items inserted through the store, GET /v1/action-items with
   typical filters.

Usage: .venv/bin/python scripts/bench_api.py [--uploads 30] [--items 10000] [--fake] [--database-url URL]
       [--pdf-dir DIR | --pdf-dir ""]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fastapi.testclient import TestClient  # noqa: E402

from api.app import create_app  # noqa: E402
from nirdesh.settings import Settings  # noqa: E402
from store.models import ActionItem  # noqa: E402
from store.repository import create_document  # noqa: E402

PAGE = (
    "जिलाधिकारी की अध्यक्षता में विकास भवन सभागार में समीक्षा बैठक आयोजित की गई।\n\n"
    "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 30 सितंबर 2025 तक सर्वे पूरा करें।\n\n"
    "बैठक में प्रगति पर चर्चा की गई और अधिशासी अभियंता ने अवगत कराया कि कार्य चल रहा है।\n\n"
    "उन्होंने निर्देशित किया कि जिला कृषि अधिकारी किसानों को शत-प्रतिशत बीज वितरण सुनिश्चित करें।\n\n"
    "मुख्य विकास अधिकारी ने कहा कि प्रत्येक सप्ताह साप्ताहिक समीक्षा की जाए।\n"
)
OFFICERS = ["खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "सचिव", "नगर आयुक्त"]
DEPTS = ["ग्राम्य विकास विभाग", "कृषि विभाग", "लोक निर्माण विभाग", "राजस्व विभाग"]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k] * 1000


def three_page_pdf(pdf_dir: Path) -> bytes | None:
    """Pages 1-3 of the text PDFs in ``pdf_dir`` joined into one document (None if there are too few)."""
    import io

    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    for path in sorted(pdf_dir.glob("*.text.pdf")):
        src = pdfium.PdfDocument(path)
        take = min(len(src), 3 - len(out))
        out.import_pages(src, list(range(take)))
        if len(out) == 3:
            buf = io.BytesIO()
            out.save(buf)
            return buf.getvalue()
    return None


def bench_pdf_uploads(client: TestClient, pdf: bytes, n: int) -> None:
    """Each upload gets a distinct trailing comment (valid after %%EOF), so none is deduplicated."""
    times, n_items = [], 0
    for i in range(n):
        body = pdf + f"\n% nonce {i} {time.time_ns()}\n".encode()
        t0 = time.perf_counter()
        r = client.post("/v1/documents", files={"file": (f"m{i}.pdf", body)}, data={"meeting_date": "2025-09-16"})
        assert r.status_code == 202, r.text
        job_id = r.json()["id"]
        while (job := client.get(f"/v1/jobs/{job_id}").json())["status"] not in ("done", "failed"):
            time.sleep(0.002)
        assert job["status"] == "done", job
        items = client.get(f"/v1/action-items?document_id={job['document_id']}&limit=500").json()
        times.append(time.perf_counter() - t0)
        n_items = items["total"]
    print(
        f"upload→items, 3-page text PDF (202 + job + items, {n_items} items/doc, n={len(times)}): "
        f"p50 {pct(times, 50):.1f} ms  p95 {pct(times, 95):.1f} ms"
    )


def fake_extract(data: bytes, filename: str, *, meeting_date: date | None = None) -> dict:
    text = data.decode()
    pages = text.split("\f")
    items = [
        {
            "id": f"ai-{i:03d}",
            "text": s.strip() + "।",
            "action": s.strip(),
            "issued_by": None,
            "responsible": [{"name": None, "designation": OFFICERS[i % len(OFFICERS)]}],
            "deadline": None,
            "recurrence": None,
            "targets": [],
            "evidence": {"page": 1, "start": 0, "end": 1},
            "confidence": 0.8,
        }
        for i, s in enumerate(text.split("।"))
        if "निर्देश" in s
    ]
    return {
        "schema": "nirdesh.extraction/1",
        "source": filename,
        "extractor_version": "bench-fake",
        "meeting": {},
        "action_items": items,
        "warnings": [],
        "pages": [
            {"number": n, "route": "txt", "ocr_confidence": None, "garble_score": None, "text": p}
            for n, p in enumerate(pages, 1)
        ],
    }


def seed_items(app, n: int) -> None:
    db = app.state.ctx.db
    rng = random.Random(7)
    today = date.today()
    per_doc = 100
    with db.session() as s:
        for d in range(n // per_doc):
            doc = create_document(
                s,
                sha256=f"{d:064x}",
                filename=f"synthetic-{d}.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path=f"files/00/{d:062x}",
                meeting_date=today - timedelta(days=rng.randint(1, 400)),
            )
            doc.department = DEPTS[d % len(DEPTS)]
            doc.status = "processed"
            rows = []
            for k in range(per_doc):
                officer = OFFICERS[rng.randrange(len(OFFICERS))]
                due = today + timedelta(days=rng.randint(-200, 200)) if rng.random() < 0.8 else None
                rows.append(
                    ActionItem(
                        document_id=doc.id,
                        seq=k + 1,
                        text=f"निर्देश {d}-{k}: {officer} कार्य पूरा करें।",
                        norm_text=f"निर्देश {d} {k}",
                        action="कार्य पूरा करें",
                        issuer_designation="जिलाधिकारी",
                        responsible=[{"name": None, "designation": officer}],
                        responsible_search=officer,
                        deadline_date=due,
                        due_date=due,
                        targets=[],
                        confidence=rng.random(),
                        review_state=rng.choice(["proposed", "confirmed", "confirmed", "rejected"]),
                        status=rng.choice(["open", "open", "in_progress", "done"]),
                        priority="normal",
                        due_date_source="extracted",
                        stale=False,
                    )
                )
            s.add_all(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploads", type=int, default=30)
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--list-runs", type=int, default=50)
    ap.add_argument("--fake", action="store_true", help="use a trivial extractor instead of the pipeline")
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--pdf-dir", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "pdf"),
                    help="folder of *.text.pdf files for the PDF upload run ('' to skip)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        settings = dataclasses.replace(Settings(), data_dir=Path(tmp), require_auth=False)
        app = create_app(settings, extract=fake_extract if args.fake else None, database_url=args.database_url)
        with TestClient(app) as client:
            times = []
            for i in range(args.uploads):
                body = "\f".join(PAGE for _ in range(3)) + f"\nक्रमांक {i}\n"
                t0 = time.perf_counter()
                r = client.post(
                    "/v1/documents", files={"file": (f"m{i}.txt", body.encode())}, data={"meeting_date": "2025-09-16"}
                )
                times.append(time.perf_counter() - t0)
                assert r.status_code == 201, r.text
            n_items = len(r.json()["items"])
            kind = "fake extractor" if args.fake else "real pipeline"
            print(
                f"upload→items, 3-page TXT ({kind}, {n_items} items/doc, n={len(times)}): "
                f"p50 {pct(times, 50):.1f} ms  p95 {pct(times, 95):.1f} ms"
            )
            pdf = three_page_pdf(Path(args.pdf_dir)) if args.pdf_dir and not args.fake else None
            if pdf:
                bench_pdf_uploads(client, pdf, args.uploads)
            elif args.pdf_dir and not args.fake:
                print(f"no 3-page text PDF could be made from {args.pdf_dir}; PDF upload run skipped")

            t0 = time.perf_counter()
            seed_items(app, args.items)
            total = client.get("/v1/action-items?limit=1").json()["total"]
            print(f"seeded {args.items} synthetic items in {time.perf_counter() - t0:.1f} s (total now {total})")
            queries = {
                "default (newest 50)": "/v1/action-items",
                "overdue, sort due_date": "/v1/action-items?overdue=true&sort=due_date",
                "responsible substring + tracked": "/v1/action-items?responsible=अभियंता&tracked=true",
                "department + status + offset 500": "/v1/action-items?department=कृषि&status=open&offset=500",
            }
            for label, url in queries.items():
                lat = []
                for _ in range(args.list_runs):
                    t0 = time.perf_counter()
                    resp = client.get(url)
                    lat.append(time.perf_counter() - t0)
                    assert resp.status_code == 200, resp.text
                print(
                    f"list {label:36s} total={resp.json()['total']:5d}: "
                    f"p50 {pct(lat, 50):.1f} ms  p95 {pct(lat, 95):.1f} ms"
                )
            lat = []
            for _ in range(10):
                t0 = time.perf_counter()
                client.get("/v1/stats")
                lat.append(time.perf_counter() - t0)
            print(f"stats over all items: p50 {pct(lat, 50):.1f} ms  p95 {pct(lat, 95):.1f} ms")


if __name__ == "__main__":
    main()
