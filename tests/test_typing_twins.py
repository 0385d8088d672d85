"""Every check transom makes when a route is registered, next to the mypy
plugin's check that finds the same mistake in the source.

:data:`TWINS` maps each ``raise`` of a registration error in ``src/transom``
to a must-fail case of ``tests/mypy/*.test``: importing the case raises at
that very line, and the plugin's expected first message (which
tests/test_typing.py checks against the plugin's actual output) says what
the exception says, up to the fix. :data:`SETTINGS_TWINS` does the same
for mistakes the plugin can only see when its settings list the app's
converters. :data:`RUN_TIME_ONLY` names the checks the plugin leaves to the
run time, each with the reason. A new ``raise`` in one of these modules
fails :func:`test_every_registration_check_is_listed` until it is put in
one of the three.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import traceback
import types
import typing as t
from pathlib import Path

import pytest

from tests.test_typing import CASES
from tests.test_typing import Case
from transom import TransomError

SOURCE = Path(__file__).resolve().parent.parent / "src" / "transom"
ERRORS: t.Final = frozenset(
    {
        "RouteError",
        "ConverterError",
        "DuplicateEndpointError",
        "EmptyRangeError",
        "MethodsTypeError",
        "TransomError",
    }
)
"""The exceptions that refuse a route, a converter or an app's set-up."""


class Site(t.NamedTuple):
    """One ``raise`` of a registration error."""

    key: str
    """``file: Error: words``: the longest constant text of the problem it
    states (of its only argument, for one without the three parts)."""
    lines: range
    """The lines the ``raise`` statement spans."""


def registration_sites() -> list[Site]:
    """Every ``raise <Error>(...)`` of :data:`ERRORS` in transom's modules."""
    sites: list[Site] = []
    for path in sorted(SOURCE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (
                isinstance(node, ast.Raise)
                and isinstance(node.exc, ast.Call)
                and isinstance(node.exc.func, ast.Name)
                and node.exc.func.id in ERRORS
            ):
                continue
            args = node.exc.args
            # The problem (``where, problem, fix``), else any of the texts.
            said = args[1:2] if len(args) == 3 else args
            texts = [t for arg in said for t in _constant_texts(arg) if t.strip()]
            words = max(texts, key=len, default="").strip()
            sites.append(
                Site(
                    f"{path.name}: {node.exc.func.id}: {words}",
                    range(node.lineno, (node.end_lineno or node.lineno) + 1),
                )
            )
    return sites


def _constant_texts(node: ast.expr) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [
            v.value
            for v in node.values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    if isinstance(node, ast.IfExp):
        return _constant_texts(node.body) + _constant_texts(node.orelse)
    return []


TWINS: t.Final[dict[str, str]] = {
    "routing.py: RouteError: ": "rule_syntax",
    "routing.py: DuplicateEndpointError: is already bound to": "duplicate_endpoint",
    "route_checks.py: RouteError: a route needs a transom.View subclass or a function": (
        "route_on_class_that_is_no_view"
    ),
    "route_checks.py: RouteError: it is a method taken from its class, so transom would"
    " have to fill 'self'": "add_route_unbound_method",
    "route_checks.py: MethodsTypeError: is a string, not a list of method names": (
        "methods_is_a_string"
    ),
    "route_checks.py: RouteError: methods=[] names no HTTP method, so the route could"
    " never answer": "methods_empty",
    "route_checks.py: RouteError: in methods= is not an HTTP method name": (
        "methods_not_http_names"
    ),
    "route_checks.py: RouteError: it is 'async def', but transom serves WSGI and calls"
    " views synchronously": "async_function_route",
    "route_checks.py: RouteError: its __init__ requires arguments, but transom creates a"
    " fresh instance per request without any": "view_init_takes_arguments",
    "route_checks.py: RouteError: methods= applies to function routes, but a View"
    " answers the verbs it defines": "methods_on_a_view",
    "route_checks.py: RouteError: it defines no verb methods": "view_without_verbs",
    "routing.py: RouteError: () takes": "verbs_disagree",
    "routing.py: RouteError: is already handled by": "rule_and_method_already_handled",
    "route_checks.py: ConverterError: , but it is annotated": "explicit_converter_disagrees",
    "signature.py: RouteError: transom passes path and query values by name and"
    " cannot fill": "star_parameters",
    "signature.py: RouteError: it is positional-only, but transom passes values"
    " by name": "positional_only_parameter",
    "signature.py: RouteError: it does not accept the rule variable": (
        "rule_variable_not_accepted"
    ),
    "views.py: RouteError: it is 'async def', but transom serves WSGI and calls"
    " verbs synchronously": "async_verb",
    "views.py: RouteError: , but a verb must be a plain method that transom calls"
    " on a fresh instance": "static_and_class_method_verbs",
    "params.py: ConverterError: a path parameter cannot be": "path_parameter_optional",
    "params.py: ConverterError: is a union transom cannot convert to": (
        "union_without_converter"
    ),
    "params.py: ConverterError: , a type variable that the routed view does not"
    " bind": "generic_view_routed_unbound",
    "params.py: ConverterError: no converter for the annotation": (
        "tuple_without_converter"
    ),
    "params.py: ConverterError: has values that are not str, int or Enum": (
        "literal_of_bytes"
    ),
    "blueprints.py: RouteError: contains a dot, which separates the names of"
    " nested blueprints in endpoints ('parent.child.view')": (
        "blueprint_name_with_a_dot"
    ),
    "blueprints.py: RouteError: is not a non-empty string": "blueprint_name_empty",
    "routing.py: RouteError: transom cannot name its endpoint from it": (
        "lambda_without_endpoint"
    ),
    "signature.py: RouteError: it is a variable of the rule": (
        "route_marker_on_path_variable"
    ),
    "signature.py: RouteError: , which is not a valid": "header_name_not_a_token",
    "signature.py: RouteError: Body() decodes the JSON body into the parameter's"
    " annotation, and it has none": "json_body_without_annotation",
    "signature.py: RouteError: File() gives the uploaded file as a FileStorage,"
    " but the annotation is": "file_not_file_storage",
    "signature.py: RouteError: gives one field, but the annotation": (
        "whole_form_given_a_name"
    ),
    "signature.py: RouteError: both read the JSON body, and a request has one": (
        "two_json_bodies"
    ),
    "signature.py: RouteError: , but a request has one body, JSON or form": (
        "json_body_with_a_form"
    ),
    "signature.py: RouteError: would read a field of it too": (
        "whole_form_with_another_field"
    ),
    # Where it is written as an expression; inside Annotated[...] mypy drops it.
    "params.py: EmptyRangeError: ": "range_no_number_fits",
}
"""Each registration check, and the must-fail case the plugin reports it in."""

SETTINGS_TWINS: t.Final[dict[str, tuple[str, str]]] = {
    "params.py: ConverterError: ; the converter of its base class": (
        "import datetime\n",
        "def view(day: datetime.datetime) -> str:\n    return str(day)\n",
    ),
}
"""Checks the plugin makes only when its settings list every converted type
(``converters =`` in ``[transom.mypy]``, here: none registered): the code
before the view, and the function route."""

_ANNOTATED: t.Final = (
    "Annotated metadata (Range, Length, PathStr): mypy drops it before any"
    " plugin hook sees the type"
)
_APP_SETTINGS: t.Final = "the App's settings are in another call, often another module"
_NOT_YET: t.Final = "not checked statically yet"

_DECODER: t.Final = (
    "whether a body or form type can be decoded depends on each of its fields,"
    " recursively, and on pydantic, attrs or msgspec when installed"
)

RUN_TIME_ONLY: t.Final[dict[str, str]] = {
    "_shape_analysis.py: RouteError: ": _DECODER,
    "decoding.py: RouteError: ": _DECODER,
    "decoding.py: RouteError: a form holds text fields, and": _DECODER,
    "decoding.py: RouteError: a whole form cannot be read into": _DECODER,
    "decoding.py: RouteError: cannot be read from text": _DECODER,
    "decoding.py: RouteError: is not a policy": (
        "plain typing: unknown= is Literal['forbid', 'ignore']"
    ),
    "app.py: RouteError: is not a boolean": "plain typing: docs= is a bool",
    "app.py: RouteError: max_content_length=": "plain typing, but for a negative size",
    "app.py: TransomError: () was called after the app handled its first request;"
    " changes then would apply to some requests only. Register routes, hooks and"
    " handlers before the app starts serving (at import time, or in"
    " create_app()).": "depends on when the code runs, not on what it says",
    "blueprints.py: RouteError: a blueprint cannot be nested in itself": _NOT_YET,
    "blueprints.py: RouteError: contains a dot, which separates the blueprint's"
    " name from the view's": _NOT_YET,
    "blueprints.py: RouteError: is already registered for": (
        "blueprints are registered in another module than their routes"
    ),
    "blueprints.py: RouteError: transom cannot name its endpoint from it": (
        f"a lambda as a view: {_NOT_YET}"
    ),
    "blueprints.py: TransomError: after it was registered; registration copies"
    " the blueprint into the app, so the change would not apply. Set up the"
    " blueprint completely (routes, hooks, nested blueprints) before"
    " register_blueprint().": "depends on when the code runs",
    "hosts.py: RouteError: is ignored when the app matches by host": _APP_SETTINGS,
    "hosts.py: RouteError: is only matched when the app matches by host": (
        _APP_SETTINGS
    ),
    "hosts.py: RouteError: is only matched with subdomain matching on, so the"
    " route would never answer": _APP_SETTINGS,
    "hosts.py: TransomError: ) only applies with host_matching=True; pass both, or"
    " neither": "App() settings, not a route",
    "hosts.py: TransomError: but does not say on which host; pass"
    " static_host='example.com', or static_folder=None": "App() settings, not a route",
    "params.py: ConverterError: PathStr (slashes allowed) applies to str only": (
        _ANNOTATED
    ),
    "params.py: ConverterError: allows only negative numbers, but numbers in URLs"
    " are unsigned unless a lower bound below zero is given": _ANNOTATED,
    "params.py: ConverterError: applies to int and float, not": _ANNOTATED,
    "params.py: ConverterError: applies to str, not": _ANNOTATED,
    "params.py: ConverterError: is a name in quotes that transom could not"
    " resolve": "mypy's own name-defined error",
    "params.py: ConverterError: the converter is not a transom.Converter"
    " subclass": "plain typing: register_converter() takes a Converter class",
    "routing.py: ConverterError: ), so transom would not apply the constraints"
    " of": _ANNOTATED,
    "route_checks.py: ConverterError: does not exist": (
        "converter names registered at run time are not in the plugin's settings"
    ),
    "routing.py: RouteError: does not, so it has no value there": (
        f"a view routed at several rules: {_NOT_YET}"
    ),
    "route_checks.py: RouteError: may both hold slashes, and matching such a rule"
    " takes time that grows with the square of the path's length (a denial of"
    " service with long paths); which slash separates them is ambiguous too": (
        _ANNOTATED
    ),
    "routing.py: RouteError: werkzeug rejects it (": "werkzeug's own rules",
    "routing.py: RouteError: a rule added to werkzeug's map directly is not checked"
    " and has no view to dispatch to": "url_map.add(): werkzeug's API, not a route",
    "scope.py: RouteError: () routes a function, but a View answers the verbs it"
    " defines": _NOT_YET,
    "scope.py: RouteError: is not an HTTP error status werkzeug knows": _NOT_YET,
    "scope.py: RouteError: it has neither a view_func nor an endpoint": _NOT_YET,
    "scope.py: RouteError: it is neither a status code nor an Exception"
    " subclass": "plain typing: errorhandler()'s signature",
    "signature.py: RouteError: cannot be evaluated (": "mypy's own name-defined error",
    "signature.py: RouteError: does not, so it has no value there": (
        f"a view routed at several rules: {_NOT_YET}"
    ),
    "signature.py: RouteError: its signature cannot be read (": (
        "a callable whose signature Python cannot read"
    ),
}
"""Registration checks the plugin leaves to the run time, and why."""


_CASES: t.Final = {case.name: case for case in CASES}
_SITES: t.Final = registration_sites()


def test_every_registration_check_is_listed() -> None:
    keys = [site.key for site in _SITES]
    listed = [*TWINS, *SETTINGS_TWINS, *RUN_TIME_ONLY]
    assert sorted(set(keys) - set(listed)) == []
    assert sorted(set(listed) - set(keys)) == []
    assert len(listed) == len(set(listed))


def _raising_site(error: BaseException) -> str:
    """The key of the registration check that raised ``error``."""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if path.parent != SOURCE or frame.lineno is None:
            continue
        for site in _SITES:
            if site.key.startswith(f"{path.name}: ") and frame.lineno in site.lines:
                return site.key
    raise AssertionError(f"no registration check raised {error!r}")


def _import(source: str, name: str) -> TransomError:
    module = types.ModuleType(name)
    with pytest.raises(TransomError) as raised:
        exec(compile(source, name, "exec"), module.__dict__)
    return raised.value


def _said(error: TransomError) -> str:
    return str(error).split(". Fix: ")[0]


@pytest.mark.parametrize("key", sorted(TWINS))
def test_the_run_time_and_the_plugin_refuse_the_same_case(key: str) -> None:
    case: Case = _CASES[TWINS[key]]
    error = _import(case.source, case.module)
    assert _raising_site(error) == key
    reported = [
        line.split(": error: ", 1)[1].rsplit("  [", 1)[0]
        for line in case.expected["plugin"]
        if line.endswith("  [transom-route]")
    ]
    assert reported, f"{case.where}: the plugin reports nothing"
    assert reported[0].split(". Fix: ")[0] == _said(error)


def test_with_converter_settings_both_refuse_the_same_code(tmp_path: Path) -> None:
    modules: dict[str, tuple[str, str]] = {}
    for number, (key, (head, view)) in enumerate(sorted(SETTINGS_TWINS.items())):
        name = f"twin_{number}"
        source = (
            f"{head}from transom import App\n\napp = App(__name__)\n\n\n"
            f"@app.route('/x/<day>')\n{view}"
        )
        (tmp_path / f"{name}.py").write_text(source)
        modules[name] = (key, source)
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nstrict = True\nplugins = transom.mypy\n[transom.mypy]\nconverters =\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini"]
        + ["--cache-dir", str(tmp_path / "cache"), "--no-error-summary"]
        + ["--hide-error-context", "--no-pretty", *[f"{n}.py" for n in modules]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    reported = {
        line.split(".py:", 1)[0]: line.split(": error: ", 1)[1]
        for line in result.stdout.splitlines()
        if line.endswith("  [transom-route]")
    }
    for name, (key, source) in modules.items():
        error = _import(source, name)
        assert _raising_site(error) == key
        assert reported[name].split(". Fix: ")[0] == _said(error), result.stdout
