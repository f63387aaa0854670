"""Coordinated verbs: a conjunct shares its partner's subject and auxiliaries, even where
the parser hangs it on a relative clause. Sentences written for these tests."""

from __future__ import annotations


def _meetings(result) -> list:
    return [e for e in result.events if e.event_text.startswith("meet")]


def test_bare_conjunct_after_a_relative_clause_keeps_the_sentence_subject(parse) -> None:
    _, result = parse(
        "The Chilean foreign minister will tour the port, talk to sailors who served abroad "
        "and meet with the Peruvian president."
    )
    (event,) = _meetings(result)
    assert [a.country for a in event.actor] == ["CHL"]
    assert [r.country for r in event.recipient] == ["PER"]


def test_bare_conjunct_shares_its_partners_future_auxiliary(parse) -> None:
    _, future = parse("The Chilean foreign minister will visit Lima and meet the Peruvian president.")
    _, past = parse("The Chilean foreign minister visited Lima and met the Peruvian president.")
    (planned,) = [e for e in future.events if e.event_text.startswith("meet")]
    (held,) = [e for e in past.events if e.event_text.startswith("met")]
    assert (planned.event, planned.modality) == ("AGREE", "future")
    assert (held.event, held.modality) == ("CONSULT", "asserted")


def test_bare_conjunct_shares_its_partners_negation(parse) -> None:
    _, result = parse("The Chilean foreign minister did not visit Lima or meet the Peruvian president.")
    assert {e.modality for e in result.events} == {"negated"}
    assert len(result.events) == 2
