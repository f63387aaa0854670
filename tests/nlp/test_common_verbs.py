"""Common verbs code an event only with a pattern of the verb dictionary, never alone.
Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president took questions from Peruvian reporters on Monday.",
        "The new Peruvian prime minister took office in Lima on Monday.",
        "The Chilean foreign minister gave a speech in Lima on relations with Peru.",
    ],
)
def test_a_common_verb_without_a_pattern_codes_nothing(parse, text: str) -> None:
    _, result = parse(text)
    assert result.events == ()


def test_a_pattern_of_a_common_verb_still_codes(parse) -> None:
    doc, _ = parse("Peruvian rebels took two Chilean engineers hostage on Monday.")
    assert [f.cameo for f in doc._.cq_events if f.lemma == "take"] == ["181"]
    _, result = parse("The Chilean government gave in to the demands of Peru on Monday.")
    assert [(e.event, [r.country for r in e.recipient]) for e in result.events] == [("CONCEDE", ["PER"])]
