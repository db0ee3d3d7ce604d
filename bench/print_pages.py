"""Pages and screen furniture of the printed overdue list, with and without the print stylesheet, in one run.

PYTHONPATH=. /work/main/.venv/bin/python bench/print_pages.py [--items 67]

Seeds a store with ``--items`` confirmed overdue items (the issue's 67), serves the app, opens the items
view filtered to overdue items (``#/items?overdue=true``, 50 rows a page) in headless Chromium and prints
it to PDF (Page.printToPDF, A4) twice: "baseline" with every ``@media print`` rule removed from the page's
stylesheet (what printing gave before this change), "print css" as served. Counts PDF pages (pdfinfo) and
whether the navigation, filter and button words are in the PDF's text (pdftotext).
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import os
import socket
import subprocess
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from core.contract import Extraction
from core.settings import Settings
from store.db import Database
from store.repository import create_document, save_extraction

SCREEN_WORDS = ("अपलोड", "खोज", "लागू करें", "सारांश", "इतिहास", "English")
OFFICERS = ("खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "जिला पूर्ति अधिकारी")
DROP_PRINT_RULES = """
for (const sheet of document.styleSheets) {
  for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
    const r = sheet.cssRules[i];
    if (r instanceof CSSMediaRule && r.media.mediaText.includes("print")) sheet.deleteRule(i);
  }
}
"""


def seed(url: str, n: int) -> None:
    db = Database(url)
    due = (date.today() - timedelta(days=20)).isoformat()
    items = [
        {
            "id": f"ai-{i + 1:03d}",
            "text": f"{OFFICERS[i % 5]} कार्य संख्या {i + 1} की प्रगति माह के अंत तक सुनिश्चित करें।",
            "responsible": [{"name": None, "designation": OFFICERS[i % 5]}],
            "deadline": {"text": "माह के अंत तक", "date": due, "kind": "by"},
            "evidence": None,
            "confidence": 0.9,
        }
        for i in range(n)
    ]
    extraction = Extraction.from_json({"meeting": {"date": None}, "action_items": items, "pages": [], "warnings": []})
    with db.session() as s:
        doc = create_document(
            s, sha256="0" * 64, filename="बैठक.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
        )
        for item in save_extraction(s, doc, extraction):
            item.review_state = "confirmed"
    db.dispose()


def serve(url: str, data_dir: Path) -> tuple[str, Any]:
    import uvicorn

    from api.app import create_app

    settings = dataclasses.replace(Settings(), data_dir=data_dir, host="127.0.0.1", require_auth=False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(settings, host="127.0.0.1", database_url=url), port=port, log_level="warning")
    )
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", srv


def measure(pdf: bytes, out: Path) -> tuple[int, list[str]]:
    out.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return pages, [w for w in SCREEN_WORDS if w in text]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=67)
    args = ap.parse_args()
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.print_page_options import PrintOptions
    from selenium.webdriver.support.ui import WebDriverWait

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        seed(url, args.items)
        base, srv = serve(url, Path(tmp) / "data")
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--lang=hi"):
            opts.add_argument(arg)
        drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            rows = []
            for label, script in (("baseline (no print rules)", DROP_PRINT_RULES), ("print css", "")):
                drv.get("about:blank")  # a fresh page load each time (a hash change alone keeps the old sheet)
                drv.get(f"{base}/#/items?overdue=true")
                WebDriverWait(drv, 30).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#items-table tr.item-row"))
                if script:
                    drv.execute_script(script)
                shown = len(drv.find_elements(By.CSS_SELECTOR, "#items-table tr.item-row"))
                options = PrintOptions()
                options.page_height, options.page_width = 29.7, 21.0
                pdf = base64.b64decode(drv.print_page(options))
                pages, words = measure(pdf, Path(tmp) / "list.pdf")
                rows.append((label, shown, pages, words))
        finally:
            drv.quit()
            srv.should_exit = True
    print(f"overdue list, {args.items} overdue items in the store, A4")
    print(f"{'':28} {'rows':>5} {'pages':>6}  screen words in the PDF")
    for label, shown, pages, words in rows:
        print(f"{label:28} {shown:>5} {pages:>6}  {', '.join(words) or '-'}")


if __name__ == "__main__":
    main()
