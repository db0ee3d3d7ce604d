"""Smoke test of the benchmark runner (`make bench`) in --quick mode: every section runs and reports numbers.

Figures are not asserted (they depend on the machine); the test checks the JSON's shape, that each
figure is a number, and that the generated corpus reads back through ingest.
"""

from __future__ import annotations

import json
import random
from numbers import Real

import pytest

from bench.generate import make_document, text_pdf_bytes
from bench.run import SECTIONS, main
from ingest import ingest_bytes
from ingest.cer import cer


def _number(value: object) -> bool:
    return isinstance(value, Real) and not isinstance(value, bool) and value == value  # not NaN


def test_generated_text_pdf_reads_back_exactly():
    doc = make_document(random.Random(5), 2, "t")
    ingested = ingest_bytes(text_pdf_bytes(doc), "t.pdf")
    assert [p.route for p in ingested.pages] == ["text", "text"]
    assert all(cer(p.text, src) < 0.005 for p, src in zip(ingested.pages, doc.pages, strict=True))


def test_generated_documents_are_seeded_and_distinct():
    a = make_document(random.Random(9), 3, "a")
    b = make_document(random.Random(9), 3, "a")
    c = make_document(random.Random(10), 3, "a")
    assert a.pages == b.pages and a.pages != c.pages
    assert len(a.pages) == 3
    assert any(verb in a.text for verb in ("निर्देश दिए", "निर्देशित किया", "आदेश दिया"))


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    code = main(["--quick", "--out", str(out), "--before", str(out / "no-such-file.json")])
    return code, json.loads((out / "latest.json").read_text()), (out / "latest.md").read_text()


def test_quick_run_writes_every_section(quick_results):
    code, results, md = quick_results
    assert code == 0, {k: v.get("error") for k, v in results["sections"].items()}
    assert set(results["sections"]) == set(SECTIONS)
    m = results["machine"]
    assert _number(m["cpu_count"]) and _number(m["cpu_affinity"]) and m["cpu_model"] and m["git_commit"]
    assert all(_number(x) for x in m["load_at_start"])
    assert "## Figures" in md and "| measure |" in md and "pdftotext" in md


def test_quick_run_figures_are_numbers(quick_results):
    _, results, _ = quick_results
    s = results["sections"]
    for size in s["ingest"]["sizes"].values():
        for key in ("nirdesh_pages_per_s", "pdftotext_pages_per_s", "pypdfium2_pages_per_s", "text_layer_cer"):
            assert _number(size[key]), key
    assert set(s["ocr"]["workers"]) == {"1", "2"}
    for w in s["ocr"]["workers"].values():
        assert all(_number(w[k]) for k in ("nirdesh_s_per_page", "tesseract_s_per_page", "overhead_pct"))
    assert _number(s["ocr"]["ocr_cer"]) and s["ocr"]["ocr_cer"] < 0.1
    assert _number(s["extract"]["model_load"]["load_gazetteer_and_tokenizer_s"])
    for d in s["extract"]["documents"].values():
        assert _number(d["documents_per_s"]) and _number(d["sentences_per_s"]) and d["sentences"] > 0
    api = s["api"]
    assert _number(api["upload_3page_pdf"]["p95_ms"]) and api["upload_3page_pdf"]["items_per_document"] > 0
    assert len(api["list"]) == 2
    for figures in api["list"].values():
        assert figures["total_items"] >= 200
        assert all(_number(q["p50_ms"]) and _number(q["p95_ms"]) for q in figures["queries"].values())
    assert _number(api["server_peak_rss_mb"]) and api["server_peak_rss_mb"] > 10
    search = s["search"]
    assert search.get("note") == "search: not available in this build" or "figures" in search or "error" in search
