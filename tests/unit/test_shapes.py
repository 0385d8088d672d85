"""transom.shapes: annotations analysed once into a frozen tree; misuse refused."""

from __future__ import annotations

import collections.abc as cabc
import dataclasses
import datetime
import decimal
import enum
import sys
import typing as t
import uuid

import annotated_types as at
import attrs
import pydantic
import pytest
import typing_extensions as te

from transom.exceptions import RouteError
from transom.params import Length
from transom.params import Range
from transom.shapes import MISSING
from transom.shapes import AnyShape
from transom.shapes import DictShape
from transom.shapes import EnumShape
from transom.shapes import ForeignShape
from transom.shapes import ListShape
from transom.shapes import LiteralShape
from transom.shapes import NoneShape
from transom.shapes import ObjectShape
from transom.shapes import OptionalShape
from transom.shapes import ScalarShape
from transom.shapes import TupleShape
from transom.shapes import UnionShape
from transom.shapes import foreign_library
from transom.shapes import shape_of
from transom.shapes import type_name


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


@dataclasses.dataclass
class Node:
    name: str
    children: list[Node] = dataclasses.field(default_factory=list["Node"])
    parent: Node | None = None


class Movie(te.TypedDict):
    title: str
    year: te.NotRequired[int]


class Partial(te.TypedDict, total=False):
    title: te.Required[str]
    year: int


@dataclasses.dataclass
class Circle:
    kind: t.Literal["circle"]
    radius: float


@dataclasses.dataclass
class Square:
    kind: t.Literal["square"]
    side: float


@dataclasses.dataclass
class Point:
    x: int
    y: int


@dataclasses.dataclass
class Size:
    width: int
    height: int


def test_shape_is_cached_per_annotation() -> None:
    assert shape_of(list[int]) is shape_of(list[int])
    assert shape_of(Node) is shape_of(Node)


@pytest.mark.parametrize(
    ("annotation", "kind"),
    [
        (str, str),
        (int, int),
        (float, float),
        (bool, bool),
        (uuid.UUID, uuid.UUID),
        (datetime.date, datetime.date),
        (datetime.datetime, datetime.datetime),
        (decimal.Decimal, decimal.Decimal),
    ],
)
def test_scalars(annotation: type[object], kind: type[object]) -> None:
    shape = shape_of(annotation)
    assert isinstance(shape, ScalarShape)
    assert shape.type is kind
    assert shape.constraints == ()


def test_constraints_from_annotated_and_annotated_types() -> None:
    shape = shape_of(t.Annotated[int, Range(ge=1, le=10)])
    assert isinstance(shape, ScalarShape)
    assert shape.constraints == (Range(ge=1, le=10),)
    assert shape.describe() == "integer from 1 to 10"
    other = shape_of(t.Annotated[str, at.MaxLen(5)])
    assert isinstance(other, ScalarShape)
    assert other.constraints == (Length(0, 5),)
    assert other.describe() == "string of at most 5 characters"


def test_constraint_on_the_wrong_type_is_refused() -> None:
    with pytest.raises(
        RouteError,
        match=r"Range\(ge=1\) applies to int, float and Decimal, not str\. Fix: remove",
    ):
        shape_of(t.Annotated[str, Range(ge=1)], where="parameter 'x' of f()")
    with pytest.raises(RouteError, match=r"Length\(max=3\) applies to str and lists"):
        shape_of(t.Annotated[dict[str, int], Length(max=3)])


def test_length_bounds_a_list() -> None:
    shape = shape_of(t.Annotated[list[int], Length(max=3)])
    assert isinstance(shape, ListShape)
    assert shape.length == Length(0, 3)
    assert shape.describe() == "array of at most 3 items"


def test_containers() -> None:
    listed = shape_of(list[int])
    assert isinstance(listed, ListShape) and listed.container is list
    assert isinstance(listed.item, ScalarShape)
    unique = shape_of(frozenset[str])
    assert isinstance(unique, ListShape) and unique.container is frozenset
    sequence = shape_of(cabc.Sequence[int])
    assert isinstance(sequence, ListShape) and sequence.container is list
    pair = shape_of(tuple[int, str])
    assert isinstance(pair, TupleShape) and len(pair.items) == 2 and pair.rest is None
    assert pair.describe() == "array of 2 items"
    many = shape_of(tuple[int, ...])
    assert isinstance(many, TupleShape) and many.items == ()
    assert isinstance(many.rest, ScalarShape)
    mapping = shape_of(dict[str, list[int]])
    assert isinstance(mapping, DictShape) and isinstance(mapping.value, ListShape)
    assert isinstance(shape_of(dict[uuid.UUID, int]), DictShape)


def test_dict_keys_must_come_from_text() -> None:
    with pytest.raises(RouteError, match=r"JSON keys are text\. Fix: use str keys"):
        shape_of(dict[tuple[int, int], int])


def test_optional_literal_enum_any_none() -> None:
    optional = shape_of(int | None)
    assert isinstance(optional, OptionalShape)
    assert optional.describe() == "integer or null"
    literal = shape_of(t.Literal["a", 1, True, None])
    assert isinstance(literal, LiteralShape)
    assert literal.describe() == "one of 'a', 1, true, null"
    members = shape_of(t.Literal[Color.RED])
    assert isinstance(members, LiteralShape)
    assert members.values == ("red",) and members.results == (Color.RED,)
    colors = shape_of(Color)
    assert isinstance(colors, EnumShape) and colors.values == ("red", "blue")
    assert isinstance(shape_of(t.Any), AnyShape)
    assert isinstance(shape_of(object), AnyShape)
    assert isinstance(shape_of(None), NoneShape)
    assert isinstance(shape_of(int | t.Any), AnyShape)


def test_literal_of_a_value_json_cannot_hold() -> None:
    with pytest.raises(RouteError, match=r"has the value b'x', which is not JSON"):
        shape_of(t.Literal[b"x"])


def test_dataclass_fields_defaults_and_recursion() -> None:
    shape = shape_of(Node)
    assert isinstance(shape, ObjectShape)
    assert shape.kind == "dataclass" and shape.name == "Node"
    name, children, parent = shape.fields
    assert (name.name, name.required, name.default) == ("name", True, MISSING)
    assert children.required is False and children.default_factory is not None
    assert isinstance(children.shape, ListShape) and children.shape.item is shape
    assert isinstance(parent.shape, OptionalShape) and parent.shape.inner is shape
    assert parent.default is None


def test_dataclass_fields_without_init_are_left_out() -> None:
    @dataclasses.dataclass
    class Counted:
        name: str
        count: int = dataclasses.field(init=False, default=0)

    shape = shape_of(Counted)
    assert isinstance(shape, ObjectShape)
    assert [f.name for f in shape.fields] == ["name"]


@pytest.mark.parametrize("cls", [Movie, Partial])
def test_typeddict_required_keys(cls: type[object]) -> None:
    shape = shape_of(cls)
    assert isinstance(shape, ObjectShape) and shape.kind == "typeddict"
    assert [(f.name, f.required) for f in shape.fields] == [
        ("title", True),
        ("year", False),
    ]


def test_union_by_json_kind() -> None:
    shape = shape_of(int | str | list[int])
    assert isinstance(shape, UnionShape)
    assert list(shape.by_kind) == ["int", "str", "array"]
    numbers = shape_of(int | float)
    assert isinstance(numbers, UnionShape)
    assert [s.annotation for s in numbers.by_kind["int"]] == [int]
    assert [s.annotation for s in numbers.by_kind["float"]] == [float]
    choices = shape_of(t.Literal["a", "b"] | Color | str)
    assert isinstance(choices, UnionShape)
    assert [s.annotation for s in choices.by_kind["str"]] == [
        t.Literal["a", "b"],
        Color,
        str,
    ]


def test_union_with_none_is_optional() -> None:
    shape = shape_of(int | str | None)
    assert isinstance(shape, OptionalShape)
    assert isinstance(shape.inner, UnionShape)


def test_tagged_union() -> None:
    shape = shape_of(Circle | Square)
    assert isinstance(shape, UnionShape)
    assert shape.tag == "kind"
    assert shape.by_tag == {
        (str, "circle"): shape_of(Circle),
        (str, "square"): shape_of(Square),
    }


@pytest.mark.parametrize(
    ("annotation", "problem"),
    [
        (
            Point | Size,
            "Point, Size are all JSON objects and no field tells them apart",
        ),
        (str | uuid.UUID, "both str and UUID accept a JSON string"),
        (
            datetime.date | datetime.datetime,
            "both date and datetime accept a JSON string",
        ),
        (list[int] | tuple[str, str], "accept a JSON array"),
        (decimal.Decimal | float, "both Decimal and float accept a JSON integer"),
        (t.Literal["a"] | t.Literal["a", "b"] | str, "accept a JSON string"),
        (dict[str, int] | Point, "accept a JSON object"),
    ],
)
def test_ambiguous_unions_are_refused_with_the_fix(
    annotation: t.Any, problem: str
) -> None:
    with pytest.raises(RouteError) as caught:
        shape_of(annotation, where="parameter 'body' of Shapes.post")
    error = caught.value
    assert error.where == "parameter 'body' of Shapes.post"
    assert problem in error.problem
    assert error.problem.startswith(f"the union {type_name(annotation)} is ambiguous")
    assert "tests." not in error.problem
    assert "Literal" in error.fix


def test_tag_values_must_differ() -> None:
    @dataclasses.dataclass
    class Disc:
        kind: t.Literal["circle"]

    with pytest.raises(RouteError, match="no field tells them apart"):
        shape_of(Circle | Disc)


def test_unknown_types_are_refused_with_the_list_of_known_ones() -> None:
    class Opaque:
        pass

    with pytest.raises(
        RouteError,
        match=r"Opaque cannot be decoded from request data\. Fix: use a dataclass",
    ):
        shape_of(Opaque, where="parameter 'x' of f()")
    with pytest.raises(RouteError, match=r"'Missing' is a name in quotes"):
        shape_of(list["Missing"])  # type: ignore[name-defined]  # noqa: F821


def test_unresolvable_field_annotation_names_the_field() -> None:
    @dataclasses.dataclass
    class Broken:
        thing: Nowhere  # type: ignore[name-defined]  # noqa: F821

    with pytest.raises(RouteError, match=r"annotations of .*Broken name 'Nowhere'"):
        shape_of(Broken)


def test_field_errors_name_the_field() -> None:
    @dataclasses.dataclass
    class Holder:
        value: t.Annotated[str, Range(ge=0)]

    with pytest.raises(RouteError) as caught:
        shape_of(Holder, where="parameter 'h' of f()")
    assert caught.value.where.endswith(
        "parameter 'h' of f(): field " + Holder.__qualname__ + ".value"
    )


def test_foreign_classes_are_detected() -> None:
    assert foreign_library(Point) is None

    class Model(pydantic.BaseModel):
        x: int

    assert foreign_library(Model) == "pydantic"
    shape = shape_of(Model)
    assert isinstance(shape, ForeignShape) and shape.name == "Model"


def test_attrs_classes_are_read_like_dataclasses() -> None:
    @attrs.define
    class Pet:
        name: str
        _age: int = 0
        toys: list[str] = attrs.field(factory=list[str])

    shape = shape_of(Pet)
    assert isinstance(shape, ObjectShape) and shape.kind == "attrs"
    assert [(f.name, f.required, f.argument) for f in shape.fields] == [
        ("name", True, None),
        ("age", False, None),
        ("toys", False, None),
    ]
    assert shape.fields[1].default == 0
    factory = shape.fields[2].default_factory
    assert factory is not None and factory() == []


def test_no_optional_package_is_imported() -> None:
    code = (
        "import sys, dataclasses\n"
        "from transom.decoding import decoder_for\n"
        "@dataclasses.dataclass\nclass A:\n    x: int\n"
        "decoder_for(A).decode({'x': 1})\n"
        "print(sorted(m for m in ('pydantic', 'attrs', 'msgspec') if m in sys.modules))\n"
    )
    import subprocess

    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("annotation", "name"),
    [
        (Point, "Point"),
        (list[Point] | None, "list[Point] | None"),
        (dict[str, tuple[int, ...]], "dict[str, tuple[int, ...]]"),
        (t.Literal["a", 1], "Literal['a', 1]"),
        (t.Annotated[int, Range(ge=1)], "Annotated[int, Range(ge=1)]"),
    ],
)
def test_type_names_read_as_written(annotation: object, name: str) -> None:
    assert type_name(annotation) == name


UserId = t.NewType("UserId", int)
Pairs = te.TypeAliasType("Pairs", list[tuple[int, int]])


def test_new_types_and_aliases_are_their_values() -> None:
    shape = shape_of(t.Annotated[UserId, Range(ge=1)])
    assert isinstance(shape, ScalarShape) and shape.type is int
    assert shape.constraints == (Range(ge=1),)
    assert isinstance(shape_of(Pairs), ListShape)


def test_unhashable_metadata_is_analysed_uncached() -> None:
    unhashable = t.Annotated[int, {"doc": "a number"}]
    assert isinstance(shape_of(unhashable), ScalarShape)
    assert isinstance(shape_of(list[unhashable]), ListShape)
