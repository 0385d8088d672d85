"""transom.helpers: url_for, redirect, abort, make_response, jsonify,
after_this_request. The last tests run mypy and pyright on wrong url_for
calls: every line marked ``# error`` must be reported, and no other."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.exceptions import NotFound

from transom import App
from transom import Response
from transom import View
from transom.exceptions import ContextError
from transom.exceptions import ResponseTypeError
from transom.helpers import abort
from transom.helpers import after_this_request
from transom.helpers import jsonify
from transom.helpers import make_response
from transom.helpers import redirect
from transom.helpers import url_for

ROOT = Path(__file__).resolve().parents[2]


def test_abort_raises_http_errors() -> None:
    with pytest.raises(NotFound):
        abort(404)
    with pytest.raises(HTTPException) as info:
        abort(409, description="conflict")
    assert info.value.code == 409
    assert info.value.description == "conflict"


def test_abort_with_a_response() -> None:
    with pytest.raises(HTTPException) as info:
        abort(Response("custom", status=418))
    response = info.value.get_response()
    assert response.status_code == 418


def test_redirect() -> None:
    response = redirect("/there")
    assert isinstance(response, Response)
    assert (response.status_code, response.location) == (302, "/there")
    assert redirect("/x", 301).status_code == 301
    with pytest.raises(ValueError):
        redirect("/x\nLocation: evil")


def test_make_response_uses_the_app(app: App) -> None:
    class Custom(Response):
        pass

    app.response_class = Custom
    with app.app_context():
        assert type(make_response("x")) is Custom
        assert type(make_response()) is Custom
        with pytest.raises(ResponseTypeError, match="the view returned int 3"):
            make_response(3)  # type: ignore[call-overload]


def test_jsonify_uses_the_app_provider(app: App) -> None:
    app.json.sort_keys = True
    with app.app_context():
        assert jsonify(b=1, a=2).get_data(as_text=True) == '{"a":2,"b":1}\n'
    assert jsonify(b=1, a=2).get_data(as_text=True) == '{"b":1,"a":2}\n'


def test_after_this_request_registers_on_the_context(app: App) -> None:
    def hook(response: Response) -> Response:
        return response

    with app.test_request_context() as ctx:
        assert after_this_request(hook) is hook
        assert ctx.after_request_funcs == [hook]


def test_url_for_forms(app: App) -> None:
    @app.route("/p/<int:n>")
    class P(View):
        def get(self, n: int) -> str:
            return ""

    with app.test_request_context():
        assert url_for(P.get, n=1) == url_for(P, n=1) == url_for("p", n=1) == "/p/1"
        assert url_for("p", n=1, _external=True) == "http://localhost/p/1"


def test_url_for_errors_outside_contexts(app: App) -> None:
    with pytest.raises(RuntimeError, match="needs an app context"):
        url_for("p")
    with app.app_context():
        with pytest.raises(RuntimeError, match="SERVER_NAME"):
            url_for("p")


_CASES = textwrap.dedent(
    """
    from transom import App, View, url_for

    app = App(__name__)

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int, page: int = 1) -> str:
            return ""

    @app.route("/hello/<name>")
    def hello(name: str) -> str:
        return name

    url_for(Post.get, post_id=3)
    url_for(Post.get, post_id=3, _external=True)
    url_for(hello, name="x")
    url_for(Post, post_id=3, page=2)
    url_for(Post, post_id="3")  # error
    url_for(Post.get, post_id="3")  # error
    url_for(Post.get, pots_id=3)  # error
    url_for(Post.get)  # error
    url_for(Post.get, 3, 1, 2)  # error
    url_for(hello, name=1)  # error
    url_for(hello)  # error
    url_for(42)  # error
    """
)


def _expected(source: str) -> set[int]:
    return {
        number
        for number, line in enumerate(source.splitlines(), start=1)
        if line.endswith("# error")
    }


def _reported(output: str) -> set[int]:
    """The lines of case.py with an error, from mypy's "case.py:12: error:"
    or pyright's "case.py:12:5 - error:". Only the file name is matched:
    mypy replays the errors of an unchanged module from its cache under the
    path it had when they were found."""
    return {int(n) for n in re.findall(r"case\.py:(\d+)(?::\d+ -|:) error", output)}


@pytest.mark.slow
def test_url_for_wrong_values_are_type_errors_in_mypy(tmp_path: Path) -> None:
    case = tmp_path / "case.py"
    case.write_text(_CASES)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(case)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert _reported(result.stdout) == _expected(_CASES), result.stdout


@pytest.mark.slow
def test_url_for_wrong_values_are_type_errors_in_pyright(tmp_path: Path) -> None:
    pyright = shutil.which("pyright", path=os.path.dirname(sys.executable))
    if pyright is None:
        pytest.fail("pyright is not installed; install the project with '.[dev]'")
    case = tmp_path / "case.py"
    case.write_text(_CASES)
    result = subprocess.run(
        [pyright, str(case)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert _reported(result.stdout) == _expected(_CASES), result.stdout


def test_helpers_outside_a_context_raise_context_error(app: App) -> None:
    def hook(response: Response) -> Response:
        return response

    for call in (lambda: url_for("x"), lambda: make_response("x")):
        with pytest.raises(ContextError):
            call()
    with pytest.raises(ContextError, match="outside of the request context"):
        after_this_request(hook)
    with app.app_context(), pytest.raises(ContextError, match="SERVER_NAME"):
        url_for("x")
