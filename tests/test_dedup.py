"""De-duplication of reports of one event within an article."""

from __future__ import annotations

from dataclasses import replace

from communique.dedup import deduplicate, merge_within_article
from communique.model import Entity, Event


def event(start: int, actor, recipient, *, event="CONSULT", cameo="040", date="2022-11") -> Event:
    return Event(
        id=f"e{start}",
        article_id="a",
        event=event,
        cameo=cameo,
        quad_code=1,
        goldstein=1.0,
        text="s",
        start=start,
        end=start + 10,
        event_text="met",
        date=date,
        actor=tuple(actor),
        recipient=tuple(recipient),
    )


TILEU = Entity("Tileuberdi", name="Mukhtar Tileuberdi", kind="person", country="KAZ")
BORRELL = Entity("Borrell", name="Josep Borrell", kind="person", country="EU")
TOKAYEV = Entity("Tokayev", name="Kassym-Jomart Tokayev", kind="person", country="KAZ")
KAZ = Entity("Kazakhstan", name="Kazakhstan", kind="state", country="KAZ")
EU = Entity("EU", name="European Union", kind="organization", country="EU")


def test_same_talks_in_other_roles_merge_and_count_sentences():
    merged = merge_within_article([event(0, [TILEU], [BORRELL]), event(50, [BORRELL, TILEU], [])])
    assert len(merged) == 1 and merged[0].mentions == 2 and merged[0].id == "e0"


def test_meetings_of_different_people_stay_apart():
    merged = merge_within_article([event(0, [TOKAYEV], [BORRELL]), event(50, [TILEU], [BORRELL])])
    assert len(merged) == 2


def test_state_level_report_folds_into_the_nearest_person_level_one():
    merged = merge_within_article(
        [event(0, [TOKAYEV], [BORRELL]), event(50, [TILEU], [BORRELL]), event(90, [KAZ, EU], [])]
    )
    assert [e.id for e in merged] == ["e0", "e50"]
    assert [e.mentions for e in merged] == [1, 2]


def test_different_dates_or_types_do_not_merge():
    merged = merge_within_article(
        [
            event(0, [KAZ], [EU]),
            event(10, [KAZ], [EU], date="2022-10"),
            event(20, [KAZ], [EU], event="SUPPORT", cameo="051"),
        ]
    )
    assert len(merged) == 3


def test_directed_events_keep_direction():
    merged = merge_within_article(
        [
            event(0, [KAZ], [EU], event="ACCUSE", cameo="111"),
            event(10, [EU], [KAZ], event="ACCUSE", cameo="111"),
        ]
    )
    assert len(merged) == 2


def test_deduplicate_says_what_was_folded_into_what():
    from communique.dedup import deduplicate

    result = deduplicate([event(0, [TILEU], [BORRELL]), event(50, [BORRELL, TILEU], [])])
    assert [e.id for e in result.events] == ["e0"]
    assert dict(result.merged_into) == {"e50": "e0"}


def test_explain_names_the_event_a_report_was_merged_into():
    """End to end: the second report of one SUPPORT event is explained, not silently dropped."""
    from communique.extract import Extractor
    from communique.model import Article

    text = "Chile praised Peru on Monday and expressed its support for Peru."
    result = Extractor().extract(Article(id="m", text=text))
    assert len(result.events) == 1 and result.events[0].mentions == 1
    notes = [n for ex in result.explanations for n in ex.triggers]
    merged = [n for n in notes if n.merged_into is not None]
    assert merged and merged[0].merged_into.id == result.events[0].id


def test_several_appeals_in_one_sentence_are_one_request():
    # dev-gold guidelines: "several appeals in one spokesperson statement" are one event
    urge = event(0, [BORRELL], [KAZ], event="REQUEST", cameo="020")
    advocate = event(0, [BORRELL], [KAZ], event="REQUEST", cameo="024")
    later = event(80, [BORRELL], [KAZ], event="REQUEST", cameo="024")
    repeated = event(90, [BORRELL], [KAZ], event="REQUEST", cameo="020")
    assert len(merge_within_article([urge, advocate])) == 1
    assert len(merge_within_article([urge, later])) == 2
    assert len(merge_within_article([urge, repeated])) == 1  # the same code still merges across sentences


GBR = Entity("United Kingdom", name="United Kingdom", kind="state", country="GBR")
HAMMOND = Entity("Hammond", name="Philip Hammond", kind="person", country="GBR")
SYR = Entity("Syria", name="Syria", kind="state", country="SYR")
ASSAD = Entity("Assad", name="Bashar al-Assad", kind="person", country="SYR")


def test_an_unspecified_disapproval_folds_into_a_specific_one_of_the_same_sides():
    merged = merge_within_article(
        [
            event(0, [HAMMOND], [SYR], event="ACCUSE", cameo="111"),
            event(50, [GBR], [ASSAD], event="ACCUSE", cameo="110"),
        ]
    )
    assert [(e.id, e.mentions) for e in merged] == [("e0", 2)]


def test_two_specific_disapprovals_or_a_visit_and_a_meeting_stay_apart():
    merged = merge_within_article(
        [
            event(0, [HAMMOND], [SYR], event="ACCUSE", cameo="111"),
            event(50, [GBR], [ASSAD], event="ACCUSE", cameo="112"),
            event(90, [HAMMOND], [SYR], event="CONSULT", cameo="042"),
            event(120, [GBR], [ASSAD], event="CONSULT", cameo="040"),
        ]
    )
    assert len(merged) == 4


USA = Entity("U.S.", name="United States", kind="state", country="USA")
SDN = Entity("Sudan", name="Sudan", kind="state", country="SDN")
PRK = Entity("North Korea", name="North Korea", kind="state", country="PRK")


def test_a_report_that_names_the_target_becomes_the_anchor_of_the_same_act():
    # "he had ordered the strikes" (195, no target) and "the U.S. raided in Sudan" (190) the same day
    untargeted = event(0, [USA], [], event="ASSAULT", cameo="195", date="1998-08-20")
    targeted = event(40, [USA], [SDN], event="ASSAULT", cameo="190", date="1998-08-20")
    result = deduplicate([untargeted, targeted])
    assert [(e.id, e.mentions) for e in result.events] == [("e40", 2)]
    assert result.merged_into == {"e0": "e40"}
    # and in the other order the first, targeted report stays the anchor
    later = replace(untargeted, id="e90", start=90)
    assert [e.id for e in merge_within_article([targeted, later])] == ["e40"]


def test_untargeted_reports_of_other_acts_days_or_sides_stay_apart():
    targeted = event(0, [USA], [SDN], event="ASSAULT", cameo="195", date="1998-08-20")
    others = [
        event(10, [USA], [], event="ASSAULT", cameo="195", date="1998-08-21"),  # another day
        event(
            20, [USA], [], event="ASSAULT", cameo="193", date="1998-08-20"
        ),  # another specific act than 195
        event(30, [PRK], [], event="ASSAULT", cameo="195", date="1998-08-20"),  # another actor
        event(40, [USA], [], event="THREATEN", cameo="130", date="1998-08-20"),  # another type
    ]
    assert len(merge_within_article([targeted, *others])) == 5


def test_a_joint_act_with_no_recipient_is_not_folded_into_a_targeted_one():
    both = [Entity("U.S.", country="USA", kind="state"), Entity("Korea", country="KOR", kind="state")]
    joint = event(0, both, [], event="AGREE", cameo="030", date="2021-05-21")
    targeted = event(40, both, [SDN], event="AGREE", cameo="030", date="2021-05-21")
    assert len(merge_within_article([joint, targeted])) == 2


CHN = Entity("China", name="China", kind="state", country="CHN")
CHN_MFA = Entity(
    "China's foreign ministry",
    name="Ministry of Foreign Affairs of China",
    kind="organization",
    country="CHN",
)
USA = Entity("the United States", name="United States", kind="state", country="USA")
USA_SIDE = Entity("the U.S. side", name="United States", kind="state", country="USA")
SPOKESMAN = Entity("Wang", name="Wang Yi", kind="person", country="CHN")
OTHER = Entity("Li", name="Li Qiang", kind="person", country="CHN")


def test_a_state_restating_its_statement_in_other_words_is_one_event():
    # "the ministry condemned the sale" and, quoted later, "China deplores this decision"
    merged = merge_within_article(
        [
            event(0, [CHN_MFA], [USA], event="ACCUSE", cameo="111"),
            event(60, [CHN], [USA_SIDE], event="ACCUSE", cameo="111"),
            event(90, [CHN], [USA], event="ACCUSE", cameo="114"),
        ]
    )
    assert [(e.id, e.mentions) for e in merged] == [("e0", 2), ("e90", 1)]


def test_statements_of_two_people_or_meetings_of_one_state_stay_apart():
    two_people = [
        event(0, [SPOKESMAN], [USA], event="ACCUSE", cameo="111"),
        event(50, [OTHER], [USA], event="ACCUSE", cameo="111"),
    ]
    assert len(merge_within_article(two_people)) == 2
    meetings = [event(0, [CHN_MFA], [USA]), event(50, [CHN], [USA_SIDE])]  # two meetings that day
    assert len(merge_within_article(meetings)) == 2
    other_day = [
        event(0, [CHN_MFA], [USA], event="ACCUSE", cameo="111"),
        event(50, [CHN], [USA], event="ACCUSE", cameo="111", date="2022-10"),
    ]
    assert len(merge_within_article(other_day)) == 2


def test_a_meeting_and_the_talks_held_at_it_are_one_event_with_the_talks_code():
    """same_acts.tsv: "met" (040) and "held talks" (046) by the same parties on the same day are
    one meeting; the more specific code wins and becomes the anchor, every sentence counted."""
    result = deduplicate(
        [
            event(0, [TOKAYEV], [BORRELL]),
            event(50, [BORRELL, TOKAYEV], [], cameo="046"),
            event(90, [KAZ, EU], []),
        ]
    )
    assert [(e.id, e.cameo, e.mentions) for e in result.events] == [("e50", "046", 3)]
    assert dict(result.merged_into) == {"e0": "e50", "e90": "e50"}


def test_talks_named_by_states_do_not_displace_the_meeting_of_the_people():
    merged = merge_within_article([event(0, [TOKAYEV], [BORRELL]), event(50, [KAZ, EU], [], cameo="046")])
    assert [(e.id, e.cameo, e.mentions) for e in merged] == [("e0", "040", 2)]


def test_talks_of_other_parties_days_or_a_call_stay_apart_from_a_meeting():
    merged = merge_within_article(
        [
            event(0, [TOKAYEV], [BORRELL]),
            event(20, [TILEU], [BORRELL], cameo="046"),
            event(40, [TOKAYEV], [BORRELL], cameo="046", date="2022-10"),
            event(60, [TOKAYEV], [BORRELL], cameo="041"),
            event(80, [TOKAYEV], [BORRELL], cameo="042"),
        ]
    )
    assert len(merged) == 5


def test_a_visit_and_its_hosting_are_one_visit_kept_as_the_visitor_s():
    merged = merge_within_article(
        [event(0, [TOKAYEV], [BORRELL], cameo="043"), event(50, [BORRELL], [TOKAYEV], cameo="042")]
    )
    assert [(e.id, e.cameo, e.mentions) for e in merged] == [("e50", "042", 2)]


def test_a_readout_where_the_leaders_met_and_held_talks_has_one_consult():
    """End to end with the real pipeline: the talks sentence and the meeting sentence of one
    readout are one CONSULT (CAMEO 046, negotiation), evidenced by both sentences."""
    import datetime as dt

    from communique.extract import Extractor
    from communique.model import Article

    text = (
        "President Gabriel Boric of Chile met President Dina Boluarte of Peru in Santiago on Monday. "
        "The two presidents held talks on trade and energy."
    )
    result = Extractor().extract(Article(id="r", text=text, date=dt.date(2024, 3, 6)))
    consults = [e for e in result.events if e.event == "CONSULT"]
    assert [(e.cameo, e.mentions, e.event_text) for e in consults] == [("046", 2, "held talks")]
    assert {e.country for e in (*consults[0].actor, *consults[0].recipient)} == {"CHL", "PER"}
