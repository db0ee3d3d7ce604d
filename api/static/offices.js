// Offices and action-taken reports (कृत कार्यवाही / अनुपालन आख्या): the admin's office register with tokens
// and bulk linking, an office's own items with its report form, the reviewer's queue, and the scorecard
// panel with the pendency and compliance report downloads. Loaded after app.js; uses its helpers and
// registers its views. Every value from the API goes in as text, never as HTML.

import {
  addI18n, api, append, authHeaders, clear, download, el, errorFrom, flash, fmtDateTime, loadInto, qs,
  registerPanel, registerView, render, renderSeq, showError, t, tf,
} from "./app.js";

const STRINGS = {
  hi: {
    nav_my: "मेरे कार्य-बिंदु",
    nav_reports: "आख्या समीक्षा",
    nav_scorecard: "स्कोरकार्ड",
    nav_offices: "कार्यालय",
    token_login: "टोकन से प्रवेश",
    offices_title: "कार्यालय पंजी",
    office_new: "नया कार्यालय जोड़ें",
    office_edit: "कार्यालय संपादित करें",
    office_designation: "पदनाम / कार्यालय",
    office_department: "विभाग",
    office_district: "जनपद",
    office_email: "ई-मेल",
    office_aliases: "उपनाम (हर पंक्ति में एक)",
    office_items: "कार्य-बिंदु",
    office_actions: "कार्य",
    office_saved: "कार्यालय सहेजा गया",
    office_none: "अभी कोई कार्यालय पंजीकृत नहीं।",
    edit: "संपादित करें",
    cancel: "रद्द करें",
    issue_token: "टोकन जारी करें",
    token_once: "कार्यालय का टोकन (केवल एक बार दिखाया जाएगा, अभी सुरक्षित रखें):",
    unlinked_title: "बिना कार्यालय के ज़िम्मेदार",
    unlinked_none: "सभी ज़िम्मेदार किसी कार्यालय से जुड़े हैं।",
    unlinked_responsible: "ज़िम्मेदार (जैसा कार्यवृत्त में)",
    assign_to: "कार्यालय चुनें",
    assign_btn: "चुने हुए ज़िम्मेदार इस कार्यालय से जोड़ें",
    assign_pick: "पहले ज़िम्मेदार और कार्यालय चुनें।",
    assigned_n: "{n} कार्य-बिंदु कार्यालय से जुड़े",
    office_items_title: "कार्यालय के कार्य-बिंदु",
    my_title: "मेरे कार्य-बिंदु",
    my_not_office: "यह पृष्ठ कार्यालय के टोकन के लिए है; ऊपर 'टोकन से प्रवेश' से कार्यालय का टोकन डालें।",
    my_none: "इस कार्यालय के लिए अभी कोई पुष्ट कार्य-बिंदु नहीं।",
    due: "समय-सीमा",
    no_due: "समय-सीमा नहीं",
    overdue_mark: "अतिदेय",
    item_status: "स्थिति",
    give_report: "आख्या दें",
    latest_report: "अंतिम आख्या",
    no_report: "अभी नहीं",
    back_to_list: "← सूची पर लौटें",
    report_title: "कृत कार्यवाही आख्या",
    report_status: "प्रगति",
    "rstatus.in_progress": "कार्य प्रगति पर",
    "rstatus.done": "कार्य पूर्ण",
    "rstatus.cannot": "कार्य संभव नहीं",
    report_reason: "कारण (कार्य संभव न होने का)",
    report_text: "कृत कार्यवाही का विवरण",
    report_date: "आख्या की तिथि",
    report_files: "संलग्नक (प्रमाण: PDF, चित्र, TXT, DOCX)",
    report_submit: "आख्या भेजें",
    report_sent: "आख्या भेजी गई (संस्करण {v})",
    report_need_text: "कृत कार्यवाही का विवरण लिखें।",
    report_need_reason: "कार्य संभव न होने का कारण लिखें।",
    attach_failed: "संलग्नक नहीं जुड़ा",
    versions: "भेजी गई आख्याएँ",
    versions_none: "अभी कोई आख्या नहीं भेजी गई।",
    version: "संस्करण",
    "rreview.pending": "समीक्षा हेतु लंबित",
    "rreview.accepted": "स्वीकृत",
    "rreview.returned": "लौटाई गई",
    reviewer_note: "समीक्षक की टिप्पणी",
    submitted_by: "भेजने वाला",
    attachments: "संलग्नक",
    queue_title: "समीक्षा हेतु आख्याएँ",
    queue_none: "समीक्षा हेतु कोई आख्या लंबित नहीं।",
    office: "कार्यालय",
    directive: "निर्देश",
    accept: "स्वीकार करें",
    return_btn: "लौटाएँ",
    return_note: "लौटाने का कारण",
    return_need_note: "लौटाने का कारण लिखें।",
    accepted_closed: "आख्या स्वीकृत; कार्य-बिंदु पूर्ण होकर बंद हुआ",
    accepted: "आख्या स्वीकृत",
    returned: "आख्या लौटाई गई",
    already_reviewed: "यह आख्या पहले ही समीक्षित है।",
    review_needs_editor: "स्वीकार करने या लौटाने के लिए संपादक (editor) का टोकन चाहिए।",
    scorecard_title: "कार्यालयों का स्कोरकार्ड",
    scorecard_full: "पूरा स्कोरकार्ड व आख्याएँ →",
    sc_assigned: "सौंपे गए",
    sc_on_time: "समय पर पूर्ण",
    sc_late: "विलंब से पूर्ण",
    sc_overdue: "अतिदेय",
    sc_open: "खुले",
    sc_median: "पूर्ण होने में दिन (माध्यिका)",
    reports_title: "आख्याएँ डाउनलोड करें",
    pendency: "लंबित निर्देशों की आख्या (विभाग व अधिकारीवार)",
    letterhead: "शीर्षक (कार्यालय का नाम)",
    letter_number: "पत्रांक",
    compliance: "बैठक की अनुपालन आख्या",
    pick_document: "बैठक का दस्तावेज़ चुनें",
  },
  en: {
    nav_my: "My items",
    nav_reports: "Report review",
    nav_scorecard: "Scorecard",
    nav_offices: "Offices",
    token_login: "Log in with a token",
    offices_title: "Office register",
    office_new: "Add an office",
    office_edit: "Edit office",
    office_designation: "Designation / office",
    office_department: "Department",
    office_district: "District",
    office_email: "E-mail",
    office_aliases: "Aliases (one per line)",
    office_items: "Items",
    office_actions: "Actions",
    office_saved: "Office saved",
    office_none: "No office registered yet.",
    edit: "Edit",
    cancel: "Cancel",
    issue_token: "Issue token",
    token_once: "The office's token (shown only once, store it now):",
    unlinked_title: "Responsibles without an office",
    unlinked_none: "Every responsible is linked to an office.",
    unlinked_responsible: "Responsible (as in the minutes)",
    assign_to: "Choose office",
    assign_btn: "Link the chosen responsibles to this office",
    assign_pick: "Choose responsibles and an office first.",
    assigned_n: "{n} items linked to the office",
    office_items_title: "The office's items",
    my_title: "My items",
    my_not_office: "This page is for an office token; enter the office's token with 'Log in with a token' above.",
    my_none: "No confirmed items for this office yet.",
    due: "Due",
    no_due: "no deadline",
    overdue_mark: "Overdue",
    item_status: "Status",
    give_report: "Report",
    latest_report: "Latest report",
    no_report: "none yet",
    back_to_list: "← Back to the list",
    report_title: "Action-taken report",
    report_status: "Progress",
    "rstatus.in_progress": "In progress",
    "rstatus.done": "Done",
    "rstatus.cannot": "Cannot be done",
    report_reason: "Reason (why it cannot be done)",
    report_text: "What was done",
    report_date: "Report date",
    report_files: "Attachments (proof: PDF, image, TXT, DOCX)",
    report_submit: "Submit report",
    report_sent: "Report submitted (version {v})",
    report_need_text: "Describe the action taken.",
    report_need_reason: "Give the reason it cannot be done.",
    attach_failed: "Attachment not added",
    versions: "Submitted reports",
    versions_none: "No report submitted yet.",
    version: "Version",
    "rreview.pending": "Awaiting review",
    "rreview.accepted": "Accepted",
    "rreview.returned": "Returned",
    reviewer_note: "Reviewer's note",
    submitted_by: "Submitted by",
    attachments: "Attachments",
    queue_title: "Reports awaiting review",
    queue_none: "No report awaits review.",
    office: "Office",
    directive: "Directive",
    accept: "Accept",
    return_btn: "Return",
    return_note: "Reason for returning",
    return_need_note: "Write why the report is returned.",
    accepted_closed: "Report accepted; the item is done and closed",
    accepted: "Report accepted",
    returned: "Report returned",
    already_reviewed: "This report was already reviewed.",
    review_needs_editor: "Accepting or returning a report needs an editor's token.",
    scorecard_title: "Office scorecard",
    scorecard_full: "Full scorecard and reports →",
    sc_assigned: "Assigned",
    sc_on_time: "Closed on time",
    sc_late: "Closed late",
    sc_overdue: "Overdue",
    sc_open: "Open",
    sc_median: "Median days to close",
    reports_title: "Download reports",
    pendency: "Pendency report (by department and officer)",
    letterhead: "Letterhead (office name)",
    letter_number: "Letter number",
    compliance: "Compliance report of a meeting",
    pick_document: "Choose the meeting's document",
  },
};

const REPORT_STATUSES = ["in_progress", "done", "cannot"];

// --- who is calling: the role picks the navigation ----------------------------------------------------

let meCache = { token: null, me: null };

async function whoAmI() {
  const token = localStorage.getItem("nirdesh.token") || "";
  if (meCache.me && meCache.token === token) return meCache.me;
  const me = await api("/v1/me");
  meCache = { token, me };
  showNavFor(me);
  return me;
}

// An office sees only its own list; the register is the admin's; the other screens are for staff.
function showNavFor(me) {
  const office = me.role === "office";
  document.querySelectorAll("nav [data-nav]").forEach((a) => {
    const role = a.dataset.role;
    a.hidden = office ? role !== "office" : role === "office" || (role === "admin" && me.role !== "admin");
  });
}

async function checkRole() {
  let me;
  try {
    me = await whoAmI();
  } catch {
    return; // a 401 shows the token bar (app.js)
  }
  if (me.role === "office" && !location.hash.startsWith("#/my")) location.hash = "#/my";
}

// --- small helpers ------------------------------------------------------------------------------------

function field(labelKey, input) {
  return el("label", { class: "office-field" }, el("span", {}, t(labelKey)), input);
}

function dueCell(item) {
  if (!item.due_date) return el("span", { class: "muted" }, t("no_due"));
  return el("span", {}, item.due_date, " ",
    item.overdue ? el("span", { class: "badge overdue", dataset: { overdue: "1" } }, t("overdue_mark")) : null);
}

function reviewBadge(review) {
  return el("span", { class: `badge report-${review}` }, t(`rreview.${review}`));
}

async function uploadAttachment(reportId, file) {
  const form = new FormData();
  form.append("file", file, file.name);
  const res = await fetch(`/v1/reports/${reportId}/attachments`, {
    method: "POST", headers: { Accept: "application/json", ...authHeaders() }, body: form,
  });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) throw errorFrom(res.status, data, res.statusText);
  return data;
}

function attachmentLinks(report) {
  if (!report.attachments.length) return null;
  return el("div", { class: "attachments" }, `${t("attachments")}: `,
    report.attachments.map((a) => {
      const link = el("a", { href: a.url, class: "attachment-link" }, a.filename);
      link.addEventListener("click", (e) => { e.preventDefault(); download(a.url); });
      return [link, " "];
    }));
}

function reportCard(r) {
  return el("li", { class: "report-version card", dataset: { reportId: r.id, review: r.review } },
    el("div", { class: "row" },
      el("strong", {}, `${t("version")} ${r.version}`),
      el("span", { class: `badge rstatus-${r.status}` }, t(`rstatus.${r.status}`)),
      reviewBadge(r.review),
      el("span", { class: "muted" }, `${r.report_date} · ${t("submitted_by")}: ${r.submitted_by}`)),
    el("p", { class: "report-text" }, r.text),
    r.reason ? el("p", { class: "report-reason" }, `${t("report_reason")}: ${r.reason}`) : null,
    attachmentLinks(r),
    r.review_note ? el("p", { class: "review-note" }, `${t("reviewer_note")}: ${r.review_note}`) : null);
}

// --- admin: the office register -----------------------------------------------------------------------

function officeForm(office) {
  const inputs = {
    designation: el("input", { name: "designation", required: true, maxlength: 300, value: office?.designation || "" }),
    department: el("input", { name: "department", maxlength: 300, value: office?.department || "" }),
    district: el("input", { name: "district", maxlength: 300, value: office?.district || "" }),
    email: el("input", { name: "email", type: "email", maxlength: 320, value: office?.email || "" }),
    aliases: el("textarea", { name: "aliases", rows: 3 }),
  };
  inputs.aliases.value = (office?.aliases || []).join("\n");
  const form = el("form", { id: "office-form", class: "card office-form", dataset: { officeId: office?.id || "" } },
    el("h2", {}, t(office ? "office_edit" : "office_new")),
    el("div", { class: "office-grid" },
      field("office_designation", inputs.designation),
      field("office_department", inputs.department),
      field("office_district", inputs.district),
      field("office_email", inputs.email),
      field("office_aliases", inputs.aliases)),
    el("div", { class: "row" },
      el("button", { type: "submit" }, t("save")),
      office ? el("button", { type: "button", class: "secondary", onclick: () => render() }, t("cancel")) : null));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const v = (k) => inputs[k].value.trim();
    const aliases = inputs.aliases.value.split("\n").map((a) => a.trim()).filter(Boolean);
    const body = { designation: v("designation"), department: v("department"), district: v("district"), email: v("email") };
    try {
      if (office) {
        await api(`/v1/offices/${office.id}`, { method: "PATCH", body });
        const added = aliases.filter((a) => !office.aliases.includes(a));
        if (added.length) await api(`/v1/offices/${office.id}/aliases`, { method: "POST", body: { aliases: added } });
      } else {
        await api("/v1/offices", { method: "POST", body: { ...body, aliases } });
      }
    } catch (err) {
      flash(`${t("error")}: ${err.message}`, true);
      return;
    }
    flash(t("office_saved"));
    render();
  });
  return form;
}

async function issueToken(office, box) {
  let out;
  try {
    out = await api(`/v1/offices/${office.id}/tokens`, { method: "POST", body: { label: office.designation } });
  } catch (err) {
    flash(`${t("error")}: ${err.message}`, true);
    return;
  }
  clear(box);
  const value = el("input", { id: "issued-token", readonly: true, value: out.token, size: 48 });
  append(box, el("p", {}, el("strong", {}, office.designation), " — ", t("token_once")), value);
  box.hidden = false;
  value.select();
}

function officeTable(offices, formBox, tokenBox) {
  return el("table", { id: "office-table" },
    el("thead", {}, el("tr", {}, ["col_id", "office_designation", "office_department", "office_district",
      "office_aliases", "office_items", "office_actions"].map((k) => el("th", {}, t(k))))),
    el("tbody", {}, offices.map((o) => el("tr", { dataset: { officeId: o.id } },
      el("td", { class: "num" }, o.id),
      el("td", {}, el("a", { href: `#/offices/${o.id}`, class: "office-name" }, o.designation)),
      el("td", {}, o.department || "—"),
      el("td", {}, o.district || "—"),
      el("td", { class: "aliases" }, o.aliases.join("; ")),
      el("td", { class: "num" }, o.items),
      el("td", {},
        el("button", { type: "button", class: "secondary edit-office", onclick: () => {
          clear(formBox);
          append(formBox, officeForm(o));
          formBox.scrollIntoView();
        } }, t("edit")), " ",
        el("button", { type: "button", class: "issue-token", onclick: () => issueToken(o, tokenBox) },
          t("issue_token")))))));
}

function unlinkedPanel(unlinked, offices) {
  const box = el("section", { id: "unlinked", class: "card" }, el("h2", {}, t("unlinked_title")));
  if (!unlinked.length) return append(box, el("p", { class: "muted" }, t("unlinked_none")));
  const checks = unlinked.map((u) => el("input", { type: "checkbox", value: u.label, "aria-label": u.label }));
  const pick = el("select", { id: "assign-office", "aria-label": t("assign_to") },
    el("option", { value: "" }, `— ${t("assign_to")} —`),
    offices.map((o) => el("option", { value: o.id }, o.designation)));
  const go = async () => {
    const responsibles = checks.filter((c) => c.checked).map((c) => c.value);
    if (!responsibles.length || !pick.value) {
      flash(t("assign_pick"), true);
      return;
    }
    try {
      const out = await api("/v1/offices/assign", {
        method: "POST", body: { office_id: Number(pick.value), responsibles },
      });
      flash(tf("assigned_n", { n: out.items_linked }));
    } catch (err) {
      flash(`${t("error")}: ${err.message}`, true);
      return;
    }
    render();
  };
  return append(box,
    el("table", { id: "unlinked-table" },
      el("thead", {}, el("tr", {}, el("th", {}, ""), el("th", {}, t("unlinked_responsible")),
        el("th", {}, t("office_items")))),
      el("tbody", {}, unlinked.map((u, i) => el("tr", {},
        el("td", {}, checks[i]), el("td", {}, u.label), el("td", { class: "num" }, u.items))))),
    el("div", { class: "row" }, pick, el("button", { type: "button", id: "assign-btn", onclick: go }, t("assign_btn"))));
}

async function renderOffices(view, seq, parts) {
  if (parts[1]) return renderOffice(view, seq, Number(parts[1]));
  append(view, el("h1", {}, t("offices_title")));
  const box = el("div");
  append(view, box);
  const offices = await loadInto(box, "/v1/offices", seq);
  if (!offices) return;
  let unlinked = [];
  try {
    unlinked = await api("/v1/offices/unlinked");
  } catch (err) {
    showError(box, err);
  }
  const formBox = el("div", { id: "office-form-box" }, officeForm(null));
  const tokenBox = el("div", { id: "token-box", class: "card token-box", role: "status" });
  tokenBox.hidden = true;
  append(box, formBox, tokenBox,
    el("section", { class: "card" },
      offices.length ? officeTable(offices, formBox, tokenBox) : el("p", { class: "muted" }, t("office_none"))),
    unlinkedPanel(unlinked, offices));
}

// --- one office: its scorecard and its items (the dashboard's links land here) ------------------------

const LIST_SIZE = 100;

// The latest report on each listed item (version and the reviewer's verdict), filled in after the list
// shows: one request for the whole page.
async function fillLatestReports(officeId, items, table, seq) {
  if (!items.length) return;
  let reports;
  try {
    reports = await api(`/v1/offices/${officeId}/latest-reports?${items.map((i) => `item_id=${i.id}`).join("&")}`);
  } catch {
    return;
  }
  if (seq !== renderSeq) return;
  for (const last of reports) {
    const cell = table.querySelector(`tr[data-item-id="${last.item_id}"] .latest-report`);
    if (!cell) continue;
    clear(cell);
    append(cell, `${t("version")} ${last.version} `, reviewBadge(last.review));
  }
}

function itemTable(items, reportLinks) {
  const heads = ["col_id", "directive", "due", "item_status", "latest_report", ""];
  return el("table", { id: "office-items", class: "office-items" },
    el("thead", {}, el("tr", {}, heads.map((k) => el("th", {}, k ? t(k) : "")))),
    el("tbody", {}, items.map((i) => el("tr", { dataset: { itemId: i.id }, class: i.overdue ? "overdue-row" : "" },
      el("td", { class: "num" }, i.id),
      el("td", { class: "item-text" }, i.text),
      el("td", {}, dueCell(i)),
      el("td", {}, el("span", { class: `badge st-${i.status}` }, t(`status.${i.status}`))),
      el("td", { class: "latest-report muted" }, t("no_report")),
      el("td", {}, reportLinks
        ? el("a", { href: `#/my/${i.id}`, class: "button give-report" }, t("give_report"))
        : el("a", { href: `#/documents/${i.document_id}?item=${i.id}` }, i.document_filename))))));
}

// An office's items, soonest due first, a page at a time, with an "overdue only" switch.
async function officeItemList(box, seq, officeId, reportLinks, offset = 0) {
  const onlyOverdue = el("input", { type: "checkbox", id: "only-overdue", checked: listState.overdue });
  onlyOverdue.addEventListener("change", () => {
    listState.overdue = onlyOverdue.checked;
    officeItemList(box, seq, officeId, reportLinks, 0);
  });
  const data = await loadInto(box, `/v1/offices/${officeId}/items${qs({
    limit: LIST_SIZE, offset, overdue: listState.overdue ? "true" : "" })}`, seq);
  if (!data) return;
  append(box, el("label", { class: "row only-overdue" }, onlyOverdue, t("overdue_only")));
  if (!data.items.length) {
    append(box, el("p", { class: "muted", id: "office-items-empty" }, t("my_none")));
    return;
  }
  const table = itemTable(data.items, reportLinks);
  const page = (o) => el("button", { type: "button", class: "secondary", onclick: () =>
    officeItemList(box, seq, officeId, reportLinks, o) });
  append(box, table, data.total > LIST_SIZE ? el("div", { class: "row pager" },
    offset > 0 ? append(page(Math.max(0, offset - LIST_SIZE)), "←") : null,
    `${offset + 1}–${offset + data.items.length} / ${data.total}`,
    offset + LIST_SIZE < data.total ? append(page(offset + LIST_SIZE), "→") : null) : null);
  fillLatestReports(officeId, data.items, table, seq);
}

const listState = { overdue: false };

async function renderOffice(view, seq, officeId) {
  const box = el("div");
  append(view, box);
  const office = await loadInto(box, `/v1/offices/${officeId}`, seq);
  if (!office) return;
  append(box, el("h1", {}, `${office.designation}${office.district ? ` (${office.district})` : ""}`),
    el("p", { class: "muted" }, office.department || ""));
  const card = el("div", { class: "card" });
  const list = el("div");
  append(box, card, el("h2", {}, t("office_items_title")), list);
  try {
    const sc = await api(`/v1/offices/${officeId}/scorecard`);
    append(card, scorecardTable([sc], new Map([[officeId, office]])));
  } catch (err) {
    showError(card, err);
  }
  officeItemList(list, seq, officeId, false);
}

// --- an office's own screen: its items, one item's report form and versions --------------------------

async function renderMy(view, seq, parts) {
  const box = el("div");
  append(view, box);
  const me = await loadInto(box, "/v1/me", seq);
  if (!me) return;
  if (me.office_id === null) {
    append(box, el("h1", {}, t("my_title")), el("p", { class: "muted", id: "not-office" }, t("my_not_office")));
    return;
  }
  if (parts[1]) return renderMyItem(box, seq, me, Number(parts[1]));
  append(box, el("h1", {}, `${t("my_title")} — ${me.office || ""}`));
  const list = el("div");
  append(box, list);
  officeItemList(list, seq, me.office_id, true);
}

function reportForm(officeId, itemId) {
  const status = el("select", { id: "report-status", name: "status" },
    REPORT_STATUSES.map((s) => el("option", { value: s }, t(`rstatus.${s}`))));
  const reason = el("textarea", { id: "report-reason", name: "reason", rows: 2 });
  const reasonField = field("report_reason", reason);
  reasonField.hidden = true;
  status.addEventListener("change", () => { reasonField.hidden = status.value !== "cannot"; });
  const text = el("textarea", { id: "report-text", name: "text", rows: 4, maxlength: 20000 });
  const date = el("input", { id: "report-date", name: "report_date", type: "date" });
  date.value = new Date().toISOString().slice(0, 10);
  const files = el("input", { id: "report-files", type: "file", multiple: true,
    accept: ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.gif,.bmp,.webp,.txt,.docx" });
  const submit = el("button", { type: "submit", id: "report-submit" }, t("report_submit"));
  const form = el("form", { id: "report-form", class: "card office-form" },
    el("h2", {}, t("report_title")),
    el("div", { class: "office-grid" },
      field("report_status", status), reasonField, field("report_text", text), field("report_date", date),
      field("report_files", files)),
    submit);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return flash(t("report_need_text"), true);
    if (status.value === "cannot" && !reason.value.trim()) return flash(t("report_need_reason"), true);
    submit.disabled = true;
    let report;
    try {
      report = await api(`/v1/offices/${officeId}/items/${itemId}/reports`, {
        method: "POST",
        body: { status: status.value, text: text.value.trim(), reason: reason.value.trim() || null,
          report_date: date.value || null },
      });
    } catch (err) {
      submit.disabled = false;
      flash(`${t("error")}: ${err.message}`, true);
      return;
    }
    const failed = [];
    for (const f of [...files.files]) {
      try {
        await uploadAttachment(report.id, f);
      } catch (err) {
        failed.push(`${f.name}: ${err.message}`);
      }
    }
    if (failed.length) flash(`${t("attach_failed")} — ${failed.join("; ")}`, true);
    else flash(tf("report_sent", { v: report.version }));
    render();
  });
  return form;
}

async function renderMyItem(box, seq, me, itemId) {
  const base = `/v1/offices/${me.office_id}/items/${itemId}`;
  const item = await loadInto(box, base, seq);
  if (!item) return;
  append(box,
    el("a", { href: "#/my", class: "back-link" }, t("back_to_list")),
    el("h1", {}, t("report_title")),
    el("div", { class: "card", id: "my-item", dataset: { itemId } },
      el("p", { class: "item-text" }, item.text),
      el("div", { class: "row" }, `${t("due")}: `, dueCell(item),
        el("span", { class: `badge st-${item.status}`, id: "my-item-status" }, t(`status.${item.status}`)))));
  const versions = el("ol", { id: "report-versions", class: "report-versions" });
  const vbox = el("div");
  append(box, el("h2", {}, t("versions")), vbox);
  const reports = await loadInto(vbox, `${base}/reports`, seq);
  if (!reports) return;
  if (reports.length) append(vbox, append(versions, reports.slice().reverse().map(reportCard)));
  else append(vbox, el("p", { class: "muted" }, t("versions_none")));
  const closed = item.status === "done" || item.status === "dropped";
  if (!closed) append(box, reportForm(me.office_id, itemId));
}

// --- the reviewer's queue -------------------------------------------------------------------------------

async function review(report, decision, note) {
  try {
    await api(`/v1/reports/${report.id}/review`, { method: "POST", body: { decision, note: note || null } });
  } catch (err) {
    flash(err.status === 409 ? t("already_reviewed") : `${t("error")}: ${err.message}`, true);
    return;
  }
  if (decision === "return") flash(t("returned"));
  else flash(report.status === "done" ? t("accepted_closed") : t("accepted"));
  render();
}

function queueCard(r, item, officeName, canReview) {
  const note = el("input", { class: "return-note", maxlength: 2000, placeholder: t("return_note"),
    "aria-label": t("return_note") });
  return el("li", { class: "card queue-report", dataset: { reportId: r.id, itemId: r.item_id } },
    el("div", { class: "row" },
      el("strong", {}, officeName || `${t("office")} ${r.office_id}`),
      el("span", { class: `badge rstatus-${r.status}` }, t(`rstatus.${r.status}`)),
      el("span", { class: "muted" }, `${t("version")} ${r.version} · ${r.report_date} · ${fmtDateTime(r.submitted_at)}`)),
    el("p", { class: "queue-directive" }, `${t("directive")}: `,
      item ? el("a", { href: `#/documents/${item.document_id}?item=${item.id}` }, item.text) : `#${r.item_id}`),
    el("p", { class: "report-text" }, r.text),
    r.reason ? el("p", { class: "report-reason" }, `${t("report_reason")}: ${r.reason}`) : null,
    attachmentLinks(r),
    canReview ? el("div", { class: "row" },
      el("button", { type: "button", class: "accept-report", onclick: () => review(r, "accept") }, t("accept")),
      note,
      el("button", { type: "button", class: "secondary return-report", onclick: () => {
        if (!note.value.trim()) {
          flash(t("return_need_note"), true);
          note.focus();
          return;
        }
        review(r, "return", note.value.trim());
      } }, t("return_btn"))) : el("p", { class: "muted view-only" }, t("review_needs_editor")));
}

async function renderQueue(view, seq) {
  append(view, el("h1", {}, t("queue_title")));
  const box = el("div");
  append(view, box);
  const reports = await loadInto(box, "/v1/reports", seq);
  if (!reports) return;
  if (!reports.length) {
    append(box, el("p", { class: "muted", id: "queue-empty" }, t("queue_none")));
    return;
  }
  let canReview = true; // a viewer reads the queue; accepting or returning needs an editor
  try {
    canReview = ["editor", "admin"].includes((await whoAmI()).role);
  } catch { /* the server decides */ }
  let names = new Map();
  try {
    names = new Map((await api("/v1/offices")).map((o) => [o.id, o.designation]));
  } catch { /* the ids are shown instead */ }
  const items = new Map();
  await Promise.all([...new Set(reports.map((r) => r.item_id))].map(async (id) => {
    try { items.set(id, await api(`/v1/action-items/${id}`)); } catch { /* shown by id */ }
  }));
  append(box, el("ul", { id: "report-queue", class: "report-queue" },
    reports.map((r) => queueCard(r, items.get(r.item_id), names.get(r.office_id), canReview))));
}

// --- the scorecard panel and the report downloads -------------------------------------------------------

const SC_COLUMNS = [["assigned", "sc_assigned"], ["closed_on_time", "sc_on_time"], ["closed_late", "sc_late"],
  ["overdue", "sc_overdue"], ["open", "sc_open"], ["median_days_to_close", "sc_median"]];

function scorecardTable(cards, offices) {
  return el("table", { class: "scorecard", id: "scorecard-table" },
    el("thead", {}, el("tr", {}, el("th", {}, t("office")), SC_COLUMNS.map(([, k]) => el("th", {}, t(k))))),
    el("tbody", {}, cards.map((c) => el("tr", { dataset: { officeId: c.office_id } },
      el("td", {}, el("a", { href: `#/offices/${c.office_id}`, class: "office-name" },
        offices.get(c.office_id)?.designation || `#${c.office_id}`)),
      SC_COLUMNS.map(([f]) => el("td", { class: `num sc-${f}` },
        f === "overdue" && c[f] ? el("span", { class: "badge overdue" }, c[f]) : c[f] ?? "—"))))));
}

function pendencyDownloads() {
  const head = el("input", { id: "pendency-letterhead", maxlength: 300 });
  const num = el("input", { id: "pendency-number", maxlength: 100 });
  const link = (format) => el("button", { type: "button", class: "secondary", id: `pendency-${format}`, onclick: () =>
    download(`/v1/reports/pendency${qs({ format, letterhead: head.value.trim(), number: num.value.trim() })}`) },
  format.toUpperCase());
  return el("div", { class: "downloads" }, el("h3", {}, t("pendency")),
    el("div", { class: "row" }, field("letterhead", head), field("letter_number", num), link("pdf"), link("xlsx")));
}

async function complianceDownloads(box) {
  let docs;
  try {
    docs = (await api(`/v1/documents${qs({ limit: 200 })}`)).documents;
  } catch {
    return;
  }
  const pick = el("select", { id: "compliance-document", "aria-label": t("pick_document") },
    docs.map((d) => el("option", { value: d.id }, `${d.meeting_date || "—"} · ${d.filename}`)));
  const link = (format) => el("button", { type: "button", class: "secondary", id: `compliance-${format}`, onclick: () =>
    download(`/v1/documents/${pick.value}/compliance-report${qs({ format })}`) }, format.toUpperCase());
  append(box, el("div", { class: "downloads" }, el("h3", {}, t("compliance")),
    docs.length ? el("div", { class: "row" }, field("pick_document", pick), link("pdf"), link("xlsx"))
      : el("p", { class: "muted" }, t("no_documents"))));
}

async function renderScorecard(view, seq) {
  append(view, el("h1", {}, t("scorecard_title")));
  const box = el("div", { class: "card" });
  const downloads = el("section", { class: "card", id: "report-downloads" }, el("h2", {}, t("reports_title")),
    pendencyDownloads());
  append(view, box, downloads);
  complianceDownloads(downloads);
  const cards = await loadInto(box, "/v1/offices/scorecards", seq);
  if (!cards) return;
  let offices = new Map();
  try {
    offices = new Map((await api("/v1/offices")).map((o) => [o.id, o]));
  } catch (err) {
    showError(box, err);
  }
  append(box, cards.length ? scorecardTable(cards, offices) : el("p", { class: "muted" }, t("office_none")));
}

// Beside the items view's dashboard: the offices' scorecard, compact, each name leading to its items.
const DASH_COLUMNS = SC_COLUMNS.filter(([f]) => f !== "open" && f !== "median_days_to_close");

async function dashboardPanel(view, seq) {
  const dash = view.querySelector("#dashboard");
  if (!dash) return;
  const panel = el("aside", { class: "card dashboard office-dashboard", id: "office-scorecard" });
  panel.hidden = true;
  const column = el("div", { class: "dash-column" });
  dash.replaceWith(column);
  column.append(dash, panel);
  let cards;
  let offices;
  try {
    if ((await whoAmI()).role === "office") return;
    [cards, offices] = await Promise.all([api("/v1/offices/scorecards"), api("/v1/offices")]);
  } catch {
    return; // the dashboard itself shows the server's errors
  }
  if (seq !== renderSeq || !cards.length) return;
  const names = new Map(offices.map((o) => [o.id, o.designation]));
  append(panel, el("h2", {}, t("scorecard_title")),
    el("table", { class: "scorecard" },
      el("thead", {}, el("tr", {}, el("th", {}, t("office")), DASH_COLUMNS.map(([, k]) => el("th", {}, t(k))))),
      el("tbody", {}, cards.map((c) => el("tr", { dataset: { officeId: c.office_id } },
        el("td", {}, el("a", { href: `#/offices/${c.office_id}`, class: "office-name" },
          names.get(c.office_id) || `#${c.office_id}`)),
        DASH_COLUMNS.map(([f]) => el("td", { class: `num sc-${f}` },
          f === "overdue" && c[f] ? el("span", { class: "badge overdue" }, c[f]) : c[f])))))),
    el("a", { href: "#/scorecard" }, t("scorecard_full")));
  panel.hidden = false;
}

// --- start ------------------------------------------------------------------------------------------------

function addTokenLogin() {
  const toggle = document.getElementById("lang-toggle");
  const btn = el("button", { type: "button", id: "token-login", class: "linklike", "data-i18n": "token_login" },
    t("token_login"));
  btn.addEventListener("click", () => {
    const bar = document.getElementById("auth-bar");
    bar.hidden = !bar.hidden;
    if (!bar.hidden) document.getElementById("auth-token").focus();
  });
  toggle.before(btn, " ");
  document.getElementById("auth-bar").addEventListener("submit", () => {
    meCache = { token: null, me: null };
    checkRole();
  });
}

// An office token reaches only its own screen: the brand link or a typed address leads back to it.
window.addEventListener("hashchange", () => {
  if (meCache.me?.role === "office" && !location.hash.startsWith("#/my")) location.hash = "#/my";
});

addI18n(STRINGS);
addTokenLogin();
registerView("offices", renderOffices);
registerView("my", renderMy);
registerView("reports", renderQueue);
registerView("scorecard", renderScorecard);
registerPanel("items", dashboardPanel);
checkRole();
