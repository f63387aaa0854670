"""Multilateral formats named by a label: "a C5+1 Critical Minerals Dialogue", "the
Bucharest Nine". The label stands for its member states (codebook ``formats.tsv``) when
no party is named otherwise: "proposed launching a C5+1 dialogue" is aimed at the other
members, "Members of the C5+1 issued a statement" is their joint act."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from spacy.tokens import Doc, Token

from communique.codebook.formats import format_key
from communique.nlp.extensions import doc_text
from communique.nlp.frames import ActorMention

LONGEST_LABEL = 4  # tokens: "C5 + 1", "Nordic - Baltic Eight"


def format_members(
    tokens: Iterable[Token],
    formats: Mapping[str, tuple[str, ...]],
    name_of: Callable[[str], str | None],
    *,
    leave_out: frozenset[str | None] = frozenset(),
) -> list[ActorMention]:
    """The member states of the first format labelled among ``tokens`` (the longest label
    at the leftmost place), less the states in ``leave_out`` (the actor's own)."""
    if not formats:
        return []
    ordered = sorted(tokens, key=lambda t: t.i)
    if not ordered:
        return []
    # Character bounds of the given tokens: a label's text is sliced from the doc's text
    # (no Span or Token objects per candidate; speed only, issue 9).
    bounds = {t.i: (t.idx, t.idx + len(t)) for t in ordered}
    text = doc_text(ordered[0].doc)
    for tok in ordered:
        for n in range(LONGEST_LABEL, 0, -1):
            if any(j not in bounds for j in range(tok.i, tok.i + n)):
                continue  # past the doc's end, or a token outside ``tokens``
            label = text[bounds[tok.i][0] : bounds[tok.i + n - 1][1]]
            members = formats.get(format_key(label))
            if members is None:
                continue
            how = f"a member state of {label} (formats.tsv)"
            return [
                ActorMention(tok.i, tok.i + n, label, "state", name=name_of(code), country=code,
                             source="format", how=how)
                for code in members
                if code not in leave_out
            ]  # fmt: skip
    return []


def widen_to_formats(
    mentions: list[ActorMention],
    doc: Doc,
    formats: Mapping[str, tuple[str, ...]],
    name_of: Callable[[str], str | None],
    *,
    leave_out: frozenset[str | None] = frozenset(),
) -> list[ActorMention]:
    """``mentions`` with each one that is only the first word of a format's label ("Bucharest"
    in "the Bucharest Nine") replaced by the format's member states, less ``leave_out``."""
    out: list[ActorMention] = []
    for m in mentions:
        label = doc[m.start : min(m.start + LONGEST_LABEL, len(doc))]
        members = format_members(label, formats, name_of, leave_out=leave_out) if formats else []
        if members and members[0].start == m.start and members[0].end > m.end:
            out += members
        else:
            out.append(m)
    return out
