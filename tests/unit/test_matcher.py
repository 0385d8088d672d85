"""transom._matcher walks werkzeug's states with werkzeug's answers."""

from __future__ import annotations

import re
import typing as t

import pytest
from hypothesis import example
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.routing.exceptions import NoMatch
from werkzeug.routing.exceptions import RequestAliasRedirect
from werkzeug.routing.exceptions import RequestPath
from werkzeug.routing.matcher import StateMachineMatcher

from transom import App
from transom import PathStr
from transom import View
from transom._matcher import Walker
from transom._matcher import _plain_test  # pyright: ignore[reportPrivateUsage]


def _werkzeug_map() -> Map:
    return Map(
        [
            Rule("/", endpoint="index", methods=["GET"]),
            Rule("/post/<int:id>", endpoint="post", methods=["GET", "DELETE"]),
            Rule("/post/<int:id>/edit", endpoint="edit", methods=["POST"]),
            Rule("/post/new", endpoint="new"),
            Rule("/post/<string(length=2):code>", endpoint="code"),
            Rule("/files/<path:p>", endpoint="files"),
            Rule("/files/<path:p>/raw", endpoint="raw"),
            Rule("/dir/", endpoint="dir"),
            Rule("/loose/", endpoint="loose", strict_slashes=False),
            Rule("/ws", endpoint="ws", websocket=True),
            Rule("/u/<name>", endpoint="user", methods=["GET"]),
            Rule("/u/<name>", endpoint="user_post", methods=["POST"]),
            Rule("/f/<float:x>", endpoint="float"),
            Rule("/any/<any(a, b):c>", endpoint="any"),
            Rule("/d/", defaults={"page": 1}, endpoint="page"),
            Rule("/d/<int:page>", endpoint="page"),
            Rule("/alias/<int:n>", endpoint="page2", alias=True),
            Rule("/a/<x>-<y>/b", endpoint="pair"),
            Rule("/keep//slashes", endpoint="keep", merge_slashes=False),
            # Converters that refuse values their regex matched.
            Rule("/max/<int(max=5):n>", endpoint="max"),
            Rule("/max/<int(max=5):n>/<int(min=10):m>", endpoint="max2"),
        ]
    )


def _transom_map() -> Map:
    app = App("matcher_app", static_folder=None)

    @app.route("/")
    class Index(View):
        def get(self) -> str:
            return ""

    @app.route("/post/<post_id>")
    class Post(View):
        def get(self, post_id: int) -> str:
            return ""

        def delete(self, post_id: int) -> str:
            return ""

    @app.route("/static/<filename>")
    def static(filename: PathStr) -> str:
        return ""

    @app.route("/search/<kind>/")
    def search(kind: t.Literal["a", "b"]) -> str:
        return ""

    app.router.map.update()
    return app.router.map


def _wide_map() -> Map:
    """More static transitions in one state than are compared in line, with
    dynamic ones beside them and below them, and a table below values
    already captured (the table's functions get them from their caller)."""
    rules = [Rule(f"/s{i}", endpoint=f"s{i}", methods=["GET"]) for i in range(12)]
    rules += [Rule(f"/s{i}/<int:n>", endpoint=f"n{i}") for i in range(0, 12, 3)]
    rules += [
        Rule(f"/u/<name>/<x>-<y>/s{i}/<int:n>", endpoint=f"deep{i}") for i in range(12)
    ]
    rules += [
        Rule("/<name>", endpoint="name", methods=["POST"]),
        Rule("/s1/", endpoint="s1_dir", methods=["PUT"]),
        Rule("/s2/<path:rest>", endpoint="rest"),
    ]
    return Map(rules)


def _outcome(
    matcher: StateMachineMatcher | Walker, path: str, method: str, websocket: bool
) -> object:
    try:
        rule, values = matcher.match("", path, method, websocket)
    except NoMatch as e:
        return ("no match", e.have_match_for, e.websocket_mismatch)
    except RequestPath as e:
        return ("slash", e.path_info)
    except RequestAliasRedirect as e:
        return ("alias", e.endpoint, e.matched_values)
    return ("rule", rule.rule, rule.endpoint, values)


SEGMENTS = st.sampled_from(
    ["", "post", "42", "007", "-1", "new", "edit", "ab", "files", "x.txt", "raw",
     "dir", "loose", "ws", "u", "ada", "f", "1.5", "any", "a", "b", "c", "d",
     "alias", "3", "x-y", "keep", "slashes", "static", "search", "é", "%20",
     "s0", "s1", "s2", "s3", "s9", "s11", "s12", "max", "12", "a-b"]
)  # fmt: skip
PATHS = st.lists(SEGMENTS, max_size=5).map(lambda parts: "/" + "/".join(parts))
METHODS = st.sampled_from(["GET", "POST", "DELETE", "HEAD", "PUT"])


@pytest.mark.parametrize("make_map", [_werkzeug_map, _transom_map, _wide_map])
@settings(max_examples=400, deadline=None)
@given(path=PATHS, method=METHODS, websocket=st.booleans())
@example(path="/max/3", method="GET", websocket=False)
@example(path="/max/42", method="GET", websocket=False)
@example(path="/max//42", method="GET", websocket=False)
@example(path="/max/3/12", method="GET", websocket=False)
@example(path="/max/3/3", method="GET", websocket=False)
@example(path="/max/42/12", method="GET", websocket=False)
@example(path="/u/ada/a-b/s3/12", method="GET", websocket=False)
@example(path="/u/ada/a-b/s12/12", method="GET", websocket=False)
@example(path="/u/ada/a-b/s3/x", method="GET", websocket=False)
def test_same_answer_as_werkzeug(
    make_map: t.Callable[[], Map], path: str, method: str, websocket: bool
) -> None:
    url_map = make_map()
    url_map.update()
    matcher: StateMachineMatcher = vars(url_map)["_matcher"]
    walker = Walker(matcher)
    expected = _outcome(matcher, path, method, websocket)
    assert _outcome(walker, path, method, websocket) == expected
    # The walker keeps compiled patterns; a second walk answers alike.
    assert _outcome(walker, path, method, websocket) == expected
    # find() gives the same answer, with a miss returned instead of raised.
    assert _found(walker, path, method, websocket) == expected


def _found(walker: Walker, path: str, method: str, websocket: bool) -> object:
    try:
        found = walker.find("", path, method, websocket)
    except (RequestPath, RequestAliasRedirect):
        return _outcome(walker, path, method, websocket)
    if isinstance(found, NoMatch):
        return ("no match", found.have_match_for, found.websocket_mismatch)
    rule, values = found
    return ("rule", rule.rule, rule.endpoint, values)


@pytest.mark.parametrize(
    "path",
    ["/post/42", "//post//42", "/post/42/", "/dir", "/loose", "/loose/",
     "/files/a/b/c", "/files/a/b/raw", "/files/a/", "/keep//slashes",
     "/keep/slashes", "/a/x-y/b", "/d/", "/d/7", "/alias/3", "/any/c", "/nowhere"],
)  # fmt: skip
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_examples(path: str, method: str) -> None:
    url_map = _werkzeug_map()
    url_map.update()
    matcher: StateMachineMatcher = vars(url_map)["_matcher"]
    assert _outcome(Walker(matcher), path, method, False) == _outcome(
        matcher, path, method, False
    )


DEPTH: t.Final = 60


@pytest.mark.parametrize(
    "path",
    [
        "/" + "/".join(["d"] * DEPTH),
        "/" + "/".join(["d"] * DEPTH) + "/",
        "/" + "/".join(["d"] * (DEPTH - 1)) + "/7",
        "/" + "/".join(["d"] * (DEPTH - 1)) + "/x",
        "/" + "/".join(["d"] * 30),
        "/" + "/".join(["d"] * (DEPTH + 1)),
    ],
)
def test_rules_deeper_than_one_function_holds(path: str) -> None:
    # Deep enough that the compiled blocks are split into functions.
    url_map = Map(
        [
            Rule("/" + "/".join(["d"] * DEPTH), endpoint="static"),
            Rule("/" + "/".join(["d"] * (DEPTH - 1)) + "/<int:n>", endpoint="int"),
            Rule("/" + "/".join(f"<a{i}>" for i in range(30)), endpoint="vars"),
        ]
    )
    url_map.update()
    matcher: StateMachineMatcher = vars(url_map)["_matcher"]
    for method in ("GET", "POST"):
        assert _outcome(Walker(matcher), path, method, False) == _outcome(
            matcher, path, method, False
        )


def test_a_reset_walker_sees_rules_added_since() -> None:
    url_map = Map([Rule("/a", endpoint="a")])
    url_map.update()
    matcher: StateMachineMatcher = vars(url_map)["_matcher"]
    walker = Walker(matcher)
    assert _outcome(walker, "/a", "GET", False) == ("rule", "/a", "a", {})
    url_map.add(Rule("/b/<int:n>", endpoint="b"))
    url_map.update()
    walker.reset()
    assert _outcome(walker, "/b/3", "GET", False) == (
        "rule",
        "/b/<int:n>",
        "b",
        {"n": 3},
    )


@pytest.mark.parametrize(
    "content", [r"(?P<__werkzeug_0>[^/]+)\Z", r"(?P<__werkzeug_0>[0-9]{1,30})\Z"]
)
@settings(max_examples=300, deadline=None)
@given(segment=st.text(max_size=40) | st.from_regex(r"[0-9]{0,35}", fullmatch=True))
@example(segment="")
@example(segment="٣")  # a digit, but not an ASCII one
@example(segment="1" * 31)
@example(segment="12\n")
def test_plain_segment_tests_answer_as_their_regex(content: str, segment: str) -> None:
    segment = segment.replace("/", "")  # segments never hold one
    test = _plain_test(content, "part")
    assert test is not None
    expected = re.compile(content).match(segment) is not None
    assert bool(eval(test, {}, {"part": segment})) is expected


def test_other_regexes_have_no_plain_test() -> None:
    for content in (
        r"(?P<__werkzeug_0>[^/]{3})\Z",
        r"x(?P<__werkzeug_0>[^/]+)\Z",
        r"(?P<__werkzeug_0>[0-9]{1,30})-(?P<__werkzeug_1>[^/]+)\Z",
        r"(?P<__werkzeug_0>-?[0-9]{1,30})\Z",
    ):
        assert _plain_test(content, "part") is None
