"""transom.decoding under hypothesis: random JSON gives a value or InvalidData,
never another exception; valid documents round-trip; a document with one
value of the wrong kind gives exactly one error, at that value's pointer."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import decimal
import enum
import json
import typing as t
import uuid

import pytest
import typing_extensions as te
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from transom._decoder import MismatchError
from transom.decoding import Decoder
from transom.decoding import decoder_for
from transom.decoding import escape
from transom.exceptions import InvalidData
from transom.json import JSONProvider
from transom.params import Length
from transom.params import Range
from transom.shapes import AnyShape
from transom.shapes import DictShape
from transom.shapes import EnumShape
from transom.shapes import ListShape
from transom.shapes import LiteralShape
from transom.shapes import NoneShape
from transom.shapes import ObjectShape
from transom.shapes import OptionalShape
from transom.shapes import ScalarShape
from transom.shapes import Shape
from transom.shapes import TupleShape
from transom.shapes import UnionShape


class Color(enum.Enum):
    RED = "red"
    BLUE = "blue"


@dataclasses.dataclass
class Step:
    name: t.Annotated[str, Length(min=1, max=20)]
    minutes: t.Annotated[int, Range(ge=0, le=600)]
    done: bool = False


@dataclasses.dataclass
class Circle:
    kind: t.Literal["circle"]
    radius: t.Annotated[float, Range(gt=0, le=1000)]


@dataclasses.dataclass
class Square:
    kind: t.Literal["square"]
    side: float = 1.0


class Meta(te.TypedDict):
    source: str
    version: te.NotRequired[int]


@dataclasses.dataclass
class Tree:
    name: str
    children: list[Tree] = dataclasses.field(default_factory=list["Tree"])


@dataclasses.dataclass
class Document:
    id: uuid.UUID
    title: str
    priority: t.Literal[1, 2, 3]
    color: Color
    due: datetime.date | None
    at: datetime.datetime | None = None
    price: t.Annotated[decimal.Decimal, Range(ge=0)] = decimal.Decimal(0)
    tags: list[str] = dataclasses.field(default_factory=list[str])
    steps: t.Annotated[list[Step], Length(max=5)] = dataclasses.field(
        default_factory=list[Step]
    )
    shape: Circle | Square | None = None
    pair: tuple[int, str] | None = None
    scores: dict[str, float] = dataclasses.field(default_factory=dict[str, float])
    counts: dict[int, int] = dataclasses.field(default_factory=dict[int, int])
    meta: Meta | None = None
    value: int | str | list[int] | None = None
    tree: Tree | None = None


ANNOTATIONS: t.Final[list[t.Any]] = [
    Document,
    list[Document],
    Tree,
    Circle | Square,
    dict[str, Step],
    tuple[int, ...],
    Meta,
]

_json: st.SearchStrategy[object] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)
_keys: t.Final = st.sampled_from(
    ["id", "title", "kind", "name", "radius", "children", "steps", "source", "x"]
)
_near_json: st.SearchStrategy[object] = st.recursive(
    _json,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_keys, inner, max_size=6)
    ),
    max_leaves=30,
)

Path: t.TypeAlias = tuple[str | int, ...]


class _Leaves(t.NamedTuple):
    path: Path
    declared: Shape


def _pointer(path: Path) -> str:
    return "".join(f"/{escape(str(token))}" for token in path)


def _number_bounds(shape: ScalarShape) -> dict[str, t.Any]:
    bounds: dict[str, t.Any] = {}
    for check in shape.constraints:
        if isinstance(check, Range):
            if check.ge is not None:
                bounds["min_value"] = check.ge
            if check.gt is not None:
                bounds["min_value"], bounds["exclude_min"] = check.gt, True
            if check.le is not None:
                bounds["max_value"] = check.le
            if check.lt is not None:
                bounds["max_value"], bounds["exclude_max"] = check.lt, True
    return bounds


def _scalar(shape: ScalarShape) -> st.SearchStrategy[object]:
    kind = shape.type
    bounds = _number_bounds(shape)
    if kind is str:
        length = next((c for c in shape.constraints if isinstance(c, Length)), None)
        low = length.min if length else 0
        high = length.max if length and length.max is not None else low + 8
        return st.text(min_size=low, max_size=high)
    if kind is bool:
        return st.booleans()
    if kind is int:
        return st.integers(
            min_value=bounds.get("min_value"), max_value=bounds.get("max_value")
        )
    if kind is float:
        return st.floats(allow_nan=False, allow_infinity=False, **bounds)
    if kind is decimal.Decimal:
        return st.decimals(
            min_value=bounds.get("min_value"),
            max_value=10**6,
            places=2,
            allow_nan=False,
            allow_infinity=False,
        ).map(str)
    if kind is uuid.UUID:
        return st.uuids().map(str)
    if kind is datetime.datetime:
        return st.datetimes().map(lambda d: d.isoformat())
    return st.dates().map(lambda d: d.isoformat())


def _draw(
    data: st.DataObject,
    shape: Shape,
    path: Path,
    leaves: list[_Leaves],
    depth: int = 0,
    declared: Shape | None = None,
) -> object:
    """A valid document of ``shape``; each scalar value's path, and the shape
    declared there (a union or optional one included), go into ``leaves``."""
    declared = declared or shape
    if isinstance(shape, OptionalShape):
        if depth > 3 or data.draw(st.booleans()):
            leaves.append(_Leaves(path, declared))
            return None
        return _draw(data, shape.inner, path, leaves, depth, declared)
    if isinstance(shape, UnionShape):
        option = data.draw(st.sampled_from(shape.options))
        return _draw(data, option, path, leaves, depth, declared)
    if isinstance(shape, AnyShape | NoneShape):
        return None
    if isinstance(shape, ScalarShape | LiteralShape | EnumShape):
        leaves.append(_Leaves(path, declared))
        if isinstance(shape, ScalarShape):
            return data.draw(_scalar(shape))
        return data.draw(st.sampled_from(shape.values))
    if isinstance(shape, ListShape | TupleShape):
        if isinstance(shape, TupleShape) and shape.rest is None:
            items = list(shape.items)
        else:
            item = shape.item if isinstance(shape, ListShape) else shape.rest
            assert item is not None
            length = shape.length if isinstance(shape, ListShape) else None
            high = 0 if depth > 3 else 3
            if length is not None and length.max is not None:
                high = min(high, length.max)
            items = [item] * data.draw(st.integers(0, high))
        return [
            _draw(data, each, (*path, i), leaves, depth + 1)
            for i, each in enumerate(items)
        ]
    if isinstance(shape, DictShape):
        keys = (
            st.text(max_size=5)
            if isinstance(shape.key, ScalarShape) and shape.key.type is str
            else st.integers(0, 10**6).map(str)
        )
        chosen = data.draw(st.lists(keys, max_size=0 if depth > 3 else 3, unique=True))
        return {
            k: _draw(data, shape.value, (*path, k), leaves, depth + 1) for k in chosen
        }
    assert isinstance(shape, ObjectShape)
    leaves.append(_Leaves(path, shape))
    document: dict[str, object] = {}
    for field in shape.fields:
        if field.required or (depth <= 3 and data.draw(st.booleans())):
            document[field.name] = _draw(
                data, field.shape, (*path, field.name), leaves, depth + 1
            )
    return document


_WRONG: t.Final[dict[str, object]] = {
    "null": None,
    "bool": True,
    "int": 7,
    "float": 0.5,
    "str": "wrong",
    "array": [],
    "object": {},
}


def _decodes(decoder: Decoder[t.Any], document: object) -> bool:
    """Whether ``document`` decodes; the fast decoder and the error
    collector must agree."""
    try:
        decoder._fast(document)  # pyright: ignore[reportPrivateUsage]
    except MismatchError:
        fast = False
    else:
        fast = True
    try:
        decoder.decode(document)
    except InvalidData as error:
        assert error.errors, "InvalidData without errors"
        assert not fast, "the fast decoder accepted what the collector refused"
        return False
    assert fast, "the collector accepted what the fast decoder refused"
    return True


@pytest.mark.parametrize("annotation", ANNOTATIONS)
@settings(max_examples=80, deadline=None)
@given(document=_json | _near_json)
def test_random_json_gives_a_value_or_invalid_data(
    annotation: t.Any, document: object
) -> None:
    _decodes(decoder_for(annotation), document)
    _decodes(decoder_for(annotation, unknown="ignore"), document)


@pytest.mark.parametrize("annotation", ANNOTATIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_valid_documents_round_trip(annotation: t.Any, data: st.DataObject) -> None:
    decoder = decoder_for(annotation)
    document = _draw(data, decoder.shape, (), [])
    assert _decodes(decoder, document)
    value = decoder.decode(document)
    again = json.loads(JSONProvider().dumps(value))
    assert decoder.decode(again) == value


@pytest.mark.parametrize("annotation", ANNOTATIONS)
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_one_wrong_value_is_one_error_at_its_pointer(
    annotation: t.Any, data: st.DataObject
) -> None:
    decoder = decoder_for(annotation)
    leaves: list[_Leaves] = []
    document = _draw(data, decoder.shape, (), leaves)
    if not leaves:
        return
    leaves = [leaf for leaf in leaves if not isinstance(leaf.declared, ObjectShape)]
    if not leaves:
        return
    leaf = data.draw(st.sampled_from(leaves))
    own, extra = leaf.declared.kinds()
    wrong = [kind for kind in _WRONG if kind not in own + extra]
    kind = data.draw(st.sampled_from(wrong))
    broken = copy.deepcopy(document)
    if leaf.path:
        parent: t.Any = broken
        for token in leaf.path[:-1]:
            parent = parent[token]
        parent[leaf.path[-1]] = _WRONG[kind]
    else:
        broken = _WRONG[kind]
    assert not _decodes(decoder, broken)
    with pytest.raises(InvalidData) as caught:
        decoder.decode(broken)
    assert [e.pointer for e in caught.value.errors] == [_pointer(leaf.path)]


@pytest.mark.parametrize("annotation", ANNOTATIONS)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_one_unknown_field_is_one_error_at_its_pointer(
    annotation: t.Any, data: st.DataObject
) -> None:
    decoder = decoder_for(annotation)
    leaves: list[_Leaves] = []
    document = _draw(data, decoder.shape, (), leaves)
    objects = [leaf for leaf in leaves if isinstance(leaf.declared, ObjectShape)]
    if not objects:
        return
    chosen = data.draw(st.sampled_from(objects))
    assert isinstance(chosen.declared, ObjectShape)
    names = {field.name for field in chosen.declared.fields}
    key = data.draw(st.text(max_size=5).filter(lambda k: k not in names))
    broken = copy.deepcopy(document)
    target: t.Any = broken
    for token in chosen.path:
        target = target[token]
    target[key] = data.draw(_json)
    assert not _decodes(decoder, broken)
    with pytest.raises(InvalidData) as caught:
        decoder.decode(broken)
    assert [e.pointer for e in caught.value.errors] == [_pointer((*chosen.path, key))]
    lenient = decoder_for(annotation, unknown="ignore")
    assert _decodes(lenient, broken)
    assert lenient.decode(broken) == decoder.decode(document)


@dataclasses.dataclass
class Signup:
    name: t.Annotated[str, Length(min=1, max=20)]
    age: t.Annotated[int, Range(ge=13, le=130)]
    colors: list[Color]
    joined: datetime.date | None = None
    score: decimal.Decimal = decimal.Decimal(0)
    newsletter: bool = False
    ratio: float | None = None


_FORM_KEYS: t.Final = st.sampled_from(
    ["name", "age", "colors", "joined", "score", "newsletter", "ratio", "x"]
)
_FORM_TEXT: t.Final = st.sampled_from(
    ["", "0", "13", "-1", "1e9", "3.5", "red", "on", "2024-02-30", "2024-05-31", "NaN"]
) | st.text(max_size=6)


@pytest.mark.parametrize("annotation", [Signup, Meta])
@settings(max_examples=150, deadline=None)
@given(pairs=st.lists(st.tuples(_FORM_KEYS, _FORM_TEXT), max_size=10))
def test_random_forms_give_a_value_or_invalid_data(
    annotation: t.Any, pairs: list[tuple[str, str]]
) -> None:
    form: MultiDict[str, str] = MultiDict(pairs)
    for unknown in ("forbid", "ignore"):
        decoder = decoder_for(annotation, source="form", unknown=unknown)
        try:
            decoder.decode_form(form)
        except InvalidData as error:
            assert error.errors
            assert all(e.source == "form" for e in error.errors)
