"""The groups of CAMEO roots that the role rules treat alike.

Which roots take a recipient, act jointly or read "on X" as a topic: codebook
event_rules.tsv (Codebook.event_rule), not lists here. What is left are the groups the
parse rules themselves ask about (is this an attack, an appeal, an accusation?).
"""

from __future__ import annotations

CONFLICT_ROOTS = frozenset({"11", "12", "13"})
FORCE_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence
APPEAL_ROOTS = frozenset({"02", "10"})  # an appeal with no addressee goes to the other side of the talks
# Force by several states with no target named ("both countries put their militaries on
# alert", "X and Y exchanged fire"): each side acts against the other(s).
# Value: how specific a dictionary reading must be to count (a posture verb is vaguer than a
# verb of fighting: "built ... based" must not make a mobilisation).
MUTUAL_FORCE_ROOTS = {"15": 2, "18": 1, "19": 1, "20": 1}
# Appeals, intents and support with no named other side take the side of the same
# speaker's conjoined act ("thanked his counterparts ... and committed to collaboration").
INHERITED_RECIPIENT_ROOTS = frozenset({"02", "03", "05"})
DISAPPROVE_ROOT = "11"  # criticise, accuse, complain (ACCUSE)
INTENT_ROOT = "03"  # an undertaking a speaker in talks makes is made to the other side
