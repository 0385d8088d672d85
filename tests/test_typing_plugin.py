"""The mypy plugin's own pieces: its settings, and the knowledge it mirrors
from transom's run-time code (the verbs, the converters, the default
endpoint names), which must not drift from it. The plugin's behaviour
is tested through mypy in tests/test_typing.py."""

from __future__ import annotations

import subprocess
import sys
import types
import typing as t
from pathlib import Path

import pytest

from transom.converters import BUILTIN_CONVERTERS
from transom.mypy import names
from transom.mypy.config import PluginConfig
from transom.mypy.config import PluginConfigError
from transom.mypy.config import load_config
from transom.mypy.handlers import endpoint_name as static_endpoint_name
from transom.params import ConverterRegistry
from transom.routing import endpoint_name
from transom.typing import HTTPMethod
from transom.views import VERBS

if t.TYPE_CHECKING:
    from mypy.nodes import MypyFile


def _fullname(typ: type[t.Any]) -> str:
    module = "builtins" if typ.__module__ == "builtins" else typ.__module__
    return f"{module}.{typ.__qualname__}"


def test_verbs_are_transoms() -> None:
    assert names.VERBS == VERBS


def test_method_names_are_transoms() -> None:
    """url_for's _method, in the plugin's signature, takes the names of
    transom.typing.HTTPMethod."""
    assert names.HTTP_METHODS == t.get_args(HTTPMethod)


def test_builtin_converter_types_are_transoms() -> None:
    assert sorted(names.BUILTIN_CONVERTER_TYPES) == sorted(
        _fullname(typ) for typ in BUILTIN_CONVERTERS
    )


def test_converter_names_give_transoms_types() -> None:
    registry = ConverterRegistry()
    for name, fullname in names.CONVERTER_NAME_TYPES.items():
        assert _fullname(registry.type_for_name(name)) == fullname, name
    # 'any' takes a Literal, an Enum or str: no one type, checked apart.
    assert "any" not in names.CONVERTER_NAME_TYPES
    assert registry.type_for_name("any") is None


@pytest.mark.parametrize(
    "name", ["Post", "BlogPost", "HTMLPage", "APIv2Index", "post", "A", "ABC"]
)
def test_default_endpoint_names_are_transoms(name: str) -> None:
    view = type(name, (), {})
    assert static_endpoint_name(name, is_class=True) == endpoint_name(view)


def test_settings_from_mypy_ini(tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nplugins = transom.mypy\n\n"
        "[transom.mypy]\nconverters =\n    myapp.geo.Point,\n    decimal.Decimal\n"
    )
    loaded = load_config(str(config))
    assert loaded == PluginConfig(frozenset({"myapp.geo.Point", "decimal.Decimal"}))
    assert loaded.to_json() == {"converters": ["decimal.Decimal", "myapp.geo.Point"]}


def test_settings_from_pyproject(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.transom.mypy]\nconverters = ["myapp.geo.Point"]\n')
    assert load_config(str(config)).converters == frozenset({"myapp.geo.Point"})


def test_no_settings(tmp_path: Path) -> None:
    config = tmp_path / "setup.cfg"
    config.write_text("[mypy]\nstrict = True\n[transom.mypy]\n")
    assert load_config(str(config)) == PluginConfig()
    assert load_config(None) == PluginConfig()
    assert PluginConfig().converters is None
    assert PluginConfig().to_json() == {"converters": None}
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.transom.mypy]\n")
    assert load_config(str(pyproject)) == PluginConfig()


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("mypy.ini", "[transom.mypy]\nconverters = Point\n", "not the full name"),
        (
            "pyproject.toml",
            '[tool.transom.mypy]\nconverters = "myapp.Point"\n',
            "must be a list",
        ),
        ("pyproject.toml", "[tool.transom]\nmypy = 3\n", "must be a table"),
    ],
)
def test_bad_settings_name_the_fix(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    config = tmp_path / name
    config.write_text(text)
    with pytest.raises(PluginConfigError, match=message):
        load_config(str(config))


def test_run_time_code_never_imports_mypy() -> None:
    """Importing every module of transom but the plugin leaves mypy out."""
    code = (
        "import importlib, pathlib, sys, transom\n"
        "root = pathlib.Path(transom.__file__).parent\n"
        "for path in sorted(root.rglob('*.py')):\n"
        "    parts = path.relative_to(root.parent).with_suffix('').parts\n"
        "    if parts[1] != 'mypy':\n"
        "        importlib.import_module('.'.join(p for p in parts if p != '__init__'))\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'mypy'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_bad_settings_stop_mypy_with_one_line(tmp_path: Path) -> None:
    config = tmp_path / "mypy.ini"
    config.write_text(
        "[mypy]\nplugins = transom.mypy\n[transom.mypy]\nconverters = P\n"
    )
    (tmp_path / "app.py").write_text("x = 1\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "app.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr == (
        f"{config}: error: [transom.mypy] converters: 'P' is not the full name of"
        " a type; write it with its module, such as 'myapp.geo.Point'\n"
    )


def test_a_module_is_walked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``url_for("name")`` of a module reads one route table, made by
    one walk of its tree (not one per call and overload: quadratic)."""
    from benchmarks.typing_cost import routes_module

    from mypy import api
    from transom.mypy import endpoints

    walked: list[str] = []

    def counting(tree: MypyFile) -> endpoints.ModuleRoutes:
        walked.append(tree.fullname)
        return module_routes(tree)

    module_routes = endpoints.module_routes
    monkeypatch.setattr(endpoints, "module_routes", counting)
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nstrict = True\nplugins = transom.mypy\n"
    )
    (tmp_path / "routes.py").write_text(routes_module(20))
    monkeypatch.chdir(tmp_path)
    stdout, stderr, status = api.run(
        ["--config-file", "mypy.ini", "--cache-dir", str(tmp_path / "cache")]
        + ["--no-error-summary", "routes.py"]
    )
    assert (stdout, stderr, status) == ("", "", 0)
    assert walked == ["routes"]


def _parsed(source: str) -> MypyFile:
    from mypy.errors import Errors
    from mypy.options import Options
    from mypy.parse import parse

    options = Options()
    tree = parse(source, "views.py", "views", Errors(options), options, eager=True)
    # mypy's build names the module after parsing; it has no public setter.
    setattr(tree, "_fullname", "views")  # noqa: B010
    return tree


def test_route_tables_follow_the_tree() -> None:
    """A table is kept while mypy checks the tree it was read from, and read
    again from a new tree of the module (the daemon, after an edit)."""
    from transom.mypy.endpoints import RouteTables

    rule = "@app.route('/{0}', endpoint='{0}')\ndef {0}() -> str:\n    return ''\n"
    tables = RouteTables()
    first = _parsed(rule.format("index"))
    table = tables.of(first)
    assert sorted(table.views) == ["index"]
    assert tables.of(first) is table
    # mypy's daemon merges a new tree into the old MypyFile, which keeps
    # its identity and takes the new statements.
    first.defs = _parsed(rule.format("start")).defs
    assert sorted(tables.of(first).views) == ["start"]
    edited = _parsed(rule.format("home"))
    assert sorted(tables.of(edited).views) == ["home"]


_CONVERTED = """\
import decimal
import typing as t

from transom import App, Converter, View

app = App(__name__)


class Point(t.NamedTuple):
    x: int
    y: int


class PointConverter(Converter[Point]):
    regex = r"[0-9]+,[0-9]+"

    def to_python(self, value: str) -> Point:
        x, y = value.split(",")
        return Point(int(x), int(y))

    def to_url(self, value: Point) -> str:
        return f"{value.x},{value.y}"


app.register_converter(Point, PointConverter)


@app.route("/at/<point>")
class At(View):
    def get(self, point: Point, scale: decimal.Decimal) -> str:
        return f"{point} {scale}"
"""


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        # Not told: a plain class may have a converter; unknown is no error.
        ("", []),
        ("[transom.mypy]\nconverters = views.Point, decimal.Decimal\n", []),
        # Told, and the list is then complete: Decimal is not in it.
        (
            "[transom.mypy]\nconverters = views.Point\n",
            [
                "views.py:28: error: parameter 'scale' of At.get(): no converter"
                " for the annotation Decimal. Fix: use one of UUID, bool, date,"
                " float, int, str, Literal[...], an Enum or PathStr, or register a"
                " converter with app.register_converter(Decimal, YourConverter) and"
                " list decimal.Decimal under 'converters' in the [transom.mypy]"
                " section of the mypy configuration.  [transom-route]"
            ],
        ),
    ],
)
def test_converters_setting(tmp_path: Path, settings: str, expected: list[str]) -> None:
    """A type with a converter registered at run time is reported only when
    the settings list the converted types and leave it out."""
    (tmp_path / "mypy.ini").write_text(
        f"[mypy]\nstrict = True\nplugins = transom.mypy\n{settings}"
    )
    (tmp_path / "views.py").write_text(_CONVERTED)
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini"]
        + ["--cache-dir", str(tmp_path / "cache"), "--no-error-summary"]
        + ["--hide-error-context", "--no-pretty", "views.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.stdout.splitlines() == expected, result.stdout + result.stderr


def test_loading_the_plugin_leaves_the_framework_out() -> None:
    """mypy imports ``transom.mypy`` on every run: the framework and its
    dependencies stay unloaded, so the plugin costs mypy next to nothing."""
    code = (
        "import sys, mypy.build, transom.mypy\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in"
        " ('werkzeug', 'jinja2', 'markupsafe', 'itsdangerous')"
        " or n in ('transom.app', 'transom.routing', 'transom.params')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_package_names_are_all_exported() -> None:
    """``transom`` imports its public names when first used: each one the
    list names is there, and the list is what checkers see as ``__all__``."""
    import transom

    exports: dict[str, str] = vars(transom)["_EXPORTS"]
    assert transom.__all__ == list(exports)
    for name in transom.__all__:
        assert getattr(transom, name) is not None, name
    assert set(transom.__all__) <= set(dir(transom))
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        transom.Nope  # type: ignore[attr-defined]  # noqa: B018


_STATIC = """\
from transom import App, url_for

app = App(__name__{options})


def stylesheet() -> str:
    return url_for("static", filename="style.css")
"""


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ("", []),
        (
            ", static_folder=None",
            [
                "site.py:7: error: url_for('static'): no app of this code has a"
                " static files route, as App() is given static_folder=None. Fix:"
                " give App() a static_folder (the default is 'static'), or build"
                " the file's URL another way  [transom-url-for]"
            ],
        ),
    ],
)
def test_static_endpoint_of_an_app_without_static_files(
    tmp_path: Path, options: str, expected: list[str]
) -> None:
    """With static_folder=None, the app has no static route: url_for fails
    at run time, and the plugin says so; with a folder, both leave it be."""
    source = _STATIC.format(options=options)
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\nstrict = True\nplugins = transom.mypy\n"
    )
    (tmp_path / "site.py").write_text(source)
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text("p {}")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini"]
        + ["--cache-dir", str(tmp_path / "cache"), "--no-error-summary"]
        + ["--hide-error-context", "--no-pretty", "site.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.stdout.splitlines() == expected, result.stdout + result.stderr
    module = types.ModuleType("static_site_case")
    module.__file__ = str(tmp_path / "site.py")
    sys.modules[module.__name__] = module  # the app finds its folder by it
    try:
        exec(compile(source, module.__file__, "exec"), module.__dict__)
        app: t.Any = vars(module)["app"]
        stylesheet: t.Callable[[], str] = vars(module)["stylesheet"]
        with app.test_request_context():
            if expected:
                with pytest.raises(LookupError):
                    stylesheet()
            else:
                assert stylesheet() == "/static/style.css"
    finally:
        del sys.modules[module.__name__]
