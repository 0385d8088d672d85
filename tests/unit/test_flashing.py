"""Unit tests of transom.flashing inside a test request context."""

from __future__ import annotations

from transom import App
from transom import Markup
from transom import flash
from transom import get_flashed_messages


def _app() -> App:
    app = App("unit_flashing", static_folder=None)
    app.secret_key = "k"
    return app


def test_flash_stores_category_and_message_in_the_session() -> None:
    with _app().test_request_context() as ctx:
        flash("saved")
        flash("failed", "error")
        assert ctx.session["_flashes"] == [["message", "saved"], ["error", "failed"]]
        assert ctx.session.modified


def test_markup_is_recorded() -> None:
    with _app().test_request_context() as ctx:
        flash(Markup("<b>x</b>"))
        assert ctx.session["_flashes"] == [["message", "<b>x</b>", 1]]
        (message,) = get_flashed_messages()
        assert isinstance(message, Markup)


def test_plain_messages_come_back_as_plain_str() -> None:
    with _app().test_request_context():
        flash("<b>")
        (message,) = get_flashed_messages()
        assert type(message) is str


def test_reading_removes_the_messages_from_the_session() -> None:
    with _app().test_request_context() as ctx:
        flash("a")
        assert get_flashed_messages(with_categories=True) == [("message", "a")]
        assert "_flashes" not in ctx.session
        assert ctx.flashes == [("message", "a")]


def test_empty_filter_means_no_filter() -> None:
    with _app().test_request_context():
        flash("a", "x")
        assert get_flashed_messages(category_filter=iter(())) == ["a"]
        assert get_flashed_messages(category_filter="y") == []
        assert get_flashed_messages(category_filter={"x", "y"}) == ["a"]


def test_nothing_flashed_is_an_empty_list_and_no_write() -> None:
    with _app().test_request_context() as ctx:
        assert get_flashed_messages() == []
        assert not ctx.session.modified
