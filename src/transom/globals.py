"""The context-local proxies: ``request``, ``session``, ``g``, ``current_app``.

Each is a werkzeug ``LocalProxy`` over the current app context, which is
held by a :class:`~contextvars.ContextVar`, so threads and async tasks each
see their own request (``request`` and ``session`` go through the app
context's ``request_ctx``). The proxies are for users; inside transom the
context is passed explicitly.

The one lie of the typing is concentrated in :func:`_proxy` and
:func:`_request_proxy`: they return ``Any``, and each global's annotation
says what the proxy stands for.
"""

from __future__ import annotations

import typing as t
from contextvars import ContextVar
from operator import attrgetter

import typing_extensions as te
from werkzeug.local import LocalProxy

from ._ctxvars import NO_APP
from ._ctxvars import NO_REQUEST
from ._ctxvars import app_ctx_var

if t.TYPE_CHECKING:
    from .app import App
    from .ctx import G
    from .sessions import Session
    from .wrappers import Request

_T = t.TypeVar("_T")
_AppT = t.TypeVar("_AppT", bound="App")


_own: t.Final = object.__getattribute__


class _Proxy(LocalProxy[t.Any]):
    """werkzeug's ``LocalProxy``, with its commonest uses made shorter.

    werkzeug finds the proxied object, then binds the operation to it
    through a descriptor, for every use; here reading or setting an
    attribute or an item finds the object and does it, and a public name
    goes to the object without being looked for on the proxy first.
    """

    __slots__ = ()

    @te.override
    def __getattribute__(self, name: str) -> t.Any:
        # Python looks for an attribute on the proxy before it calls
        # __getattr__, and each miss costs an AttributeError. The proxy has
        # no attribute without a leading underscore: those go straight to
        # the object, the others (its own, and dunders) to werkzeug's.
        if name[:1] != "_":
            return getattr(_own(self, "_get_current_object")(), name)
        return _own(self, name)

    @te.override
    def __getattr__(self, name: str) -> t.Any:
        return getattr(self._get_current_object(), name)

    @te.override
    def __setattr__(self, name: str, value: t.Any) -> None:
        setattr(self._get_current_object(), name, value)

    @te.override
    def __getitem__(self, key: t.Any) -> t.Any:
        return self._get_current_object()[key]

    @te.override
    def __setitem__(self, key: t.Any, value: t.Any) -> None:
        self._get_current_object()[key] = value


def _proxy(var: ContextVar[t.Any], attribute: str, message: str) -> t.Any:
    return _Proxy(var, attribute, unbound_message=message)


def _request_proxy(attribute: str) -> t.Any:
    """A proxy for ``attribute`` of the current request context, which is
    the current app context's ``request_ctx``."""
    part = attrgetter(attribute)

    def current() -> t.Any:
        app_ctx = app_ctx_var.get(None)
        if app_ctx is None or (request_ctx := app_ctx.request_ctx) is None:
            raise RuntimeError(NO_REQUEST)
        return part(request_ctx)

    proxy = _Proxy(current)
    # werkzeug wraps a callable in a function of its own that calls it and
    # then an identity function; this finds the object in one call.
    object.__setattr__(proxy, "_get_current_object", current)
    return proxy


current_app: App = _proxy(app_ctx_var, "app", NO_APP)
"""The app handling the current request or app context."""
g: G = _proxy(app_ctx_var, "g", NO_APP)
"""A namespace for data during an app context. See :func:`typed_g`."""
request: Request = _request_proxy("request")
"""The current :class:`~transom.Request`."""
session: Session = _request_proxy("session")
"""The current :class:`~transom.sessions.Session`."""


def has_app_context() -> bool:
    """Whether an app context is pushed, so that :data:`current_app` and
    :data:`g` work: code that may run outside one (a helper shared by views
    and scripts) tests this rather than the proxy, which a type checker
    holds to be always true."""
    return app_ctx_var.get(None) is not None


def has_request_context() -> bool:
    """Whether a request is current, so that :data:`request` and
    :data:`session` work."""
    app_ctx = app_ctx_var.get(None)
    return app_ctx is not None and app_ctx.request_ctx is not None


def typed_g(cls: type[_T]) -> _T:
    """Return :data:`g` typed as ``cls``, so a checker knows its attributes.

    Declare the attributes on a plain class and read and write ``g``
    through the result::

        class AppGlobals:
            user: str | None

        appg = typed_g(AppGlobals)
        appg.user = "ada"        # checked by mypy and pyright

    At run time the result is :data:`g` itself; ``cls`` only informs the
    type checker.
    """
    return t.cast(_T, g)


def typed_session(cls: type[_T]) -> _T:
    """Return :data:`session` typed as ``cls``, a ``TypedDict`` of the keys
    the application keeps in it, so a checker knows each key's type::

        class CartSession(TypedDict, total=False):
            user_id: int
            items: list[str]

        cart = typed_session(CartSession)
        cart["user_id"] = 7                  # checked by mypy and pyright
        items = cart.get("items", [])        # list[str]

    Declare it ``total=False``: a key is missing until a request sets it.
    At run time the result is :data:`session` itself (``permanent`` and
    ``modified`` stay on :data:`session`); ``cls`` only informs the type
    checker.
    """
    return t.cast(_T, session)


def typed_current_app(cls: type[_AppT]) -> _AppT:
    """Return :data:`current_app` typed as ``cls``, the application's own
    subclass of :class:`~transom.App`, so a checker knows what it adds::

        class ShopApp(App):
            def cart_limit(self) -> int: ...

        shop_app = typed_current_app(ShopApp)
        shop_app.cart_limit()      # checked by mypy and pyright

    At run time the result is :data:`current_app` itself; ``cls`` only
    informs the type checker.
    """
    return t.cast(_AppT, current_app)
