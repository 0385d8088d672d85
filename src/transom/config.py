"""Application settings: a dict with loaders, and transom's defaults."""

from __future__ import annotations

import collections.abc as cabc
import copy
import datetime
import errno
import json
import os
import types
import typing as t

import typing_extensions as te
from werkzeug.utils import import_string

from .exceptions import ConfigError

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
    "SESSION_COOKIE_PARTITIONED": False,
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


class KnownConfig(t.TypedDict):
    """The settings transom reads, with their types: what
    :attr:`Config.known` shows a type checker. Keys an application adds
    stay in ``app.config`` itself, typed ``Any``."""

    DEBUG: bool
    TESTING: bool
    PROPAGATE_EXCEPTIONS: bool | None
    SECRET_KEY: str | bytes | None
    SECRET_KEY_FALLBACKS: list[str | bytes]
    PERMANENT_SESSION_LIFETIME: datetime.timedelta | int
    SESSION_COOKIE_NAME: str
    SESSION_COOKIE_DOMAIN: str | None
    SESSION_COOKIE_PATH: str | None
    SESSION_COOKIE_HTTPONLY: bool
    SESSION_COOKIE_SECURE: bool
    SESSION_COOKIE_SAMESITE: t.Literal["Lax", "Strict", "None"] | None
    SESSION_COOKIE_PARTITIONED: bool
    SESSION_REFRESH_EACH_REQUEST: bool
    MAX_CONTENT_LENGTH: int | None
    MAX_FORM_MEMORY_SIZE: int | None
    MAX_FORM_PARTS: int | None
    SERVER_NAME: str | None
    APPLICATION_ROOT: str
    PREFERRED_URL_SCHEME: str
    TRUSTED_HOSTS: list[str] | None
    TEMPLATES_AUTO_RELOAD: bool | None
    SEND_FILE_MAX_AGE_DEFAULT: datetime.timedelta | int | None


_BOOLEANS: t.Final = frozenset(
    {
        "DEBUG",
        "TESTING",
        "PROPAGATE_EXCEPTIONS",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_PARTITIONED",
        "SESSION_REFRESH_EACH_REQUEST",
        "TEMPLATES_AUTO_RELOAD",
    }
)
"""The settings that are booleans (or ``None``, for the two that may be
unset); :meth:`Config.from_prefixed_env` reads them with :func:`read_bool`."""
_TRUE: t.Final = frozenset({"1", "true", "yes", "on"})
_FALSE: t.Final = frozenset({"0", "false", "no", "off", ""})
_KEY_TYPES: t.Final = (str, bytes, bytearray)
_NEW_KEY: t.Final = (
    "set it to a long random string, such as the output of"
    " 'python -c \"import secrets; print(secrets.token_hex())\"'"
)


def read_bool(text: str, name: str) -> bool:
    """Read a boolean from text, as every switch of transom is read: ``1``,
    ``true``, ``yes`` and ``on`` are true; ``0``, ``false``, ``no``, ``off``
    and the empty string are false, in any case, spaces around ignored.

    :param name: the setting or environment variable, for the error.
    :raises ConfigError: any other text.
    """
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ConfigError(
        name,
        f"{text!r} is not a boolean",
        "set it to 1, true, yes or on, or to 0, false, no or off",
    )


def check_secret_keys(key: object, fallbacks: object) -> None:
    """Refuse secret keys that are not text: ``bytes(42)`` is 42 zero bytes,
    and HMAC pads a short key with zeros, so a number as a key signs as the
    empty key does, and anyone can forge a session.

    :param key: the ``SECRET_KEY`` setting.
    :param fallbacks: the ``SECRET_KEY_FALLBACKS`` setting.
    :raises ConfigError: a key that is not ``str`` or ``bytes``, or
        fallbacks that are not a list of them.
    """
    if key is not None and not isinstance(key, _KEY_TYPES):
        raise ConfigError(
            "SECRET_KEY",
            f"a secret key must be text (str or bytes), not {_a(key)}",
            _NEW_KEY,
        )
    if not isinstance(fallbacks, list | tuple):  # a str would be one-letter keys
        raise ConfigError(
            "SECRET_KEY_FALLBACKS",
            f"the old keys must be a list, not {_a(fallbacks)}",
            "put each old key, a str or bytes, in a list",
        )
    for old in t.cast("list[object]", fallbacks):
        if not isinstance(old, _KEY_TYPES):
            raise ConfigError(
                "SECRET_KEY_FALLBACKS",
                f"each old key must be text (str or bytes), not {_a(old)}",
                "list the old keys as they were set in SECRET_KEY",
            )


def _a(value: object) -> str:
    # The type only: a key's value does not belong in a log.
    name = type(value).__name__
    return f"an {name}" if name[:1] in "aeiou" else f"a {name}"


_MISSING_FILE: t.Final = (errno.ENOENT, errno.EISDIR, errno.ENOTDIR)
"""What ``silent=True`` skips: a file that is not there."""


class Config(dict[str, t.Any]):
    """The settings of an app, ``app.config``: a dict of upper-case keys.

    Start from :data:`DEFAULTS`, then load with :meth:`from_mapping`,
    :meth:`from_object`, :meth:`from_pyfile`, :meth:`from_file`,
    :meth:`from_envvar` or :meth:`from_prefixed_env`.

    :param defaults: the settings to start from; :data:`DEFAULTS` when not
        given.
    :param root_path: the folder that relative file names are relative to:
        the app's :attr:`~transom.App.root_path`, or its
        :attr:`~transom.App.instance_path` with
        ``App(instance_relative_config=True)``; the current directory when
        not given.
    """

    def __init__(
        self,
        defaults: t.Mapping[str, t.Any] | None = None,
        *,
        root_path: str | os.PathLike[str] | None = None,
    ) -> None:
        # A deep copy: apps must not share the mutable defaults
        # (appending to one app's SECRET_KEY_FALLBACKS would change them all).
        super().__init__(
            copy.deepcopy(dict(DEFAULTS if defaults is None else defaults))
        )
        self.root_path = "" if root_path is None else os.fspath(root_path)
        """The folder relative file names are relative to (``""``: the
        current directory)."""

    @property
    def known(self) -> KnownConfig:
        """This config, typed for a checker by the settings transom reads
        (:class:`KnownConfig`): ``app.config.known["DEBUG"]`` is a ``bool``,
        and a misspelled key or a value of the wrong type is an error. At
        run time it is the config itself."""
        return t.cast("KnownConfig", self)

    def from_pyfile(
        self, filename: str | os.PathLike[str], silent: bool = False
    ) -> bool:
        """Update from the upper-case names a Python file defines, as
        :meth:`from_object` reads a module::

            app.config.from_pyfile("settings.cfg")

        :param filename: relative to :attr:`root_path`, or absolute.
        :param silent: return ``False`` when the file does not exist,
            instead of raising.
        :returns: whether the file was loaded.
        :raises OSError: the file cannot be read.
        """
        path = os.path.join(self.root_path, os.fspath(filename))
        module = types.ModuleType("config")
        module.__file__ = path
        try:
            # Bytes, so that a "# -*- coding: ... -*-" line is honoured.
            with open(path, "rb") as f:
                code = compile(f.read(), path, "exec")
        except OSError as e:
            if silent and e.errno in _MISSING_FILE:
                return False
            e.strerror = f"Unable to load configuration file ({e.strerror})"
            raise
        exec(code, module.__dict__)
        self.from_object(module)
        return True

    def from_file(
        self,
        filename: str | os.PathLike[str],
        load: cabc.Callable[[t.IO[t.Any]], cabc.Mapping[str, t.Any]],
        silent: bool = False,
        text: bool = True,
    ) -> bool:
        """Update from a file that ``load`` reads into a mapping; its
        upper-case keys are set, as :meth:`from_mapping` does::

            app.config.from_file("config.json", load=json.load)
            app.config.from_file("config.toml", load=tomllib.load, text=False)

        :param filename: relative to :attr:`root_path`, or absolute.
        :param load: reads an open file into a mapping.
        :param silent: return ``False`` when the file does not exist,
            instead of raising.
        :param text: open the file as text (``False``: as bytes, which
            ``tomllib.load`` needs).
        :returns: whether the file was loaded.
        :raises OSError: the file cannot be read.
        """
        path = os.path.join(self.root_path, os.fspath(filename))
        try:
            with open(path, "r" if text else "rb") as f:
                loaded = load(f)
        except OSError as e:
            if silent and e.errno in _MISSING_FILE:
                return False
            e.strerror = f"Unable to load configuration file ({e.strerror})"
            raise
        return self.from_mapping(loaded)

    def from_envvar(self, variable_name: str, silent: bool = False) -> bool:
        """Update from the Python file that the environment variable
        ``variable_name`` names, with :meth:`from_pyfile`::

            app.config.from_envvar("BLOG_SETTINGS")

        :param silent: return ``False`` when the variable is not set or its
            file does not exist, instead of raising.
        :returns: whether a file was loaded.
        :raises RuntimeError: the variable is not set.
        """
        filename = os.environ.get(variable_name)
        if not filename:
            if silent:
                return False
            raise RuntimeError(
                f"The environment variable {variable_name!r} is not set, so no"
                " configuration could be loaded from it. Set it to the path of a"
                " configuration file, or pass silent=True to go on without one."
            )
        return self.from_pyfile(filename, silent=silent)

    def from_mapping(
        self, mapping: t.Mapping[str, t.Any] | None = None, **kwargs: t.Any
    ) -> bool:
        """Update from a mapping and keywords; lower-case keys are ignored.

        :raises ConfigError: a secret key that is not text.
        """
        items = {**(mapping or {}), **kwargs}
        self.update({k: v for k, v in items.items() if k.isupper()})
        self._check_secret_keys()
        return True

    def from_object(self, obj: object) -> None:
        """Update from the upper-case attributes of a class, instance or module.

        :param obj: the object, or its import path as a string
            (``"myapp.settings.Production"`` or ``"myapp.settings"``).
        :raises ConfigError: a secret key that is not text.
        """
        if isinstance(obj, str):
            obj = import_string(obj)
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)
        self._check_secret_keys()

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

        Two kinds of setting are read their own way, whatever ``loads`` is:

        - secrets stay text: a key whose name contains ``SECRET_KEY`` is the
          variable's text as it is (``TRANSOM_SECRET_KEY=42`` is ``"42"``),
          and ``SECRET_KEY_FALLBACKS`` is a JSON list of strings, or else a
          list of the one key the text is;
        - transom's boolean settings (``DEBUG``, ``TESTING``,
          ``SESSION_COOKIE_SECURE``, ...) are read by :func:`read_bool`, so
          ``TRANSOM_DEBUG=False``, ``off`` or ``no`` is ``False``.

        :raises ConfigError: a boolean setting whose text is not a boolean,
            or old keys that are not text.
        """
        prefix = f"{prefix}_"
        source = os.environ if environ is None else environ
        for name in sorted(source):
            if not name.startswith(prefix):
                continue
            key = name[len(prefix) :]
            value = _env_value(name, key, source[name], loads)
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
        self._check_secret_keys()
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

    def _check_secret_keys(self) -> None:
        check_secret_keys(self.get("SECRET_KEY"), self.get("SECRET_KEY_FALLBACKS", []))


def _env_value(
    variable: str, key: str, raw: str, loads: t.Callable[[str], t.Any]
) -> t.Any:
    """The value of the environment variable ``variable`` for ``key``."""
    last = key.rpartition("__")[2]
    if last.endswith("SECRET_KEY_FALLBACKS"):
        return _fallbacks(variable, raw)
    if "SECRET_KEY" in last:
        # Never JSON: "42" would be the int 42, which signs as no key at all.
        return raw
    if key in _BOOLEANS and not (raw.strip() == "null" and DEFAULTS[key] is None):
        # JSON reads "False" as the string "False", which is true.
        return read_bool(raw, variable)
    try:
        return loads(raw)
    except Exception:
        return raw


def _fallbacks(variable: str, raw: str) -> list[str]:
    if not raw.strip():
        return []
    try:
        keys = json.loads(raw)
    except ValueError:
        return [raw]
    if not isinstance(keys, list):
        return [raw]  # "42" or "true" is one key, as text
    for old in t.cast("list[object]", keys):
        if not isinstance(old, str):
            raise ConfigError(
                variable,
                f"each old key in the JSON list must be a string, not {_a(old)}",
                "quote every key in the list",
            )
    return t.cast("list[str]", keys)
