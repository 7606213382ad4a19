"""A scratch PostgreSQL database for a benchmark: created and migrated next to DATABASE_URL's, dropped afterwards."""

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit


def refuse_sqlite(script: str) -> None:
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit(f"{script} 需要 PostgreSQL：请设置 DATABASE_URL=postgres://…（将在同一服务器上建临时库）。")


def url_for_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` on the same server, for a child process such as gunicorn."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@contextmanager
def scratch_database() -> Iterator[str]:
    """A migrated database of its own on the server DATABASE_URL names, dropped afterwards whatever happens.

    Yields its name; Django's connection points at it until the block ends, so DATABASE_URL's own database is
    never opened.
    """
    from django.db import connection

    name = f"{connection.settings_dict['NAME']}_bench"
    connection.settings_dict["TEST"]["NAME"] = name
    print(f"scratch database {name}: migrating…", flush=True)
    original = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield name
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
        print(f"scratch database {name}: dropped")
