"""Request-data markers that cannot apply are refused at registration, with
a message naming the class, method, parameter and the fix."""

from __future__ import annotations

import dataclasses
import re
import typing as t

import pytest

from transom import App
from transom import Body
from transom import Cookie
from transom import File
from transom import FileStorage
from transom import Form
from transom import Header
from transom import View
from transom.exceptions import ConverterError
from transom.exceptions import RouteError


@dataclasses.dataclass
class Note:
    text: str


def _refused(app: App, view: type[View], rule: str = "/x") -> str:
    with pytest.raises((RouteError, ConverterError)) as info:
        app.route(rule)(view)
    # The classes are local to each test: drop "test_x.<locals>." from names.
    return re.sub(r"test_\w+\.<locals>\.", "", str(info.value))


def test_two_bodies(app: App) -> None:
    class Notes(View):
        def post(self, a: Note = Body(), b: Note = Body()) -> str:
            return ""

    assert _refused(app, Notes) == (
        "Notes.post(): parameters 'a' and 'b' both read the JSON body, and a"
        " request has one. Fix: declare one Body() parameter whose type holds both"
        " (a dataclass with a field for each)."
    )


def test_body_with_form(app: App) -> None:
    class Notes(View):
        def post(self, a: Note = Body(), b: str = Form()) -> str:
            return ""

    assert _refused(app, Notes) == (
        "Notes.post(): parameter 'a' reads the JSON body, and 'b' reads the form,"
        " but a request has one body, JSON or form. Fix: read both from the JSON"
        " body (Body()), or both from the form (Form(), File())."
    )


def test_body_with_file(app: App) -> None:
    class Notes(View):
        def post(self, a: Note = Body(), f: FileStorage = File()) -> str:
            return ""

    assert "'f' reads a file of the form" in _refused(app, Notes)


def test_marker_on_a_path_variable(app: App) -> None:
    class Notes(View):
        def get(self, note_id: int = Header()) -> str:
            return ""

    assert _refused(app, Notes, "/notes/<note_id>") == (
        "parameter 'note_id' of Notes.get(): it is a variable of the rule"
        " '/notes/<note_id>', but its default Header() reads it from a header."
        " Fix: remove the default Header(), or remove <note_id> from the rule."
    )


def test_body_without_annotation(app: App) -> None:
    class Notes(View):
        def post(self, note=Body()) -> str:  # type: ignore[no-untyped-def]
            return ""

    assert _refused(app, Notes) == (
        "parameter 'note' of Notes.post(): Body() decodes the JSON body into the"
        " parameter's annotation, and it has none. Fix: annotate it with the"
        " body's type, as in 'note: NewTask = Body()'."
    )


def test_file_that_is_not_a_file_storage(app: App) -> None:
    class Notes(View):
        def post(self, photo: bytes = File()) -> str:
            return ""

    assert _refused(app, Notes) == (
        "parameter 'photo' of Notes.post(): File() gives the uploaded file as a"
        " FileStorage, but the annotation is bytes. Fix: annotate it"
        " 'photo: FileStorage = File()', 'FileStorage | None' or"
        " 'list[FileStorage]' (FileStorage from transom)."
    )


def test_header_type_without_converter(app: App) -> None:
    class Notes(View):
        def get(self, note: Note = Header()) -> str:
            return ""

    message = _refused(app, Notes)
    assert message.startswith(
        "parameter 'note' of Notes.get(): no converter for the annotation Note."
    )


def test_cookie_with_a_bad_name(app: App) -> None:
    class Notes(View):
        def get(self, theme: str = Cookie("the me")) -> str:
            return ""

    assert _refused(app, Notes) == (
        "parameter 'theme' of Notes.get(): Cookie('the me') names 'the me', which"
        " is not a valid cookie name. Fix: give the name as the client sends it,"
        " without spaces or separators such as ':' or ';'."
    )


def test_whole_form_with_a_field_name(app: App) -> None:
    class Notes(View):
        def post(self, note: Note = Form("note")) -> str:
            return ""

    assert _refused(app, Notes) == (
        "parameter 'note' of Notes.post(): Form('note') gives one field, but the"
        " annotation Note takes the whole form. Fix: write 'note: Note = Form()'"
        " for the whole form, or annotate a single field's type (str, int,"
        " list[str], ...)."
    )


def test_whole_form_with_another_field(app: App) -> None:
    class Notes(View):
        def post(self, note: Note = Form(), other: str = Form()) -> str:
            return ""

    assert _refused(app, Notes) == (
        "Notes.post(): parameter 'note' takes the whole form, so 'other' would read"
        " a field of it too. Fix: add the field to the type of 'note', or read each"
        " field with its own Form() parameter."
    )


def test_function_routes_are_checked_too(app: App) -> None:
    def notes(a: Note = Body(), b: Note = Body()) -> str:
        return ""

    with pytest.raises(RouteError, match=re.escape("notes(): parameters 'a' and 'b'")):
        app.route("/notes", methods=["POST"])(notes)


def test_body_type_no_decoder_handles(app: App) -> None:
    class Notes(View):
        def post(self, note: dict[str, t.Callable[[], int]] = Body()) -> str:
            return ""

    assert _refused(app, Notes).startswith(
        "parameter 'note' of Notes.post(): Callable[[], int] cannot be decoded from"
        " request data. Fix: use a dataclass, TypedDict, list, dict[str, T],"
    )


@dataclasses.dataclass
class Signup:
    name: str
    address: Note


def test_whole_form_of_nested_objects(app: App) -> None:
    class Signups(View):
        def post(self, signup: Signup = Form()) -> str:
            return ""

    assert _refused(app, Signups).startswith(
        "parameter 'signup' of Signups.post(): field Signup.address: a form holds"
        " text fields, and Note cannot be read from text. Fix: send JSON for nested"
        " data,"
    )
