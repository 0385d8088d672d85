"""Signed cookie sessions.

The session is a dict stored in a cookie and signed with the app's
``SECRET_KEY`` (itsdangerous, HMAC SHA-256), so the client can read it but
not change it. Values must be JSON: strings, numbers, booleans, ``None``,
lists and dicts (tuples come back as lists). A tampered, expired or
garbage cookie gives an empty session, never an error. Replace
``app.session_interface`` to store sessions elsewhere::

    app.secret_key = "a long random string"

    @app.route("/login")
    class Login(View):
        def post(self) -> Response:
            session["user"] = request.form["user"]
            session.permanent = True       # keep it for PERMANENT_SESSION_LIFETIME
            return redirect(url_for(Index.get))

The session is opened lazily: a request that never touches it reads no
cookie and sends no ``Set-Cookie``. One that touches it gets
``Vary: Cookie``, since its response depends on the cookie.
"""

from __future__ import annotations

import collections.abc as cabc
import hashlib
import typing as t
from datetime import UTC
from datetime import datetime

import typing_extensions as te
from itsdangerous import BadSignature
from itsdangerous import Signer
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import want_bytes
from werkzeug.datastructures import CallbackDict
from werkzeug.http import dump_cookie

from ._header_check import check_headers
from .config import check_secret_keys
from .exceptions import HeaderValueError
from .tagged import TaggedJSON
from .tagged import session_json

if t.TYPE_CHECKING:
    from _collections_abc import dict_items
    from _collections_abc import dict_keys
    from _collections_abc import dict_values

    from .app import App
    from .ctx import RequestContext
    from .wrappers import Request
    from .wrappers import Response

_PERMANENT: t.Final = "_permanent"
_VARY_COOKIE: t.Final = ("Vary", "Cookie")

NO_SECRET_KEY: t.Final = (
    "The session is unavailable because no secret key is set. Set"
    " app.secret_key (or SECRET_KEY in app.config, for example from the"
    " TRANSOM_SECRET_KEY environment variable with"
    " app.config.from_prefixed_env()) to a long random string such as the"
    " output of 'python -c \"import secrets; print(secrets.token_hex())\"'."
)
"""The message of the error raised when a session without a key is written."""


class Session(CallbackDict[str, t.Any]):
    """The session of one request: a mutable mapping of JSON values, and
    the tuples, bytes, ``Markup``, UUIDs, datetimes and dates that
    :mod:`transom.tagged` keeps.

    Writing to it marks it :attr:`modified`; reading what it holds (an
    item, ``in``, its length, its keys, values or items, iterating it)
    marks it :attr:`accessed`, which adds ``Vary: Cookie`` to the response.
    Reading the flags themselves marks nothing.
    """

    def __init__(self, initial: cabc.Mapping[str, t.Any] | None = None) -> None:
        def on_update(self: Session) -> None:
            self.modified = True
            self.accessed = True

        super().__init__(initial, on_update)
        self.modified = False
        """Whether the session was changed in this request. Changing a
        nested value (``session["cart"].append(x)``) is not seen: set this
        to ``True`` yourself then."""
        self.accessed = False
        """Whether the session was read or written in this request."""
        self.new = initial is None
        """Whether the request brought no valid session."""

    @property
    def permanent(self) -> bool:
        """Keep the cookie for ``PERMANENT_SESSION_LIFETIME`` instead of
        until the browser closes."""
        self.accessed = True
        return bool(super().get(_PERMANENT, False))

    @permanent.setter
    def permanent(self, value: bool) -> None:
        if value:
            self[_PERMANENT] = True
        elif _PERMANENT in self:
            # Removing the key rather than storing False keeps an otherwise
            # empty session empty, so it needs no cookie at all.
            del self[_PERMANENT]

    @te.override
    def __getitem__(self, key: str) -> t.Any:
        self.accessed = True
        return super().__getitem__(key)

    @te.override
    def get(self, key: str, default: t.Any = None) -> t.Any:
        self.accessed = True
        return super().get(key, default)

    @te.override
    def setdefault(self, key: str, default: t.Any = None) -> t.Any:
        self.accessed = True
        return super().setdefault(key, default)

    # Flask marks only get(), [] and setdefault(); a response that depends
    # on whether a key is there, or on how many there are, depends on the
    # cookie just as much, so these mark it too (Vary: Cookie stays true).
    @te.override
    def __contains__(self, key: object) -> bool:
        self.accessed = True
        return super().__contains__(key)

    @te.override
    def __iter__(self) -> cabc.Iterator[str]:
        self.accessed = True
        return super().__iter__()

    @te.override
    def __len__(self) -> int:
        self.accessed = True
        return super().__len__()

    @te.override
    def keys(self) -> dict_keys[str, t.Any]:
        self.accessed = True
        return super().keys()

    @te.override
    def values(self) -> dict_values[str, t.Any]:
        self.accessed = True
        return super().values()

    @te.override
    def items(self) -> dict_items[str, t.Any]:
        self.accessed = True
        return super().items()


class NullSession(Session):
    """The session when no ``SECRET_KEY`` is set: it reads as empty and any
    write raises a :class:`RuntimeError` that says how to set a key."""

    def _fail(self, *args: t.Any, **kwargs: t.Any) -> t.NoReturn:
        raise RuntimeError(NO_SECRET_KEY)

    __setitem__ = __delitem__ = __ior__ = _fail
    clear = pop = popitem = update = setdefault = _fail


class SessionInterface:
    """How sessions are loaded and saved. Subclass it and assign an instance
    to ``app.session_interface`` to keep sessions somewhere else (a
    server-side store, for example); :meth:`open_session` and
    :meth:`save_session` are the two methods to write."""

    null_session_class: type[Session] = NullSession
    """The class of the session used when :meth:`open_session` gives ``None``."""

    def make_null_session(self, app: App) -> Session:
        """The session used when :meth:`open_session` returns ``None``."""
        return self.null_session_class()

    def is_null_session(self, session: Session) -> bool:
        """Whether ``session`` is a null session (which is never saved)."""
        return isinstance(session, self.null_session_class)

    def open_session(self, app: App, request: Request) -> Session | None:
        """Load the session of ``request``; ``None`` means a null session.

        It must not raise for bad input from the client: a session that
        cannot be loaded is an empty one.
        """
        raise NotImplementedError

    def save_session(
        self, app: App, session: Session, response: Response, request: Request
    ) -> None:
        """Store ``session`` on ``response``. Called after the after-request
        hooks, only for a session the request used."""
        raise NotImplementedError

    def get_cookie_name(self, app: App) -> str:
        """The session cookie's name: ``SESSION_COOKIE_NAME``.

        This and the other ``get_cookie_*`` methods are called for each
        request that opens or saves a session, so an override may depend
        on the request (a cookie per part of the site, for example).
        """
        name: str = app.config["SESSION_COOKIE_NAME"]
        return name

    def get_cookie_domain(self, app: App) -> str | None:
        """The cookie's ``Domain``: ``SESSION_COOKIE_DOMAIN``, or ``None``
        for the host that set it alone."""
        domain: str | None = app.config["SESSION_COOKIE_DOMAIN"]
        return domain or None

    def get_cookie_path(self, app: App) -> str:
        """The cookie's ``Path``: ``SESSION_COOKIE_PATH``, else
        ``APPLICATION_ROOT``, else ``/``."""
        config = app.config
        path: str = config["SESSION_COOKIE_PATH"] or config["APPLICATION_ROOT"] or "/"
        return path

    def get_cookie_httponly(self, app: App) -> bool:
        """Whether the cookie is kept from scripts: ``SESSION_COOKIE_HTTPONLY``."""
        return bool(app.config["SESSION_COOKIE_HTTPONLY"])

    def get_cookie_secure(self, app: App) -> bool:
        """Whether the cookie is sent over https only:
        ``SESSION_COOKIE_SECURE`` (a cookie set over https is marked secure
        whatever this says)."""
        return bool(app.config["SESSION_COOKIE_SECURE"])

    def get_cookie_samesite(self, app: App) -> str | None:
        """The cookie's ``SameSite``: ``SESSION_COOKIE_SAMESITE``."""
        samesite: str | None = app.config["SESSION_COOKIE_SAMESITE"]
        return samesite

    def get_cookie_partitioned(self, app: App) -> bool:
        """Whether the cookie is partitioned (CHIPS):
        ``SESSION_COOKIE_PARTITIONED``."""
        return bool(app.config["SESSION_COOKIE_PARTITIONED"])

    def should_set_cookie(self, app: App, session: Session) -> bool:
        """Whether this response needs a ``Set-Cookie`` for the session:
        when it changed, or when it is permanent and
        ``SESSION_REFRESH_EACH_REQUEST`` moves its expiry forward."""
        return session.modified or (
            session.permanent and bool(app.config["SESSION_REFRESH_EACH_REQUEST"])
        )

    def expiration(self, app: App, session: Session) -> datetime | None:
        """When the cookie expires: ``None`` for a browser session."""
        if not session.permanent:
            return None
        return datetime.now(UTC) + app.permanent_session_lifetime


class _Signer(TimestampSigner):
    """A timestamp signer that derives each key once: the derived key is
    the HMAC of the salt under the secret key, the same on every call, and
    deriving it again for every cookie cost as much as the signature."""

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self._derived: dict[bytes, bytes] = {}

    @te.override
    def derive_key(self, secret_key: str | bytes | None = None) -> bytes:
        key = self.secret_keys[-1] if secret_key is None else want_bytes(secret_key)
        derived = self._derived.get(key)
        if derived is None:
            derived = self._derived[key] = super().derive_key(key)
        return derived


class _Serializer(URLSafeTimedSerializer):
    """itsdangerous's URL-safe timed serializer, with one signer per salt
    kept instead of one built per cookie (a signer keeps no state between
    calls). Cookies are the same bytes as without it."""

    default_signer = _Signer

    def __init__(self, *args: t.Any, **kwargs: t.Any) -> None:
        super().__init__(*args, **kwargs)
        self._signers: dict[str | bytes | None, Signer] = {}

    @te.override
    def make_signer(self, salt: str | bytes | None = None) -> Signer:
        signer = self._signers.get(salt)
        if signer is None:
            signer = self._signers[salt] = super().make_signer(salt)
        return signer

    @te.override
    def iter_unsigners(
        self, salt: str | bytes | None = None
    ) -> cabc.Iterator[TimestampSigner]:
        # Keys rotate through the signer's own key list, so there is one
        # signer to try: itsdangerous's generator, left after the first,
        # was closed by raising GeneratorExit into it on every cookie.
        if self.fallback_signers:
            return super().iter_unsigners(salt)
        signer = self.make_signer(self.salt if salt is None else salt)
        return iter((t.cast("TimestampSigner", signer),))


_serializers: dict[tuple[t.Any, ...], URLSafeTimedSerializer] = {}
_by_raw_keys: dict[tuple[t.Any, ...], URLSafeTimedSerializer] = {}
_MAX_SERIALIZERS: t.Final = 16


class SecureCookieSessionInterface(SessionInterface):
    """Sessions in a cookie signed with the app's secret key.

    ``SECRET_KEY_FALLBACKS`` lists older keys that still verify, so keys
    can be rotated without logging everyone out; only the current key
    signs, so a session signed with an old key is re-signed the next time
    it is saved.

    Saving is :meth:`session_headers`: the headers a response needs. A
    subclass that overrides :meth:`save_session` is always given the
    :class:`~transom.Response`; otherwise an answer that nothing else
    changes is sent with those headers without building one.
    """

    salt = "transom-session"
    """Separates session signatures from other uses of the secret key."""
    digest_method = staticmethod(hashlib.sha256)
    """The HMAC digest."""
    serializer: TaggedJSON = session_json
    """Writes and reads the session's values: JSON that keeps tuples,
    bytes, ``Markup``, UUIDs, datetimes and dates (see
    :mod:`transom.tagged`)."""

    def signing_serializer(self, app: App) -> URLSafeTimedSerializer | None:
        """The serializer for the app's keys, or ``None`` without a key."""
        secret_key = app.secret_key
        if not secret_key:
            if secret_key is not None:  # False and 0 are not "no key"
                check_secret_keys(secret_key, ())
            return None
        fallbacks = app.config["SECRET_KEY_FALLBACKS"]
        # Looked up first by the keys as configured, which spares encoding
        # them on every request (twice when the session is saved).
        raw_key = (
            secret_key,
            *fallbacks,
            self.salt,
            self.digest_method,
            self.serializer,
        )
        try:
            serializer = _by_raw_keys.get(raw_key)
            hashable = True
        except TypeError:  # a bytearray key: only the encoded keys hash
            serializer = None
            hashable = False
        if serializer is not None:
            return serializer
        # Only keys that passed this check are ever cached above.
        check_secret_keys(secret_key, fallbacks)
        # itsdangerous verifies with every key and signs with the last one.
        keys = tuple(
            key.encode() if isinstance(key, str) else bytes(key)
            for key in (*fallbacks, secret_key)
        )
        # A serializer keeps no state between calls; building one per use
        # cost as much as reading the cookie, so keep one per key set.
        cache_key = (keys, self.salt, self.digest_method, self.serializer)
        serializer = _serializers.get(cache_key)
        if serializer is None:
            if len(_serializers) >= _MAX_SERIALIZERS:
                _serializers.clear()
            serializer = _serializers[cache_key] = _Serializer(
                list(keys),
                salt=self.salt,
                serializer=self.serializer,
                signer_kwargs={
                    "key_derivation": "hmac",
                    "digest_method": self.digest_method,
                },
            )
        if hashable:
            if len(_by_raw_keys) >= _MAX_SERIALIZERS:
                _by_raw_keys.clear()
            _by_raw_keys[raw_key] = serializer
        return serializer

    @te.override
    def open_session(self, app: App, request: Request) -> Session | None:
        serializer = self.signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return Session()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data = serializer.loads(value, max_age=max_age)
        except (BadSignature, ValueError, TypeError):
            # BadSignature covers expired and malformed cookies too; the
            # others come from bytes that are not even text.
            return Session()
        if not isinstance(data, dict):
            return Session()
        return Session(t.cast("dict[str, t.Any]", data))

    def session_headers(
        self, app: App, session: Session, request: Request
    ) -> list[tuple[str, str]]:
        """The headers that save ``session``: ``Vary: Cookie`` when the
        response depends on the cookie, and the ``Set-Cookie`` that stores
        the session (or removes it, once emptied) when it must be sent.

        :meth:`save_session` adds them to the response; a response that
        nothing else changes is sent with them, without a Response object.
        """
        headers: list[tuple[str, str]] = []
        expires: datetime | int | None
        max_age: int | None
        varied = session.accessed
        if varied:
            headers.append(_VARY_COOKIE)
        if not session:
            if not session.modified:
                return headers
            # It was emptied (or cleared): remove the cookie, don't send a
            # signed empty dict.
            value, expires, max_age = "", 0, 0
        elif not self.should_set_cookie(app, session):
            return headers
        else:
            serializer = self.signing_serializer(app)
            if serializer is None:
                return headers
            try:
                value = serializer.dumps(dict(session))
            except TypeError as e:
                raise TypeError(
                    f"The session could not be saved: {e}. Store JSON values"
                    " (str, int, float, bool, None, lists and dicts), tuples,"
                    " bytes, Markup, UUIDs, datetimes and dates in the session,"
                    " or register a tag for the type (see transom.tagged)."
                ) from e
            expires, max_age = self.expiration(app, session), None
        cookie = dump_cookie(
            self.get_cookie_name(app),
            value,
            max_age=max_age,
            expires=expires,
            path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app),
            # A cookie set over https is kept off plain http even when
            # SESSION_COOKIE_SECURE is not set.
            secure=self.get_cookie_secure(app) or request.is_secure,
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
            partitioned=self.get_cookie_partitioned(app),
            max_size=app.response_class.max_cookie_size,
        )
        headers.append(("Set-Cookie", cookie))
        if not varied:
            headers.append(_VARY_COOKIE)
        return headers

    @te.override
    def save_session(
        self, app: App, session: Session, response: Response, request: Request
    ) -> None:
        for name, value in self.session_headers(app, session, request):
            if name == "Vary":
                _vary_cookie(response)
            else:
                response.headers.add(name, value)


def direct_session_headers(
    app: App, ctx: RequestContext
) -> list[tuple[str, str]] | None:
    """The headers that save the request's session on a response sent
    without a Response object; ``None`` when the app's session interface
    must see a Response (one that is not transom's signed cookies, or that
    changes how they are saved)."""
    session = ctx.session_opened
    interface = app.session_interface
    if session is None or interface.is_null_session(session):
        return []
    if (
        not isinstance(interface, SecureCookieSessionInterface)
        or type(interface).save_session is not SecureCookieSessionInterface.save_session
    ):
        return None
    headers = interface.session_headers(app, session, ctx.request)
    try:
        # The cookie's name, domain and path come from the interface's
        # get_cookie_* methods, which may be the user's.
        check_headers(headers)
    except HeaderValueError:
        return None  # the Response this falls back to refuses it
    return headers


def _vary_cookie(response: Response) -> None:
    """Add ``Cookie`` to the response's ``Vary``, as ``response.vary.add``
    does, without parsing a header set when there is no ``Vary`` yet."""
    if response.headers.get("Vary") is None:
        response.headers["Vary"] = "Cookie"
    else:
        response.vary.add("Cookie")
