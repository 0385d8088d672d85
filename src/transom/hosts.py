"""Hosts and subdomains: what a request's host means for routing.

As in Flask 3.1, ``SERVER_NAME`` restricts no request. With an app's
``subdomain_matching``, the part of the host before ``SERVER_NAME`` is the
subdomain routes' ``subdomain=`` match; with ``host_matching``, routes'
``host=`` match the whole host. This module checks registrations against
the app's mode and works out a request's subdomain; it does no I/O.
"""

from __future__ import annotations

import os
import typing as t

from werkzeug.wsgi import get_host

from .exceptions import RouteError
from .exceptions import TransomError

if t.TYPE_CHECKING:
    from .typing import WSGIEnvironment


def check_domain(
    rule: str,
    subdomain: str | None,
    host: str | None,
    *,
    subdomain_matching: bool,
    host_matching: bool,
) -> None:
    """Refuse a ``subdomain=`` or ``host=`` the app would never match on:
    werkzeug would ignore it, and the route would answer on another
    host than the one written (or on none)."""
    if host is not None and not host_matching:
        raise RouteError(
            f"route {rule!r}",
            f"host={host!r} is only matched when the app matches by host",
            "create the app with App(..., host_matching=True), or drop host=",
        )
    if subdomain is not None and host_matching:
        raise RouteError(
            f"route {rule!r}",
            f"subdomain={subdomain!r} is ignored when the app matches by host",
            f"write the whole host instead: host='{subdomain}.example.com'",
        )
    if subdomain and not subdomain_matching:
        raise RouteError(
            f"route {rule!r}",
            f"subdomain={subdomain!r} is only matched with subdomain matching"
            " on, so the route would never answer",
            "create the app with App(..., subdomain_matching=True) (or set"
            " app.subdomain_matching = True before registering), and set"
            " SERVER_NAME",
        )


def check_static_host(
    import_name: str,
    static_folder: str | None,
    static_host: str | None,
    *,
    host_matching: bool,
) -> None:
    """Refuse a static route with no host under host matching, and a
    ``static_host`` without it."""
    if static_folder is not None and os.path.isdir(static_folder):
        if host_matching and not static_host:
            raise TransomError(
                f"App({import_name!r}, host_matching=True) serves static files"
                f" from {static_folder!r} but does not say on which host;"
                " pass static_host='example.com', or static_folder=None"
            )
    if static_host is not None and not host_matching:
        raise TransomError(
            f"App({import_name!r}, static_host={static_host!r}) only applies with"
            " host_matching=True; pass both, or neither"
        )


def request_subdomain(
    environ: WSGIEnvironment, server_name: str | None, default: str
) -> str | None:
    """The request's subdomain of ``SERVER_NAME`` (``""`` on ``SERVER_NAME``
    itself); ``default`` for a host outside it; ``None`` when no
    ``SERVER_NAME`` is set (werkzeug then takes the request's host for the
    server name, with no subdomain).

    werkzeug (3.1) gives a host outside ``SERVER_NAME`` the subdomain
    ``"<invalid>"``, which routes with a variable subdomain then receive,
    and warns on every such request, though clients choose the host. Flask
    on werkzeug 3.2 serves such a host as the default subdomain, as here.
    """
    if server_name is None:
        return None
    wanted = server_name.lower()
    scheme = environ.get("wsgi.url_scheme", "http")
    for default_port, schemes in ((":80", ("http", "ws")), (":443", ("https", "wss"))):
        if scheme in schemes and wanted.endswith(default_port):
            wanted = wanted[: -len(default_port)]
    host = get_host(environ).lower()
    if host == wanted:
        return ""
    if host.endswith("." + wanted):
        return host[: -len(wanted) - 1]
    return default
