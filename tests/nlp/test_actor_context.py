"""Actors whose country the sentence around them decides (the real pipeline; sentences
written for these tests)."""

from __future__ import annotations


def test_an_ethnic_people_lives_where_its_clause_happens(parse) -> None:
    # "ethnic" says a minority: the state of the clause's place, not the kin state.
    _, result = parse("Hundreds of ethnic Hungarians marched in Slovakia.")
    assert [[a.country for a in e.actor] for e in result.events] == [["SVK"]]
    _, result = parse("Bulgarian police beat three ethnic Turks at a rally in northern Bulgaria.")
    assert [{r.country for r in e.recipient} for e in result.events] == [{"BGR"}]
    # Without "ethnic", or without a place, the demonym's state stays.
    _, result = parse("Hungarians marched in Slovakia.")
    assert [[a.country for a in e.actor] for e in result.events] == [["HUN"]]


def test_a_demonym_s_minority_or_population_lives_where_its_phrase_or_clause_places_it(parse) -> None:
    cases = {
        "Police in Bulgaria beat members of the Turkish minority in Kardzhali.": ["BGR"],
        "Croat forces shelled the Serb population of the region in Bosnia.": ["BIH"],
        "Greece criticised the Turkish minority.": ["TUR"],  # no place: the demonym's own state
    }
    for text, recipients in cases.items():
        _, result = parse(text)
        assert [[r.country for r in e.recipient] for e in result.events] == [recipients], text


def test_a_militant_group_with_no_state_is_the_branch_its_phrase_places(parse) -> None:
    _, result = parse("France bombed al-Qaeda camps in Mali.")
    assert [[r.country for r in e.recipient] for e in result.events] == [["MLI"]]
    # Where the clause happened is where it acted, not whose branch it is.
    _, result = parse("Islamic State fighters attacked Syrian troops near Aleppo.")
    assert [[a.country for a in e.actor] for e in result.events] == [[None]]


def test_a_group_of_a_region_that_stands_for_its_state_is_that_state_s(parse) -> None:
    # The gazetteer has cities only; state_aliases.tsv knows the Golan Heights and Bavaria,
    # and a demonym before the name ("the Syrian Golan Heights") is not part of it.
    _, result = parse("Residents of the Syrian Golan Heights threatened to strike unless Israel withdrew.")
    assert [[a.country for a in e.actor] for e in result.events] == [["SYR"]]
    _, result = parse("Farmers in Bavaria threatened to block roads unless Austria reopened the border.")
    assert [[a.country for a in e.actor] for e in result.events] == [["DEU"]]


def test_a_place_name_before_a_common_noun_is_a_place(parse) -> None:
    # "Basra province": the name the gazetteer knows modifies "province".
    _, result = parse("Police in Basra province arrested twelve protesters.")
    assert [[a.country for a in e.actor] for e in result.events] == [["IRQ"]]


def test_a_group_tied_to_a_named_body_is_of_that_body_s_state(parse) -> None:
    # Where the act happened or whom it hit does not say whose fighters they are.
    _, result = parse("Fighters loyal to Hezbollah fired rockets at Israel.")
    assert [[a.country for a in e.actor] for e in result.events] == [["LBN"]]
    # A state that backs a group does not make it that state's.
    _, result = parse("Militias backed by Iran attacked US troops in Syria.")
    assert [[a.country for a in e.actor] for e in result.events] == [["SYR"]]


def _dyads(result) -> list[tuple[list, list]]:
    return [_dyads_of(e) for e in result.events]


def test_an_attack_with_no_named_attacker_is_by_the_state_where_it_happened(parse) -> None:
    # A passive with no "by" phrase, a participle, a weapon as subject: the place's state acts.
    _, result = parse("Two Pakistani soldiers were killed in Afghanistan on Monday.")
    assert _dyads(result) == [(["AFG"], ["PAK"])]
    _, result = parse("A roadside bomb killed three American soldiers in southern Afghanistan.")
    assert _dyads(result) == [(["AFG"], ["USA"])]
    _, result = parse("An explosion at a market in Peshawar wounded two Chinese engineers.")
    assert _dyads(result) == [(["PAK"], ["CHN"])]
    # A "by" phrase that names only the weapon names no attacker.
    _, result = parse("Two French soldiers were killed by a roadside bomb outside of the Malian town of Gao.")
    assert _dyads(result) == [(["MLI"], ["FRA"])]
    # The victims of a demonym are the other side ("Turkish truck drivers").
    _, result = parse("Two Turkish truck drivers were kidnapped in Iraq.")
    assert _dyads(result) == [(["IRQ"], ["TUR"])]


def test_an_unnamed_attack_at_home_or_with_a_named_attacker_takes_no_place_actor(parse) -> None:
    # Victims of the place's own state: no dyad is guessed.
    _, result = parse("Four Iraqi policemen were killed in Iraq on Monday.")
    assert result.events == ()
    # A "by" phrase names the attacker; the place does not replace it.
    _, result = parse("Two Pakistani soldiers were killed by Indian troops in Kashmir.")
    assert [[a.country for a in e.actor] for e in result.events] == [["IND"]]


def test_a_group_name_may_start_with_a_lower_case_particle(parse) -> None:
    # "al-Shabab" (groups.tsv: Al-Shabab, SOM): the Arabic article in lower case.
    doc, _ = parse("Kenya accused al-Shabab of the attack.")
    assert [(m.entity_text, m.country) for m in doc._.cq_mentions if m.kind == "group"] == [
        ("al-Shabab", "SOM")
    ]


def test_an_armed_group_of_no_known_state_still_attacks_its_target(parse) -> None:
    # Nothing places the insurgents: CAMEO's unknown country ("---REB"), target kept.
    _, result = parse("Insurgents shelled a government-held district of Syria's largest city overnight.")
    assert [
        ([(a.country, a.code) for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ] == [([(None, "---REB")], ["SYR"])]
    # Not for people who are no armed group.
    _, result = parse("Protesters attacked the Egyptian embassy overnight.")
    assert result.events == ()


def test_a_state_s_ally_is_not_that_state(parse) -> None:
    # The owner of "ally" says whose ally; the ally's own place says who it is. A noun of no
    # relation keeps its owner: "Russia's militia" is Russia's.
    cases = {
        "Rebels shelled the headquarters of Russia's militia ally in eastern Moldova.": ["MDA"],
        "China warned an ally of Japan.": [],
        "Rebels shelled the headquarters of Russia's militia in eastern Moldova.": ["RUS"],
    }
    for text, recipients in cases.items():
        _, result = parse(text)
        assert [r.country for e in result.events for r in e.recipient] == recipients, text


def test_a_region_s_demonym_names_its_state(parse) -> None:
    # regional_demonyms.tsv: "Chechen" -> Russia, "Tibetans" (the people) -> China.
    _, result = parse("Chechen rebels ambushed a Russian convoy.")
    assert _dyads(result) == [(["RUS"], ["RUS"])]
    _, result = parse("Nepalese police detained dozens of Tibetans in Kathmandu.")
    assert _dyads(result) == [(["NPL"], ["CHN"])]


def test_armed_movements_by_their_short_names_are_of_their_state(parse) -> None:
    # bodies_curated.tsv: movements PETRARCH2 lacks or names only in a longer form.
    doc, _ = parse("Tamil Tiger rebels and Abu Sayyaf gunmen denied the reports, as did M23.")
    assert {(m.entity_text, m.country, m.sector) for m in doc._.cq_mentions} >= {
        ("Tamil Tiger", "LKA", "REB"),
        ("Abu Sayyaf", "PHL", "REB"),
        ("M23", "COD", "REB"),
    }


def test_who_issues_a_document_speaks_in_what_it_says(parse) -> None:
    # triggers.tsv @document: "issued a statement condemning ..." is the issuer's condemnation.
    _, result = parse("Russia issued a statement condemning the Israeli strike.")
    assert [(e.cameo[:2], *_dyads_of(e)) for e in result.events] == [("11", ["RUS"], ["ISR"])]
    # A person carrying something is not its author, nor is the one who arrested them.
    _, result = parse("Egyptian police arrested a man carrying a letter criticising France.")
    assert [e.cameo[:2] for e in result.events if e.cameo.startswith("11")] == []


def _dyads_of(event) -> tuple[list, list]:
    return [a.country for a in event.actor], [r.country for r in event.recipient]


def test_an_agent_noun_with_no_state_is_of_the_one_state_its_sentence_names(parse) -> None:
    # PETRARCH2/PLOVER code a domestic sector actor with its context's state.
    _, result = parse(
        "Hardline fundamentalists demanded the resignation of Tunisian Prime Minister Habib Essid."
    )
    assert [[a.country for a in e.actor] for e in result.events] == [["TUN"]]
    _, result = parse(
        "Thousands of dockers affiliated with a small union struck over a pay bill of the Chilean Senate."
    )
    assert {a.country for e in result.events for a in e.actor} <= {"CHL"}
    # Two states named (or a group of no home state): the sentence decides nothing.
    _, result = parse("Fundamentalists demanded that Tunisia break off relations with Egypt.")
    assert [a.country for e in result.events for a in e.actor] in ([], [None])
    _, result = parse("Rebels attacked Russian troops near the border.")
    assert [[a.country for a in e.actor] for e in result.events] == [[None]]
    # A state named only by its bare name is as often the other side: no setting.
    _, result = parse("Rebels in the hills accused Rwanda of supplying weapons to the army.")
    assert [a.country for e in result.events for a in e.actor] in ([], [None])


def test_a_titled_person_of_no_known_state_is_of_the_one_state_its_sentence_names(parse) -> None:
    _, result = parse(
        "Judge Tomas Ferreyra opened fraud investigations against three Uruguayan customs officials."
    )
    assert [[a.country for a in e.actor] for e in result.events] == [["URY"]]
    # An untitled private name is not given the sentence's state.
    _, result = parse("Tomas Ferreyra criticised Uruguayan customs officials.")
    assert [a.country for e in result.events for a in e.actor] in ([], [None])


def test_a_two_word_demonym_in_a_person_s_phrase_gives_the_state(parse) -> None:
    # "South Korean" is one demonym; "Korean" alone names no one state.
    _, result = parse("Vladimir Putin received South Korean Special Envoy Kim Dong-soo in Moscow.")
    assert [[r.country for r in e.recipient] for e in result.events] == [["KOR"]]


def test_a_pronoun_s_reporting_speaker_is_placed_as_a_subject_would_be(parse) -> None:
    # "they" is the speaker; the speaker is a kind of people its own phrase places.
    _, result = parse(
        "Farmers in Bavaria said they would block the highways until Austria reopened the border."
    )
    assert [[a.country for a in e.actor] for e in result.events if e.event == "PROTEST"] == [["DEU"]]
    # No place, and the one state named only as the other side: still nobody.
    _, result = parse("Farmers said they would block the highways until Austria reopened the border.")
    assert [a.country for e in result.events if e.event == "PROTEST" for a in e.actor] in ([], [None])


def test_a_province_that_stands_for_its_state_places_a_group(parse) -> None:
    # territories.tsv: provinces named in conflict news ("North Kivu", "Sindh").
    _, result = parse("Militias in South Kivu accused Burundi of arming their rivals.")
    assert [[a.country for a in e.actor] for e in result.events if e.event == "ACCUSE"] == [["COD"]]
