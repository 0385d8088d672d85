"""Signed cookie sessions, end to end through the test client."""

from __future__ import annotations

import collections.abc as cabc
import datetime
import time
import typing as t
import uuid

import pytest
import typing_extensions as te
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from markupsafe import Markup

from transom import App
from transom import Response
from transom import abort
from transom import request
from transom import session
from transom.exceptions import ConfigError
from transom.sessions import SecureCookieSessionInterface
from transom.sessions import Session
from transom.sessions import SessionInterface
from transom.testing import TestClient
from transom.testing import TestResponse
from transom.typing import JSONValue
from transom.wrappers import Request

KEY = "a-secret-key-for-tests"


@pytest.fixture
def session_app(app: App) -> App:
    app.secret_key = KEY

    @app.route("/set/<key>/<value>")
    def set_value(key: str, value: str) -> str:
        session[key] = value
        return "set"

    @app.route("/get/<key>")
    def get_value(key: str) -> str:
        return repr(session.get(key))

    @app.route("/has/<key>")
    def has_value(key: str) -> str:
        return str(key in session)

    @app.route("/all")
    def all_values() -> dict[str, JSONValue]:
        return dict(session)

    @app.route("/pop/<key>")
    def pop_value(key: str) -> str:
        return repr(session.pop(key, None))

    @app.route("/clear")
    def clear() -> str:
        session.clear()
        return "cleared"

    @app.route("/permanent/<int:on>")
    def permanent(on: int) -> str:
        session.permanent = bool(on)
        return str(session.permanent)

    @app.route("/untouched")
    def untouched() -> str:
        return "nothing"

    return app


@pytest.fixture
def session_client(session_app: App) -> TestClient:
    return session_app.test_client()


def _clock(timestamp: int) -> cabc.Callable[[TimestampSigner], int]:
    """A replacement for the signer's clock, to sign as if in the past."""

    def get_timestamp(self: TimestampSigner) -> int:
        return timestamp

    return get_timestamp


def _set_cookies(response: TestResponse) -> list[str]:
    return response.headers.getlist("Set-Cookie")


def _cookie(client: TestClient, name: str = "session") -> str:
    cookie = client.get_cookie(name)
    assert cookie is not None, f"no {name!r} cookie"
    return cookie.value


def test_values_persist_between_requests(session_client: TestClient) -> None:
    assert session_client.get("/set/user/ada").text == "set"
    assert session_client.get("/get/user").text == "'ada'"
    session_client.get("/set/theme/dark")
    assert session_client.get("/all").json == {"user": "ada", "theme": "dark"}


def test_a_new_client_has_an_empty_session(session_client: TestClient) -> None:
    assert session_client.get("/get/user").text == "None"
    assert session_client.get("/all").json == {}


def test_the_cookie_is_signed_not_encrypted(
    session_app: App, session_client: TestClient
) -> None:
    session_client.get("/set/user/ada")
    serializer = SecureCookieSessionInterface().signing_serializer(session_app)
    assert serializer is not None
    assert serializer.loads(_cookie(session_client)) == {"user": "ada"}


def test_untouched_session_sends_no_cookie_and_no_vary(
    session_client: TestClient,
) -> None:
    session_client.get("/set/user/ada")
    response = session_client.get("/untouched")
    assert _set_cookies(response) == []
    assert "Cookie" not in response.vary


@pytest.mark.parametrize("path", ["/get/user", "/has/user", "/all"])
def test_any_access_adds_vary_cookie(session_client: TestClient, path: str) -> None:
    session_client.get("/set/user/ada")
    response = session_client.get(path)
    assert "Cookie" in response.vary
    # Reading does not rewrite the cookie.
    assert _set_cookies(response) == []


def test_access_without_a_cookie_adds_vary_cookie(session_client: TestClient) -> None:
    response = session_client.get("/get/user")
    assert "Cookie" in response.vary
    assert _set_cookies(response) == []


def test_writing_sends_a_cookie_with_default_attributes(
    session_client: TestClient,
) -> None:
    response = session_client.get("/set/user/ada")
    (header,) = _set_cookies(response)
    assert header.startswith("session=")
    attributes = {part.strip().split("=")[0] for part in header.split(";")[1:]}
    assert attributes == {"HttpOnly", "Path", "SameSite"}
    assert "SameSite=Lax" in header
    assert "Path=/" in header
    assert "Cookie" in response.vary


def test_cookie_settings_are_applied(session_app: App) -> None:
    session_app.config.update(
        SESSION_COOKIE_NAME="sid",
        SESSION_COOKIE_DOMAIN="example.com",
        SESSION_COOKIE_PATH="/app",
        SESSION_COOKIE_HTTPONLY=False,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=True,
    )
    client = session_app.test_client()
    response = client.get("/set/user/ada", base_url="http://example.com")
    (header,) = _set_cookies(response)
    assert header.startswith("sid=")
    parts = {part.strip() for part in header.split(";")[1:]}
    assert parts == {"Domain=example.com", "Secure", "Path=/app", "SameSite=Strict"}


def test_partitioned_cookie(session_app: App) -> None:
    # Flask 3.1's SESSION_COOKIE_PARTITIONED, on the cookie that stores the
    # session and on the one that removes it.
    session_app.config.update(
        SESSION_COOKIE_PARTITIONED=True, SESSION_COOKIE_SECURE=True
    )
    client = session_app.test_client()
    for path in "/set/user/ada", "/pop/user":
        (header,) = _set_cookies(client.get(path, base_url="https://localhost"))
        assert "Partitioned" in {part.strip() for part in header.split(";")}
    session_app.config["SESSION_COOKIE_PARTITIONED"] = False
    (header,) = _set_cookies(client.get("/set/user/ada", base_url="https://localhost"))
    assert "Partitioned" not in header


def test_secure_flag_follows_https(session_client: TestClient) -> None:
    (plain,) = _set_cookies(session_client.get("/set/a/1"))
    assert "Secure" not in plain
    secure = session_client.get("/set/a/1", base_url="https://localhost")
    (header,) = _set_cookies(secure)
    assert "Secure" in {part.strip() for part in header.split(";")}


def test_samesite_none_is_sent(session_app: App) -> None:
    session_app.config["SESSION_COOKIE_SAMESITE"] = None
    (header,) = _set_cookies(session_app.test_client().get("/set/a/1"))
    assert "SameSite" not in header


def test_application_root_is_the_default_path(session_app: App) -> None:
    session_app.config["APPLICATION_ROOT"] = "/shop"
    (header,) = _set_cookies(session_app.test_client().get("/set/a/1"))
    assert "Path=/shop" in header


def test_emptying_the_session_deletes_the_cookie(session_client: TestClient) -> None:
    session_client.get("/set/user/ada")
    response = session_client.get("/pop/user")
    assert response.text == "'ada'"
    (header,) = _set_cookies(response)
    assert header.startswith("session=;")
    assert "Max-Age=0" in header
    assert "Cookie" in response.vary
    assert session_client.get_cookie("session") is None


def test_clearing_the_session_deletes_the_cookie(session_client: TestClient) -> None:
    session_client.get("/set/user/ada")
    session_client.get("/set/theme/dark")
    (header,) = _set_cookies(session_client.get("/clear"))
    assert "Max-Age=0" in header
    assert session_client.get("/all").json == {}


def test_popping_a_missing_key_sends_nothing(session_client: TestClient) -> None:
    response = session_client.get("/pop/user")
    assert response.text == "None"
    assert _set_cookies(response) == []


def test_removing_one_of_two_keys_rewrites_the_cookie(
    session_client: TestClient,
) -> None:
    session_client.get("/set/user/ada")
    session_client.get("/set/theme/dark")
    (header,) = _set_cookies(session_client.get("/pop/user"))
    assert "Max-Age=0" not in header
    assert session_client.get("/all").json == {"theme": "dark"}


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "",
        "a.b.c",
        "eyJ1c2VyIjoiZXZlIn0.ZZZZZZ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "\u00e9\u00e8",
        "%00%ff",
        "." * 500,
    ],
)
def test_garbage_cookie_gives_an_empty_session(
    session_client: TestClient, value: str
) -> None:
    session_client.set_cookie("session", value)
    response = session_client.get("/all")
    assert response.status_code == 200
    assert response.json == {}


def test_tampered_cookie_gives_an_empty_session(session_client: TestClient) -> None:
    session_client.get("/set/user/ada")
    payload, timestamp, signature = _cookie(session_client).split(".")
    # Same signature, a payload that says {"user":"eve"}.
    forged = "eyJ1c2VyIjoiZXZlIn0"
    assert forged != payload
    session_client.set_cookie("session", f"{forged}.{timestamp}.{signature}")
    assert session_client.get("/all").json == {}


def test_cookie_signed_with_another_key_gives_an_empty_session(
    session_app: App, session_client: TestClient
) -> None:
    session_client.get("/set/user/ada")
    session_app.secret_key = "another-key"
    assert session_client.get("/all").json == {}


def test_signed_value_that_is_not_a_dict_gives_an_empty_session(
    session_app: App, session_client: TestClient
) -> None:
    serializer = SecureCookieSessionInterface().signing_serializer(session_app)
    assert serializer is not None
    session_client.set_cookie("session", serializer.dumps(["not", "a", "dict"]))
    assert session_client.get("/all").json == {}


def test_expired_cookie_gives_an_empty_session(
    session_app: App, session_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(minutes=5)
    an_hour_ago = int(time.time()) - 3600
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", _clock(an_hour_ago))
        session_client.get("/set/user/ada")
    assert session_client.get("/get/user").text == "None"
    # A fresh cookie with the same lifetime is still valid.
    session_client.get("/set/user/ada")
    assert session_client.get("/get/user").text == "'ada'"


def test_lifetime_may_be_given_in_seconds(
    session_app: App, session_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    session_app.config["PERMANENT_SESSION_LIFETIME"] = 60
    two_minutes_ago = int(time.time()) - 120
    with monkeypatch.context() as m:
        m.setattr(TimestampSigner, "get_timestamp", _clock(two_minutes_ago))
        session_client.get("/set/user/ada")
    assert session_client.get("/get/user").text == "None"


def test_key_rotation_with_fallbacks(
    session_app: App, session_client: TestClient
) -> None:
    session_client.get("/set/user/ada")
    old_cookie = _cookie(session_client)
    session_app.config["SECRET_KEY_FALLBACKS"] = [KEY]
    session_app.secret_key = "the-new-key"
    assert session_client.get("/get/user").text == "'ada'"
    # A write re-signs the session with the new key, not the fallback.
    session_client.get("/set/theme/dark")
    new_cookie = _cookie(session_client)
    assert new_cookie != old_cookie
    for key, expected in (("the-new-key", True), (KEY, False)):
        serializer = URLSafeTimedSerializer(
            key,
            salt=SecureCookieSessionInterface.salt,
            signer_kwargs={
                "key_derivation": "hmac",
                "digest_method": SecureCookieSessionInterface.digest_method,
            },
        )
        ok, _ = serializer.loads_unsafe(new_cookie)
        assert ok is expected
    # Once the old key is dropped, old cookies stop working.
    session_app.config["SECRET_KEY_FALLBACKS"] = []
    session_client.set_cookie("session", old_cookie)
    assert session_client.get("/all").json == {}


def test_bytes_secret_key(session_app: App, session_client: TestClient) -> None:
    session_app.secret_key = b"\x00\xffbinary-key"
    session_client.get("/set/user/ada")
    assert session_client.get("/get/user").text == "'ada'"


def test_browser_session_cookie_has_no_expiry(session_client: TestClient) -> None:
    (header,) = _set_cookies(session_client.get("/set/user/ada"))
    assert "Expires" not in header


def test_permanent_session_cookie_expires_after_the_lifetime(
    session_app: App, session_client: TestClient
) -> None:
    session_app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(days=2)
    session_client.get("/set/user/ada")
    response = session_client.get("/permanent/1")
    assert response.text == "True"
    cookie = session_client.get_cookie("session")
    assert cookie is not None and cookie.expires is not None
    remaining = cookie.expires - datetime.datetime.now(datetime.UTC)
    assert (
        datetime.timedelta(days=1, hours=23) < remaining <= datetime.timedelta(days=2)
    )


def test_permanent_session_is_refreshed_when_read(
    session_client: TestClient,
) -> None:
    session_client.get("/permanent/1")
    response = session_client.get("/get/user")
    (header,) = _set_cookies(response)
    assert "Expires" in header


@pytest.mark.parametrize("direct", [True, False], ids=["direct", "response"])
def test_permanent_session_is_refreshed_when_untouched(
    session_app: App, session_client: TestClient, direct: bool
) -> None:
    # As Flask: with SESSION_REFRESH_EACH_REQUEST (the default), every
    # request moves a permanent session's expiry forward, or it would expire
    # while the user is still active.
    if not direct:  # a hook makes the app build a Response

        @session_app.after_request
        def hook(response: Response) -> Response:
            return response

    session_client.get("/set/user/ada")
    session_client.get("/permanent/1")
    before = _cookie(session_client)
    time.sleep(1.1)  # the signature's timestamp has a one-second step
    response = session_client.get("/untouched")
    (header,) = _set_cookies(response)
    assert "Expires" in header
    assert response.headers["Vary"] == "Cookie"
    assert _cookie(session_client) != before
    assert session_client.get("/all").json == {"_permanent": True, "user": "ada"}


def test_an_untouched_browser_session_sends_nothing(
    session_client: TestClient,
) -> None:
    session_client.get("/set/user/ada")
    response = session_client.get("/untouched")
    assert _set_cookies(response) == []
    assert "Vary" not in response.headers


def test_flasks_session_cookie_setting(session_app: App) -> None:
    # Flask's test_session_cookie_setting: whether a request that only
    # reads a session sends its cookie again.
    state = {"permanent": True}

    @session_app.route("/bump")
    def bump() -> str:
        count = session["foo"] = session.get("foo", 0) + 1
        session.permanent = state["permanent"]
        return str(count)

    @session_app.route("/read")
    def read() -> str:
        return str(session.get("foo", 0))

    for permanent, refresh, expected in [
        (True, True, True),
        (True, False, False),
        (False, True, False),
        (False, False, False),
    ]:
        state["permanent"] = permanent
        session_app.config["SESSION_REFRESH_EACH_REQUEST"] = refresh
        client = session_app.test_client()
        assert [client.get("/bump").text for _ in range(3)] == ["1", "2", "3"]
        for path in ("/read", "/untouched"):
            response = client.get(path)
            assert bool(_set_cookies(response)) is expected, (permanent, refresh)
        assert client.get("/read").text == "3"


def test_permanent_session_refresh_can_be_turned_off(
    session_app: App, session_client: TestClient
) -> None:
    session_app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    session_client.get("/permanent/1")
    assert _set_cookies(session_client.get("/get/user")) == []
    assert _set_cookies(session_client.get("/untouched")) == []
    assert _set_cookies(session_client.get("/set/user/ada")) != []


def test_making_a_session_temporary_again(session_client: TestClient) -> None:
    session_client.get("/set/user/ada")
    session_client.get("/permanent/1")
    assert session_client.get("/permanent/0").text == "False"
    (header,) = _set_cookies(session_client.get("/set/user/bob"))
    assert "Expires" not in header
    assert session_client.get("/all").json == {"user": "bob"}


def test_making_an_empty_session_temporary_sends_nothing(
    session_client: TestClient,
) -> None:
    response = session_client.get("/permanent/0")
    assert response.text == "False"
    assert _set_cookies(response) == []


# -- no secret key ----------------------------------------------------------


@pytest.fixture
def keyless_app(app: App) -> App:
    @app.route("/read")
    def read() -> str:
        return f"{session.get('user')!r} {len(session)} {'user' in session}"

    @app.route("/write")
    def write() -> str:
        session["user"] = "ada"
        return "written"

    return app


def test_reading_without_a_secret_key_works(keyless_app: App) -> None:
    client = keyless_app.test_client()
    client.set_cookie("session", "anything")
    response = client.get("/read")
    assert response.status_code == 200
    assert response.text == "None 0 False"
    assert _set_cookies(response) == []


def test_writing_without_a_secret_key_names_the_fix(keyless_app: App) -> None:
    client = keyless_app.test_client()
    with pytest.raises(RuntimeError, match=r"app\.secret_key.*SECRET_KEY"):
        client.get("/write")


def test_writing_without_a_secret_key_is_a_500_in_production(
    keyless_app: App,
) -> None:
    keyless_app.testing = False
    keyless_app.logger.disabled = True
    try:
        response = keyless_app.test_client().get("/write")
    finally:
        keyless_app.logger.disabled = False
    assert response.status_code == 500
    assert _set_cookies(response) == []


# -- values ---------------------------------------------------------------


def test_json_values_round_trip(app: App) -> None:
    app.secret_key = KEY
    value: dict[str, object] = {
        "n": 1,
        "f": 1.5,
        "b": True,
        "none": None,
        "list": [1, "x"],
        "d": {},
    }

    @app.route("/write")
    def write() -> str:
        session["value"] = value
        return ""

    @app.route("/read")
    def read() -> dict[str, JSONValue]:
        return {"value": session["value"]}

    client = app.test_client()
    client.get("/write")
    assert client.get("/read").json == {"value": value}


def test_a_value_that_cannot_be_stored_names_the_fix(app: App) -> None:
    app.secret_key = KEY

    @app.route("/write")
    def write() -> str:
        session["value"] = object()
        return ""

    with pytest.raises(TypeError, match="register a tag for the type"):
        app.test_client().get("/write")


def test_flasks_special_types_round_trip(app: App) -> None:
    # Flask's test_session_special_types: each value comes back with its
    # type, set in an after-request hook as there.
    app.secret_key = KEY
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    the_uuid = uuid.uuid4()
    values: dict[str, object] = {
        "m": Markup("Hello!"),
        "u": the_uuid,
        "dt": now,
        "b": b"\xff",
        "t": (1, 2, 3),
        "d": datetime.date(2024, 5, 1),
        "nested": {"t": ("x", b"y")},
    }
    seen: list[dict[str, object]] = []

    @app.after_request
    def modify_session(response: Response) -> Response:
        session.update(values)
        return response

    @app.route("/")
    def dump() -> str:
        seen.append(dict(session))
        return ""

    client = app.test_client()
    client.get("/")
    client.get("/")
    assert seen[1] == values
    assert {k: type(v) for k, v in seen[1].items()} == {
        k: type(v) for k, v in values.items()
    }
    nested = t.cast("dict[str, tuple[str, bytes]]", seen[1]["nested"])
    assert type(nested["t"]) is tuple and type(nested["t"][1]) is bytes


# Written by transom before session values were tagged (plain JSON):
# {"user": "ada", "cart": [1, "two", {"n": null}],
#  "when": "2024-05-01T12:00:00", " t": 1}, signed with KEY.
UNTAGGED_COOKIE = (
    "eyJ1c2VyIjoiYWRhIiwiY2FydCI6WzEsInR3byIseyJuIjpudWxsfV0sIndoZW4iOiIyMDI0"
    "LTA1LTAxVDEyOjAwOjAwIiwiIHQiOjF9.axMFmA.ogDLZ0K7b2tLq7qW2aAmqxuryaZD1c4Tn8y2"
    "bBhy4fc"
)


def test_a_cookie_written_before_tags_still_loads(session_app: App) -> None:
    session_app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(
        days=365 * 100
    )
    client = session_app.test_client()
    client.set_cookie("session", UNTAGGED_COOKIE)
    assert client.get("/all").json == {
        "user": "ada",
        "cart": [1, "two", {"n": None}],
        "when": "2024-05-01T12:00:00",
        " t": 1,
    }


def test_nested_changes_need_modified(app: App) -> None:
    app.secret_key = KEY

    @app.route("/start")
    def start() -> str:
        session["cart"] = []
        return ""

    @app.route("/add/<item>/<int:mark>")
    def add(item: str, mark: int) -> str:
        session["cart"].append(item)
        if mark:
            session.modified = True
        return ""

    @app.route("/cart")
    def cart() -> list[str]:
        return list(session["cart"])

    client = app.test_client()
    client.get("/start")
    client.get("/add/apple/0")
    assert client.get("/cart").json == []
    client.get("/add/pear/1")
    assert client.get("/cart").json == ["pear"]


def test_missing_key_is_a_key_error_the_app_can_handle(app: App) -> None:
    app.secret_key = KEY

    @app.route("/")
    def index() -> str:
        try:
            return str(session["absent"])
        except KeyError:
            return "absent"

    assert app.test_client().get("/").text == "absent"


def test_session_in_after_request_hook_is_saved(app: App) -> None:
    app.secret_key = KEY

    @app.route("/")
    def index() -> str:
        return "ok"

    @app.after_request
    def count(response: Response) -> Response:
        session["visits"] = session.get("visits", 0) + 1
        return response

    client = app.test_client()
    client.get("/")
    client.get("/")
    serializer = SecureCookieSessionInterface().signing_serializer(app)
    assert serializer is not None
    assert serializer.loads(_cookie(client)) == {"visits": 2}


def test_session_survives_an_http_error(app: App) -> None:
    app.secret_key = KEY

    @app.route("/deny")
    def deny() -> str:
        session["denied"] = True
        abort(403)

    client = app.test_client()
    response = client.get("/deny")
    assert response.status_code == 403
    assert _set_cookies(response) != []


# -- replacing the interface ------------------------------------------------


class MemorySessionInterface(SessionInterface):
    """Sessions kept on the server, keyed by a random id in the cookie."""

    def __init__(self) -> None:
        self.store: dict[str, dict[str, object]] = {}

    def open_session(self, app: App, request: Request) -> Session | None:
        sid = request.cookies.get("sid")
        if sid is None or sid not in self.store:
            return Session()
        return Session(self.store[sid])

    def save_session(
        self, app: App, session: Session, response: Response, request: Request
    ) -> None:
        if not session.modified:
            return
        sid = request.cookies.get("sid") or f"id{len(self.store)}"
        self.store[sid] = dict(session)
        response.set_cookie("sid", sid, httponly=True)


def test_the_session_interface_is_replaceable(session_app: App) -> None:
    interface = MemorySessionInterface()
    session_app.session_interface = interface
    client = session_app.test_client()
    client.get("/set/user/ada")
    assert client.get_cookie("session") is None
    assert _cookie(client, "sid") == "id0"
    assert interface.store == {"id0": {"user": "ada"}}
    assert client.get("/get/user").text == "'ada'"


def test_a_replacement_interface_may_refuse_sessions(session_app: App) -> None:
    class Refusing(SessionInterface):
        def open_session(self, app: App, request: Request) -> Session | None:
            return None

        def save_session(
            self, app: App, session: Session, response: Response, request: Request
        ) -> None:
            raise AssertionError("a null session is never saved")

    session_app.session_interface = Refusing()
    client = session_app.test_client()
    assert client.get("/get/user").text == "None"
    with pytest.raises(RuntimeError, match="secret key"):
        client.get("/set/user/ada")


def _forged_with(key: bytes) -> str:
    """A session cookie saying ``{"user": "admin"}``, signed with ``key``."""
    return URLSafeTimedSerializer(
        key,
        salt=SecureCookieSessionInterface.salt,
        signer_kwargs={
            "key_derivation": "hmac",
            "digest_method": SecureCookieSessionInterface.digest_method,
        },
    ).dumps({"user": "admin"})


@pytest.mark.parametrize("raw", ["42", "64", "1", "true", "1000000000000"])
def test_a_numeric_secret_key_from_the_environment_signs_as_text(
    session_app: App, session_client: TestClient, raw: str
) -> None:
    # As JSON, "42" was the int 42, which became 42 zero bytes: HMAC pads a
    # short key with zeros, so a cookie signed with the empty key passed.
    session_app.config.from_prefixed_env(environ={"TRANSOM_SECRET_KEY": raw})
    assert session_app.secret_key == raw
    session_client.set_cookie("session", _forged_with(b""))
    assert session_client.get("/get/user").text == "None"
    session_client.set_cookie("session", _forged_with(raw.encode()))
    assert session_client.get("/get/user").text == "'admin'"


@pytest.mark.parametrize("key", [42, 10**12, True, 0, False])
def test_a_secret_key_that_is_not_text_is_refused_when_a_request_needs_it(
    session_app: App, session_client: TestClient, key: object
) -> None:
    session_app.config["SECRET_KEY"] = key  # past every loader's check
    with pytest.raises(ConfigError, match="^SECRET_KEY: a secret key must be text"):
        session_client.get("/get/user")
    session_app.testing = False
    response = session_client.get("/get/user")
    assert response.status_code == 500
    assert "SECRET_KEY" not in response.text  # the page stays plain; the log says why


def test_setting_a_secret_key_that_is_not_text_is_refused(session_app: App) -> None:
    with pytest.raises(ConfigError, match="^SECRET_KEY: a secret key must be text"):
        session_app.secret_key = t.cast(str, 42)
    assert session_app.secret_key == KEY


@pytest.mark.parametrize("fallbacks", ["old-key", [KEY, 0]])
def test_secret_key_fallbacks_that_are_not_a_list_of_text_are_refused(
    session_app: App, session_client: TestClient, fallbacks: object
) -> None:
    # A string would be a list of one-letter keys, and 0 the empty key.
    session_app.config["SECRET_KEY_FALLBACKS"] = fallbacks
    session_client.set_cookie("session", _forged_with(b""))
    with pytest.raises(ConfigError, match="^SECRET_KEY_FALLBACKS: "):
        session_client.get("/get/user")


def test_opening_the_session_marks_nothing(session_app: App) -> None:
    # As in Flask: a view that has not read the session yet sees it not
    # accessed and not modified; reading a key marks it accessed only.
    seen: list[tuple[bool, bool]] = []

    @session_app.route("/flags")
    def flags() -> str:
        seen.append((session.accessed, session.modified))
        value = session.get("user", "none")
        seen.append((session.accessed, session.modified))
        return str(value)

    client = session_app.test_client()
    client.get("/set/user/ada")
    assert client.get("/flags").text == "ada"
    assert seen == [(False, False), (True, False)]


def test_a_hook_reading_the_flags_adds_no_vary(session_app: App) -> None:
    # A hook that checks session.modified on every response must not make
    # every response depend on the cookie (Vary: Cookie defeats caches).
    checked: list[bool] = []

    @session_app.after_request
    def note(response: Response) -> Response:
        checked.append(session.modified or session.accessed or session.new)
        return response

    client = session_app.test_client()
    client.get("/set/user/ada")
    response = client.get("/untouched")
    assert "Vary" not in response.headers
    assert checked[-1] is False


@pytest.mark.parametrize(
    "read",
    [
        lambda: "user" in session,
        lambda: len(session),
        lambda: list(session),
        lambda: list(session.keys()),
        lambda: list(session.values()),
        lambda: list(session.items()),
    ],
    ids=["in", "len", "iter", "keys", "values", "items"],
)
def test_reading_the_contents_varies_on_the_cookie(
    session_app: App, read: cabc.Callable[[], object]
) -> None:
    @session_app.route("/read")
    def read_view() -> str:
        return str(read())

    client = session_app.test_client()
    client.get("/set/user/ada")
    assert client.get("/read").headers["Vary"] == "Cookie"


class _AreaCookies(SecureCookieSessionInterface):
    """One session cookie per part of the site: the admin pages' cookie has
    its own name, path and attributes."""

    def _admin(self) -> bool:
        return request.path.startswith("/admin/")

    @te.override
    def get_cookie_name(self, app: App) -> str:
        return "admin_session" if self._admin() else super().get_cookie_name(app)

    @te.override
    def get_cookie_path(self, app: App) -> str:
        return "/admin/" if self._admin() else super().get_cookie_path(app)

    @te.override
    def get_cookie_domain(self, app: App) -> str | None:
        return "example.com" if self._admin() else super().get_cookie_domain(app)

    @te.override
    def get_cookie_secure(self, app: App) -> bool:
        return self._admin() or super().get_cookie_secure(app)

    @te.override
    def get_cookie_httponly(self, app: App) -> bool:
        return not self._admin() and super().get_cookie_httponly(app)

    @te.override
    def get_cookie_samesite(self, app: App) -> str | None:
        return "Strict" if self._admin() else super().get_cookie_samesite(app)

    @te.override
    def get_cookie_partitioned(self, app: App) -> bool:
        return self._admin() or super().get_cookie_partitioned(app)


@pytest.fixture
def area_app(app: App) -> App:
    app.secret_key = KEY
    app.session_interface = _AreaCookies()

    for prefix in ("", "/admin"):

        @app.route(f"{prefix}/set/<value>", endpoint=f"set{prefix}")
        def set_value(value: str) -> str:
            session["value"] = value
            return "set"

        @app.route(f"{prefix}/get", endpoint=f"get{prefix}")
        def get_value() -> str:
            return str(session.get("value"))

    return app


def test_the_interface_names_and_places_the_cookie(area_app: App) -> None:
    client = area_app.test_client()
    base = "https://example.com"
    plain = client.get("/set/a", base_url=base).headers["Set-Cookie"]
    admin = client.get("/admin/set/b", base_url=base).headers["Set-Cookie"]
    assert plain.startswith("session=")
    assert "; Path=/" in plain and "Domain" not in plain
    assert "HttpOnly" in plain and "SameSite=Lax" in plain
    assert admin.startswith("admin_session=")
    assert "; Path=/admin/" in admin and "Domain=example.com" in admin
    assert "Secure" in admin and "HttpOnly" not in admin
    assert "SameSite=Strict" in admin and "Partitioned" in admin
    assert "Partitioned" not in plain
    # Each part of the site reads its own cookie back.
    assert client.get("/get", base_url=base).text == "a"
    assert client.get("/admin/get", base_url=base).text == "b"


def test_a_cookie_of_another_name_is_refreshed_each_request(area_app: App) -> None:
    @area_app.route("/admin/permanent")
    def permanent() -> str:
        session.permanent = True
        return "kept"

    client = area_app.test_client()
    base = "https://example.com"
    client.get("/admin/permanent", base_url=base)
    # A view that never touches the session still moves its expiry forward,
    # found by the interface's cookie name.
    refreshed = client.get("/admin/get", base_url=base)
    assert refreshed.headers["Set-Cookie"].startswith("admin_session=")


def test_session_transaction_uses_the_interfaces_cookie(app: App) -> None:
    class Renamed(SecureCookieSessionInterface):
        @te.override
        def get_cookie_name(self, app: App) -> str:
            return "renamed"

    app.secret_key = KEY
    app.session_interface = Renamed()

    @app.route("/")
    def index() -> str:
        return str(session.get("user"))

    client = app.test_client()
    with client.session_transaction() as sess:
        sess["user"] = "ada"
    assert client.get_cookie("renamed") is not None
    assert client.get("/").text == "ada"
    with client.session_transaction() as sess:
        assert sess["user"] == "ada"
