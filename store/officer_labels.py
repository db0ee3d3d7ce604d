"""How to show an officer of the workload figures: the post as the minutes write it, not its matching key.

``/v1/stats`` groups officers by ``item_responsibles.key`` (folded, undotted, Latin lower-cased: migration
0023), so one post written ``एस.डी.एम.``, ``एस0डी0एम0`` and ``एसडीएम`` is one officer. The key is for
matching; a person reads the label: the designation of the office registered under that key when there is one,
else the designation (or name) of the newest item naming it: one indexed probe per key, one statement.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from store.models import Office, OfficeAlias

__all__ = ["officer_labels"]

_ALIAS_CHUNK = 500  # keys per IN list of the office lookup: below every backend's parameter limit


def officer_labels(session: Session, keys: Iterable[str]) -> dict[str, str]:
    """The label of each key (the key itself when nothing else names it)."""
    wanted = sorted({k for k in keys if k})
    labels = {k: k for k in wanted}
    if not wanted:
        return labels
    labels.update(_newest_written(session, wanted))
    registered = select(OfficeAlias.key, Office.designation).join(Office, Office.id == OfficeAlias.office_id)
    for start in range(0, len(wanted), _ALIAS_CHUNK):
        chunk = wanted[start : start + _ALIAS_CHUNK]
        labels.update((key, name) for key, name in session.execute(registered.where(OfficeAlias.key.in_(chunk))))
    return labels


# One statement for all keys, one plan (a UNION of a probe per key spent ~0.7 ms planning each on
# PostgreSQL): the keys arrive as one array parameter, each looked up by a correlated LIMIT 1 that walks
# ``ix_item_responsibles_key_item`` backwards from the key's newest item.
_PROBE = """SELECT wanted.key, (
    SELECT COALESCE(NULLIF(TRIM(r.designation), ''), r.name) FROM item_responsibles r
     WHERE r.key = wanted.key ORDER BY r.item_id DESC, r.position LIMIT 1)
  FROM {keys} AS wanted"""
_KEYS: dict[str, tuple[str, Callable[[list[str]], object]]] = {
    "postgresql": ("(SELECT unnest(CAST(:keys AS text[])) AS key)", list),
    "sqlite": ("(SELECT value AS key FROM json_each(:keys))", json.dumps),
}


def _newest_written(session: Session, keys: list[str]) -> dict[str, str]:
    """The designation (else name) of the newest responsible row of each key, spaces collapsed."""
    source, encode = _KEYS[session.get_bind().dialect.name]
    rows = session.execute(text(_PROBE.format(keys=source)), {"keys": encode(keys)})
    return {key: " ".join(written.split()) for key, written in rows if written and written.strip()}
