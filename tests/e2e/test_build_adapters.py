"""url_for builds with an adapter kept from an earlier request that agrees
on everything binding reads; its URLs are those of the request's own."""

from __future__ import annotations

import typing as t

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.exceptions import BadRequest
from werkzeug.test import EnvironBuilder

from transom import App
from transom import View
from transom import url_for
from transom.ctx import RequestContext


def _app(server_name: str | None = None) -> App:
    app = App("build_adapters_app", static_folder=None)
    app.config["SERVER_NAME"] = server_name

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return str(post_id)

        def post(self, post_id: int) -> str:
            return "posted"

    @app.route("/about")
    def about() -> str:
        return "about"

    return app


def _built(ctx: RequestContext) -> list[str]:
    """The URLs a view would build in ``ctx``."""
    with ctx:
        return [
            url_for("post", post_id=3),
            url_for("post", post_id=3, _external=True),
            url_for("post", post_id=3, _method="POST", _external=True),
            url_for("post", post_id=3, _scheme="https", _external=True),
            url_for("about"),
        ]


_CHOICES: t.Final[dict[str, list[str]]] = {
    "wsgi.url_scheme": ["http", "https"],
    "HTTP_HOST": ["example.com", "EXAMPLE.com:80", "example.com:8080", "a.example.com"],
    "SERVER_NAME": ["localhost", "example.com"],
    "SERVER_PORT": ["80", "443", "8080"],
    "HTTP_CONNECTION": ["", "keep-alive", "Upgrade"],
    "HTTP_UPGRADE": ["", "websocket"],
    "SCRIPT_NAME": ["", "/app", "/caf\xc3\xa9"],
    "REQUEST_METHOD": ["GET", "POST"],
}
_ENVIRON = st.fixed_dictionaries(
    {name: st.sampled_from(values) for name, values in _CHOICES.items()}
)


def _environ(values: dict[str, str], path: str) -> dict[str, t.Any]:
    environ = EnvironBuilder(path).get_environ()
    environ.update(values)
    if "HTTP_HOST" not in values:
        del environ["HTTP_HOST"]
    for name in ("HTTP_CONNECTION", "HTTP_UPGRADE"):
        if not environ.get(name, "x"):
            del environ[name]  # a header the client did not send
    return environ


@settings(max_examples=300, deadline=None)
@given(
    first=_ENVIRON,
    changes=st.dictionaries(
        st.sampled_from(list(_CHOICES)), st.sampled_from(["", "x"]), max_size=2
    ),
    data=st.data(),
    server_name=st.sampled_from([None, "example.com", "example.com:8080"]),
)
def test_urls_are_those_of_the_request_own_adapter(
    first: dict[str, str],
    changes: dict[str, str],
    data: st.DataObject,
    server_name: str | None,
) -> None:
    # The second request differs from the first in at most two things
    # binding reads (a value drawn again, or left out), and in its path.
    second = dict(first)
    for name, how in changes.items():
        if how:
            second[name] = data.draw(st.sampled_from(_CHOICES[name]))
        elif name != "wsgi.url_scheme" and name != "REQUEST_METHOD":
            del second[name]
    # Hosts werkzeug accepted before are matched without an adapter: only
    # then does url_for need one, and a kept one can serve.
    for values in (first, second):
        _ = RequestContext(_app(), _environ(values, "/")).url_adapter
    app = _app(server_name)
    # The first request keeps its adapter; the second builds with it when
    # the two agree on what binding reads.
    _built(RequestContext(app, _environ(first, "/one")))
    kept = _built(RequestContext(app, _environ(second, "/two?x=1")))
    if server_name is None and "HTTP_HOST" in first and not first["HTTP_UPGRADE"]:
        assert app.router.build_adapters  # a kept adapter was looked for
    fresh_ctx = RequestContext(_app(server_name), _environ(second, "/two?x=1"))
    _ = fresh_ctx.url_adapter  # bound to this request: nothing kept is used
    assert kept == _built(fresh_ctx)


def test_an_adapter_is_kept_per_binding() -> None:
    app = _app()
    environ = {**EnvironBuilder().get_environ(), "HTTP_HOST": "example.com"}
    first = RequestContext(app, dict(environ, PATH_INFO="/a"))
    second = RequestContext(app, dict(environ, PATH_INFO="/b"))
    other_host = RequestContext(app, dict(environ, HTTP_HOST="other.test"))
    assert second.build_adapter is first.build_adapter
    assert other_host.build_adapter is not first.build_adapter
    # A request that has its own adapter builds with it.
    assert other_host.url_adapter is other_host.build_adapter


def test_a_changed_server_name_is_not_built_with_a_kept_adapter() -> None:
    app = _app()
    environ = {**EnvironBuilder().get_environ(), "HTTP_HOST": "example.com"}
    before = _built(RequestContext(app, dict(environ)))
    app.config["SERVER_NAME"] = "example.com:8080"
    after = _built(RequestContext(app, dict(environ)))
    assert before[1] == "http://example.com/post/3"
    assert after[1] == "http://example.com:8080/post/3"


def test_a_host_binding_refuses_is_refused_every_time() -> None:
    app = _app()
    environ = {**EnvironBuilder().get_environ(), "HTTP_HOST": "a..b"}
    for _ in range(2):
        with pytest.raises(BadRequest):
            _built(RequestContext(app, dict(environ)))
    assert not app.router.build_adapters
