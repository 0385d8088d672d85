"""The mypy plugin on a warm cache: a module checked again while the views
it names come from mypy's cache, which keeps a function's type, argument
names and kinds, but not its syntax tree (no ``arguments``, body or
decorators). The plugin must say exactly what it said on the cold run.
And under mypy's daemon, which keeps the plugin, and what it learnt of a
module, from one check to the next."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_POSTS = """\
from transom import App, View

app = App(__name__)


@app.route("/post/<post_id>")
class Post(View):
    def get(self, post_id: int) -> str:
        return f"Post {post_id}"


@app.route("/legacy/<slug>")
class Legacy(View):
    def get(self, slug):
        return slug


@app.route("/hello/<name>")
def hello(name: str) -> str:
    return name


def plain(page: int) -> str:
    return str(page)


app.add_route("/plain/<page>", plain)
"""

_LINKS = """\
from transom import url_for

from posts import Legacy, Post, app, hello, plain


def links() -> list[str]:
    return [
        url_for(Post.get, post_id=1),
        url_for(Post.get, post_id=1, _external=True),
        url_for(Post.get, post_id="x"),
        url_for(Post, post_id="x", _external=True),
        url_for(Post().get, post_id=1),
        url_for(Legacy.get, slug=1),
        url_for(Legacy, slug=1, _anchor="a"),
        url_for(Legacy, nope=1),
        url_for(hello, name=3),
        url_for(plain, page="x"),
    ]


app.add_route("/again/<post_id>", Post, endpoint="again")
app.add_route("/legacy-again/<other>", Legacy, endpoint="legacy_again")
"""

_EXPECTED = [
    'links.py:10: error: Argument "post_id" to "url_for" has incompatible type'
    ' "str"; expected "int"  [arg-type]',
    'links.py:11: error: Argument "post_id" to "url_for" has incompatible type'
    ' "str"; expected "int"  [arg-type]',
    "links.py:12: error: url_for() takes the verb method from the class, as"
    " url_for(Post.get, ...), not from an instance  [transom-url-for]",
    'links.py:15: error: Unexpected keyword argument "nope" for "url_for"  [call-arg]',
    'links.py:16: error: Argument "name" to "url_for" has incompatible type'
    ' "int"; expected "str"  [arg-type]',
    'links.py:17: error: Argument "page" to "url_for" has incompatible type'
    ' "str"; expected "int"  [arg-type]',
    "links.py:22: error: Legacy.get(): it does not accept the rule variable"
    " 'other' of '/legacy-again/<other>'. Fix: add a parameter 'other: str' (or"
    " another type) to Legacy.get, or remove <other> from the rule."
    "  [transom-route]",
]
"""What the plugin says of ``links.py``, cold and warm alike. (Not strict:
``Legacy.get`` has no annotations, and its parameters are then ``Any``.)"""


def _mypy(project: Path, *files: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini"]
        + ["--no-error-summary", "--hide-error-context", "--no-pretty", *files],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output
    assert "INTERNAL ERROR" not in output, output
    return output


@pytest.mark.parametrize("files", [("links.py",), ("posts.py", "links.py")])
def test_a_module_checked_again_says_the_same(
    tmp_path: Path, files: tuple[str, ...]
) -> None:
    """Check ``links.py``, add a comment to it, check it again on the same
    cache: ``posts.py`` now comes from the cache, and nothing changes."""
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nplugins = transom.mypy\ncache_dir = {tmp_path / 'cache'}\n"
    )
    (tmp_path / "posts.py").write_text(_POSTS)
    (tmp_path / "links.py").write_text(_LINKS)
    cold = _mypy(tmp_path, *files)
    assert cold.splitlines() == _EXPECTED
    with (tmp_path / "links.py").open("a") as f:
        f.write("# checked again\n")
    assert _mypy(tmp_path, *files) == cold


_ROUTES = """\
from transom import App, View, url_for

app = App(__name__)


@app.route("/post/<post_id>"{endpoint})
class Post(View):
    def get(self, post_id: int) -> str:
        return url_for({name!r}, post_id={value})
"""
_EDITS: list[tuple[dict[str, str], list[str]]] = [
    ({"endpoint": "", "name": "post", "value": "post_id"}, []),
    (
        {"endpoint": ', endpoint="article"', "name": "post", "value": "post_id"},
        [
            "routes.py:9: error: url_for(): no route in this module has the"
            " endpoint 'post'. Fix: correct the name, or pass the view itself, as"
            " in url_for(View.get, ...), which works across modules"
            "  [transom-url-for]"
        ],
    ),
    ({"endpoint": ', endpoint="article"', "name": "article", "value": "post_id"}, []),
    (
        {"endpoint": ', endpoint="article"', "name": "article", "value": '"x"'},
        [
            'routes.py:9: error: Argument "post_id" to "url_for" has incompatible'
            ' type "str"; expected "int"  [arg-type]'
        ],
    ),
]
"""A module whose endpoint and url_for() call change, one edit at a time,
and what the plugin then says."""


def test_the_daemon_reads_an_edited_modules_routes_again(tmp_path: Path) -> None:
    """The daemon keeps the plugin, and with it each module's routes; an
    edit must replace them (mypy merges the new tree into the old one)."""
    dmypy = [sys.executable, "-m", "mypy.dmypy", "--status-file", "status"]
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nstrict = True\nplugins = transom.mypy\n"
        f"cache_dir = {tmp_path / 'cache'}\n"
    )
    try:
        for values, expected in _EDITS:
            (tmp_path / "routes.py").write_text(_ROUTES.format(**values))
            result = subprocess.run(
                [*dmypy, "run", "--", "--config-file", "mypy.ini"]
                + ["--no-error-summary", "routes.py"],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=600,
                check=False,
            )
            errors = [line for line in result.stdout.splitlines() if ": error:" in line]
            assert errors == expected, result.stdout + result.stderr
    finally:
        subprocess.run(
            [*dmypy, "stop"], cwd=tmp_path, capture_output=True, timeout=60, check=False
        )


_BLOG = """\
from transom import Blueprint, View

bp = Blueprint("blog", __name__)


@bp.route("/")
class Index(View):
    def get(self, page: int = 1) -> str:
        return "posts"


@bp.route("/<int:post_id>/update")
def update(post_id: int) -> str:
    return "update"


@bp.route("/archive", endpoint="old")
def archive(year: int) -> str:
    return "archive"
"""

_AUTH = """\
from transom import Blueprint, url_for

from . import blog

bp = Blueprint("auth", __name__, url_prefix="/auth")


@bp.route("/login")
def login() -> list[str]:
    return [
        url_for("blog.index", page="x"),
        url_for("blog.index"),
        url_for("blog.update"),
        url_for("blog.old", year="2024"),
        url_for("blog.old", year=2024),
        url_for("auth.login", next="/"),
        url_for("blog.nope"),
    ]
"""

_AUTH_EXPECTED = [
    'shop/auth.py:11: error: Argument "page" to "url_for" has incompatible type'
    ' "str"; expected "int"  [arg-type]',
    'shop/auth.py:13: error: Missing named argument "post_id" for "url_for"'
    "  [call-arg]",
    'shop/auth.py:14: error: Argument "year" to "url_for" has incompatible type'
    ' "str"; expected "int"  [arg-type]',
]
"""A blueprint's endpoints, named in another module that imports it: the
same cold and warm, when the blueprint's module comes from the cache."""


def test_endpoint_names_of_other_modules_are_checked(tmp_path: Path) -> None:
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nstrict = True\nplugins = transom.mypy\n"
        f"cache_dir = {tmp_path / 'cache'}\n"
    )
    package = tmp_path / "shop"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "blog.py").write_text(_BLOG)
    (package / "auth.py").write_text(_AUTH)
    cold = _mypy(tmp_path, "shop")
    assert cold.splitlines() == _AUTH_EXPECTED
    with (package / "auth.py").open("a") as f:
        f.write("# checked again\n")
    assert _mypy(tmp_path, "shop") == cold
    # Only the module that names the endpoints is checked again.
    assert _mypy(tmp_path, "shop/auth.py") == cold
