"""Application settings: a dict with loaders, and transom's defaults."""

from __future__ import annotations

import copy
import datetime
import json
import os
import typing as t

import typing_extensions as te
from werkzeug.utils import import_string

DEFAULTS: t.Final[dict[str, t.Any]] = {
    "DEBUG": False,
    "TESTING": False,
    "PROPAGATE_EXCEPTIONS": None,
    "SECRET_KEY": None,
    "SECRET_KEY_FALLBACKS": [],
    "PERMANENT_SESSION_LIFETIME": datetime.timedelta(days=31),
    "SESSION_COOKIE_NAME": "session",
    "SESSION_COOKIE_DOMAIN": None,
    "SESSION_COOKIE_PATH": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_REFRESH_EACH_REQUEST": True,
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    "MAX_FORM_MEMORY_SIZE": 500_000,
    "MAX_FORM_PARTS": 1_000,
    "SERVER_NAME": None,
    "APPLICATION_ROOT": "/",
    "PREFERRED_URL_SCHEME": "http",
    "TRUSTED_HOSTS": None,
    "TEMPLATES_AUTO_RELOAD": None,
    "SEND_FILE_MAX_AGE_DEFAULT": None,
}
"""Every setting transom reads, with its default."""


class Config(dict[str, t.Any]):
    """The settings of an app, ``app.config``: a dict of upper-case keys.

    Start from :data:`DEFAULTS`, then load with :meth:`from_mapping`,
    :meth:`from_object` or :meth:`from_prefixed_env`.
    """

    def __init__(self, defaults: t.Mapping[str, t.Any] | None = None) -> None:
        # A deep copy: apps must not share the mutable defaults
        # (appending to one app's SECRET_KEY_FALLBACKS would change them all).
        super().__init__(
            copy.deepcopy(dict(DEFAULTS if defaults is None else defaults))
        )

    def from_mapping(
        self, mapping: t.Mapping[str, t.Any] | None = None, **kwargs: t.Any
    ) -> bool:
        """Update from a mapping and keywords; lower-case keys are ignored."""
        items = {**(mapping or {}), **kwargs}
        self.update({k: v for k, v in items.items() if k.isupper()})
        return True

    def from_object(self, obj: object) -> None:
        """Update from the upper-case attributes of a class, instance or module.

        :param obj: the object, or its import path as a string
            (``"myapp.settings.Production"`` or ``"myapp.settings"``).
        """
        if isinstance(obj, str):
            obj = import_string(obj)
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)

    def from_prefixed_env(
        self,
        prefix: str = "TRANSOM",
        *,
        loads: t.Callable[[str], t.Any] = json.loads,
        environ: t.Mapping[str, str] | None = None,
    ) -> bool:
        """Update from environment variables named ``{prefix}_{KEY}``.

        Each value is parsed with ``loads`` (JSON, so ``1`` is an int and
        ``true`` a bool); a value that does not parse stays a string. A
        double underscore sets a nested key: ``TRANSOM_DB__HOST`` sets
        ``config["DB"]["HOST"]``.
        """
        prefix = f"{prefix}_"
        source = os.environ if environ is None else environ
        for name in sorted(source):
            if not name.startswith(prefix):
                continue
            raw = source[name]
            try:
                value = loads(raw)
            except Exception:
                value = raw
            key = name[len(prefix) :]
            if "__" not in key:
                self[key] = value
                continue
            current: dict[str, t.Any] = self
            *parents, last = key.split("__")
            for parent in parents:
                child = current.get(parent)
                if not isinstance(child, dict):
                    # A nested key replaces a value that is not a dict.
                    child = current[parent] = {}
                current = t.cast("dict[str, t.Any]", child)
            current[last] = value
        return True

    def get_namespace(
        self, namespace: str, lowercase: bool = True, trim_namespace: bool = True
    ) -> dict[str, t.Any]:
        """The settings whose keys start with ``namespace`` (``"DB_"``)."""
        found: dict[str, t.Any] = {}
        for key, value in self.items():
            if not key.startswith(namespace):
                continue
            name = key[len(namespace) :] if trim_namespace else key
            found[name.lower() if lowercase else name] = value
        return found

    @te.override
    def __repr__(self) -> str:
        return f"<{type(self).__name__} {super().__repr__()}>"
