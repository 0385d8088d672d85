"""A notes app built on the ``SQLite`` extension.

``python -m examples.extension.app`` serves it, storing notes in
``notes.db`` in the current folder. Set ``NOTES_SECRET_KEY`` to keep
sessions (and flashed messages) valid across restarts.
"""

from __future__ import annotations

import os
import secrets

from transom import App
from transom import Response
from transom import View
from transom import abort
from transom import flash
from transom import redirect
from transom import render_template
from transom import request
from transom import url_for

from .sqlite import SQLite

SCHEMA = """
CREATE TABLE IF NOT EXISTS note (
    id INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);
"""

MAX_NOTE_LENGTH = 500
"""Longer notes are refused with a flashed error."""

db = SQLite()
"""The extension, shared by every app ``create_app`` makes."""


def create_app(database: str = "notes.db", secret_key: str | None = None) -> App:
    """Make a notes app storing its notes in ``database``."""
    app = App(__name__)
    app.config["SQLITE_DATABASE"] = database
    app.secret_key = (
        secret_key or os.environ.get("NOTES_SECRET_KEY") or secrets.token_hex()
    )
    db.init_app(app)
    with app.app_context():
        db.connection.executescript(SCHEMA)

    @app.route("/")
    class Notes(View):
        """All notes, and a form to add one."""

        def get(self) -> str:
            notes = db.connection.execute(
                "SELECT id, text FROM note ORDER BY id"
            ).fetchall()
            return render_template("notes.html", notes=notes)

        def post(self) -> Response:
            text = request.form["text"].strip()
            if not text:
                flash("A note needs some text.", "error")
            elif len(text) > MAX_NOTE_LENGTH:
                flash(f"A note has at most {MAX_NOTE_LENGTH} characters.", "error")
            else:
                cursor = db.connection.execute(
                    "INSERT INTO note (text) VALUES (?)", (text,)
                )
                flash(f"Note {cursor.lastrowid} added.")
            # 303: the browser follows with a GET, so a reload doesn't post
            # the note again.
            return redirect(url_for(Notes.get), 303)

    @app.route("/notes/<note_id>")
    class Note(View):
        """One note."""

        def get(self, note_id: int) -> str:
            note = db.connection.execute(
                "SELECT id, text FROM note WHERE id = ?", (note_id,)
            ).fetchone()
            if note is None:
                abort(404)
            return render_template("note.html", note=note)

    return app


if __name__ == "__main__":
    create_app().run(debug=True)
