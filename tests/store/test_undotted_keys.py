"""Posts written letter by letter (``एस.डी.एम.``, ``एस0डी0एम0``, ``डी.एम.``) have the key of the word
(``एसडीएम``): offices link them and count them on their scorecards, ``responsible=`` / ``issuer=`` find
them both ways, an alias added later relinks them; words that only carry a full stop keep their key;
migration 0021 re-keys a store written with the old keys."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from store.db import Database
from store.items import review_item
from store.models import ActionItem, ItemOffice, ItemResponsible, OfficeAlias, SearchTerm
from store.offices import (
    add_aliases,
    create_office,
    item_office_ids,
    scorecard,
    scorecard_scan,
    scorecards,
    scorecards_scan,
)
from store.repository import ItemFilter, list_items
from store.responsibles import folded_key
from tests.helpers.builders import store_text
from tests.helpers.migrations import run_alembic

TODAY = date(2099, 1, 1)
TEXT = "".join(
    f"विभाग: राजस्व\nजिलाधिकारी ने तहसीलदार को 2099-0{n}-10 तक कार्य {n} पूरा करने के निर्देश दिए।\n" for n in range(1, 6)
)
# item seq -> (responsible designation, issuer designation), as extractor 0.13.0 reports them
WRITTEN = {
    1: ("एस.डी.एम.", "डी.एम."),
    2: ("एस0डी0एम0", "जिलाधिकारी"),
    3: ("एसडीएम", "डी0एम0"),
    4: ("उ0प्र0 जल निगम", "डीएम"),
    5: ("सचिव, ग्राम पंचायत.", "सं. 12 दिनांक 30.06.2025"),
}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("एस.डी.एम.", "एसडीएम"),
        ("एस0डी0एम0", "एसडीएम"),
        ("एस०डी०एम०", "एसडीएम"),
        ("  डी.एम.   सदर ", "डीएम सदर"),
        ("उ0प्र0 जल निगम", "उप्र जल निगम"),
        ("एसडीएम", "एसडीएम"),
        # not letter by letter: as before (folded, spaces collapsed, marks kept)
        ("30.06.2025", "30.06.2025"),
        ("पत्र सं. 12", "पत्र सं. 12"),
        ("सचिव, ग्राम पंचायत.", "सचिव, ग्राम पंचायत."),
        ("कार्य पूर्ण करें.", "कार्य पूर्ण करें."),
        ("डॉ. राम", "डॉ. राम"),
    ],
)
def test_folded_key_undots_words_written_letter_by_letter_only(text: str, key: str) -> None:
    from nlp.normalize import fold

    assert folded_key(text) == fold(key)


def _store(db: Database) -> dict[int, int]:
    """The five items of TEXT with WRITTEN's people (corrections, which confirm them); seq -> id."""
    store_text(db, TEXT, "u", date(2098, 12, 1))
    with db.session() as s:
        ids = {}
        for item in s.scalars(select(ActionItem).order_by(ActionItem.seq)):
            person, issuer = WRITTEN[item.seq]
            changes: dict[str, Any] = {
                "responsible": [{"name": None, "designation": person}],
                "issued_by": {"name": None, "designation": issuer},
            }
            review_item(s, item, "correct", "meena", changes)
            ids[item.seq] = item.id
        return ids


def _seqs(db: Database, **kw: Any) -> list[int]:
    with db.session() as s:
        items, total = list_items(s, ItemFilter(**kw), today=TODAY, sort="id")
        assert total == len(items)
        return [i.seq for i in items]


def _assert_scorecards(db: Database) -> None:
    with db.read() as s:
        assert scorecards(s, TODAY) == scorecards_scan(s, TODAY)


def test_dotted_posts_link_to_the_office_and_count_on_its_scorecard(db: Database) -> None:
    with db.session() as s:
        sdm = create_office(s, designation="एसडीएम").id
        up = create_office(s, designation="उ.प्र. जल निगम").id  # the alias dotted, the item written with zeros
    ids = _store(db)
    with db.session() as s:
        assert item_office_ids(s, ids[1]) == [sdm]
        assert item_office_ids(s, ids[2]) == [sdm]
        assert item_office_ids(s, ids[3]) == [sdm]
        assert item_office_ids(s, ids[4]) == [up]
        assert item_office_ids(s, ids[5]) == []
        card = scorecard(s, sdm, TODAY)
        assert card == scorecard_scan(s, sdm, TODAY)
        assert card.assigned == 3
    _assert_scorecards(db)


def test_responsible_and_issuer_filters_see_through_the_marks_both_ways(db: Database) -> None:
    _store(db)
    for needle in ("एसडीएम", "एस.डी.एम.", "एस0डी0एम0", "एस.डी."):
        assert _seqs(db, responsible=needle) == [1, 2, 3], needle
    assert _seqs(db, responsible="उप्र जल") == [4]
    assert _seqs(db, responsible="उ.प्र.") == [4]
    assert _seqs(db, issuer="डीएम") == [1, 3, 4]
    assert _seqs(db, issuer="डी.एम.") == [1, 3, 4]
    assert _seqs(db, issuer="डी0एम0") == [1, 3, 4]
    # a full stop, a letter number and a date keep their marks: found as written, not undotted
    assert _seqs(db, responsible="पंचायत.") == [5]
    assert _seqs(db, issuer="30.06.2025") == [5]
    assert _seqs(db, issuer="300625") == []
    assert _seqs(db, issuer="सं. 12") == [5]


def test_an_alias_added_later_links_the_dotted_items(db: Database) -> None:
    ids = _store(db)
    with db.session() as s:
        office = create_office(s, designation="उपजिलाधिकारी")
        assert [item_office_ids(s, ids[n]) for n in (1, 2, 3)] == [[], [], []]
        assert add_aliases(s, office, ["एस.डी.एम."]) == ["एस.डी.एम."]
        assert [item_office_ids(s, ids[n]) for n in (1, 2, 3)] == [[office.id]] * 3
        # the same post written another way is the same alias, not a second one
        assert add_aliases(s, office, ["एस0डी0एम0", "एसडीएम"]) == []
        office_id = office.id
    with db.session() as s:
        other = create_office(s, designation="अपर जिलाधिकारी")
        with pytest.raises(ValueError, match="उपनाम"):
            add_aliases(s, other, ["एस0डी0एम0"])
    with db.read() as s:
        assert scorecard(s, office_id, TODAY).assigned == 3
    _assert_scorecards(db)


# --- migration 0021 on a store written with the old keys ------------------------------------------------


def _old(text: str | None, limit: int = 300) -> str:
    from nlp.normalize import fold

    return " ".join(fold(text or "").split())[:limit]


def _state(db: Database) -> dict[str, Any]:
    with db.read() as s:
        return {
            "people": sorted(
                s.execute(
                    select(
                        ItemResponsible.item_id, ItemResponsible.key, ItemResponsible.search, ItemResponsible.office_id
                    )
                ).all()
            ),
            "issuers": sorted(s.execute(select(ActionItem.id, ActionItem.issuer_key)).all()),
            "aliases": sorted(s.execute(select(OfficeAlias.id, OfficeAlias.key)).all()),
            "terms": sorted(s.execute(select(SearchTerm.kind, SearchTerm.term)).all()),
        }


def test_the_migration_rekeys_relinks_and_keeps_the_rollup_exact(db: Database) -> None:
    with db.session() as s:
        sdm = create_office(s, designation="एस.डी.एम.").id  # its alias: the key of the word
        plain = create_office(s, designation="अधिशासी अभियंता").id
    ids = _store(db)
    with db.session() as s:
        s.add(ItemOffice(item_id=ids[5], office_id=plain, source="manual", assigned_on=date(2098, 12, 1)))
    current = _state(db)

    # what the store held before: the old keys (the downgrade writes them), and no links of the items
    # written otherwise than the alias (the old keys never linked them)
    run_alembic(db.engine, command.downgrade, "0020_text_words")
    with db.engine.begin() as conn:
        conn.execute(sa.delete(ItemOffice).where(ItemOffice.office_id == sdm, ItemOffice.item_id.in_([ids[2], ids[3]])))
    old = _state(db)
    assert ("issuer", _old("डी.एम.")) in old["terms"] and ("issuer", "डीएम") in old["terms"]  # item 4's
    assert ("responsible", _old("एस0डी0एम0")) in old["terms"]
    assert ("responsible", "एसडीएम") in old["terms"]  # item 3's, written so
    assert ("responsible", _old("उ0प्र0 जल निगम")) in old["terms"]
    assert ("responsible", "उप्र जल निगम") not in old["terms"]  # no row uses it any more
    with db.read() as s:
        people = dict(s.execute(select(ItemResponsible.item_id, ItemResponsible.key)).all())
        assert people[ids[1]] == _old("एस.डी.एम.") and people[ids[2]] == _old("एस0डी0एम0")
        assert people[ids[5]] == _old("सचिव, ग्राम पंचायत.")
        assert s.scalar(select(OfficeAlias.key).where(OfficeAlias.office_id == sdm)) == _old("एस.डी.एम.")
        assert s.get(ActionItem, ids[1]).issuer_key == _old("डी.एम.")  # type: ignore[union-attr]
        office_of = dict(s.execute(select(ItemResponsible.item_id, ItemResponsible.office_id)).all())
        assert office_of[ids[1]] == sdm and office_of[ids[2]] is None and office_of[ids[3]] is None
        assert [item_office_ids(s, ids[n]) for n in (1, 2, 3)] == [[sdm], [], []]
    _assert_scorecards(db)
    assert _seqs(db, responsible="एसडीएम") == [3]  # the old keys' answer (the needle is undotted now)

    run_alembic(db.engine, command.upgrade, "heads")
    assert _state(db) == current
    with db.read() as s:
        assert [item_office_ids(s, ids[n]) for n in (1, 2, 3)] == [[sdm]] * 3
        assert item_office_ids(s, ids[5]) == [plain]
        assert scorecard(s, sdm, TODAY) == scorecard_scan(s, sdm, TODAY)
        assert scorecard(s, sdm, TODAY).assigned == 3
        links = s.execute(
            select(ItemOffice.item_id, ItemOffice.source, ItemOffice.assigned_on, ItemOffice.due_date)
            .where(ItemOffice.office_id == sdm)
            .order_by(ItemOffice.item_id)
        ).all()
        assert [(source, on) for _i, source, on, _d in links] == [("alias", date(2098, 12, 1))] * 3
        assert all(due is not None for *_x, due in links)  # 0013's trigger filled the link's due date
    _assert_scorecards(db)
    assert _seqs(db, responsible="एसडीएम") == [1, 2, 3]
    assert _seqs(db, issuer="डीएम") == [1, 3, 4]


def test_the_migration_keeps_an_alias_whose_new_key_another_office_holds(db: Database) -> None:
    with db.session() as s:
        sdm = create_office(s, designation="एसडीएम").id
        other = create_office(s, designation="उपजिलाधिकारी").id
    ids = _store(db)
    run_alembic(db.engine, command.downgrade, "0020_text_words")
    with db.engine.begin() as conn:  # an alias the old keys allowed: the same post, written with dots
        conn.execute(sa.insert(OfficeAlias).values(office_id=other, alias="एस.डी.एम.", key=_old("एस.डी.एम.")))
        conn.execute(sa.update(ItemResponsible).where(ItemResponsible.item_id == ids[1]).values(office_id=other))
    run_alembic(db.engine, command.upgrade, "heads")
    with db.read() as s:
        keys = dict(s.execute(select(OfficeAlias.alias, OfficeAlias.key).where(OfficeAlias.office_id == other)).all())
        assert keys == {"उपजिलाधिकारी": "उपजिलाधिकारी", "एस.डी.एम.": _old("एस.डी.एम.")}
        office_of = dict(s.execute(select(ItemResponsible.item_id, ItemResponsible.office_id)).all())
        assert office_of[ids[1]] == sdm and office_of[ids[2]] == sdm
        assert s.scalar(select(sa.func.count()).select_from(ItemOffice).where(ItemOffice.office_id == sdm)) == 3
    _assert_scorecards(db)
