"""What a request asks is its content, not an act of its own, also when the request is a
noun ("an appeal to X to withdraw") or is rejected ("dismissed an appeal from X to
withdraw"); what an intent noun names stays its own act (the real pipeline; sentences
written for these tests)."""

from __future__ import annotations


def _events(result) -> list[tuple[str, list, list]]:
    return [
        (e.cameo[:2], [a.country for a in e.actor], [r.country for r in e.recipient]) for e in result.events
    ]


def test_the_act_a_rejected_request_asks_for_is_not_coded(parse) -> None:
    _, result = parse("Turkey dismissed an appeal from Greece to withdraw its troops from the island.")
    assert _events(result) == [("12", ["TUR"], ["GRC"])]


def test_the_act_a_request_noun_asks_for_is_its_content(parse) -> None:
    _, result = parse("Greece issued an appeal to Turkey to withdraw its troops.")
    assert [e for e in _events(result) if e[0] == "08"] == []
    assert [e[0] for e in _events(result)] == ["02"]


def test_an_act_named_by_an_intent_noun_stays_an_act(parse) -> None:
    # Held as a commitment, the threat to hold Russia accountable is still coded.
    _, result = parse(
        "Canada and the United States underscored their commitment to continue holding Russia "
        "accountable for its actions."
    )
    assert any(e[0] == "13" and e[2] == ["RUS"] for e in _events(result))


def test_what_an_appeal_with_no_known_speaker_asks_is_still_no_event(parse) -> None:
    # Nobody codes the pressure (no known speaker); the help it asks for did not happen.
    _, result = parse("President Emmanuel Macron was pressured by the senators to help Lebanon.")
    assert [e for e in _events(result) if e[0] == "07"] == []
    # The same act asserted is coded.
    _, result = parse("President Emmanuel Macron helped Lebanon.")
    assert [e[0] for e in _events(result)] == ["07"]
