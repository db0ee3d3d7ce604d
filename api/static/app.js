// Nirdesh web UI: plain ES module, no build step. Every piece of data from the API or from a user
// (file names, document text, names) is inserted with textContent / text nodes, never as HTML.

const I18N = {
  hi: {
    brand: "निर्देश",
    nav_upload: "अपलोड",
    nav_documents: "दस्तावेज़",
    nav_items: "कार्य-बिंदु",
    nav_search: "खोज",
    search_title: "पिछले निर्देश खोजें",
    search_placeholder: "जैसे: पैक्स कंप्यूटरीकरण, godown, DM",
    search_btn: "खोजें",
    no_hits: "कुछ नहीं मिला।",
    in_documents: "दस्तावेज़ों में",
    doc_items: "कार्य-बिंदु",
    via_page: "पृष्ठ के संदर्भ से",
    meeting_from: "बैठक से",
    meeting_to: "बैठक तक",
    similar: "समान निर्देश",
    similar_none: "किसी अन्य बैठक में ऐसा निर्देश नहीं मिला।",
    similar_repeated: "पिछली बैठकों में यह निर्देश पहले भी दिया गया: ",
    this_item: "यह निर्देश",
    earlier: "पहले",
    later: "बाद में",
    same_meeting: "उसी बैठक में",
    lang_switch: "English",
    token_label: "API टोकन",
    save: "सहेजें",
    need_token: "इस सर्वर के लिए API टोकन आवश्यक है।",
    loading: "लोड हो रहा है…",
    error: "त्रुटि",
    upload_title: "कार्यवृत्त अपलोड करें",
    drop_here: "फ़ाइल यहाँ छोड़ें या चुनें (PDF, चित्र, TXT, DOCX)",
    meeting_date: "बैठक की तिथि (वैकल्पिक)",
    upload_btn: "अपलोड करें",
    uploading: "अपलोड हो रहा है",
    uploaded: "अपलोड पूर्ण",
    job_queued: "कतार में",
    job_running: "पाठ पढ़ा जा रहा है (OCR)…",
    job_done: "पूर्ण",
    job_failed: "विफल",
    already_uploaded: "यह फ़ाइल पहले से मौजूद है",
    open_document: "दस्तावेज़ खोलें",
    items_found: "कार्य-बिंदु मिले",
    documents_title: "दस्तावेज़",
    no_documents: "अभी कोई दस्तावेज़ नहीं।",
    col_id: "क्र.",
    col_file: "फ़ाइल",
    col_kind: "प्रकार",
    col_status: "स्थिति",
    col_meeting: "बैठक तिथि",
    col_items: "कार्य-बिंदु",
    col_uploaded: "अपलोड",
    col_text: "निर्देश",
    col_responsible: "ज़िम्मेदार",
    col_issuer: "निर्देशकर्ता",
    col_due: "समय-सीमा",
    col_review: "समीक्षा",
    col_history: "इतिहास",
    original_file: "मूल फ़ाइल",
    page: "पृष्ठ",
    route: "स्रोत",
    ocr_conf: "OCR विश्वास",
    warnings: "चेतावनियाँ",
    department: "विभाग",
    extractor: "निष्कर्षक",
    items_title: "कार्य-बिंदु",
    no_items: "कोई कार्य-बिंदु नहीं।",
    confirm: "पुष्टि करें",
    reject: "अस्वीकार करें",
    confirm_all: "सभी की पुष्टि करें",
    issued_by: "निर्देशकर्ता",
    responsible: "ज़िम्मेदार",
    deadline: "समय-सीमा",
    recurrence: "आवृत्ति",
    targets: "लक्ष्य",
    confidence: "विश्वास",
    needs_review: "पहले जाँचें",
    needs_review_hint: "कम विश्वास: यह कार्य-बिंदु शायद ग़लत पढ़ा गया है",
    evidence: "साक्ष्य",
    page_text: "पृष्ठ का पाठ",
    correct: "सुधारें",
    item_text: "निर्देश का पाठ",
    due_date: "तिथि",
    save_correction: "सुधार सहेजें और पुष्टि करें",
    cancel: "रद्द करें",
    nothing_changed: "कुछ नहीं बदला।",
    image_unavailable: "पृष्ठ की छवि उपलब्ध नहीं है।",
    evidence_missing: "इस कार्य-बिंदु का साक्ष्य पाठ में नहीं मिला।",
    filters: "फ़िल्टर",
    all: "सभी",
    overdue_only: "केवल अतिदेय",
    due_after: "समय-सीमा इसके बाद",
    due_before: "समय-सीमा इसके पहले",
    review_state: "समीक्षा स्थिति",
    sort: "क्रम",
    apply: "लागू करें",
    reset: "साफ़ करें",
    overdue: "अतिदेय",
    stale: "पुराना",
    history: "इतिहास",
    hide: "छिपाएँ",
    no_history: "कोई परिवर्तन दर्ज नहीं।",
    saved: "सहेजा गया",
    changed_elsewhere: "इस बीच किसी और ने यह कार्य-बिंदु बदल दिया है; पृष्ठ दोबारा लोड करके फिर से बदलें।",
    total: "कुल",
    prev: "पिछला",
    next: "अगला",
    dashboard: "सारांश",
    by_officer: "अधिकारी अनुसार",
    by_department: "विभाग अनुसार",
    officer: "अधिकारी",
    open_count: "खुले",
    overdue_count: "अतिदेय",
    days_pending: "औसत लंबित दिन",
    max_days: "अधिकतम दिन",
    as_of: "तिथि",
    export: "निर्यात",
    export_csv: "निर्यात (फ़िल्टर सहित)",
    export_format: "प्रारूप",
    export_download: "डाउनलोड",
    compliance_report: "अनुपालन आख्या (PDF)",
    unspecified: "(अनिर्दिष्ट)",
    doc_processing: "दस्तावेज़ संसाधित हो रहा है…",
    reviewed: "समीक्षित",
    sort_created_desc: "नवीनतम पहले",
    sort_due_asc: "समय-सीमा (निकटतम पहले)",
    sort_due_desc: "समय-सीमा (दूरस्थ पहले)",
    sort_updated_desc: "हाल में बदले",
    sort_meeting_desc: "बैठक तिथि",
    sort_priority_desc: "प्राथमिकता",
    "status.open": "खुला",
    "status.in_progress": "प्रगति पर",
    "status.done": "पूर्ण",
    "status.dropped": "छोड़ा गया",
    "review.proposed": "प्रस्तावित",
    "review.confirmed": "पुष्ट",
    "review.rejected": "अस्वीकृत",
    "doc.stored": "संग्रहीत",
    "doc.queued": "कतार में",
    "doc.processing": "संसाधन जारी",
    "doc.processed": "संसाधित",
    "doc.failed": "विफल",
    "field.status": "स्थिति",
    "field.assignee": "सौंपा गया",
    "field.due_date": "समय-सीमा",
    "field.priority": "प्राथमिकता",
    "field.note": "टिप्पणी",
    "field.review_state": "समीक्षा",
    "field.created": "जोड़ा गया",
    "field.text": "निर्देश का पाठ",
    "field.action": "कार्य",
    "field.issued_by": "निर्देशकर्ता",
    "field.responsible": "ज़िम्मेदार",
    "field.deadline": "समय-सीमा",
    "field.recurrence": "आवृत्ति",
    "field.targets": "लक्ष्य",
    "priority.low": "निम्न",
    "priority.normal": "सामान्य",
    "priority.high": "उच्च",
    "report.in_progress": "प्रगति पर",
    "report.done": "पूर्ण",
    "report.cannot": "नहीं हो सकता",
    actor_local: "स्थानीय उपयोगकर्ता",
    actor_cli: "कमांड लाइन",
    actor_unknown: "अज्ञात",
    "hist.changed": "{who} ने {field} '{old}' से '{new}' की",
    "hist.set": "{who} ने {field} '{new}' दर्ज की",
    "hist.cleared": "{who} ने {field} '{old}' हटाई",
    "hist.created": "{who} ने यह कार्य-बिंदु पृष्ठ {page} के चयनित पाठ से जोड़ा",
    "hist.report": "{who} ने कृत कार्यवाही आख्या भेजी, स्थिति '{new}'{text}",
    "hist.report_accepted": "{who} ने आख्या स्वीकार की{text}",
    "hist.report_returned": "{who} ने आख्या लौटाई{text}",
    include_proposed: "प्रस्तावित (असमीक्षित) कार्य-बिंदु भी शामिल करें",
    confirmed_only_note: "गिनती, सूची और निर्यात में केवल पुष्ट कार्य-बिंदु हैं।",
    all_note: "गिनती, सूची और निर्यात में प्रस्तावित कार्य-बिंदु भी हैं (अस्वीकृत कभी नहीं)।",
    items_found_one: "कार्य-बिंदु मिला",
    meeting_facts: "बैठक का विवरण",
    edit_meeting: "विवरण सुधारें",
    meeting_place: "स्थान",
    chair_name: "अध्यक्ष का नाम",
    chair_designation: "अध्यक्ष का पद",
    chair: "अध्यक्ष",
    designation: "पद",
    name: "नाम",
    add_person: "+ एक और",
    remove: "हटाएँ",
    redated: "कार्य-बिंदुओं की समय-सीमा नई बैठक तिथि से फिर से निकाली गई: ",
    select_hint: "कोई निर्देश छूट गया हो तो पृष्ठ के पाठ में उसे चुनें और जोड़ें।",
    add_selection: "चयनित पाठ को कार्य-बिंदु के रूप में जोड़ें",
    item_added: "कार्य-बिंदु जोड़ा गया (पुष्ट)।",
    undo: "पूर्ववत करें",
    revert: "प्रस्तावित पर लौटाएँ",
    confirm_all_ask: "{n} प्रस्तावित कार्य-बिंदुओं की पुष्टि होगी।",
    confirmed_n: "{n} कार्य-बिंदुओं की पुष्टि हुई।",
    undone: "पूर्ववत किया गया।",
    delete_document: "दस्तावेज़ हटाएँ",
    delete_ask: "यह दस्तावेज़ और इसके {n} कार्य-बिंदु हट जाएँगे। मूल फ़ाइल तब तक रखी रहेगी जब तक व्यवस्थापक उसे स्थायी रूप से न मिटाए।",
    deleted: "दस्तावेज़ हटाया गया।",
    no_word_match: "आपके शब्द किसी निर्देश या दस्तावेज़ में नहीं मिले। नीचे केवल अर्थ से मिलते-जुलते निर्देश हैं।",
    meaning_only: "केवल अर्थ से",
    "rec.weekly": "साप्ताहिक",
    "rec.fortnightly": "पाक्षिक",
    "rec.monthly": "मासिक",
    "rec.quarterly": "त्रैमासिक",
    "err.too_large": "फ़ाइल आकार-सीमा से बड़ी है।",
    "err.unsupported": "यह फ़ाइल-प्रकार समर्थित नहीं है (PDF, चित्र, TXT, DOCX)।",
    "err.corrupt": "फ़ाइल क्षतिग्रस्त है और पढ़ी नहीं जा सकी।",
    "err.encrypted": "फ़ाइल पासवर्ड से सुरक्षित है; बिना पासवर्ड वाली प्रति अपलोड करें।",
    "err.empty": "फ़ाइल में कोई पाठ नहीं मिला।",
    "err.unreadable": "फ़ाइल पढ़ी नहीं जा सकी।",
    "err.validation_error": "अमान्य मान",
    "err.not_found": "नहीं मिला।",
    "err.forbidden": "आपको इस कार्य की अनुमति नहीं है।",
    "err.unauthorized": "API टोकन आवश्यक है या अमान्य है।",
    "err.conflict": "यह दस्तावेज़ अभी संसाधित हो रहा है; थोड़ी देर बाद प्रयास करें।",
    "err.service_unavailable": "सेवा अभी उपलब्ध नहीं है।",
    "err.network": "नेटवर्क त्रुटि: सर्वर से संपर्क नहीं हो सका।",
    "err.timeout": "दस्तावेज़ पढ़ने में समय-सीमा पूरी हो गई; फ़ाइल को छोटे भागों में बाँटकर अपलोड करें।",
    "err.worker_crashed": "दस्तावेज़ पढ़ते समय प्रक्रिया रुक गई।",
    "err.extraction_failed": "दस्तावेज़ से कार्य-बिंदु नहीं निकाले जा सके।",
    "err.too_many_attempts": "कई प्रयासों के बाद भी दस्तावेज़ नहीं पढ़ा जा सका।",
    "err.missing_original": "मूल फ़ाइल नहीं मिली।",
    "err.store_failed": "परिणाम सहेजे नहीं जा सके।",
    "err.bad_extraction": "निष्कर्षक का परिणाम अमान्य था।",
    "err.quota_exceeded": "आज की अपलोड-सीमा पूरी हो गई है; कल फिर प्रयास करें।",
    "err.too_complex": "फ़ाइल बहुत जटिल है और पढ़ी नहीं जा सकी।",
    "err.degenerate_page": "फ़ाइल का एक पृष्ठ पढ़ने योग्य नहीं है।",
    "err.internal_error": "सर्वर में आंतरिक त्रुटि हुई।",
    page_progress: "पृष्ठ {done} / {total}",
    fmt_csv: "CSV (एक्सेल, जिरा)",
    fmt_xlsx: "XLSX (एक्सेल)",
    fmt_ics: "कैलेंडर (ICS)",
    fmt_json: "JSON",
    start_title: "निर्देश में आपका स्वागत है",
    start_text: "अभी कोई दस्तावेज़ नहीं है। बैठक का कार्यवृत्त या प्रेस नोट (PDF, स्कैन, TXT, DOCX) अपलोड करें; उसके निर्देश कार्य-बिंदु बनकर यहाँ दिखेंगे।",
    start_upload: "पहला दस्तावेज़ अपलोड करें",
    overdue_title: "अतिदेय कार्य-बिंदु",
    printed_on: "मुद्रण तिथि",
    item_not_found: "यह कार्य-बिंदु नहीं मिला।",
    "kind.pdf": "PDF",
    "kind.image": "चित्र",
    "kind.txt": "पाठ फ़ाइल",
    "kind.docx": "DOCX",
    "route.text": "PDF पाठ-परत",
    "route.ocr": "OCR",
    "route.legacy": "KrutiDev से यूनिकोड",
    "route.txt": "पाठ फ़ाइल",
    "route.docx": "DOCX",
    "route.image": "चित्र (OCR)",
    "semantic.disabled": "केवल शब्दों से खोज: अर्थ-आधारित खोज इस सर्वर पर चालू नहीं है।",
    "semantic.unavailable": "केवल शब्दों से खोज: अर्थ-आधारित खोज अभी उपलब्ध नहीं है।",
    "semantic.partial": "अर्थ-आधारित खोज अभी {embedded} / {total} कार्य-बिंदुओं पर है; शेष तैयार किए जा रहे हैं।",
  },
  en: {
    brand: "Nirdesh",
    nav_upload: "Upload",
    nav_documents: "Documents",
    nav_items: "Action items",
    nav_search: "Search",
    search_title: "Search past directives",
    search_placeholder: "e.g. पैक्स कंप्यूटरीकरण, godown, DM",
    search_btn: "Search",
    no_hits: "Nothing found.",
    in_documents: "In documents",
    doc_items: "action items",
    via_page: "through its page",
    meeting_from: "Meeting from",
    meeting_to: "Meeting to",
    similar: "Similar directives",
    similar_none: "No similar directive in another meeting.",
    similar_repeated: "Issued before in earlier meetings: ",
    this_item: "this directive",
    earlier: "earlier",
    later: "later",
    same_meeting: "same meeting",
    lang_switch: "हिन्दी",
    token_label: "API token",
    save: "Save",
    need_token: "This server needs an API token.",
    loading: "Loading…",
    error: "Error",
    upload_title: "Upload minutes",
    drop_here: "Drop files here or choose (PDF, image, TXT, DOCX)",
    meeting_date: "Meeting date (optional)",
    upload_btn: "Upload",
    uploading: "Uploading",
    uploaded: "Uploaded",
    job_queued: "Queued",
    job_running: "Reading text (OCR)…",
    job_done: "Done",
    job_failed: "Failed",
    already_uploaded: "This file was already uploaded",
    open_document: "Open document",
    items_found: "action items found",
    documents_title: "Documents",
    no_documents: "No documents yet.",
    col_id: "#",
    col_file: "File",
    col_kind: "Type",
    col_status: "Status",
    col_meeting: "Meeting date",
    col_items: "Items",
    col_uploaded: "Uploaded",
    col_text: "Directive",
    col_responsible: "Responsible",
    col_issuer: "Issued by",
    col_due: "Due",
    col_review: "Review",
    col_history: "History",
    original_file: "Original file",
    page: "Page",
    route: "Source",
    ocr_conf: "OCR confidence",
    warnings: "Warnings",
    department: "Department",
    extractor: "Extractor",
    items_title: "Action items",
    no_items: "No action items.",
    confirm: "Confirm",
    reject: "Reject",
    confirm_all: "Confirm all",
    issued_by: "Issued by",
    responsible: "Responsible",
    deadline: "Deadline",
    recurrence: "Recurrence",
    targets: "Targets",
    confidence: "Confidence",
    needs_review: "Check first",
    needs_review_hint: "Low confidence: this item may have been misread",
    evidence: "Evidence",
    page_text: "Page text",
    correct: "Correct",
    item_text: "Directive text",
    due_date: "Date",
    save_correction: "Save correction and confirm",
    cancel: "Cancel",
    nothing_changed: "Nothing was changed.",
    image_unavailable: "The page image is not available.",
    evidence_missing: "The evidence for this item was not found in the page text.",
    filters: "Filters",
    all: "All",
    overdue_only: "Overdue only",
    due_after: "Due after",
    due_before: "Due before",
    review_state: "Review state",
    sort: "Sort",
    apply: "Apply",
    reset: "Clear",
    overdue: "Overdue",
    stale: "Stale",
    history: "History",
    hide: "Hide",
    no_history: "No changes recorded.",
    saved: "Saved",
    changed_elsewhere: "Someone else changed this item meanwhile; reload the page and make your change again.",
    total: "Total",
    prev: "Previous",
    next: "Next",
    dashboard: "Dashboard",
    by_officer: "By officer",
    by_department: "By department",
    officer: "Officer",
    open_count: "Open",
    overdue_count: "Overdue",
    days_pending: "Mean days pending",
    max_days: "Max days",
    as_of: "As of",
    export: "Export",
    export_csv: "Export (with filters)",
    export_format: "Format",
    export_download: "Download",
    compliance_report: "Compliance report (PDF)",
    unspecified: "(unspecified)",
    doc_processing: "The document is being processed…",
    reviewed: "Reviewed",
    sort_created_desc: "Newest first",
    sort_due_asc: "Due date (soonest)",
    sort_due_desc: "Due date (latest)",
    sort_updated_desc: "Recently changed",
    sort_meeting_desc: "Meeting date",
    sort_priority_desc: "Priority",
    "status.open": "Open",
    "status.in_progress": "In progress",
    "status.done": "Done",
    "status.dropped": "Dropped",
    "review.proposed": "Proposed",
    "review.confirmed": "Confirmed",
    "review.rejected": "Rejected",
    "doc.stored": "Stored",
    "doc.queued": "Queued",
    "doc.processing": "Processing",
    "doc.processed": "Processed",
    "doc.failed": "Failed",
    "field.status": "status",
    "field.assignee": "assignee",
    "field.due_date": "due date",
    "field.priority": "priority",
    "field.note": "note",
    "field.review_state": "review state",
    "field.created": "created",
    "field.text": "directive text",
    "field.action": "action",
    "field.issued_by": "issued by",
    "field.responsible": "responsible",
    "field.deadline": "deadline",
    "field.recurrence": "recurrence",
    "field.targets": "targets",
    "priority.low": "low",
    "priority.normal": "normal",
    "priority.high": "high",
    "report.in_progress": "in progress",
    "report.done": "done",
    "report.cannot": "cannot be done",
    actor_local: "local user",
    actor_cli: "command line",
    actor_unknown: "unknown",
    "hist.changed": "{who} changed {field} from '{old}' to '{new}'",
    "hist.set": "{who} set {field} to '{new}'",
    "hist.cleared": "{who} cleared {field} (was '{old}')",
    "hist.created": "{who} added this action item from selected text on page {page}",
    "hist.report": "{who} filed an action-taken report, status '{new}'{text}",
    "hist.report_accepted": "{who} accepted the report{text}",
    "hist.report_returned": "{who} returned the report{text}",
    include_proposed: "Include proposed (unreviewed) items",
    confirmed_only_note: "Counts, list and export cover confirmed items only.",
    all_note: "Counts, list and export include proposed items (never rejected ones).",
    items_found_one: "action item found",
    meeting_facts: "Meeting details",
    edit_meeting: "Edit details",
    meeting_place: "Place",
    chair_name: "Chair's name",
    chair_designation: "Chair's designation",
    chair: "Chair",
    designation: "Designation",
    name: "Name",
    add_person: "+ another",
    remove: "Remove",
    redated: "Deadlines resolved again against the new meeting date: ",
    select_hint: "If a directive was missed, select it in the page text and add it.",
    add_selection: "Add the selected text as an action item",
    item_added: "Action item added (confirmed).",
    undo: "Undo",
    revert: "Back to proposed",
    confirm_all_ask: "{n} proposed action items will be confirmed.",
    confirmed_n: "{n} action items confirmed.",
    undone: "Undone.",
    delete_document: "Delete document",
    delete_ask: "This document and its {n} action items will be deleted. The original file is kept until an administrator purges it.",
    deleted: "Document deleted.",
    no_word_match: "Your words are in no directive or document. Below are directives similar in meaning only.",
    meaning_only: "meaning only",
    "rec.weekly": "weekly",
    "rec.fortnightly": "fortnightly",
    "rec.monthly": "monthly",
    "rec.quarterly": "quarterly",
    page_progress: "page {done} of {total}",
    fmt_csv: "CSV (Excel/Jira)",
    fmt_xlsx: "XLSX",
    fmt_ics: "iCalendar",
    fmt_json: "JSON",
    start_title: "Welcome to Nirdesh",
    start_text: "There are no documents yet. Upload meeting minutes or a press note (PDF, scan, TXT, DOCX); its directives appear here as action items.",
    start_upload: "Upload the first document",
    overdue_title: "Overdue action items",
    printed_on: "Printed on",
    item_not_found: "This action item was not found.",
    "kind.pdf": "PDF",
    "kind.image": "Image",
    "kind.txt": "Text file",
    "kind.docx": "DOCX",
    "route.text": "PDF text layer",
    "route.ocr": "OCR",
    "route.legacy": "KrutiDev converted",
    "route.txt": "text file",
    "route.docx": "DOCX",
    "route.image": "image (OCR)",
    "semantic.disabled": "Keyword search only: meaning-based search is not enabled on this server.",
    "semantic.unavailable": "Keyword search only: meaning-based search is not available now.",
    "semantic.partial": "Meaning-based search covers {embedded} of {total} items; the rest are being prepared.",
  },
};

const STATUSES = ["open", "in_progress", "done", "dropped"];
const REVIEW_STATES = ["proposed", "confirmed", "rejected"];
const SORTS = [
  ["-created_at", "sort_created_desc"],
  ["due_date", "sort_due_asc"],
  ["-due_date", "sort_due_desc"],
  ["-updated_at", "sort_updated_desc"],
  ["-meeting_date", "sort_meeting_desc"],
  ["-priority", "sort_priority_desc"],
];
const PAGE_SIZE = 50;

let lang = localStorage.getItem("nirdesh.lang") === "en" ? "en" : "hi";
let renderSeq = 0; // bumps on every navigation, so stale async renders and pollers stop
let exportAvailable = null; // null = not checked yet

function t(key) {
  return I18N[lang][key] ?? I18N.hi[key] ?? key;
}

/** t(key) with {name} placeholders filled in. */
function tf(key, values) {
  return t(key).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? ""));
}

function recurrenceText(r) {
  return r ? t(`rec.${r}`) : "";
}

function itemsFound(n) {
  return `${n} ${n === 1 ? t("items_found_one") : t("items_found")}`;
}

// --- DOM helpers --------------------------------------------------------------------------------

/** Make an element. Children that are strings/numbers become text nodes (never parsed as HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k in node && typeof v !== "string") node[k] = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  append(node, children);
  return node;
}

function append(node, ...children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

function fmtDateTime(s) {
  if (!s) return "";
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s);
  return d.toLocaleString(lang === "hi" ? "hi-IN" : "en-IN", { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" });
}

// --- history in words ---------------------------------------------------------------------------

/** "3 दिसंबर 2026, 11:20": a long date and a 24-hour time in the UI's language. */
function fmtWhen(s) {
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s || "");
  const locale = lang === "hi" ? "hi-IN" : "en-IN";
  const day = d.toLocaleDateString(locale, { day: "numeric", month: "long", year: "numeric" });
  const time = d.toLocaleTimeString(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${day}, ${time}`;
}

/** An ISO date ("2026-02-28") as "28 फ़रवरी 2026"; anything else unchanged. */
function fmtDay(v) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const d = new Date(`${v}T00:00:00`);
  return Number.isNaN(d.getTime())
    ? v
    : d.toLocaleDateString(lang === "hi" ? "hi-IN" : "en-IN", { day: "numeric", month: "long", year: "numeric" });
}

/** Who changed it, as the audit row names them: "label#7" is the token's label, "local:asha" the OS user. */
function actorName(actor) {
  const a = String(actor || "").trim();
  if (!a) return t("actor_unknown");
  if (a === "local") return t("actor_local");
  if (a.startsWith("local:")) return a.slice("local:".length) || t("actor_local");
  if (a === "cli") return t("actor_cli");
  const m = a.match(/^(.*)#\d+$/);
  return m && m[1] ? m[1] : a;
}

const VALUE_KEYS = { status: "status", review_state: "review", priority: "priority", recurrence: "rec" };

/** One audited value in words: persons by designation and name, deadlines by their text and date. */
function fmtValue(field, v) {
  if (v === null || v === undefined || v === "") return "";
  if (Array.isArray(v)) return v.map((x) => fmtValue(field, x)).filter(Boolean).join("; ");
  if (typeof v === "object") {
    if ("designation" in v || "name" in v) return personText(v);
    if ("text" in v && "date" in v) return [v.text, v.date ? `(${fmtDay(v.date)})` : ""].filter(Boolean).join(" ");
    if ("text" in v) return String(v.text ?? "");
    return Object.entries(v).map(([k, x]) => `${k}: ${x}`).join(", ");
  }
  const prefix = VALUE_KEYS[field];
  if (prefix && I18N.hi[`${prefix}.${v}`]) return t(`${prefix}.${v}`);
  return typeof v === "string" ? fmtDay(v) : String(v);
}

/** An audit row as a sentence: "<actor> ने स्थिति 'खुला' से 'पूर्ण' की — 3 दिसंबर 2026, 11:20". */
function historySentence(h) {
  const who = actorName(h.actor);
  const field = t(`field.${h.field}`) === `field.${h.field}` ? h.field : t(`field.${h.field}`);
  const when = fmtWhen(h.at);
  let key;
  const values = { who, field, old: fmtValue(h.field, h.old), new: fmtValue(h.field, h.new) };
  if (h.field === "created") {
    key = "hist.created";
    values.page = h.new?.page ?? "—";
  } else if (h.field === "report") {
    key = "hist.report";
    values.new = t(`report.${h.new?.status}`);
    values.text = h.new?.text ? `: ${h.new.text}` : "";
  } else if (h.field === "report_review") {
    key = h.new?.review === "accepted" ? "hist.report_accepted" : "hist.report_returned";
    values.text = h.new?.note ? `: ${h.new.note}` : "";
  } else if (!values.old) {
    key = "hist.set";
  } else if (!values.new) {
    key = "hist.cleared";
  } else {
    key = "hist.changed";
  }
  return [el("span", { class: "history-text" }, tf(key, values)), el("span", { class: "muted" }, ` — ${when}`)];
}

function personText(p) {
  if (!p) return "";
  return [p.designation, p.name].filter(Boolean).join(" — ");
}

let flashTimer = null;
function flash(message, isError = false) {
  const box = document.getElementById("flash");
  box.textContent = message;
  box.classList.toggle("error", isError);
  box.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { box.hidden = true; }, isError ? 8000 : 2500);
}

// --- API ----------------------------------------------------------------------------------------

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function authHeaders() {
  const token = localStorage.getItem("nirdesh.token");
  return token ? { Authorization: `Bearer ${token}` } : {};
}

// An <img> cannot send the Authorization header: with a token, fetch the picture and show it from a blob.
function authedImage(url, alt) {
  const img = el("img", { class: "page-image", alt, loading: "lazy" });
  if (!localStorage.getItem("nirdesh.token")) {
    img.src = url;
    return img;
  }
  fetch(url, { headers: authHeaders() })
    .then((res) => (res.ok ? res.blob() : Promise.reject(new Error(String(res.status)))))
    .then((blob) => { img.src = URL.createObjectURL(blob); })
    .catch(() => { img.replaceWith(el("p", { class: "muted" }, t("image_unavailable"))); });
  return img;
}

// The server's messages are English; in Hindi the known error codes read in Hindi (details kept for 422s).
function localMessage(code, message) {
  if (lang !== "hi" || !I18N.hi[`err.${code}`]) return message;
  return code === "validation_error" && message ? `${t(`err.${code}`)}: ${message}` : t(`err.${code}`);
}

function errorFrom(status, body, fallback) {
  const e = body && body.error;
  if (status === 401) document.getElementById("auth-bar").hidden = false;
  if (status === 412) return new ApiError(status, e?.code || "precondition_failed", t("changed_elsewhere"));
  const code = e?.code || (status === 403 ? "forbidden" : status === 404 ? "not_found" : "http_error");
  return new ApiError(status, code, localMessage(code, e?.message || fallback || `HTTP ${status}`));
}

// `ifMatch`: the item's etag as last read; the server answers 412 if someone changed it since.
async function api(path, { method = "GET", body, ifMatch } = {}) {
  const headers = { Accept: "application/json", ...authHeaders() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (ifMatch) headers["If-Match"] = ifMatch;
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "network", localMessage("network", "network error"));
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) throw errorFrom(res.status, data, res.statusText);
  return data;
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "" || v === false) continue;
    u.set(k, String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : "";
}

function showError(container, err) {
  append(container, el("p", { class: "error-text", role: "alert" }, `${t("error")}: ${err.message || err}`));
}

// Show "loading" in `box`, fetch `path`, and leave `box` empty for the caller to fill.
// Returns null when the request failed (the error is shown) or the view changed meanwhile.
async function loadInto(box, path, seq) {
  clear(box);
  append(box, el("p", { class: "muted" }, t("loading")));
  let data;
  try {
    data = await api(path);
  } catch (err) {
    clear(box);
    showError(box, err);
    return null;
  }
  if (seq !== renderSeq) return null;
  clear(box);
  return data;
}

// --- routing ------------------------------------------------------------------------------------

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, "");
  const [path] = raw.split("?");
  const parts = path.split("/").filter(Boolean);
  return parts.length ? parts : ["items"];
}

// Screens kept in other modules (offices.js) register here: name (first hash part) → render(view, seq, parts).
const extraViews = new Map();

function registerView(name, renderFn) {
  extraViews.set(name, renderFn);
  if (parseHash()[0] === name) render();
}

// Panels other modules add to a built-in view once it is drawn (offices.js: the scorecard beside the dashboard).
const extraPanels = new Map();

function registerPanel(name, panelFn) {
  extraPanels.set(name, [...(extraPanels.get(name) || []), panelFn]);
  if (parseHash()[0] === name) render();
}

function addI18n(dicts) {
  Object.assign(I18N.hi, dicts.hi);
  Object.assign(I18N.en, dicts.en);
  applyStaticI18n();
}

function render() {
  const seq = ++renderSeq;
  const itemLink = location.hash.match(/^#\/?(?:items\?)?item=(\d+)$/);
  if (itemLink) { openItem(Number(itemLink[1]), seq); return; }
  const parts = parseHash();
  const view = clear(document.getElementById("view"));
  document.querySelectorAll("[data-nav]").forEach((a) => {
    a.classList.toggle("active", a.dataset.nav === parts[0]);
  });
  if (extraViews.has(parts[0])) extraViews.get(parts[0])(view, seq, parts);
  else if (parts[0] === "upload") renderUpload(view, seq);
  else if (parts[0] === "documents" && parts[1]) renderDocument(view, seq, Number(parts[1]));
  else if (parts[0] === "documents") renderDocuments(view, seq);
  else if (parts[0] === "search") renderSearch(view, seq);
  else if (!location.hash.replace(/^#\/?/, "")) renderHome(view, seq);
  else renderItems(view, seq);
  for (const panel of extraPanels.get(parts[0]) || []) panel(view, seq);
}

/** The start page: with nothing stored yet it leads to the upload; otherwise it is the items view. */
async function renderHome(view, seq) {
  let total = 1;
  try {
    total = (await api(`/v1/documents${qs({ limit: 1 })}`)).total;
  } catch { /* the items view shows the error */ }
  if (seq !== renderSeq) return;
  if (total) { renderItems(view, seq); return; }
  append(view, el("section", { class: "card start", id: "start" },
    el("h1", {}, t("start_title")),
    el("p", {}, t("start_text")),
    el("a", { href: "#/upload", class: "button", id: "start-upload" }, t("start_upload"))));
}

/** #item=12 (or #/items?item=12): open the item's document with the item selected. */
async function openItem(itemId, seq) {
  const view = clear(document.getElementById("view"));
  try {
    const item = await api(`/v1/action-items/${itemId}`);
    if (seq === renderSeq) location.replace(`#/documents/${item.document_id}?item=${item.id}`);
  } catch (err) {
    if (seq === renderSeq) showError(view, err.status === 404 ? new Error(t("item_not_found")) : err);
  }
}

function applyStaticI18n() {
  document.documentElement.lang = lang;
  document.title = t("brand");
  document.querySelectorAll("[data-i18n]").forEach((n) => { n.textContent = t(n.dataset.i18n); });
  const toggle = document.getElementById("lang-toggle");
  toggle.textContent = t("lang_switch");
  toggle.setAttribute("lang", lang === "hi" ? "en" : "hi");
}

function setLang(next) {
  lang = next;
  localStorage.setItem("nirdesh.lang", lang);
  applyStaticI18n();
  render();
}

// --- upload view --------------------------------------------------------------------------------

function renderUpload(view, seq) {
  const list = el("ul", { class: "uploads", id: "upload-list" });
  const dateInput = el("input", { type: "date", id: "meeting-date", name: "meeting_date" });
  const fileInput = el("input", {
    type: "file", id: "file-input", multiple: true,
    accept: ".pdf,.png,.jpg,.jpeg,.tif,.tiff,.gif,.bmp,.webp,.txt,.docx",
  });
  const zone = el("label", { class: "dropzone", id: "dropzone" }, el("div", {}, t("drop_here")), fileInput);
  const start = (files) => {
    for (const f of files) uploadOne(f, dateInput.value, list, seq);
  };
  fileInput.addEventListener("change", () => {
    if (fileInput.files.length) start([...fileInput.files]);
    fileInput.value = "";
  });
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    if (e.dataTransfer?.files?.length) start([...e.dataTransfer.files]);
  });
  append(view,
    el("h1", {}, t("upload_title")),
    el("div", { class: "card" },
      el("div", { class: "row" }, el("label", {}, t("meeting_date"), " ", dateInput)),
      el("p"),
      zone,
      list));
}

function uploadOne(file, meetingDate, list, seq) {
  const bar = el("progress", { max: 100, value: 0 });
  const status = el("span", { class: "upload-status" }, t("uploading"));
  const result = el("div", { class: "upload-result" });
  const row = el("li", { class: "upload" }, el("div", { class: "fname" }, file.name), bar, " ", status, result);
  list.prepend(row);

  const form = new FormData();
  form.append("file", file, file.name);
  if (meetingDate) form.append("meeting_date", meetingDate);
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "/v1/documents");
  for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
  xhr.setRequestHeader("Accept", "application/json");
  xhr.upload.addEventListener("progress", (e) => {
    if (e.lengthComputable) {
      bar.value = Math.round((e.loaded / e.total) * 100);
      status.textContent = `${t("uploading")} ${bar.value}%`;
    }
  });
  xhr.addEventListener("error", () => {
    row.dataset.state = "failed";
    status.textContent = `${t("error")}: ${localMessage("network", "network error")}`;
  });
  xhr.addEventListener("load", () => {
    let data = null;
    try { data = JSON.parse(xhr.responseText); } catch { data = null; }
    if (xhr.status >= 400) {
      const err = errorFrom(xhr.status, data, xhr.statusText);
      row.dataset.state = "failed";
      bar.value = 0;
      status.textContent = `${t("error")}: ${err.message}`;
      return;
    }
    bar.value = 100;
    if (xhr.status === 202) {
      status.textContent = t("job_queued");
      row.dataset.state = "queued";
      bar.removeAttribute("value"); // indeterminate while the job runs
      pollJob(data, row, bar, status, result);
    } else {
      row.dataset.state = "done";
      status.textContent = xhr.status === 200 ? t("already_uploaded") : t("uploaded");
      showDocLink(result, data.id, data.item_count ?? (data.items || []).length);
    }
  });
  xhr.send(form);
}

function showDocLink(result, docId, count) {
  clear(result);
  append(result,
    el("a", { href: `#/documents/${docId}`, class: "doc-link" }, t("open_document")),
    count === null || count === undefined ? null : el("span", { class: "muted" }, ` — ${itemsFound(count)}`));
}

function pollJob(job, row, bar, status, result) {
  let delay = 700; // a little longer each time, up to 5 s, while the job is queued or running
  const tick = async () => {
    let j;
    try {
      j = await api(`/v1/jobs/${job.id}`);
    } catch (err) {
      status.textContent = `${t("error")}: ${err.message}`;
      setTimeout(tick, 3000);
      return;
    }
    row.dataset.state = j.status;
    if (j.status === "done") {
      bar.value = 100;
      status.textContent = t("job_done");
      const count = j.result && typeof j.result.items === "number" ? j.result.items : null;
      showDocLink(result, j.document_id, count);
      if (count === null) {
        api(`/v1/documents/${j.document_id}`).then((d) => showDocLink(result, d.id, d.items.length)).catch(() => {});
      }
    } else if (j.status === "failed") {
      bar.value = 0;
      status.textContent = `${t("job_failed")}: ${localMessage(j.error?.code, j.error?.message || "")}`;
      showDocLink(result, j.document_id, null);
    } else {
      status.textContent = j.status === "running" ? t("job_running") : t("job_queued");
      if (j.progress) {
        status.textContent += ` ${tf("page_progress", j.progress)}`;
        bar.max = j.progress.total;
        bar.value = j.progress.done;
      }
      setTimeout(tick, delay);
      delay = Math.min(delay * 1.3, 5000);
    }
  };
  setTimeout(tick, 300);
}

const PENDING_DOC = ["stored", "queued", "processing"];

/** A document's status cell: the badge, "page x of y" while its job runs, the reason (in Hindi) if it failed. */
function docStatusCell(d) {
  return el("td", { class: "doc-status" },
    el("span", { class: `badge doc-${d.status}` }, t(`doc.${d.status}`)),
    d.progress ? el("div", { class: "doc-progress" }, tf("page_progress", d.progress)) : null,
    d.error ? el("div", { class: "error-text doc-error" }, localMessage(d.error.code, d.error.message || d.error.code)) : null);
}

// --- documents list -----------------------------------------------------------------------------

const DOC_COLUMNS = ["col_id", "col_file", "col_kind", "col_status", "col_meeting", "col_items", "col_uploaded",
  "original_file"];

// While any listed document is still being read, the list reloads itself: after 1 s, then a little
// longer each time (up to 10 s), and stops once nothing is pending or the view changes.
async function renderDocuments(view, seq, offset = 0, delay = 1000) {
  const box = el("div", { id: "documents-box" });
  const data = await fetchQuiet(`/v1/documents${qs({ limit: PAGE_SIZE, offset })}`);
  if (seq !== renderSeq) return;
  clear(view);
  append(view, el("h1", {}, t("documents_title")), box);
  if (data instanceof Error) { showError(box, data); return; }
  if (!data.documents.length) {
    append(box, el("p", { class: "muted", id: "no-documents" }, t("no_documents"), " ",
      el("a", { href: "#/upload" }, t("start_upload"))));
    return;
  }
  const rows = data.documents.map((d) => labelled(el("tr",
    { dataset: { docId: d.id, status: d.status }, class: d.status === "failed" ? "failed-row" : null },
    el("td", { class: "num" }, d.id),
    el("td", {}, el("a", { href: `#/documents/${d.id}`, class: "doc-name" }, d.filename)),
    el("td", {}, t(`kind.${d.kind}`)),
    docStatusCell(d),
    el("td", {}, d.meeting_date || "—"),
    el("td", { class: "num" }, d.item_count ?? "—"),
    el("td", {}, fmtDateTime(d.created_at)),
    el("td", {}, el("a", { href: d.file_url, target: "_blank", rel: "noopener" }, t("original_file")))), DOC_COLUMNS));
  append(box,
    printHeader(t("documents_title"), data.total),
    el("table", { id: "documents-table", class: "stack" },
      el("thead", {}, el("tr", {}, DOC_COLUMNS.map((k) => el("th", {}, t(k))))),
      el("tbody", {}, rows)),
    pager(data, (o) => renderDocuments(view, seq, o)));
  if (data.documents.some((d) => PENDING_DOC.includes(d.status))) {
    box.dataset.polling = String(delay);
    setTimeout(() => { if (seq === renderSeq) renderDocuments(view, seq, offset, Math.min(delay * 1.5, 10000)); }, delay);
  }
}

/** GET path; the answer, or the error as a value (for views that redraw themselves in place). */
async function fetchQuiet(path) {
  try {
    return await api(path);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}

/** Each cell gets its column's name (data-label), shown above the value when a narrow screen stacks the row. */
function labelled(row, columns) {
  [...row.children].forEach((td, i) => { if (columns[i]) td.dataset.label = t(columns[i]); });
  return row;
}

function pager(data, go) {
  const from = data.total ? data.offset + 1 : 0;
  const to = Math.min(data.offset + data.limit, data.total);
  return el("div", { class: "pager" },
    el("span", { class: "muted" }, `${t("total")}: ${data.total}${data.total_exact === false ? "+" : ""} (${from}–${to})`),
    el("button", { type: "button", class: "secondary", disabled: data.offset <= 0,
      onclick: () => go(Math.max(0, data.offset - data.limit)) }, t("prev")),
    el("button", { type: "button", class: "secondary", disabled: data.offset + data.limit >= data.total && data.total_exact !== false,
      onclick: () => go(data.offset + data.limit) }, t("next")));
}

// --- document page ------------------------------------------------------------------------------

async function renderDocument(view, seq, docId) {
  const box = el("div");
  append(view, box);
  const doc = await loadInto(box, `/v1/documents/${docId}`, seq);
  if (!doc) return;
  const reload = () => { if (seq === renderSeq) { clear(view); renderDocument(view, seq, docId); } };
  const busy = ["stored", "queued", "processing"].includes(doc.status) && !doc.pages.length;
  const facts = doc.facts || { meeting_date: doc.meeting_date, department: doc.department };
  append(box,
    el("h1", { id: "doc-title" }, doc.filename),
    el("div", { class: "card row" },
      el("span", { class: `badge doc-${doc.status}` }, t(`doc.${doc.status}`)),
      el("span", { id: "doc-meeting-date" }, `${t("col_meeting")}: ${facts.meeting_date || "—"}`),
      facts.department ? el("span", {}, `${t("department")}: ${facts.department}`) : null,
      facts.meeting_place ? el("span", {}, `${t("meeting_place")}: ${facts.meeting_place}`) : null,
      facts.chair_designation || facts.chair_name
        ? el("span", {}, `${t("chair")}: ${personText({ designation: facts.chair_designation, name: facts.chair_name })}`)
        : null,
      doc.extractor_version ? el("span", { class: "muted" }, `${t("extractor")}: ${doc.extractor_version}`) : null,
      el("a", { href: doc.file_url, target: "_blank", rel: "noopener", id: "original-link" }, t("original_file")),
      reportLink(docId),
      meetingEditor(doc, facts, reload),
      deleteDocumentButton(doc)),
    doc.error ? el("p", { class: "error-text" }, `${t("error")}: ${localMessage(doc.error.code, doc.error.message || doc.error.code)}`) : null,
    doc.warnings?.length
      ? el("div", { class: "card" }, el("strong", {}, t("warnings")), el("ul", {}, doc.warnings.map((w) => el("li", {}, w))))
      : null);
  if (busy) {
    const progress = doc.job?.progress;
    append(box, el("p", { class: "muted", id: "doc-busy" }, t("doc_processing"),
      progress ? el("span", { class: "doc-progress" }, ` ${tf("page_progress", progress)}`) : null));
    setTimeout(reload, 1500);
    return;
  }

  const pagesCol = el("section", { class: "pages-col" });
  const pageText = new Map(); // page number → { pre, text }
  for (const p of doc.pages) {
    const pre = el("pre", { class: "page-text", dataset: { page: p.number } }, p.text);
    const meta = [`${t("page")} ${p.number}`, `${t("route")}: ${t(`route.${p.route}`)}`];
    if (p.ocr_confidence !== null && p.ocr_confidence !== undefined) {
      meta.push(`${t("ocr_conf")}: ${Math.round(p.ocr_confidence * (p.ocr_confidence <= 1 ? 100 : 1))}%`);
    }
    const page = el("article", { class: "page", id: `page-${p.number}` }, el("header", {}, meta.join(" · ")));
    let textBox = null;
    let figure = null;
    if (p.image_url) {
      // The page image first, as the officer saw the paper; the extracted text folds out under it. The
      // figure is the frame an item's evidence box is drawn in (fractions of the page's width and height).
      figure = el("div", { class: "page-figure", dataset: { page: p.number } },
        authedImage(`${p.image_url}?width=1000`, `${t("page")} ${p.number}`));
      append(page, figure);
      textBox = el("details", { class: "page-text-box" }, el("summary", {}, t("page_text")), pre);
      append(page, textBox);
    } else {
      append(page, pre);
    }
    pageText.set(p.number, { pre, text: p.text, textBox, figure });
    append(pagesCol, page);
  }
  if (doc.pages.length) {
    pagesCol.prepend(el("p", { class: "muted" }, t("select_hint")));
    append(pagesCol, selectionAdder(docId, pageText, reload));
  }

  const itemsCol = el("section", { class: "items-col" });
  const itemsList = el("div", { id: "doc-items" });
  const proposed = () => doc.items.filter((i) => i.review_state === "proposed");
  const confirmAll = el("button", { type: "button", id: "confirm-all" }, t("confirm_all"));
  const confirmBar = el("div", { class: "card confirm-bar", id: "confirm-all-bar", hidden: true });
  confirmAll.disabled = !proposed().length;
  confirmAll.addEventListener("click", () => {
    const ids = proposed().map((i) => i.id);
    if (!ids.length) return;
    // Say how many first; nothing changes until the reviewer agrees.
    clear(confirmBar);
    const go = el("button", { type: "button", id: "confirm-all-go" }, t("confirm"));
    const cancel = el("button", { type: "button", class: "secondary", id: "confirm-all-cancel" }, t("cancel"));
    append(confirmBar, el("span", { id: "confirm-all-count" }, tf("confirm_all_ask", { n: ids.length })), " ", go, " ", cancel);
    confirmBar.hidden = false;
    cancel.addEventListener("click", () => { confirmBar.hidden = true; });
    go.addEventListener("click", async () => {
      go.disabled = true;
      try {
        await api("/v1/action-items/review", { method: "POST", body: { ids, decision: "confirm" } });
        reload();
        undoFlash(tf("confirmed_n", { n: ids.length }), async () => {
          await api("/v1/action-items/review", { method: "POST", body: { ids, decision: "revert" } });
          reload();
        });
      } catch (err) {
        go.disabled = false;
        flash(err.message, true);
      }
    });
  });
  append(itemsCol,
    el("div", { class: "row" }, el("h2", {}, `${t("items_title")} (${doc.items.length})`), confirmAll),
    confirmBar,
    itemsList);
  if (!doc.items.length) append(itemsList, el("p", { class: "muted" }, t("no_items")));

  const highlight = (item, card) => {
    itemsList.querySelectorAll(".item-card.selected").forEach((c) => c.classList.remove("selected"));
    card.classList.add("selected");
    for (const { pre, text } of pageText.values()) {
      if (pre.querySelector("mark")) { clear(pre); pre.textContent = text; }
    }
    document.querySelectorAll(".evidence-box").forEach((b) => b.remove());
    const ev = item.evidence || {};
    const page = pageText.get(ev.page);
    const box = page?.figure ? evidenceBox(ev.box) : null;
    if (box) {
      page.figure.append(box);
      box.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    const start = Number(ev.start);
    const end = Number(ev.end);
    if (!page || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > page.text.length) {
      flash(t("evidence_missing"), true);
      return;
    }
    if (page.textBox) page.textBox.open = true;
    clear(page.pre);
    append(page.pre,
      page.text.slice(0, start),
      el("mark", { class: "evidence" }, page.text.slice(start, end)),
      page.text.slice(end));
    if (!box) page.pre.querySelector("mark").scrollIntoView({ block: "center", behavior: "smooth" });
  };

  for (const item of doc.items) {
    append(itemsList, itemCard(item, highlight, async (decision, card, fields) => {
      const before = item.review_state;
      try {
        const body = fields ? { decision, fields } : { decision };
        const updated = await api(`/v1/action-items/${item.id}/review`, { method: "POST", body, ifMatch: item.etag });
        Object.assign(item, updated);
        card.replaceWith(itemCard(item, highlight, card._review));
        confirmAll.disabled = !proposed().length;
        if (decision === "confirm" && before === "proposed") {
          undoFlash(t("saved"), () => itemsList.querySelector(`.item-card[data-item-id="${item.id}"] .review-revert`)?.click());
        } else {
          flash(t("saved"));
        }
      } catch (err) {
        flash(err.message, true);
      }
    }));
  }
  append(box, el("div", { class: "doc-layout" }, pagesCol, itemsCol));
  // Deep links from exports (#/documents/3?item=12) open with that item selected.
  const wanted = Number(new URLSearchParams(location.hash.split("?")[1] || "").get("item"));
  const card = wanted ? itemsList.querySelector(`.item-card[data-item-id="${wanted}"]`) : null;
  if (card) { card.scrollIntoView({ block: "center" }); card.click(); }
}

/** evidence.box [x0, y0, x1, y1] (fractions of the page) as a rectangle over the page image, or null.
 * Positioned through the CSSOM (element.style), which the page's CSP allows; no style attribute in markup. */
function evidenceBox(b) {
  if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => Number.isFinite(v))) return null;
  const [x0, y0, x1, y1] = b.map((v) => Math.min(1, Math.max(0, v)));
  if (x1 <= x0 || y1 <= y0) return null;
  const box = el("div", { class: "evidence-box", role: "img", "aria-label": t("evidence") });
  Object.assign(box.style, {
    left: `${x0 * 100}%`, top: `${y0 * 100}%`, width: `${(x1 - x0) * 100}%`, height: `${(y1 - y0) * 100}%`,
  });
  return box;
}

/** A flash message with an Undo button (stays a little longer than a plain one). */
function undoFlash(message, undo) {
  const box = document.getElementById("flash");
  const btn = el("button", { type: "button", class: "secondary", id: "undo-btn" }, t("undo"));
  btn.addEventListener("click", async () => {
    btn.disabled = true;
    try {
      await undo();
      flash(t("undone"));
    } catch (err) {
      flash(err.message, true);
    }
  });
  clear(box);
  append(box, message, " ", btn);
  box.classList.remove("error");
  box.hidden = false;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { box.hidden = true; }, 15000);
}

/** The meeting facts form: date, place, department, chair (designation and name apart). */
function meetingEditor(doc, facts, done) {
  const details = el("details", { class: "meeting-edit", id: "meeting-edit" }, el("summary", {}, t("edit_meeting")));
  const input = (name, type = "text") => el("input", { name, type, value: facts[name] || "" });
  const fields = {
    meeting_date: input("meeting_date", "date"), meeting_place: input("meeting_place"), department: input("department"),
    chair_designation: input("chair_designation"), chair_name: input("chair_name"),
  };
  const form = el("form", { class: "filters", id: "meeting-form" },
    el("label", {}, t("col_meeting"), fields.meeting_date),
    el("label", {}, t("meeting_place"), fields.meeting_place),
    el("label", {}, t("department"), fields.department),
    el("label", {}, t("chair_designation"), fields.chair_designation),
    el("label", {}, t("chair_name"), fields.chair_name),
    el("button", { type: "submit", id: "meeting-save" }, t("save")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = {};
    for (const [k, node] of Object.entries(fields)) {
      const v = node.value.trim();
      if (v !== (facts[k] || "")) body[k] = v || null;
    }
    if (!Object.keys(body).length) { flash(t("nothing_changed"), true); return; }
    try {
      const res = await api(`/v1/documents/${doc.id}`, { method: "PATCH", body });
      done();
      flash(res.redated_items?.length ? `${t("saved")}. ${t("redated")}${res.redated_items.length}` : t("saved"));
    } catch (err) {
      flash(err.message, true);
    }
  });
  append(details, form);
  return details;
}

function deleteDocumentButton(doc) {
  const wrap = el("span", { class: "delete-doc" });
  const btn = el("button", { type: "button", class: "danger", id: "delete-doc" }, t("delete_document"));
  btn.addEventListener("click", () => {
    if (wrap.querySelector("#delete-doc-go")) return;
    const go = el("button", { type: "button", class: "danger", id: "delete-doc-go" }, t("delete_document"));
    const cancel = el("button", { type: "button", class: "secondary" }, t("cancel"));
    const ask = el("span", { class: "card confirm-bar" }, tf("delete_ask", { n: doc.items.length }), " ", go, " ", cancel);
    cancel.addEventListener("click", () => ask.remove());
    go.addEventListener("click", async () => {
      go.disabled = true;
      try {
        await api(`/v1/documents/${doc.id}`, { method: "DELETE" });
        flash(t("deleted"));
        location.hash = "#/documents";
      } catch (err) {
        go.disabled = false;
        flash(err.message, true);
      }
    });
    append(wrap, ask);
  });
  append(wrap, btn);
  return wrap;
}

/** Character offset of (node, offset) inside `root`'s text. */
function textOffset(root, node, offset) {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(node, offset);
  return range.toString().length;
}

/** "Add the selected text": the selection inside one page's text becomes a new item with that evidence. */
function selectionAdder(docId, pageText, done) {
  const btn = el("button", { type: "button", id: "add-selection", disabled: true }, t("add_selection"));
  const bar = el("div", { class: "card add-selection" }, btn);
  let picked = null;
  if (selectionAdder.handler) document.removeEventListener("selectionchange", selectionAdder.handler);
  selectionAdder.handler = () => {
    const sel = document.getSelection();
    picked = null;
    if (sel && sel.rangeCount && !sel.isCollapsed) {
      const range = sel.getRangeAt(0);
      for (const [number, { pre }] of pageText) {
        if (pre.contains(range.startContainer) && pre.contains(range.endContainer)) {
          const start = textOffset(pre, range.startContainer, range.startOffset);
          const end = textOffset(pre, range.endContainer, range.endOffset);
          if (end > start) picked = { page: number, start, end };
        }
      }
    }
    btn.disabled = !picked;
  };
  document.addEventListener("selectionchange", selectionAdder.handler);
  btn.addEventListener("click", async () => {
    if (!picked) return;
    btn.disabled = true;
    try {
      await api(`/v1/documents/${docId}/items`, { method: "POST", body: picked });
      flash(t("item_added"));
      done();
    } catch (err) {
      btn.disabled = false;
      flash(err.message, true);
    }
  });
  return bar;
}

function itemCard(item, highlight, review) {
  const dl = el("dl");
  const add = (label, value) => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
    append(dl, el("dt", {}, t(label)), el("dd", {}, value));
  };
  add("issued_by", personText(item.issued_by));
  add("responsible", item.responsible.map(personText).filter(Boolean).join("; "));
  const due = item.deadline?.text || item.due_date
    ? [item.deadline?.text || "", item.due_date ? ` (${item.due_date})` : ""].join("")
    : null;
  add("deadline", due);
  add("recurrence", recurrenceText(item.recurrence));
  add("targets", (item.targets || []).map((x) => x.text || JSON.stringify(x)).join("; "));
  if (item.confidence !== null && item.confidence !== undefined) add("confidence", `${Math.round(item.confidence * 100)}%`);
  if (item.evidence?.page) add("evidence", `${t("page")} ${item.evidence.page}`);

  const confirmBtn = el("button", { type: "button", class: "review-confirm" }, t("confirm"));
  const rejectBtn = el("button", { type: "button", class: "danger review-reject" }, t("reject"));
  const correctBtn = el("button", { type: "button", class: "secondary review-correct" }, t("correct"));
  const revertBtn = item.review_state === "proposed"
    ? null
    : el("button", { type: "button", class: "secondary review-revert" }, t("revert"));
  confirmBtn.disabled = item.review_state === "confirmed";
  rejectBtn.disabled = item.review_state === "rejected";
  const card = el("div", { class: "item-card", dataset: { itemId: item.id }, tabindex: 0 },
    el("div", { class: "row" },
      el("span", { class: `badge ${item.review_state} review-badge` }, t(`review.${item.review_state}`)),
      el("span", { class: "badge" }, t(`status.${item.status}`)),
      item.overdue ? el("span", { class: "badge overdue" }, t("overdue")) : null,
      item.stale ? el("span", { class: "badge stale" }, t("stale")) : null,
      item.needs_review ? el("span", { class: "badge needs-review", title: t("needs_review_hint") }, t("needs_review")) : null),
    el("p", { class: "item-text" }, item.text),
    dl,
    el("div", { class: "actions" }, confirmBtn, correctBtn, rejectBtn, revertBtn));
  card._review = review;
  card.addEventListener("click", (e) => {
    if (e.target.closest("button")) return;
    highlight(item, card);
  });
  card.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target === card) highlight(item, card);
  });
  confirmBtn.addEventListener("click", () => { confirmBtn.disabled = true; review("confirm", card); });
  rejectBtn.addEventListener("click", () => { rejectBtn.disabled = true; review("reject", card); });
  revertBtn?.addEventListener("click", () => { revertBtn.disabled = true; review("revert", card); });
  correctBtn.addEventListener("click", () => {
    if (card.querySelector("form.correct-form")) return;
    append(card, correctionForm(item, (fields) => review("correct", card, fields)));
  });
  return card;
}

// A person as two inputs, designation and name: a post typed with a comma ("उप संचालक, कृषि") stays a post.
function personInputs(p, cls) {
  const designation = el("input", { class: `${cls}-designation`, value: p?.designation || "", "aria-label": t("designation"),
    placeholder: t("designation") });
  const name = el("input", { class: `${cls}-name`, value: p?.name || "", "aria-label": t("name"), placeholder: t("name") });
  const row = el("div", { class: `row person ${cls}` }, designation, name);
  row.read = () => {
    const d = designation.value.trim();
    const n = name.value.trim();
    return d || n ? { name: n || null, designation: d || null } : null;
  };
  return row;
}

function samePerson(a, b) {
  return (a?.name || null) === (b?.name || null) && (a?.designation || null) === (b?.designation || null);
}

// The reviewer's correction: only the fields they changed are sent, and the item is confirmed with them.
function correctionForm(item, submit) {
  const text = el("textarea", { name: "text", rows: 3 }, item.text);
  const people = el("div", { class: "people" });
  const addPerson = (p) => {
    const row = personInputs(p, "responsible");
    append(row, el("button", { type: "button", class: "secondary", onclick: () => row.remove() }, t("remove")));
    people.append(row);
  };
  (item.responsible.length ? item.responsible : [null]).forEach(addPerson);
  const issuer = personInputs(item.issued_by, "issuer");
  const deadlineText = el("input", { name: "deadline_text", value: item.deadline?.text || "" });
  const deadlineDate = el("input", { name: "deadline_date", type: "date", value: item.deadline?.date || "" });
  const form = el("form", { class: "correct-form card" },
    el("label", {}, t("item_text"), text),
    el("fieldset", { class: "responsible-fields" }, el("legend", {}, t("responsible")), people,
      el("button", { type: "button", class: "secondary add-person", onclick: () => addPerson(null) }, t("add_person"))),
    el("fieldset", {}, el("legend", {}, t("issued_by")), issuer),
    el("div", { class: "row" },
      el("label", {}, t("deadline"), deadlineText),
      el("label", {}, t("due_date"), deadlineDate)),
    el("div", { class: "actions" },
      el("button", { type: "submit", class: "correct-save" }, t("save_correction")),
      el("button", { type: "button", class: "secondary correct-cancel" }, t("cancel"))));
  form.querySelector(".correct-cancel").addEventListener("click", () => form.remove());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const fields = {};
    if (text.value.trim() && text.value.trim() !== item.text) fields.text = text.value.trim();
    const now = [...people.querySelectorAll(".person")].map((row) => row.read()).filter(Boolean);
    if (now.length !== item.responsible.length || now.some((p, i) => !samePerson(p, item.responsible[i]))) {
      fields.responsible = now;
    }
    const issuerNow = issuer.read();
    if (!samePerson(issuerNow, item.issued_by)) fields.issued_by = issuerNow;
    if (deadlineText.value.trim() !== (item.deadline?.text || "") || deadlineDate.value !== (item.deadline?.date || "")) {
      fields.deadline = deadlineText.value.trim() || deadlineDate.value
        ? { text: deadlineText.value.trim() || null, date: deadlineDate.value || null, kind: item.deadline?.kind || null }
        : null;
    }
    if (!Object.keys(fields).length) { flash(t("nothing_changed"), true); return; }
    submit(fields);
  });
  return form;
}

// --- action items table -------------------------------------------------------------------------

const itemFilters = {
  status: "", overdue: false, responsible: "", department: "", issuer: "",
  due_after: "", due_before: "", review_state: "", sort: "-created_at", offset: 0,
};

// Tracked work is confirmed items; the switch adds proposed ones to the list, the dashboard and the export.
// The choice is remembered (localStorage), like the language.
function reviewParam() {
  return localStorage.getItem("nirdesh.review") === "all" ? "all" : "confirmed";
}

function scopeSwitch(onChange) {
  const all = reviewParam() === "all";
  const box = el("input", { type: "checkbox", id: "include-proposed", checked: all });
  const note = el("span", { class: "muted", id: "scope-note" }, all ? t("all_note") : t("confirmed_only_note"));
  box.addEventListener("change", () => {
    localStorage.setItem("nirdesh.review", box.checked ? "all" : "confirmed");
    note.textContent = box.checked ? t("all_note") : t("confirmed_only_note");
    onChange();
  });
  return el("div", { class: "row scope-switch" }, el("label", { class: "check" }, box, " ", t("include_proposed")), note);
}

const ITEM_COLUMNS = ["col_id", "col_text", "col_responsible", "col_issuer", "col_due", "col_status", "col_review",
  "col_history"];

/** Shown only on paper: the list's title, how many, and the date it was printed. */
function printHeader(title, total) {
  const today = new Date().toLocaleDateString(lang === "hi" ? "hi-IN" : "en-IN", { day: "numeric", month: "long", year: "numeric" });
  return el("header", { class: "print-header print-only" },
    el("strong", { class: "print-title" }, `${t("brand")} — ${title}`),
    el("span", {}, `${t("total")}: ${total} · ${t("printed_on")}: ${today}`));
}

const filterOf = (statsKey) => (statsKey === "officer" ? "responsible" : statsKey);

/** #/items?responsible=…&overdue=true (the dashboard's links): the list opens with exactly those filters. */
function filtersFromHash() {
  const params = new URLSearchParams(location.hash.split("?")[1] || "");
  const keys = [...params.keys()].filter((k) => k in itemFilters && k !== "offset");
  if (!keys.length) return;
  Object.assign(itemFilters, { status: "", overdue: false, responsible: "", department: "", issuer: "",
    due_after: "", due_before: "", review_state: "", sort: "-created_at", offset: 0 });
  for (const k of keys) itemFilters[k] = k === "overdue" ? params.get(k) === "true" : params.get(k);
}

function renderItems(view, seq) {
  filtersFromHash();
  const form = filterForm(() => { itemFilters.offset = 0; loadItems(); });
  const tableBox = el("div", { id: "items-box" });
  const exportArea = el("div", { class: "export-area", id: "export-area", hidden: true });
  const dash = el("aside", { class: "card dashboard", id: "dashboard" }, el("h2", {}, t("dashboard")));
  const switcher = scopeSwitch(() => { itemFilters.offset = 0; loadItems(); loadStats(dash, seq); });
  append(view,
    el("h1", {}, t("items_title")),
    el("div", { class: "layout-items" },
      el("section", {}, el("div", { class: "card" }, switcher, form, exportArea), tableBox),
      dash));

  const loadItems = async () => {
    const { offset, ...f } = itemFilters;
    // A review-state filter picks items itself (the review queue); otherwise the switch decides.
    const review = f.review_state ? "" : reviewParam();
    const query = qs({ ...f, review, overdue: f.overdue ? "true" : "", limit: PAGE_SIZE, offset });
    const data = await loadInto(tableBox, `/v1/action-items${query}`, seq);
    if (!data) return;
    updateExportLink(exportArea);
    if (!data.items.length) {
      append(tableBox, el("p", { class: "muted", id: "no-items" }, t("no_items")));
      return;
    }
    const tbody = el("tbody");
    // A change that takes an item out of a status filter reloads the list (and the counts) at once.
    const changed = () => (itemFilters.status ? (loadItems(), loadStats(dash, seq)) : loadStats(dash, seq));
    for (const item of data.items) tbody.append(...itemRows(item, changed));
    append(tableBox,
      printHeader(itemFilters.overdue ? t("overdue_title") : t("items_title"), data.total),
      el("table", { id: "items-table", class: "stack" },
        el("thead", {}, el("tr", {}, ITEM_COLUMNS.map((k, i) => el("th", { class: i === 7 ? "no-print" : null }, t(k))))),
        tbody),
      pager(data, (o) => { itemFilters.offset = o; loadItems(); }));
  };
  loadItems();
  loadStats(dash, seq);
  checkExport(exportArea);
}

function filterForm(onApply) {
  const f = itemFilters;
  const select = (name, options) => {
    const s = el("select", { name }, options.map(([value, label]) => el("option", { value }, label)));
    s.value = f[name];
    return s;
  };
  const input = (name, type = "text") => el("input", { name, type, value: f[name] });
  const statusSel = select("status", [["", t("all")], ...STATUSES.map((s) => [s, t(`status.${s}`)])]);
  const reviewSel = select("review_state", [["", t("all")], ...REVIEW_STATES.map((s) => [s, t(`review.${s}`)])]);
  const sortSel = select("sort", SORTS.map(([v, k]) => [v, t(k)]));
  const overdue = el("input", { type: "checkbox", name: "overdue", checked: f.overdue });
  const fields = {
    responsible: input("responsible"), department: input("department"), issuer: input("issuer"),
    due_after: input("due_after", "date"), due_before: input("due_before", "date"),
  };
  const form = el("form", { class: "filters", id: "filters" },
    el("label", {}, t("col_status"), statusSel),
    el("label", {}, t("responsible"), fields.responsible),
    el("label", {}, t("department"), fields.department),
    el("label", {}, t("issued_by"), fields.issuer),
    el("label", {}, t("due_after"), fields.due_after),
    el("label", {}, t("due_before"), fields.due_before),
    el("label", {}, t("review_state"), reviewSel),
    el("label", {}, t("sort"), sortSel),
    el("label", { class: "check" }, overdue, t("overdue_only")),
    el("button", { type: "submit" }, t("apply")),
    el("button", { type: "reset", class: "secondary" }, t("reset")));
  const read = () => {
    f.status = statusSel.value;
    f.review_state = reviewSel.value;
    f.sort = sortSel.value;
    f.overdue = overdue.checked;
    for (const [k, node] of Object.entries(fields)) f[k] = node.value.trim();
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); read(); onApply(); });
  for (const s of [statusSel, reviewSel, sortSel, overdue]) s.addEventListener("change", () => { read(); onApply(); });
  form.addEventListener("reset", () => {
    if (location.hash.includes("?")) history.replaceState(null, "", "#/items"); // drop a dashboard link's filters
    setTimeout(() => {
      Object.assign(f, { status: "", overdue: false, responsible: "", department: "", issuer: "",
        due_after: "", due_before: "", review_state: "", sort: "-created_at" });
      sortSel.value = f.sort;
      onApply();
    }, 0);
  });
  return form;
}

function itemRows(item, onChanged) {
  const historyRow = el("tr", { class: "history-row", hidden: true, dataset: { historyFor: item.id } });
  const historyCell = el("td", { colspan: 8, class: "history" });
  historyRow.append(historyCell);

  const statusSel = el("select", { class: "status-select", "aria-label": t("col_status") },
    STATUSES.map((s) => el("option", { value: s }, t(`status.${s}`))));
  statusSel.value = item.status;
  const dueCell = el("td", { class: "due" });
  const row = el("tr", { class: "item-row", dataset: { itemId: item.id } });

  const paintDue = () => {
    clear(dueCell);
    row.classList.toggle("overdue-row", item.overdue);
    append(dueCell,
      item.due_date || item.deadline?.text || "—",
      item.overdue ? [" ", el("span", { class: "badge overdue" }, t("overdue"))] : null,
      item.recurrence ? el("div", { class: "muted" }, recurrenceText(item.recurrence)) : null);
  };
  paintDue();

  const loadHistory = async () => {
    clear(historyCell);
    append(historyCell, el("span", { class: "muted" }, t("loading")));
    try {
      const entries = await api(`/v1/action-items/${item.id}/history`);
      clear(historyCell);
      if (!entries.length) {
        append(historyCell, el("span", { class: "muted" }, t("no_history")));
        return;
      }
      append(historyCell, el("ol", {}, entries.map((h) => el("li", { class: "history-entry", dataset: { field: h.field } },
        historySentence(h)))));
    } catch (err) {
      clear(historyCell);
      showError(historyCell, err);
    }
  };
  const historyBtn = el("button", { type: "button", class: "secondary history-btn" }, t("history"));
  historyBtn.addEventListener("click", () => {
    historyRow.hidden = !historyRow.hidden;
    historyBtn.textContent = historyRow.hidden ? t("history") : t("hide");
    if (!historyRow.hidden) loadHistory();
  });

  statusSel.addEventListener("change", async () => {
    const previous = item.status;
    statusSel.disabled = true;
    try {
      const updated = await api(`/v1/action-items/${item.id}`, {
        method: "PATCH", body: { status: statusSel.value }, ifMatch: item.etag,
      });
      Object.assign(item, updated);
      paintDue();
      row.dataset.status = item.status;
      row.querySelector(".status-text").textContent = t(`status.${item.status}`);
      flash(t("saved"));
      if (!historyRow.hidden) loadHistory();
      onChanged();
    } catch (err) {
      statusSel.value = previous;
      flash(err.message, true);
    } finally {
      statusSel.disabled = false;
    }
  });
  row.dataset.status = item.status;

  append(row,
    el("td", { class: "num item-id" }, el("a", { href: `#item=${item.id}`, class: "item-link" }, item.id)),
    el("td", { class: "item-text" },
      el("div", {}, item.text),
      el("a", { href: `#/documents/${item.document_id}`, class: "muted" },
        item.document_filename, item.meeting_date ? ` · ${item.meeting_date}` : "")),
    el("td", {}, item.responsible.map(personText).filter(Boolean).join("; ") || "—"),
    el("td", {}, personText(item.issued_by) || "—"),
    dueCell,
    el("td", { class: "status-cell" }, statusSel, el("span", { class: "print-only status-text" }, t(`status.${item.status}`))),
    el("td", {}, el("span", { class: `badge ${item.review_state}` }, t(`review.${item.review_state}`))),
    el("td", { class: "no-print" }, historyBtn, " ", similarButton(item.id, historyCell, historyRow)));
  labelled(row, ITEM_COLUMNS);
  return [row, historyRow];
}

async function loadStats(dash, seq) {
  let stats;
  try {
    stats = await api(`/v1/stats${qs({ review: reviewParam() })}`);
  } catch (err) {
    clear(dash);
    append(dash, el("h2", {}, t("dashboard")));
    showError(dash, err);
    return;
  }
  if (seq !== renderSeq) return;
  clear(dash);
  // Each name links to the list filtered to it (its overdue count to the overdue part of that list).
  const table = (rows, key, label) => el("table", { class: `stats-${key}` },
    el("thead", {}, el("tr", {}, [label, "open_count", "overdue_count", "days_pending", "max_days"]
      .map((k) => el("th", {}, t(k))))),
    el("tbody", {}, rows.map((r) => el("tr", {},
      el("td", {}, r[key] === "(unspecified)"
        ? t("unspecified")
        : el("a", { href: `#/items${qs({ [filterOf(key)]: r[key] })}`, class: "stats-link" }, r[`${key}_label`] ?? r[key])),
      el("td", { class: "num" }, r.open),
      el("td", { class: "num" }, r.overdue
        ? el("a", { href: `#/items${qs({ [filterOf(key)]: r[key], overdue: "true" })}`, class: "badge overdue" }, r.overdue)
        : "0"),
      el("td", { class: "num" }, r.mean_days_pending ?? "—"),
      el("td", { class: "num" }, r.max_days_pending ?? "—")))));
  append(dash,
    el("h2", {}, t("dashboard")),
    el("div", { class: "muted" }, `${t("as_of")}: ${stats.as_of}`),
    el("h3", {}, t("by_officer")),
    stats.by_officer.length ? table(stats.by_officer, "officer", "officer") : el("p", { class: "muted" }, "—"),
    el("h3", {}, t("by_department")),
    stats.by_department.length ? table(stats.by_department, "department", "department") : el("p", { class: "muted" }, "—"));
}

// --- export (appears only once the API offers /v1/export) ---------------------------------------

async function exportExists() {
  if (exportAvailable !== null) return exportAvailable;
  try {
    const res = await fetch("/openapi.json", { headers: authHeaders() });
    if (res.ok) {
      const spec = await res.json();
      exportAvailable = Object.keys(spec.paths || {}).some((p) => p === "/v1/export" || p.startsWith("/v1/export"));
      return exportAvailable;
    }
  } catch { /* fall through to a direct probe */ }
  try {
    const res = await fetch("/v1/export", { method: "HEAD", headers: authHeaders() });
    exportAvailable = res.ok;
  } catch {
    exportAvailable = false;
  }
  return exportAvailable;
}

async function checkExport(area) {
  if (await exportExists()) updateExportLink(area);
}

const EXPORT_FORMATS = [["csv", "fmt_csv"], ["xlsx", "fmt_xlsx"], ["ics", "fmt_ics"], ["json", "fmt_json"]];

// The link carries the current filters; the download goes through fetch so that a token is sent too.
function updateExportLink(area) {
  if (!exportAvailable) return;
  const { offset, ...f } = itemFilters;
  const previous = area.querySelector("#export-format");
  const fmt = el("select", { id: "export-format", "aria-label": t("export_format") },
    EXPORT_FORMATS.map(([v, label]) => el("option", { value: v }, t(label))));
  fmt.value = previous ? previous.value : "csv";
  const link = el("a", { id: "export-link", class: "button" }, t("export_download"));
  const setHref = () => {
    link.href = `/v1/export${qs({ ...f, review: reviewParam(), overdue: f.overdue ? "true" : "", format: fmt.value })}`;
  };
  setHref();
  fmt.addEventListener("change", setHref);
  link.addEventListener("click", (e) => { e.preventDefault(); download(link.href); });
  clear(area);
  append(area, el("span", { class: "muted" }, t("export_csv")), " ", fmt, " ", link);
  area.hidden = false;
}

function reportLink(docId) {
  const href = `/v1/documents/${docId}/compliance-report${qs({ format: "pdf", review: reviewParam() })}`;
  const a = el("a", { href, id: "compliance-report-link" }, t("compliance_report"));
  a.addEventListener("click", (e) => { e.preventDefault(); download(href); });
  return a;
}

async function download(url) {
  try {
    const res = await fetch(url, { headers: authHeaders() });
    if (!res.ok) {
      let body = null;
      try { body = await res.json(); } catch { body = null; }
      throw errorFrom(res.status, body, res.statusText);
    }
    const disposition = res.headers.get("Content-Disposition") || "";
    const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || "nirdesh-export";
    const blobUrl = URL.createObjectURL(await res.blob());
    const a = el("a", { href: blobUrl, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(blobUrl), 1000);
  } catch (err) {
    flash(`${t("error")}: ${err.message || err}`, true);
  }
}

// --- start --------------------------------------------------------------------------------------

// --- search and the chain of similar directives -------------------------------------------------

const searchState = { q: "", department: "", responsible: "", status: "", meeting_from: "", meeting_to: "" };

/** item.text with the matched spans in <mark>, built from text nodes (never parsed as HTML). */
function highlighted(text, spans, cls = "item-text") {
  const p = el("p", { class: cls });
  let pos = 0;
  for (const [start, end] of spans) {
    if (start < pos) continue;
    append(p, text.slice(pos, start), el("mark", { class: "hit" }, text.slice(start, end)));
    pos = end;
  }
  append(p, text.slice(pos));
  return p;
}

function meetingLine(item, title) {
  return el("div", { class: "muted" },
    el("a", { href: `#/documents/${item.document_id}` }, title || item.document_filename),
    item.meeting_date ? ` · ${item.meeting_date}` : "", " · ",
    el("span", { class: "badge" }, t(`status.${item.status}`)));
}

async function loadSimilar(itemId, box) {
  const data = await loadInto(box, `/v1/action-items/${itemId}/similar`, renderSeq);
  if (!data) return;
  const others = data.chain.filter((c) => c.relation !== "this");
  if (!others.length) {
    append(box, el("p", { class: "muted" }, t("similar_none")));
    return;
  }
  if (data.earlier) append(box, el("p", { class: "warn" }, t("similar_repeated"), String(data.earlier)));
  append(box, el("ol", { class: "similar-chain" }, data.chain.map((c) => el("li",
    { class: `similar-${c.relation}`, dataset: { itemId: c.item.id, relation: c.relation } },
    el("strong", {}, c.item.meeting_date || "—"), " · ",
    el("span", { class: "badge" }, c.relation === "this" ? t("this_item") : t(c.relation)),
    c.similarity !== null ? el("span", { class: "muted" }, ` ${Math.round(c.similarity * 100)}%`) : null,
    el("div", {}, c.item.text),
    meetingLine(c.item, c.meeting_title)))));
}

function similarButton(itemId, box, container) {
  const btn = el("button", { type: "button", class: "secondary similar-btn" }, t("similar"));
  btn.addEventListener("click", () => {
    if (container) container.hidden = false;
    loadSimilar(itemId, box);
  });
  return btn;
}

/** The "In documents" section: matching pages, snippet marked with DOM nodes, linked to the document. */
function documentHits(docs) {
  return el("section", { id: "search-documents" },
    el("h2", {}, t("in_documents")),
    el("ol", { class: "search-hits" }, docs.map((d) => el("li",
      { class: "card search-doc", dataset: { documentId: d.document_id, page: d.page } },
      highlighted(d.snippet, d.highlights, "page-snippet"),
      el("div", { class: "muted" },
        el("a", { href: `#/documents/${d.document_id}` }, d.meeting_title || d.filename),
        ` · ${t("page")} ${d.page}`,
        d.meeting_date ? ` · ${d.meeting_date}` : "",
        d.department ? ` · ${d.department}` : "",
        ` · ${d.item_count} ${t("doc_items")}`)))));
}

/** Why a search was by words only, in the UI's language (the API's message is English). */
function semanticNote(sem) {
  if (!sem || !sem.message) return "";
  if (lang === "en") return sem.message;
  if (sem.status === "partial") return sem.embedded ? tf("semantic.partial", sem) : t("semantic.unavailable");
  return t(sem.status === "disabled" ? "semantic.disabled" : "semantic.unavailable");
}

function renderSearch(view, seq) {
  const s = searchState;
  const fromHash = new URLSearchParams(location.hash.split("?")[1] || "").get("q");
  if (fromHash) s.q = fromHash; // #/search?q=... links open with the results
  const input = (name, type = "text", attrs = {}) => el("input", { name, type, value: s[name], ...attrs });
  const fields = {
    q: input("q", "search", { id: "search-q", placeholder: t("search_placeholder"), required: true }),
    department: input("department"), responsible: input("responsible"),
    meeting_from: input("meeting_from", "date"), meeting_to: input("meeting_to", "date"),
  };
  const statusSel = el("select", { name: "status" },
    [["", t("all")], ...STATUSES.map((x) => [x, t(`status.${x}`)])].map(([v, l]) => el("option", { value: v }, l)));
  statusSel.value = s.status;
  const results = el("div", { id: "search-results" });
  const form = el("form", { class: "filters", id: "search-form", role: "search" },
    el("label", { class: "wide" }, t("search_btn"), fields.q),
    el("label", {}, t("department"), fields.department),
    el("label", {}, t("responsible"), fields.responsible),
    el("label", {}, t("col_status"), statusSel),
    el("label", {}, t("meeting_from"), fields.meeting_from),
    el("label", {}, t("meeting_to"), fields.meeting_to),
    el("button", { type: "submit" }, t("search_btn")));
  append(view, el("h1", {}, t("search_title")), el("div", { class: "card" }, form), results);

  const run = async () => {
    for (const [k, node] of Object.entries(fields)) s[k] = node.value.trim();
    s.status = statusSel.value;
    if (!s.q) return;
    const data = await loadInto(results, `/v1/search${qs({ ...s, limit: 20 })}`, seq);
    if (!data) return;
    const note = semanticNote(data.semantic);
    if (note) append(results, el("p", { class: "muted", id: "search-note" }, note));
    const byWords = data.hits.some((h) => h.keyword_rank !== null || h.context_page) || data.documents.length;
    if (data.hits.length && !byWords) append(results, el("p", { class: "warn", id: "no-word-match" }, t("no_word_match")));
    if (!data.hits.length && !data.documents.length) {
      append(results, el("p", { class: "muted", id: "no-hits" }, t("no_hits")));
      return;
    }
    append(results, el("ol", { class: "search-hits" }, data.hits.map((h) => {
      const chainBox = el("div", { class: "similar", hidden: true });
      return el("li", { class: "card search-hit", dataset: { itemId: h.item.id } },
        highlighted(h.item.text, h.highlights),
        h.keyword_rank === null && !h.context_page ? el("span", { class: "badge meaning-only" }, t("meaning_only")) : null,
        meetingLine(h.item, h.meeting_title),
        h.context_page ? el("div", { class: "muted" }, `${t("via_page")} ${h.context_page}`) : null,
        similarButton(h.item.id, chainBox, chainBox),
        chainBox);
    })));
    if (data.documents.length) append(results, documentHits(data.documents));
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  if (s.q) run();
  fields.q.focus();
}

function init() {
  applyStaticI18n();
  document.getElementById("lang-toggle").addEventListener("click", () => setLang(lang === "hi" ? "en" : "hi"));
  const authBar = document.getElementById("auth-bar");
  authBar.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = document.getElementById("auth-token").value.trim();
    if (value) localStorage.setItem("nirdesh.token", value);
    else localStorage.removeItem("nirdesh.token");
    authBar.hidden = true;
    exportAvailable = null;
    render();
  });
  window.addEventListener("hashchange", render);
  render();
}

init();

// For offices.js (offices, action-taken reports, scorecards): the shared helpers, the view registry,
// the string tables and the render sequence (a live binding).
export {
  addI18n, api, append, authHeaders, clear, download, el, errorFrom, flash, fmtDateTime, loadInto, qs,
  registerPanel, registerView, render, renderSeq, showError, t, tf,
};

