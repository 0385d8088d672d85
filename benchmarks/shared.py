"""What several framework apps share: the data they serve, the template
folder, and a signed-cookie session for frameworks that have none built in."""

from __future__ import annotations

import hashlib
import os
import typing as t

import jinja2
from itsdangerous import BadSignature
from itsdangerous import URLSafeTimedSerializer

SECRET_KEY: t.Final = "benchmark-secret-key-not-for-production"
"""The key every app signs its session cookie with."""
SESSION_COOKIE: t.Final = "session"
"""The session cookie's name, the same in every app."""
TEMPLATE_DIR: t.Final = os.path.join(
    os.path.dirname(__file__), "frameworks", "templates"
)
"""The folder of ``page.html``."""
ROUTES: t.Final = 500
"""How many routes the many-routes app has."""
TITLE: t.Final = "Items"
"""The page title the template workload renders."""
ITEMS: t.Final = (*(f"item {i}" for i in range(9)), "<b>escaped</b>")
"""The items the template workload renders; the last one must be escaped."""


def user(name: str) -> dict[str, object]:
    """The object the JSON workload returns (keys in sorted order, since
    Flask sorts them and the others keep the order given)."""
    return {"admin": False, "length": len(name), "name": name}


def jinja_env() -> jinja2.Environment:
    """A Jinja environment like the one Flask and transom set up: the
    template folder, autoescaping for ``.html``."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=jinja2.select_autoescape(["html"]),
    )


class CookieSession:
    """A session in a signed cookie, as Flask and transom keep it
    (itsdangerous, HMAC SHA-256, JSON), for frameworks without sessions."""

    def __init__(self) -> None:
        self.serializer = URLSafeTimedSerializer(
            SECRET_KEY,
            salt="benchmark-session",
            signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256},
        )

    def load(self, cookie: str | None) -> dict[str, t.Any]:
        """The session in ``cookie``; empty when missing or tampered with."""
        if not cookie:
            return {}
        try:
            data = self.serializer.loads(cookie, max_age=31 * 86400)
        except BadSignature:
            return {}
        return data if isinstance(data, dict) else {}

    def dump(self, data: dict[str, t.Any]) -> str:
        """The cookie value that stores ``data``."""
        return t.cast(str, self.serializer.dumps(data))
