"""A state's or people's name modifying a noun for a group of people names that group
(the real pipeline; sentences written for these tests)."""

from __future__ import annotations


def _mentions(doc) -> list[tuple[str, str | None, str | None]]:
    return [(m.entity_text, m.country, m.sector) for m in doc._.cq_mentions]


def test_a_demonym_before_a_group_noun_is_that_state_s_group(parse) -> None:
    doc, _ = parse("Serb forces shelled the town while Turkish negotiators waited.")
    assert ("Serb forces", "SRB", "MIL") in _mentions(doc)
    assert ("Turkish negotiators", "TUR", "GOV") in _mentions(doc)


def test_the_noun_with_its_compound_modifier_gives_the_sector(parse) -> None:
    # "aid groups" is a phrase of the agents table; "army officers" are people of the army.
    doc, _ = parse("Two Canadian aid groups sent food to five Chilean army officers.")
    assert ("Canadian aid groups", "CAN", "NGO") in _mentions(doc)
    assert ("Chilean army officers", "CHL", "MIL") in _mentions(doc)
    # A noun that names no kind of actor stays an adjective's noun, not an actor.
    doc, _ = parse("The Chilean copper exports grew.")
    assert _mentions(doc) == []


def test_a_state_that_leads_a_group_is_its_state(parse) -> None:
    doc, _ = parse("Nigerian-led forces attacked the rebels.")
    assert ("Nigerian-led forces", "NGA", "MIL") in _mentions(doc)
    # Backing is not commanding: no state for the group from "-backed".
    doc, _ = parse("Nigerian-backed militias attacked the rebels.")
    assert all(m[1] != "NGA" for m in _mentions(doc))


def test_coordinated_states_of_a_recipient_are_each_a_recipient(parse) -> None:
    _, result = parse("The Red Cross urged Danish and Dutch forces to protect civilians.")
    assert [{r.country for r in e.recipient} for e in result.events] == [{"DNK", "NLD"}]


def test_an_actor_with_no_home_state_carries_its_cameo_code(parse) -> None:
    # PETRARCH2's dictionary codes al-Qaeda IMGMUSALQ and Amnesty International NGOHRIAMN;
    # the record keeps that code while the text names no state for them.
    _, result = parse("Al-Qaeda threatened Kenya, and Amnesty International accused Chile of torture.")
    actors = {a.entity_text: (a.country, a.code) for e in result.events for a in e.actor}
    assert actors["Al-Qaeda"] == (None, "IMGMUSALQ")
    assert actors["Amnesty International"] == (None, "NGOHRIAMN")
    # A state the text names for it wins: then the code is that state's.
    _, result = parse("France bombed al-Qaeda camps in Mali.")
    assert [[(r.country, r.code) for r in e.recipient] for e in result.events] == [[("MLI", "MLIREB")]]


def test_a_state_after_pro_or_anti_is_not_the_group_s_state(parse) -> None:
    doc, result = parse("Pro-Turkish fighters in northern Syria shelled the town of Manbij.")
    assert all(m[1] != "TUR" for m in _mentions(doc))
    assert [[a.country for a in e.actor] for e in result.events] == [["SYR"]]
    doc, _ = parse("An anti-Iranian cleric was arrested in Bahrain.")
    assert all(m[1] != "IRN" for m in _mentions(doc))


def test_curated_one_word_bodies_after_the_are_bodies_not_people(parse) -> None:
    # The NER may read "Duma" or "Houthis" as a person's name; "the" says a body.
    doc, _ = parse("The Duma ratified the treaty, and the Houthis rejected it.")
    assert ("Duma", "RUS", "LEG") in _mentions(doc)
    assert ("Houthis", "YEM", "REB") in _mentions(doc)
    doc, _ = parse("The Muslim Brotherhood called for new elections.")
    assert ("Muslim Brotherhood", "EGY", "OPP") in _mentions(doc)
    doc, _ = parse("Whitehall and the Foreign Office denied the report.")
    assert {m[1] for m in _mentions(doc)} == {"GBR"}


def test_an_official_named_by_a_group_s_title_is_of_that_group(parse) -> None:
    # The group's state and sector, not a state office: the knowledge base does not name
    # the state's office holder for it.
    _, result = parse("A spokesman for Boko Haram threatened Chad.")
    actors = [[(a.country, a.sector, a.name) for a in e.actor] for e in result.events]
    assert actors == [[("NGA", "REB", None)]]
    _, result = parse("The Hamas commander threatened Egypt.")
    assert [[(a.country, a.sector) for a in e.actor] for e in result.events] == [[("PSE", "REB")]]
