"""Re-processing: store a newer extraction of a document without losing what people changed.

Old and new items are matched by normalised sentence text (exact first, then trigram similarity
>= 0.8). A matched item keeps its id, review decision, status, assignee, priority, note, manual due
date and corrected fields; only its uncorrected extracted fields are refreshed. Old items that no
longer appear are deleted if nobody touched them, else kept and flagged ``stale``.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contract import ExtractedItem, Extraction
from core.states import DocumentStatus, DueDateSource, ReviewState
from store.fields import CORRECTABLE, apply_extracted, extracted_view, get_field, new_extracted_item, set_field
from store.models import ActionItem, AuditLog, Document
from store.repository import apply_meeting, replace_pages
from store.text import normalise, similarity

FUZZY_MIN = 0.8


def _touched(session: Session, item: ActionItem) -> bool:
    if item.review_state != ReviewState.PROPOSED or item.corrections:
        return True
    return session.scalar(select(AuditLog.id).where(AuditLog.item_id == item.id).limit(1)) is not None


def _match(old: list[ActionItem], new: list[ExtractedItem]) -> dict[int, ActionItem]:
    """Map index in ``new`` → old item."""
    by_norm: dict[str, list[ActionItem]] = {}
    for it in old:
        by_norm.setdefault(it.norm_text, []).append(it)
    matched: dict[int, ActionItem] = {}
    used: set[int] = set()
    norms = [normalise(ai.text) for ai in new]
    for i, n in enumerate(norms):
        for cand in by_norm.get(n, []):
            if cand.id not in used:
                matched[i] = cand
                used.add(cand.id)
                break
    pairs = sorted(
        (
            (similarity(norms[i], it.norm_text), i, it)
            for i in range(len(new))
            if i not in matched
            for it in old
            if it.id not in used
        ),
        key=lambda t: -t[0],
    )
    for score, i, it in pairs:
        if score < FUZZY_MIN:
            break
        if i in matched or it.id in used:
            continue
        matched[i] = it
        used.add(it.id)
    return matched


def reprocess_document(session: Session, doc: Document, extraction: Extraction) -> dict[str, int]:
    """Merge ``extraction`` into ``doc``; returns {added, removed, kept, changed, stale}."""
    new_items = list(extraction.action_items)
    old_items = list(doc.items)
    matched = _match(old_items, new_items)
    summary = {"added": 0, "removed": 0, "kept": 0, "changed": 0, "stale": 0}

    apply_meeting(doc, extraction)
    replace_pages(session, doc, extraction)

    matched_ids = {it.id for it in matched.values()}
    for it in old_items:
        if it.id in matched_ids:
            continue
        if (it.evidence or {}).get("added_by"):  # a reviewer added it (store.manual_items): never extracted
            continue
        if _touched(session, it):
            it.stale = True
            summary["stale"] += 1
        else:
            session.delete(it)
            summary["removed"] += 1
    session.flush()

    for seq, ai in enumerate(new_items, start=1):
        item = matched.get(seq - 1)
        if item is None:
            session.add(new_extracted_item(doc.id, seq, ai))
            summary["added"] += 1
            continue
        corrections = {c.field: c for c in item.corrections}
        before = {f: corrections[f].original if f in corrections else get_field(item, f) for f in CORRECTABLE}
        before_meta = (item.confidence, item.evidence)
        after = extracted_view(ai)
        manual_due = (item.due_date_source, item.due_date)
        apply_extracted(item, ai)
        for field, corr in corrections.items():
            corr.original = after[field]  # what the new extractor says; the reviewer's value stays
            set_field(item, field, corr.corrected)
        if manual_due[0] in (DueDateSource.MANUAL, DueDateSource.CORRECTED):
            item.due_date_source, item.due_date = manual_due
        item.seq = seq
        item.stale = False
        if before != after or before_meta != (item.confidence, item.evidence):
            summary["changed"] += 1
        else:
            summary["kept"] += 1
    # Stale and reviewer-added items go after the current ones.
    kept = (
        i
        for i in old_items
        if i.id not in matched_ids and i in session and (i.stale or (i.evidence or {}).get("added_by"))
    )
    for n, it in enumerate(kept, start=len(new_items) + 1):
        it.seq = n
    doc.status = DocumentStatus.PROCESSED
    doc.error = doc.error_code = None
    session.flush()
    session.refresh(doc, ["items"])
    return summary
