"""The context-local proxies are typed: request, session, g, current_app,
and the typed views of g and current_app. Checked by mypy (with and without
the plugin) and pyright, never run."""

from __future__ import annotations

import typing as t

from werkzeug.datastructures import FileStorage

from transom import App
from transom import G
from transom import Request
from transom import current_app
from transom import g
from transom import request
from transom import session
from transom import typed_current_app
from transom import typed_g
from transom.config import Config
from transom.sessions import Session

# request is the Request: form and query values are str, a missing one None.
t.assert_type(request, Request)
t.assert_type(request.form["name"], str)
t.assert_type(request.form.get("name"), str | None)
t.assert_type(request.args.get("k"), str | None)
t.assert_type(request.args.getlist("tag"), list[str])
t.assert_type(request.files["upload"], FileStorage)
t.assert_type(request.headers.get("Accept"), str | None)
t.assert_type(request.cookies.get("session"), str | None)
t.assert_type(request.method, str)
t.assert_type(request.get_json(silent=True), t.Any | None)
t.assert_type(request.endpoint, str | None)

# session: a mutable mapping with str keys and JSON values.
t.assert_type(session, Session)
t.assert_type(session.get("user_id"), t.Any)
session["user_id"] = 42
t.assert_type(session.permanent, bool)

# current_app is an App; typed_current_app() gives the app's own subclass.
t.assert_type(current_app, App)
t.assert_type(current_app.config, Config)


class ShopApp(App):
    """An app with an extra method."""

    def cart_limit(self) -> int:
        return 20


shop_app = typed_current_app(ShopApp)
t.assert_type(shop_app, ShopApp)
t.assert_type(shop_app.cart_limit(), int)

# g takes any attribute; typed_g() gives checked ones.
t.assert_type(g, G)
t.assert_type(g.anything, t.Any)
t.assert_type(g.get("user"), t.Any)
g.user = "ada"


class AppGlobals:
    """What this app keeps on g."""

    user_id: int | None
    locale: str


appg = typed_g(AppGlobals)
t.assert_type(appg, AppGlobals)
t.assert_type(appg.user_id, int | None)
t.assert_type(appg.locale, str)
appg.user_id = 3
