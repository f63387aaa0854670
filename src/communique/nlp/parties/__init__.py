"""Helpers of the roles component (``components/roles.py``), one concern per module.

- ``phrases``: the actor mentions a phrase of the parse stands for (conjuncts, lists,
  "between X and Y", prepositions that introduce a recipient, demonym groups).
- ``speakers``: who the subject of a clause is, and who "I", "we" or "they" is in reported
  speech and transcripts.
- ``complements``: the other side named in a complement clause ("pledged to help X") or
  in the condition of a threat ("if X ...").
- ``domestic``: the state of a kind of people with none of its own ("fundamentalists",
  "Judge X"): the one state its sentence names.
- ``visits``: the host state of a visit named only by a place ("arrived in Astana").
- ``counterparts``: one act or several (one event per counterpart, reciprocal acts,
  one gathering), and discussion reports that belong to talks already coded.
"""
