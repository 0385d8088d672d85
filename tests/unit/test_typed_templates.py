"""transom.typed_templates: a template declared with its context renders
the context's fields, and refuses a context type it cannot read."""

from __future__ import annotations

import dataclasses
import typing as t

import jinja2
import pytest

from transom import App
from transom import Template


class Greeting(t.TypedDict):
    name: str
    times: int


@dataclasses.dataclass
class Item:
    label: str
    tags: list[str] = dataclasses.field(default_factory=list[str])


greeting = Template("greeting.html", Greeting)
item = Template("item.html", Item)


@pytest.fixture
def app(app: App) -> App:
    app.jinja_env.loader = jinja2.DictLoader(
        {
            "greeting.html": "{{ (name ~ ' ') * times }}",
            "item.html": "{{ label }}: {{ tags|join(',') }} {{ tags is sequence }}",
        }
    )
    return app


def test_renders_a_typeddict(app: App) -> None:
    with app.app_context():
        assert greeting.render({"name": "hi", "times": 2}) == "hi hi "


def test_renders_a_dataclass_s_fields_as_they_are(app: App) -> None:
    with app.app_context():
        # Shallow: the template gets the list itself, not a copy made by asdict().
        assert item.render(Item("x", ["a", "b"])) == "x: a,b True"


def test_fields() -> None:
    assert greeting.fields() == {"name", "times"}
    assert item.fields() == {"label", "tags"}


def test_repr() -> None:
    assert repr(greeting) == "Template('greeting.html', Greeting)"


@pytest.mark.parametrize("context", [dict, int, Item("x")])
def test_context_must_be_a_typeddict_or_a_dataclass(context: t.Any) -> None:
    with pytest.raises(TypeError, match="must be a TypedDict or a dataclass"):
        Template("x.html", context)
