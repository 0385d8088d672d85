"""Static files: the ``static`` route, ``send_file``, ``send_from_directory``
and ``send_upload``.

An app whose ``static/`` folder exists serves it at ``/static/<filename>``
as the endpoint ``static``, so templates link files with
``url_for("static", filename="style.css")``. ``App(static_folder=...,
static_url_path=...)`` moves both; ``static_folder=None`` turns it off.

The functions wrap werkzeug's, which handle conditional requests (ETag,
``304``), ranges (``206``/``416``) and mimetypes. A relative path is
relative to the app's root path. A path that leaves the folder (``..``,
encoded dots, an absolute path, a NUL byte) is a 404.
"""

from __future__ import annotations

import collections.abc as cabc
import datetime
import os
import typing as t

from werkzeug.utils import send_file as _send_file
from werkzeug.utils import send_from_directory as _send_from_directory

from ._ctxvars import NO_REQUEST
from ._ctxvars import current_request_ctx
from .params import PathStr

if t.TYPE_CHECKING:
    from .app import App
    from .ctx import RequestContext
    from .wrappers import Response

MaxAge: t.TypeAlias = (
    "int | datetime.timedelta | cabc.Callable[[str | None], int | None]"
)
"""How long clients may cache a file: seconds, a timedelta, or a function of
the file's path."""


def _request_ctx() -> RequestContext:
    ctx = current_request_ctx()
    if ctx is None:
        raise RuntimeError(NO_REQUEST)
    return ctx


def _max_age(
    app: App, max_age: MaxAge | None
) -> int | cabc.Callable[[str | None], int | None] | None:
    if max_age is None:
        # werkzeug calls it with the file's path.
        return app.get_send_file_max_age
    if isinstance(max_age, datetime.timedelta):
        return int(max_age.total_seconds())
    return max_age


def send_file(
    path_or_file: str | os.PathLike[str] | t.IO[bytes],
    *,
    mimetype: str | None = None,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    last_modified: datetime.datetime | int | float | None = None,
    max_age: MaxAge | None = None,
) -> Response:
    """Send a file (a path or a binary file object) to the client.

    Never pass a path that came from the client: use
    :func:`send_from_directory` for that.

    :param path_or_file: a path (relative to the app's root path) or a file
        opened in binary mode.
    :param mimetype: guessed from the file name when not given.
    :param as_attachment: ask the browser to save the file
        (``Content-Disposition: attachment``).
    :param download_name: the file name the browser sees.
    :param conditional: answer ``If-None-Match``/``If-Modified-Since`` with
        ``304`` and ``Range`` with ``206``.
    :param etag: compute an ETag (``True``) or use this one.
    :param last_modified: the ``Last-Modified`` time, for file objects.
    :param max_age: cache time; when not given, what
        :meth:`App.get_send_file_max_age <transom.App.get_send_file_max_age>`
        says (``SEND_FILE_MAX_AGE_DEFAULT``).
    """
    ctx = _request_ctx()
    app = ctx.app
    if isinstance(path_or_file, str | os.PathLike):
        path_or_file = os.path.join(app.root_path, os.fspath(path_or_file))
    return t.cast(
        "Response",
        _send_file(
            path_or_file,
            ctx.environ,
            mimetype=mimetype,
            as_attachment=as_attachment,
            download_name=download_name,
            conditional=conditional,
            etag=etag,
            last_modified=last_modified,
            max_age=_max_age(app, max_age),
            response_class=app.response_class,
        ),
    )


def send_from_directory(
    directory: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    mimetype: str | None = None,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    max_age: MaxAge | None = None,
) -> Response:
    """Send ``path`` from inside ``directory``: the safe way to serve a path
    that came from the client.

    For files that users uploaded, use :func:`send_upload`: served from
    here, an uploaded ``.html`` or ``.svg`` runs its scripts as part of
    the site.

    Anything that escapes ``directory`` (``..``, an absolute path, a NUL
    byte), or is not a regular file, is a 404.

    :param directory: the trusted folder, relative to the app's root path.
        Never a value from the client.
    :param path: the untrusted path inside it.

    The other parameters are those of :func:`send_file`.
    """
    ctx = _request_ctx()
    app = ctx.app
    return t.cast(
        "Response",
        _send_from_directory(
            os.path.join(app.root_path, os.fspath(directory)),
            path,
            ctx.environ,
            mimetype=mimetype,
            as_attachment=as_attachment,
            download_name=download_name,
            conditional=conditional,
            etag=etag,
            max_age=_max_age(app, max_age),
            response_class=app.response_class,
        ),
    )


UPLOAD_POLICY: t.Final = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
"""The ``Content-Security-Policy`` of :func:`send_upload`: the file is shown
as in a sandboxed frame (its own origin, no scripts, forms or pop-ups) and
loads nothing (the inline style is a browser's own, for showing an image)."""


def send_upload(
    directory: str | os.PathLike[str],
    path: str | os.PathLike[str],
    *,
    as_attachment: bool = False,
    download_name: str | None = None,
    conditional: bool = True,
    etag: bool | str = True,
    max_age: MaxAge | None = None,
) -> Response:
    """Send a file a user uploaded, from inside ``directory``, so that a
    browser cannot run it as part of the site.

    :func:`send_from_directory` serves an uploaded ``.html`` or ``.svg``
    as a page of the site: its scripts would run with the site's cookies
    and pages (stored cross-site scripting). This sends the file as
    :func:`send_from_directory` does, with ``X-Content-Type-Options:
    nosniff`` (no guessing that a ``.png`` holds HTML) and
    :data:`UPLOAD_POLICY` as its ``Content-Security-Policy``. Pictures
    still show, in an ``<img>`` or on their own.

    :param directory: the trusted folder, relative to the app's root path.
    :param path: the untrusted path inside it.
    :param as_attachment: ask the browser to save the file instead of
        showing it; do so for files no one should view in the browser
        (some browsers refuse to show a PDF in a sandbox).

    The other parameters are those of :func:`send_file`.
    """
    response = send_from_directory(
        directory,
        path,
        as_attachment=as_attachment,
        download_name=download_name,
        conditional=conditional,
        etag=etag,
        max_age=max_age,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = UPLOAD_POLICY
    return response


def add_static_route(app: App, folder: str, url_path: str | None) -> None:
    """Serve ``folder`` at ``url_path`` (``/`` plus the folder's name by
    default, so ``/static``) as the endpoint ``static``. An empty
    ``url_path`` serves the folder at the site's root."""
    if url_path is None:
        url_path = os.path.basename(folder.rstrip("/\\"))
    prefix = url_path.strip("/")
    rule = f"/{prefix}/<filename>" if prefix else "/<filename>"

    app.add_route(rule, static_view(folder), endpoint="static", host=app.static_host)


def static_view(folder: str) -> cabc.Callable[[PathStr], Response]:
    """The view that serves the files of ``folder`` (a static route's)."""

    def static(filename: PathStr) -> Response:
        return send_from_directory(folder, filename)

    return static
