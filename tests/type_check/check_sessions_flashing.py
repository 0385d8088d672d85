"""What type checkers infer for the session, flashing and the helpers of
templates and static files. Checked by mypy and pyright, never run."""

from __future__ import annotations

import collections.abc as cabc
import typing as t

from transom import Response
from transom import flash
from transom import get_flashed_messages
from transom import render_template
from transom import render_template_string
from transom import send_file
from transom import send_from_directory
from transom import session
from transom.sessions import Session

t.assert_type(session, Session)
t.assert_type(session["user"], t.Any)
t.assert_type(session.get("user"), t.Any)
t.assert_type(session.permanent, bool)
t.assert_type(session.modified, bool)
t.assert_type(session.accessed, bool)
t.assert_type(session.new, bool)
session["user"] = "ada"
session.permanent = True
session.modified = True
del session["user"]
session.update({"a": 1}, b=2)
session |= {"c": 3}
mapping: cabc.MutableMapping[str, t.Any] = session
keys: cabc.KeysView[str] = session.keys()

flash("saved")
flash("failed", "error")
flash("x", category="info")
t.assert_type(get_flashed_messages(), list[str])
t.assert_type(get_flashed_messages(category_filter=["error"]), list[str])
t.assert_type(get_flashed_messages(True), list[tuple[str, str]])
t.assert_type(get_flashed_messages(with_categories=True), list[tuple[str, str]])


def flexible(with_categories: bool) -> None:
    t.assert_type(
        get_flashed_messages(with_categories),
        list[str] | list[tuple[str, str]],
    )


t.assert_type(render_template("page.html", name="x"), str)
t.assert_type(render_template(["a.html", "b.html"]), str)
t.assert_type(render_template_string("{{ x }}", x=1), str)
t.assert_type(send_file("report.pdf", as_attachment=True), Response)
t.assert_type(send_from_directory("uploads", "a.png", max_age=60), Response)
