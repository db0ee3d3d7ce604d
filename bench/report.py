"""The Markdown page of a benchmark run (bench/results/latest.md)."""

from __future__ import annotations

from typing import Any


def _row(*cells: object) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _table(header: tuple[str, ...], rows: list[tuple]) -> list[str]:
    return [_row(*header), _row(*("---" for _ in header)), *(_row(*r) for r in rows), ""]


def _met(target: dict | None) -> str:
    if not target:
        return ""
    verdict = "met" if target.get("met") else "**not met**"
    if "met_cpu" in target:
        verdict += f" in wall time; {'met' if target['met_cpu'] else '**not met**'} in CPU time"
    return f"{verdict} ({target.get('goal', '')})"


def _ingest(s: dict) -> list[tuple]:
    rows = []
    for n, f in s.get("sizes", {}).items():
        cpu = (
            (
                f" ({f['cpu_ratio_vs_pdftotext']}x in CPU: {f['nirdesh_cpu_ms_per_page']} vs "
                f"{f['pdftotext_cpu_ms_per_page']} ms/page)"
            )
            if "cpu_ratio_vs_pdftotext" in f
            else ""
        )
        rows.append(
            (
                f"text PDF ingestion, {n} pages (pages/s)",
                f["nirdesh_pages_per_s"],
                f"pdftotext {f['pdftotext_pages_per_s']}; pypdfium2 {f['pypdfium2_pages_per_s']}",
                f"{f['ratio_vs_pdftotext']}x pdftotext's time{cpu}; text layer CER {f['text_layer_cer']}",
            )
        )
    return rows


def _ocr(s: dict) -> list[tuple]:
    rows = []
    for w, f in s.get("workers", {}).items():
        rows.append(
            (
                f"OCR 300 dpi, {w} worker(s), {s['pages']} pages (s/page wall)",
                f["nirdesh_s_per_page"],
                f"tesseract CLI {f['tesseract_s_per_page']}",
                f"overhead {f['overhead_pct']} %",
            )
        )
        rows.append(
            (
                f"OCR 300 dpi, {w} worker(s) (CPU s/page)",
                f["nirdesh_cpu_s_per_page"],
                f"tesseract CLI {f['tesseract_cpu_s_per_page']}",
                f"overhead {f['cpu_overhead_pct']} %",
            )
        )
        rows.append(
            (
                f"OCR of the PNGs as image uploads, {w} at a time (s/page wall)",
                f["nirdesh_png_s_per_page"],
                f"tesseract CLI {f['tesseract_s_per_page']}",
                f"overhead {f['png_overhead_pct']} %",
            )
        )
    if "stages_ms_per_page" in s:
        st = s["stages_ms_per_page"]
        rows.append(
            (
                "OCR route stages, 1 page at a time (ms/page)",
                f"render {st['render']}, preprocess {st['preprocess']}, tesseract {st['tesseract_via_pytesseract']}"
                f", text rebuild {st['rebuild_text']}",
                f"before the optimisation: preprocess {st['preprocess_median_filter']}, "
                f"render {st.get('render_pdfium_greyscale', '?')}",
                f"OCR CER {s.get('ocr_cer')}",
            )
        )
    return rows


def _extract(s: dict) -> list[tuple]:
    m = s.get("model_load", {})
    rows = [
        (
            "extraction model loading (s, fresh process)",
            f"{m.get('load_gazetteer_and_tokenizer_s')}",
            "",
            f"imports {m.get('import_s')} s (spaCy) before it",
        )
    ]
    for n, f in s.get("documents", {}).items():
        rows.append(
            (
                f"extraction, {n} document(s) of {f['pages_each']} pages",
                f"{f['documents_per_s']} docs/s, {f['sentences_per_s']} sentences/s",
                "",
                f"{f['sentences']} sentences, {f['items']} items",
            )
        )
    if "long_document" in s:
        f = s["long_document"]
        rows.append(
            (
                f"extraction, 1 document of {f['pages']} pages",
                f"{f['sentences_per_s']} sentences/s",
                "",
                f"{f['sentences']} sentences, {f['seconds']} s",
            )
        )
    return rows


def _api(s: dict) -> list[tuple]:
    rows = []
    if "upload_3page_pdf" in s:
        u = s["upload_3page_pdf"]
        rows.append(
            (
                "API upload → items, 3-page text PDF (ms)",
                f"p50 {u['p50_ms']}, p95 {u['p95_ms']}",
                "",
                f"n={u['n']}, {u['items_per_document']} items/doc",
            )
        )
    if "upload_3page_txt" in s:
        u = s["upload_3page_txt"]
        rows.append(
            (
                "API upload → items, 3-page TXT, extracted in the request (ms)",
                f"p50 {u['p50_ms']}, p95 {u['p95_ms']}",
                "",
                f"n={u['n']}, {u['items_per_document']} items/doc",
            )
        )
    for f in s.get("list", {}).values():
        for label, q in f["queries"].items():
            rows.append(
                (
                    f"API list, {f['total_items']} items: {label} (ms)",
                    f"p50 {q['p50_ms']}, p95 {q['p95_ms']}",
                    "",
                    f"n={q['n']}",
                )
            )
    if "server_peak_rss_mb" in s:
        rows.append(
            (
                "API server peak RSS (VmHWM, MB)",
                s["server_peak_rss_mb"],
                "",
                f"{round(s['rss_after_start_kb'] / 1024, 1)} MB after start",
            )
        )
    return rows


def _search(s: dict) -> list[tuple]:
    if not s.get("available"):
        return [("search", s.get("note", "not available in this build"), "", "")]
    if "error" in s:
        return [("search", "error", "", s["error"][:200])]
    rows = []
    for n, f in s.get("figures", {}).items():
        if isinstance(f, dict) and "p95_ms" in f:
            modes = f.get("modes", {})
            detail = "; ".join(f"{m} p50 {v['p50_ms']}, p95 {v['p95_ms']}" for m, v in modes.items() if m != "hybrid")
            rows.append(
                (
                    f"search, hybrid, {n} items, query embedding included (ms)",
                    f"p50 {f.get('p50_ms')}, p95 {f['p95_ms']}",
                    "",
                    detail,
                )
            )
    if "index_items_per_s" in s.get("figures", {}):
        rows.append(("search indexing (items/s)", s["figures"]["index_items_per_s"], "", ""))
    return rows


def _growth(sections: dict) -> list[tuple]:
    rows = []
    ing = sections.get("ingest", {})
    sizes = list(ing.get("sizes", {}))
    for tool, g in ing.get("growth", {}).items():
        cpu = ing.get("growth_cpu", {}).get(tool)
        rows.append(
            (
                f"text PDF ingestion ({tool}), {sizes[0]} → {sizes[-1]} pages",
                g["work_factor"],
                g["time_ratio"] if not cpu else f"{g['time_ratio']} (CPU {cpu['time_ratio']})",
                g["verdict"] if not cpu else f"{g['verdict']} (CPU: {cpu['verdict']})",
            )
        )
    ext = sections.get("extract", {})
    for key, label in (
        ("growth_documents", "extraction, 1 → 10 documents (time)"),
        ("growth_document_length", "extraction, one document 10x as long"),
    ):
        if key in ext:
            g = ext[key]
            rows.append((label, g["work_factor"], g["time_ratio"], g["verdict"]))
    api = sections.get("api", {})
    for key, label in (
        ("growth_list", "API list newest 50 (p50)"),
        ("growth_list_filtered", "API list responsible + tracked (p50)"),
    ):
        if key in api:
            g = api[key]
            rows.append((label, g["work_factor"], g["time_ratio"], g["verdict"]))
    return rows


def _before_after(results: dict, before: dict) -> list[str]:
    rows = []
    ing_now, ing_old = results["sections"].get("ingest", {}), before.get("sections", {}).get("ingest", {})
    for n, b in ing_now.get("sizes", {}).items():
        a = ing_old.get("sizes", {}).get(n)
        if a:
            rows.append(
                (f"text PDF route, {n} pages: ms/page wall", a["nirdesh_ms_per_page"], b["nirdesh_ms_per_page"])
            )
            rows.append(
                (
                    f"text PDF route, {n} pages: time vs pdftotext",
                    f"{a['ratio_vs_pdftotext']}x",
                    f"{b['ratio_vs_pdftotext']}x",
                )
            )
    now, old = results["sections"].get("ocr", {}), before.get("sections", {}).get("ocr", {})
    for w in now.get("workers", {}):
        if w not in old.get("workers", {}):
            continue
        a, b = old["workers"][w], now["workers"][w]
        for key, label in (
            ("nirdesh_s_per_page", "s/page wall"),
            ("nirdesh_cpu_s_per_page", "CPU s/page"),
            ("overhead_pct", "wall overhead vs tesseract %"),
            ("cpu_overhead_pct", "CPU overhead vs tesseract %"),
        ):
            rows.append((f"OCR route, {w} worker(s): {label}", a.get(key), b.get(key)))
    st_old, st_new = old.get("stages_ms_per_page", {}), now.get("stages_ms_per_page", {})
    for key, was in (("preprocess", "preprocess_median_filter"), ("render", "render_pdfium_greyscale")):
        if key in st_new and was in st_new:
            rows.append((f"OCR stage {key} (ms/page), old and new code in this run", st_new[was], st_new[key]))
    for key in ("render", "preprocess", "tesseract_via_pytesseract"):
        if key in st_old and key in st_new:
            rows.append((f"OCR stage {key} (ms/page)", st_old[key], st_new[key]))
    if not rows:
        return []
    head = [
        f"## Before / after the optimisations (OCR preprocessing and page rendering, text PDF route; before = "
        f"run of {before['machine']['date']}, commit {before['machine']['git_commit']}, "
        f"load {before['machine']['load_at_start']})",
        "",
    ]
    return head + _table(("figure", "before", "after"), rows)


def markdown(results: dict[str, Any], before: dict | None = None) -> str:
    m, sections = results["machine"], results["sections"]
    lines = [
        f"# Nirdesh benchmarks ({results['mode']} run)",
        "",
        f"{m['date']}, commit {m['git_commit']}, {m['cpu_model']}, {m['cpu_count']} cores "
        f"({m['cpu_affinity']} usable), Python {m['python']}. Load average at start {m['load_at_start']}, "
        f"at end {m.get('load_at_end')} (a shared machine: figures above ~{m['cpu_count']} are noisy). "
        f"Total {results.get('total_seconds', '?')} s. Command: `make bench` (`python -m bench.run"
        f"{'' if results['mode'] == 'default' else ' --' + results['mode']}`).",
        "",
        "## Figures",
        "",
    ]
    rows: list[tuple] = []
    builders = {"ingest": _ingest, "ocr": _ocr, "extract": _extract, "api": _api, "search": _search}
    for name, build in builders.items():
        s = sections.get(name)
        if s is None:
            continue
        if "error" in s and name != "search":
            rows.append((name, "ERROR", "", s["error"][:200]))
            continue
        rows += build(s)
    lines += _table(("measure", "nirdesh", "baseline", "notes"), rows)
    lines += ["## Growth from 1x to 10x the work", ""]
    lines += _table(("measure", "work x", "time x", "verdict"), _growth(sections))
    targets = [(name, _met(s.get("target"))) for name, s in sections.items() if s.get("target")]
    if targets:
        lines += ["## Targets", ""] + _table(("section", "result"), targets)
    lines += ["## Load per section", ""]
    lines += _table(
        ("section", "seconds", "load average after"),
        [(n, s.get("section_seconds"), s.get("load")) for n, s in sections.items()],
    )
    if before:
        lines += _before_after(results, before)
    return "\n".join(lines)
