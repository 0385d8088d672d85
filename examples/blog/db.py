"""The blog's database: one SQLite connection per app context, and the
``init-db`` command that creates the tables from ``schema.sql``.

The database file is ``DATABASE`` in the app's config, by default
``blog.sqlite`` in the instance folder, which belongs to one deployment
and is not in version control.
"""

from __future__ import annotations

import os
import sqlite3

from transom import App
from transom import current_app
from transom import g


def get_db() -> sqlite3.Connection:
    """The connection of the current app context, opened on first use.

    :raises RuntimeError: the database was never created; the message says
        which command creates it.
    """
    connection: sqlite3.Connection | None = g.get("db")
    if connection is None:
        path: str = current_app.config["DATABASE"]
        if not os.path.exists(path):
            # sqlite3 would create an empty file, and every query would then
            # fail with "no such table".
            raise RuntimeError(
                f"The blog's database {path!r} does not exist; create it with"
                " 'transom --app examples/blog/app.py init-db'"
            )
        connection = sqlite3.connect(path)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        g.db = connection
    return connection


def close_db(error: BaseException | None = None) -> None:
    """Close the app context's connection, if it opened one."""
    connection: sqlite3.Connection | None = g.pop("db", None)
    if connection is not None:
        connection.close()


def init_db() -> None:
    """Create the instance folder and the tables, dropping any there were."""
    os.makedirs(os.path.dirname(current_app.config["DATABASE"]), exist_ok=True)
    # Create the file, so that get_db() finds it.
    sqlite3.connect(current_app.config["DATABASE"]).close()
    with current_app.open_resource("schema.sql", "r") as f:
        get_db().executescript(f.read())


def init_app(app: App) -> None:
    """Close the connection after each request and add the ``init-db``
    command to ``app``."""
    app.teardown_appcontext(close_db)

    @app.command("init-db")
    def init_db_command() -> None:
        """Clear the blog's data and create new tables."""
        init_db()
        print(f"Initialized the database in {app.config['DATABASE']}.")
