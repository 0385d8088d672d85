"""Static files: the ``static`` route, ``send_file`` and ``send_from_directory``.

Both functions are werkzeug's, which handle conditional requests (ETag,
``304``), ranges (``206``/``416``) and mimetypes; a path that leaves the
folder (``..``, an absolute path, a NUL byte) is a 404.
"""

from __future__ import annotations

import os
import typing as t

from werkzeug.utils import send_file as _send_file
from werkzeug.utils import send_from_directory as _send_from_directory

from ._ctxvars import NO_REQUEST
from ._ctxvars import request_ctx_var
from .params import PathStr

if t.TYPE_CHECKING:
    from .app import App
    from .wrappers import Response


def _environ() -> dict[str, t.Any]:
    ctx = request_ctx_var.get(None)
    if ctx is None:
        raise RuntimeError(NO_REQUEST)
    return ctx.environ


def send_file(path_or_file: t.Any, **kwargs: t.Any) -> Response:
    """Send a file (a path or a binary file object) to the client.

    Keywords are werkzeug's ``send_file`` options: ``mimetype``,
    ``as_attachment``, ``download_name``, ``conditional``, ``etag``,
    ``last_modified``, ``max_age``.
    """
    from ._ctxvars import app_ctx_var

    ctx = app_ctx_var.get(None)
    if ctx is not None:
        kwargs.setdefault("response_class", ctx.app.response_class)
    return t.cast("Response", _send_file(path_or_file, _environ(), **kwargs))


def send_from_directory(
    directory: str | os.PathLike[str], path: str | os.PathLike[str], **kwargs: t.Any
) -> Response:
    """Send ``path`` from inside ``directory``; anything that escapes the
    directory, or does not exist, is a 404. Never pass a user's path to
    :func:`send_file` directly: use this."""
    from ._ctxvars import app_ctx_var

    ctx = app_ctx_var.get(None)
    if ctx is not None:
        kwargs.setdefault("response_class", ctx.app.response_class)
    return t.cast(
        "Response", _send_from_directory(directory, path, _environ(), **kwargs)
    )


def add_static_route(app: App, folder: str, url_path: str | None) -> None:
    """Serve ``folder`` at ``url_path`` (``/static`` by default) as the
    endpoint ``static``."""
    if url_path is None:
        url_path = "/" + os.path.basename(folder.rstrip("/\\"))
    url_path = url_path.rstrip("/")

    def static(filename: PathStr) -> Response:
        max_age = app.config["SEND_FILE_MAX_AGE_DEFAULT"]
        return send_from_directory(folder, filename, max_age=max_age)

    app.add_route(f"{url_path}/<filename>", static, endpoint="static")
