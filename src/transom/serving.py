"""``app.run()``: werkzeug's development server, set up as Flask's
``Flask.run`` sets it up.

The address is the one given, else the host and port of ``SERVER_NAME``,
else ``127.0.0.1:5000``. ``TRANSOM_DEBUG``, when set, decides debug mode
(read by :func:`~transom.config.read_bool`, as ``transom run`` reads it),
and the ``debug`` argument wins over both. The server is threaded: one
slow client must not hold up every other.
"""

from __future__ import annotations

import os
import typing as t

from .config import read_bool
from .exceptions import ConfigError
from .security import is_loopback

if t.TYPE_CHECKING:
    import collections.abc as cabc

    from .app import App

ENV_DEBUG: t.Final = "TRANSOM_DEBUG"
"""The environment variable that turns debug mode on or off."""
DEFAULT_HOST: t.Final = "127.0.0.1"
DEFAULT_PORT: t.Final = 5000


def server_address(
    server_name: str | None, host: str | None, port: int | None
) -> tuple[str, int]:
    """Where :meth:`~transom.App.run` listens: ``host`` and ``port`` when
    given (``port=0`` picks a free one), else those of ``SERVER_NAME``
    (``"example.test:8000"``), else ``127.0.0.1`` and ``5000``.

    :raises ConfigError: a ``SERVER_NAME`` whose port is not a number.
    """
    name_host, name_port = _split(server_name or "")
    if port or port == 0:
        port = int(port)
    elif name_port:
        try:
            port = int(name_port)
        except ValueError:
            raise ConfigError(
                f"SERVER_NAME={server_name!r}",
                f"the port {name_port!r} is not a number",
                "write the name as HOST or HOST:PORT, such as 'example.test:8000'",
            ) from None
    else:
        port = DEFAULT_PORT
    return host or name_host or DEFAULT_HOST, port


def _split(server_name: str) -> tuple[str, str]:
    if server_name.startswith("["):  # an IPv6 address: [::1]:8000
        address, _, rest = server_name.partition("]")
        return address + "]", rest.removeprefix(":")
    host, _, port = server_name.partition(":")
    return host, port


def run_app(
    app: App,
    host: str | None,
    port: int | None,
    debug: bool | None,
    options: cabc.MutableMapping[str, t.Any],
) -> None:
    """Serve ``app`` with werkzeug's ``run_simple`` (see :meth:`~transom.App.run`)."""
    from werkzeug.serving import run_simple

    flag = os.environ.get(ENV_DEBUG)
    if flag is not None:
        app.debug = read_bool(flag, ENV_DEBUG)
    if debug is not None:
        app.debug = bool(debug)
    host, port = server_address(app.config.get("SERVER_NAME"), host, port)
    options.setdefault("use_reloader", app.debug)
    options.setdefault("use_debugger", app.debug and is_loopback(host))
    options.setdefault("threaded", True)
    run_simple(host, port, app, **options)


__all__ = ["ENV_DEBUG", "run_app", "server_address"]
