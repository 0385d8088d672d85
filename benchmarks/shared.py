"""What several framework apps share: the data they serve, the template
folder, and a signed-cookie session for frameworks that have none built in."""

from __future__ import annotations

import hashlib
import json
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


TASK: t.Final = {
    "title": "Write the report",
    "priority": 2,
    "done": False,
    "owner": "ada",
    "steps": [{"name": "outline", "minutes": 30}, {"name": "draft", "minutes": 90}],
}
"""The typed-body workload's document: five fields, one a list of objects."""
TASK_BODY: t.Final = json.dumps(TASK).encode()
_TASK_FIELDS: t.Final = frozenset(TASK)
_STEP_FIELDS: t.Final = frozenset(("name", "minutes"))


def task_summary(title: str, minutes: list[int]) -> dict[str, object]:
    """What the typed-body workload answers (keys sorted, as Flask sorts)."""
    return {"minutes": sum(minutes), "steps": len(minutes), "title": title}


def check_task(data: object) -> dict[str, object] | None:
    """The typed-body workload's validation, written by hand for the
    frameworks without typed bodies: the same rules as transom's decoder
    of the same type (exact fields, strict types, the same bounds), the
    answer or ``None`` for a document to refuse (422)."""
    if type(data) is not dict or data.keys() != _TASK_FIELDS:
        return None
    title, priority, done = data["title"], data["priority"], data["done"]
    if not (
        type(title) is str
        and 1 <= len(title) <= 200
        and type(priority) is int
        and 1 <= priority <= 5
        and type(done) is bool
        and type(data["owner"]) is str
        and type(data["steps"]) is list
    ):
        return None
    minutes: list[int] = []
    for step in data["steps"]:
        if type(step) is not dict or step.keys() != _STEP_FIELDS:
            return None
        value = step["minutes"]
        if type(step["name"]) is not str or type(value) is not int or value < 0:
            return None
        minutes.append(value)
    return task_summary(title, minutes)


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
