"""A transom extension and an app that uses it.

``sqlite.py`` is the extension: one SQLite connection per app context,
committed when the request succeeds and rolled back when it fails, closed
in every case. ``app.py`` is a small notes app built on it with the
application-factory pattern, templates and flashed messages. Run it with
``python -m examples.extension.app``.
"""
