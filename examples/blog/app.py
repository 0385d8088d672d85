"""A small blog: an app factory, blueprints, a database in the instance
folder, templates, sessions, login, flashing and picture uploads.

From the repository root, create its database, then serve it::

    python -m transom --app examples/blog/app.py init-db
    python -m transom --app examples/blog/app.py run

and open http://127.0.0.1:5000/. Register, log in, and write a post with a
picture.

- :func:`create_app` builds a new app each time (each test gets one, with
  its own instance folder); ``transom --app examples/blog/app.py`` finds
  and calls it. It registers two blueprints, ``auth``
  (:mod:`examples.blog.auth`: accounts) and ``posts``
  (:mod:`examples.blog.posts`), whose endpoints are ``"auth.login"``,
  ``"posts.index"``, ...
- The instance folder (``examples/blog/instance/``) holds what belongs to
  one deployment: the SQLite database, uploaded pictures and an optional
  ``config.py``. The ``init-db`` command (:mod:`examples.blog.db`) creates
  the tables from the ``schema.sql`` resource.
- Who is logged in is kept in the signed session cookie; ``g`` holds the
  current user during a request, typed through :func:`transom.typed_g`.
- :func:`~examples.blog.auth.login_required` guards views through
  ``View.decorators``, and logging in returns to the page asked for
  (``?next=``) only when :func:`transom.security.safe_redirect` finds it
  on this site.
- Messages after a redirect are flashed.
- Uploaded pictures are checked, renamed and served with
  :func:`transom.send_upload`, which keeps a browser from running an
  uploaded file as part of the site.
- Forms are POSTed to views whose session cookie is ``SameSite=Lax``, so
  another site cannot post them on a logged-in user's behalf.
"""

from __future__ import annotations

import collections.abc as cabc
import os
import typing as t

from examples.blog import db
from examples.blog.auth import auth
from examples.blog.posts import posts
from transom import App
from transom import render_template


def not_found(error: Exception) -> tuple[str, int]:
    return render_template("not_found.html"), 404


def create_app(
    test_config: cabc.Mapping[str, t.Any] | None = None,
    *,
    instance_path: str | os.PathLike[str] | None = None,
) -> App:
    """Build the blog.

    :param test_config: settings that replace the instance folder's
        ``config.py``; without them, that file (if any) and ``TRANSOM_*``
        environment variables (``TRANSOM_SECRET_KEY``) override the
        defaults.
    :param instance_path: the instance folder, an absolute path; by default
        ``instance/`` next to this module.
    """
    if instance_path is None:
        # examples.blog is in a package, whose instance folder would be next
        # to the top-level one (the repository's root): keep the blog's own.
        instance_path = os.path.join(os.path.dirname(__file__), "instance")
    app = App(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev: set TRANSOM_SECRET_KEY in production",
        DATABASE=os.path.join(app.instance_path, "blog.sqlite"),
        UPLOAD_FOLDER=os.path.join(app.instance_path, "uploads"),
        MAX_CONTENT_LENGTH=4 * 1024 * 1024,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env()
    else:
        app.config.update(test_config)
    # The instance folder is made by `init-db` and the first upload, not
    # here: building the app (as `transom check` does) leaves no trace.
    db.init_app(app)
    app.register_blueprint(auth)
    app.register_blueprint(posts)
    app.register_error_handler(404, not_found)
    return app


if __name__ == "__main__":
    create_app().run(debug=True)
