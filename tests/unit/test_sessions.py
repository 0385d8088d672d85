"""Unit tests of transom.sessions: the Session mapping, the null session and
the cookie interface, without the dispatch pipeline."""

from __future__ import annotations

import collections.abc as cabc
import datetime
import hashlib
import typing as t
import unittest.mock

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from itsdangerous import BadSignature
from itsdangerous import URLSafeTimedSerializer

from transom import App
from transom.sessions import NO_SECRET_KEY
from transom.sessions import NullSession
from transom.sessions import SecureCookieSessionInterface
from transom.sessions import Session
from transom.sessions import SessionInterface
from transom.tagged import session_json
from transom.wrappers import Response


def test_session_is_a_mutable_mapping() -> None:
    session = Session({"a": 1})
    assert isinstance(session, cabc.MutableMapping)
    mapping: cabc.MutableMapping[str, t.Any] = session
    mapping["b"] = 2
    assert dict(session) == {"a": 1, "b": 2}


def test_a_new_session_is_new_and_untouched() -> None:
    session = Session()
    assert session.new
    assert not session.modified
    assert not session.accessed
    assert not Session({}).new


_READS: dict[str, cabc.Callable[[Session], object]] = {
    "getitem": lambda s: s["a"],
    "get": lambda s: s.get("a"),
    "setdefault": lambda s: s.setdefault("a", 0),
    "permanent": lambda s: s.permanent,
}


@pytest.mark.parametrize("read", list(_READS.values()), ids=list(_READS))
def test_reads_mark_accessed_not_modified(
    read: cabc.Callable[[Session], object],
) -> None:
    session = Session({"a": 1})
    read(session)
    assert session.accessed
    assert not session.modified


def _set(s: Session) -> None:
    s["a"] = 2


def _del(s: Session) -> None:
    del s["a"]


def _ior(s: Session) -> None:
    s |= {"b": 1}


_WRITES: dict[str, cabc.Callable[[Session], object]] = {
    "setitem": _set,
    "delitem": _del,
    "ior": _ior,
    "pop": lambda s: s.pop("a", None),
    "popitem": lambda s: s.popitem(),
    "clear": lambda s: s.clear(),
    "update": lambda s: s.update(b=1),
    "setdefault": lambda s: s.setdefault("b", 1),
}


@pytest.mark.parametrize("write", list(_WRITES.values()), ids=list(_WRITES))
def test_writes_mark_modified_and_accessed(
    write: cabc.Callable[[Session], object],
) -> None:
    session = Session({"a": 1})
    write(session)
    assert session.modified
    assert session.accessed


def test_pop_of_a_missing_key_is_not_a_modification() -> None:
    session = Session({"a": 1})
    assert session.pop("b", None) is None
    assert not session.modified


def test_permanent_is_stored_in_the_session() -> None:
    session = Session()
    assert session.permanent is False
    session.permanent = True
    assert session.permanent is True
    assert session.modified
    assert dict(session) == {"_permanent": True}
    session.permanent = False
    assert dict(session) == {}


def test_clearing_permanent_on_a_temporary_session_is_no_change() -> None:
    session = Session({"a": 1})
    session.permanent = False
    assert not session.modified


def test_null_session_reads_as_empty() -> None:
    session = NullSession()
    assert len(session) == 0
    assert session.get("user") is None
    assert "user" not in session
    assert session.permanent is False
    assert dict(session) == {}
    session.permanent = False  # already not permanent: no write needed


def _make_permanent(s: Session) -> None:
    s.permanent = True


@pytest.mark.parametrize(
    "write",
    [*_WRITES.values(), _make_permanent],
    ids=[*_WRITES, "permanent"],
)
def test_null_session_refuses_every_write(
    write: cabc.Callable[[Session], object],
) -> None:
    with pytest.raises(RuntimeError) as info:
        write(NullSession())
    assert str(info.value) == NO_SECRET_KEY
    assert "app.secret_key" in NO_SECRET_KEY
    assert "secrets.token_hex()" in NO_SECRET_KEY


def test_base_interface_methods_must_be_written() -> None:
    interface = SessionInterface()
    app = App("unit_sessions", static_folder=None)
    with app.test_request_context() as ctx:
        with pytest.raises(NotImplementedError):
            interface.open_session(app, ctx.request)
        with pytest.raises(NotImplementedError):
            interface.save_session(app, Session(), Response(), ctx.request)
    assert interface.is_null_session(interface.make_null_session(app))
    assert not interface.is_null_session(Session())


def test_should_set_cookie() -> None:
    app = App("unit_sessions", static_folder=None)
    interface = SecureCookieSessionInterface()
    session = Session({"a": 1})
    assert not interface.should_set_cookie(app, session)
    session["a"] = 2
    assert interface.should_set_cookie(app, session)
    permanent = Session({"_permanent": True})
    assert interface.should_set_cookie(app, permanent)
    app.config["SESSION_REFRESH_EACH_REQUEST"] = False
    assert not interface.should_set_cookie(app, permanent)


def test_expiration() -> None:
    app = App("unit_sessions", static_folder=None)
    app.config["PERMANENT_SESSION_LIFETIME"] = datetime.timedelta(hours=1)
    interface = SecureCookieSessionInterface()
    assert interface.expiration(app, Session({"a": 1})) is None
    expires = interface.expiration(app, Session({"_permanent": True}))
    assert expires is not None
    delta = expires - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(minutes=59) < delta <= datetime.timedelta(hours=1)


def test_no_serializer_without_a_key() -> None:
    app = App("unit_sessions", static_folder=None)
    interface = SecureCookieSessionInterface()
    assert interface.signing_serializer(app) is None
    app.secret_key = ""
    assert interface.signing_serializer(app) is None
    app.secret_key = "k"
    assert interface.signing_serializer(app) is not None


def test_open_session_without_a_key_is_none() -> None:
    app = App("unit_sessions", static_folder=None)
    with app.test_request_context(headers={"Cookie": "session=x"}) as ctx:
        assert SecureCookieSessionInterface().open_session(app, ctx.request) is None


def test_open_session_without_a_cookie_is_new() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    with app.test_request_context() as ctx:
        session = SecureCookieSessionInterface().open_session(app, ctx.request)
    assert session is not None
    assert session.new
    assert dict(session) == {}


def test_sessions_do_not_verify_under_another_salt() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    interface = SecureCookieSessionInterface()
    other = SecureCookieSessionInterface()
    other.salt = "some-other-use"
    serializer = other.signing_serializer(app)
    assert serializer is not None
    cookie = f"session={serializer.dumps({'user': 'ada'})}"
    with app.test_request_context(headers={"Cookie": cookie}) as ctx:
        session = interface.open_session(app, ctx.request)
    assert session is not None and dict(session) == {}


def _save(app: App, session: Session, **environ: t.Any) -> tuple[Response, list[str]]:
    response = Response()
    with app.test_request_context(**environ) as ctx:
        SecureCookieSessionInterface().save_session(app, session, response, ctx.request)
    return response, response.headers.getlist("Set-Cookie")


def test_save_unmodified_session_sets_nothing() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    response, cookies = _save(app, Session({"a": 1}))
    assert cookies == []
    assert "Cookie" not in response.vary


def test_save_accessed_session_varies() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    session = Session({"a": 1})
    session.get("a")
    response, cookies = _save(app, session)
    assert cookies == []
    assert "Cookie" in response.vary


def test_save_emptied_session_deletes_the_cookie_with_its_attributes() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    app.config.update(SESSION_COOKIE_DOMAIN="example.com", SESSION_COOKIE_PATH="/x")
    session = Session({"a": 1})
    del session["a"]
    _, (header,) = _save(app, session, base_url="https://example.com")
    parts = {part.strip() for part in header.split(";")}
    assert {"Domain=example.com", "Path=/x", "Secure", "Max-Age=0"} <= parts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="latin-1"), max_size=200))
def test_open_session_never_raises_on_any_cookie(value: str) -> None:
    app = App("unit_sessions_fuzz", static_folder=None)
    app.secret_key = "k"
    interface = SecureCookieSessionInterface()
    environ = {"HTTP_COOKIE": "session=" + value}
    with app.test_request_context(environ_overrides=environ) as ctx:
        session = interface.open_session(app, ctx.request)
    assert session is not None
    assert dict(session) == {}


def _plain_serializer(keys: list[bytes]) -> URLSafeTimedSerializer:
    """itsdangerous's own serializer, set up as the interface sets up its
    cached one."""
    return URLSafeTimedSerializer(
        keys,
        salt=SecureCookieSessionInterface.salt,
        serializer=session_json,
        signer_kwargs={"key_derivation": "hmac", "digest_method": hashlib.sha256},
    )


def _rotated_serializer(current: str, old: str) -> URLSafeTimedSerializer:
    """The interface's serializer for an app signing with ``current`` that
    still accepts ``old``."""
    app = App("unit_sessions", static_folder=None)
    app.secret_key = current
    app.config["SECRET_KEY_FALLBACKS"] = [old]
    serializer = SecureCookieSessionInterface().signing_serializer(app)
    assert serializer is not None
    return serializer


@settings(max_examples=50, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=10),
        st.integers() | st.text(max_size=300) | st.lists(st.booleans(), max_size=5),
        max_size=4,
    )
)
def test_cached_signer_writes_and_reads_what_itsdangerous_does(
    data: dict[str, t.Any],
) -> None:
    serializer = _rotated_serializer("current", "old")
    plain = _plain_serializer([b"old", b"current"])
    with unittest.mock.patch("time.time", return_value=1_700_000_000):
        ours = serializer.dumps(data)
        theirs = plain.dumps(data)
        assert ours == serializer.dumps(data)  # a second use of the cache
    assert ours == theirs
    assert serializer.loads(theirs) == data
    assert plain.loads(ours) == data
    old = _plain_serializer([b"old"]).dumps(data)
    assert serializer.loads(old) == data
    with pytest.raises(BadSignature):
        serializer.loads(_plain_serializer([b"other"]).dumps(data))


def test_save_adds_cookie_to_an_existing_vary_once() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    session = Session()
    session["a"] = 1
    response = Response()
    response.headers["Vary"] = "Accept-Encoding"
    with app.test_request_context() as ctx:
        SecureCookieSessionInterface().save_session(app, session, response, ctx.request)
    assert response.headers.getlist("Vary") == ["Accept-Encoding, Cookie"]
    _, cookies = _save(app, session)
    assert len(cookies) == 1


def test_save_sends_one_vary_cookie_header() -> None:
    app = App("unit_sessions", static_folder=None)
    app.secret_key = "k"
    session = Session()
    session["a"] = 1
    response = Response()
    with app.test_request_context() as ctx:
        SecureCookieSessionInterface().save_session(app, session, response, ctx.request)
    assert response.headers.getlist("Vary") == ["Cookie"]
    emptied = Session({"a": 1})
    del emptied["a"]
    response = Response()
    with app.test_request_context() as ctx:
        SecureCookieSessionInterface().save_session(app, emptied, response, ctx.request)
    assert response.headers.getlist("Vary") == ["Cookie"]


def test_serializer_follows_key_changes_and_unhashable_keys() -> None:
    app = App("unit_sessions_keys", static_folder=None)
    interface = SecureCookieSessionInterface()
    app.secret_key = "one"
    first = interface.signing_serializer(app)
    assert first is not None and interface.signing_serializer(app) is first
    cookie = first.dumps({"a": 1})
    app.secret_key = "two"
    second = interface.signing_serializer(app)
    assert second is not None and second is not first
    with pytest.raises(BadSignature):
        second.loads(cookie)
    app.config["SECRET_KEY_FALLBACKS"].append("one")
    rotated = interface.signing_serializer(app)
    assert rotated is not None and rotated.loads(cookie) == {"a": 1}
    app.config["SECRET_KEY_FALLBACKS"] = [bytearray(b"one")]
    from_bytearray = interface.signing_serializer(app)
    assert from_bytearray is not None
    assert from_bytearray.loads(cookie) == {"a": 1}
    assert second.loads(from_bytearray.dumps({"a": 2})) == {"a": 2}


def test_the_serializer_tries_its_one_signer_and_any_fallback_signers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    serializer = _rotated_serializer("new", "old")
    signers = list(serializer.iter_unsigners())
    assert signers == [serializer.make_signer(serializer.salt)]
    assert list(serializer.iter_unsigners("other")) == [serializer.make_signer("other")]
    # A cookie signed with the old key still loads: the signer holds both.
    old = _plain_serializer([b"old"])
    assert serializer.loads(old.dumps({"n": 1})) == {"n": 1}
    # itsdangerous's fallback signers, if someone adds them, are still tried
    # (one per key each). The serializer is shared: patched for this test.
    monkeypatch.setattr(serializer, "fallback_signers", [{"key_derivation": "concat"}])
    assert len(list(serializer.iter_unsigners())) == 3
