"""One act or several, and who the parties are (issue 7, second pass), on sentences written
for these tests: separate counterparts, reciprocal verbs, own-country recipients, passive
subjects that act, and recipients named only by a pronoun or "counterpart"."""

from __future__ import annotations

import pytest

from communique.codebook import default_codebook


def code(parse, text: str):
    return parse(text)[1]


def dyads(result) -> list[tuple[str, tuple, tuple]]:
    return [
        (e.event, tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient))
        for e in result.events
    ]


def test_calls_with_several_named_presidents_are_one_call_each(parse) -> None:
    result = code(
        parse, "The Chilean president spoke by telephone with the presidents of Peru, Bolivia and Ecuador."
    )
    assert sorted(dyads(result)) == [
        ("CONSULT", ("CHL",), ("BOL",)),
        ("CONSULT", ("CHL",), ("ECU",)),
        ("CONSULT", ("CHL",), ("PER",)),
    ]
    assert len({e.id for e in result.events}) == 3  # one id per counterpart


def test_a_listed_title_of_another_state_is_another_counterpart(parse) -> None:
    result = code(
        parse,
        "Vladimir Putin spoke by telephone with President of Azerbaijan Ilham Aliyev, "
        "President of Kazakhstan Kassym-Jomart Tokayev and President of Uzbekistan Shavkat Mirziyoyev.",
    )
    assert sorted(r for _, _, (r,) in dyads(result)) == ["AZE", "KAZ", "UZB"]


@pytest.mark.parametrize(
    "text",
    [
        "The premier held a call with the leaders of Ghana, Togo and Benin.",
        "President Lula met the leaders of Ghana, Togo and Benin at a trilateral summit.",
        "President Lula met the presidents of Ghana, Togo and Benin in Accra for the regional summit.",
    ],
)
def test_one_multilateral_act_stays_one_event_with_all_parties(parse, text: str) -> None:
    result = code(parse, text)
    assert len(result.events) == 1
    (event,) = result.events
    assert {r.country for r in event.recipient} == {"GHA", "TGO", "BEN"}


def test_blamed_one_another_is_two_directed_events(parse) -> None:
    result = code(parse, "Canada and Norway blamed one another for the collapse of the fisheries talks.")
    assert sorted(d for d in dyads(result) if d[0] == "ACCUSE") == [
        ("ACCUSE", ("CAN",), ("NOR",)),
        ("ACCUSE", ("NOR",), ("CAN",)),
    ]


def test_accused_each_other_is_two_directed_events(parse) -> None:
    result = code(parse, "Peru and Chile accused each other of violating the maritime border.")
    assert sorted(dyads(result)) == [("ACCUSE", ("CHL",), ("PER",)), ("ACCUSE", ("PER",), ("CHL",))]


def test_cooperative_act_towards_the_actors_own_country_is_no_event(parse) -> None:
    assert code(parse, "President Lula met Brazilian ambassadors on Monday.").events == ()
    assert code(parse, "President Lula praised Brazil's diplomats.").events == ()


def test_domestic_force_keeps_its_own_country_recipient() -> None:
    rules = default_codebook().event_rule
    assert not rules("051").own_country_recipient and not rules("040").own_country_recipient
    assert rules("190").own_country_recipient and rules("173").own_country_recipient


def test_placed_on_high_alert_the_forces_mobilise(parse) -> None:
    assert dyads(code(parse, "The Indian army was placed on high alert on Tuesday.")) == [
        ("MOBILIZE", ("IND",), ())
    ]


def test_is_committed_to_the_subject_commits(parse) -> None:
    result = code(parse, "Ecuador is committed to deepening its partnership with Colombia.")
    assert dyads(result) == [("AGREE", ("ECU",), ("COL",))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a participle naming the subject's own state: the subject acts
        ("Chadian troops were engaged against the Sudanese army in Darfur.", ("ASSAULT", ("TCD",), ("SDN",))),
        ("Peru is opposed to the Chilean proposal.", ("REJECT", ("PER",), ("CHL",))),
        # the object noun's own nationality, not a name deeper in its phrases
        ("Peru is opposed to Chilean mediation in the talks with Bolivia.", ("REJECT", ("PER",), ("CHL",))),
        # with a "by" phrase it is a plain passive: the subject receives
        ("Peru was opposed by Chile.", ("REJECT", ("CHL",), ("PER",))),
    ],
)
def test_a_stative_participle_subject_acts(parse, text: str, expected: tuple) -> None:
    assert dyads(code(parse, text)) == [expected]


def test_passive_condemnation_keeps_the_subject_as_target(parse) -> None:
    assert dyads(code(parse, "Iran was condemned by France.")) == [("ACCUSE", ("FRA",), ("IRN",))]


def test_congratulations_on_her_election_go_to_the_counterpart_just_met(parse) -> None:
    result = code(
        parse,
        "President Lula met President Sheinbaum of Mexico. President Lula expressed his congratulations "
        "on her recent election.",
    )
    assert dyads(result) == [("CONSULT", ("BRA",), ("MEX",)), ("SUPPORT", ("BRA",), ("MEX",))]


def test_fired_rounds_aimed_at_a_place_in_a_state_targets_that_state(parse) -> None:
    result = code(parse, "Pakistan fired artillery rounds aimed at a radar station in India.")
    assert dyads(result) == [("ASSAULT", ("PAK",), ("IND",))]


def test_retaliated_by_firing_into_a_state_the_subject_fires(parse) -> None:
    result = code(parse, "Pakistan retaliated by firing dozens of artillery rounds into India.")
    assert ("ASSAULT", ("PAK",), ("IND",)) in dyads(result)


def test_a_demonym_gives_a_nameless_group_its_state(parse) -> None:
    assert dyads(code(parse, "Pakistani jets bombed Afghan villages.")) == [("ASSAULT", ("PAK",), ("AFG",))]


def test_one_trip_to_two_hosts_is_one_visit(parse) -> None:
    result = code(parse, "The Chilean president visited Peru and Bolivia last week.")
    assert [(e.event, {r.country for r in e.recipient}) for e in result.events] == [
        ("CONSULT", {"PER", "BOL"})
    ]


# --- article-level conventions of the dev-gold guidelines (issue 7, article part) ---


def sorted_dyads(found) -> list[tuple[str, tuple, tuple]]:
    return [
        (
            e.event,
            tuple(sorted(a.country or "?" for a in e.actor)),
            tuple(sorted(r.country or "?" for r in e.recipient)),
        )
        for e in found
    ]


def test_is_committed_to_providing_aid_is_one_agree_towards_the_beneficiary(parse) -> None:
    # A pledge of aid not yet given is AGREE; the aid it promises is its content, not an AID event.
    found = code(
        parse, "Norway, as a donor, is committed to continuing to provide Chad with food aid."
    ).events
    assert sorted_dyads(found) == [("AGREE", ("NOR",), ("TCD",))]


def test_conjoined_intent_takes_the_other_side_of_the_same_speakers_act(parse) -> None:
    found = code(
        parse,
        "Chile thanked Peru and Bolivia for their help during the floods and committed to closer "
        "cooperation on disaster relief.",
    ).events
    assert ("AGREE", ("CHL",), ("BOL", "PER")) in sorted_dyads(found)


def test_both_sides_voicing_satisfaction_is_one_joint_support(parse) -> None:
    found = code(
        parse,
        "Chile held talks with Peru in Lima. "
        "Both sides voiced satisfaction with the work of the border commission.",
    ).events
    assert ("SUPPORT", ("CHL", "PER"), ()) in sorted_dyads(found)


def test_force_by_two_states_with_no_named_target_is_each_against_the_other(parse) -> None:
    found = code(parse, "Ecuador and Peru have both put their armies on high alert.").events
    assert sorted(sorted_dyads(found)) == [("MOBILIZE", ("ECU",), ("PER",)), ("MOBILIZE", ("PER",), ("ECU",))]


def test_an_agreement_between_two_states_makes_both_the_recipients_of_one_act(parse) -> None:
    found = code(parse, "Brazil welcomed the agreement between Armenia and Azerbaijan.").events
    assert sorted_dyads(found) == [("SUPPORT", ("BRA",), ("ARM", "AZE"))]


def test_talks_dated_after_the_article_are_a_planned_act_agree_future(parse) -> None:
    (event,) = code(parse, "Japan and Vietnam kick off trade talks tomorrow.").events
    assert (event.event, event.modality, event.date) == ("AGREE", "future", "2024-03-15")
    assert {a.country for a in event.actor} == {"JPN", "VNM"}


def test_talks_held_yesterday_stay_consult(parse) -> None:
    (event,) = code(parse, "Japan and Vietnam held trade talks yesterday.").events
    assert (event.event, event.modality, event.date) == ("CONSULT", "asserted", "2024-03-13")


def test_what_was_discussed_in_a_call_is_the_same_consult(parse) -> None:
    found = code(
        parse,
        "Chile had a telephone conversation with Peru. Chile and Peru discussed the fishing season. "
        "The two sides also exchanged views on regional matters.",
    ).events
    assert [e.event for e in found] == ["CONSULT"]


def test_a_demonym_names_the_state_of_the_people_met(parse) -> None:
    found = code(parse, "Chile met with Bolivian border officials in Arica.").events
    assert sorted_dyads(found) == [("CONSULT", ("CHL",), ("BOL",))]


def test_contacting_a_counterpart_is_consult(parse) -> None:
    found = code(parse, "Chile contacted Peru over the stranded fishing boats.").events
    assert sorted_dyads(found) == [("CONSULT", ("CHL",), ("PER",))]


def test_a_promise_of_force_is_a_threat_not_an_intent_to_cooperate(parse) -> None:
    found = code(parse, "Chile vowed to track down the smugglers.").events
    assert [(e.event, e.cameo) for e in found] == [("THREATEN", "130")]


def test_a_meeting_that_opens_a_visit_is_the_visitors(parse) -> None:
    text = "The first day of the Chilean president's visit to Peru began with a meeting with Bolivia."
    found = code(parse, text).events
    assert ("CONSULT", ("CHL",), ("BOL",)) in sorted_dyads(found)


def test_the_delegation_is_the_delegation_named_before(parse) -> None:
    text = "The minister led a Chilean delegation to Lima. The delegation met with Bolivian officials."
    found = code(parse, text).events
    assert ("CONSULT", ("CHL",), ("BOL",)) in sorted_dyads(found)


def test_a_gift_of_goods_to_two_states_is_one_aid_to_both(parse) -> None:
    found = code(parse, "Chile announced a gift of 500 tons of wheat to Bolivia and Peru.").events
    assert sorted_dyads(found) == [("AID", ("CHL",), ("BOL", "PER"))]


def test_a_date_after_on_is_no_call_on(parse) -> None:
    # "called X on Tuesday" is a phone call, not an appeal ("called on X to").
    found = code(parse, "Chile's president called his Peruvian counterpart on Tuesday.").events
    assert [(e.event, e.cameo) for e in found] == [("CONSULT", "041")]


def test_force_a_state_says_it_would_use_is_its_threat(parse) -> None:
    text = (
        "Yesterday Chile fired artillery rounds at a post in Peru. "
        "Chile stated it would attack the post again and would respond within 48 hours."
    )
    found = code(parse, text).events
    assert ("THREATEN", ("CHL",), ("PER",)) in sorted_dyads(found)
    assert [e.cameo for e in found if e.event == "THREATEN"] == ["138"]


def test_an_appeal_with_no_addressee_goes_to_the_other_side_of_the_call(parse) -> None:
    call = "Chile's president had a telephone conversation with Peru's president."
    appeal = "Chile's president underscored the need for a thorough investigation."
    assert ("REQUEST", ("CHL",), ("PER",)) in sorted_dyads(code(parse, f"{call} {appeal}").events)


def test_the_south_and_the_north_are_the_two_koreas_named_before(parse) -> None:
    text = "North Korea fired artillery at South Korea. The South retaliated by firing rounds into the north."
    assert ("ASSAULT", ("KOR",), ("PRK",)) in sorted_dyads(code(parse, text).events)


@pytest.mark.parametrize(
    "text",
    [
        "The Foreign Minister of Chile said: We welcome the agreement between Peru and Bolivia.",
        'The Chilean foreign minister said, "We welcome the agreement between Peru and Bolivia."',
    ],
)
def test_we_in_a_quotation_is_the_speaker(parse, text: str) -> None:
    assert sorted_dyads(code(parse, text).events) == [("SUPPORT", ("CHL",), ("BOL", "PER"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He said the training camps that Chile raided in Peru had sheltered the gunmen.",
            [("ASSAULT", ("CHL",), ("PER",))],
        ),
        ("Officials said the depots France raided in Mali were empty.", [("ASSAULT", ("FRA",), ("MLI",))]),
        # at home, by civilians, or with no subject of its own the bare verb names no other side
        ("He said the warehouses that Nigerian police raided in Lagos were empty.", []),
        ("Over 200,000 Chilean citizens reside in Peru.", []),
        ("He mourned the crew of the Chilean aircraft shot down in Peru.", []),
    ],
)
def test_a_bare_verb_of_force_on_another_states_soil_is_aimed_at_that_state(parse, text, expected) -> None:
    assert sorted_dyads(code(parse, text).events) == expected


def test_a_call_named_by_its_other_side_is_held_by_who_last_acted_towards_that_side(parse) -> None:
    text = (
        "Chile apologized to Peru on Tuesday. The apology had long been sought by Lima. "
        "It happened in a phone call to the Peruvian president."
    )
    assert ("CONSULT", ("CHL",), ("PER",)) in sorted_dyads(code(parse, text).events)
    far = (
        "Chile apologized to Peru on Tuesday. Exports rose. Prices fell. Rain came. "
        "It happened in a phone call to the Peruvian president."
    )
    assert [e.event for e in code(parse, far).events] == ["SUPPORT"]  # too far back: no caller


def test_a_call_noun_stands_alone_only_with_its_medium(parse) -> None:
    text = "Chile apologized to Peru on Tuesday. It happened in a call to the Peruvian president."
    assert [e.event for e in code(parse, text).events] == ["SUPPORT"]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # a participle carries its event noun, and its "between" names the parties
        ("The talks held in Geneva between Iran and the United States ended on Monday.", ("IRN", "USA")),
        (
            "The strategic dialogue launched last week between Iran and the United States helped.",
            ("IRN", "USA"),
        ),
        # states joined by a hyphen before the event noun are its parties
        ("The U.S.-China talks resumed in Geneva on Monday.", ("CHN", "USA")),
        ("The China-United States dialogue was launched on Monday.", ("CHN", "USA")),
    ],
)
def test_parties_of_talks_named_in_the_nouns_own_phrase(parse, text: str, parties: tuple) -> None:
    assert sorted_dyads(code(parse, text).events) == [("CONSULT", parties, ())]


def test_a_dialogue_with_no_carrying_verb_stays_a_topic(parse) -> None:
    assert code(parse, "Iran and the United States remain open to dialogue.").events == ()


def test_a_meeting_recalled_in_a_circumstance_does_not_date_the_reports_after_it(parse) -> None:
    text = (
        "President Boric met President Boluarte of Peru today. Boric called on all parties to respect "
        "the commitments made during meetings held earlier this year in Lima. "
        "The two leaders agreed to consult with regional partners."
    )
    agreed = [e for e in code(parse, text).events if e.event == "AGREE"]
    assert [e.date for e in agreed] == ["2024-03-14"]  # the meeting's day, not "earlier this year"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an event noun that is the purpose of a movement: the movers take part in it
        (
            "Thousands of Kenyans converged on Nairobi for a rally against the new tax law.",
            [("PROTEST", ("KEN",), ("KEN",))],
        ),
        (
            "Iranian and American negotiators returned to Geneva this week for talks on the programme.",
            [("CONSULT", ("IRN", "USA"), ())],
        ),
        # a verb with an object acts on someone else: the rally is not the police's
        ("Police in Nairobi detained ten Kenyans for the rally.", [("COERCE", ("KEN",), ("KEN",))]),
    ],
)
def test_an_event_noun_of_purpose_takes_the_movers_as_actors(parse, text: str, expected: list) -> None:
    assert sorted_dyads(code(parse, text).events) == expected


def test_up_to_a_number_is_the_object_not_a_particle(parse) -> None:
    # the parser reads "up" as a particle and "to 20 ..." as a phrase: the counted noun is the object
    text = "Chadian rebels kidnapped up to 20 Sudanese engineers near the border."
    assert sorted_dyads(code(parse, text).events) == [("ASSAULT", ("TCD",), ("SDN",))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state a refuge is sought in is the one asked
        ("Hundreds of Syrian families sought asylum in Turkey.", [("REQUEST", ("SYR",), ("TUR",))]),
        # in one's own state there is nobody else to ask
        ("The Syrian opposition leader sought asylum in Syria.", []),
    ],
)
def test_the_state_a_refuge_is_sought_in_is_asked(parse, text: str, expected: list) -> None:
    assert sorted_dyads(code(parse, text).events) == expected


@pytest.mark.parametrize(
    ("text", "actor_states"),
    [
        # a state named right after "at"/"into" is the target, not where the shooters are:
        # they stay an armed group of unknown country (CAMEO "---")
        ("Militants fired rockets at Syria on Monday.", {None}),
        ("Gunmen fired into Jordan overnight.", {None}),
        # a place phrase still places an agent with no state of its own
        ("Police fired tear gas at protesters in Nairobi.", {"KEN"}),
    ],
)
def test_the_target_of_fire_does_not_place_the_shooters(parse, text: str, actor_states: set) -> None:
    assert {a.country for e in code(parse, text).events for a in e.actor} == actor_states


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser splits "Turkish army | shelling": the gerund's attacker is the noun's modifier,
        # and the place "in the north of X" is its target
        (
            "Two farmers died in Turkish army shelling in the north of Iraq.",
            [("ASSAULT", ("TUR",), ("IRQ",))],
        ),
        (
            "Three herders were wounded in Syrian artillery shelling in the south of Turkey.",
            [("ASSAULT", ("SYR",), ("TUR",))],
        ),
    ],
)
def test_a_gerund_split_from_its_nationality_keeps_the_attacker(parse, text: str, expected: list) -> None:
    assert sorted(set(sorted_dyads(code(parse, text).events))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a complaint accuses whose act it is about; the body it is lodged with only hears it
        ("Chile complained to the WTO about Argentine import duties.", [("ACCUSE", ("CHL",), ("ARG",))]),
        (
            "Lebanon complained to the Security Council over Syrian border raids.",
            [("ACCUSE", ("LBN",), ("SYR",))],
        ),
        # victims named deeper in the phrase are not the accused: the addressee stays
        (
            "Kenya protested to Ethiopia over the killing of Kenyan herders.",
            [("PROTEST", ("KEN",), ("ETH",))],
        ),
    ],
)
def test_a_complaint_accuses_whose_act_it_is_about(parse, text: str, expected: list) -> None:
    assert sorted_dyads(code(parse, text).events) == expected


def test_a_description_right_before_a_name_is_that_persons_title(parse) -> None:
    # not today's holder of the office: the named person, of the state the description names
    text = "The French president gave a warm welcome to Sri Lankan leader K.J. Perera on Monday."
    found = code(parse, text).events
    assert sorted_dyads(found) == [("CONSULT", ("FRA",), ("LKA",))]
    assert [r.name for e in found for r in e.recipient] == ["K.J. Perera"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "in defiance of X": X is the target, not the city where the act happened
        (
            "Thousands of students blocked roads in Taipei in defiance of Chinese officials.",
            [("PROTEST", ("TWN",), ("CHN",))],
        ),
        # "in protest against" an act: whose act it is, here by the protester's own state
        (
            "A Kenyan lawyer began a hunger strike in protest against abuses by Kenyan police.",
            [("PROTEST", ("KEN",), ("KEN",))],
        ),
    ],
)
def test_an_act_in_protest_against_x_is_aimed_at_x(parse, text: str, expected: list) -> None:
    assert [d for d in sorted_dyads(code(parse, text).events) if d[0] == "PROTEST"] == expected


def test_opposition_groups_in_a_state_act_for_that_states_opposition(parse) -> None:
    # an agent noun with no state of its own is of the state its own phrase places it in
    text = "Opposition groups in Malawi demanded that the president dissolve the cabinet."
    found = code(parse, text).events
    assert [(a.country, a.sector) for e in found for a in e.actor] == [("MWI", "OPP")]


def test_the_subject_of_a_to_clause_is_whom_the_act_permits(parse) -> None:
    # "allowed X to ...": X is the other side; not a name inside a subject that is no actor.
    _, result = parse(
        "Kenyan Interior Minister Kithure Kindiki allowed Kenyan opposition leader Raila Odinga"
        " to hold a rally."
    )
    assert {
        (tuple(a.country for a in e.actor), tuple(r.country for r in e.recipient)) for e in result.events
    } == {(("KEN",), ("KEN",))}
    _, result = parse("The general resigned to allow Kenya's first free elections to take place.")
    assert not any(r.country == "KEN" and e.event != "RETREAT" for e in result.events for r in e.recipient)
