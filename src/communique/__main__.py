"""``python -m communique``."""

from communique.cli import main

# Guarded: worker processes started with "spawn" import this module again as
# ``__mp_main__``, and must not run the command line a second time.
if __name__ == "__main__":
    main()
