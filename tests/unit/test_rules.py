"""transom.rules: reading and rewriting route templates."""

from __future__ import annotations

import pytest

from transom.rules import RuleSyntaxError
from transom.rules import RuleVariable
from transom.rules import openapi_path
from transom.rules import parse_rule
from transom.rules import rewrite_rule


def test_parse_plain_and_explicit_variables() -> None:
    rule = "/a/<x>/<int:y>/<int(min=1):z>"
    variables = parse_rule(rule)
    assert [(v.name, v.converter, v.args) for v in variables] == [
        ("x", None, None),
        ("y", "int", None),
        ("z", "int", "min=1"),
    ]
    assert all(rule[v.start] == "<" and rule[v.end - 1] == ">" for v in variables)


def test_parse_rule_without_variables() -> None:
    assert parse_rule("/static/page") == ()


def test_variable_is_frozen() -> None:
    variable = RuleVariable("x", None, None, 0, 3)
    with pytest.raises(AttributeError):
        variable.name = "y"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("relative", "must start with '/'"),
        ("", "must start with '/'"),
        ("/<>", "needs a Python identifier"),
        ("/<1x>", "needs a Python identifier"),
        ("/<a-b>", "needs a Python identifier"),
        ("/<int:>", "needs a Python identifier"),
        ("/<x>/<x>", "the variable 'x' appears twice"),
        ("/<int:x>/<str:x>", "appears twice"),
    ],
)
def test_syntax_errors(rule: str, message: str) -> None:
    with pytest.raises(RuleSyntaxError, match=message):
        parse_rule(rule)


def test_syntax_error_is_a_value_error() -> None:
    assert issubclass(RuleSyntaxError, ValueError)


@pytest.mark.parametrize(
    ("rule", "converters", "expected"),
    [
        ("/a/<x>", {"x": "int"}, "/a/<int:x>"),
        ("/a/<x>/b/<y>", {"y": "c1"}, "/a/<x>/b/<c1:y>"),
        ("/a/<path:x>", {"x": "c2"}, "/a/<c2:x>"),
        ("/a/<int(min=1):x>", {}, "/a/<int(min=1):x>"),
        ("/plain", {}, "/plain"),
    ],
)
def test_rewrite_rule(rule: str, converters: dict[str, str], expected: str) -> None:
    assert rewrite_rule(rule, converters) == expected


def test_openapi_path() -> None:
    assert openapi_path("/post/<int:post_id>/c/<slug>") == "/post/{post_id}/c/{slug}"
