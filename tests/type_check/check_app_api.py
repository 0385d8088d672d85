"""What type checkers infer for the app's templates, configuration and
resources: the template decorators keep the decorated function's type in
all three spellings, resources are bytes or text by their mode, and the
configuration loaders take the standard library's loaders. Checked by mypy
and pyright, never run."""

from __future__ import annotations

import collections.abc as cabc
import json
import tomllib
import typing as t

from transom import App
from transom import View
from transom import get_template_attribute
from transom import stream_template
from transom import stream_template_string
from transom.wrappers import Response

app = App(__name__, instance_path="/srv/blog/instance", instance_relative_config=True)
t.assert_type(app.instance_path, str)
t.assert_type(app.root_path, str)
t.assert_type(app.static_folder, str | None)


@app.template_filter
def reverse(s: str) -> str:
    return s[::-1]


@app.template_filter()
def shout(s: str, mark: str = "!") -> str:
    return s.upper() + mark


@app.template_filter("strrev")
def my_reverse(s: str) -> str:
    return s[::-1]


# The function itself, parameter names included.
t.assert_type(reverse(s="a"), str)
t.assert_type(shout("a", mark="?"), str)
t.assert_type(my_reverse(s="a"), str)


@app.template_test
def is_prime(n: int) -> bool:
    return n > 1


@app.template_test("even")
def is_even(n: int) -> bool:
    return n % 2 == 0


t.assert_type(is_prime(n=3), bool)
t.assert_type(is_even(2), bool)


@app.template_global
def double(n: int) -> int:
    return n * 2


@app.template_global("triple")
def three_times(n: int) -> int:
    return n * 3


t.assert_type(double(n=1), int)
t.assert_type(three_times(1), int)
app.add_template_filter(reverse, "rev")
app.add_template_test(is_prime)
app.add_template_global(len, "size")

t.assert_type(stream_template("page.html", title="x"), cabc.Iterator[str])
t.assert_type(stream_template_string("{{ x }}", x=1), cabc.Iterator[str])
t.assert_type(get_template_attribute("_macros.html", "hello"), t.Any)

with app.open_resource("schema.sql") as raw:
    t.assert_type(raw.read(), bytes)
with app.open_resource("schema.sql", "r", encoding="utf-8") as text:
    t.assert_type(text.read(), str)
with app.open_instance_resource("app.db", "wb") as db:
    t.assert_type(db.write(b""), int)
with app.open_instance_resource("notes.txt", "a") as notes:
    t.assert_type(notes.write(""), int)

t.assert_type(app.config.from_pyfile("settings.cfg", silent=True), bool)
t.assert_type(app.config.from_file("config.json", load=json.load), bool)
t.assert_type(app.config.from_file("c.toml", load=tomllib.load, text=False), bool)
t.assert_type(app.config.from_envvar("BLOG_SETTINGS"), bool)


# A view at two rules: the variable one of them leaves out has a default,
# so the path parameter may be optional (the plugin checks both rules).
@app.route("/hello/")
@app.route("/hello/<name>")
def hello(name: str | None = None) -> str:
    return f"Hello {name}"


@app.route("/users/")
@app.route("/users/<int:user_id>")
class Users(View):
    def get(self, user_id: int | None = None) -> str:
        return f"{user_id}"


t.assert_type(hello(), str)


def static() -> Response:
    return app.send_static_file("style.css")
