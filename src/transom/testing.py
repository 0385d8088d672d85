"""Testing helpers: a client that calls the app without a server."""

from __future__ import annotations

import typing as t

import typing_extensions as te
from werkzeug.test import Client
from werkzeug.test import TestResponse as _WerkzeugTestResponse

from .wrappers import Response

if t.TYPE_CHECKING:
    from .app import App


class TestResponse(Response, _WerkzeugTestResponse):  # type: ignore[misc]
    """A response as the test client returns it: ``status_code``, ``text``,
    ``json``, ``headers``, ``request``, ``history``."""

    __test__ = False

    if t.TYPE_CHECKING:
        # werkzeug types ``with response:`` as its own Response.
        @te.override
        def __enter__(self) -> te.Self: ...


class TestClient(Client):
    """``app.test_client()``: send requests with ``get``, ``post``, ... and
    read the :class:`TestResponse`. Cookies persist between requests."""

    __test__ = False

    def __init__(self, app: App, use_cookies: bool = True) -> None:
        super().__init__(app, TestResponse, use_cookies=use_cookies)
        self.application = app
        """The app under test."""

    if t.TYPE_CHECKING:

        @te.override
        def get(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def post(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def put(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def patch(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def delete(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def options(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def head(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def trace(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
        @te.override
        def open(self, *args: t.Any, **kw: t.Any) -> TestResponse: ...
