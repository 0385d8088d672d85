"""Templates declared with the context they receive.

A :class:`Template` names a template and the type of its context, a
``TypedDict`` or a dataclass, one line next to the views that render it::

    class PostContext(t.TypedDict):
        post: Post

    post_page = Template("post.html", PostContext)

    @app.route("/post/<post_id>")
    class PostPage(View):
        def get(self, post_id: int) -> str:
            return post_page.render({"post": load(post_id)})

mypy and pyright check each ``render`` call against the declaration (a
missing, misspelled or wrongly typed field), without a plugin, and
``transom check`` holds the template to it: a name the template reads must be
a field, a global of the environment, or a key of a context processor's
``TypedDict`` return type. ``render_template`` keeps working unchanged.
"""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import typing as t

import typing_extensions as te

from .templating import render_template

_ContextT = t.TypeVar("_ContextT")


class Template(t.Generic[_ContextT]):
    """A template and the type of the context it receives."""

    __slots__ = ("context", "name")

    def __init__(self, name: str, context: type[_ContextT]) -> None:
        """
        :param name: the template's name, as ``render_template`` takes it.
        :param context: a ``TypedDict`` or a dataclass whose fields are the
            names the template reads.
        :raises TypeError: ``context`` is neither.
        """
        # The annotation says a type; a caller without a type checker may
        # still pass a dataclass instance.
        given = t.cast(object, context)
        if not isinstance(given, type) or not (
            te.is_typeddict(given) or dataclasses.is_dataclass(given)
        ):
            raise TypeError(
                f"Template({name!r}, {getattr(context, '__name__', context)!r}): the"
                " context must be a TypedDict or a dataclass; declare the names"
                " the template reads as one"
            )
        self.name = name
        """The template's name."""
        self.context = context
        """The context's type."""

    def fields(self) -> frozenset[str]:
        """The names the context gives the template."""
        context: t.Any = self.context
        if dataclasses.is_dataclass(context):
            return frozenset(field.name for field in dataclasses.fields(context))
        return frozenset(t.get_type_hints(context))

    def render(self, context: _ContextT, /) -> str:
        """Render the template with ``context``'s fields, as
        ``render_template(name, **fields)`` does."""
        return render_template(self.name, **_as_dict(context))

    @te.override
    def __repr__(self) -> str:
        return f"Template({self.name!r}, {self.context.__qualname__})"


def _as_dict(context: object) -> dict[str, t.Any]:
    if isinstance(context, cabc.Mapping):
        return dict(t.cast("cabc.Mapping[str, t.Any]", context))
    # Shallow, unlike dataclasses.asdict(): the template gets the objects.
    return {
        field.name: getattr(context, field.name)
        for field in dataclasses.fields(t.cast(t.Any, context))
    }


__all__ = ["Template"]
