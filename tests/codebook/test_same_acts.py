"""The codes-of-one-act table read by de-duplication: a table of CAMEO facts, checked against cameo.tsv."""

from __future__ import annotations

from collections import defaultdict

from communique.codebook import default_codebook
from communique.codebook.acts import default_same_acts


def test_codes_of_one_act_are_known_codes_of_one_plover_type_with_one_most_specific_code() -> None:
    cameo = default_codebook().cameo
    by_act: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for code, same in default_same_acts().items():
        assert code in cameo, code
        by_act[same.act].append((same.rank, code))
    for act, codes in by_act.items():
        assert len(codes) >= 2, act
        assert len({cameo[code].plover_event for _, code in codes}) == 1, act
        ranks = sorted(rank for rank, _ in codes)
        assert ranks[-1] > ranks[-2], f"{act}: two most specific codes"


def test_talks_are_the_meeting_and_a_visit_is_not() -> None:
    acts = default_same_acts()
    assert acts["046"].act == acts["040"].act and acts["046"].rank > acts["040"].rank
    assert acts["044"].act == acts["040"].act and acts["044"].rank > acts["046"].rank  # the place is kept
    assert acts["042"].act == acts["043"].act != acts["040"].act  # a visit and its meeting: two events
    assert "041" not in acts  # a call is no meeting
