"""Names after a post: an office branch is no name; a post's abbreviation inside a name is no second person."""

from __future__ import annotations

from extractors.people import PersonRegistry
from models.gazetteer import load_gazetteer


def _people(text: str) -> list[tuple[str | None, str | None]]:
    registry = PersonRegistry(load_gazetteer())
    return [(pm.person.name, pm.person.designation) for pm in registry.find_mentions(text)]


def test_an_office_branch_after_a_post_is_no_name() -> None:
    people = _people("बैठक में सहायक अभियंता भण्डार एवं कार्यशाला उपस्थित रहे।")
    assert people == [(None, "सहायक अभियंता")]


def test_initials_that_spell_an_abbreviation_stay_in_the_name() -> None:
    people = _people("मुख्य विकास अधिकारी रमेश सीएस की अध्यक्षता में बैठक हुई।")
    assert people == [("रमेश सीएस", "मुख्य विकास अधिकारी")]


def test_a_charge_in_brackets_and_the_states_abbreviation_before_the_name() -> None:
    people = _people("पशुधन राज्यमंत्री (स्वतंत्र प्रभार) उ0प्र0 महेश चंद्र ने गोशालाओं की समीक्षा की।")
    assert people == [("महेश चंद्र", "राज्यमंत्री")]


def test_ji_inside_a_name_and_after_it() -> None:
    assert _people("उपजिलाधिकारी श्याम जी वर्मा ने तहसीलदारों को निर्देश दिए।")[0] == ("श्याम जी वर्मा", "उपजिलाधिकारी")
    assert _people("सांसद सुधीर जी ने अधिकारियों से कहा कि काम समय से हो।")[0] == ("सुधीर", "सांसद")


def test_a_post_in_latin_capitals_is_read_as_its_hindi_initialism() -> None:
    assert _people("SDM रीना सिंह के द्वारा सभी लेखपालों को निर्देश दिया गया।")[0] == ("रीना सिंह", "SDM")
    assert _people("BDO ने पंचायत सचिवों से कहा कि आवास समय से पूरे हों।")[0] == (None, "BDO")


def test_a_latin_gloss_in_brackets_and_a_time_are_no_post() -> None:
    assert _people("जिलाधिकारी (DM) की अध्यक्षता में बैठक हुई।") == [(None, "जिलाधिकारी")]
    assert _people("अपडेट 06:21 PM जिलाधिकारी ने कहा कि सड़कें ठीक हों।") == [(None, "जिलाधिकारी")]


def test_a_stray_virama_after_a_vowel_sign_is_dropped_from_a_name() -> None:
    assert _people("मुख्यमंत्री श्री सु\u094dरेश ने कहा कि सड़कें ठीक हों।")[0] == ("सुरेश", "मुख्यमंत्री")
