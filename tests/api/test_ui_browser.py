"""End to end: the web UI in headless Chromium against the real app and the real extraction pipeline.

Needs Debian's ``chromium`` and ``chromium-driver`` (``/usr/bin/chromium``, ``/usr/bin/chromedriver``),
``fonts-lohit-deva`` and the PyPI package ``selenium``. A missing browser is a failure, not a skip.
Selenium Manager is kept offline: the driver path is given and SE_OFFLINE=true.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import socket
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from tests.helpers.samples import hindi_scan_pdf

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
LINES = [
    "विकास भवन सभागार में समीक्षा बैठक आयोजित की गई।",
    "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी",
    "30 सितंबर 2025 तक सर्वे पूरा करें।",
]
EVIL_NAME = "<script>alert(1)</script>.txt"
WAIT = 30


def _hindi_pdf() -> bytes:
    """A one-page scanned-style PDF of LINES (the pipeline OCRs it)."""
    return hindi_scan_pdf([LINES])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The real app (default extractor) served by uvicorn in a thread on a free loopback port."""
    import uvicorn

    from api.app import create_app

    settings = dataclasses.replace(
        Settings(), data_dir=tmp_path / "data", host="127.0.0.1", require_auth=False, job_workers=1
    )
    app = create_app(settings, host="127.0.0.1", database_url=f"sqlite:///{tmp_path / 'ui.db'}")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        assert thread.is_alive(), "uvicorn did not start"
        assert time.monotonic() < deadline, "uvicorn did not start in 15 s"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[Any]:
    for exe, pkg in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not exe.exists():
            pytest.fail(f"{exe} is missing: apt-get install -y {pkg}", pytrace=False)
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never try to download a browser or driver
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="nirdesh-chromium-", dir=tmp_path)
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--window-size=1400,1000",
        "--lang=hi",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    drv.set_page_load_timeout(WAIT)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _no_alert(drv: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = drv.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"an alert was opened (script injection): {text!r}")


def test_upload_review_track_in_browser(server: str, driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.select import Select
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT)
    css = By.CSS_SELECTOR

    # Hindi by default; <html lang> follows the toggle.
    driver.get(f"{server}/#/upload")
    wait.until(ec.presence_of_element_located((css, "#file-input")))
    assert driver.find_element(css, "html").get_attribute("lang") == "hi"
    assert "अपलोड" in driver.find_element(css, "nav").text
    assert not driver.find_element(css, "#auth-bar").is_displayed()  # loopback: no token needed

    # 1. Upload a Hindi PDF through the file input: upload progress, then the OCR job, then a link.
    pdf = tmp_path / "बैठक-कार्यवृत्त.pdf"
    pdf.write_bytes(_hindi_pdf())
    driver.find_element(css, "#file-input").send_keys(str(pdf))
    wait.until(ec.presence_of_element_located((css, "#upload-list li[data-state='done'] a.doc-link")))
    row = driver.find_element(css, "#upload-list li[data-state='done']")
    assert "बैठक-कार्यवृत्त.pdf" in row.text
    row.find_element(css, "a.doc-link").click()

    # 2. The document page: page text beside its items; clicking an item marks its evidence span.
    wait.until(ec.presence_of_element_located((css, "#doc-items .item-card")))
    card = driver.find_element(css, "#doc-items .item-card")
    assert "सर्वे पूरा करें" in card.text and "खंड विकास अधिकारी" in card.text
    image = driver.find_element(css, "#page-1 img.page-image")
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", image))
    assert image.get_attribute("naturalWidth") == "1000"  # the page rendered at the requested width
    card.find_element(css, ".item-text").click()
    mark = wait.until(ec.visibility_of_element_located((css, "pre.page-text mark.evidence")))
    assert "सर्वे पूरा करें" in mark.text and "समीक्षा बैठक" not in mark.text
    assert "विकास भवन" in driver.find_element(css, "pre.page-text").text  # the text folded open beside the image
    card.find_element(css, "button.review-confirm").click()
    wait.until(ec.text_to_be_present_in_element((css, "#doc-items .review-badge"), "पुष्ट"))

    # 2b. A reviewer corrects who must act (designation and name apart): a post typed with a comma stays a
    # post; the card shows the correction, the API keeps it as data.
    driver.find_element(css, "#doc-items .item-card button.review-correct").click()
    wait.until(ec.presence_of_element_located((css, "form.correct-form .responsible-designation")))
    driver.find_element(css, "form.correct-form button.add-person").click()
    driver.find_elements(css, "form.correct-form .responsible-designation")[-1].send_keys("उप संचालक, कृषि (DDA)")
    driver.find_element(css, "form.correct-form button.correct-save").click()
    wait.until(ec.text_to_be_present_in_element((css, "#doc-items .item-card"), "उप संचालक, कृषि (DDA)"))
    item_id = driver.find_element(css, "#doc-items .item-card").get_attribute("data-item-id")
    corrected = json.loads(urllib.request.urlopen(f"{server}/v1/action-items/{item_id}").read())
    assert [c["field"] for c in corrected["corrections"]] == ["responsible"]
    assert corrected["responsible"][-1] == {"name": None, "designation": "उप संचालक, कृषि (DDA)"}
    assert corrected["review_state"] == "confirmed"

    # 3. The items table: change the status inline, then see the change in the item's history.
    driver.get(f"{server}/#/items")
    wait.until(ec.presence_of_element_located((css, "#items-table tr.item-row")))
    wait.until(ec.presence_of_element_located((css, "#dashboard table.stats-officer")))
    dash = driver.find_element(css, "#dashboard").text
    assert "खंड विकास अधिकारी" in dash
    # the officer reads as written, while its link filters by the matching key (Latin lower-cased)
    assert "उप संचालक, कृषि (DDA)" in dash and "(dda)" not in dash
    links = driver.find_elements(css, "#dashboard table.stats-officer a.stats-link")
    (link,) = [a for a in links if "DDA" in a.text]
    assert urllib.parse.unquote_plus(link.get_attribute("href")).endswith("responsible=उप संचालक, कृषि (dda)")
    export_link = wait.until(ec.visibility_of_element_located((css, "#export-area a#export-link")))
    assert "/v1/export?" in export_link.get_attribute("href") and "format=csv" in export_link.get_attribute("href")
    row = driver.find_element(css, "#items-table tr.item-row")
    item_id = row.get_attribute("data-item-id")
    assert "सर्वे पूरा करें" in row.text
    Select(row.find_element(css, "select.status-select")).select_by_value("in_progress")
    wait.until(
        ec.presence_of_element_located((css, f"tr.item-row[data-item-id='{item_id}'][data-status='in_progress']"))
    )
    driver.save_screenshot("/tmp/nirdesh_ui.png")
    row.find_element(css, "button.history-btn").click()
    hist = f"tr.history-row[data-history-for='{item_id}'] li.history-entry"
    wait.until(ec.presence_of_element_located((css, hist)))
    entries = [e.text for e in driver.find_elements(css, hist)]
    assert any("स्थिति" in e and "खुला" in e and "प्रगति पर" in e for e in entries), entries

    # 3b. Another editor changes the item behind the page: the page's next change carries the etag it read
    # (If-Match), gets 412 and says so in Hindi; the select goes back and the other editor's change stays.
    other = urllib.request.Request(
        f"{server}/v1/action-items/{item_id}",
        data=json.dumps({"note": "दूसरे संपादक की टिप्पणी"}).encode(),
        method="PATCH",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(other).read()
    select = Select(row.find_element(css, "select.status-select"))
    select.select_by_value("done")
    wait.until(ec.text_to_be_present_in_element((css, "#flash"), "किसी और ने यह कार्य-बिंदु बदल दिया है"))
    assert select.first_selected_option.get_attribute("value") == "in_progress"
    now = json.loads(urllib.request.urlopen(f"{server}/v1/action-items/{item_id}").read())
    assert now["status"] == "in_progress" and now["note"] == "दूसरे संपादक की टिप्पणी"

    # Filters: "done" shows nothing; "in progress" shows the item.
    Select(driver.find_element(css, "#filters select[name='status']")).select_by_value("done")
    wait.until(ec.presence_of_element_located((css, "#no-items")))
    Select(driver.find_element(css, "#filters select[name='status']")).select_by_value("in_progress")
    wait.until(ec.presence_of_element_located((css, f"tr.item-row[data-item-id='{item_id}']")))

    # English toggle: strings and <html lang> change, and the choice survives a reload.
    driver.find_element(css, "#lang-toggle").click()
    wait.until(lambda d: d.find_element(css, "html").get_attribute("lang") == "en")
    wait.until(ec.text_to_be_present_in_element((css, "nav"), "Action items"))
    driver.refresh()
    wait.until(ec.text_to_be_present_in_element((css, "nav"), "Documents"))
    assert driver.find_element(css, "html").get_attribute("lang") == "en"

    # 4. A file named like a script tag is shown as text and never runs. "/" cannot be in a file name on
    # disk, so this one is dropped on the drop zone as a File made in the page (the drag-and-drop path).
    evil_text = "<script>alert(3)</script> <img src=x onerror=alert(2)> बैठक सम्पन्न हुई।\n"
    driver.get(f"{server}/#/upload")
    zone = wait.until(ec.presence_of_element_located((css, "#dropzone")))
    _drop_file(driver, zone, EVIL_NAME, evil_text)
    wait.until(ec.presence_of_element_located((css, "#upload-list li[data-state='done'] a.doc-link")))
    _no_alert(driver)
    assert driver.find_element(css, "#upload-list li[data-state='done'] .fname").text == EVIL_NAME
    driver.find_element(css, "#upload-list li[data-state='done'] a.doc-link").click()
    wait.until(ec.text_to_be_present_in_element((css, "pre.page-text"), "<script>alert(3)</script>"))
    _no_alert(driver)
    server_name = driver.find_element(css, "#doc-title").text  # the API replaces < > / in stored names
    assert server_name and "script" in server_name
    driver.get(f"{server}/#/documents")
    wait.until(ec.text_to_be_present_in_element((css, "#documents-table"), server_name))
    _no_alert(driver)
    assert not driver.find_elements(css, "script:not([src]), img[src='x']"), "injected markup became elements"
    assert driver.execute_script("return document.title") == "Nirdesh"


def _drop_file(driver: Any, zone: Any, name: str, text: str) -> None:
    """Drop a File made in the page on the drop zone (a name with "/" cannot come from the disk)."""
    driver.execute_script(
        """const dt = new DataTransfer();
        dt.items.add(new File([arguments[1]], arguments[2], {type: "text/plain"}));
        arguments[0].dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));""",
        zone,
        text,
        name,
    )


def test_markup_in_names_and_text_never_runs(server: str, driver: Any) -> None:
    """Payloads that set a window flag (so a silent script counts too, not only alerts) in the file name
    and in the text of a directive: every view shows them as text, and the flag stays unset."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT)
    css = By.CSS_SELECTOR
    name = '<img src=x onerror="window.__pwned=1">../../<script>window.__pwned=2</script>.txt'
    payload = '<script>window.__pwned=3</script><img src=x onerror="window.__pwned=4"><svg onload="window.__pwned=5">'
    text = f"समीक्षा बैठक हुई।\nजिलाधिकारी ने निर्देश दिए कि तहसीलदार {payload} सर्वे पूरा करें।\n"

    def flag() -> Any:
        return driver.execute_script("return window.__pwned === undefined ? null : window.__pwned")

    driver.get(f"{server}/#/upload")
    zone = wait.until(ec.presence_of_element_located((css, "#dropzone")))
    _drop_file(driver, zone, name, text)
    wait.until(ec.presence_of_element_located((css, "#upload-list li[data-state='done'] a.doc-link")))
    assert driver.find_element(css, "#upload-list li[data-state='done'] .fname").text == name
    assert flag() is None
    _no_alert(driver)

    driver.find_element(css, "#upload-list li[data-state='done'] a.doc-link").click()
    wait.until(ec.text_to_be_present_in_element((css, "pre.page-text"), payload))  # shown literally
    card = wait.until(ec.presence_of_element_located((css, "#doc-items .item-card")))
    assert payload in card.text
    title = driver.find_element(css, "#doc-title").text
    assert "<" not in title and "/" not in title and title.endswith(".txt")  # the API's display name
    views = [f"{server}/#/documents", f"{server}/#/items"]
    driver.execute_script("localStorage.setItem('nirdesh.review', 'all')")  # the item is still proposed
    for view in views:
        driver.get(view)
        wait.until(ec.presence_of_element_located((css, "#documents-table, #items-table tr.item-row")))
        assert flag() is None, view
        _no_alert(driver)
    assert payload in driver.find_element(css, "#items-table tr.item-row").text
    # The search view's "In documents" section: the page snippet shows the payload as text.
    driver.get(f"{server}/#/search?q=तहसीलदार सर्वे")
    doc_hit = wait.until(ec.presence_of_element_located((css, "#search-documents li.search-doc")))
    assert payload in doc_hit.text
    assert [m.text for m in doc_hit.find_elements(css, "mark.hit")][:1] == ["तहसीलदार"]
    assert doc_hit.find_element(css, "a").get_attribute("href").split("#")[1].startswith("/documents/")
    assert not driver.find_elements(css, "img[src='x'], svg[onload], script:not([src])")
    assert flag() is None
    # Control: the same payload put in as HTML does try to run, so the checks above could have failed; the
    # page's Content-Security-Policy (no inline scripts or handlers) then stops it as a second line.
    driver.execute_script(
        "window.__csp = [];"
        "document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.effectiveDirective));"
        "document.createElement('div').innerHTML = arguments[0];",
        payload,
    )
    wait.until(lambda d: d.execute_script("return window.__csp.length") > 0)
    assert all(d.startswith("script-src") for d in driver.execute_script("return window.__csp"))
    assert flag() is None


PRESS_NOTE = (
    "विभाग: कृषि विभाग\n"
    "जिलाधिकारी ने निर्देश दिए कि जिला कृषि अधिकारी 31 मार्च 2026 तक बीज वितरण पूर्ण करें।\n"
    "उर्वरक भंडारण का सत्यापन माह के अंत तक पूर्ण होने की जानकारी दी गई।\n"
    "जिलाधिकारी ने तहसीलदार को साप्ताहिक समीक्षा करने के निर्देश दिए।\n"
)
# A report, no directive by the guidelines: the extractor leaves it and the user adds it by hand.
MISSED = "उर्वरक भंडारण का सत्यापन माह के अंत तक पूर्ण होने की जानकारी दी गई।"


def _get(server: str, path: str) -> Any:
    return json.loads(urllib.request.urlopen(f"{server}{path}").read())


def test_fix_a_document_and_review_scope_in_browser(server: str, driver: Any) -> None:
    """Failed uploads in red with a Hindi reason; confirm-all with a count and undo; back to proposed;
    the missed directive added by selecting it; meeting date edited (deadline re-resolved); the items
    view and dashboard counting confirmed items until proposed ones are switched in; delete."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT)
    css = By.CSS_SELECTOR

    driver.get(f"{server}/#/upload")
    zone = wait.until(ec.presence_of_element_located((css, "#dropzone")))
    _drop_file(driver, zone, "notes.exe", "MZ not a document")
    failed = wait.until(ec.presence_of_element_located((css, "#upload-list li[data-state='failed']")))
    assert "समर्थित नहीं" in failed.text  # the reason in Hindi
    assert (
        driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", failed) == "rgb(253, 236, 235)"
    )
    _drop_file(driver, zone, "एक.txt", "जिलाधिकारी ने तहसीलदार को साप्ताहिक समीक्षा करने के निर्देश दिए।\n")
    one = wait.until(ec.presence_of_element_located((css, "#upload-list li[data-state='done'] a.doc-link")))
    assert "1 कार्य-बिंदु मिला" in one.find_element(By.XPATH, "..").text
    _drop_file(driver, zone, "प्रेस-नोट.txt", PRESS_NOTE)
    wait.until(lambda d: len(d.find_elements(css, "#upload-list li[data-state='done'] a.doc-link")) == 2)
    row = driver.find_elements(css, "#upload-list li[data-state='done']")[0]
    assert "प्रेस-नोट.txt" in row.text and "2 कार्य-बिंदु मिले" in row.text
    row.find_element(css, "a.doc-link").click()

    wait.until(lambda d: len(d.find_elements(css, "#doc-items .item-card")) == 2)
    doc_id = driver.current_url.rsplit("/", 1)[1]
    # Confirm all: the count first, nothing changes on cancel; then confirm, then undo.
    driver.find_element(css, "#confirm-all").click()
    ask = wait.until(ec.visibility_of_element_located((css, "#confirm-all-count")))
    assert ask.text == "2 प्रस्तावित कार्य-बिंदुओं की पुष्टि होगी।"
    driver.find_element(css, "#confirm-all-cancel").click()
    assert {i["review_state"] for i in _get(server, f"/v1/documents/{doc_id}")["items"]} == {"proposed"}
    driver.find_element(css, "#confirm-all").click()
    wait.until(ec.element_to_be_clickable((css, "#confirm-all-go"))).click()
    wait.until(lambda d: len(d.find_elements(css, "#doc-items .review-badge.confirmed")) == 2)
    wait.until(ec.element_to_be_clickable((css, "#flash #undo-btn"))).click()
    wait.until(lambda d: len(d.find_elements(css, "#doc-items .review-badge.proposed")) == 2)
    assert {i["review_state"] for i in _get(server, f"/v1/documents/{doc_id}")["items"]} == {"proposed"}

    # One confirmed item goes back to proposed with its own button.
    card = driver.find_element(css, "#doc-items .item-card")
    card.find_element(css, "button.review-confirm").click()
    wait.until(ec.element_to_be_clickable((css, "#doc-items .item-card button.review-revert"))).click()
    wait.until(lambda d: len(d.find_elements(css, "#doc-items .review-badge.proposed")) == 2)

    # The missed directive: select it in the page text and add it.
    driver.execute_script(
        """const pre = document.querySelector('pre.page-text'); const node = pre.firstChild;
        const i = node.textContent.indexOf(arguments[0]); const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + arguments[0].length);
        const s = getSelection(); s.removeAllRanges(); s.addRange(r);""",
        MISSED,
    )
    wait.until(ec.element_to_be_clickable((css, "#add-selection"))).click()
    wait.until(lambda d: len(d.find_elements(css, "#doc-items .item-card")) == 3)
    added = _get(server, f"/v1/documents/{doc_id}")["items"][-1]
    assert added["text"] == MISSED and added["review_state"] == "confirmed" and added["due_date"] is None

    # The meeting date the press note lacked: the added item's "माह के अंत तक" now has a date.
    driver.find_element(css, "#meeting-edit summary").click()
    date_input = driver.find_element(css, "#meeting-form input[name='meeting_date']")
    driver.execute_script("arguments[0].value = '2026-02-10'", date_input)
    driver.find_element(css, "#meeting-form input[name='meeting_place']").send_keys("भोपाल")
    driver.find_element(css, "#meeting-save").click()
    wait.until(ec.text_to_be_present_in_element((css, "#doc-meeting-date"), "2026-02-10"))
    assert _get(server, f"/v1/action-items/{added['id']}")["due_date"] == "2026-02-28"
    history = _get(server, f"/v1/documents/{doc_id}/history")
    assert {h["field"] for h in history} == {"meeting_date", "meeting_place"}

    # Items view: only the confirmed (added) item counts until proposed ones are switched in.
    driver.get(f"{server}/#/items")
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 1)
    assert driver.find_element(css, "#scope-note").text == "गिनती, सूची और निर्यात में केवल पुष्ट कार्य-बिंदु हैं।"
    wait.until(ec.presence_of_element_located((css, "#dashboard table.stats-officer")))
    dash = driver.find_element(css, "#dashboard").text
    assert "कृषि विभाग 1 1" in dash and "तहसीलदार" not in dash  # the added item alone (no officer given)
    assert "review=confirmed" in driver.find_element(css, "#export-link").get_attribute("href")
    driver.find_element(css, "#include-proposed").click()
    wait.until(lambda d: len(d.find_elements(css, "#items-table tr.item-row")) == 4)
    wait.until(ec.text_to_be_present_in_element((css, "#dashboard"), "तहसीलदार"))
    wait.until(lambda d: "review=all" in d.find_element(css, "#export-link").get_attribute("href"))
    recurrences = [e.text for e in driver.find_elements(css, "#items-table td.due .muted")]
    assert "साप्ताहिक" in recurrences and "weekly" not in recurrences

    # Delete (loopback is admin): asked first, then gone from the list; the history keeps the deletion.
    driver.get(f"{server}/#/documents/{doc_id}")
    wait.until(ec.element_to_be_clickable((css, "#delete-doc"))).click()
    wait.until(ec.element_to_be_clickable((css, "#delete-doc-go"))).click()
    wait.until(ec.presence_of_element_located((css, "#documents-table")))
    assert "प्रेस-नोट.txt" not in driver.find_element(css, "#documents-table").text
    assert [h["field"] for h in _get(server, f"/v1/documents/{doc_id}/history")][-1] == "deleted"
