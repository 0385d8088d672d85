"""Redirecting to a URL the client chose, without becoming an open redirect.

A login page that sends the user back to ``?next=...`` must check that the
target stays on this site; otherwise a link to
``/login?next=https://evil.example`` sends a freshly logged-in user to a
phishing page::

    @app.route("/login")
    class Login(View):
        def post(self) -> Response:
            ...  # check the password, set session["user"]
            return safe_redirect(request.args.get("next"), fallback=url_for(Home))

:func:`is_safe_redirect_url` accepts a path on this site (``/account``,
``account?tab=2``) and an absolute ``http``/``https`` URL whose host is the
request's host, and nothing else.
"""

from __future__ import annotations

import ipaddress
import re
import typing as t
from urllib.parse import urlsplit

from werkzeug.datastructures import headers as _headers

from ._ctxvars import NO_REQUEST
from ._ctxvars import current_request_ctx
from .helpers import redirect

if t.TYPE_CHECKING:
    from .wrappers import Response

# C0 controls, DEL and the C1 controls. Browsers delete tabs and newlines
# anywhere in a URL and strip other controls at its ends, so "/\t/evil" is
# "//evil" to them; any control character makes a target unsafe.
_control_re: t.Final = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_safe_schemes: t.Final = frozenset({"http", "https"})


def is_safe_redirect_url(target: object, host: str | None = None) -> bool:
    """Whether redirecting to ``target`` keeps the user on ``host``.

    :param target: the URL the client supplied; anything but a non-empty
        ``str`` is unsafe.
    :param host: the allowed host, with its port when it is not the
        default (``"example.com"``, ``"localhost:5000"``); the current
        request's host (``request.host``) when not given.
    :raises RuntimeError: ``host`` is not given outside a request.

    Safe: a path (``/a``, ``a/b?c=1#d``) and ``http(s)://`` plus exactly
    ``host``. Unsafe: any other host, user info (``https://host@evil``), a
    scheme-relative ``//evil``, a backslash (browsers read ``/\\evil`` as
    ``//evil``), other schemes (``javascript:``), scheme tricks such as
    ``https:evil``, leading whitespace and control characters.
    """
    if not isinstance(target, str) or not target:
        return False
    if target[0].isspace() or "\\" in target or _control_re.search(target):
        return False
    if target.startswith("//"):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:  # an invalid IPv6 literal, for one
        return False
    if not parts.scheme and not parts.netloc:
        return True
    if parts.scheme not in _safe_schemes:
        return False
    if not target[: len(parts.scheme) + 3].lower().endswith("://"):
        return False
    if host is None:
        host = _request_host()
    return bool(parts.netloc) and parts.netloc.lower() == host.lower()


def safe_redirect(target: str | None, fallback: str = "/", code: int = 302) -> Response:
    """Redirect to ``target`` when :func:`is_safe_redirect_url` accepts it
    for the current request's host, else to ``fallback``, which the app
    chose and is trusted.

    :param target: a URL from the client, typically a ``next`` parameter;
        ``None`` or ``""`` redirects to ``fallback``.
    :param code: the redirect status (``303`` after a form POST).
    """
    chosen = target if is_safe_redirect_url(target) else fallback
    return redirect(t.cast(str, chosen), code)


def _request_host() -> str:
    ctx = current_request_ctx()
    if ctx is None:
        raise RuntimeError(
            "is_safe_redirect_url() needs host= outside a request. " + NO_REQUEST
        )
    return ctx.request.host


_header_check_code: t.Final = getattr(
    getattr(_headers, "_str_header_value", None), "__code__", None
)


def is_header_newline_error(error: BaseException) -> bool:
    """Whether ``error`` is werkzeug refusing a header value that holds CR
    or LF (a plain ``ValueError`` raised by its header check).

    werkzeug's refusal keeps the header from going out, but as a
    ``ValueError`` it would be a 500; the app answers it with a 400.
    """
    if type(error) is not ValueError or _header_check_code is None:
        return False
    tb = error.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code is _header_check_code


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address to bind to) is this machine
    only: ``localhost``, ``127.x.x.x`` or ``::1``."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
