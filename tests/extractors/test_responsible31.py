"""Who must act: general forms of round 31 (the items where nothing was found though gold names someone).

The one served a notice must answer it (``उपायुक्तों को नोटिस जारी कर … जवाब मांगा``), while a notice the addressee
is to serve leaves the served acted on (``… को नोटिस जारी करने के निर्देश``); the action itself as the topic of the
direction (``… करने को लेकर निर्देशित किया``); an item cut on its page right after the verbal noun, its postposition
or the first letters of निर्देश (``… से … बनाए रखने का``, ``… को … ठीक रखने``, ``… निपटाने के निर्द``); a topic
after a post (``उपखंड अधिकारी राजस्व से संबंधित …``) is no branch of the post; the outpost's in-charge (चौकी प्रभारी)
is a known post; the points after a line that addresses them (``… को निम्नलिखित दिशा-निर्देश दिए—``) and name nobody
are theirs, until a sentence that is no point ends the points (a bare ``कहा कि:-`` names nobody to carry); posts in
Latin capitals joined by a hyphen are listed (``RTO-DTO``); what is compulsory for a dative binds it (``… को … करना
अनिवार्य है``); a participle or a postposition before the head (``सफाई कर रही एजेंसियों``, ``… के खिलाफ वरिष्ठ पुलिस
अधिकारियों``) is no part of the post (np_stop.tsv); a purpose connective (``इसके लिए``) opens the clause of its subject;
a river or a subjunctive after a post is no holder's name; what the dative was told (``… को … करने की बात कही``), not
what is to be done for it (``… को … उपलब्ध करवाए जाने की बात कही``); a plural noun joined to a post before the dative
shares its slot (``एएनएम और आशाओं को …``); the one a difficulty befalls acts in the clause after तो when its pronoun
or the one it consults stands there (``बीएलओ को … दिक्कत आ रही है तो वह … दे / तो सुपरवाइजर से मार्गदर्शन लें``), not
when another post does. Sentences
written for these tests; table rows in tests/data/responsible31.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import rows
from tests.extractors.test_responsible26 import test_responsible_forms_26 as _responsible


@pytest.mark.parametrize(("document", "expected", "form"), rows("responsible31.tsv", 3))
def test_responsible_forms_31(document: str, expected: str, form: str) -> None:
    _responsible(document, expected, form)
