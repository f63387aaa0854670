"""Helpers of the roles component (``components/roles.py``), one concern per module.

The rules, each a part of the component's class (``RoleLabeler``), run in the order
``components/roles.py`` gives:

- ``reader``: the tables every rule reads and the document's mentions (the shared base).
- ``groups``: who a noun with no name of its own stands for ("police in Lagos",
  "thousands of Iraqi Kurds", "Israeli raids").
- ``subjects``: who acts, from the subject or a passive's "by" phrase.
- ``nouns``: the parties an event noun's own phrases name ("the visit of X to Y").
- ``objects``: the recipients an active verb's object and prepositions name.
- ``recipients``: the other side when the verb's own phrases name none (a complaint's
  accused, a visit's host, the other side of the talks, the place of the act).
- ``joint``: "between X and Y", reciprocal acts, the actors' own side as no counterpart.
- ``reasons``: why a trigger is not coded (``communique explain``).
- ``roots``: the groups of CAMEO roots the rules treat alike.

The questions those rules ask of the parse:

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
