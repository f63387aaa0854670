"""Why a trigger is not coded: the ``reason`` a frame keeps when its roles cannot be filled,
so that ``communique explain`` can say why and ``modality.py`` can lift the ones a
one-sided reading answers.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.codebook.rules import EventRule
from communique.nlp.frames import EventFrame
from communique.nlp.parties.speakers import subject as subject_of
from communique.nlp.patterns import DICTIONARY_RULE

NO_RECIPIENT = "no recipient: nobody is named as the other side"  # modality.py may lift it
# modality.py lifts it too for our own rows' one-sided readings (a refusal: "will not accept refugees")
UNANCHORED = "dictionary reading without a named other side (needs a recipient or a longer pattern)"


def problem(frame: EventFrame, pred: Token | None, rule: EventRule, *, require_recipient: bool) -> str | None:
    """Why ``frame`` (its roles filled; ``rule``: its root's row of event_rules.tsv) cannot be
    coded, or None: no actor, a bare dictionary verb, no named other side."""
    if not frame.actors:
        subject = subject_of(pred) if pred is not None else None
        if subject is not None:
            return f"no actor: the subject '{subject.text}' is not a known person, state or body"
        return "no actor: nobody is named as doing it"
    joint = len({a.country for a in frame.actors}) > 1 and rule.joint  # one state alone is no dyad
    if frame.rule.startswith(DICTIONARY_RULE) and rule.dictionary_default != "alone":
        if frame.specificity == 0 and rule.dictionary_default == "no":
            return f"bare dictionary verb: CAMEO root {frame.cameo[:2]} needs a pattern (event_rules.tsv)"
        one_sided = frame.own_pattern and not rule.recipient_required
        if (
            not frame.recipients
            and frame.specificity < 2
            and not (joint and frame.specificity > 0)
            and not one_sided
        ):
            # our own rows may code a one-sided act ("opened fire"; PLOVER's recipient rules)
            return UNANCHORED
    if require_recipient and not frame.recipients and not joint and rule.recipient_required:
        return NO_RECIPIENT
    return None
