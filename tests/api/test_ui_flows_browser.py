"""The smaller UI flows of issue 16 in headless Chromium: history in words, OCR page progress and lists that
refresh, red failed rows, the start page, deep links, the 390 px layout, print stylesheets, the evidence box
over the page image, and search that says when nothing matched by words.

Same needs as tests/api/test_ui_browser.py (Debian's chromium and chromium-driver, selenium, poppler's
pdftotext/pdfinfo); a missing browser is a failure, not a skip. Screenshots and PDFs go to /tmp/ux16/.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import re
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from ingest import IngestError
from tests.api.test_ui_browser import WAIT, _free_port, driver  # noqa: F401 - the browser fixture
from tests.helpers.builders import FakeExtractor
from tests.helpers.samples import hindi_scan_pdf

SHOTS = Path("/tmp/ux16")
PRESS_NOTE = (
    "विभाग: कृषि विभाग\n"
    "जिलाधिकारी ने निर्देश दिए कि जिला कृषि अधिकारी 31 मार्च 2026 तक बीज वितरण पूर्ण करें।\n"
    "जिलाधिकारी ने तहसीलदार को पाक्षिक समीक्षा करने के निर्देश दिए।\n"
)
PAGE_TEXT = "जिलाधिकारी ने निर्देश दिए कि तहसीलदार 2026-01-15 तक सर्वे पूरा करें।"
BOX = [0.1, 0.2, 0.6, 0.35]
HI_MONTH = "(जनवरी|फ़रवरी|फरवरी|मार्च|अप्रैल|मई|जून|जुलाई|अगस्त|सितंबर|अक्तूबर|अक्टूबर|नवंबर|दिसंबर)"
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED_LATIN = {"PDF", "OCR", "API", "DOCX", "TXT", "CSV", "XLSX", "JSON", "ICS", "KrutiDev", "English"}


class GatedExtractor:
    """The fake extractor behind a gate: reports page 1 of 3, waits for the test, then reads the rest.
    Evidence of each item carries ``BOX``; a file named bad.pdf fails as corrupt."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.fake = FakeExtractor()

    def __call__(
        self,
        data: bytes,
        filename: str,
        *,
        meeting_date: date | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> dict[str, Any]:
        if filename.startswith("bad"):
            raise IngestError("the file is damaged", code="corrupt")
        if filename.startswith("slow") and progress is not None:
            progress(1, 3)
            assert self.gate.wait(60), "the test never opened the gate"
            progress(3, 3)
        out = self.fake("\f".join([PAGE_TEXT, "दूसरा पृष्ठ।", "तीसरा पृष्ठ।"]).encode(), "x.txt")
        for item in out["action_items"]:
            item["evidence"]["box"] = BOX
        return out


def _serve(tmp_path: Path, extract: Any = None, workers: int = 1) -> Iterator[str]:
    import uvicorn

    from api.app import create_app

    settings = dataclasses.replace(
        Settings(), data_dir=tmp_path / "data", host="127.0.0.1", require_auth=False, job_workers=workers
    )
    app = create_app(settings, host="127.0.0.1", database_url=f"sqlite:///{tmp_path / 'ui.db'}", extract=extract)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{srv.config.port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def gated() -> GatedExtractor:
    return GatedExtractor()


@pytest.fixture
def real_server(tmp_path: Path) -> Iterator[str]:
    """The real extraction pipeline."""
    yield from _serve(tmp_path)


@pytest.fixture
def gated_server(tmp_path: Path, gated: GatedExtractor) -> Iterator[str]:
    yield from _serve(tmp_path, gated, workers=2)  # the gated job holds one worker
    gated.gate.set()


def _call(server: str, path: str, body: Any = None, method: str = "GET", token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(f"{server}{path}", data=data, method=method, headers=headers)
    return json.loads(urllib.request.urlopen(req).read() or b"null")


def _upload(server: str, name: str, data: bytes, token: str | None = None) -> Any:
    boundary = "nirdeshboundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"{server}/v1/documents", data=body, method="POST", headers=headers)
    return json.loads(urllib.request.urlopen(req).read())


def _tools() -> tuple[Any, Any, Any]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return By.CSS_SELECTOR, ec, WebDriverWait


def _shot(drv: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(SHOTS / name))


def _latin_words(text: str) -> set[str]:
    return {w for w in LATIN_WORD.findall(text) if w not in ALLOWED_LATIN}


def test_start_page_history_in_words_and_deep_links(real_server: str, driver: Any) -> None:  # noqa: F811
    css, ec, Wait = _tools()
    wait = Wait(driver, WAIT)
    server = real_server

    # An empty store: the start page leads to the upload.
    driver.get(f"{server}/")
    start = wait.until(ec.visibility_of_element_located((css, "#start")))
    assert "अभी कोई दस्तावेज़ नहीं है" in start.text
    _shot(driver, "start.png")
    driver.find_element(css, "#start-upload").click()
    wait.until(ec.presence_of_element_located((css, "#file-input")))
    assert driver.current_url.endswith("#/upload")

    # An editor's token, named as a person: the audit names them, the history says it in words.
    token = _call(server, "/v1/tokens", {"role": "editor", "label": "आशा वर्मा"}, "POST")["token"]
    doc = _upload(server, "प्रेस-नोट.txt", PRESS_NOTE.encode(), token)
    ids = [i["id"] for i in doc["items"]]
    _call(server, "/v1/action-items/review", {"ids": ids, "decision": "confirm"}, "POST", token)
    _call(server, f"/v1/action-items/{ids[0]}", {"status": "done"}, "PATCH", token)
    _call(server, f"/v1/action-items/{ids[0]}", {"note": "बीज पहुँच गया"}, "PATCH")  # the local user, no token
    actors = {h["actor"] for h in _call(server, f"/v1/action-items/{ids[0]}/history")}
    assert any(a.startswith("आशा वर्मा#") for a in actors) and any(a.startswith("local:") for a in actors)

    driver.get(f"{server}/#/items")
    row = wait.until(ec.presence_of_element_located((css, f"tr.item-row[data-item-id='{ids[0]}']")))
    row.find_element(css, "button.history-btn").click()
    entries_css = f"tr.history-row[data-history-for='{ids[0]}'] li.history-entry"
    wait.until(lambda d: len(d.find_elements(css, entries_css)) == 3)
    entries = [e.text for e in driver.find_elements(css, entries_css)]
    when = rf"— \d{{1,2}} {HI_MONTH} \d{{4}}, \d{{2}}:\d{{2}}$"
    assert re.match(rf"^आशा वर्मा ने समीक्षा 'प्रस्तावित' से 'पुष्ट' की {when}", entries[0]), entries
    assert re.match(rf"^आशा वर्मा ने स्थिति 'खुला' से 'पूर्ण' की {when}", entries[1]), entries
    assert re.match(rf"^\S+ ने टिप्पणी 'बीज पहुँच गया' दर्ज की {when}", entries[2]), entries
    assert not any("local" in e or "{" in e or "#" in e or "review_state" in e for e in entries), entries
    _shot(driver, "history-hi.png")

    driver.find_element(css, "#lang-toggle").click()
    row = wait.until(ec.presence_of_element_located((css, f"tr.item-row[data-item-id='{ids[0]}']")))
    row.find_element(css, "button.history-btn").click()
    wait.until(lambda d: len(d.find_elements(css, entries_css)) == 3)
    english = driver.find_elements(css, entries_css)[1].text
    assert re.match(r"^आशा वर्मा changed status from 'Open' to 'Done' — \d{1,2} \w+ \d{4}, \d{2}:\d{2}$", english)
    driver.find_element(css, "#lang-toggle").click()

    # Deep links: #item=ID opens the item's document with that item selected (the exports' link form too).
    driver.get(f"{server}/#item={ids[1]}")
    wait.until(ec.presence_of_element_located((css, f".item-card.selected[data-item-id='{ids[1]}']")))
    assert f"/documents/{doc['id']}?item={ids[1]}" in driver.current_url
    assert "पाक्षिक समीक्षा" in driver.find_element(css, "mark.evidence").text
    recurrence = driver.find_element(css, f".item-card[data-item-id='{ids[1]}'] dl").text
    assert "पाक्षिक" in recurrence and "fortnightly" not in recurrence
    # The items table links each id to the same place.
    driver.get(f"{server}/#/items")
    wait.until(ec.element_to_be_clickable((css, f"tr.item-row[data-item-id='{ids[0]}'] a.item-link"))).click()
    wait.until(ec.presence_of_element_located((css, f".item-card.selected[data-item-id='{ids[0]}']")))
    driver.get(f"{server}/#item=999999")
    wait.until(ec.text_to_be_present_in_element((css, "#view"), "यह कार्य-बिंदु नहीं मिला।"))

    # No English words in the Hindi screens' own text (page header and route, table heads, labels).
    for view, ready in (
        ("#/items", "#items-table"),
        (f"#/documents/{doc['id']}", "#doc-items .item-card"),
        ("#/documents", "#documents-table"),
        ("#/upload", "#dropzone"),
        ("#/search?q=बीज", "li.search-hit"),
    ):
        driver.get(f"{server}/{view}")
        wait.until(ec.presence_of_element_located((css, ready)))
        text = driver.find_element(css, "body").text.replace("प्रेस-नोट.txt", "")
        assert not _latin_words(text), (view, _latin_words(text))


def test_document_list_progress_and_failed_rows(gated_server: str, gated: GatedExtractor, driver: Any) -> None:  # noqa: F811
    css, ec, Wait = _tools()
    wait = Wait(driver, WAIT)
    server = gated_server
    slow = hindi_scan_pdf([["पहला पृष्ठ"], ["दूसरा पृष्ठ"], ["तीसरा पृष्ठ"]], resolution=72)

    # While the job runs, the upload row and the document list say "page 1 of 3"; the list polls by itself.
    driver.get(f"{server}/#/upload")
    (SHOTS / "in").mkdir(parents=True, exist_ok=True)
    path = SHOTS / "in" / "slow-scan.pdf"
    path.write_bytes(slow)
    driver.find_element(css, "#file-input").send_keys(str(path))
    wait.until(ec.text_to_be_present_in_element((css, "#upload-list li"), "पृष्ठ 1 / 3"))
    driver.get(f"{server}/#/documents")
    wait.until(ec.text_to_be_present_in_element((css, "#documents-table .doc-progress"), "पृष्ठ 1 / 3"))
    assert driver.find_element(css, "#documents-box").get_attribute("data-polling")
    _shot(driver, "documents-progress.png")

    # A failure arrives meanwhile (uploaded behind the page): the list shows it by itself, in red, in Hindi.
    bad = hindi_scan_pdf([["खराब"]], resolution=72)
    assert _upload(server, "bad.pdf", bad)["kind"] == "extract"  # a job (it may have failed already)
    failed_css = "#documents-table tr.failed-row"
    wait.until(ec.text_to_be_present_in_element((css, failed_css), "फ़ाइल क्षतिग्रस्त है"))
    color = driver.execute_script(
        "return getComputedStyle(document.querySelector(arguments[0]).cells[1]).backgroundColor", failed_css
    )
    assert color == "rgb(253, 236, 235)"
    assert "पृष्ठ 1 / 3" in driver.find_element(css, "#documents-table").text  # the slow one still reading

    # The document's own page says the same while it waits.
    slow_id = driver.find_element(css, "#documents-table tr[data-status='processing']").get_attribute("data-doc-id")
    driver.get(f"{server}/#/documents/{slow_id}")
    wait.until(ec.text_to_be_present_in_element((css, "#doc-busy"), "पृष्ठ 1 / 3"))
    driver.get(f"{server}/#/documents")
    wait.until(ec.presence_of_element_located((css, "#documents-table")))

    # The job finishes: the list refreshes to "processed" with its item count and stops polling.
    gated.gate.set()
    wait.until(ec.presence_of_element_located((css, "#documents-table tr[data-status='processed']")))
    wait.until(lambda d: d.find_element(css, "#documents-box").get_attribute("data-polling") is None)
    processed = driver.find_element(css, "#documents-table tr[data-status='processed']")
    assert "संसाधित" in processed.text and "पृष्ठ" not in processed.text
    _shot(driver, "documents-done.png")


def test_evidence_box_over_the_page_image(gated_server: str, gated: GatedExtractor, driver: Any) -> None:  # noqa: F811
    css, ec, Wait = _tools()
    wait = Wait(driver, WAIT)
    server = gated_server
    job = _upload(server, "scan.pdf", hindi_scan_pdf([["क"], ["ख"], ["ग"]], resolution=72))
    wait.until(lambda _: _call(server, job["url"])["status"] == "done")

    driver.get(f"{server}/#/documents/{job['document_id']}")
    card = wait.until(ec.presence_of_element_located((css, "#doc-items .item-card")))
    image = driver.find_element(css, "#page-1 img.page-image")
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image))
    assert not driver.find_elements(css, ".evidence-box")
    card.find_element(css, ".item-text").click()
    box = wait.until(ec.visibility_of_element_located((css, "#page-1 .page-figure .evidence-box")))
    img = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", image)
    got = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", box)
    want = {
        "left": img["left"] + BOX[0] * img["width"],
        "top": img["top"] + BOX[1] * img["height"],
        "right": img["left"] + BOX[2] * img["width"],
        "bottom": img["top"] + BOX[3] * img["height"],
    }
    assert all(abs(got[k] - v) <= 2 for k, v in want.items()), (got, want)
    # The text span is still marked beside it.
    assert "सर्वे पूरा करें" in driver.find_element(css, "pre.page-text mark.evidence").text
    _shot(driver, "evidence-box.png")


def _pdf_text(pdf: bytes, name: str) -> tuple[str, int]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    return text, pages


def test_phone_layout_print_and_search(real_server: str, driver: Any) -> None:  # noqa: F811
    from selenium.webdriver.common.print_page_options import PrintOptions

    css, ec, Wait = _tools()
    wait = Wait(driver, WAIT)
    server = real_server
    for n in range(3):
        doc = _upload(server, f"बैठक-{n}.txt", PRESS_NOTE.replace("कृषि विभाग", f"कृषि विभाग {n}").encode())
        ids = [i["id"] for i in doc["items"]]
        _call(server, "/v1/action-items/review", {"ids": ids, "decision": "confirm"}, "POST")

    # 390 x 844: nothing scrolls sideways; the item table's rows are stacked cards with labelled cells.
    driver.set_window_size(390, 844)
    for view, ready in (
        ("#/items", "#items-table tr.item-row"),
        ("#/documents", "#documents-table tr"),
        (f"#/documents/{doc['id']}", "#doc-items .item-card"),
        ("#/upload", "#dropzone"),
        ("#/search?q=बीज वितरण", "li.search-hit"),
    ):
        driver.get(f"{server}/{view}")
        wait.until(ec.presence_of_element_located((css, ready)))
        width = driver.execute_script("return window.innerWidth")
        assert width <= 400, width
        sizes = driver.execute_script("const s = document.scrollingElement; return [s.scrollWidth, s.clientWidth];")
        assert sizes[0] <= sizes[1], (view, sizes)
        _shot(driver, f"phone-{re.sub(r'[^a-z0-9]+', '-', view).strip('-')}.png")
    driver.get(f"{server}/#/items")
    cell = wait.until(ec.presence_of_element_located((css, "#items-table tr.item-row td[data-label]")))
    assert driver.execute_script("return getComputedStyle(arguments[0]).display", cell) == "block"
    assert not driver.find_element(css, "#items-table thead").is_displayed()

    # Print: the overdue list alone, one compact page with its title and date; no navigation, no buttons.
    driver.set_window_size(1400, 1000)
    driver.get(f"{server}/#/items")
    wait.until(ec.presence_of_element_located((css, "#items-table tr.item-row")))
    driver.find_element(css, "#filters input[name='overdue']").click()
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 3)
    options = PrintOptions()
    options.background = True
    text, pages = _pdf_text(base64.b64decode(driver.print_page(options)), "overdue-list.pdf")
    assert pages == 1, pages
    assert "निर्देश — अतिदेय कार्य-बिंदु" in text and "मुद्रण तिथि" in text  # the page header
    # Not the top bar (brand, nav, language), the filters, the export form, the dashboard or row buttons.
    for absent in ("अपलोड", "दस्तावेज़", "खोज", "English", "लागू करें", "CSV", "सारांश", "इतिहास", "समान निर्देश"):
        assert absent not in text, (absent, text)
    assert re.search(r"2026-03-31", text), text  # the due dates of the rows
    assert text.count("2026-03-31") == 3, text
    screen = driver.find_element(css, "body").text
    for present in ("अपलोड", "खोज", "English", "लागू करें", "CSV", "सारांश", "इतिहास"):
        assert present in screen, present  # on the screen they are there, so the checks above can fail
    # The nav and buttons are not rendered for print: checked in the print media itself.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = driver.execute_script(
        "return [...document.querySelectorAll('header.topbar, nav, button, form, select, #dashboard')]"
        ".filter((n) => n.getClientRects().length).map((n) => n.outerHTML.slice(0, 60))"
    )
    assert shown == [], shown
    header = driver.find_element(css, ".print-header")
    assert header.is_displayed() and "अतिदेय कार्य-बिंदु" in header.text and "मुद्रण तिथि" in header.text
    _shot(driver, "print-overdue.png")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # Search: a word in no document says so, and any hit it still shows is labelled "meaning only".
    driver.get(f"{server}/#/search?q=ज़ेब्राक्रॉसिंगक्ष")
    wait.until(ec.presence_of_element_located((css, "#no-hits, #no-word-match")))
    results = driver.find_element(css, "#search-results")
    hits = results.find_elements(css, "li.search-hit")
    if hits:
        assert driver.find_element(css, "#no-word-match").text.startswith("आपके शब्द किसी निर्देश")
        assert all(h.find_elements(css, ".badge.meaning-only") for h in hits)
    else:
        assert "कुछ नहीं मिला" in results.text
    assert not _latin_words(results.text), results.text
    _shot(driver, "search-nothing.png")
    # A word that is there: its hits are not labelled meaning-only, and no warning.
    driver.get(f"{server}/#/search?q=बीज वितरण")
    wait.until(ec.presence_of_element_located((css, "li.search-hit")))
    assert not driver.find_elements(css, "#no-word-match")
    first = driver.find_elements(css, "li.search-hit")[0]
    assert "बीज वितरण" in first.text and not first.find_elements(css, ".badge.meaning-only")


def test_dashboard_links_and_lists_that_refresh(real_server: str, driver: Any) -> None:  # noqa: F811
    from selenium.webdriver.support.select import Select

    css, ec, Wait = _tools()
    wait = Wait(driver, WAIT)
    server = real_server
    doc = _upload(server, "प्रेस-नोट.txt", PRESS_NOTE.encode())
    ids = [i["id"] for i in doc["items"]]
    _call(server, "/v1/action-items/review", {"ids": ids, "decision": "confirm"}, "POST")

    # A dashboard name opens the list filtered to it; its overdue count opens the overdue part.
    driver.get(f"{server}/#/items")
    officer_links = "#dashboard table.stats-officer a.stats-link"
    link = wait.until(ec.element_to_be_clickable((css, officer_links)))
    assert link.text == "जिला कृषि अधिकारी"
    link.click()
    wait.until(lambda d: "responsible=" in d.current_url and len(d.find_elements(css, "#items-table tr.item-row")) == 1)
    assert driver.find_element(css, "#filters input[name='responsible']").get_attribute("value") == "जिला कृषि अधिकारी"
    assert "बीज वितरण" in driver.find_element(css, "#items-table tr.item-row").text
    driver.get(f"{server}/#/items")
    wait.until(ec.element_to_be_clickable((css, "#dashboard table.stats-department a.badge.overdue"))).click()
    wait.until(lambda d: "overdue=true" in d.current_url)
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 1)
    assert driver.find_element(css, "#filters input[name='overdue']").is_selected()
    assert driver.find_elements(css, officer_links)  # the dashboard is still there

    # A list filtered to open items refreshes itself when an item in it is closed; the counts follow.
    driver.find_element(css, "#filters button[type='reset']").click()
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 2)
    Select(driver.find_element(css, "#filters select[name='status']")).select_by_value("open")
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 2)
    row = driver.find_element(css, f"tr.item-row[data-item-id='{ids[0]}']")
    Select(row.find_element(css, "select.status-select")).select_by_value("done")
    rows_js = "return [...document.querySelectorAll('tr.item-row')].map((r) => Number(r.dataset.itemId))"
    wait.until(lambda d: d.execute_script(rows_js) == [ids[1]])
    dash_js = "return document.querySelector('#dashboard').innerText"
    wait.until(
        lambda d: "तहसीलदार" in d.execute_script(dash_js) and "जिला कृषि अधिकारी" not in d.execute_script(dash_js)
    )

    # An office reports on its item and a reviewer accepts it: the history says so in words.
    office = _call(server, "/v1/offices", {"designation": "तहसीलदार"}, "POST")
    office_token = _call(server, f"/v1/offices/{office['id']}/tokens", {"label": "तहसील कार्यालय"}, "POST")["token"]
    urllib.request.urlopen(urllib.request.Request(f"{server}/v1/offices/{office['id']}/items/{ids[1]}", method="PUT"))
    report = _call(
        server,
        f"/v1/offices/{office['id']}/items/{ids[1]}/reports",
        {"status": "done", "text": "पाक्षिक समीक्षा आरंभ"},
        "POST",
        office_token,
    )
    _call(server, f"/v1/reports/{report['id']}/review", {"decision": "accept"}, "POST")
    driver.get(f"{server}/#/items")
    row = wait.until(ec.presence_of_element_located((css, f"tr.item-row[data-item-id='{ids[1]}']")))
    row.find_element(css, "button.history-btn").click()
    entries_css = f"tr.history-row[data-history-for='{ids[1]}'] li.history-entry .history-text"
    wait.until(lambda d: len(d.find_elements(css, entries_css)) >= 4)
    entries = [e.text for e in driver.find_elements(css, entries_css)]
    assert "तहसील कार्यालय ने कृत कार्यवाही आख्या भेजी, स्थिति 'पूर्ण': पाक्षिक समीक्षा आरंभ" in entries, entries
    assert any(re.match(r"^\S+ ने आख्या स्वीकार की$", e) for e in entries), entries
    assert any(e.endswith("ने स्थिति 'खुला' से 'पूर्ण' की") for e in entries), entries
