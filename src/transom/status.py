"""A response's status, declared in the return annotation.

A verb method that returns ``Created(value)`` answers 201 with ``value``
converted as any returned body is (JSON for a dict, dataclass or list, HTML
for a str, ...). The annotation ``Created[Task]`` says so to the type
checkers, which check the value against ``Task``, and to the documentation,
which shows a 201 response with ``Task``'s schema::

    from transom import Created, NoContent, View

    class Tasks(View):
        def post(self) -> Created[Task]:
            task = store.add(...)
            return Created(task, headers={"Location": f"/tasks/{task['id']}"})

    class TaskItem(View):
        def delete(self, task_id: int) -> NoContent:
            store.remove(task_id)
            return NoContent()

Other statuses are one subclass of :class:`Status` away::

    BodyT = TypeVar("BodyT", bound=ResponseBody)

    class PartialContent(Status[BodyT]):
        code = 206
"""

from __future__ import annotations

import typing as t

import typing_extensions as te

if t.TYPE_CHECKING:
    from .typing import HeadersValue
    from .typing import StatusBody

BodyT_co = t.TypeVar("BodyT_co", bound="StatusBody", covariant=True)
"""The body of a :class:`Status`: anything a view may return as a body, or
``None`` for an empty one."""


class Status(t.Generic[BodyT_co]):
    """A body sent with the status :attr:`code` of the subclass.

    :param body: the body, converted as a returned body is; ``None`` sends
        an empty one.
    :param headers: headers added to the response, in any form a view's
        ``(body, status, headers)`` tuple takes.

    Instances are immutable. ``Status`` itself has no code: subclass it and
    set :attr:`code`.
    """

    # Not a dataclass: transom sends a returned dataclass as JSON, and a
    # Status is a wrapper around a body, never a body itself.
    __slots__ = ("_body", "_headers")
    _body: BodyT_co
    _headers: HeadersValue | None

    code: t.ClassVar[int]
    """The HTTP status the response gets."""

    def __init__(self, body: BodyT_co, headers: HeadersValue | None = None) -> None:
        if not isinstance(getattr(type(self), "code", None), int):
            raise TypeError(
                f"{type(self).__name__} has no status code. Give the class one,"
                " such as 'code = 201', or return one of transom's: Created,"
                " Accepted, NoContent"
            )
        object.__setattr__(self, "_body", body)
        object.__setattr__(self, "_headers", headers)

    @property
    def body(self) -> BodyT_co:
        """The body, as the view gave it."""
        return self._body

    @property
    def headers(self) -> HeadersValue | None:
        """Headers the view added, or ``None``."""
        return self._headers

    @te.override
    def __init_subclass__(cls, **kwargs: t.Any) -> None:
        super().__init_subclass__(**kwargs)
        code = cls.__dict__.get("code")
        if code is not None and (
            not isinstance(code, int)
            or isinstance(code, bool)
            or not 100 <= code <= 599
        ):
            raise TypeError(
                f"{cls.__qualname__}.code is {code!r}, which is no HTTP status."
                " Give an int from 100 to 599, such as 'code = 201'"
            )

    @te.override
    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    @te.override
    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        same = t.cast("Status[t.Any]", other)
        return (self.body, self.headers) == (same.body, same.headers)

    @te.override
    def __hash__(self) -> int:
        return hash((type(self), self.body, self.headers))

    @te.override
    def __repr__(self) -> str:
        extra = "" if self.headers is None else f", headers={self.headers!r}"
        return f"{type(self).__name__}({self.body!r}{extra})"


def is_status(value: object) -> te.TypeIs[Status[t.Any]]:
    """Whether ``value`` is a :class:`Status` (``Created(...)``, ...)."""
    return isinstance(value, Status)


def is_status_class(value: object) -> te.TypeIs[type[Status[t.Any]]]:
    """Whether ``value`` is :class:`Status` or a subclass."""
    return isinstance(value, type) and issubclass(value, Status)


class Created(Status[BodyT_co]):
    """201 Created: the body is the new resource; say where it lives with a
    ``Location`` header (``headers={"Location": url_for(...)}``)."""

    __slots__ = ()
    code = 201


class Accepted(Status[BodyT_co]):
    """202 Accepted: the request will be acted on later."""

    __slots__ = ()
    code = 202


class NoContent(Status[None]):
    """204 No Content: success, and no body.

    :param headers: headers added to the response.
    """

    __slots__ = ()
    code = 204

    def __init__(self, *, headers: HeadersValue | None = None) -> None:
        super().__init__(None, headers)

    @te.override
    def __repr__(self) -> str:
        extra = "" if self.headers is None else f"headers={self.headers!r}"
        return f"NoContent({extra})"


__all__ = ["Accepted", "Created", "NoContent", "Status"]
