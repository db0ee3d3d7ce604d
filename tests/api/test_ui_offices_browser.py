"""Offices and action-taken reports in the web UI, end to end in headless Chromium (same server and
browser fixtures as test_ui_browser.py): the admin registers offices, links an unlinked responsible and
issues a token; the office logs in with it, sees only its own items and reports with an attachment; a
reviewer returns the report and then accepts the next version, which closes the item; the scorecard
shows the figures and its office names lead to the office's items; the pendency report downloads.

Screenshots for the lead go to $NIRDESH_UI_SHOTS when it is set (e.g. /tmp/ui16)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx

from tests.api.test_ui_browser import driver, server  # noqa: F401  (pytest fixtures)
from tests.helpers.offices import PNG, TEXT_A, TEXT_B

WAIT = 30
ITEM_A_WORDS = "भूमि सत्यापन"
ITEM_B_WORDS = "शौचालय निर्माण"


def _shot(drv: Any, name: str) -> None:
    folder = os.environ.get("NIRDESH_UI_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        drv.save_screenshot(str(Path(folder) / f"{name}.png"))


def _seed(base: str) -> tuple[httpx.Client, dict[str, int]]:
    """Two minutes uploaded and their one item each confirmed, through the API (loopback admin)."""
    api = httpx.Client(base_url=base, timeout=60)
    ids: dict[str, int] = {}
    for key, name, text in (("a", "a.txt", TEXT_A), ("b", "b.txt", TEXT_B)):
        doc = api.post("/v1/documents", files={"file": (name, text.encode())}, data={"meeting_date": "2026-01-02"})
        assert doc.status_code in (200, 201), doc.text
        items = api.get("/v1/action-items", params={"document_id": doc.json()["id"]}).json()["items"]
        assert len(items) == 1, items
        ids[key] = items[0]["id"]
    assert api.post("/v1/action-items/review", json={"ids": list(ids.values()), "decision": "confirm"}).is_success
    return api, ids


class Ui:
    def __init__(self, drv: Any, base: str) -> None:
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        self.drv, self.base, self.by = drv, base, By.CSS_SELECTOR
        self.wait = WebDriverWait(drv, WAIT)

    def go(self, route: str) -> None:
        self.drv.get(f"{self.base}/#/{route}")

    def find(self, css: str) -> Any:
        from selenium.webdriver.support import expected_conditions as ec

        return self.wait.until(ec.presence_of_element_located((self.by, css)))

    def all(self, css: str) -> list[Any]:
        return list(self.drv.find_elements(self.by, css))

    def text_in(self, css: str, text: str) -> Any:
        from selenium.webdriver.support import expected_conditions as ec

        self.wait.until(ec.text_to_be_present_in_element((self.by, css), text))
        return self.drv.find_element(self.by, css)

    def flash(self, text: str) -> None:
        self.text_in("#flash", text)

    def type(self, css: str, value: str) -> None:
        box = self.find(css)
        box.clear()
        box.send_keys(value)

    def set_value(self, css: str, value: str) -> None:
        """For date inputs, whose typing order depends on the locale."""
        self.drv.execute_script("arguments[0].value = arguments[1]", self.find(css), value)

    def login(self, token: str) -> None:
        """Through the token bar the top bar opens, like any role's token."""
        self.find("#token-login").click()
        self.type("#auth-token", token)
        self.find("#auth-bar button[type=submit]").click()

    def visible_nav(self) -> list[str]:
        return [a.get_attribute("data-nav") for a in self.all("nav [data-nav]") if a.is_displayed()]


def _register(ui: Ui, designation: str, *, district: str = "", department: str = "", aliases: str = "") -> None:
    ui.find("#office-form input[name=designation]")
    for name, value in (("designation", designation), ("district", district), ("department", department)):
        ui.type(f"#office-form input[name={name}]", value)
    if aliases:
        ui.type("#office-form textarea[name=aliases]", aliases)
    ui.find("#office-form button[type=submit]").click()
    ui.flash("कार्यालय सहेजा गया")
    ui.text_in("#office-table", designation)


def _row(ui: Ui, office_text: str) -> Any:
    for tr in ui.all("#office-table tbody tr"):
        if office_text in tr.text:
            return tr
    raise AssertionError(f"{office_text} not in the office table")


def _cells(ui: Ui, row: Any) -> dict[str, str]:
    return {
        f: row.find_element(ui.by, f".sc-{f}").text for f in ("assigned", "closed_on_time", "closed_late", "overdue")
    }


def _submit_report(ui: Ui, status: str, text: str, date: str, files: list[Path]) -> None:
    from selenium.webdriver.support.select import Select

    Select(ui.find("#report-status")).select_by_value(status)
    ui.type("#report-text", text)
    ui.set_value("#report-date", date)
    for f in files:
        ui.find("#report-files").send_keys(str(f))
    ui.find("#report-submit").click()


def test_offices_reports_review_and_scorecard_in_browser(server: str, driver: Any, tmp_path: Path) -> None:  # noqa: F811
    from selenium.webdriver.support.select import Select

    api, items = _seed(server)
    ui = Ui(driver, server)

    # 1. Admin (the loopback admin): the register, in Hindi; every screen in the navigation.
    ui.go("offices")
    assert ui.find("h1").text == "कार्यालय पंजी"
    assert {"offices", "reports", "scorecard"} <= set(ui.visible_nav()) and "my" not in ui.visible_nav()
    _register(ui, "तहसीलदार", district="लखनऊ", aliases="तहसील कार्यालय सदर")
    assert _row(ui, "तहसीलदार").find_element(ui.by, "td:nth-child(6)").text == "1"  # linked by its designation
    _register(ui, "जिला पंचायत राज अधिकारी", department="पंचायती राज")
    assert _row(ui, "जिला पंचायत राज अधिकारी").find_element(ui.by, "td:nth-child(6)").text == "0"
    # the minutes' "सचिव" matches no office: listed as unlinked, then assigned in bulk
    unlinked = ui.text_in("#unlinked-table", "सचिव")
    assert "तहसीलदार" not in unlinked.text
    ui.find("#assign-btn").click()
    ui.flash("पहले ज़िम्मेदार और कार्यालय चुनें")  # nothing chosen yet
    ui.find("#unlinked-table input[type=checkbox]").click()
    Select(ui.find("#assign-office")).select_by_visible_text("जिला पंचायत राज अधिकारी")
    ui.find("#assign-btn").click()
    ui.flash("1 कार्य-बिंदु कार्यालय से जुड़े")
    ui.text_in("#unlinked", "सभी ज़िम्मेदार किसी कार्यालय से जुड़े हैं")
    assert "सचिव" in _row(ui, "जिला पंचायत राज अधिकारी").text
    assert _row(ui, "जिला पंचायत राज अधिकारी").find_element(ui.by, "td:nth-child(6)").text == "1"
    # edit: a new district
    _row(ui, "तहसीलदार").find_element(ui.by, ".edit-office").click()
    assert ui.find("#office-form h2").text == "कार्यालय संपादित करें"
    ui.type("#office-form input[name=district]", "लखनऊ सदर")
    ui.find("#office-form button[type=submit]").click()
    ui.flash("कार्यालय सहेजा गया")
    ui.text_in("#office-table", "लखनऊ सदर")
    offices = {o["designation"]: o for o in api.get("/v1/offices").json()}
    a, b = offices["तहसीलदार"]["id"], offices["जिला पंचायत राज अधिकारी"]["id"]
    assert offices["तहसीलदार"]["district"] == "लखनऊ सदर"
    # a token for office A, shown once
    _row(ui, "तहसीलदार").find_element(ui.by, ".issue-token").click()
    token = ui.find("#issued-token").get_attribute("value")
    assert len(token) > 20 and "केवल एक बार" in ui.find("#token-box").text
    _shot(driver, "1-office-register")
    # English via the switch
    ui.find("#lang-toggle").click()
    ui.text_in("h1", "Office register")
    ui.find("#lang-toggle").click()
    ui.text_in("h1", "कार्यालय पंजी")

    # 2. The office logs in with its token: only "my items", only its own item, overdue marked.
    ui.login(token)
    ui.text_in("h1", "मेरे कार्य-बिंदु — तहसीलदार")
    assert driver.current_url.endswith("#/my")
    assert ui.visible_nav() == ["my"]
    table = ui.find("#office-items")
    assert ITEM_A_WORDS in table.text and ITEM_B_WORDS not in table.text
    assert len(ui.all("#office-items tbody tr")) == 1
    assert "2026-01-10" in table.text and "अतिदेय" in table.text
    _shot(driver, "2-office-my-items")
    ui.find("#office-items .give-report").click()
    ui.find("#report-form")
    assert "अभी कोई आख्या नहीं भेजी गई" in ui.find("body").text
    # "cannot be done" needs a reason
    _submit_report(ui, "cannot", "भूमि विवादित", "2026-01-07", [])
    ui.flash("कार्य संभव न होने का कारण लिखें")
    proof = tmp_path / "proof.png"
    proof.write_bytes(PNG)
    _submit_report(ui, "done", "सत्यापन पूर्ण कर लिया गया", "2026-01-08", [proof])
    ui.flash("आख्या भेजी गई (संस्करण 1)")
    v1 = ui.text_in("#report-versions li[data-review=pending]", "समीक्षा हेतु लंबित")
    assert "कार्य पूर्ण" in v1.text and "proof.png" in v1.text
    _shot(driver, "3-office-report-sent")
    # the office cannot reach the other office's item, even by typing its address
    ui.go(f"my/{items['b']}")
    ui.text_in("#view .error-text", "नहीं मिला")

    # 3. A reviewer (an editor token) returns it with a note.
    editor = api.post("/v1/tokens", json={"role": "editor", "label": "समीक्षक"}).json()["token"]
    ui.login(editor)
    ui.go("reports")
    card = ui.text_in("#report-queue", "सत्यापन पूर्ण कर लिया गया")
    assert ITEM_A_WORDS in card.text and "तहसीलदार" in card.text and "proof.png" in card.text
    assert "offices" not in ui.visible_nav() and "reports" in ui.visible_nav()  # the register is the admin's
    _shot(driver, "4-review-queue")
    ui.find(".queue-report .return-report").click()
    ui.flash("लौटाने का कारण लिखें")
    ui.type(".queue-report .return-note", "भूमि का नक्शा संलग्न करें")
    ui.find(".queue-report .return-report").click()
    ui.flash("आख्या लौटाई गई")
    ui.text_in("#queue-empty", "कोई आख्या लंबित नहीं")
    assert api.get(f"/v1/action-items/{items['a']}").json()["status"] == "open"

    # 4. The office sees the verdict and files version 2.
    ui.login(token)
    ui.go(f"my/{items['a']}")
    returned = ui.text_in("#report-versions li[data-review=returned]", "लौटाई गई")
    assert "भूमि का नक्शा संलग्न करें" in returned.text
    _submit_report(ui, "done", "नक्शा सहित सत्यापन पूर्ण", "2026-01-08", [proof])
    ui.flash("आख्या भेजी गई (संस्करण 2)")
    ui.text_in("#report-versions li[data-review=pending]", "संस्करण 2")

    # 5. The reviewer accepts: a done report accepted closes the item.
    ui.login(editor)
    ui.go("reports")
    ui.text_in("#report-queue", "नक्शा सहित सत्यापन पूर्ण")
    assert len(ui.all(".queue-report")) == 1  # the returned version left the queue
    ui.find(".queue-report .accept-report").click()
    ui.flash("आख्या स्वीकृत; कार्य-बिंदु पूर्ण होकर बंद हुआ")
    ui.find("#queue-empty")
    assert api.get(f"/v1/action-items/{items['a']}").json()["status"] == "done"
    ui.login(token)
    ui.go(f"my/{items['a']}")
    ui.text_in("#my-item-status", "पूर्ण")
    ui.text_in("#report-versions li[data-review=accepted]", "स्वीकृत")
    assert len(ui.all("#report-versions li")) == 2 and not ui.all("#report-form")  # closed: no new report

    # 6. The scorecard: A closed one on time, B has one overdue; names lead to the office's items.
    ui.login(editor)
    ui.go("scorecard")
    row_a = ui.find(f"#scorecard-table tr[data-office-id='{a}']")
    ui.text_in(f"#scorecard-table tr[data-office-id='{b}']", "जिला पंचायत राज अधिकारी")
    assert _cells(ui, row_a) == {"assigned": "1", "closed_on_time": "1", "closed_late": "0", "overdue": "0"}
    row_b = ui.find(f"#scorecard-table tr[data-office-id='{b}']")
    assert _cells(ui, row_b) == {"assigned": "1", "closed_on_time": "0", "closed_late": "0", "overdue": "1"}
    assert row_a.find_element(ui.by, ".sc-median_days_to_close").text == "6"  # 2026-01-02 → 2026-01-08
    _shot(driver, "5-scorecard")
    # the pendency report (XLSX) downloads: the blob handed to the browser is a spreadsheet
    driver.execute_script(
        "window.__blobs = []; const make = URL.createObjectURL;"
        "URL.createObjectURL = (b) => { window.__blobs.push(b.type + ' ' + b.size); return make(b); };"
    )
    ui.find("#pendency-xlsx").click()
    ui.wait.until(lambda d: d.execute_script("return window.__blobs.length") == 1)
    kind, size = driver.execute_script("return window.__blobs[0]").split(" ")
    assert kind.endswith("spreadsheetml.sheet") and int(size) > 1000
    ui.find("#compliance-pdf").click()
    ui.wait.until(lambda d: d.execute_script("return window.__blobs.length") == 2)
    assert driver.execute_script("return window.__blobs[1]").startswith("application/pdf")
    # the same figures beside the items view's dashboard; an office's name leads to its items
    ui.go("items")
    panel = ui.text_in("#office-scorecard", "कार्यालयों का स्कोरकार्ड")
    assert _cells(ui, panel.find_element(ui.by, f"tr[data-office-id='{a}']"))["closed_on_time"] == "1"
    dash_b = panel.find_element(ui.by, f"tr[data-office-id='{b}']")
    assert _cells(ui, dash_b)["overdue"] == "1"
    _shot(driver, "5b-dashboard-scorecard")
    dash_b.find_element(ui.by, "a.office-name").click()
    ui.text_in("h1", "जिला पंचायत राज अधिकारी")
    listed = ui.find("#office-items")
    assert ITEM_B_WORDS in listed.text and ITEM_A_WORDS not in listed.text
    _shot(driver, "6-office-items")


def test_cannot_be_done_report_viewer_queue_and_narrow_screen(server: str, driver: Any) -> None:  # noqa: F811
    """An office on a 390 px screen files "cannot be done" with its reason; its list shows the latest report;
    the English switch; a viewer reads the queue without accept/return buttons; an accepted "cannot"
    report leaves the item open."""
    from selenium.webdriver.support.select import Select

    api, items = _seed(server)
    a = api.post("/v1/offices", json={"designation": "तहसीलदार"}).json()["id"]
    token = api.post(f"/v1/offices/{a}/tokens", json={}).json()["token"]
    viewer = api.post("/v1/tokens", json={"role": "viewer", "label": "दर्शक"}).json()["token"]
    driver.set_window_size(390, 844)
    ui = Ui(driver, server)
    ui.go("items")
    ui.login(token)
    ui.text_in("h1", "मेरे कार्य-बिंदु — तहसीलदार")
    ui.text_in(f"#office-items tr[data-item-id='{items['a']}'] .latest-report", "अभी नहीं")
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    ui.find("#only-overdue").click()  # the one item is overdue: still listed
    ui.text_in("#office-items", ITEM_A_WORDS)
    assert ui.find("#only-overdue").is_selected()
    ui.find("#office-items .give-report").click()
    Select(ui.find("#report-status")).select_by_value("cannot")
    ui.type("#report-reason", "भूमि पर न्यायालय में वाद लंबित है")
    ui.type("#report-text", "सत्यापन रोका गया")
    ui.find("#report-submit").click()
    ui.flash("आख्या भेजी गई (संस्करण 1)")
    v1 = ui.text_in("#report-versions li[data-review=pending]", "कार्य संभव नहीं")
    assert "भूमि पर न्यायालय में वाद लंबित है" in v1.text
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
    _shot(driver, "7-office-390px-report")
    ui.find(".back-link").click()
    ui.text_in(f"#office-items tr[data-item-id='{items['a']}'] .latest-report", "समीक्षा हेतु लंबित")
    ui.find("#lang-toggle").click()
    ui.text_in("h1", "My items — तहसीलदार")
    assert "Latest report" in ui.find("#office-items thead").get_attribute("textContent")  # hidden at 390 px
    ui.text_in(".latest-report", "Awaiting review")
    ui.find("#lang-toggle").click()
    ui.text_in("h1", "मेरे कार्य-बिंदु")

    ui.login(viewer)
    ui.go("reports")
    card = ui.text_in("#report-queue", "सत्यापन रोका गया")
    assert "कार्य संभव नहीं" in card.text and "भूमि पर न्यायालय में वाद लंबित है" in card.text
    ui.text_in(".queue-report .view-only", "संपादक")
    assert not ui.all(".accept-report") and not ui.all(".return-report")
    report_id = int(ui.find(".queue-report").get_attribute("data-report-id"))

    assert api.post(f"/v1/reports/{report_id}/review", json={"decision": "accept"}).is_success
    ui.login(token)
    ui.go(f"my/{items['a']}")
    ui.text_in("#report-versions li[data-review=accepted]", "स्वीकृत")
    assert ui.find("#my-item-status").text == "खुला"  # "cannot be done" accepted does not close the item
    ui.find("#report-form")  # the office may still report on it
