"""``SQLite``: one SQLite connection per app context, as a transom extension.

It follows the extension pattern: an object that holds no per-app state,
bound to any number of apps with :meth:`SQLite.init_app`, which reads its
settings from ``app.config``, registers itself in ``app.extensions`` and
adds a teardown hook. The connection lives on ``g``, so each request (and
each ``with app.app_context():`` block) gets its own::

    db = SQLite()

    def create_app() -> App:
        app = App(__name__)
        app.config["SQLITE_DATABASE"] = "notes.db"
        db.init_app(app)
        return app

    # in a view
    rows = db.connection.execute("SELECT text FROM note").fetchall()
"""

from __future__ import annotations

import sqlite3

from transom import App
from transom import current_app
from transom import g

EXTENSION_NAME = "sqlite"
"""The key of the extension in ``app.extensions``."""

_G_ATTRIBUTE = "_sqlite_connection"


class SQLite:
    """One SQLite connection per app context.

    Settings, read from ``app.config`` when the connection opens:

    ``SQLITE_DATABASE``
        The database file (``":memory:"`` by default, which lasts for one
        connection only).
    """

    def __init__(self, app: App | None = None) -> None:
        if app is not None:
            self.init_app(app)

    def init_app(self, app: App) -> None:
        """Bind the extension to ``app``.

        :raises RuntimeError: it is already bound to ``app``.
        """
        if EXTENSION_NAME in app.extensions:
            raise RuntimeError(
                f"A SQLite extension is already registered on {app!r}; call"
                " init_app() once per app."
            )
        app.config.setdefault("SQLITE_DATABASE", ":memory:")
        app.extensions[EXTENSION_NAME] = self
        app.teardown_appcontext(self._teardown)

    @property
    def connection(self) -> sqlite3.Connection:
        """The connection of the current app context, opened on first use.

        Rows are :class:`sqlite3.Row`, readable by column name.
        """
        connection: sqlite3.Connection | None = g.get(_G_ATTRIBUTE)
        if connection is None:
            connection = sqlite3.connect(current_app.config["SQLITE_DATABASE"])
            connection.row_factory = sqlite3.Row
            setattr(g, _G_ATTRIBUTE, connection)
        return connection

    def _teardown(self, error: BaseException | None) -> None:
        connection: sqlite3.Connection | None = g.pop(_G_ATTRIBUTE, None)
        if connection is None:
            return
        try:
            # A request that failed with an unhandled error leaves nothing
            # half-written behind.
            if error is None:
                connection.commit()
            else:
                connection.rollback()
        finally:
            connection.close()
