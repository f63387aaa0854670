"""Finders of the actors component (``components/actors.py``), one kind of mention per module.

- ``tables``: the codebook's names, offices and bodies, built once into matchers (the
  shared base), and what a matched title or code stands for.
- ``chains``: office holders by their titles ("Kazakh Foreign Minister Mukhtar Tileuberdi").
- ``bodies``: non-state groups and bodies by name ("Boko Haram", "the Security Council").
- ``names``: people by name, leaders' governments, and officials of a named group.
- ``states``: states, capitals, demonyms and IGOs by the codebook's names ("Kazakh side").
"""
