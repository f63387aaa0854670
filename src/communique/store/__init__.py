"""The store engine: extraction results in SQLite or PostgreSQL, through SQLAlchemy Core.

The only package that imports SQLAlchemy. Everything crossing its boundary is a
``communique.model`` dataclass (or ``RunInfo``); rows and connections stay inside.

    from communique.store import open_store

    with open_store("events.db") as store:
        run = store.begin_run("ingest", pipeline_version)
        store.save_results(results, run_id=run)
        store.finish_run(run)
        for event in store.events(country="KAZ", since="2022-11"):
            ...
"""

from communique.store.migrations import MIGRATIONS, Migration, latest_version
from communique.store.store import RunInfo, Store, StoredArticle, open_store

__all__ = ["MIGRATIONS", "Migration", "RunInfo", "Store", "StoredArticle", "latest_version", "open_store"]
