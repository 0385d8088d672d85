"""Streamed bodies that still see the request.

A view that returns an iterator has its body produced after it returns,
when the server reads it; by then the request context is gone, and
``request``, ``session`` and ``g`` raise. :func:`stream_with_context` keeps
the context current until the body is done::

    @app.route("/echo")
    def echo() -> cabc.Iterator[str]:
        @stream_with_context
        def words() -> cabc.Iterator[str]:
            for word in request.args.getlist("word"):
                yield word + "\\n"

        return words()

The ``teardown_request`` hooks then run once the body has been sent (or the
client went away), not when the view returns.
"""

from __future__ import annotations

import collections.abc as cabc
import functools
import typing as t

from ._ctxvars import current_request_ctx
from .exceptions import ContextError

_T = t.TypeVar("_T")
_P = t.ParamSpec("_P")

NO_STREAM_REQUEST: t.Final = (
    "stream_with_context() needs an active request: call it in the view"
    " (or in a function the view calls), before returning the iterator."
)


@t.overload
def stream_with_context(body: cabc.Iterable[_T], /) -> cabc.Iterator[_T]: ...
@t.overload
def stream_with_context(
    body: cabc.Callable[_P, cabc.Iterable[_T]], /
) -> cabc.Callable[_P, cabc.Iterator[_T]]: ...
def stream_with_context(
    body: cabc.Iterable[_T] | cabc.Callable[_P, cabc.Iterable[_T]], /
) -> cabc.Iterator[_T] | cabc.Callable[_P, cabc.Iterator[_T]]:
    """Produce a streamed body inside the current request context.

    :param body: an iterable (``stream_with_context(rows())``, a list, a
        string), or a generator function to decorate.
    :raises ContextError: no request is active.
    """
    try:
        # As Flask decides: whatever iter() accepts is the body, even an
        # object that is callable too.
        iterator: cabc.Iterator[_T] = iter(t.cast("cabc.Iterable[_T]", body))
    except TypeError:
        function = t.cast("cabc.Callable[_P, cabc.Iterable[_T]]", body)

        @functools.wraps(function)
        def decorated(*args: _P.args, **kwargs: _P.kwargs) -> cabc.Iterator[_T]:
            return stream_with_context(function(*args, **kwargs))

        return decorated
    ctx = current_request_ctx()
    if ctx is None:
        raise ContextError(NO_STREAM_REQUEST)

    def generate() -> cabc.Generator[_T | None, None, None]:
        # Pushed now, while the view's own push is still in place: the app
        # pops its push when the view returns, and this one keeps the
        # context (and defers the teardown hooks) until the body is done.
        ctx.push()
        error: Exception | None = None
        try:
            yield None
            yield from iterator
        except Exception as e:
            error = e
            raise
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()
            ctx.pop(error)

    stream = generate()
    next(stream)  # run up to the first yield: the push above
    return t.cast("cabc.Iterator[_T]", stream)
